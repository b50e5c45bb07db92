"""The partner picker, shared by every form that names a partner (new plan, new user,
covering partners): a search box whose matches (at most PICKER_SIZE) replace themselves as
the user types, and a form field that accepts only a partner the user may see, by key.

An area mounts `search_view(permission)` on a URL of its own (so the picker asks the same
permission as the form it sits in) and includes `partners/_picker.html` with `picker(...)`.
"""

from dataclasses import dataclass, field

from django import forms
from django.db.models import Q
from django.shortcuts import render

from outward.core.permissions import permission_required
from outward.partners.models import Partner
from outward.partners.queries import partners_for_user

PICKER_SIZE = 20


def pick_partners(user, *, text: str, selected: Partner | None = None) -> tuple[list[Partner], int]:
    """Up to PICKER_SIZE partners the user may see whose name or key contains `text` (the
    chosen one first), and how many match in all. A partner user always gets their own
    partner; vendor staff get nothing until they type."""
    partners = partners_for_user(user).order_by("name", "partner_id")
    text = text.strip()
    if user.is_vendor:
        matches = (
            partners.filter(Q(name__icontains=text) | Q(partner_id__icontains=text))
            if text
            else partners.none()
        )
    else:
        matches = partners
    shown = list(matches[:PICKER_SIZE])
    if selected is not None and all(p.pk != selected.pk for p in shown):
        shown = [selected, *shown[: PICKER_SIZE - 1]]
    return shown, matches.count()


class PartnerField(forms.ModelChoiceField):
    """A partner chosen in the picker, by key; one the user may not see is not a choice."""

    def __init__(self, *, user=None, **kwargs):
        kwargs.setdefault(
            "error_messages",
            {
                "required": "Search for the partner and choose it.",
                "invalid_choice": "No such partner: search for it and choose it.",
            },
        )
        super().__init__(queryset=Partner.objects.none(), to_field_name="partner_id", **kwargs)
        if user is not None:
            self.for_user(user)

    def for_user(self, user) -> None:
        self.queryset = partners_for_user(user)


@dataclass
class Picker:
    """What `partners/_picker.html` shows: the search, its matches and the chosen partner."""

    search_url: str
    text: str = ""
    choices: list[Partner] = field(default_factory=list)
    match_count: int = 0
    selected: Partner | None = None
    vendor: bool = True
    name: str = "partner"
    label: str = "Partner"
    required: bool = True
    hint: str = ""  # said after the search's own help, e.g. when a partner is needed
    errors: list[str] = field(default_factory=list)


def picker(request, *, search_url: str, selected_key: str = "", errors=(), **shown) -> Picker:
    """The picker for this request: its search text (`q`) and chosen partner (`partner`);
    `shown` sets the label, `required` and `hint`."""
    params = request.POST if request.method == "POST" else request.GET
    text = params.get("q", "")
    key = selected_key or params.get("partner", "")
    selected = partners_for_user(request.user).filter(partner_id=key).first() if key else None
    choices, count = pick_partners(request.user, text=text, selected=selected)
    return Picker(
        search_url=search_url,
        text=text,
        choices=choices,
        match_count=count,
        selected=selected,
        vendor=request.user.is_vendor,
        errors=list(errors),
        **shown,
    )


def search_view(permission: str):
    """A page answering the picker's searches (htmx, as the user types), for `permission`."""

    @permission_required(permission)
    def partner_search(request):
        found = picker(request, search_url=request.path)
        return render(request, "partners/_picker_choices.html", {"picker": found})

    return partner_search
