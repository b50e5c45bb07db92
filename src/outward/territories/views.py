"""Territory pages: the tree with its coverage, editing, testing an account, the coverage
table and the channel-conflict report. Business rules live in `territories.domain`."""

from contextlib import suppress

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from outward.core.downloads import csv_download
from outward.core.errors import InputError
from outward.core.models import TaskRun
from outward.core.permissions import allows, permission_required
from outward.core.runs import start_run
from outward.partners.models import Partner
from outward.partners.picker import PartnerField, picker, search_view
from outward.sales.models import Account as AccountRow
from outward.territories import world_map
from outward.territories.domain.assignment import load_tree
from outward.territories.domain.conflicts import channel_conflicts, territory_choices
from outward.territories.domain.coverage import NOT_CHECKED, country_coverage, parse_crowding
from outward.territories.domain.covering import (
    cover_territory,
    covering_partners,
    uncover_territory,
)
from outward.territories.domain.editing import (
    TerritoryRefused,
    create_territory,
    update_territory,
)
from outward.territories.domain.matching import Account, Matcher, explain_assignment
from outward.territories.models import Assignment, Territory
from outward.territories.queries import coverage_tree

DEFAULT_CROWDED_ABOVE = "3"
CONFLICTS_PER_PAGE = 25
COVERING_PAGE = 25  # covering partners listed on the edit page at a time
LISTS = ("countries", "subdivisions", "postal_prefixes", "industries")
NUMBERS = ("priority", "min_employees", "max_employees")


def _crowding(request) -> tuple[dict, dict]:
    """The crowding thresholds of the query string (3 partners by default) and any error."""
    values = {
        "crowded_above": request.GET.get("crowded_above", DEFAULT_CROWDED_ABOVE),
        "per_1000": request.GET.get("per_1000", ""),
    }
    try:
        crowding = parse_crowding(partners=values["crowded_above"], per_thousand=values["per_1000"])
    except InputError as exc:
        return {"values": values, "error": str(exc)}, NOT_CHECKED
    return {"values": values, "error": None}, crowding


@permission_required("territories.view")
def tree(request):
    """The territory tree with accounts and partners per node, white space and crowding."""
    form, crowding = _crowding(request)
    roots, rows = coverage_tree(crowding=crowding)
    task = None
    if request.GET.get("task", "").isdigit():
        task = TaskRun.objects.filter(
            user=request.user, kind="territories.assign", pk=int(request.GET["task"])
        ).first()
    context = {
        "roots": roots,
        "white_space": sum(row.white_space for row in rows),
        "crowded": sum(row.crowded for row in rows),
        "crowding": form,
        "task": task,
        "moved": request.GET.get("moved"),
        "can_edit": allows(request.user, "territories.edit"),
    }
    return render(request, "territories/tree.html", context, status=400 if form["error"] else 200)


@permission_required("territories.view")
def coverage(request):
    """The coverage table, one row per territory, by key."""
    form, crowding = _crowding(request)
    _, rows = coverage_tree(crowding=crowding)
    context = {"rows": rows, "crowding": form}
    return render(
        request, "territories/coverage.html", context, status=400 if form["error"] else 200
    )


def _fields(data) -> dict:
    fields = {"name": data.get("name", ""), "parent_id": data.get("parent_id", "").strip()}
    for name in LISTS:
        fields[name] = data.get(name, "").replace(",", ";").split(";")
    for name in NUMBERS:
        fields[name] = data.get(name, "").strip()
    return fields


def _initial(territory: Territory) -> dict:
    values = {
        "territory_id": territory.territory_id,
        "name": territory.name,
        "parent_id": territory.parent.territory_id if territory.parent else "",
    }
    values.update({name: "; ".join(getattr(territory, name)) for name in LISTS})
    values.update({name: getattr(territory, name) for name in NUMBERS})
    values["priority"] = territory.priority
    return {k: "" if v is None else v for k, v in values.items()}


def _form(request, *, territory: Territory | None, cover_errors=None):
    problems, values = {}, _initial(territory) if territory else {"priority": 0}
    if request.method == "POST" and cover_errors is None:
        values = request.POST
        try:
            if territory is None:
                change = create_territory(
                    territory_id=request.POST.get("territory_id", ""), **_fields(request.POST)
                )
            else:
                change = update_territory(territory=territory, **_fields(request.POST))
        except TerritoryRefused as exc:
            problems = exc.problems
        else:
            return redirect(f"{_tree_url()}?moved={change.moved}&saved={change.territory.pk}")
    context = {
        "territory": territory,
        "values": values,
        "problems": problems,
        "parents": Territory.objects.exclude(pk=getattr(territory, "pk", None)),
    }
    if territory is not None:
        pages = Paginator(covering_partners(territory), COVERING_PAGE)
        context["page"] = pages.get_page(request.GET.get("page"))
        context["picker"] = picker(
            request,
            search_url=reverse("territories:partner_search"),
            errors=cover_errors or (),
            label="Add a covering partner",
        )
    status = 400 if problems or cover_errors else 200
    return render(request, "territories/edit.html", context, status=status)


def _tree_url() -> str:
    return reverse("territories:tree")


@permission_required("territories.view")
def map_page(request):
    """Countries shaded by accounts per covering partner, with the figures as a table."""
    rows = country_coverage()
    most = world_map.most_per_partner(rows)
    shaded = [(row, world_map.shade(row, most)) for row in rows]
    context = {"rows": shaded, "legend": world_map.legend(most)}
    return render(request, "territories/map.html", context)


