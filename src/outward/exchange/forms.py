from django import forms
from django.conf import settings

from outward.exchange.domain import kinds


def too_large(size: int) -> str | None:
    """Why an upload of `size` bytes is refused (OUTWARD_UPLOAD_MAX_BYTES), or None."""
    limit = settings.OUTWARD_UPLOAD_MAX_BYTES
    if size <= limit:
        return None
    return (
        f"The file is larger than {limit / 1024 / 1024:,.0f} MB (OUTWARD_UPLOAD_MAX_BYTES); "
        "use `outward import`."
    )


class UploadForm(forms.Form):
    kind = forms.ChoiceField(
        label="The file holds", choices=lambda: [(kind, kind) for kind in kinds()], initial="deals"
    )
    file = forms.FileField(label="CSV or XLSX file", help_text="UTF-8 CSV or an Excel workbook")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError("Choose a .csv or .xlsx file.")
        problem = too_large(upload.size)
        if problem:
            raise forms.ValidationError(problem)
        return upload
