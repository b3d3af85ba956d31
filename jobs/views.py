"""Your downloads: the list of your jobs, a finished job's file, and "Try again"."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from core.access import get_visible_or_404, require
from core.pagination import paginate
from jobs import audit_export, services
from jobs.models import Job
from jobs.selectors import recent_jobs
from jobs.watch import unwatch, watch

REFRESH_SECONDS = 5
PER_PAGE = 25


def downloads(request):
    page = paginate(request, recent_jobs(request.user), PER_PAGE)
    jobs = list(page.object_list)
    services.mark_seen(user=request.user)
    running = any(job.is_active for job in jobs)
    if not running:
        unwatch(request)
    # Updating by itself while something runs, unless the person chose to stop it (WCAG
    # 2.2.1): a <noscript> meta refresh without JavaScript, static/js/downloads.js with it.
    auto = request.GET.get("auto") != "0"
    context = {
        "page_obj": page,
        "jobs": jobs,
        "running": running,
        "refresh": REFRESH_SECONDS if running and auto else None,
        "keep_days": settings.JOB_FILES_KEEP_DAYS,
    }
    return render(request, "jobs/downloads.html", context)


def download(request, pk: int):
    """The job's file, for its owner and administrators only (anyone else: 404)."""
    job = get_visible_or_404(Job.objects, request.user, pk=pk)
    if job.status != Job.Status.FINISHED or not job.file:
        raise Http404
    try:
        handle = job.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    return FileResponse(handle, as_attachment=True, filename=job.filename)


@require_POST
def retry(request, pk: int):
    job = get_visible_or_404(Job.objects.filter(owner=request.user), request.user, pk=pk)
    try:
        services.retry(job=job)
        watch(request)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("downloads")


def audit_trail_export(request):
    """The audit trail (with the page's filters) as CSV, prepared in the background: GET
    offers, POST starts the job and leads to Your downloads."""
    require(request.user, "improvement.view_audit_trail")
    require(request.user, "improvement.export")
    if request.method == "POST":
        query = request.GET.urlencode()
        title = "The audit trail as CSV" + (" (filtered)" if query else "")
        services.start(
            user=request.user, kind=audit_export.KIND, title=title, params={"query": query}
        )
        watch(request)
        return redirect("downloads")
    return render(request, "jobs/prepare.html", {"count": None, "title": "the audit trail as CSV"})
