"""The web import of published statistics: the upload, then the choices on the preview."""

import hashlib

from django import forms

from core.forms import GovForm

MAX_BYTES = 20 * 1024 * 1024
FIGURES_MAX_BYTES = 5 * 1024 * 1024
NEW = ""


class OpenDataUploadForm(GovForm):
    submit_label = "Upload and preview"

    file = forms.FileField(label="Open-data file (.csv)")
    meta = forms.FileField(
        label="Its metadata file (.meta.csv), if you have it",
        required=False,
        help_text="Gives the indicators' names, units and decimal places.",
    )
    la_code = forms.CharField(
        label="The council's local-authority code",
        max_length=9,
        help_text="The three-digit old code (for example 991) or the nine-character GSS code",
    )
    publication = forms.CharField(label="Publication", max_length=300, required=False)

    def clean_file(self):
        return self._csv(self.cleaned_data["file"], "file")

    def clean_meta(self):
        upload = self.cleaned_data.get("meta")
        return self._csv(upload, "metadata file") if upload else None

    @staticmethod
    def _csv(upload, what: str) -> bytes:
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(f"The {what} must be smaller than 20 MB")
        data = upload.read()
        if b"\x00" in data[:4096]:
            raise forms.ValidationError(f"The {what} must be a CSV file, not a spreadsheet")
        return data


def field_name(prefix: str, key: str) -> str:
    return f"{prefix}_{hashlib.sha256(key.encode()).hexdigest()[:12]}"


class OpenDataChoicesForm(GovForm):
    """Indicators and filter values to keep, and which measure each series goes into."""

    submit_label = None

    def __init__(self, *args, parsed, remembered: dict, series: list, measures: list, **kwargs):
        super().__init__(*args, **kwargs)
        self.filter_fields, self.series_fields = [], []
        chosen = remembered.get("indicators")
        self.fields["indicators"] = forms.MultipleChoiceField(
            label="Indicators to import",
            choices=[(i.column, i.label) for i in parsed.indicators],
            initial=chosen or [i.column for i in parsed.indicators],
            widget=forms.CheckboxSelectMultiple,
        )
        for column, values in parsed.filters.items():
            name = field_name("filter", column)
            default = [v for v in values if v.lower() == "total"] or values
            self.fields[name] = forms.MultipleChoiceField(
                label=f"Filter: {parsed.filter_labels.get(column, column)}",
                choices=[(v, v) for v in values],
                initial=remembered.get("filters", {}).get(column) or default,
                widget=forms.CheckboxSelectMultiple,
            )
            self.filter_fields.append((name, column))
        options = [
            (NEW, "A new measure"),
            *((m.reference, f"{m.reference}: {m.title}") for m in measures),
        ]
        remembered_measures = remembered.get("measures", {})
        for item in series:
            name = field_name("series", item.key)
            self.fields[name] = forms.ChoiceField(
                label=item.name,
                choices=options,
                required=False,
                initial=remembered_measures.get(item.key, NEW),
            )
            self.series_fields.append((name, item.key))

    def filters(self) -> dict[str, list[str]]:
        return {column: self.cleaned_data[name] for name, column in self.filter_fields}

    def measure_choices(self) -> dict[str, str]:
        return {key: self.cleaned_data.get(name) or "" for name, key in self.series_fields}

    def bound_filters(self) -> list:
        return [self[name] for name, _ in self.filter_fields]

    def bound_series(self) -> list:
        return [self[name] for name, _ in self.series_fields]


class FiguresUploadForm(GovForm):
    """The council's own figures: the file is read here, so a file that cannot be read at
    all is refused beside the field; its rows' problems are shown on the preview."""

    submit_label = "Upload and preview"

    file = forms.FileField(
        label="File of figures (.csv or .xlsx)",
        help_text=(
            "Columns: measure_reference, period, value, and, if you have them, target and "
            "note. Up to 5 MB. The first sheet of a workbook is read."
        ),
    )

    def clean_file(self):
        from improvement.importing.limits import FileProblem
        from measures.figures import read_figures

        upload = self.cleaned_data["file"]
        if upload.size > FIGURES_MAX_BYTES:
            raise forms.ValidationError("The selected file must be smaller than 5 MB")
        data = upload.read()
        try:
            self.parsed = read_figures(data, upload.name or "")
        except FileProblem as error:
            raise forms.ValidationError(str(error)) from None
        self.data_bytes = data
        return upload
