"""The exceptions list an auditor works from, and its CSV export."""

from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from core.access import require
from core.downloads import csv_lines, csv_response, safe_cells
from core.pagination import paginate, querystring
from improvement.forms.exceptions import ExceptionFilterForm
from improvement.selectors import exceptions

LIST_PAGE_SIZE = 50


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
    page_obj = paginate(
        request,
        exceptions.exception_actions(request.user, kind),
        LIST_PAGE_SIZE,
        on_each_side=1,
        on_ends=1,
    )
    return render(
        request,
        "improvement/audit/exceptions.html",
        {
            "form": form,
            "kind": kind,
            "counts": counts,
            "page_obj": page_obj,
            "rows": [(action, exceptions.kinds_of(action)) for action in page_obj],
            "elided_page_range": page_obj.elided_page_range,
            "querystring": querystring(request),
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
    lines = csv_lines(safe_cells(exceptions.csv_rows(actions)))
    return csv_response(lines, f"exceptions-{name}-{stamp}.csv")
