"""Every list as CSV (`?format=csv`): streamed, a page of rows per query, cells formula-safe.

The columns are the JSON fields, flattened: a nested object gives `field.subfield`
columns, a list is joined with "; " (its items' names, or ids). Rows are written straight
from the serializer's fields (each field's own `to_representation`, the serializer's own
methods) without building DRF's dict per row, which would take minutes for 100,000 rows.
"""

import re
from collections.abc import Callable, Iterator
from operator import attrgetter

from django.utils import timezone
from rest_framework import serializers
from rest_framework.relations import PrimaryKeyRelatedField
from rest_framework.renderers import BaseRenderer

from api.serializers.plans import prefetched
from core.downloads import csv_lines, csv_response
from core.formula import neutralise_formula

CHUNK = 2_000  # rows per query while streaming
_MAY_BE_FORMULA = re.compile(r"[=+\-@\t\r]")
_NOT_TEXT = (serializers.DateField, serializers.DateTimeField, serializers.IntegerField)


def _safe(value) -> str:
    """Text made formula-safe; the quick test spares most cells the full rewrite."""
    return neutralise_formula(value) if _MAY_BE_FORMULA.search(value) else value


def _cell(value, *, text: bool = True):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return _safe("; ".join(str(_item(item)) for item in value))
    if isinstance(value, dict):
        return _safe("; ".join(f"{key}={_cell(item)}" for key, item in value.items()))
    if isinstance(value, str):
        return _safe(value) if text else value
    return value


def _item(item):
    if isinstance(item, dict):
        return item.get("name") or item.get("original_name") or item.get("id")
    return item


def _moment(value) -> str:
    """A date and time as DRF's DateTimeField gives it (UK time, "Z" when that is UTC),
    without its per-value lookups of the active time zone."""
    text = value.astimezone(timezone.get_default_timezone()).isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def _value_getter(field: serializers.Field, prefix: str = "") -> Callable:
    """obj -> the field's representation, as DRF would give it (None for missing)."""
    source, represent = f"{prefix}{field.source}", field.to_representation
    if isinstance(field, serializers.DateTimeField):
        represent = _moment
    if isinstance(field, PrimaryKeyRelatedField) and "." not in field.source:
        source, represent = f"{prefix}{field.source}_id", int  # the id, without a fetch
    get = attrgetter(source)

    def value(obj):
        try:
            found = get(obj)
        except AttributeError:  # a missing object along a nullable path
            return None
        if callable(found):
            found = found()
        return None if found is None else represent(found)

    return value


def _list_getter(field: serializers.ListSerializer) -> Callable:
    """A nested list (leads, evidence): its items' names, or ids, joined."""
    child = field.child.fields
    if "name" in child:
        label = child["name"].source
    elif "original_name" in child:
        label = "original_name"
    else:
        label = "pk"
    get_label = attrgetter(label)
    return lambda obj: _safe(
        "; ".join(str(get_label(item)) for item in prefetched(obj, field.source))
    )


class Columns:
    """The flattened columns of a serializer and how to fill them from a record."""

    def __init__(self, serializer: serializers.Serializer):
        self.names: list[str] = []
        self.cells: list[Callable] = []
        for name, field in serializer.fields.items():
            if isinstance(field, serializers.ListSerializer):
                self._add(name, _list_getter(field))
            elif isinstance(field, serializers.Serializer):
                for sub_name, sub in field.fields.items():
                    get = _value_getter(sub, f"{field.source}.")
                    self._add(f"{name}.{sub_name}", lambda obj, get=get: _cell(get(obj)))
            elif isinstance(field, serializers.SerializerMethodField):
                method = getattr(serializer, field.method_name)
                self._add(name, lambda obj, method=method: _cell(method(obj)))
            else:
                get, text = _value_getter(field), not isinstance(field, _NOT_TEXT)
                self._add(name, lambda obj, get=get, text=text: _cell(get(obj), text=text))

    def _add(self, name: str, cell: Callable) -> None:
        self.names.append(name)
        self.cells.append(cell)

    def row(self, obj) -> list:
        return [cell(obj) for cell in self.cells]


def _rows(queryset, columns: Columns, attach: Callable | None) -> Iterator[list]:
    """Rows in id order, CHUNK at a time: the chunk's ids, then its rows (and prefetches).

    Asking for the rows by a list of ids lets the database plan for that many rows, not
    the whole table (it then probes each row's subqueries by index instead of joining
    whole tables).
    """
    last = None
    while True:
        chunk = queryset.order_by("id")
        if last is not None:
            chunk = chunk.filter(id__gt=last)
        ids = list(chunk.values_list("id", flat=True)[:CHUNK])
        if not ids:
            return
        page = queryset.filter(id__in=ids).order_by("id")
        if attach is not None:
            page = list(page.prefetch_related(None))
            attach(page)
        for obj in page:
            yield columns.row(obj)
        if len(ids) < CHUNK:
            return
        last = ids[-1]


def stream(queryset, serializer_class, context, name: str, attach: Callable | None = None):
    """A streamed CSV download of the queryset through the serializer's fields, `name`.csv.

    `attach(records)`, if given, fills each chunk's related rows itself, in place of the
    queryset's prefetches."""
    columns = Columns(serializer_class(context=context))
    rows = _rows(queryset, columns, attach)
    return csv_response(csv_lines(rows, header=columns.names), f"{name}.csv")


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
        cells = ([_cell(row.get(name)) for name in names] for row in rows)
        return "".join(csv_lines(cells, header=names)).encode()
