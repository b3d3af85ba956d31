"""Small portable SQL expressions (PostgreSQL and SQLite) for reading many rows in one query."""

from django.db.models import Func, IntegerField, Subquery, TextField


class JoinedValues(Subquery):
    """The rows of an ordered one-column queryset, `.values(value=...)`, joined into one
    string by `separator`, as a correlated subquery that keeps the queryset's order.

    ARRAY_TO_STRING(ARRAY(...)) on PostgreSQL (an ARRAY subquery keeps its ORDER BY);
    GROUP_CONCAT over the ordered rows on SQLite (which feeds an aggregate the rows of an
    ordered FROM subquery in order). No rows gives '' on PostgreSQL, NULL on SQLite.
    """

    def __init__(self, queryset, separator: str):
        if list(queryset.query.annotation_select) != ["value"] or queryset.query.values_select:
            raise ValueError("JoinedValues takes a queryset of .values(value=...)")
        super().__init__(queryset, output_field=TextField())
        self.separator = separator

    def as_sql(self, compiler, connection, **extra_context):
        raise NotImplementedError(f"JoinedValues does not support {connection.vendor}")

    def as_postgresql(self, compiler, connection, **extra_context):
        sql, params = super().as_sql(compiler, connection, **extra_context)
        return f"ARRAY_TO_STRING(ARRAY{sql}, %s)", (*params, self.separator)

    def as_sqlite(self, compiler, connection, **extra_context):
        sql, params = super().as_sql(compiler, connection, **extra_context)
        # `sql` is Django's compiled subquery; the separator is a parameter.
        joined = f"(SELECT GROUP_CONCAT(joined.value, %s) FROM {sql} joined)"  # noqa: S608
        return joined, (self.separator, *params)


class RowCount(Subquery):
    """How many rows a queryset has, as an uncorrelated scalar subquery: annotated on the
    first rows of the same queryset, the total comes in the same query, counted once (a
    window COUNT over every row would fetch and sort them all before the limit)."""

    template = "(SELECT COUNT(*) FROM (%(subquery)s) counted)"
    output_field = IntegerField()

    def __init__(self, queryset):
        super().__init__(queryset.order_by().values("pk"))


class JsonArray(Func):
    """A JSON array of its arguments, as text for json.loads: JSON_BUILD_ARRAY(...)::text on
    PostgreSQL (text, so no driver decodes it), JSON_ARRAY on SQLite. Unlike Django's
    JSONArray, no JSON feature-check query on SQLite, so a page's query count does not
    depend on what ran before it."""

    function = "JSON_ARRAY"
    output_field = TextField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return super().as_sql(
            compiler,
            connection,
            function="JSON_BUILD_ARRAY",
            template="%(function)s(%(expressions)s)::text",
            **extra_context,
        )
