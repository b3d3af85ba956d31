"""The audit trail's filter (a GET form)."""

from django import forms

from audit.selectors import AuditFilters, record_type_choices
from core.forms import DATE_INPUT_FORMATS, BoundedDateField, GovForm

DATE_HINT = "For example, 31/03/2026"


class AuditFilterForm(GovForm):
    submit_label = None

    person = forms.CharField(
        label="Person",
        required=False,
        max_length=150,
        help_text="Part of a name or e-mail address",
    )
    record_type = forms.ChoiceField(label="Type of record", required=False, choices=())
    record_id = forms.IntegerField(
        label="Record number",
        required=False,
        min_value=1,
        max_value=2**62,
        help_text="The number in the record's web address",
        error_messages={
            "invalid": "Enter the record number as a whole number, like 42",
            "min_value": "Enter a record number of 1 or more",
            "max_value": "Enter a real record number",
        },
    )
    since = BoundedDateField(
        subject="The start date",
        label="From",
        required=False,
        input_formats=DATE_INPUT_FORMATS,
        help_text=DATE_HINT,
        error_messages={"invalid": "Enter the start date as a real date, like 31/03/2026"},
    )
    until = BoundedDateField(
        subject="The end date",
        label="To",
        required=False,
        input_formats=DATE_INPUT_FORMATS,
        help_text=DATE_HINT,
        error_messages={"invalid": "Enter the end date as a real date, like 31/03/2026"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["record_type"].choices = [("", "Any"), *record_type_choices()]
        for name in ("since", "until", "record_id"):
            self.fields[name].widget.attrs["class"] = "govuk-input govuk-input--width-10"

    def clean(self):
        data = super().clean()
        since, until = data.get("since"), data.get("until")
        if since and until and until < since:
            self.add_error("until", "The end date must be the same as or after the start date")
        return data

    def filters(self) -> AuditFilters:
        """The valid filters; a field with an error is ignored (its message is shown)."""
        if not self.is_bound:
            return AuditFilters()
        self.is_valid()
        data = {name: value for name, value in self.cleaned_data.items() if name not in self.errors}
        return AuditFilters(
            person=(data.get("person") or "").strip(),
            record_type=data.get("record_type") or "",
            record_id=data.get("record_id"),
            since=data.get("since"),
            until=data.get("until"),
        )
