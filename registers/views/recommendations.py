"""The recommendations register: list, detail, and the plan manager's forms."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from core.access import get_selected_or_404, get_visible_or_404, require
from core.editing import edit_attempt
from core.forms import add_errors
from core.pagination import paginate
from core.views import posted
from improvement.recommendation_status import TAG_STATUS, DerivedStatus
from inspections.models import Inspection
from recommendations import services
from recommendations.forms import (
    RecommendationCloseForm,
    RecommendationEditForm,
    RecommendationForm,
)
from recommendations.models import Recommendation
from registers import selectors
from registers.filters import RecommendationFilter
from registers.views import filtered_list_context

PER_PAGE = 25


def named(reference: str) -> str:
    """How to refer to a recommendation: "Recommendation R15", or "Recommendation 9" as is."""
    return (
        reference if reference[:1].isalpha() and " " in reference else f"Recommendation {reference}"
    )


def label_status(recommendation: Recommendation) -> Recommendation:
    status = DerivedStatus(recommendation.derived_status)
    recommendation.status_label = status.label
    recommendation.tag_status = TAG_STATUS[status]
    recommendation.name = named(recommendation.reference)
    return recommendation


def recommendation_list(request):
    require(request.user, "improvement.read")
    filterset = RecommendationFilter(
        request.GET or None,
        queryset=selectors.recommendations_for_user(request.user),
        request=request,
    )
    recommendations = filterset.qs.order_by("-inspection__start_date", "sort_key", "reference")
    page = paginate(request, recommendations, PER_PAGE)
    selectors.with_action_counts(page)
    for recommendation in page:
        label_status(recommendation)
    return render(
        request,
        "recommendations/recommendation_list.html",
        filtered_list_context(request, filterset, page),
    )


def recommendation_detail(request, pk: int):
    require(request.user, "improvement.read")
    recommendation = label_status(
        get_selected_or_404(selectors.recommendation_detail, request.user, pk)
    )
    return render(
        request,
        "recommendations/recommendation_detail.html",
        {
            "recommendation": recommendation,
            "actions": recommendation.actions.all(),
            "challenges": recommendation.challenges.all(),
        },
    )


def recommendation_create(request):
    require(request.user, "improvement.manage_plans")
    initial = {}
    source = request.GET.get("inspection", "")
    if source.isdigit():
        initial["inspection"] = Inspection.objects.filter(pk=source).first()
    form = RecommendationForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        fields = form.recommendation_fields()
        try:
            recommendation = services.recommendation_create(
                inspection=fields.pop("inspection"), fields=fields
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"{named(recommendation.reference)} has been added")
            return redirect(recommendation)
    return render(
        request,
        "recommendations/recommendation_form.html",
        {"form": form, "heading": "Add a recommendation"},
    )


def recommendation_edit(request, pk: int):
    recommendation = get_visible_or_404(Recommendation.objects, request.user, pk=pk)
    require(request.user, "improvement.manage_plans", recommendation)
    form = RecommendationEditForm(
        posted(request), instance=recommendation, initial={"version": recommendation.version}
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        attempt = edit_attempt(
            form,
            lambda: services.recommendation_update(
                recommendation=recommendation,
                version=form.cleaned_data["version"],
                fields=form.recommendation_fields(),
            ),
        )
        if attempt.saved:
            messages.success(request, "Your changes have been saved")
            return redirect(recommendation)
        form, conflict = attempt.form, attempt.conflict
    return render(
        request,
        "recommendations/recommendation_form.html",
        {
            "form": form,
            "recommendation": recommendation,
            "conflict": conflict,
            "heading": f"Edit {named(recommendation.reference)}",
        },
    )


def recommendation_close(request, pk: int):
    recommendation = get_visible_or_404(Recommendation.objects, request.user, pk=pk)
    require(request.user, "improvement.manage_plans", recommendation)
    form = RecommendationCloseForm(posted(request))
    if recommendation.closed_at is not None:
        messages.info(request, "This recommendation is already closed")
        return redirect(recommendation)
    if request.method == "POST" and form.is_valid():
        try:
            services.recommendation_close(recommendation=recommendation, reason=form.full_reason)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"{named(recommendation.reference)} has been closed")
            return redirect(recommendation)
    return render(
        request,
        "recommendations/recommendation_close.html",
        {"form": form, "recommendation": recommendation, "name": named(recommendation.reference)},
    )
