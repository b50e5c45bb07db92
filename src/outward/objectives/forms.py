"""Forms of the objective pages: presentation only; the import's validation decides."""

from django import forms

from outward.objectives.models import Direction, Source


class ObjectiveForm(forms.Form):
    """The objective's fields as text, exactly as an objectives.csv row carries them."""

    title = forms.CharField(max_length=200)
    period = forms.CharField(
        max_length=7, help_text="A year (2026), a quarter (2026-Q1) or a month (2026-03)"
    )
    direction = forms.ChoiceField(choices=Direction.choices, initial=Direction.INCREASE)
    baseline = forms.CharField(required=False, help_text="The value at the start (optional)")
    target = forms.CharField(help_text="The value to reach")
    unit = forms.CharField(required=False, max_length=32, help_text="e.g. USD, %, people")
    weight = forms.CharField(initial="1", help_text="How much it counts, greater than 0")
    source = forms.ChoiceField(choices=Source.choices, initial=Source.MANUAL)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("baseline", "target", "weight"):
            self.fields[name].widget.attrs["inputmode"] = "decimal"


class ObjectiveEditForm(ObjectiveForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class CheckInForm(forms.Form):
    """A check-in: labels stay "Date", "Value", "Comment" (browser tests rely on them)."""

    # The browser's date picker shows the date in the user's own format: no "YYYY-MM-DD" hint.
    date = forms.CharField(label="Date", widget=forms.DateInput(attrs={"type": "date"}))
    value = forms.CharField(
        label="Value",
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
        help_text="The value as of that date (a level, not an increment)",
    )
    comment = forms.CharField(label="Comment", required=False, widget=forms.Textarea({"rows": 2}))


def add_import_errors(form: forms.Form, errors) -> None:
    """Attach the importer's row errors to the form fields they name."""
    for error in errors:
        column = error.column if error.column in form.fields else None
        form.add_error(column, error.message)
