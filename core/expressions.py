"""Small portable SQL expressions (PostgreSQL and SQLite) for reading many rows in one query."""

from django.db.models import Func, IntegerField, Lookup, Subquery, TextField


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


class InList(Lookup):
    """`lhs IN (subquery)`, with the subquery read first into a list on PostgreSQL:
    `lhs = ANY(ARRAY(subquery))`. For a subquery of a few thousand ids tested against a
    large table, PostgreSQL hashes the ids and reads the whole table to join them (an IN
    is a semi-join); as an array it reads the ids once and looks each row up by index.
    Only for a short list: against every row of a large table an array is searched
    row by row. Used as a filter: `.filter(InList(F("pk"), queryset.values("id")))`."""

    lookup_name = "in_list"
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} IN {rhs}", (*lhs_params, *rhs_params)

    def as_postgresql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} = ANY(ARRAY{rhs})", (*lhs_params, *rhs_params)
