"""The filtered action list: every dashboard figure and drill-down lands here."""

from dataclasses import dataclass

from django.shortcuts import render
from django.urls import reverse

from core.access import require
from core.pagination import paginate
from improvement.filters import DEFAULT_SORT, SORTS, filtered_actions
from improvement.selectors.action_list import ReferenceWindow, for_list_page, summarise
from improvement.views.dashboard import plan_scope_links

PAGE_SIZE = 50
# Above this many actions the .xlsx takes seconds to build (about 20 s for 100,000 on two
# cores, docs/performance.md), so the page says so before the reader clicks.
SLOW_XLSX_ACTIONS = 10_000

# (sort key, column heading); None: the column cannot be sorted.
COLUMNS = [
    ("ref", "Ref"),
    (None, "Action"),
    ("lead", "Lead"),
    ("target", "Target date"),
    ("status", "Status"),
    ("updated", "Last update"),
]


@dataclass(frozen=True)
class Column:
    label: str
    url: str | None = None
    aria_sort: str | None = None  # "ascending" / "descending" on the sorted column
    sort_label: str = ""


def querystring(params, **changes) -> str:
    """The GET parameters without `page` (and with `changes`), URL-encoded."""
    params = params.copy()
    params.pop("page", None)
    for name, value in changes.items():
        params[name] = value
    return params.urlencode()


def columns(params, current: str) -> list[Column]:
    result = []
    for key, label in COLUMNS:
        if key is None:
            result.append(Column(label))
            continue
        ascending = current == key
        descending = current == f"-{key}"
        new_sort = f"-{key}" if ascending else key
        result.append(
            Column(
                label,
                url="?" + querystring(params, sort=new_sort),
                aria_sort="ascending" if ascending else "descending" if descending else None,
                sort_label=f"Sort by {SORTS[key][0]}"
                + (", descending" if ascending else ", ascending"),
            )
        )
    return result


def action_list(request):
    require(request.user, "improvement.read")
    action_filter = filtered_actions(request.user, request.GET)
    actions = action_filter.qs
    summary = summarise(actions)
    counts, total = summary.counts, summary.total
    rows = for_list_page(request.user, actions)
    if action_filter.sort_key == DEFAULT_SORT:
        rows = ReferenceWindow(rows, summary.by_priority)
    page = paginate(
        request,
        rows,
        PAGE_SIZE,
        on_each_side=1,
        on_ends=1,
        count=total,  # saves the COUNT query
    )
    query = querystring(request.GET)
    context = {
        "filter": action_filter,
        "form": action_filter.form,
        "page_obj": page,
        "actions": page.object_list,
        "elided_page_range": page.elided_page_range,
        "querystring": query,
        "columns": columns(request.GET, action_filter.sort_key),
        "counts": [
            (status, label, count, "?" + querystring(request.GET, status=status))
            for status, label, count in counts
        ],
        "export_csv": reverse("action_export_csv") + (f"?{query}" if query else ""),
        "export_xlsx": reverse("action_export_xlsx") + (f"?{query}" if query else ""),
        "slow_xlsx": total > SLOW_XLSX_ACTIONS,
        "scope_links": plan_scope_links(request.GET, action_filter.plan_scope),
    }
    return render(request, "improvement/lists/action_list.html", context)
