"""The partner list's search, filter and sort form (a GET form; every field is optional), and
the forms of the user pages."""

from django import forms

from outward.core.models import Role
from outward.partners.columns import partner_columns, partner_filters
from outward.partners.picker import PartnerField
from outward.partners.queries import PARTNER_SORTS

ROLES = Role.choices


def sort_choices() -> list[tuple[str, str]]:
    """Every sortable column, each way: the partner's own fields and the areas' columns."""
    keys = [*PARTNER_SORTS, *(column.key for column in partner_columns())]
    return [(key, key) for key in keys] + [(f"-{key}", key) for key in keys]


class PartnerSearchForm(forms.Form):
    q = forms.CharField(label="Search", required=False, max_length=200, strip=True)
    tier = forms.ChoiceField(label="Tier", required=False)
    country = forms.ChoiceField(label="Country", required=False)
    manager = forms.ChoiceField(label="Partner manager", required=False)
    sort = forms.ChoiceField(label="Sort by", required=False, choices=sort_choices)

    def __init__(self, data, *, tiers: list[str], countries: list[str], managers: list[str]):
        super().__init__(data)
        self.fields["tier"].choices = [("", "All tiers")] + [(t, t) for t in tiers]
        self.fields["country"].choices = [("", "All countries")] + [(c, c) for c in countries]
        self.fields["manager"].choices = [("", "All managers")] + [(m, m) for m in managers]
        for extra in partner_filters():
            self.fields[extra.key] = forms.ChoiceField(
                label=extra.label, required=False, choices=[("", "Any"), *extra.choices()]
            )

    def extra_filters(self) -> dict[str, str]:
        """The areas' filters that are set (after `filters`), by key."""
        data = getattr(self, "cleaned_data", {})
        return {f.key: data[f.key] for f in partner_filters() if data.get(f.key)}

    def filters(self) -> dict:
        """The valid filters as keyword arguments of `search_partners`; invalid ones ignored."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "text": data.get("q") or "",
            "tier": data.get("tier") or "",
            "country": data.get("country") or "",
            "manager_email": data.get("manager") or "",
            "sort": data.get("sort") or "partner_id",
        }


class PortfolioForm(forms.Form):
    """The home page's portfolio table: its sort (invalid values mean the default)."""

    sort = forms.ChoiceField(required=False, choices=sort_choices)

    def chosen_sort(self) -> str:
        self.is_valid()
        return getattr(self, "cleaned_data", {}).get("sort") or "name"


USER_STATES = [("", "Any state"), ("active", "Active"), ("deactivated", "Deactivated")]


class UserSearchForm(forms.Form):
    """The user list's search (a GET form; invalid values mean no filter)."""

    q = forms.CharField(label="Search", required=False, max_length=200, strip=True)
    role = forms.ChoiceField(label="Role", required=False, choices=[("", "All roles"), *ROLES])
    state = forms.ChoiceField(label="State", required=False, choices=USER_STATES)

    def filters(self) -> dict:
        """The valid filters as keyword arguments of `search_users`."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {key: data.get(field) or "" for key, field in FILTERS.items()}


FILTERS = {"text": "q", "role": "role", "state": "state"}


class RoleForm(forms.Form):
    """A user's role, and their partner when they are a partner user."""

    role = forms.ChoiceField(label="Role", choices=ROLES, initial=Role.PARTNER)
    partner = PartnerField(
        required=False, help_text="Only a partner user has one: the partner they work for."
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].for_user(user)

    def partner_id(self) -> str | None:
        partner = self.cleaned_data.get("partner")
        return partner.partner_id if partner else None


class UserCreateForm(RoleForm):
    """A new login; the person chooses their password through the invitation."""

    email = forms.EmailField(label="E-mail address", max_length=254)
    invite = forms.BooleanField(
        label="E-mail an invitation to choose a password",
        required=False,
        initial=True,
    )
    field_order = ["email", "role", "partner", "invite"]
