"""Pagination for every list page: one page of rows, the page links, the query to keep."""

from urllib.parse import urlencode

from django.core.paginator import Page, Paginator

# No list has this many pages; a larger number would overflow the database's LIMIT.
MAX_PAGE = 10_000


def paginate(
    request,
    items,
    per_page: int,
    *,
    on_each_side: int = 3,
    on_ends: int = 2,
    count: int | None = None,
) -> Page:
    """The page the request asks for (the first or last page for a bad or out-of-range
    number), with `elided_page_range` set for the pagination include. Pass `count` when
    it is already known, to save the COUNT query."""
    paginator = Paginator(items, per_page)
    if count is not None:
        paginator.count = count
    page = paginator.get_page(request.GET.get("page"))
    page.elided_page_range = page.paginator.get_elided_page_range(
        page.number, on_each_side=on_each_side, on_ends=on_ends
    )
    return page


def page_number(request) -> int:
    """The page number asked for, 1 when it is missing or not a whole number, and at most
    MAX_PAGE (an empty page past the end rather than an error)."""
    try:
        return min(max(int(request.GET.get("page", 1)), 1), MAX_PAGE)
    except ValueError:
        return 1


def querystring(request, *, without=("page",)) -> str:
    """The request's non-empty query parameters except `without`, for page and export links."""
    return urlencode(
        [(key, value) for key, value in request.GET.items() if key not in without and value]
    )
