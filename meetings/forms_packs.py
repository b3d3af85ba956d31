"""Forms for meeting packs: the cover note and reason when publishing, and withdrawing."""

from django import forms

from core.forms import GovForm


class PublishForm(GovForm):
    """The cover note printed on the pack's cover; the reason for a later version."""

    submit_label = None  # the page has two buttons: preview and publish
    cover_note = forms.CharField(
        label="Cover note (optional)",
        max_length=2_000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Printed on the pack's cover, for example what the board is asked to do.",
        error_messages={"max_length": "Cover note must be 2,000 characters or fewer"},
    )
    reason = forms.CharField(
        label="Why are you publishing a new version?",
        max_length=2_000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Shown beside this version in the list of versions.",
        error_messages={"max_length": "Reason must be 2,000 characters or fewer"},
    )

    def __init__(self, *args, republishing: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not republishing:
            del self.fields["reason"]


class WithdrawForm(GovForm):
    submit_label = "Withdraw this version"
    reason = forms.CharField(
        label="Why are you withdrawing this version?",
        max_length=2_000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": "Give the reason for withdrawing this version",
            "max_length": "Reason must be 2,000 characters or fewer",
        },
    )
