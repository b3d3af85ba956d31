"""The inspections register: list, detail, and the plan manager's create and edit forms."""

from django.contrib import messages
from django.shortcuts import redirect, render

from core.access import get_selected_or_404, get_visible_or_404, require
from core.editing import EditConflict, conflict_form
from core.pagination import paginate
from core.views import posted
from improvement.recommendation_status import TAG_STATUS, DerivedStatus
from inspections import services
from inspections.forms import InspectionEditForm, InspectionForm, judgement_formset
from inspections.models import Inspection
from registers import selectors
from registers.filters import InspectionFilter
from registers.views import filtered_list_context

PER_PAGE = 25


def inspection_list(request):
    require(request.user, "improvement.read")
    filterset = InspectionFilter(
        request.GET or None,
        queryset=selectors.inspections_for_user(request.user),
        request=request,
        years=selectors.inspection_years(request.user),
    )
    page = paginate(request, filterset.qs, PER_PAGE)
    return render(
        request,
        "inspections/inspection_list.html",
        filtered_list_context(request, filterset, page),
    )


def inspection_detail(request, pk: int):
    require(request.user, "improvement.read")
    inspection = get_selected_or_404(selectors.inspection_detail, request.user, pk)
    recommendations = list(inspection.recommendations.all())
    for recommendation in recommendations:
        status = DerivedStatus(recommendation.derived_status)
        recommendation.status_label = status.label
        recommendation.tag_status = TAG_STATUS[status]
    approved_plans, other_plans = selectors.answering_plans(inspection)
    return render(
        request,
        "inspections/inspection_detail.html",
        {
            "inspection": inspection,
            "recommendations": recommendations,
            "approved_plans": approved_plans,
            "other_plans": other_plans,
        },
    )


def inspection_create(request):
    require(request.user, "improvement.manage_plans")
    form = InspectionForm(posted(request))
    judgements = judgement_formset(posted(request))
    if request.method == "POST" and form.is_valid() & judgements.is_valid():
        inspection = services.inspection_create(
            fields=form.cleaned_data, grades=judgements.grades()
        )
        messages.success(request, f"{inspection.title} has been added")
        return redirect(inspection)
    return render(
        request,
        "inspections/inspection_form.html",
        {"form": form, "judgements": judgements, "heading": "Add an inspection or review"},
    )


def inspection_edit(request, pk: int):
    inspection = get_visible_or_404(Inspection.objects, request.user, pk=pk)
    require(request.user, "improvement.manage_plans", inspection)
    form = InspectionEditForm(
        posted(request), instance=inspection, initial={"version": inspection.version}
    )
    judgements = judgement_formset(posted(request), inspection=inspection)
    conflict = None
    if request.method == "POST" and form.is_valid() & judgements.is_valid():
        try:
            services.inspection_update(
                inspection=inspection,
                version=form.cleaned_data["version"],
                fields=form.inspection_fields(),
                grades=judgements.grades(),
            )
        except EditConflict as error:
            conflict = error
            form = conflict_form(InspectionEditForm, request.POST, error)
        else:
            messages.success(request, "Your changes have been saved")
            return redirect(inspection)
    return render(
        request,
        "inspections/inspection_form.html",
        {
            "form": form,
            "judgements": judgements,
            "inspection": inspection,
            "conflict": conflict,
            "heading": f"Edit {inspection.title}",
        },
    )
