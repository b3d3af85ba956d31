"""Verifying or returning a completed action."""

from crispy_forms_gds.layout import Submit
from django import forms

from core.forms import GovForm


class ActionVerifyForm(GovForm):
    submit_label = "Verify action"

    note = forms.CharField(
        label="What did you check?",
        help_text="For example, the documents attached as evidence, a sample of records or "
        "performance figures. The note is kept with the action and shown to everyone who "
        "can read it.",
        max_length=5_000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": "Enter what you checked",
            "max_length": "The note must be 5,000 characters or fewer",
        },
    )


class ActionReturnForm(GovForm):
    submit_label = "Return to the leads"

    reason = forms.CharField(
        label="Why are you returning it?",
        help_text="Say what evidence or work is missing. The leads are e-mailed this reason "
        "and the action shows as returned until they post an update.",
        max_length=5_000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": "Enter why you are returning the action",
            "max_length": "The reason must be 5,000 characters or fewer",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A secondary button, so the page's main action stays verifying.
        self.helper.inputs = [
            Submit("submit", self.submit_label, css_class="govuk-button--secondary")
        ]
