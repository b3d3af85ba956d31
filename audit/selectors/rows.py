"""The trail's rows: every history table and the sign-ins as one UNION ALL query.

django-simple-history keeps one history table per model. The trail is a UNION ALL of those
tables (and of audit.SignInEvent) with the same eight columns, ordered by time and sliced
in SQL, so a page costs one query however long the trail is.
"""

from dataclasses import dataclass
from datetime import date
from functools import cache

from django.apps import apps
from django.db import connection
from django.db.models import (
    BigIntegerField,
    Case,
    CharField,
    F,
    Model,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Cast

from audit.models import SignInEvent
from core.clock import end_of_day, start_of_day

SIGN_INS = "audit.signinevent"
COLUMNS = (
    "source",
    "entry_id",
    "occurred_at",
    "change",
    "actor_id",
    "actor_name",
    "ip",
    "record_id",
)


@dataclass(frozen=True)
class Source:
    """One kind of tracked record: its live model and its history model."""

    key: str
    label: str
    model: type[Model]

    @property
    def history(self) -> type[Model]:
        return getattr(self.model, self.model._meta.simple_history_manager_attribute).model


@cache
def sources() -> dict[str, Source]:
    """Every model with django-simple-history, by "app_label.model_name", in label order."""
    found = [
        Source(model._meta.label_lower, str(model._meta.verbose_name).capitalize(), model)
        for model in apps.get_models()
        if hasattr(model._meta, "simple_history_manager_attribute")
    ]
    return {source.key: source for source in sorted(found, key=lambda s: s.label)}


def record_type_choices() -> list[tuple[str, str]]:
    return [(s.key, s.label) for s in sources().values()] + [(SIGN_INS, "Sign-in or sign-out")]


@dataclass(frozen=True)
class AuditFilters:
    person: str = ""
    record_type: str = ""
    record_id: int | None = None
    since: date | None = None
    until: date | None = None


def _when(filters: AuditFilters, column: str) -> Q:
    q = Q()
    if filters.since:
        q &= Q(**{f"{column}__gte": start_of_day(filters.since)})
    if filters.until:
        q &= Q(**{f"{column}__lt": end_of_day(filters.until)})
    return q


def _history_rows(source: Source, filters: AuditFilters, scope: Q | None) -> QuerySet:
    rows = source.history.objects.order_by().filter(_when(filters, "history_date"))
    if scope is not None:
        rows = rows.filter(scope)
    if filters.person:
        rows = rows.filter(history_user_name__icontains=filters.person)
    if filters.record_id is not None:
        rows = rows.filter(id=filters.record_id)
    return rows.annotate(
        source=Value(source.key, output_field=CharField()),
        entry_id=Cast("history_id", BigIntegerField()),
        occurred_at=F("history_date"),
        change=Cast("history_type", CharField()),
        actor_id=Cast("history_user_id", BigIntegerField()),
        actor_name=F("history_user_name"),
        ip=F("ip_address"),
        record_id=Cast("id", BigIntegerField()),
    ).values(*COLUMNS)


def _sign_in_rows(filters: AuditFilters) -> QuerySet:
    rows = SignInEvent.objects.order_by().filter(_when(filters, "at"))
    if filters.person:
        rows = rows.filter(
            Q(user_name__icontains=filters.person) | Q(email__icontains=filters.person)
        )
    if filters.record_id is not None:
        rows = rows.filter(user_id=filters.record_id)
    return rows.annotate(
        source=Value(SIGN_INS, output_field=CharField()),
        entry_id=Cast("id", BigIntegerField()),
        occurred_at=F("at"),
        change=Cast("kind", CharField()),
        actor_id=Cast("user_id", BigIntegerField()),
        actor_name=Case(When(user_name="", then=F("email")), default=F("user_name")),
        ip=F("ip_address"),
        record_id=Cast("user_id", BigIntegerField()),
    ).values(*COLUMNS)


def _newest_first(rows: QuerySet, date_column: str, id_column: str, limit: int | None):
    """On PostgreSQL each branch takes only the newest `limit` rows, using its date index."""
    if limit is None or not connection.features.supports_slicing_ordering_in_compound:
        return rows
    return rows.order_by(f"-{date_column}", f"-{id_column}")[:limit]


def audit_rows(
    filters: AuditFilters = AuditFilters(),  # noqa: B008 - frozen, so safe as a default
    *,
    scopes: dict[str, Q] | None = None,
    limit: int | None = None,
) -> QuerySet | None:
    """The trail's rows (dicts of COLUMNS), newest first, as one UNION ALL query.

    `scopes` limits the trail to some kinds of record (key -> condition on the history
    rows), as an action's own history does; sign-ins are then left out. `limit` is the most
    rows the caller will read (offset + page size): it lets each branch stop early.
    Returns None when no kind of record is selected.
    """
    branches = []  # (rows, date column, id column)
    for key, source in sources().items():
        if filters.record_type and filters.record_type != key:
            continue
        if scopes is not None and key not in scopes:
            continue
        rows = _history_rows(source, filters, scopes[key] if scopes is not None else None)
        branches.append((rows, "history_date", "history_id"))
    # Sign-ins are records of their own; a record id alone means a changed record's id.
    wants_sign_ins = filters.record_type == SIGN_INS or (
        filters.record_type == "" and filters.record_id is None
    )
    if scopes is None and wants_sign_ins:
        branches.append((_sign_in_rows(filters), "at", "id"))
    if not branches:
        return None
    if len(branches) == 1:
        return branches[0][0].order_by("-occurred_at", "source", "-entry_id")
    first, *rest = [_newest_first(rows, date, pk, limit) for rows, date, pk in branches]
    return first.union(*rest, all=True).order_by("-occurred_at", "source", "-entry_id")
