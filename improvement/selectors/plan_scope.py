"""Which plans the headline figures count: active plans, unless the reader asks for draft or
closed ones too. Dashboards, home-page figures, the action list, work trays and reminders
all start from here, so a draft imported plan or a closed plan never swells a count."""

from dataclasses import dataclass

from django.db.models import QuerySet

from improvement.models import Action, Plan

TICKED = {"1", "on", "true", "yes"}
# GET parameter for each optional plan status, as the dashboard and action list take them.
PARAMS = {Plan.State.DRAFT: "include_draft", Plan.State.CLOSED: "include_closed"}


@dataclass(frozen=True)
class PlanScope:
    draft: bool = False
    closed: bool = False

    @classmethod
    def from_params(cls, params) -> "PlanScope":
        """Read `include_draft=1` and `include_closed=1` (anything else: active plans only)."""

        def ticked(name: str) -> bool:
            return str(params.get(name, "")).strip().lower() in TICKED

        return cls(draft=ticked(PARAMS[Plan.State.DRAFT]), closed=ticked(PARAMS[Plan.State.CLOSED]))

    @property
    def states(self) -> list[str]:
        included = {Plan.State.DRAFT: self.draft, Plan.State.CLOSED: self.closed}
        return [Plan.State.ACTIVE] + [state for state, on in included.items() if on]

    @property
    def params(self) -> dict:
        """The GET parameters that ask for this scope (none for active plans only)."""
        return {PARAMS[state]: 1 for state in self.states if state in PARAMS}

    @property
    def key(self) -> str:
        return "-".join(self.states)

    @property
    def description(self) -> str:
        """'Showing active plans', 'Showing active and closed plans', ..."""
        labels = [str(Plan.State(state).label).lower() for state in self.states]
        words = labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " and " + labels[-1]
        return f"Showing {words} plans"

    def plans(self, plans):
        """The plans (a list or queryset) in this scope."""
        if isinstance(plans, QuerySet):
            return plans.filter(status__in=self.states)
        return [plan for plan in plans if plan.status in self.states]

    def actions(self, actions: QuerySet[Action]) -> QuerySet[Action]:
        """The actions of plans in this scope."""
        return actions.filter(priority__plan__status__in=self.states)


ACTIVE_ONLY = PlanScope()
