"""The council's own figures from a file: upload, preview, confirm (issue 13, item 4).

The upload reads the file at once, so one that cannot be read at all (empty, not a
spreadsheet, too big) is refused beside the field and nothing is kept. The preview says
which figures and targets the file adds, changes and leaves unchanged, and lists every
problem by row and column; nothing can be imported until there are none (all or
nothing). A small file is written while the plan manager waits; a bigger one is confirmed
as a background job (measures/job_kinds.py) listed on Your downloads.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone

from core import clock
from core.access import require
from core.views import posted
from improvement.importing.limits import FileProblem
from jobs import services as jobs
from jobs.watch import watch
from measures import job_kinds
from measures.figures import read_figures
from measures.forms_import import FiguresUploadForm
from measures.services import uploads
from measures.services.figures import figures_import, figures_import_plan

SMALL = 200  # rows written in the request; a bigger file is imported as a job
SHOWN = 200  # rows of changes shown on the preview
PART = uploads.FIGURES.parts[0]


def measure_figures_import(request):
    require(request.user, "measures.manage")
    form = FiguresUploadForm(posted(request), request.FILES or None)
    if form.is_valid():
        token = uploads.keep(
            uploads.FIGURES,
            session=request.session,
            files={PART: form.data_bytes},
            details={"file_name": request.FILES["file"].name or "figures"},
        )
        return redirect("measure_figures_preview", token=token)
    return render(request, "measures/figures_upload.html", {"form": form})


def _as_job(request, token: str, details: dict):
    """(the answer, or None with the reason it failed)."""
    job = jobs.start(
        user=request.user,
        kind=job_kinds.FIGURES_IMPORT,
        title=f"Import of {details['file_name']}",
        params={"token": token, "file_name": details["file_name"]},
    )
    job.refresh_from_db()
    if job.status == job.Status.FAILED:
        return None, [job.error]
    if job.status != job.Status.FINISHED:  # the job deletes the file when it is done
        watch(request)
        messages.info(request, "Your import is under way. It is listed on Your downloads.")
        return redirect("downloads"), []
    uploads.discard(uploads.FIGURES, session=request.session, token=token)
    messages.success(request, job.result_note)
    return redirect("measure_list"), []


def _confirm(request, token: str, details: dict, parsed):
    if len(parsed.rows) > SMALL:
        return _as_job(request, token, details)
    try:
        result = figures_import(
            parsed=parsed, user=request.user, at=timezone.now(), today=clock.today()
        )
    except ValidationError as error:
        return None, error.messages
    uploads.discard(uploads.FIGURES, session=request.session, token=token)
    messages.success(request, result.summary())
    return redirect("measure_list"), []


def measure_figures_preview(request, token: str):
    require(request.user, "measures.manage")
    details = uploads.details_of(uploads.FIGURES, session=request.session, token=token)
    data = uploads.read(token, PART) if details else None
    if data is None:
        raise Http404
    try:
        parsed = read_figures(data, details["file_name"])
    except FileProblem:  # read at the upload; only a changed reader gets here
        raise Http404 from None
    plan = figures_import_plan(parsed, today=clock.today())
    errors = []
    if request.method == "POST" and not plan.problems:
        answer, errors = _confirm(request, token, details, parsed)
        if answer is not None:
            return answer
    changes = [row for row in plan.rows if row.changes]
    return render(
        request,
        "measures/figures_preview.html",
        {
            "details": details,
            "parsed": parsed,
            "plan": plan,
            "counts": plan.counts(),
            "changes": changes[:SHOWN],
            "more_changes": max(len(changes) - SHOWN, 0),
            "errors": errors,
            "as_job": len(parsed.rows) > SMALL,
        },
    )
