"""The action filter behind /actions/, its exports and every dashboard drill-down.

Every filter is a GET parameter, so a filtered list is a URL people can share and
dashboards can link to:

    plan, priority, status (effective: overdue counts as off track), declared (as the
    lead declared it), lead (part of a lead's name or e-mail, or a user id: lead=42),
    team, inspection (source), recommendation (a reference such as R15), overdue=1,
    stale=1, due_from and due_to (dates, 31/03/2026 or 2026-03-31), q (text),
    sort (ref, target, status, lead, updated; "-" in front for descending),
    include_draft=1 and include_closed=1 (without a plan or priority chosen the list holds
    active plans only, as the dashboard counts them).

Leads and recommendations are typed, not chosen: a council has thousands of leads and
hundreds of recommendations, far too many for a select.

The queryset given to the filter must carry the flags of selectors.actions.with_flags, as
`filtered_actions` gives it.
"""

import re

import django_filters
from django import forms
from django.db.models import Case, Exists, F, IntegerField, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce, NullIf

from accounts.models import Team
from core.filtersets import PerRequestFilterSet
from core.forms import DATE_INPUT_FORMATS, BoundedDateField, GovForm
from improvement.models import Action, Priority
from improvement.selectors.action_list import priority_order
from improvement.selectors.actions import actions_for_user, with_flags
from improvement.selectors.plan_scope import PlanScope
from improvement.status import DASHBOARD_ORDER, Status
from inspections.models import Inspection
from recommendations.models import Recommendation

REFERENCE_RE = re.compile(r"(\d{1,3})\.(\d{1,4})")
USER_ID_RE = re.compile(r"[0-9]{1,9}")  # a lead given as a user id, as drill-down links do

_lead_through = Action.lead_officers.through
_rec_through = Action.recommendations.through


def _first_lead_name():
    """The alphabetically first lead officer's name, for sorting by lead."""
    return Subquery(
        _lead_through.objects.filter(action=OuterRef("pk"))
        .order_by("user__full_name")
        .values("user__full_name")[:1]
    )


# Newest plan first, then the working document's order.
_REF = (*priority_order(), F("order").asc())
_SEVERITY = Case(
    *[When(effective=status, then=Value(rank)) for rank, status in enumerate(DASHBOARD_ORDER)],
    default=Value(len(DASHBOARD_ORDER)),
    output_field=IntegerField(),
)

# sort key -> (label for screen readers, ascending order_by terms)
SORTS = {
    "ref": ("reference", list(_REF)),
    "target": ("target date", [F("target_date").asc(nulls_last=True)]),
    "status": ("status, worst first", [_SEVERITY.asc()]),
    "lead": (
        "lead",
        [Coalesce(_first_lead_name(), NullIf(F("lead_names"), Value(""))).asc(nulls_last=True)],
    ),
    "updated": ("last update", [F("last_update_at").asc(nulls_first=True)]),
}
DEFAULT_SORT = "ref"


def sort_terms(key: str) -> list:
    """order_by terms for a sort key such as "target" or "-status"; unknown keys sort by ref."""
    name = key.removeprefix("-")
    if name not in SORTS:
        name, key = DEFAULT_SORT, DEFAULT_SORT
    terms = [term.copy() for term in SORTS[name][1]]
    if key.startswith("-"):
        for term in terms:
            term.descending = not term.descending
            term.nulls_first, term.nulls_last = term.nulls_last, term.nulls_first
    tie_break = [term.copy() for term in _REF] + [F("pk").asc()]
    return terms + tie_break


class ActionFilterForm(GovForm):
    submit_label = ""  # the template renders the button without a name, to keep URLs short

    def clean(self):
        data = super().clean()
        start, end = data.get("due_from"), data.get("due_to")
        if start and end and end < start:
            self.add_error("due_to", "The end date must be the same as or after the start date")
        return data


class _DateFilter(django_filters.DateFilter):
    field_class = BoundedDateField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("input_formats", DATE_INPUT_FORMATS)
        kwargs.setdefault("help_text", "For example, 31/3/2026")
        kwargs.setdefault("error_messages", {"invalid": "Enter a real date, for example 31/3/2026"})
        kwargs.setdefault("widget", forms.TextInput(attrs={"class": "govuk-input--width-10"}))
        super().__init__(*args, **kwargs)


