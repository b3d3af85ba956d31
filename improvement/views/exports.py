"""Export the action list or a plan as .xlsx or CSV.

A list of up to JOB_EXPORT_THRESHOLD actions downloads at once. A larger one would keep
the browser waiting, so the page offers to prepare it in the background instead: the POST
starts a job (improvement/job_kinds.py) and leads to "Your downloads".
"""

from django.conf import settings
from django.http import FileResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify

from core.access import get_visible_or_404, require
from core.downloads import csv_response
from improvement.exports import csv_lines, export_queryset, write_xlsx
from improvement.filters import filtered_actions
from improvement.job_kinds import ACTION_EXPORT, PLAN_EXPORT
from improvement.models import Plan
from improvement.selectors.actions import actions_for_user
from improvement.status import today
from jobs import services as jobs
from jobs.watch import watch
from recommendations.models import Recommendation

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMAT_NAMES = {"xlsx": "Excel (.xlsx)", "csv": "CSV"}


def _back_to_list(request):
    query = request.GET.urlencode()
    return redirect(reverse("action_list") + (f"?{query}" if query else ""))


def _respond(actions, filename: str, fmt: str, sheet_title: str):
    if fmt == "csv":
        return csv_response(csv_lines(actions), f"{filename}.csv")
    return FileResponse(
        write_xlsx(actions, sheet_title=sheet_title),
        as_attachment=True,
        filename=f"{filename}.xlsx",
        content_type=XLSX,
    )


def _in_background(request, *, count: int, fmt: str, kind: str, title: str, params: dict):
    """POST: start the job and go to Your downloads; GET: offer to."""
    if request.method == "POST":
        jobs.start(user=request.user, kind=kind, title=title, params={**params, "format": fmt})
        watch(request)
        return redirect("downloads")
    context = {"count": count, "title": f"the {FORMAT_NAMES[fmt]} file"}
    return render(request, "jobs/prepare.html", context)


def _action_export(request, fmt: str) -> StreamingHttpResponse | FileResponse:
    require(request.user, "improvement.export")
    action_filter = filtered_actions(request.user, request.GET)
    if action_filter.is_bound and not action_filter.form.is_valid():
        return _back_to_list(request)
    count = action_filter.qs.count()
    if request.method == "POST" or count > settings.JOB_EXPORT_THRESHOLD:
        title = f"{count:,} actions from the action list as {FORMAT_NAMES[fmt]}"
        params = {"query": request.GET.urlencode()}
        return _in_background(
            request, count=count, fmt=fmt, kind=ACTION_EXPORT, title=title, params=params
        )
    visible = Recommendation.objects.visible_to(request.user)
    actions = export_queryset(action_filter.qs, recommendations=visible)
    return _respond(actions, f"actions-{today():%Y-%m-%d}", fmt, "Actions")


def action_export_csv(request):
    return _action_export(request, "csv")


def action_export_xlsx(request):
    return _action_export(request, "xlsx")


def _plan_export(request, pk: int, fmt: str):
    require(request.user, "improvement.export")
    plan = get_visible_or_404(Plan.objects, request.user, pk=pk)
    actions = (
        actions_for_user(request.user)
        .filter(priority__plan=plan)
        .order_by("priority__number", "order", "pk")
    )
    count = actions.count()
    if request.method == "POST" or count > settings.JOB_EXPORT_THRESHOLD:
        title = f"{plan.title}: {count:,} actions as {FORMAT_NAMES[fmt]}"
        params = {"plan": plan.pk}
        return _in_background(
            request, count=count, fmt=fmt, kind=PLAN_EXPORT, title=title, params=params
        )
    visible = Recommendation.objects.visible_to(request.user)
    name = f"{slugify(plan.title)[:60] or 'plan'}-{today():%Y-%m-%d}"
    return _respond(export_queryset(actions, recommendations=visible), name, fmt, plan.title)


def plan_export_csv(request, pk: int):
    return _plan_export(request, pk, "csv")


def plan_export_xlsx(request, pk: int):
    return _plan_export(request, pk, "xlsx")
