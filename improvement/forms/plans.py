"""Forms plan managers use to write plans, priorities and actions, and to decide date requests.

Also the GOV.UK date input field the registers' forms share (`GovDateField`).
"""

from datetime import date

from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.layout import Field, Layout, Size
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator

from accounts import roles
from accounts.models import Team, User
from core.forms import GovForm, GovModelForm
from improvement.models import Action, DateChangeRequest, Plan, Priority
from improvement.status import DONE
from inspections.models import Inspection
from recommendations.models import Recommendation

DATE_HINT = "For example, 27 3 2026"


class GovDateField(DateInputField):
    """A GOV.UK date input (day, month, year) whose messages name the date being asked for.

    `name` is how messages refer to it ("the target date"); a missing part, a non-number
    or an impossible date each get their own message, beside the field.
    """

    def __init__(self, *, name: str, required: bool = True, **kwargs):
        kwargs.setdefault("help_text", DATE_HINT)
        super().__init__(required=required, require_all_fields=False, **kwargs)
        subject = name[0].upper() + name[1:]
        self.error_messages["required"] = f"Enter {name}"
        self.error_messages["incomplete"] = f"Enter {name}"
        real = f"{subject} must be a real date"
        for part, sub in zip(("day", "month", "year"), self.fields, strict=True):
            sub.error_messages["incomplete"] = f"{subject} must include a {part}"
            sub.validators = [RegexValidator(r"^\s*[0-9]+\s*$", real)]
        self.subject = subject

    def compress(self, data_list):
        day, month, year = (str(part or "").strip() for part in data_list)
        if not (day and month and year):
            return None
        if len(year) != 4:
            raise ValidationError(f"{self.subject} must include a year with 4 numbers")
        try:
            return date(int(year), int(month), int(day))
        except ValueError as exc:
            raise ValidationError(f"{self.subject} must be a real date") from exc


class DateErrorsMixin:
    """Marks each part of a date input in error, which the base form cannot do for MultiWidgets."""

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            field = self.fields.get(name)
            if isinstance(field, DateInputField):
                for widget in field.widget.widgets:
                    css = widget.attrs.get("class", "")
                    if "govuk-input--error" not in css:
                        widget.attrs["class"] = f"{css} govuk-input--error".strip()


def people_who_lead():
    """Users who may be named as an action's lead: active officers and plan managers."""
    return (
        User.objects.filter(is_active=True, groups__name__in=[roles.OFFICER, roles.PLAN_MANAGER])
        .distinct()
        .order_by("full_name")
    )


class PlanForm(DateErrorsMixin, GovModelForm):
    submit_label = "Save plan"

    start_date = GovDateField(name="the date the plan starts", label="Start date")
    end_date = GovDateField(
        name="the date the plan ends", label="End date (optional)", required=False
    )
    approved_on = GovDateField(
        name="the date the plan was approved",
        label="Date approved (optional)",
        required=False,
        help_text="When the board or Ofsted accepted it. " + DATE_HINT,
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
            "approved_on",
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
            "approved_on",
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
            "lead_officers": forms.CheckboxSelectMultiple,
            "recommendations": forms.CheckboxSelectMultiple,
        }
        error_messages = {
            "description": {
                "required": "Enter the action",
                "max_length": "Action must be 10,000 characters or fewer",
            },
        }

    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.fields["lead_officers"].queryset = people_who_lead()
        self.fields["lead_officers"].required = False
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
            Field.checkboxes("lead_officers", small=True, legend_size=Size.SMALL),
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


def add_errors(form: forms.Form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: beside its field when the form has one."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, messages in error.message_dict.items():
        form.add_error(name if name in form.fields else None, messages)


def conflict_form(form_class, data, conflict, **kwargs):
    """The refused edit, re-shown with the editor's input and the version now saved, so
    saving again (having seen the other change) is a deliberate choice."""
    data = data.copy()
    data["version"] = str(conflict.current.version)
    form = form_class(data, instance=conflict.current, **kwargs)
    form.is_valid()
    form.add_error(
        None,
        f"{conflict.changed_by} saved changes while you were editing. Nothing you entered "
        "has been saved yet: check the differences, then save again to keep your version.",
    )
    return form
