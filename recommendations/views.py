"""The recommendations register: list, detail, and the plan manager's forms."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render

from core.access import get_visible_or_404, require
from improvement.forms.plans import add_errors, conflict_form
from improvement.services.plans import EditConflict
from improvement.views.plans import posted
from inspections.models import Inspection
from inspections.views import querystring_without_page
from recommendations import selectors, services
from recommendations.filters import RecommendationFilter
from recommendations.forms import (
    RecommendationCloseForm,
    RecommendationEditForm,
    RecommendationForm,
)
from recommendations.models import Recommendation
from recommendations.status import TAG_STATUS, DerivedStatus

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
    page = Paginator(recommendations, PER_PAGE).get_page(request.GET.get("page"))
    selectors.with_action_counts(page)
    for recommendation in page:
        label_status(recommendation)
    return render(
        request,
        "recommendations/recommendation_list.html",
        {
            "filter": filterset,
            "form": filterset.form,
            "page_obj": page,
            "elided_page_range": page.paginator.get_elided_page_range(page.number),
            "querystring": querystring_without_page(request),
            "filtered": bool(querystring_without_page(request)),
        },
    )


def recommendation_detail(request, pk: int):
    require(request.user, "improvement.read")
    try:
        recommendation = label_status(selectors.recommendation_detail(request.user, pk))
    except Recommendation.DoesNotExist as exc:
        raise Http404 from exc
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
        try:
            services.recommendation_update(
                recommendation=recommendation,
                version=form.cleaned_data["version"],
                fields=form.recommendation_fields(),
            )
        except EditConflict as error:
            conflict = error
            form = conflict_form(RecommendationEditForm, request.POST, error)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "Your changes have been saved")
            return redirect(recommendation)
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
