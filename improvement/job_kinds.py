"""The plan app's background jobs (jobs/kinds.py): large exports, run by a worker.

Each runs as its owner, reloaded in the worker: the same selectors and filters as the page
that asked, so the file holds what that person may see when it runs. Exports stream
(improvement/exports.py: one query read 2,000 rows at a time, openpyxl's write-only mode)
into a temporary file, counting rows for the progress bar.
"""

from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.utils.text import slugify

from improvement.exports import export_queryset, write_csv, write_xlsx
from improvement.filters import filtered_actions
from improvement.models import Plan
from improvement.selectors.actions import actions_for_user
from improvement.status import today
from jobs import kinds
from recommendations.models import Recommendation

ACTION_EXPORT = "improvement.action_export"
PLAN_EXPORT = "improvement.plan_export"
FORMATS = ("xlsx", "csv")


def _write(source, count: int, *, fmt: str, name: str, sheet_title: str, progress):
    progress.set_total(count)
    if fmt == "csv":
        return kinds.Outcome(file=write_csv(source, progress), filename=f"{name}.csv")
    handle = write_xlsx(source, sheet_title=sheet_title, progress=progress)
    return kinds.Outcome(file=handle, filename=f"{name}.xlsx")


def run_action_export(job, progress, user) -> kinds.Outcome:
    """The action list's export with the filters it was asked with."""
    action_filter = filtered_actions(user, QueryDict(job.params.get("query", "")))
    if action_filter.is_bound and not action_filter.form.is_valid():
        raise ValidationError("The list's filters are no longer valid. Export the list again.")
    actions = action_filter.qs
    source = export_queryset(actions, recommendations=Recommendation.objects.visible_to(user))
    name = f"actions-{today():%Y-%m-%d}"
    return _write(
        source,
        actions.count(),
        fmt=job.params["format"],
        name=name,
        sheet_title="Actions",
        progress=progress,
    )


def run_plan_export(job, progress, user) -> kinds.Outcome:
    """One plan's working document."""
    plan = Plan.objects.visible_to(user).filter(pk=job.params["plan"]).first()
    if plan is None:
        raise ValidationError("The plan no longer exists, or you can no longer see it.")
    actions = (
        actions_for_user(user)
        .filter(priority__plan=plan)
        .order_by("priority__number", "order", "pk")
    )
    source = export_queryset(actions, recommendations=Recommendation.objects.visible_to(user))
    name = f"{slugify(plan.title)[:60] or 'plan'}-{today():%Y-%m-%d}"
    return _write(
        source,
        actions.count(),
        fmt=job.params["format"],
        name=name,
        sheet_title=plan.title,
        progress=progress,
    )


def register() -> None:
    kinds.register(ACTION_EXPORT, run_action_export)
    kinds.register(PLAN_EXPORT, run_plan_export)
