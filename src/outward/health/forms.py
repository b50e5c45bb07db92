"""The dashboard's selectors: period, as-of date, threshold, and the partner filters."""

import datetime as dt
from urllib.parse import urlencode

from django import forms
from django.db.models import QuerySet
from django.utils import timezone

from outward.core.periods import Period, PeriodError
from outward.health.domain import DEFAULT_THRESHOLD, QUADRANT_SEVERITY, check_threshold
from outward.partners.models import Partner
from outward.territories.models import PartnerTerritory, Territory

FILTER_FIELDS = ("period", "as_of", "threshold", "tier", "country", "territory", "manager")


def period_choices(today: dt.date) -> list:
    """This year, the two before, and their quarters (newest first), grouped per year."""
    groups = []
    for year in range(today.year, today.year - 3, -1):
        options = [(str(year), f"{year} (whole year)")]
        options += [(f"{year}-Q{q}", f"{year}-Q{q}") for q in range(4, 0, -1)]
        groups.append((str(year), options))
    return groups


def territory_tree() -> tuple[list[tuple[str, str]], dict[str, list[int]]]:
    """Territory choices indented by depth, and each territory's own pk plus its descendants'."""
    nodes = list(Territory.objects.values_list("pk", "territory_id", "name", "parent_id"))
    children: dict[int | None, list[tuple]] = {}
    for node in nodes:
        children.setdefault(node[3], []).append(node)
    choices: list[tuple[str, str]] = []
    below: dict[str, list[int]] = {}

    def walk(parent: int | None, depth: int, ancestors: list[str]) -> None:
        for pk, key, name, _ in sorted(children.get(parent, []), key=lambda n: n[2]):
            choices.append((key, "\u2003" * depth + name))
            below[key] = [pk]
            for ancestor in ancestors:
                below[ancestor].append(pk)
            walk(pk, depth + 1, [*ancestors, key])

    walk(None, 0, [])
    return choices, below


class HealthFilterForm(forms.Form):
    """What the dashboard, its exports and the printed scorecards show."""

    period = forms.ChoiceField(label="Period")
    as_of = forms.DateField(
        label="As of",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Deals and check-ins after this day are not counted (default: today).",
    )
    threshold = forms.FloatField(
        label="Own objectives threshold",
        required=False,
        min_value=0,
        max_value=1,
        widget=forms.NumberInput(attrs={"step": "0.05"}),
        help_text="Share of its own objectives (by weight) a partner must meet, 0 to 1.",
    )
    tier = forms.ChoiceField(label="Tier", required=False)
    country = forms.ChoiceField(label="Country", required=False)
    territory = forms.ChoiceField(label="Territory", required=False)
    manager = forms.ChoiceField(label="Partner manager", required=False)

    def __init__(self, data=None, *, today: dt.date | None = None):
        self.today = today or timezone.localdate()
        data = data.copy() if data is not None else {}
        for name in FILTER_FIELDS:
            # An empty selector means its default, so bookmarked and hand-made URLs work.
            if not data.get(name):
                data[name] = self.default(name)
        super().__init__(data)
        period_groups = period_choices(self.today)
        known = {value for _, options in period_groups for value, _ in options}
        asked = (data.get("period") or "").strip()
        if asked not in known and self._parses(asked):
            period_groups.insert(0, ("Other", [(asked, asked)]))
        self.fields["period"].choices = period_groups
        self.fields["tier"].choices = self._distinct("tier", "All tiers")
        self.fields["country"].choices = self._distinct("country", "All countries")
        self.fields["manager"].choices = self._distinct("manager_email", "All managers")
        territories, self.territory_members = territory_tree()
        self.fields["territory"].choices = [("", "All territories"), *territories]

    def default(self, name: str) -> str:
        return {
            "period": str(self.today.year),
            "as_of": self.today.isoformat(),
            "threshold": str(DEFAULT_THRESHOLD),
        }.get(name, "")

    @staticmethod
    def _parses(text: str) -> bool:
        try:
            Period.parse(text)
        except PeriodError:
            return False
        return True

    @staticmethod
    def _distinct(field: str, everyone: str) -> list[tuple[str, str]]:
        values = (
            Partner.objects.exclude(**{field: ""})
            .order_by(field)
            .values_list(field, flat=True)
            .distinct()
        )
        return [("", everyone), *((v, v) for v in values)]

    def partners(self) -> QuerySet:
        """The partners the filters select, within the current scope."""
        data = self.cleaned_data
        queryset = Partner.objects.all()
        if data["tier"]:
            queryset = queryset.filter(tier=data["tier"])
        if data["country"]:
            queryset = queryset.filter(country=data["country"])
        if data["manager"]:
            queryset = queryset.filter(manager_email__iexact=data["manager"])
        if data["territory"]:
            covering = PartnerTerritory.objects.filter(
                territory_id__in=self.territory_members[data["territory"]]
            ).values("partner_id")
            queryset = queryset.filter(pk__in=covering)
        return queryset

    # The compact bar shows these; the others are folded under "More options".
    MAIN_FIELDS = ("period", "tier", "manager")

    def main_fields(self):
        return [self[name] for name in self.MAIN_FIELDS]

    def more_fields(self):
        return [self[name] for name in FILTER_FIELDS if name not in self.MAIN_FIELDS]

    def hidden_fields(self):
        return [field for field in super().hidden_fields() if field.value() not in (None, "")]

    def selection(self):
        """The valid selection as the engine takes it: period, as-of date, exact threshold."""
        data = self.cleaned_data
        return {
            "period": Period.parse(data["period"]),
            "as_of": data["as_of"],
            "threshold": check_threshold(data["threshold"]),
        }

    @property
    def is_filtered(self) -> bool:
        return any(self.cleaned_data[name] for name in ("tier", "country", "territory", "manager"))

    def query_string(self) -> str:
        """The current selection as a URL query (for exports and printing)."""
        values = {
            "period": self.cleaned_data["period"],
            "as_of": self.cleaned_data["as_of"].isoformat(),
            "threshold": self.cleaned_data["threshold"],
        }
        values |= {
            name: self.cleaned_data[name]
            for name in ("tier", "country", "territory", "manager")
            if self.cleaned_data[name]
        }
        return urlencode(values)


