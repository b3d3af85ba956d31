"""Forms plan managers use to add, edit, and close or withdraw an action."""

from crispy_forms_gds.layout import Field, Layout, Size
from django import forms
from django.core.exceptions import ValidationError

from accounts.models import Team
from accounts.selectors import officers
from core.forms import USER_PICKER, DateErrorsMixin, GovDateField, GovForm, GovModelForm
from improvement.models import Action, Plan
from recommendations.models import Recommendation

# Progressively enhanced into a type-ahead by static/js/user-picker.js; a plain multiple
# select without JavaScript.
NOT_AN_OFFICER = (
    "Select lead officers from the list: only active council officers can lead an action"
)


def people_who_lead(action: Action | None = None):
    """Users who may be named as an action's lead: active officers and plan managers,
    and whoever already leads it."""
    return officers(keep=action.lead_officers.all() if action is not None else ())


class ActionForm(DateErrorsMixin, GovModelForm):
    """Create an action. The edit form adds the version and the reason for a new date."""

    submit_label = "Save action"

    target_date = GovDateField(name="a target date", label="Target date", required=False)

    class Meta:
        model = Action
        fields = [
            "description",
            "intended_outcome",
            "measure",
            "timescale",
            "lead_officers",
            "lead_names",
            "lead_team",
            "recommendations",
            "target_date",
        ]
        labels = {
            "description": "Action",
            "intended_outcome": "Intended outcome (optional)",
            "measure": "Evidence of impact (optional)",
            "timescale": "Timescale as written (optional)",
            "lead_officers": "Lead officers",
            "lead_names": "Other leads (optional)",
            "lead_team": "Lead team (optional)",
            "recommendations": "Recommendations this action answers",
        }
        help_texts = {
            "description": "What will be done. The first line is used as the action's title.",
            "measure": "How we will know it has worked.",
            "lead_names": "Leads who do not sign in here, for example Named Nurse or a "
            "partner body. Separate names with commas.",
        }
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "intended_outcome": forms.Textarea(attrs={"rows": 3}),
            "measure": forms.Textarea(attrs={"rows": 3}),
            "lead_officers": forms.SelectMultiple(attrs=USER_PICKER),
            "recommendations": forms.CheckboxSelectMultiple,
        }
        error_messages = {
            "description": {
                "required": "Enter the action",
                "max_length": "Action must be 10,000 characters or fewer",
            },
            "lead_officers": {
                "invalid_choice": NOT_AN_OFFICER,
                "invalid_pk_value": NOT_AN_OFFICER,
            },
        }

    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.fields["lead_officers"].queryset = people_who_lead(
            self.instance if self.instance.pk else None
        )
        self.fields["lead_officers"].required = False
        self.fields[
            "lead_officers"
        ].help_text = "Start typing a name to find an officer. You can choose more than one."
        self.fields["lead_officers"].label_from_instance = lambda user: (
            f"{user.full_name}, {user.job_title}" if user.job_title else user.full_name
        )
        self.fields["lead_team"].queryset = Team.objects.filter(is_active=True).select_related(
            "organisation"
        )
        self.fields["lead_team"].empty_label = "No lead team"
        self.fields["recommendations"].queryset = recommendations_for_plan(
            plan, self.instance if self.instance.pk else None
        )
        self.fields["recommendations"].required = False
        self.fields["recommendations"].label_from_instance = lambda rec: (
            f"{rec.reference}: {_shorten(rec.text, 90)} ({_shorten(rec.inspection.title, 45)})"
        )
        self.fields["timescale"].widget.attrs["class"] = "govuk-input--width-20"
        self.helper.layout = Layout(*self.layout_fields())

    def layout_fields(self) -> list:
        return [
            "description",
            "intended_outcome",
            "measure",
            "timescale",
            "lead_officers",
            "lead_names",
            "lead_team",
            Field.checkboxes("recommendations", small=True, legend_size=Size.SMALL),
            "target_date",
        ]

    def clean(self):
        cleaned = super().clean()
        has_lead = (
            cleaned.get("lead_officers") or cleaned.get("lead_names") or cleaned.get("lead_team")
        )
        if not has_lead and not self.errors:
            self.add_error("lead_officers", "Select a lead officer, or enter another lead or team")
        return cleaned

    def action_fields(self) -> dict:
        """Values for the service: the model fields other than the many-to-many ones."""
        skip = {"lead_officers", "recommendations", "target_date", "version", "date_reason"}
        return {name: value for name, value in self.cleaned_data.items() if name not in skip}


def _shorten(text: str, length: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def recommendations_for_plan(plan: Plan, action: Action | None):
    """Recommendations an action of the plan may answer: those of the inspections it answers,
    or every recommendation when it names none; plus any the action already answers."""
    chosen = Recommendation.objects.select_related("inspection").order_by(
        "inspection__start_date", "sort_key", "reference"
    )
    inspection_ids = [inspection.pk for inspection in plan.inspections.all()]
    if not inspection_ids:
        return chosen
    scope = chosen.filter(inspection__in=inspection_ids)
    if action is not None:
        scope = chosen.filter(pk__in=scope.values("pk")) | chosen.filter(
            pk__in=action.recommendations.values("pk")
        )
    return scope.distinct()


class ActionEditForm(ActionForm):
    """Edit an action: carries the version it was loaded with, and asks why a date moves."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    date_reason = forms.CharField(
        label="Why is the target date changing?",
        required=False,
        max_length=2_000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Needed only if you change the target date. It is kept in the action's history.",
        error_messages={"max_length": "Reason must be 2,000 characters or fewer"},
    )

    class Meta(ActionForm.Meta):
        fields = [*ActionForm.Meta.fields, "version"]

    def layout_fields(self) -> list:
        return [*super().layout_fields(), "date_reason", "version"]

    def clean(self):
        cleaned = super().clean()
        old, new = self.instance.target_date, cleaned.get("target_date")
        if "target_date" in cleaned and old and new is None:
            self.add_error("target_date", "Enter a target date")
        elif new and new != old and not cleaned.get("date_reason", "").strip():
            self.add_error("date_reason", "Enter why the target date is changing")
        return cleaned

    @property
    def date_changed(self) -> bool:
        new = self.cleaned_data.get("target_date")
        return new is not None and new != self.instance.target_date


class ActionCloseForm(GovForm):
    submit_label = "Close action"

    reason = forms.CharField(
        label="Why is this action closing?",
        help_text="For example, withdrawn because the service has been recommissioned, or "
        "superseded by action 2.4. The reason is shown on the action and kept in its history.",
        max_length=2_000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": "Enter why the action is being closed",
            "max_length": "Reason must be 2,000 characters or fewer",
        },
    )
    kind = forms.ChoiceField(
        label="Is the action closed or withdrawn?",
        choices=[("closed", "Closed: superseded or no longer needed"), ("withdrawn", "Withdrawn")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether the action is closed or withdrawn"},
    )

    def __init__(self, *args, action: Action, **kwargs):
        super().__init__(*args, **kwargs)
        self.action = action
        self.helper.layout = Layout(Field.radios("kind", legend_size=Size.SMALL), "reason")

    def clean(self):
        cleaned = super().clean()
        if self.action.declared_status == "closed":
            raise ValidationError("This action is already closed")
        return cleaned

    @property
    def full_reason(self) -> str:
        reason = self.cleaned_data["reason"].strip()
        return f"Withdrawn: {reason}" if self.cleaned_data["kind"] == "withdrawn" else reason
