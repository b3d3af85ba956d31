"""The audit trail, an action's own history, and the exceptions list, with CSV exports.

All read-only: these views answer GET only, so nothing in the trail can be changed here.
"""

import csv
from collections.abc import Iterator
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from improvement.forms.audit import AuditFilterForm, ExceptionFilterForm
from improvement.importing import neutralise_formula
from improvement.models import Action
from improvement.selectors import audit, exceptions
from improvement.views.access import get_visible_or_404, require

LIST_PAGE_SIZE = 50


class Echo:
    """A file-like object whose write returns the line, for streaming CSV."""

    def write(self, value):
        return value


def csv_lines(rows) -> Iterator[str]:
    """A byte-order mark so Excel reads UTF-8, then each row with formulas neutralised."""
    writer = csv.writer(Echo(), lineterminator="\r\n")
    yield "\ufeff"
    for row in rows:
        yield writer.writerow([neutralise_formula(str(cell)) for cell in row])


def stream_csv(rows, filename: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(csv_lines(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _page_number(request) -> int:
    try:
        return max(int(request.GET.get("page", 1)), 1)
    except ValueError:
        return 1


def _querystring(request, *, without=("page",)) -> str:
    return urlencode(
        [(key, value) for key, value in request.GET.items() if key not in without and value]
    )


@require_GET
def audit_trail(request):
    """Every change to every record and every sign-in, newest first, filterable."""
    require(request.user, "improvement.view_audit_trail")
    form = AuditFilterForm(request.GET or None)
    filters = form.filters()
    number = _page_number(request)
    rows = audit.audit_rows(filters, limit=number * audit.PAGE_SIZE + 1)
    page = audit.audit_page(rows, request.user, number)
    return render(
        request,
        "improvement/audit/trail.html",
        {
            "form": form,
            "filtered": filters != audit.AuditFilters(),
            "page": page,
            "querystring": _querystring(request),
            "export_query": _querystring(request),
        },
    )


@require_GET
def audit_trail_csv(request):
    """The whole (filtered) trail as CSV, streamed a batch at a time."""
    require(request.user, "improvement.view_audit_trail")
    require(request.user, "improvement.export")
    filters = AuditFilterForm(request.GET or None).filters()
    rows = audit.audit_rows(filters)
    stamp = timezone.localdate().isoformat()
    return stream_csv(audit.csv_rows(rows, request.user), f"audit-trail-{stamp}.csv")


@require_GET
def action_history(request, pk: int):
    """Every change to one action and to what hangs off it, with who, when and what."""
    action = get_visible_or_404(
        Action.objects.select_related("priority__plan"), request.user, pk=pk
    )
    require(request.user, "improvement.view_action_history", action)
    number = _page_number(request)
    rows = audit.audit_rows(scopes=audit.action_scopes(action.pk), limit=number * 50 + 1)
    page = audit.audit_page(rows, request.user, number)
    return render(
        request,
        "improvement/audit/action_history.html",
        {"action": action, "page": page, "querystring": ""},
    )


def _exception_kind(request):
    form = ExceptionFilterForm(request.GET or None)
    kind = None
    if form.is_bound and form.is_valid() and form.cleaned_data["kind"]:
        kind = exceptions.KINDS_BY_KEY[form.cleaned_data["kind"]]
    return form, kind


@require_GET
def exception_list(request):
    """Counts of each kind of exception, and the actions of the chosen kind."""
    require(request.user, "improvement.view_exceptions")
    form, kind = _exception_kind(request)
    counts = exceptions.exception_counts(request.user)
    actions = exceptions.exception_actions(request.user, kind)
    paginator = Paginator(actions, LIST_PAGE_SIZE)
    page_obj = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "improvement/audit/exceptions.html",
        {
            "form": form,
            "kind": kind,
            "counts": counts,
            "page_obj": page_obj,
            "rows": [(action, exceptions.kinds_of(action)) for action in page_obj],
            "elided_page_range": paginator.get_elided_page_range(
                page_obj.number, on_each_side=1, on_ends=1
            ),
            "querystring": _querystring(request),
        },
    )


@require_GET
def exception_csv(request):
    """The exceptions list as CSV: one row per action, with the exceptions that apply."""
    require(request.user, "improvement.view_exceptions")
    require(request.user, "improvement.export")
    _, kind = _exception_kind(request)
    actions = exceptions.exception_actions(request.user, kind)
    name = kind.key.replace("_", "-") if kind else "all"
    stamp = timezone.localdate().isoformat()
    return stream_csv(exceptions.csv_rows(actions), f"exceptions-{name}-{stamp}.csv")
