"""The committee pack's options: who it is for, and the meeting it goes to."""

from django import forms

from core.forms import GovForm
from improvement.reports.audience import Audience, audiences_for


class PackOptionsForm(GovForm):
    """Audience, meeting and agenda item. The audience is asked only of those who may make
    a restricted pack; everyone else's pack is for publication."""

    submit_label = None
    audience = forms.ChoiceField(
        label="Who is the pack for?",
        choices=Audience.choices,
        initial=Audience.PUBLICATION,
        required=False,
        widget=forms.RadioSelect,
        help_text="A pack for publication leaves out confidential items for everyone.",
    )
    meeting = forms.CharField(
        label="Meeting (optional)",
        max_length=200,
        required=False,
        help_text="For example, Children's Services Scrutiny Committee, 14 April 2026",
        error_messages={"max_length": "Meeting must be 200 characters or fewer"},
    )
    agenda_item = forms.CharField(
        label="Agenda item (optional)",
        max_length=50,
        required=False,
        help_text="For example, Item 7",
        error_messages={"max_length": "Agenda item must be 50 characters or fewer"},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        if audiences_for(user) == [Audience.PUBLICATION]:
            del self.fields["audience"]

    def clean_audience(self):
        return self.cleaned_data.get("audience") or Audience.PUBLICATION

    def options(self) -> dict[str, str]:
        """The valid options, or the defaults for any not valid."""
        data = getattr(self, "cleaned_data", {}) if self.is_bound else {}
        return {
            "audience": data.get("audience") or Audience.PUBLICATION,
            "meeting": data.get("meeting") or "",
            "agenda_item": data.get("agenda_item") or "",
        }