LIST_SORTS = {
    "severity": "Most worrying first",
    "partner": "Partner",
    "revenue": "Revenue",
    "attainment": "Quota attainment",
    "share": "Own objectives met",
}


class HealthListForm(HealthFilterForm):
    """The dashboard's selection, narrowed to a quadrant or a cell of the chart, sorted."""

    quadrant = forms.ChoiceField(label="Quadrant", required=False)
    min_attainment = forms.FloatField(required=False, min_value=0, widget=forms.HiddenInput)
    max_attainment = forms.FloatField(required=False, min_value=0, widget=forms.HiddenInput)
    min_share = forms.FloatField(required=False, min_value=0, max_value=1, widget=forms.HiddenInput)
    max_share = forms.FloatField(required=False, min_value=0, max_value=1, widget=forms.HiddenInput)
    sort = forms.ChoiceField(
        label="Sort by",
        required=False,
        choices=[(key, key) for key in LIST_SORTS] + [(f"-{key}", key) for key in LIST_SORTS],
        widget=forms.HiddenInput,
    )
    MAIN_FIELDS = ("period", "quadrant", "tier", "manager")

    def __init__(self, data=None, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["quadrant"].choices = [("", "All quadrants")] + [
            (key, key.replace("_", " ").capitalize()) for key in QUADRANT_SEVERITY
        ]

    def chooses(self, health) -> bool:
        """Whether a partner's health falls in the chosen quadrant and cell."""
        data = self.cleaned_data
        if data["quadrant"] and health.quadrant != data["quadrant"]:
            return False
        ranges = (
            (health.quota_attainment, data["min_attainment"], data["max_attainment"]),
            (health.objectives_met_share, data["min_share"], data["max_share"]),
        )
        for value, low, high in ranges:
            if low is None and high is None:
                continue
            if (
                value is None
                or (low is not None and value < low)
                or (high is not None and value >= high)
            ):
                return False
        return True

    @property
    def cell(self) -> dict | None:
        data = self.cleaned_data
        names = ("min_attainment", "max_attainment", "min_share", "max_share")
        return {n: data[n] for n in names} if any(data[n] is not None for n in names) else None
