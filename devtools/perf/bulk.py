"""Fast bulk writes for generated data: COPY on PostgreSQL, bulk_create everywhere else.

Rows are plain tuples in a fixed column order with explicit primary keys, so that rows of
child tables can point at their parents before anything is written. A `Loader` owns one
`TableWriter` per table and flushes them parents first, so foreign keys can be checked as
rows arrive rather than queued until commit.
"""

import io
import time
from datetime import date, datetime

from django.core.management.color import no_style
from django.db import connection, models


def _copy_value(value) -> str:
    """One value in PostgreSQL's COPY text format."""
    if value is None:
        return r"\N"
    if value is True:
        return "t"
    if value is False:
        return "f"
    if isinstance(value, str):
        if "\\" in value or "\t" in value or "\n" in value or "\r" in value:
            value = (
                value.replace("\\", "\\\\")
                .replace("\t", "\\t")
                .replace("\n", "\\n")
                .replace("\r", "\\r")
            )
        return value
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


def _fill_value(field: models.Field, now: datetime):
    """What a column the generator does not set holds: the field's own default."""
    if field.has_default():
        return field.get_default()
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return now
    if field.null:
        return None
    if isinstance(field, models.CharField | models.TextField | models.FileField):
        return ""
    raise ValueError(f"{field.model.__name__}.{field.name} needs a value from the generator")


class TableWriter:
    """Buffers rows for one table and writes them in chunks."""

    def __init__(self, model, columns: list[str], *, now: datetime, use_copy: bool):
        self.model = model
        self.columns = list(columns)
        self.use_copy = use_copy
        given = set(self.columns)
        missing = [f for f in model._meta.concrete_fields if f.attname not in given]
        self.fill_names = [f.attname for f in missing]
        self.fill_values = tuple(_fill_value(f, now) for f in missing)
        self.attnames = self.columns + self.fill_names
        self.db_columns = [model._meta.get_field(name).column for name in self.columns] + [
            f.column for f in missing
        ]
        self.rows: list[tuple] = []
        self.written = 0
        self.seconds = 0.0  # spent writing, for the command's summary

    def add(self, row: tuple) -> None:
        self.rows.append(row)

    def __len__(self) -> int:
        return len(self.rows)

    def flush(self) -> None:
        if not self.rows:
            return
        started = time.perf_counter()
        if self.use_copy:
            self._copy()
        else:
            self._bulk_create()
        self.seconds += time.perf_counter() - started
        self.written += len(self.rows)
        self.rows = []

    def _copy(self) -> None:
        fill = "".join("\t" + _copy_value(v) for v in self.fill_values)
        buffer = io.StringIO()
        write = buffer.write
        for row in self.rows:
            write("\t".join([_copy_value(v) for v in row]))
            write(fill)
            write("\n")
        buffer.seek(0)
        quote = connection.ops.quote_name
        table = quote(self.model._meta.db_table)
        columns = ", ".join(quote(c) for c in self.db_columns)
        with connection.cursor() as cursor:
            cursor.copy_expert(f"COPY {table} ({columns}) FROM STDIN", buffer)

    def _bulk_create(self) -> None:
        names = self.attnames
        fill = self.fill_values
        objects = [self.model(**dict(zip(names, row + fill, strict=True))) for row in self.rows]
        self.model._default_manager.bulk_create(objects, batch_size=1_000)


class Loader:
    """The tables being written, in parent-first order, with their next primary keys."""

    def __init__(self, *, now: datetime, chunk_rows: int = 50_000):
        self.now = now
        self.chunk_rows = chunk_rows
        self.use_copy = connection.vendor == "postgresql"
        self.writers: dict[type, TableWriter] = {}

    def table(self, model, columns: list[str]) -> TableWriter:
        if model not in self.writers:
            self.writers[model] = TableWriter(model, columns, now=self.now, use_copy=self.use_copy)
        return self.writers[model]

    def add(self, model, row: tuple) -> None:
        writer = self.writers[model]
        writer.add(row)
        if len(writer) >= self.chunk_rows:
            self.flush()

    def flush(self) -> None:
        for writer in self.writers.values():
            writer.flush()

    def counts(self) -> dict[str, int]:
        return {m._meta.label: w.written + len(w) for m, w in self.writers.items()}

    def seconds(self) -> dict[str, float]:
        return {m._meta.label: w.seconds for m, w in self.writers.items()}


def next_id(model) -> int:
    """The first free primary key of a table (generated rows carry explicit keys)."""
    pk = model._meta.pk.attname
    top = model._default_manager.order_by().aggregate(top=models.Max(pk))["top"]
    return (top or 0) + 1


def reset_sequences(models_written) -> None:
    """Point PostgreSQL's id sequences past the explicit keys written (SQLite needs nothing)."""
    statements = connection.ops.sequence_reset_sql(no_style(), list(models_written))
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)
