"""The bodies pages: list, detail, create and edit, members, and each member's calendar
feed. Thin: fetch, check, call."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from core import clock
from core.access import get_allowed_or_404, get_selected_or_404, get_visible_or_404, require
from core.editing import edit_attempt
from core.forms import add_errors
from core.pagination import paginate
from core.views import posted
from meetings import calendar, selectors, services
from meetings.forms import BodyEditForm, BodyForm, MemberForm
from meetings.models import Body, BodyMember

PER_PAGE = 50


def body_list(request):
    require(request.user, "meetings.read")
    page = paginate(request, selectors.bodies_for(request.user, today=clock.today()), PER_PAGE)
    return render(request, "meetings/body_list.html", {"page_obj": page})


def body_detail(request, pk: int):
    require(request.user, "meetings.read")
    page = get_selected_or_404(selectors.body_page, request.user, pk, today=clock.today())
    feed_url = None
    if page.membership is not None:
        token = calendar.feed_token(page.membership)
        feed_url = request.build_absolute_uri(reverse("body_calendar", args=[token]))
    return render(
        request,
        "meetings/body_detail.html",
        {"page": page, "body": page.body, "feed_url": feed_url},
    )


def body_create(request):
    require(request.user, "meetings.manage")
    form = BodyForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            body = services.body_create(fields=dict(form.cleaned_data))
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"{body.name} was added")
            return redirect(body)
    return render(
        request,
        "meetings/form.html",
        {"form": form, "heading": "Add a board or panel", "back": "body_list"},
    )


def body_edit(request, pk: int):
    body = get_allowed_or_404(Body.objects, request.user, "meetings.manage", pk=pk)
    form = BodyEditForm(posted(request), instance=body, initial={"version": body.version})
    conflict = None
    if request.method == "POST" and form.is_valid():
        fields = dict(form.cleaned_data)
        version = fields.pop("version")
        attempt = edit_attempt(
            form, lambda: services.body_update(body=body, version=version, fields=fields)
        )
        if attempt.saved:
            messages.success(request, "Your changes have been saved")
            return redirect(body)
        form, conflict = attempt.form, attempt.conflict
    return render(
        request,
        "meetings/form.html",
        {"form": form, "heading": f"Edit {body.name}", "back_to": body, "conflict": conflict},
    )


def body_member_add(request, pk: int):
    body = get_allowed_or_404(Body.objects, request.user, "meetings.manage", pk=pk)
    form = MemberForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.member_add(body=body, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "The member was added")
            return redirect(body)
    return render(
        request,
        "meetings/form.html",
        {"form": form, "heading": f"Add a member to {body.name}", "back_to": body},
    )


@require_POST
def body_member_remove(request, pk: int):
    require(request.user, "meetings.manage")
    member = get_visible_or_404(
        BodyMember.objects.select_related("body", "user"), request.user, pk=pk
    )
    services.member_remove(member=member)
    messages.success(request, f"{member.display_name} is no longer a member")
    return redirect(member.body)


@require_POST
def body_calendar_renew(request, pk: int):
    """A member's new calendar address: the old one stops working."""
    body = get_allowed_or_404(Body.objects, request.user, "meetings.calendar", pk=pk)
    member = get_visible_or_404(
        BodyMember.objects.filter(user=request.user), request.user, body=body
    )
    services.calendar_address_renew(member=member)
    messages.success(request, "Your calendar has a new address: the old one no longer works")
    return redirect(body)


@login_not_required
def body_calendar(request, token: str):
    """A body's meetings for a calendar app: anonymous, but only with a member's current
    token; any other token is a 404."""
    member_id = calendar.member_id_in(token)
    member = selectors.feed_member(member_id) if member_id else None
    if member is None or not calendar.token_holds(token, member):
        raise Http404
    body = member.body
    # A meeting's UID stays the same whichever address the feed was fetched from.
    uid_host = urlsplit(settings.SITE_URL).hostname or "improvement-plan-tracker"
    events = [
        {
            "uid": f"meeting-{meeting.pk}@{uid_host}",
            "day": meeting.date,
            "start": meeting.start_time,
            "summary": body.name,
            "location": meeting.venue or meeting.online_link,
            "description": meeting.online_link,
            "url": request.build_absolute_uri(meeting.get_absolute_url()),
            "status": calendar.STATUS[meeting.status],
        }
        for meeting in body.meetings.order_by("date", "pk")
    ]
    text = calendar.calendar(body.name, events, stamp=clock.now())
    response = HttpResponse(text, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="meetings.ics"'
    return response
