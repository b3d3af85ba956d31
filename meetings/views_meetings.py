"""The meetings pages: list, detail, create and edit, status, and what a meeting records
(attendance, decisions, actions arising, challenges raised). Thin: fetch, check, call."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from core import clock
from core.access import allowed, get_allowed_or_404, get_selected_or_404, require
from core.editing import edit_attempt
from core.forms import add_errors
from core.pagination import paginate
from core.views import posted
from meetings import selectors, services
from meetings.forms import (
    ArisingCloseForm,
    ArisingForm,
    AttendanceForm,
    ChallengeLinkForm,
    DecisionForm,
    MeetingEditForm,
    MeetingForm,
)
from meetings.models import ActionArising, Body, Meeting

PER_PAGE = 50
MANAGE = "meetings.manage"


def meeting_list(request):
    require(request.user, "meetings.read")
    page = paginate(request, selectors.meetings_for(request.user), PER_PAGE)
    return render(request, "meetings/meeting_list.html", {"page_obj": page, "today": clock.today()})


def meeting_detail(request, pk: int):
    require(request.user, "meetings.read")
    page = get_selected_or_404(selectors.meeting_page, request.user, pk)
    return render(
        request,
        "meetings/meeting_detail.html",
        {"page": page, "meeting": page.meeting, "today": clock.today()},
    )


def _form_page(request, form, heading, back_to, **extra):
    return render(
        request,
        "meetings/form.html",
        {"form": form, "heading": heading, "back_to": back_to, **extra},
    )


def meeting_create(request, pk: int):
    body = get_allowed_or_404(Body.objects, request.user, MANAGE, pk=pk)
    form = MeetingForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_create(body=body, fields=dict(form.cleaned_data))
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "The meeting was added")
            return redirect(meeting)
    return _form_page(request, form, f"Add a meeting of {body.name}", body)


def meeting_edit(request, pk: int):
    meeting = get_allowed_or_404(
        Meeting.objects.select_related("body"), request.user, MANAGE, pk=pk
    )
    form = MeetingEditForm(posted(request), instance=meeting, initial={"version": meeting.version})
    conflict = None
    if request.method == "POST" and form.is_valid():
        fields = dict(form.cleaned_data)
        version = fields.pop("version")
        attempt = edit_attempt(
            form,
            lambda: services.meeting_update(meeting=meeting, version=version, fields=fields),
        )
        if attempt.saved:
            messages.success(request, "Your changes have been saved")
            return redirect(meeting)
        form, conflict = attempt.form, attempt.conflict
    return _form_page(
        request, form, f"Edit the meeting on {meeting.date:%-d %B %Y}", meeting, conflict=conflict
    )


@require_POST
def meeting_status(request, pk: int):
    meeting = get_allowed_or_404(Meeting.objects, request.user, MANAGE, pk=pk)
    try:
        meeting = services.meeting_advance(meeting=meeting, to=request.POST.get("status", ""))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"The meeting is now “{meeting.get_status_display()}”")
    return redirect(meeting)


def meeting_attendance(request, pk: int):
    meeting = get_allowed_or_404(
        Meeting.objects.select_related("body"), request.user, MANAGE, pk=pk
    )
    rows = list(meeting.attendance.all())
    form = AttendanceForm(
        posted(request),
        members=meeting.body.members.select_related("user"),
        recorded={row.member_id: row.status for row in rows if row.member_id},
        others=[row.name for row in rows if not row.member_id],
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.attendance_record(
                meeting=meeting, statuses=form.statuses(), others=form.other_names()
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "Attendance was saved")
            return redirect(meeting)
    return _form_page(request, form, "Record attendance", meeting, meeting=meeting)


def meeting_decision_add(request, pk: int):
    meeting = get_allowed_or_404(Meeting.objects, request.user, MANAGE, pk=pk)
    form = DecisionForm(posted(request))
    if request.method == "POST" and form.is_valid():
        decision = services.decision_add(meeting=meeting, text=form.cleaned_data["text"])
        messages.success(request, f"Decision {decision.number} was added")
        return redirect(meeting)
    return _form_page(request, form, "Add a decision", meeting, meeting=meeting)


def meeting_arising_add(request, pk: int):
    meeting = get_allowed_or_404(Meeting.objects, request.user, MANAGE, pk=pk)
    form = ArisingForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.arising_add(meeting=meeting, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "The action arising was added")
            return redirect(meeting)
    return _form_page(request, form, "Add an action arising", meeting, meeting=meeting)


def arising_close(request, pk: int):
    arising = get_allowed_or_404(
        ActionArising.objects.select_related("meeting"),
        request.user,
        "meetings.close_arising",
        pk=pk,
    )
    form = ArisingCloseForm(posted(request), initial={"closed_on": clock.today()})
    if request.method == "POST" and form.is_valid():
        try:
            services.arising_close(
                arising=arising,
                closed_on=form.cleaned_data["closed_on"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "The action arising was closed")
            return redirect(arising.meeting)
    return _form_page(request, form, "Close an action arising", arising.meeting, arising=arising)


def meeting_challenges(request, pk: int):
    """A plan manager marks any challenge raised at the meeting; a scrutiny member of the
    body, the ones they raised."""
    meeting = get_allowed_or_404(Meeting.objects, request.user, "meetings.link_challenges", pk=pk)
    own_only = not allowed(request.user, MANAGE)
    offered = selectors.linkable_challenges(request.user, meeting, own_only=own_only)
    form = ChallengeLinkForm(
        posted(request),
        challenges=offered,
        initial={"challenges": list(meeting.challenges.values_list("pk", flat=True))},
    )
    if request.method == "POST" and form.is_valid():
        services.challenges_link(
            meeting=meeting, challenges=form.cleaned_data["challenges"], offered=offered
        )
        messages.success(request, "The challenges raised at the meeting were saved")
        return redirect(meeting)
    heading = (
        "Challenges raised at the meeting"
        if not own_only
        else "Your challenges raised at the meeting"
    )
    return _form_page(request, form, heading, meeting, meeting=meeting)
