"""The committee report pack for a plan: a printable page, a PDF and an Excel workbook."""

from functools import partial
from urllib.parse import urlencode

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from core.access import get_visible_or_404, require
from improvement.forms.reports import PackOptionsForm
from improvement.job_kinds import REPORT_PACK
from improvement.models import Plan
from improvement.reports.audience import Audience
from improvement.reports.files import pack_charts, pack_pdf, pack_xlsx
from improvement.reports.pack import report_pack as build_pack
from improvement.views.dashboard import AsAtForm, read_dates
from jobs import services as jobs
from jobs.watch import watch

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class PackForm(AsAtForm, PackOptionsForm):
    field_order = ["as_at", "audience", "meeting", "agenda_item"]


def _pack(request, pk: int):
    require(request.user, "improvement.read")
    plan = get_visible_or_404(Plan.objects, request.user, pk=pk)
    form, day, _ = read_dates(request, partial(PackForm, user=request.user))
    options = form.options()
    if request.GET.get("audience") == Audience.RESTRICTED:
        # Asked for by URL even where the form does not offer it: build_pack answers 403
        # rather than hand over a pack for another audience.
        options["audience"] = Audience.RESTRICTED
    return form, build_pack(request.user, plan=plan, day=day, **options)


def _query(pack) -> str:
    """The pack's options as a query string, for its downloads."""
    options = {"as_at": f"{pack.day:%Y-%m-%d}", "audience": pack.audience}
    options |= {"meeting": pack.meeting, "agenda_item": pack.agenda_item}
    return "?" + urlencode({name: value for name, value in options.items() if value})


def report_pack(request, pk: int):
    """The pack as a page to read, print or save as PDF from the browser."""
    form, pack = _pack(request, pk)
    query = _query(pack)
    context = {
        "form": form,
        "pack": pack,
        **pack_charts(pack),
        "pdf_url": reverse("report_pdf", args=[pk]) + query,
        "xlsx_url": reverse("report_xlsx", args=[pk]) + query,
    }
    return render(request, "improvement/reports/pack.html", context)


def _download(request, pk: int, render_file, content_type: str, extension: str):
    """The file now (GET), or prepared in the background (POST: improvement/job_kinds.py)."""
    require(request.user, "improvement.export")
    form, pack = _pack(request, pk)
    if form.is_bound and form.errors:
        # Show the reader the problem with the date on the page rather than a broken file.
        return redirect(reverse("report_pack", args=[pk]) + "?" + request.GET.urlencode())
    if request.method == "POST":
        params = {"plan": pk, "format": extension, "day": f"{pack.day:%Y-%m-%d}"}
        params |= {"audience": pack.audience, "meeting": pack.meeting}
        params |= {"agenda_item": pack.agenda_item}
        title = f"Report pack for {pack.plan.title} as {extension.upper()} ({pack.marking})"
        jobs.start(user=request.user, kind=REPORT_PACK, title=title, params=params)
        watch(request)
        return redirect("downloads")
    response = HttpResponse(render_file(pack), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{pack.filename_stem}.{extension}"'
    return response


def report_pdf(request, pk: int):
    return _download(request, pk, pack_pdf, "application/pdf", "pdf")


def report_xlsx(request, pk: int):
    return _download(request, pk, pack_xlsx, XLSX, "xlsx")
