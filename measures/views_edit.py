"""Plan managers add and edit measures and set their targets. Thin: fetch, check, call."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render

from core.access import get_allowed_or_404, require
from core.editing import edit_attempt
from core.forms import add_errors
from core.views import posted
from measures.forms_edit import MeasureEditForm, MeasureForm
from measures.forms_target import TargetForm
from measures.models import Measure, Target
from measures.services import measures as services
from measures.services.targets import target_remove, target_set


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


def measure_targets(request, pk: int):
    """The measure's targets, and the form to set one (or change one: `?change=<id>`)."""
    measure = get_allowed_or_404(Measure.objects, request.user, "measures.manage", pk=pk)
    targets = list(
        Target.objects.filter(measure=measure)
        .select_related("period")
        .order_by("period__end", "from_date")
    )
    changing = next((t for t in targets if str(t.pk) == request.GET.get("change")), None)
    initial = TargetForm.initial_for(changing) if changing else None
    form = TargetForm(posted(request), measure=measure, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            target_set(
                measure=measure,
                period=form.period_parts(),
                from_date=form.starts_on(),
                value=data["value"],
                tolerance=data["tolerance"],
                tolerance_kind=data["tolerance_kind"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "The target was saved")
            return redirect("measure_targets", pk=measure.pk)
    return render(
        request,
        "measures/target_form.html",
        {"form": form, "measure": measure, "targets": targets, "changing": changing},
    )


def measure_target_remove(request, pk: int, target_pk: int):
    """Confirm, then remove one of the measure's targets (set in error)."""
    measure = get_allowed_or_404(Measure.objects, request.user, "measures.manage", pk=pk)
    target = get_object_or_404(
        Target.objects.select_related("period"), pk=target_pk, measure=measure
    )
    if request.method == "POST":
        applies = target.applies
        target_remove(target=target)
        messages.success(request, f"The target {applies} was removed")
        return redirect("measure_targets", pk=measure.pk)
    return render(request, "measures/target_remove.html", {"measure": measure, "target": target})
