"""The audit trail page and its CSV export. Read-only: GET only, nothing here changes."""

from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from audit import selectors as trail
from audit.forms import AuditFilterForm
from audit.records import Link
from core.access import require
from core.downloads import csv_lines, csv_response, safe_cells
from core.pagination import page_number, querystring


def with_record_urls(page: trail.Page) -> trail.Page:
    """Give each entry the address of the page its record links to, for the template."""
    for entry in page.entries:
        entry.record_url = _address(entry.record_link)
    return page


def _address(link: Link | None) -> str | None:
    if link is None:
        return None
    try:
        return reverse(link.url_name, args=link.args)
    except NoReverseMatch:
        return None


@require_GET
def audit_trail(request):
    """Every change to every record and every sign-in, newest first, filterable."""
    require(request.user, "improvement.view_audit_trail")
    form = AuditFilterForm(request.GET or None)
    filters = form.filters()
    number = page_number(request)
    rows = trail.audit_rows(filters, limit=number * trail.PAGE_SIZE + 1)
    page = with_record_urls(trail.audit_page(rows, request.user, number))
    return render(
        request,
        "improvement/audit/trail.html",
        {
            "form": form,
            "filtered": filters != trail.AuditFilters(),
            "page": page,
            "querystring": querystring(request),
            "export_query": querystring(request),
        },
    )


@require_GET
def audit_trail_csv(request):
    """The whole (filtered) trail as CSV, streamed a batch at a time."""
    require(request.user, "improvement.view_audit_trail")
    require(request.user, "improvement.export")
    filters = AuditFilterForm(request.GET or None).filters()
    rows = trail.audit_rows(filters)
    stamp = timezone.localdate().isoformat()
    lines = csv_lines(safe_cells(trail.csv_rows(rows, request.user)))
    return csv_response(lines, f"audit-trail-{stamp}.csv")
