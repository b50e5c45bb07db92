"""Home pages, the password reset flow and the error pages."""

import re

import pytest
from django.core import mail
from django.template.loader import get_template
from django.urls import reverse

from tests import factories


def test_home_partner_user_goes_to_own_partner(world, login):
    response = login(world.user_a).get("/")

    assert (response.status_code, response["Location"]) == (302, "/partners/PA/")


def test_home_anonymous_goes_to_login(client, db):
    response = client.get("/")

    assert (response.status_code, response["Location"]) == (302, "/login/?next=/")


def test_home_manager_sees_portfolio(world, login):
    factories.PartnerFactory(partner_id="PX", name="Elsewhere", manager_email="dee@vendor.example")

    response = login(world.manager).get("/")

    assert response.status_code == 200
    assert [p.partner_id for p, _ in response.context["rows"]] == ["PA", "PB"]
    assert response.context["partner_count"] == 3
    assert "Acme Integration" in response.text
    assert "Elsewhere" not in response.text
    assert 'href="/partners/"' in response.text


def test_home_manager_without_portfolio_is_told_why(world, login):
    other = factories.UserFactory(username="dee@vendor.example", role="manager")

    response = login(other).get("/")

    assert response.context["page"].paginator.count == 0
    assert "No partner names you (dee@vendor.example) as its partner manager." in response.text


def test_home_manager_without_partners_points_to_demo(db, login):
    manager = factories.UserFactory(username="new@vendor.example", role="manager")

    response = login(manager).get("/")

    assert "There are no partners yet." in response.text
    assert "outward demo" in response.text


def test_login_page_logs_in_and_goes_home(world, client):
    response = client.post(
        "/login/",
        {"username": "ann@acme.example", "password": "correct horse battery"},
    )

    assert (response.status_code, response["Location"]) == (302, "/")


def test_login_wrong_password_says_so(world, client):
    response = client.post("/login/", {"username": "ann@acme.example", "password": "nope"})

    assert response.status_code == 200
    assert "Your email and password did not match." in response.text


def test_password_reset_flow(world, client):
    response = client.post("/password-reset/", {"email": "ann@acme.example"})
    assert (response.status_code, response["Location"]) == (302, "/password-reset/done/")
    assert [m.subject for m in mail.outbox] == ["Reset your Outward password"]
    assert mail.outbox[0].to == ["ann@acme.example"]
    link = re.search(r"http://testserver(/reset/\S+/)", mail.outbox[0].body).group(1)

    form = client.get(link, follow=True)
    assert "Choose a new password" in form.text
    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "a much better secret 42", "new_password2": "a much better secret 42"},
    )
    assert (done.status_code, done["Location"]) == (302, "/reset/done/")

    assert "Your password has been changed" in client.get("/reset/done/").text
    world.user_a.refresh_from_db()
    assert world.user_a.check_password("a much better secret 42") is True


def test_password_reset_unknown_email_looks_the_same(db, client):
    response = client.post("/password-reset/", {"email": "nobody@nowhere.example"})

    assert (response.status_code, response["Location"]) == (302, "/password-reset/done/")
    assert mail.outbox == []


def test_password_reset_bad_link_explains(db, client):
    response = client.get(reverse("password_reset_confirm", args=["MQ", "bad-token"]))

    assert response.status_code == 200
    assert "This link no longer works" in response.text


def test_password_reset_uses_outward_templates(db, client):
    response = client.get("/password-reset/")

    assert [t.name for t in response.templates][:2] == [
        "registration/password_reset_form.html",
        "base.html",
    ]


def test_not_found_page(world, login):
    response = login(world.manager).get("/no/such/page/")

    assert response.status_code == 404
    assert "does not exist, or you do not have access to it" in response.text


@pytest.mark.django_db
def test_server_error_page_renders_without_a_request_context():
    html = get_template("500.html").render()

    assert "Something went wrong" in html
    assert "Log out" not in html
