"""Forms for an action's target date: the plan manager's own change, and the decision on
an officer's request for a new date."""

from crispy_forms_gds.layout import Field, Layout, Size
from django import forms
from django.core.exceptions import ValidationError

from core.forms import DateErrorsMixin, GovDateField, GovForm
from improvement.models import Action, DateChangeRequest


class TargetDateChangeForm(DateErrorsMixin, GovForm):
    submit_label = "Change target date"

    new_date = GovDateField(name="the new target date", label="New target date")
    reason = forms.CharField(
        label="Why is the target date changing?",
        max_length=2_000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Committees see the original and the new date, and this reason.",
        error_messages={
            "required": "Enter why the target date is changing",
            "max_length": "Reason must be 2,000 characters or fewer",
        },
    )

    def __init__(self, *args, action: Action, **kwargs):
        super().__init__(*args, **kwargs)
        self.action = action

    def clean_new_date(self):
        new_date = self.cleaned_data["new_date"]
        if new_date == self.action.target_date:
            raise ValidationError("Enter a date different from the current target date")
        return new_date


class DateDecisionForm(GovForm):
    submit_label = "Save decision"

    decision = forms.ChoiceField(
        label="Your decision",
        choices=[("approve", "Approve the new date"), ("decline", "Decline the request")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether you approve or decline the request"},
    )
    reason = forms.CharField(
        label="Reason",
        required=False,
        max_length=2_000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Needed if you decline. It is e-mailed to the person who asked.",
        error_messages={"max_length": "Reason must be 2,000 characters or fewer"},
    )

    def __init__(self, *args, date_request: DateChangeRequest, **kwargs):
        super().__init__(*args, **kwargs)
        self.date_request = date_request
        self.helper.layout = Layout(Field.radios("decision", legend_size=Size.SMALL), "reason")

    def clean(self):
        cleaned = super().clean()
        if self.date_request.state != DateChangeRequest.State.PENDING:
            raise ValidationError("This request has already been decided")
        if cleaned.get("decision") == "decline" and not cleaned.get("reason", "").strip():
            self.add_error("reason", "Enter why you are declining the request")
        return cleaned
