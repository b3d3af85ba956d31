"""Forms plan managers use to write plans and their priorities, and to refresh a plan."""

from crispy_forms_gds.layout import Field, Layout, Size
from django import forms
from django.core.exceptions import ValidationError

from core.forms import DateErrorsMixin, GovDateField, GovForm, GovModelForm
from improvement.models import Action, Plan, Priority
from improvement.status import DONE
from inspections.models import Inspection


class PlanForm(DateErrorsMixin, GovModelForm):
    submit_label = "Save plan"

    start_date = GovDateField(name="the date the plan starts", label="Start date")
    end_date = GovDateField(
        name="the date the plan ends", label="End date (optional)", required=False
    )

    class Meta:
        model = Plan
        fields = [
            "title",
            "description",
            "owner_board",
            "status",
            "start_date",
            "end_date",
            "update_cycle_days",
            "inspections",
        ]
        labels = {
            "title": "Plan title",
            "owner_board": "Board that owns the plan",
            "update_cycle_days": "Update cycle in days",
            "inspections": "Inspections and reviews the plan answers",
        }
        widgets = {
            "status": forms.RadioSelect,
            "inspections": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 4}),
        }
        error_messages = {
            "title": {"required": "Enter a plan title"},
            "owner_board": {"required": "Enter the board that owns the plan"},
            "status": {"required": "Select a status"},
            "update_cycle_days": {
                "required": "Enter how often, in days, leads must post an update",
                "invalid": "Update cycle must be a whole number of days",
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["inspections"].queryset = Inspection.objects.order_by("-start_date")
        self.fields["inspections"].required = False
        self.fields["update_cycle_days"].widget.attrs["class"] = "govuk-input--width-4"
        self.helper.layout = Layout(
            "title",
            "description",
            "owner_board",
            Field.radios("status", inline=True, legend_size=Size.SMALL),
            "start_date",
            "end_date",
            "update_cycle_days",
            Field.checkboxes("inspections", small=True, legend_size=Size.SMALL),
        )

    def clean_update_cycle_days(self):
        days = self.cleaned_data["update_cycle_days"]
        if days is not None and not 1 <= days <= 365:
            raise ValidationError("Update cycle must be between 1 and 365 days")
        return days

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", "End date must be the same as or after the start date")
        return cleaned


class PlanEditForm(PlanForm):
    """Edit a plan: carries the version it was loaded with."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta(PlanForm.Meta):
        fields = [*PlanForm.Meta.fields, "version"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.layout.append("version")


class PriorityForm(GovModelForm):
    submit_label = "Save priority"

    class Meta:
        model = Priority
        fields = ["title"]
        labels = {"title": "Priority"}
        help_texts = {
            "title": "For example, ensure a timely response to social care enquiries",
        }
        error_messages = {"title": {"required": "Enter the priority"}}


class PriorityEditForm(PriorityForm):
    """Rename a priority: carries the version it was loaded with."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta(PriorityForm.Meta):
        fields = [*PriorityForm.Meta.fields, "version"]


class PlanRefreshForm(DateErrorsMixin, GovForm):
    submit_label = "Create the new plan"

    title = forms.CharField(
        label="Title of the new plan",
        max_length=300,
        error_messages={
            "required": "Enter a title for the new plan",
            "max_length": "Title must be 300 characters or fewer",
        },
    )
    start_date = GovDateField(name="the date the new plan starts", label="Start date")
    actions = forms.ModelMultipleChoiceField(
        label="Open actions to carry over",
        queryset=Action.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Each one is copied into the new plan under a copy of its priority. The "
        "original is closed as carried over, and both are linked.",
    )

    def __init__(self, *args, plan: Plan, open_actions, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.fields["actions"].queryset = open_actions
        self.fields["actions"].label_from_instance = lambda action: (
            f"{action.reference} {action.title}"
        )
        self.helper.layout = Layout(
            "title",
            "start_date",
            Field.checkboxes("actions", small=True, legend_size=Size.SMALL),
        )

    def clean_actions(self):
        chosen = self.cleaned_data["actions"]
        if any(action.declared_status in DONE for action in chosen):
            raise ValidationError("Select only open actions")
        return chosen
