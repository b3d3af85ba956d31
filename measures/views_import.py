"""The web import of published statistics: upload, preview, choose, confirm.

The preview shows what the file holds and which rows are the council, England, the region
and the neighbours; the plan manager picks indicators and filter values (all indicators,
and "Total" where a filter has it, unless last year's file of the same name was imported
with other choices) and maps each series to a new or existing measure. Confirming runs
measures/job_kinds.py as a background job (services.imports.published_import: all or nothing).
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render

from core.access import require
from core.views import posted
from jobs import services as jobs
from jobs.watch import watch
from measures import job_kinds, pages
from measures.forms_import import OpenDataChoicesForm, OpenDataUploadForm
from measures.models import CouncilProfile
from measures.opendata import read_open_data
from measures.services import uploads
from measures.services.published import ImportChoices, published_import_plan


def measure_import(request):
    require(request.user, "measures.manage")
    profile = CouncilProfile.current()
    initial = {"la_code": profile.old_la_code or profile.new_la_code} if profile else {}
    form = OpenDataUploadForm(posted(request), request.FILES or None, initial=initial)
    if form.is_valid():
        upload = request.FILES["file"]
        token = uploads.open_data_keep(
            session=request.session,
            data=form.cleaned_data["file"],
            meta=form.cleaned_data["meta"],
            file_name=upload.name,
        )
        details = request.session[uploads.SESSION_KEY]
        details[token] |= {
            "la_code": form.cleaned_data["la_code"],
            "publication": form.cleaned_data["publication"],
        }
        request.session[uploads.SESSION_KEY] = details
        return redirect("measure_import_preview", token=token)
    return render(request, "measures/import_upload.html", {"form": form})


def _choices(form, details: dict) -> ImportChoices:
    data = form.cleaned_data if form.is_bound and form.is_valid() else None
    if data is None:
        indicators = form.fields["indicators"].initial
        filters = {column: form.fields[name].initial for name, column in form.filter_fields}
    else:
        indicators, filters = data["indicators"], form.filters()
    return ImportChoices(
        la_code=details["la_code"],
        indicators=list(indicators),
        filters=filters,
        publication=details.get("publication") or details["file_name"].removesuffix(".csv"),
    )


def _confirm(request, token: str, details: dict, choices: ImportChoices, form):
    """Import as a background job (measures/job_kinds.py); the redirect to answer with, or
    None with the problems on `form`. A job already done (the immediate backend, or a fast
    worker) answers as the import in the request did; one still waiting leads to Your
    downloads."""
    job = jobs.start(
        user=request.user,
        kind=job_kinds.PUBLISHED_IMPORT,
        title=f"Import of {details['file_name']}",
        params=job_kinds.params_for(token=token, details=details, choices=choices),
    )
    job.refresh_from_db()
    if job.status == job.Status.FAILED:
        form.add_error(None, job.error)
        return None
    if job.status != job.Status.FINISHED:
        watch(request)
        messages.info(request, "Your import is under way. It is listed on Your downloads.")
        return redirect("downloads")
    uploads.open_data_discard(session=request.session, token=token)
    messages.success(request, job.result_note)
    return redirect("measure_list")


def measure_import_preview(request, token: str):
    require(request.user, "measures.manage")
    details = uploads.open_data_details(session=request.session, token=token)
    if details is None:
        raise Http404
    data, meta = uploads.open_data_read(token, meta=details.get("meta", False))
    if data is None:
        raise Http404
    parsed = read_open_data(data, meta)
    remembered, measures = pages.import_preview_reads(details["file_name"])
    form_args = {"parsed": parsed, "remembered": remembered, "measures": measures}
    probe = OpenDataChoicesForm(posted(request), series=[], **form_args)
    choices = _choices(probe, details)
    plan = published_import_plan(parsed, choices, CouncilProfile.current())
    form = OpenDataChoicesForm(posted(request), series=list(plan.series.values()), **form_args)
    if request.method == "POST" and "confirm" in request.POST and form.is_valid():
        choices.measures = form.measure_choices()
        answer = _confirm(request, token, details, choices, form)
        if answer is not None:
            return answer
    return render(
        request,
        "measures/import_preview.html",
        {
            "form": form,
            "plan": plan,
            "parsed": parsed,
            "details": details,
            "areas": sorted(plan.count_by_area().items()),
            "symbols": sorted(plan.symbols().items()),
        },
    )
