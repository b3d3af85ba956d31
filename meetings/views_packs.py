"""Meeting packs: the list for a meeting, preview and publish, a published version with
its files, withdrawing one, and the public page of a published version."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe

from core.access import allowed, get_selected_or_404, get_visible_or_404, require
from core.forms import add_errors
from core.views import posted
from improvement.models import Plan
from improvement.reports.files import pack_charts
from meetings.forms_packs import PublishForm, WithdrawForm
from meetings.models import Meeting, PublishedPack
from meetings.selectors_packs import (
    meeting_pack,
    meeting_plans,
    published_versions,
)
from meetings.selectors_packs import (
    public_pack as find_public_pack,
)
from meetings.services_packs import publish_pack, withdraw_pack

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def meeting_packs(request, pk: int):
    """The plans a meeting reports on, with each published version."""
    require(request.user, "meetings.read_pack")
    meeting = get_visible_or_404(Meeting.objects.select_related("body"), request.user, pk=pk)
    context = {
        "meeting": meeting,
        "plans": meeting_plans(meeting, request.user),
        "versions": list(published_versions(meeting)),
        "can_publish": allowed(request.user, "meetings.publish_pack"),
    }
    return render(request, "meetings/packs.html", context)


def meeting_pack_preview(request, pk: int, plan_pk: int):
    """The pack as it would be published now; POST "publish" freezes and stores it."""
    require(request.user, "meetings.publish_pack")
    meeting = get_visible_or_404(Meeting.objects.select_related("body"), request.user, pk=pk)
    plan = get_visible_or_404(Plan.objects.filter(bodies=meeting.body_id), request.user, pk=plan_pk)
    versions = list(published_versions(meeting, plan))
    form = PublishForm(posted(request), republishing=bool(versions))
    cover_note = ""
    if form.is_valid():
        cover_note = form.cleaned_data["cover_note"]
        if request.POST.get("action") == "publish":
            try:
                published = publish_pack(
                    meeting=meeting,
                    plan=plan,
                    user=request.user,
                    cover_note=cover_note,
                    reason=form.cleaned_data.get("reason", ""),
                )
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, f"Version {published.version} of the pack is published")
                return redirect(published)
    pack = meeting_pack(request.user, meeting=meeting, plan=plan, cover_note=cover_note)
    context = {"meeting": meeting, "plan": plan, "pack": pack, "form": form}
    context |= {"versions": versions, **pack_charts(pack)}
    return render(request, "meetings/pack_preview.html", context)


def pack_detail(request, pk: int):
    """A published version, exactly as published, with its files and the other versions."""
    require(request.user, "meetings.read_pack")
    pack = get_visible_or_404(
        PublishedPack.objects.select_related("meeting__body", "plan", "published_by"),
        request.user,
        pk=pk,
    )
    can_publish = allowed(request.user, "meetings.publish_pack")
    context = {
        "published": pack,
        "page": mark_safe(pack.page),  # noqa: S308 - our own template's output, stored at publication
        "versions": list(published_versions(pack.meeting, pack.plan)),
        "is_public": pack.meeting.body.publishes_packs and not pack.withdrawn_at,
        "withdraw_form": WithdrawForm() if can_publish and not pack.withdrawn_at else None,
    }
    return render(request, "meetings/pack_detail.html", context)


def pack_withdraw(request, pk: int):
    """Take a version off the public page (POST); it stays listed for signed-in users."""
    require(request.user, "meetings.publish_pack")
    pack = get_visible_or_404(PublishedPack.objects, request.user, pk=pk)
    form = WithdrawForm(posted(request))
    if form.is_valid():
        try:
            withdraw_pack(pack=pack, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"Version {pack.version} is withdrawn")
            return redirect(pack)
    return render(request, "meetings/pack_withdraw.html", {"published": pack, "form": form})


def _file(pack: PublishedPack, kind: str) -> FileResponse:
    """The stored file as it was published, never made again."""
    field, content_type = (pack.pdf, "application/pdf") if kind == "pdf" else (pack.xlsx, XLSX)
    try:
        handle = field.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=f"{pack.filename_stem}.{kind}",
        content_type=content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


def pack_pdf(request, pk: int):
    require(request.user, "meetings.read_pack")
    return _file(get_visible_or_404(PublishedPack.objects, request.user, pk=pk), "pdf")


def pack_xlsx(request, pk: int):
    require(request.user, "meetings.read_pack")
    return _file(get_visible_or_404(PublishedPack.objects, request.user, pk=pk), "xlsx")


def _robots(response):
    response["X-Robots-Tag"] = settings.PUBLIC_PACKS_ROBOTS
    return response


@login_not_required
def public_pack(request, uuid):
    """The published version for anyone, from what was stored when it was published."""
    pack = get_selected_or_404(find_public_pack, uuid)
    context = {
        "published": pack,
        "page": mark_safe(pack.page),  # noqa: S308 - our own template's output, stored at publication
        "robots": settings.PUBLIC_PACKS_ROBOTS,
        "council_name": settings.COUNCIL_NAME,
    }
    return _robots(render(request, "meetings/public_pack.html", context))


@login_not_required
def public_pack_pdf(request, uuid):
    return _robots(_file(get_selected_or_404(find_public_pack, uuid), "pdf"))


@login_not_required
def public_pack_xlsx(request, uuid):
    return _robots(_file(get_selected_or_404(find_public_pack, uuid), "xlsx"))
