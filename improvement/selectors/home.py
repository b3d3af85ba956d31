"""What each role's home page shows first. Each feature area registers its section here."""

from dataclasses import dataclass, field

from core import roles
from improvement.selectors.actions import actions_for_user, status_counts
from improvement.selectors.challenges import answered_for_member
from improvement.selectors.plan_scope import ACTIVE_ONLY
from improvement.selectors.plans import pending_date_requests, plan_overview, plans_due
from improvement.selectors.tray import work_tray
from improvement.status import DASHBOARD_ORDER, Status


@dataclass
class HomeSection:
    """One block on the home page, rendered by `template` with `context`."""

    template: str
    context: dict = field(default_factory=dict)


def plan_summary_section(user) -> HomeSection:
    counts = status_counts(ACTIVE_ONLY.actions(actions_for_user(user)))
    rows = [(status, Status(status).label, counts[status]) for status in DASHBOARD_ORDER]
    return HomeSection("improvement/home/plan_summary.html", {"rows": rows, "scope": ACTIVE_ONLY})


def manager_date_requests_section(user) -> HomeSection:
    return HomeSection(
        "improvement/home/manager_date_requests.html",
        {"requests": list(pending_date_requests(user))},
    )


def manager_plans_due_section(user) -> HomeSection:
    return HomeSection("improvement/home/manager_plans_due.html", {"due": plans_due(user)})


def manager_overview_section(user) -> HomeSection:
    return HomeSection("improvement/home/manager_overview.html", {"plans": plan_overview(user)})


def scrutiny_dashboard_section(user) -> HomeSection:
    """A scrutiny member's headline figures, a way into the dashboard and their answers."""
    from improvement.selectors.dashboard.counts import headline

    answered = answered_for_member(user).count()
    return HomeSection(
        "improvement/home/scrutiny_dashboard.html",
        {"headline": headline(user), "answered": answered, "scope": ACTIVE_ONLY},
    )


def auditor_exceptions_section(user) -> HomeSection:
    from improvement.selectors.exceptions import exception_counts, verification_queue

    return HomeSection(
        "improvement/home/auditor_exceptions.html",
        {
            "counts": exception_counts(user),
            "queue": list(verification_queue(user)[:5]),
            "queue_count": verification_queue(user).count(),
        },
    )


def owes_sign_off(user) -> bool:
    """Shown only to someone with a decision to make on a plan version."""
    from improvement.selectors.versions import waiting_for_sign_off

    return roles.has_any_role(user) and waiting_for_sign_off(user).exists()


def sign_off_section(user) -> HomeSection:
    from improvement.selectors.versions import waiting_for_sign_off

    return HomeSection(
        "improvement/home/sign_off_waiting.html", {"waiting": list(waiting_for_sign_off(user))}
    )


def work_tray_section(user) -> HomeSection:
    return HomeSection("improvement/home/officer_tray.html", {"tray": work_tray(user)})


# (predicate deciding who sees it, builder) in page order; later issues add their sections.
SECTIONS = [
    (owes_sign_off, sign_off_section),
    (roles.can_manage_plans, manager_date_requests_section),
    (roles.can_manage_plans, manager_plans_due_section),
    (roles.can_manage_plans, manager_overview_section),
    (roles.is_auditor, auditor_exceptions_section),
    (roles.is_officer, work_tray_section),
    (roles.is_scrutiny, scrutiny_dashboard_section),
    # Officers have their tray and managers their plan overview; a council-wide count
    # on every officer's home page costs more than it tells them.
    (roles.is_auditor | roles.is_admin, plan_summary_section),
]


def register_section(allowed, build, *, after=None) -> None:
    """Add a section from an app above this one (from its AppConfig.ready()), after the
    section `after` builds, or last."""
    if any(existing is build for _, existing in SECTIONS):
        return
    at = len(SECTIONS)
    for index, (_, existing) in enumerate(SECTIONS):
        if existing is after:
            at = index + 1
    SECTIONS.insert(at, (allowed, build))


def home_sections(user) -> list[HomeSection]:
    return [build(user) for allowed, build in SECTIONS if allowed(user)]
