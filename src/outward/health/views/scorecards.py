"""Printable scorecards: both sides of each partner, its objectives and its last quarters.

A partner user prints their own partner's, worded from their side, without the vendor's
internal quadrant names.
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from outward.core.numbers import ratio
from outward.core.periods import Period, trailing_quarters
from outward.core.permissions import permission_required
from outward.health.domain import check_threshold, evaluate_partners, health_report
from outward.health.forms import HealthFilterForm
from outward.health.views.common import QUADRANTS, TREND_QUARTERS
from outward.partners.models import Partner
from outward.sales.domain import partner_actuals

# Scorecards printed at once.
SCORECARD_CAP = 200


def scorecards_context(partners, form: HealthFilterForm) -> list[dict]:
    """One scorecard per partner: both sides' numbers, objectives and an 8-quarter trend."""
    data = form.cleaned_data
    report = health_report(
        period=data["period"],
        as_of=data["as_of"],
        threshold=data["threshold"],
        partners=partners,
    )
    actuals = partner_actuals(period=data["period"], as_of=data["as_of"], partners=partners)
    keys = dict(partners.values_list("pk", "partner_id"))
    by_key = {keys[pk]: value for pk, value in actuals.items() if pk in keys}
    quarters = trailing_quarters(quarters=TREND_QUARTERS, as_of=data["as_of"])
    history: dict[str, list[dict]] = {}
    by_quarter = evaluate_partners(
        periods=quarters,
        as_of=data["as_of"],
        threshold=check_threshold(data["threshold"]),
        partners=partners,
        detail=False,
    )
    for quarter, healths in zip(quarters, by_quarter, strict=True):
        for health in sorted(healths.values(), key=lambda h: h.partner_id):
            history.setdefault(health.partner_id, []).append(
                {
                    "period": quarter.text,
                    "quota_attainment": ratio(health.quota_attainment),
                    "objectives_met_share": ratio(health.objectives_met_share),
                    "quadrant": health.quadrant,
                }
            )
    cards = []
    for entry in report["partners"]:
        objectives = [
            objective
            | {
                "bar": None
                if objective["progress"] is None
                else round(min(max(objective["progress"], 0.0), 1.0) * 100)
            }
            for objective in entry["objectives"]
        ]
        cards.append(
            {
                "entry": entry,
                "quadrant_label": QUADRANTS[entry["quadrant"]][0],
                "deals_won": getattr(by_key.get(entry["partner_id"]), "deals_won", 0),
                "new_customers": getattr(by_key.get(entry["partner_id"]), "new_customers", 0),
                "objectives": objectives,
                "history": history.get(entry["partner_id"], []),
            }
        )
    return cards


def _scorecard_page(request, form, partners, *, capped: int = 0) -> HttpResponse:
    context = {
        "form": form,
        "capped": capped,
        "cap": SCORECARD_CAP,
        "from_partner": request.user.is_partner_user,
    }
    status = 200
    if form.is_valid():
        context["cards"] = scorecards_context(partners, form)
        context["period"] = period = Period.parse(form.cleaned_data["period"])
        context["period_running"] = period.is_running(form.cleaned_data["as_of"])
    else:
        status = 400
    return render(request, "health/scorecards.html", context, status=status)


@permission_required("health.view_scorecard")
def scorecard(request: HttpRequest, partner_id: str) -> HttpResponse:
    """One partner's printable scorecard; a partner user may print their own partner's."""
    partner = get_object_or_404(Partner.objects.all(), partner_id=partner_id)
    form = HealthFilterForm(request.GET)
    return _scorecard_page(request, form, Partner.objects.filter(pk=partner.pk))


@permission_required("health.view_channel")
def scorecards(request: HttpRequest) -> HttpResponse:
    """The scorecards of every filtered partner, one printed page each (capped)."""
    form = HealthFilterForm(request.GET)
    if not form.is_valid():
        return _scorecard_page(request, form, Partner.objects.none())
    partners = form.partners()
    total = partners.count()
    chosen = list(partners.order_by("partner_id").values_list("pk", flat=True)[:SCORECARD_CAP])
    capped = total if total > SCORECARD_CAP else 0
    return _scorecard_page(request, form, Partner.objects.filter(pk__in=chosen), capped=capped)
