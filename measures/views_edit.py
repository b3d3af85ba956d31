"""Plan managers add and edit measures. Thin: fetch, check, call the service."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from core.access import get_allowed_or_404, require
from core.editing import edit_attempt
from core.forms import add_errors
from core.views import posted
from measures.forms_edit import MeasureEditForm, MeasureForm
from measures.models import Measure
from measures.services import measures as services


def measure_create(request):
    require(request.user, "measures.manage")
    form = MeasureForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            measure = services.measure_create(fields=form.measure_fields(), links=form.links())
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"Measure {measure.reference} has been added")
            return redirect(measure)
    return render(request, "measures/measure_form.html", {"form": form, "heading": "Add a measure"})


def measure_edit(request, pk: int):
    measure = get_allowed_or_404(Measure.objects, request.user, "measures.manage", pk=pk)
    form = MeasureEditForm(posted(request), instance=measure, initial={"version": measure.version})
    conflict = None
    if request.method == "POST" and form.is_valid():
        attempt = edit_attempt(
            form,
            lambda: services.measure_update(
                measure=measure,
                version=form.cleaned_data["version"],
                fields=form.measure_fields(),
                links=form.links(),
            ),
        )
        if attempt.saved:
            messages.success(request, f"Measure {measure.reference} has been saved")
            return redirect("measure_detail", pk=measure.pk)
        form, conflict = attempt.form, attempt.conflict
    return render(
        request,
        "measures/measure_form.html",
        {
            "form": form,
            "measure": measure,
            "conflict": conflict,
            "heading": f"Edit measure {measure.reference}",
        },
    )
