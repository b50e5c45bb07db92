"""One number format for people: separators, the installation's currency, plain inputs."""

from decimal import Decimal

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.template import Context, Template

from outward.core.numbers import money_text, number_text, plain_number
from outward.env import envcurrency


@pytest.mark.parametrize(
    ("currency", "value", "text"),
    [
        ("", Decimal("4932433.5"), "4,932,434"),
        ("EUR", Decimal("4932433.5"), "4,932,434 EUR"),
        ("€", 1234.4, "€1,234"),
        ("$", Decimal("-1234"), "-$1,234"),
        ("CHF", Decimal("-0.2"), "0 CHF"),
        ("EUR", None, "—"),
    ],
)
def test_money_text(currency, value, text):
    assert money_text(value, currency=currency) == text


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Decimal("1234567.5000"), "1,234,567.5"),
        (12.0, "12"),
        (Decimal("0.12345"), "0.1234"),  # half to even, as Decimal rounds
        (Decimal("-0.00001"), "0"),
        (None, "—"),
    ],
)
def test_number_text(value, text):
    assert number_text(value) == text


def test_inputs_show_plain_numbers_without_padding():
    values = [Decimal("4932433.0000"), Decimal("55000.5500"), Decimal("100000"), None]
    assert [plain_number(v) for v in values] == ["4932433", "55000.55", "100000", ""]


def test_money_filter_uses_the_installations_currency(settings):
    settings.OUTWARD_CURRENCY = "EUR"
    template = Template("{% load outward %}{{ amount|money }} · {{ value|number }}")

    text = template.render(Context({"amount": Decimal("4932433.00"), "value": Decimal("13.50")}))

    assert text == "4,932,433 EUR · 13.5"


@pytest.mark.parametrize("raw", ["EURO", "10", "€ 1", "U.S"])
def test_currency_setting_refuses_what_is_no_currency(monkeypatch, raw):
    monkeypatch.setenv("OUTWARD_CURRENCY", raw)
    with pytest.raises(ImproperlyConfigured, match="OUTWARD_CURRENCY=.* is not a currency"):
        envcurrency("OUTWARD_CURRENCY")


def test_currency_setting_takes_a_code_or_a_symbol(monkeypatch):
    values = []
    for raw in (" EUR ", "€", ""):
        monkeypatch.setenv("OUTWARD_CURRENCY", raw)
        values.append(envcurrency("OUTWARD_CURRENCY"))
    assert values == ["EUR", "€", ""]
