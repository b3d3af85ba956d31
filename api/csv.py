"""Every list as CSV (`?format=csv`): streamed, a page of rows per query, cells formula-safe.

The columns are the JSON fields, flattened: a nested object gives `field.subfield`
columns, a list is joined with "; " (its items' names, or ids).
"""

from collections.abc import Iterator

from rest_framework import serializers
from rest_framework.renderers import BaseRenderer

from core.downloads import csv_lines, csv_response, safe_cells

CHUNK = 2_000  # rows per query while streaming


def columns(serializer: serializers.Serializer) -> list[str]:
    """The flattened column names of a serializer's fields."""
    names = []
    for name, field in serializer.fields.items():
        if isinstance(field, serializers.Serializer) and not getattr(field, "many", False):
            names += [f"{name}.{sub}" for sub in field.fields]
        else:
            names.append(name)
    return names


def _cell(value) -> object:
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(str(_item(item)) for item in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def _item(item):
    if isinstance(item, dict):
        return item.get("name") or item.get("original_name") or item.get("id")
    return item


def flatten(row: dict, names: list[str]) -> list:
    cells = []
    for name in names:
        head, _, tail = name.partition(".")
        value = row.get(head)
        if tail:
            value = value.get(tail) if isinstance(value, dict) else None
        cells.append(_cell(value))
    return cells


def _rows(queryset, serializer_class, context) -> Iterator[list]:
    """Rows in id order, CHUNK at a time: each chunk is one query (and its prefetches)."""
    names = columns(serializer_class(context=context))
    last = None
    while True:
        chunk = queryset.order_by("id")
        if last is not None:
            chunk = chunk.filter(id__gt=last)
        page = list(chunk[:CHUNK])
        if not page:
            return
        for row in serializer_class(page, many=True, context=context).data:
            yield flatten(row, names)
        if len(page) < CHUNK:
            return
        last = page[-1].id


def stream(queryset, serializer_class, context, name: str):
    """A streamed CSV download of the queryset through the serializer, `name`.csv."""
    header = columns(serializer_class(context=context))
    lines = csv_lines(safe_cells(_rows(queryset, serializer_class, context)), header=header)
    return csv_response(lines, f"{name}.csv")


class CSVRenderer(BaseRenderer):
    """Lets `?format=csv` through content negotiation; lists stream themselves (views),
    so this renders what is left: one object, or an error, as a one-row table."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if data is None:
            return b""
        rows = data if isinstance(data, list) else [data]
        rows = [row if isinstance(row, dict) else {"detail": row} for row in rows]
        names = list(dict.fromkeys(name for row in rows for name in row))
        cells = safe_cells(flatten(row, names) for row in rows)
        return "".join(csv_lines(cells, header=names)).encode()
