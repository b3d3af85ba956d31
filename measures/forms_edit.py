"""The form plan managers add and edit a measure with."""

from django import forms
from django.core.validators import MaxValueValidator
from django.db.models import Q, QuerySet

from accounts.models import Team
from accounts.selectors import officers
from core.forms import USER_PICKER, GovForm, GovModelForm
from improvement.models import Action, Priority
from measures.models import Measure
from recommendations.models import Recommendation

# Enhanced into a type-ahead by static/js/user-picker.js; a plain select without JavaScript.
MAX_DECIMAL_PLACES = 6
LINK_FIELDS = ("priorities", "actions", "recommendations")
NO_ACTIONS_YET = (
    "Actions are linked once the measure is saved with its priorities: editing it then "
    "offers their actions, and ‘Link or unlink measures’ on an action's page links "
    "it to any measure."
)


def _shorten(text: str, length: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def grouped(records, group, label) -> list:
    """Choices for a multiple select in option groups (a plan's actions under its title),
    each labelled in full but kept to one readable line."""
    groups: dict[str, list] = {}
    for record in records:
        groups.setdefault(group(record), []).append((record.pk, _shorten(label(record), 110)))
    return list(groups.items())


def linkable_actions(measure: Measure) -> QuerySet[Action]:
    """The actions a measure's form offers: those in its priorities and those already linked.
    Every action in the register would be a select of 100,000 options (13 MB, 9 s)."""
    return (
        Action.objects.filter(Q(priority__measures=measure) | Q(measures=measure))
        .distinct()
        .select_related("priority__plan")
        .order_by("priority__plan__title", "priority__number", "order")
    )


class MeasureForm(GovModelForm):
    """Add a measure; editing also carries the version it was loaded with."""

    submit_label = "Save measure"

    class Meta:
        model = Measure
        fields = [
            "reference",
            "title",
            "definition",
            "unit",
            "decimal_places",
            "polarity",
            "frequency",
            "data_source",
            "publication",
            "reporting_lag_days",
            "lead_user",
            "lead_team",
            "priorities",
            "actions",
            "recommendations",
        ]
        labels = {
            "definition": "Definition (optional)",
            "data_source": "Source",
            "publication": "Publication (optional)",
            "reporting_lag_days": "Reporting lag, in days",
            "lead_user": "Lead person (optional)",
            "lead_team": "Lead team (optional)",
            "priorities": "Priorities it shows progress on (optional)",
            "actions": "Actions meant to move it (optional)",
            "recommendations": "Recommendations it shows progress on (optional)",
        }
        help_texts = {
            "reference": "A short code, for example CSC01. No two measures share one.",
            "decimal_places": "From 0 to 6. Figures are shown and compared at this precision.",
            "publication": "For published statistics, the publication's name, for example "
            "Children in need.",
            "lead_user": "Start typing a name to find an officer.",
            "priorities": "Hold Ctrl (or Cmd) to choose more than one.",
            "actions": "Actions in the priorities above (as saved) and any already linked, "
            "grouped by plan. Hold Ctrl (or Cmd) to choose more than one. To link an action in "
            "another priority, open the action and choose ‘Link or unlink measures’.",
        }
        widgets = {
            "definition": forms.Textarea(attrs={"rows": 4}),
            "decimal_places": forms.TextInput(
                attrs={"inputmode": "numeric", "class": "govuk-input--width-2"}
            ),
            "reporting_lag_days": forms.TextInput(
                attrs={"inputmode": "numeric", "class": "govuk-input--width-4"}
            ),
            "lead_user": forms.Select(attrs=USER_PICKER),
        }
        error_messages = {
            "reference": {
                "required": "Enter a reference",
                "unique": "Another measure already has this reference",
            },
            "title": {"required": "Enter a title"},
            "decimal_places": {
                "required": "Enter the number of decimal places, from 0 to 6",
                "invalid": "Decimal places must be a whole number from 0 to 6",
                "min_value": "Decimal places must be a whole number from 0 to 6",
                "max_value": "Decimal places must be a whole number from 0 to 6",
            },
            "reporting_lag_days": {
                "required": "Enter the reporting lag in days",
                "invalid": "The reporting lag must be a whole number of days",
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        existing = self.instance if self.instance.pk else None
        fields = self.fields
        fields["reference"].widget.attrs["class"] = "govuk-input--width-10"
        fields["decimal_places"].validators.append(MaxValueValidator(MAX_DECIMAL_PLACES))
        fields["decimal_places"].max_value = MAX_DECIMAL_PLACES
        keep = [existing.lead_user_id] if existing and existing.lead_user_id else ()
        fields["lead_user"].queryset = officers(keep=keep)
        fields["lead_user"].empty_label = "No lead person"
        fields["lead_user"].label_from_instance = lambda user: (
            f"{user.full_name}, {user.job_title}" if user.job_title else user.full_name
        )
        fields["lead_team"].queryset = Team.objects.filter(is_active=True).select_related(
            "organisation"
        )
        fields["lead_team"].empty_label = "No lead team"
        priorities = Priority.objects.select_related("plan").order_by("plan__title", "number")
        fields["priorities"].queryset = priorities
        fields["priorities"].choices = grouped(
            priorities, lambda p: p.plan.title, lambda p: f"Priority {p.number}: {p.title}"
        )
        actions = linkable_actions(existing) if existing else Action.objects.none()
        if actions.exists():
            fields["actions"].queryset = actions
            fields["actions"].choices = grouped(
                actions, lambda a: a.priority.plan.title, lambda a: f"{a.reference} {a.title}"
            )
        else:  # adding, or none in its priorities yet: say how actions are linked
            del fields["actions"]
            fields["priorities"].help_text += " " + NO_ACTIONS_YET
        recommendations = Recommendation.objects.select_related("inspection").order_by(
            "inspection__start_date", "sort_key", "reference"
        )
        fields["recommendations"].queryset = recommendations
        fields["recommendations"].choices = grouped(
            recommendations, lambda r: r.inspection.title, lambda r: f"{r.reference} {r.text}"
        )
        for name in self.link_fields():
            fields[name].widget.attrs.update(
                {"size": 8, "class": "govuk-select app-select-multiple"}
            )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("lead_user") and cleaned.get("lead_team"):
            self.add_error("lead_team", "Choose a lead person or a lead team, not both")
        if cleaned.get("data_source") == Measure.Source.LOCAL and cleaned.get("publication"):
            self.add_error(
                "publication", "Leave the publication blank for the council's own figures"
            )
        return cleaned

    def link_fields(self) -> list[str]:
        return [name for name in LINK_FIELDS if name in self.fields]

    def measure_fields(self) -> dict:
        skip = {*LINK_FIELDS, "version"}
        return {name: value for name, value in self.cleaned_data.items() if name not in skip}

    def links(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.link_fields()}


class MeasureEditForm(MeasureForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta(MeasureForm.Meta):
        fields = [*MeasureForm.Meta.fields, "version"]


FOUND_LIMIT = 50  # measures a search adds to an action's list
FIND_MAX_LENGTH = 100


def find_measures(text: str) -> tuple[list[int], int]:
    """Measures whose reference or title holds `text`: the first FOUND_LIMIT ids in
    reference order, and how many match in all."""
    matching = Measure.objects.filter(Q(reference__icontains=text) | Q(title__icontains=text))
    found = list(matching.order_by("reference").values_list("pk", flat=True)[: FOUND_LIMIT + 1])
    total = len(found) if len(found) <= FOUND_LIMIT else matching.count()
    return found[:FOUND_LIMIT], total


def offered_measures(action: Action, *, found: list[int]) -> QuerySet[Measure]:
    """The measures an action's page offers: those of its priority, those linked to it (so
    a cleared box unlinks), and those a search found. Every measure in the register would
    be a list of thousands of boxes."""
    return (
        Measure.objects.filter(
            Q(priorities=action.priority_id) | Q(actions=action) | Q(pk__in=found)
        )
        .distinct()
        .order_by("reference")
    )


class ActionMeasuresForm(GovForm):
    submit_label = "Save linked measures"

    measures = forms.ModelMultipleChoiceField(
        label="Measures this action is meant to move",
        queryset=Measure.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=(
            "The measures of the action's priority, those linked to it and those your search "
            "found. Select every measure that applies; clear a box to unlink a measure."
        ),
        error_messages={"invalid_choice": "Choose measures from the list"},
    )

    def __init__(self, *args, offered: QuerySet[Measure], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["measures"].queryset = offered
        self.fields["measures"].label_from_instance = lambda m: f"{m.reference}: {m.title}"
