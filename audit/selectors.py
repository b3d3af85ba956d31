"""The audit trail: every change to every tracked record, and every sign-in, as one list.

django-simple-history keeps one history table per model. The trail is a UNION ALL of those
tables (and of audit.SignInEvent) with the same eight columns, ordered by time and
sliced in SQL, so a page costs one query however long the trail is. `describe` then turns
the rows of one page into entries with their diffs ("field: old -> new"), record names
and links, with a fixed number of further queries per kind of record on the page.
"""

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache

from django.apps import apps
from django.db import connection
from django.db.models import (
    BigIntegerField,
    Case,
    CharField,
    F,
    Model,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Cast
from django.urls import NoReverseMatch, reverse
from django.utils import formats, timezone
from django.utils.text import Truncator
from simple_history.models import HistoricalRecords
from simple_history.utils import get_m2m_reverse_field_name

from audit.models import SignInEvent
from core.clock import end_of_day, start_of_day

PAGE_SIZE = 50
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
KIND_LABELS = {"+": "Created", "~": "Changed", "-": "Deleted", **dict(SignInEvent.Kind.choices)}
# Fields whose every change would be noise: bumped on each save.
QUIET_FIELDS = {"updated_at", "version"}
FIELD_LABELS = {"groups": "roles", "user_permissions": "permissions"}
NOTHING = "(none)"


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


# A page of entries -----------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    field: str
    old: str
    new: str
    created: bool = False

    def __str__(self) -> str:
        if self.created:
            return f"{self.field}: {self.new}"
        return f"{self.field}: {self.old} -> {self.new}"


@dataclass
class Entry:
    source_key: str
    source_label: str
    entry_id: int
    at: datetime
    kind: str
    kind_label: str
    actor_id: int | None
    actor_name: str
    ip: str | None
    record_id: int | None
    record_label: str = ""
    record_url: str | None = None
    changes: list[Change] = field(default_factory=list)

    @property
    def is_sign_in(self) -> bool:
        return self.source_key == SIGN_INS


@dataclass(frozen=True)
class Page:
    entries: list[Entry]
    number: int
    has_next: bool

    @property
    def has_previous(self) -> bool:
        return self.number > 1


def audit_page(rows: QuerySet | None, user, number: int = 1, size: int = PAGE_SIZE) -> Page:
    """One page of the trail, described; one query for the rows, a few per kind of record."""
    if rows is None:
        return Page([], 1, False)
    number = max(number, 1)
    start = (number - 1) * size
    window = list(rows[start : start + size + 1])
    return Page(describe(window[:size], user), number, len(window) > size)


def describe(rows: list[dict], user, *, shorten: bool = True) -> list[Entry]:
    """Turn trail rows into entries with diffs, record names and links (fixed query count)."""
    entries = [
        Entry(
            source_key=row["source"],
            source_label=_source_label(row["source"]),
            entry_id=row["entry_id"],
            at=row["occurred_at"],
            kind=row["change"],
            kind_label=KIND_LABELS.get(row["change"], row["change"]),
            actor_id=row["actor_id"],
            actor_name=row["actor_name"] or "",
            ip=row["ip"],
            record_id=row["record_id"],
        )
        for row in rows
    ]
    Describer(user, shorten).fill(entries)
    return entries


def _source_label(key: str) -> str:
    if key == SIGN_INS:
        return "Sign-in"
    source = sources().get(key)
    return source.label if source else key


class Describer:
    """Fills in one page's diffs, names and links, batching every lookup by model."""

    def __init__(self, user, shorten: bool):
        self.user = user
        self.shorten = shorten
        self.names: dict[type[Model], dict] = defaultdict(dict)
        self.wanted: dict[type[Model], set] = defaultdict(set)

    def fill(self, entries: list[Entry]) -> None:
        by_source: dict[str, list[Entry]] = defaultdict(list)
        for entry in entries:
            by_source[entry.source_key].append(entry)
        pending = []  # (entry, raw changes) to format once names are known
        records = {}  # (source key, entry id) -> historical row
        for key, group in by_source.items():
            if key == SIGN_INS:
                self._sign_ins(group)
                continue
            source = sources().get(key)
            if source is None:
                continue
            found = self._history_with_previous(source, [e.entry_id for e in group])
            for entry in group:
                row = found["rows"].get(entry.entry_id)
                if row is None:
                    continue
                records[key, entry.entry_id] = row
                previous = found["previous"].get(entry.entry_id)
                pending.append((entry, self._raw_changes(source, row, previous, found["m2m"])))
        self._resolve_names()
        for entry, raw in pending:
            entry.changes = [self._format(change) for change in raw]
        self._records(by_source, records)

    # Rows and diffs ----------------------------------------------------------------------

    def _history_with_previous(self, source: Source, ids: list[int]) -> dict:
        """The page's historical rows and, for each, the row before it: one query."""
        history = source.history
        before = (
            history.objects.filter(id=OuterRef("id"))
            .filter(
                Q(history_date__lt=OuterRef("history_date"))
                | Q(history_date=OuterRef("history_date"), history_id__lt=OuterRef("history_id"))
            )
            .order_by("-history_date", "-history_id")
            .values("history_id")[:1]
        )
        previous_ids = (
            history.objects.filter(history_id__in=ids)
            .annotate(previous=Subquery(before))
            .values("previous")
        )
        fetched = list(
            history.objects.filter(Q(history_id__in=ids) | Q(history_id__in=previous_ids))
        )
        by_record = defaultdict(list)
        for row in fetched:
            by_record[row.id].append(row)
        rows, previous = {}, {}
        for versions in by_record.values():
            versions.sort(key=lambda r: (r.history_date, r.history_id))
            for older, newer in zip([None, *versions], versions, strict=False):
                if newer.history_id in ids:
                    rows[newer.history_id] = newer
                    previous[newer.history_id] = older
        m2m = self._m2m_rows(history, [row.history_id for row in fetched])
        return {"rows": rows, "previous": previous, "m2m": m2m}

    def _m2m_rows(self, history, history_ids: list[int]) -> dict:
        """(m2m field name, history id) -> set of related ids, one query per m2m field."""
        found = defaultdict(set)
        for m2m_field in getattr(history, "_history_m2m_fields", []):
            table = HistoricalRecords.m2m_models[m2m_field]
            target = get_m2m_reverse_field_name(m2m_field)
            pairs = table.objects.filter(history_id__in=history_ids).values_list(
                "history_id", f"{target}_id"
            )
            for history_id, related_id in pairs:
                found[m2m_field.name, history_id].add(related_id)
        return found

    def _raw_changes(self, source: Source, row, previous, m2m: dict) -> list:
        history = source.history
        m2m_fields = list(getattr(history, "_history_m2m_fields", []))
        m2m_names = [f.name for f in m2m_fields]
        raw = []
        if row.history_type == "-":
            return raw
        if previous is None:  # created: show what it was created with
            for model_field in row.tracked_fields:
                if model_field.name in QUIET_FIELDS or model_field.primary_key:
                    continue
                value = getattr(row, model_field.attname)
                if value not in (None, "", False):
                    raw.append((history._meta.get_field(model_field.name), None, value, True))
            for m2m_field in m2m_fields:
                related = m2m.get((m2m_field.name, row.history_id), set())
                if related:
                    raw.append((m2m_field, set(), related, True))
        else:
            delta = row.diff_against(previous, excluded_fields=[*m2m_names, *QUIET_FIELDS])
            for change in delta.changes:
                raw.append((history._meta.get_field(change.field), change.old, change.new, False))
            for m2m_field in m2m_fields:
                old = m2m.get((m2m_field.name, previous.history_id), set())
                new = m2m.get((m2m_field.name, row.history_id), set())
                if old != new:
                    raw.append((m2m_field, old, new, False))
        for model_field, old, new, _ in raw:
            related_model = getattr(model_field, "related_model", None)
            if related_model is not None:
                for value in (old, new):
                    if isinstance(value, set):
                        self.wanted[related_model] |= value
                    elif value is not None:
                        self.wanted[related_model].add(value)
        return raw

    def _resolve_names(self) -> None:
        for model, ids in self.wanted.items():
            ids = ids - set(self.names[model])
            if ids:
                self.names[model].update(_names(model, ids))
        self.wanted.clear()

    def _format(self, raw) -> Change:
        model_field, old, new, created = raw
        label = FIELD_LABELS.get(model_field.name, str(model_field.verbose_name))
        return Change(
            label.capitalize(),
            self._value(model_field, old),
            self._value(model_field, new),
            created,
        )

    def _value(self, model_field, value) -> str:
        related_model = getattr(model_field, "related_model", None)
        if isinstance(value, set):
            names = sorted(self._name(related_model, pk) for pk in value)
            return ", ".join(names) if names else NOTHING
        if value is None or value == "":
            return NOTHING
        if related_model is not None:
            return self._name(related_model, value)
        choices = dict(model_field.flatchoices) if model_field.choices else None
        if choices:
            return str(choices.get(value, value))
        if isinstance(value, bool):
            return "Yes" if value else "No"
        if isinstance(value, datetime):
            return formats.date_format(timezone.localtime(value), "j F Y, H:i")
        if isinstance(value, date):
            return formats.date_format(value, "j F Y")
        text = str(value)
        if self.shorten:
            return shorten(text)
        return text

    def _name(self, model, pk) -> str:
        name = self.names[model].get(pk)
        return name if name is not None else f"#{pk} (no longer exists)"

    # Sign-ins -----------------------------------------------------------------------------

    def _sign_ins(self, entries: list[Entry]) -> None:
        events = SignInEvent.objects.in_bulk([e.entry_id for e in entries])
        for entry in entries:
            event = events.get(entry.entry_id)
            if event is None:
                continue
            entry.record_label = event.email or event.user_name
            if event.user_agent and not self.shorten:  # in exports; too long for the page
                entry.changes = [Change("Browser", "", event.user_agent, created=True)]

    # Record names and links ---------------------------------------------------------------

    def _records(self, by_source: dict[str, list[Entry]], records: dict) -> None:
        links = Links(self.user, records)
        for key, group in by_source.items():
            for entry in group:
                row = records.get((key, entry.entry_id))
                if row is not None:
                    entry.record_label, entry.record_url = links.describe(key, row)


def shorten(text: str, *, limit: int = 300, word: int = 40) -> str:
    """Text for a table cell: at most `limit` characters, no unbroken run over `word`."""
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return " ".join(
        part if len(part) <= word else part[: word - 1] + "…" for part in text.split(" ")
    )


def _names(model: type[Model], ids: Iterable) -> dict:
    """Display names of records of one model, in one query."""
    queryset = model._default_manager.filter(pk__in=ids)
    if model._meta.label_lower == "improvement.action":
        return {
            pk: f"{number}.{order}"
            for pk, number, order in queryset.values_list("pk", "priority__number", "order")
        }
    if model._meta.label_lower == "accounts.team":
        queryset = queryset.select_related("organisation")
    if model._meta.label_lower == "auth.permission":
        return dict(queryset.values_list("pk", "name"))
    if model._meta.label_lower in (
        "improvement.progressupdate",
        "improvement.targetdatechange",
        "improvement.datechangerequest",
    ):
        queryset = queryset.select_related("action__priority")
    if model._meta.label_lower == "inspections.judgement":
        queryset = queryset.select_related("area")
    return {obj.pk: str(obj) for obj in queryset}


def _url(name: str, *args) -> str | None:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


# Records whose page is their action's page, and how a historical row names its action.
ON_AN_ACTION = {
    "improvement.progressupdate",
    "improvement.targetdatechange",
    "improvement.datechangerequest",
    "improvement.challenge",
}
# Records with no page of their own; administrators get Django admin's page.
IN_ADMIN = {"accounts.organisation", "accounts.team", "accounts.user", "inspections.judgementarea"}


class Links:
    """Names and links for the records on one page, in a few queries per kind of record.

    A record is linked only while it still exists and the viewer may read it.
    """

    def __init__(self, user, records: dict):
        from improvement.models import Action, ProgressUpdate

        self.user = user
        ids: dict[str, set] = defaultdict(set)
        for (key, _), row in records.items():
            ids[key].add(row.id)
        self.existing = {key: self._existing(key, pks) for key, pks in ids.items()}

        evidence_updates = {
            row.update_id for (key, _), row in records.items() if key == "improvement.evidence"
        }
        self.update_actions = {}
        if evidence_updates:
            pairs = ProgressUpdate.objects.filter(pk__in=evidence_updates).values_list(
                "pk", "action_id"
            )
            self.update_actions = dict(pairs)
        action_ids = set(self.update_actions.values())
        for (key, _), row in records.items():
            if key == "improvement.action":
                action_ids.add(row.id)
            elif getattr(row, "action_id", None):
                action_ids.add(row.action_id)
        self.actions = {}
        if action_ids:
            rows = (
                Action.objects.visible_to(user)
                .filter(pk__in=action_ids)
                .values_list("pk", "priority__number", "order")
            )
            self.actions = {pk: f"{number}.{order}" for pk, number, order in rows}

    def _existing(self, key: str, pks: set) -> set:
        model = sources()[key].model
        if key in IN_ADMIN and not self.user.is_staff:
            return set()
        manager = model._default_manager
        queryset = manager.visible_to(self.user) if hasattr(manager, "visible_to") else manager
        return set(queryset.filter(pk__in=pks).values_list("pk", flat=True))

    def _action(self, action_id, exists: bool) -> tuple[str, str | None]:
        reference = self.actions.get(action_id)
        if reference is None:  # hidden from the viewer, or gone
            return f"action #{action_id}", None
        return f"action {reference}", _url("action_detail", action_id) if exists else None

    def describe(self, key: str, row) -> tuple[str, str | None]:
        exists = row.id in self.existing.get(key, ())
        if key == "improvement.action":
            name, url = self._action(row.id, exists)
            title = Truncator((row.description or "").strip().split("\n")[0]).chars(70)
            return f"{name.capitalize()}: {title}".rstrip(": "), url
        if key == "improvement.evidence":
            name, url = self._action(self.update_actions.get(row.update_id), exists)
            return f"Evidence “{shorten(row.original_name or row.link, limit=60)}” on {name}", url
        if key in ON_AN_ACTION and row.action_id:
            name, url = self._action(row.action_id, exists)
            kind = str(row.instance_type._meta.verbose_name)
            return f"{kind.capitalize()} on {name}", url
        if key == "improvement.challenge":
            url = _url("recommendation_detail", row.recommendation_id) if exists else None
            return "Challenge on a recommendation", url
        if key == "improvement.plan":
            return row.title, _url("plan_detail", row.id) if exists else None
        if key == "improvement.priority":
            return f"Priority {row.number}. {row.title}", (
                _url("plan_detail", row.plan_id) if exists else None
            )
        if key == "inspections.inspection":
            return row.title, _url("inspection_detail", row.id) if exists else None
        if key == "inspections.judgement":
            return "Judgement", _url("inspection_detail", row.inspection_id) if exists else None
        if key == "recommendations.recommendation":
            url = _url("recommendation_detail", row.id) if exists else None
            return f"Recommendation {row.reference}", url
        label = str(getattr(row, "full_name", "") or getattr(row, "name", "") or f"#{row.id}")
        url = None
        if exists and key in IN_ADMIN:
            app_label, model_name = key.split(".")
            url = _url(f"admin:{app_label}_{model_name}_change", row.id)
        return label, url


# Export -----------------------------------------------------------------------------------

CSV_HEADER = [
    "Time",
    "What happened",
    "Record type",
    "Record id",
    "Record",
    "Changed by",
    "IP address",
    "Changes",
]


def csv_rows(rows: QuerySet | None, user, batch: int = 500) -> Iterator[list[str]]:
    """Every entry of the trail as CSV cells, described a batch at a time."""
    yield CSV_HEADER
    if rows is None:
        return
    chunk = []
    for row in rows.iterator(chunk_size=batch):
        chunk.append(row)
        if len(chunk) == batch:
            yield from _csv_cells(chunk, user)
            chunk = []
    if chunk:
        yield from _csv_cells(chunk, user)


def _csv_cells(rows: list[dict], user) -> Iterator[list[str]]:
    for entry in describe(rows, user, shorten=False):
        yield [
            timezone.localtime(entry.at).isoformat(timespec="seconds"),
            entry.kind_label,
            entry.source_label,
            "" if entry.record_id is None else str(entry.record_id),
            entry.record_label,
            entry.actor_name,
            entry.ip or "",
            "; ".join(str(change) for change in entry.changes),
        ]
