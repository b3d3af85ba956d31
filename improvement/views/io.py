"""Import a plan from a spreadsheet (upload, preview, confirm); exports are in exports.py."""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from core.access import require
from improvement.forms.imports import ImportConfirmForm, PlanImportForm
from improvement.importing import (
    FIELD_HEADERS,
    FIELD_LABELS,
    REQUIRED_FIELDS,
    ParsedRow,
    parse_plan_file,
)
from improvement.job_kinds import ALREADY, PLAN_IMPORT
from improvement.models import Plan, Priority
from improvement.selectors.imports import import_receipt
from improvement.services.import_uploads import (
    upload_details,
    upload_discard,
    upload_keep,
    upload_keep_parsed,
    upload_parsed,
    upload_read,
)
from improvement.services.imports import (
    plan_import_preview,
    priority_conflicts,
)
from improvement.services.imports.matching import split_recommendations
from improvement.status import Status
from jobs import services as jobs
from jobs.watch import watch

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PROBLEMS_IN_SUMMARY = 20
SAMPLE_FILE = settings.BASE_DIR / "docs" / "sample-import.xlsx"
ACCEPTED_HEADINGS = [
    (FIELD_LABELS[name] + (" (required)" if name in REQUIRED_FIELDS else ""), ", ".join(headers))
    for name, headers in FIELD_HEADERS.items()
]

# --------------------------------------------------------------------------------------
# Import
# --------------------------------------------------------------------------------------


def plan_import_upload(request):
    require(request.user, "improvement.import_plan")
    initial = {"plan_title": request.GET.get("title", "")[:300]}
    if request.GET.get("plan", "").isdigit():
        initial["plan"] = request.GET["plan"]
    posted = request.method == "POST"
    form = PlanImportForm(
        request.POST if posted else None, request.FILES if posted else None, initial=initial
    )
    if posted and form.is_valid():
        plan = form.cleaned_data["plan"]
        token = upload_keep(
            session=request.session,
            data=form.data_bytes,
            parsed=form.parse_result,
            details={
                "filename": form.cleaned_data["file"].name[:200],
                "plan_title": form.cleaned_data["plan_title"],
                "plan_id": plan.pk if plan else None,
            },
        )
        return redirect("plan_import_preview", token=token)
    context = {"form": form, "accepted_headings": ACCEPTED_HEADINGS}
    return render(request, "improvement/io/import_upload.html", context)


def plan_import_sample(request):
    """The sample working document in docs/, for a council to start from."""
    require(request.user, "improvement.import_plan")
    return FileResponse(
        open(SAMPLE_FILE, "rb"),  # noqa: SIM115 - FileResponse closes it
        as_attachment=True,
        filename="sample-import.xlsx",
        content_type=XLSX,
    )


@dataclass(frozen=True)
class PreviewRow:
    """One row of the preview table, with its text ready: the table may have 5,000 rows."""

    row: ParsedRow
    leads: list[tuple[str, bool]]

    @property
    def priority(self) -> str:
        if not self.row.priority_number:
            return ""
        return Priority.numbered(
            self.row.priority_number, Truncator(self.row.priority_title).chars(50)
        )

    @property
    def action(self) -> str:
        return Truncator(self.row.action).chars(160)

    @property
    def target(self) -> str:
        day = self.row.target_date
        return f"{day.day} {day:%b %Y}" if day else ""

    @property
    def leads_html(self) -> str:
        return format_html_join(
            ", ",
            "{}{}",
            (
                (name, "" if matched else mark_safe(TEXT_ONLY))  # noqa: S308 - constant markup
                for name, matched in self.leads
            ),
        )

    @property
    def problem_count(self) -> str:
        n = len(self.row.problems)
        return f"{n} problem{'s' if n != 1 else ''}"

    @property
    def recommendation_refs(self) -> str:
        pairs = split_recommendations(self.row.recommendation_ref, self.row.recommendation_text)
        return ", ".join(ref or "(no reference)" for ref, _ in pairs)

    @property
    def status_label(self) -> str:
        return Status(self.row.status).label if self.row.status else ""


TEXT_ONLY = (
    ' <span class="govuk-hint govuk-!-font-size-16 govuk-!-display-inline">(kept as text)</span>'
)


def _after_import_url(plan: Plan) -> str:
    try:
        return reverse("plan_detail", args=[plan.pk])
    except NoReverseMatch:
        return reverse("action_list") + f"?plan={plan.pk}"


def _already_confirmed(request, token: str, receipt):
    """A second confirm of one preview (a double click): to the plan the first one made."""
    upload_discard(session=request.session, token=token)
    messages.info(request, "This import has already been confirmed. Here is the plan it made.")
    return redirect(_after_import_url(receipt.plan))


