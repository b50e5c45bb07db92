from django import forms

from outward.exchange.domain import kinds

MAX_UPLOAD_BYTES = 512 * 1024 * 1024


class UploadForm(forms.Form):
    kind = forms.ChoiceField(
        label="The file holds", choices=lambda: [(kind, kind) for kind in kinds()], initial="deals"
    )
    file = forms.FileField(label="CSV or XLSX file", help_text="UTF-8 CSV or an Excel workbook")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError("Choose a .csv or .xlsx file.")
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError("The file is larger than 512 MB; use `outward import`.")
        return upload
