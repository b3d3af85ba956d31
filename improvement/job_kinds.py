"""The plan app's background jobs (jobs/kinds.py): large exports, run by a worker.

Each runs as its owner, reloaded in the worker: the same selectors and filters as the page
that asked, so the file holds what that person may see when it runs. Exports stream
(improvement/exports.py: one query read 2,000 rows at a time, openpyxl's write-only mode)
into a temporary file, counting rows for the progress bar.
"""

import io
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import QueryDict
from django.urls import NoReverseMatch, reverse
from django.utils.text import slugify

from improvement.exports import export_queryset, write_csv, write_xlsx
from improvement.filters import filtered_actions
from improvement.importing import parse_plan_file
from improvement.models import Plan
from improvement.reports.files import pack_pdf, pack_xlsx
from improvement.reports.pack import report_pack
from improvement.selectors.actions import actions_for_user
from improvement.services.import_uploads import upload_parsed, upload_read
from improvement.services.imports import AlreadyImported, plan_import
from improvement.status import today
from jobs import kinds
from recommendations.models import Recommendation

ACTION_EXPORT = "improvement.action_export"
PLAN_EXPORT = "improvement.plan_export"
PLAN_IMPORT = "improvement.plan_import"
REPORT_PACK = "improvement.report_pack"
ALREADY = "This import has already been confirmed. Here is the plan it made."
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


def plan_url(plan: Plan) -> str:
    try:
        return reverse("plan_detail", args=[plan.pk])
    except NoReverseMatch:
        return reverse("action_list") + f"?plan={plan.pk}"


def _stored_parse(token: str, filename: str):
    result = upload_parsed(token)
    if result is None:
        data = upload_read(token)
        if data is None:
            raise ValidationError("The uploaded file is no longer available. Upload it again.")
        result = parse_plan_file(data, filename)
    return result


def run_plan_import(job, progress, user) -> kinds.Outcome:
    """The previewed upload imported: all or nothing, in one transaction (plan_import). The
    upload's token is spent by the import's receipt in that transaction, so a retry after a
    worker died mid-way imports once, and one after a finished import writes nothing."""
    params = job.params
    if not user.has_perm("improvement.import_plan"):
        raise ValidationError("You may no longer import plans.")
    plan = None
    if params.get("plan_id"):
        plan = Plan.objects.filter(pk=params["plan_id"]).first()
        if plan is None:
            raise ValidationError("The plan you chose no longer exists. Upload the file again.")
    result = _stored_parse(params["token"], params.get("filename", ""))
    progress.set_total(len(result.rows))
    try:
        done = plan_import(
            parse_result=result,
            user=user,
            plan=plan,
            plan_title=params.get("plan_title", ""),
            skip_rows=params.get("skip_rows", []),
            filename=params.get("filename", ""),
            priority_choices={int(k): v for k, v in params.get("priority_choices", {}).items()},
            receipt_token=params["token"],
        )
    except AlreadyImported as already:
        return kinds.Outcome(url=plan_url(already.receipt.plan), note=ALREADY)
    progress.step(len(result.rows))
    return kinds.Outcome(url=plan_url(done.plan), note=done.line())


def run_report_pack(job, progress, user) -> kinds.Outcome:
    """A plan's committee pack (PDF or .xlsx) for the audience, day and meeting asked."""
    params = job.params
    plan = Plan.objects.visible_to(user).filter(pk=params["plan"]).first()
    if plan is None:
        raise ValidationError("The plan no longer exists, or you can no longer see it.")
    try:
        pack = report_pack(
            user,
            plan=plan,
            day=date.fromisoformat(params["day"]),
            audience=params["audience"],
            meeting=params.get("meeting", ""),
            agenda_item=params.get("agenda_item", ""),
        )
    except PermissionDenied as exc:
        raise ValidationError("You may no longer make a pack for this audience.") from exc
    fmt = params["format"]
    data = pack_pdf(pack) if fmt == "pdf" else pack_xlsx(pack)
    return kinds.Outcome(file=io.BytesIO(data), filename=f"{pack.filename_stem}.{fmt}")


def register() -> None:
    kinds.register(ACTION_EXPORT, run_action_export)
    kinds.register(PLAN_EXPORT, run_plan_export)
    kinds.register(PLAN_IMPORT, run_plan_import)
    kinds.register(REPORT_PACK, run_report_pack)
