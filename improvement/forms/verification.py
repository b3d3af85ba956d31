"""Verifying or returning a completed action."""

from crispy_forms_gds.choices import Choice
from crispy_forms_gds.layout import Submit
from django import forms

from core.forms import GovForm
from improvement.impact import NOTE_REQUIRED_MESSAGE, Impact, note_required

IMPACT_HINTS = {
    Impact.EVIDENCED: "The intended outcome can be seen: in the measures, audits or what "
    "children and families say.",
    Impact.TOO_EARLY: "The work is done but the difference it makes cannot be seen yet.",
    Impact.NOT_EVIDENCED: "The work is done but nothing yet shows it made the intended difference.",
}


class ImpactFields(forms.Form):
    """Whether the action's impact is evidenced, and a note unless it is."""

    impact = forms.ChoiceField(
        label="Is the action's impact evidenced?",
        choices=[
            Choice(choice.value, choice.label, hint=IMPACT_HINTS[choice]) for choice in Impact
        ],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select whether the action's impact is evidenced",
            "invalid_choice": "Select whether the action's impact is evidenced",
        },
    )
    impact_note = forms.CharField(
        label="About the impact",
        help_text="Required unless the impact is evidenced: say what would show it, or why "
        "it is not evidenced.",
        required=False,
        max_length=5_000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": "The note about impact must be 5,000 characters or fewer"},
    )

    def clean(self):
        cleaned = super().clean()
        if note_required(cleaned.get("impact")) and not cleaned.get("impact_note", "").strip():
            self.add_error("impact_note", NOTE_REQUIRED_MESSAGE)
        return cleaned


class ActionImpactForm(GovForm, ImpactFields):
    submit_label = "Record impact"


class ActionVerifyForm(GovForm, ImpactFields):
    submit_label = "Verify action"
    field_order = ["note", "impact", "impact_note"]

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
