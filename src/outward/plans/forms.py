"""Forms of the plan pages; the rules themselves live in `plans.domain`."""

from django import forms

from outward.partners.picker import PartnerField
from outward.plans.models import ActionStatus, PlanState, Side


class PlanCreateForm(forms.Form):
    # Chosen with the shared partner picker (a search), not a drop-down of every partner.
    partner = PartnerField()
    period = forms.CharField(help_text="A year (2026), a quarter (2026-Q1) or a month (2026-03).")
    notes = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # A partner user is offered, and may choose, only their own partner.
        self.fields["partner"].for_user(user)


class ActionForm(forms.Form):
    title = forms.CharField(max_length=200)
    owner_side = forms.ChoiceField(label="Owner side", choices=Side.choices)
    owner_name = forms.CharField(label="Owner name", max_length=200, required=False)
    owner_email = forms.EmailField(label="Owner e-mail", required=False)
    due_date = forms.DateField(label="Due date", widget=forms.DateInput(attrs={"type": "date"}))


class ActionEditForm(ActionForm):
    status = forms.ChoiceField(choices=ActionStatus.choices)


class NotesForm(forms.Form):
    notes = forms.CharField(widget=forms.Textarea(attrs={"rows": 6}), required=False)


class PlanFilterForm(forms.Form):
    state = forms.ChoiceField(choices=[("", "Any state"), *PlanState.choices], required=False)
    period = forms.CharField(
        required=False,
        label="Period",
        widget=forms.TextInput(attrs={"placeholder": "e.g. 2026 or 2026-Q1"}),
    )
