"""Forms for recording recommendations, the council's response, and closing them."""

from crispy_forms_gds.layout import Field, Layout, Size
from django import forms

from accounts.selectors import officers
from core.forms import DateErrorsMixin, GovDateField, GovForm, GovModelForm
from inspections.models import Inspection
from recommendations.models import Recommendation

NO_RESPONSE_YET = ("", "No response recorded yet")


class RecommendationForm(DateErrorsMixin, GovModelForm):
    submit_label = "Save recommendation"

    response_date = GovDateField(
        name="the date of the response", label="Date of the response (optional)", required=False
    )

    class Meta:
        model = Recommendation
        fields = [
            "inspection",
            "reference",
            "text",
            "theme",
            "response",
            "rejection_reason",
            "response_text",
            "response_date",
            "responsible_officer",
        ]
        labels = {
            "inspection": "Source",
            "reference": "Reference",
            "text": "Recommendation",
            "theme": "Theme (optional)",
            "response": "The council's response",
            "rejection_reason": "Why was it rejected?",
            "response_text": "Response in full (optional)",
            "responsible_officer": "Responsible officer (optional)",
        }
        help_texts = {
            "reference": "As the source numbers it, for example R15 or Recommendation 9.",
            "theme": "For example, management oversight or care leavers.",
            "rejection_reason": "Needed if the recommendation was rejected.",
        }
        widgets = {
            "text": forms.Textarea(attrs={"rows": 4}),
            "response": forms.RadioSelect,
            "rejection_reason": forms.Textarea(attrs={"rows": 3}),
            "response_text": forms.Textarea(attrs={"rows": 4}),
        }
        error_messages = {
            "inspection": {"required": "Select the inspection or review it came from"},
            "reference": {
                "required": "Enter the reference, for example R15",
                "max_length": "Reference must be 50 characters or fewer",
                "one_line": "Enter the reference on one line, without line breaks, tabs or "
                "other control characters",
            },
            "text": {
                "required": "Enter the recommendation",
                "max_length": "Recommendation must be 10,000 characters or fewer",
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["inspection"].queryset = Inspection.objects.order_by("-start_date", "title")
        self.fields["inspection"].empty_label = "Select a source"
        self.fields["response"].choices = [NO_RESPONSE_YET, *Recommendation.Response.choices]
        self.fields["response"].required = False
        officer = self.fields["responsible_officer"]
        officer.queryset = officers(keep=[self.instance.responsible_officer_id])
        officer.empty_label = "No one named yet"
        officer.widget.attrs.update({"data-module": "app-user-picker"})
        officer.error_messages["invalid_choice"] = (
            "Select the responsible officer from the list: only active council officers "
            "can be named"
        )
        self.fields["reference"].widget.attrs["class"] = "govuk-input--width-10"
        self.helper.layout = Layout(*self.layout_fields())

    def layout_fields(self) -> list:
        return [
            "inspection",
            "reference",
            "text",
            "theme",
            Field.radios("response", legend_size=Size.SMALL),
            "rejection_reason",
            "response_text",
            "response_date",
            "responsible_officer",
        ]

    def clean(self):
        cleaned = super().clean()
        response = cleaned.get("response")
        if response == Recommendation.Response.REJECTED:
            if not (cleaned.get("rejection_reason") or "").strip():
                self.add_error("rejection_reason", "Enter why the recommendation was rejected")
        elif cleaned.get("rejection_reason", "").strip():
            self.add_error(
                "rejection_reason",
                "Leave the reason for rejecting empty unless the response is Rejected",
            )
        inspection, reference = cleaned.get("inspection"), cleaned.get("reference")
        if inspection and reference:
            clash = Recommendation.objects.filter(
                inspection=inspection, reference__iexact=reference.strip()
            ).exclude(pk=self.instance.pk)
            if clash.exists():
                self.add_error(
                    "reference", f"{inspection} already has a recommendation {reference}"
                )
        return cleaned

    def recommendation_fields(self) -> dict:
        return {name: value for name, value in self.cleaned_data.items() if name != "version"}

    def validate_unique(self):
        # Checked in clean() with a message people understand.
        pass


class RecommendationEditForm(RecommendationForm):
    """Edit a recommendation: carries the version it was loaded with."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta(RecommendationForm.Meta):
        fields = [*RecommendationForm.Meta.fields, "version"]

    def layout_fields(self) -> list:
        return [*super().layout_fields(), "version"]


class RecommendationCloseForm(GovForm):
    submit_label = "Close recommendation"

    kind = forms.ChoiceField(
        label="Is the recommendation closed or withdrawn?",
        choices=[
            ("closed", "Closed: answered, superseded or no longer relevant"),
            ("withdrawn", "Withdrawn by the body that made it"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether the recommendation is closed or withdrawn"},
    )
    reason = forms.CharField(
        label="Reason",
        max_length=2_000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Shown on the recommendation and kept in its history.",
        error_messages={
            "required": "Enter why the recommendation is being closed",
            "max_length": "Reason must be 2,000 characters or fewer",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(Field.radios("kind", legend_size=Size.SMALL), "reason")

    @property
    def full_reason(self) -> str:
        reason = self.cleaned_data["reason"].strip()
        return f"Withdrawn: {reason}" if self.cleaned_data["kind"] == "withdrawn" else reason
