"""What each role's home page shows first. Each feature area registers its section here."""

from dataclasses import dataclass, field

from improvement import rules
from improvement.selectors.actions import actions_for_user, status_counts
from improvement.status import DASHBOARD_ORDER, Status


@dataclass
class HomeSection:
    """One block on the home page, rendered by `template` with `context`."""

    template: str
    context: dict = field(default_factory=dict)


def plan_summary_section(user) -> HomeSection:
    counts = status_counts(actions_for_user(user))
    rows = [(status, Status(status).label, counts[status]) for status in DASHBOARD_ORDER]
    return HomeSection("improvement/home/plan_summary.html", {"rows": rows})


# (predicate deciding who sees it, builder) in page order; later issues add their sections.
SECTIONS = [
    (rules.has_any_role, plan_summary_section),
]


def home_sections(user) -> list[HomeSection]:
    return [build(user) for allowed, build in SECTIONS if allowed(user)]