def plan_import_preview_view(request, token: str):
    require(request.user, "improvement.import_plan")
    details = upload_details(session=request.session, token=token)
    if details is None:
        if receipt := import_receipt(token=token, user=request.user):
            return _already_confirmed(request, token, receipt)
        raise Http404
    result = _parsed_upload(token, details)
    if result is None:
        if receipt := import_receipt(token=token, user=request.user):
            return _already_confirmed(request, token, receipt)
        return _start_again(
            request, token, "The uploaded file is no longer available. Upload it again."
        )
    plan = None
    if details["plan_id"]:
        plan = Plan.objects.filter(pk=details["plan_id"]).first()
        if plan is None:
            return _start_again(
                request, token, "The plan you chose no longer exists. Upload the file again."
            )

    problem_rows = sorted({p.row for p in result.problems if p.row is not None})
    form = ImportConfirmForm(
        request.POST if request.method == "POST" else None,
        problem_rows=len(problem_rows),
        conflicts=priority_conflicts(parse_result=result, plan=plan, skip_rows=problem_rows),
    )
    if request.method == "POST" and form.is_valid():
        answer = _confirm(request, token, form, result, plan, details, problem_rows)
        if answer is not None:
            return answer
    summary, row_leads = plan_import_preview(
        parse_result=result, plan=plan, plan_title=details["plan_title"], skip_rows=problem_rows
    )
    context = {
        "form": form,
        "token": token,
        "details": details,
        "plan": plan,
        "reupload_url": _reupload_url(details),
        **_preview_figures(result, summary, row_leads, problem_rows),
    }
    return render(request, "improvement/io/import_preview.html", context)


def _confirm(request, token, form, result, plan, details, problem_rows):
    """Import the previewed file as a background job (improvement/job_kinds.py); the
    redirect to answer with, or None (errors on `form`). A job already done (the immediate
    backend, or a fast worker) answers as the import did in the request: its plan, or its
    errors on the form; one still waiting leads to Your downloads."""
    job = jobs.start(
        user=request.user,
        kind=PLAN_IMPORT,
        title=f"Import of {details['filename'] or 'a spreadsheet'}",
        params={
            "token": token,
            "plan_id": plan.pk if plan else None,
            "plan_title": details["plan_title"],
            "filename": details["filename"],
            "skip_rows": list(problem_rows),
            "priority_choices": {str(k): v for k, v in form.priority_choices.items()},
        },
    )
    job.refresh_from_db()
    if job.status == job.Status.FAILED:
        form.add_error(None, job.error)
        return None
    if job.status != job.Status.FINISHED:
        watch(request)
        messages.info(request, "Your import is under way. It is listed on Your downloads.")
        return redirect("downloads")
    upload_discard(session=request.session, token=token)
    if job.result_note == ALREADY:
        messages.info(request, ALREADY)
    else:
        messages.success(request, job.result_note)
    return redirect(job.result_url)


def _start_again(request, token: str, message: str):
    """Forget the upload and send the plan manager back to upload it again, saying why."""
    upload_discard(session=request.session, token=token)
    messages.error(request, message)
    return redirect("plan_import")


def _parsed_upload(token: str, details: dict):
    """The upload's parse, stored when it was uploaded; parsed (once) again only for an
    upload stored before parses were kept. None when the file is gone."""
    result = upload_parsed(token)
    if result is None:
        data = upload_read(token)
        if data is None:
            return None
        result = parse_plan_file(data, details["filename"])
        upload_keep_parsed(token, result)
    return result


def _preview_figures(result, summary, row_leads: dict, problem_rows: list[int]) -> dict:
    """What the preview shows of the file: its rows, problems and warnings, and the summary."""
    row_problems = [p for p in result.problems if p.row is not None]
    return {
        "summary": summary,
        "result": result,
        "whole_file_problems": [p for p in result.problems if p.row is None],
        "row_problems": row_problems[:PROBLEMS_IN_SUMMARY],
        "more_problems": max(len(row_problems) - PROBLEMS_IN_SUMMARY, 0),
        "problem_row_count": len(problem_rows),
        "rows": [PreviewRow(row, row_leads.get(row.row, [])) for row in result.rows],
        "warnings": result.warnings + summary.notes,
        "priority_conflicts": summary.priority_conflicts,
        "columns": result.columns,
    }


def _reupload_url(details: dict) -> str:
    """The upload form again, with the same plan chosen, for a corrected file."""
    if details["plan_id"]:
        query = urlencode({"plan": details["plan_id"]})
    else:
        query = urlencode({"title": details["plan_title"]})
    return f"{reverse('plan_import')}?{query}"
