"""Cursor pagination: a `next` link, stable order by id, bounded page size."""

from django.conf import settings
from rest_framework.pagination import CursorPagination


class IdCursorPagination(CursorPagination):
    ordering = "id"  # unique and never changes, so a refresh never skips or repeats a row
    page_size = 100
    page_size_query_param = "page_size"
    max_page_size = settings.API_MAX_PAGE_SIZE

    def paginate_queryset(self, queryset, request, view=None):
        """The page's ids first, then its rows by those ids: asked for `ORDER BY id LIMIT n`
        with the status subqueries, PostgreSQL plans them for the whole table (api/csv.py
        does the same for each chunk of a CSV)."""
        ids = super().paginate_queryset(queryset.prefetch_related(None).values("id"), request, view)
        if ids is None:
            return None
        rows = {row.id: row for row in queryset.filter(id__in=[i["id"] for i in ids])}
        return [rows[i["id"]] for i in ids if i["id"] in rows]