@permission_required("territories.view")
def map_svg(request):
    """The map itself, an SVG document (the page shows it as an image)."""
    svg = world_map.world_map_svg(country_coverage())
    return HttpResponse(svg, content_type="image/svg+xml")


@permission_required("territories.edit")
def create(request):
    """A new territory: key, name, parent and criteria."""
    return _form(request, territory=None)


def _access_territory(territory_id: str) -> Territory:
    territory = Territory.objects.select_related("parent").filter(territory_id=territory_id).first()
    if territory is None:
        raise Http404("no such territory")
    return territory


@permission_required("territories.edit")
def edit(request, territory_id: str):
    """Rename, move or re-criteria a territory; the accounts it concerns are re-assigned."""
    return _form(request, territory=_access_territory(territory_id))


partner_search = search_view("territories.edit")


@require_POST
@permission_required("territories.edit")
def cover(request, territory_id: str):
    """A partner chosen in the picker covers the territory from now on."""
    territory = _access_territory(territory_id)
    field = PartnerField(user=request.user)
    try:
        partner = field.clean(request.POST.get("partner", ""))
    except ValidationError as exc:
        return _form(request, territory=territory, cover_errors=exc.messages)
    if cover_territory(territory=territory, partner=partner):
        messages.success(request, f"{partner.name} covers {territory.name} now.")
    else:
        messages.info(request, f"{partner.name} already covers {territory.name}.")
    return redirect("territories:edit", territory_id=territory.territory_id)


@permission_required("territories.edit")
def uncover(request, territory_id: str, partner_id: str):
    """Confirm, then end a partner's coverage of the territory."""
    territory = _access_territory(territory_id)
    partner = Partner.objects.filter(
        partner_territories__territory=territory, partner_id=partner_id
    ).first()
    if partner is None:
        raise Http404("the partner does not cover this territory")
    if request.method == "POST":
        with suppress(InputError):  # removed meanwhile by someone else: the outcome stands
            uncover_territory(territory=territory, partner=partner)
        messages.success(request, f"{partner.name} no longer covers {territory.name}.")
        return redirect("territories:edit", territory_id=territory.territory_id)
    context = {"territory": territory, "partner": partner}
    return render(request, "territories/uncover.html", context)


@permission_required("territories.edit")
def test_account(request):
    """Which territory an account with these fields would land in, and why."""
    fields = ("country", "subdivision", "postal_code", "industry", "employees")
    values = {name: request.GET.get(name, "").strip() for name in ("account", *fields)}
    error, explanation, stored = None, None, None
    if values["account"]:
        found = AccountRow.objects.filter(account_id=values["account"]).first()
        if found is None:
            error = f"account: unknown account {values['account']!r}"
        else:
            values.update({name: getattr(found, name) or "" for name in fields})
            values["employees"] = "" if found.employees is None else str(found.employees)
            stored = Assignment.objects.filter(account=found).select_related("territory").first()
    if error is None and any(values[name] for name in fields):
        employees = None
        if values["employees"]:
            if values["employees"].isdigit():
                employees = int(values["employees"])
            else:
                error = f"employees: {values['employees']!r} is not a whole number"
        if error is None:
            account = Account(*(values[name] for name in fields[:4]), employees)
            explanation = explain_assignment(Matcher(load_tree().nodes), account)
    context = {"values": values, "error": error, "explanation": explanation, "stored": stored}
    return render(request, "territories/test.html", context, status=400 if error else 200)


@require_POST
@permission_required("territories.edit")
def assign(request):
    """Assign every account in a tracked background run; the tree shows its progress."""
    run = start_run("territories.assign", user=request.user, label="Territory assignment")
    return redirect(f"{_tree_url()}?task={run.pk}")


def _conflict_filters(request) -> tuple[dict, list]:
    territory = request.GET.get("territory", "")
    partner = request.GET.get("partner", "").strip()
    keys = None
    if territory:
        tree = load_tree()
        keys = tree.subtree(territory) if territory in tree.pk_of else set()
    found = channel_conflicts(as_of=timezone.localdate(), territory_ids=keys, partner_id=partner)
    return {"territory": territory, "partner": partner}, found


@permission_required("territories.edit")
def conflicts(request):
    """Accounts with open or won deals from two or more partners in the last 12 months."""
    filters, found = _conflict_filters(request)
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "filters": filters,
        "count": len(found),
        "page": Paginator(found, CONFLICTS_PER_PAGE).get_page(request.GET.get("page")),
        "territories": territory_choices(),
        "query": query.urlencode(),
        "query_prefix": f"{query.urlencode()}&" if query else "",
    }
    return render(request, "territories/conflicts.html", context)


@permission_required("territories.edit")
def conflicts_csv(request):
    """The conflict report as CSV, one line per deal."""
    _, found = _conflict_filters(request)
    header = (
        "account_id",
        "account",
        "territory_id",
        "deal_id",
        "partner_id",
        "partner",
        "stage",
        "amount",
        "close_date",
    )
    rows = (
        (
            c.account_id,
            c.account_name,
            c.territory_id or "",
            d["deal_id"],
            d["partner_id"],
            d["partner"],
            d["stage"],
            f"{d['amount']:.2f}",
            d["close_date"].isoformat(),
        )
        for c in found
        for d in c.deals
    )
    return csv_download(filename="channel-conflicts.csv", header=header, rows=rows)
