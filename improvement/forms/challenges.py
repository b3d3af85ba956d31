"""The scrutiny member's question on an action or a recommendation."""

from django import forms

from core.forms import GovForm


class ChallengeForm(GovForm):
    submit_label = "Send your question"
    question = forms.CharField(
        label="Your question",
        help_text="Ask what you would ask at the meeting. The answer will be shown on this page "
        "and on your challenges page.",
        max_length=5_000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "required": "Enter your question",
            "max_length": "Your question must be 5,000 characters or fewer",
        },
    )