class _FlagFilter(django_filters.BooleanFilter):
    """A checkbox: ticked filters to the flagged actions, unticked does nothing."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", forms.CheckboxInput)
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        return qs.filter(**{self.field_name: True}) if value else qs


class ActionFilter(PerRequestFilterSet):
    q = django_filters.CharFilter(
        label="Search", method="search", help_text="Words in the action, outcome, measure or lead"
    )
    plan = django_filters.ChoiceFilter(
        label="Plan", field_name="priority__plan", empty_label="All plans"
    )
    priority = django_filters.ChoiceFilter(label="Priority", empty_label="All priorities")
    status = django_filters.ChoiceFilter(
        label="Status",
        field_name="effective",
        choices=Status.choices,
        empty_label="Any status",
        help_text="An overdue action counts as off track, whatever its lead declared",
    )
    declared = django_filters.ChoiceFilter(
        label="Status the lead declared",
        field_name="declared_status",
        choices=Status.choices,
        empty_label="Any status",
    )
    lead = django_filters.CharFilter(
        label="Lead (name or e-mail)",
        method="by_lead",
        help_text="Part of a name or e-mail address",
    )
    team = django_filters.ChoiceFilter(label="Lead team", field_name="lead_team", empty_label="Any")
    inspection = django_filters.ChoiceFilter(
        label="Source (inspection or review)", method="by_inspection", empty_label="Any source"
    )
    recommendation = django_filters.CharFilter(
        label="Recommendation",
        method="by_recommendation",
        help_text="Its reference, for example, R15",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10"}),
    )
    overdue = _FlagFilter(label="Overdue only", field_name="overdue")
    stale = _FlagFilter(label="Not updated on time only", field_name="stale")
    due_from = _DateFilter(label="Due on or after", field_name="target_date", lookup_expr="gte")
    due_to = _DateFilter(label="Due on or before", field_name="target_date", lookup_expr="lte")
    include_draft = _FlagFilter(
        label="Include draft plans", method="in_plan_scope", help_text="Not yet active"
    )
    include_closed = _FlagFilter(label="Include closed plans", method="in_plan_scope")
    sort = django_filters.CharFilter(method="sort_by", widget=forms.HiddenInput)

    class Meta:
        model = Action
        fields = []
        form = ActionFilterForm

    def __init__(self, data=None, queryset=None, *, user, **kwargs):
        super().__init__(data, queryset, **kwargs)
        self.user = user
        # Choices come from one query per pair of lists (plans with their priorities) or
        # list (sources, teams), and are checked against those lists, so the page's query
        # count stays small and fixed.
        chosen = data or {}
        # Plain rows, not models: a register of a few hundred priorities took longer to
        # build as models than to read.
        priorities = list(
            Priority.objects.order_by(
                "-plan__start_date", "plan__title", "plan_id", "number"
            ).values_list("pk", "plan_id", "plan__title", "number", "title")
        )
        plans = {plan_id: plan for _, plan_id, plan, _, _ in priorities}
        self._choices("plan", [(str(pk), title) for pk, title in plans.items()])
        one_plan = str(chosen.get("plan", ""))
        if one_plan in {str(pk) for pk in plans}:
            self._choices(
                "priority",
                [
                    (str(pk), Priority.numbered(number, title))
                    for pk, plan_id, _, number, title in priorities
                    if str(plan_id) == one_plan
                ],
            )
        else:
            self._choices(
                "priority",
                [
                    (str(pk), f"{plan}: {Priority.numbered(number, title)}")
                    for pk, _, plan, number, title in priorities
                ],
            )

        self.visible_recommendations = Recommendation.objects.visible_to(user)
        sources = (
            Inspection.objects.filter(
                Exists(self.visible_recommendations.filter(inspection=OuterRef("pk")))
            )
            .order_by("-start_date", "title", "pk")
            .values_list("pk", "title")
        )
        self._choices("inspection", [(str(pk), title) for pk, title in sources])
        teams = Team.objects.order_by("organisation__name", "name").values_list(
            "pk", "name", "organisation__name"
        )
        self._choices("team", [(str(pk), f"{name} ({org})") for pk, name, org in teams])
        self._set_messages()

    def _choices(self, name: str, choices: list[tuple[str, str]]) -> None:
        self.filters[name].extra["choices"] = choices

    def _set_messages(self) -> None:
        """GOV.UK-style messages for a choice that is not in the list (an edited or old URL)."""
        for filter_ in self.filters.values():
            if isinstance(filter_, django_filters.ChoiceFilter):
                label = filter_.label[0].lower() + filter_.label[1:]
                filter_.extra["error_messages"] = {
                    "invalid_choice": f"Select a {label} from the list"  # noqa: S608 - not SQL
                }

    # Filters needing more than a lookup ---------------------------------------------
    def search(self, queryset, name, value):
        condition = Q()
        for word in value.split():
            lead = _lead_through.objects.filter(
                action=OuterRef("pk"), user__full_name__icontains=word
            )
            condition &= (
                Q(description__icontains=word)
                | Q(intended_outcome__icontains=word)
                | Q(measure__icontains=word)
                | Q(lead_names__icontains=word)
                | Q(timescale__icontains=word)
                | Exists(lead)
            )
        if reference := REFERENCE_RE.fullmatch(value.strip()):
            # "1.3" finds action 3 of priority 1 as well as the words.
            condition |= Q(priority__number=reference[1], order=reference[2])
        return queryset.filter(condition)

    def by_lead(self, queryset, name, value):
        """Actions led by someone whose name or e-mail contains `value`, or named so in the
        typed leads; an all-digit value is a user id (the dashboard's and older links)."""
        value = value.strip()
        if USER_ID_RE.fullmatch(value):
            return queryset.filter(
                Exists(_lead_through.objects.filter(action=OuterRef("pk"), user_id=int(value)))
            )
        led_by = _lead_through.objects.filter(action=OuterRef("pk")).filter(
            Q(user__full_name__icontains=value) | Q(user__email__icontains=value)
        )
        return queryset.filter(Exists(led_by) | Q(lead_names__icontains=value))

    def by_inspection(self, queryset, name, value: str):
        return queryset.filter(
            Exists(
                _rec_through.objects.filter(action=OuterRef("pk"), recommendation__inspection=value)
            )
        )

    def by_recommendation(self, queryset, name, value):
        """Actions answering a recommendation the user may read with this reference ("R15",
        "r15"), from the chosen source when one is chosen."""
        recommendations = self.visible_recommendations.filter(reference__iexact=value.strip())
        if source := (self.form.cleaned_data or {}).get("inspection"):
            recommendations = recommendations.filter(inspection=source)
        return queryset.filter(
            Exists(
                _rec_through.objects.filter(
                    action=OuterRef("pk"), recommendation__in=recommendations.values("pk")
                )
            )
        )

    def sort_by(self, queryset, name, value):
        return queryset  # applied last, in `qs`, so every list is sorted

    def in_plan_scope(self, queryset, name, value):
        return queryset  # applied in `qs`, which also runs when no parameter is given

    @property
    def plan_scope(self) -> PlanScope:
        return PlanScope.from_params(self.form.cleaned_data if self.is_bound else {})

    def _scoped(self, queryset):
        """A chosen plan or priority shows whatever its plan's status; otherwise the plans
        in the reader's scope (active plans unless they include draft or closed ones)."""
        data = self.form.cleaned_data if self.is_bound else {}
        if data.get("plan") or data.get("priority"):
            return queryset
        return self.plan_scope.actions(queryset)

    @property
    def sort_key(self) -> str:
        key = (self.data or {}).get("sort") or DEFAULT_SORT
        return key if key.removeprefix("-") in SORTS else DEFAULT_SORT

    @property
    def qs(self):
        if not hasattr(self, "_sorted_qs"):
            self._sorted_qs = self._scoped(super().qs).order_by(*sort_terms(self.sort_key))
        return self._sorted_qs

    @property
    def active(self) -> bool:
        """Whether any filter (not just the sort) is set."""
        return any(
            value not in ("", None, [], False)
            for name, value in (self.form.cleaned_data if self.is_bound else {}).items()
            if name not in ("sort", "include_draft", "include_closed")
        )


def filtered_actions(user, params) -> ActionFilter:
    """The actions the user may read, flagged, then filtered and sorted by GET parameters."""
    return ActionFilter(params or None, queryset=with_flags(actions_for_user(user)), user=user)
