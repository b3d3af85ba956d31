"""Cursor pagination: a `next` link, stable order by id, bounded page size."""

from django.conf import settings
from rest_framework.pagination import CursorPagination


class IdCursorPagination(CursorPagination):
    ordering = "id"  # unique and never changes, so a refresh never skips or repeats a row
    page_size = 100
    page_size_query_param = "page_size"
    max_page_size = settings.API_MAX_PAGE_SIZE
