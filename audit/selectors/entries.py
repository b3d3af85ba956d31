"""A page of the trail: each row turned into an entry with its diff, record name and link.

`describe` works out the diffs ("field: old -> new") from the history rows and names the
records they point at, with a fixed number of queries per kind of record on the page.
Links are URL names and arguments (audit.records.Link); the views turn them into addresses.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import Model, OuterRef, Q, QuerySet, Subquery
from django.utils import formats, timezone
from simple_history.models import HistoricalRecords
from simple_history.utils import get_m2m_reverse_field_name

from audit.models import SignInEvent
from audit.records import Link, names_for, shorten
from audit.selectors.links import Links
from audit.selectors.rows import SIGN_INS, Source, sources

PAGE_SIZE = 50
KIND_LABELS = {"+": "Created", "~": "Changed", "-": "Deleted", **dict(SignInEvent.Kind.choices)}
# Fields whose every change would be noise: bumped on each save.
QUIET_FIELDS = {"updated_at", "version"}
FIELD_LABELS = {"groups": "roles", "user_permissions": "permissions"}
NOTHING = "(none)"


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
    # The page the record links to, if it still exists and the viewer may read it.
    record_link: Link | None = None
    # Its address, filled in by the view that shows the entry.
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
        historical = {}  # (source key, entry id) -> historical row
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
                historical[key, entry.entry_id] = row
                previous = found["previous"].get(entry.entry_id)
                pending.append((entry, self._raw_changes(source, row, previous, found["m2m"])))
        self._resolve_names()
        for entry, raw in pending:
            entry.changes = [self._format(change) for change in raw]
        self._records(by_source, historical)

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
        # One IN over both id lists (a UNION): an OR of the two made PostgreSQL read the whole
        # history table (79 ms at 100,000 actions), the UNION looks each row up by its key.
        # (Unordered: SQLite allows no ORDER BY inside a compound statement.)
        wanted = history.objects.filter(history_id__in=ids).order_by().values("history_id")
        either = wanted.union(previous_ids.order_by())
        fetched = list(history.objects.filter(history_id__in=either))
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
        """Names of the records the page's changes point at: one query per model."""
        for model, ids in self.wanted.items():
            ids = ids - set(self.names[model])
            if ids:
                queryset = model._default_manager.filter(pk__in=ids)
                self.names[model].update(names_for(model._meta.label_lower)(queryset))
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

    # Sign-ins and records -----------------------------------------------------------------

    def _sign_ins(self, entries: list[Entry]) -> None:
        events = SignInEvent.objects.in_bulk([e.entry_id for e in entries])
        for entry in entries:
            event = events.get(entry.entry_id)
            if event is None:
                continue
            entry.record_label = event.email or event.user_name
            entry.changes = [
                Change(label, "", value, created=True)
                for label, value in (
                    ("Signed in with", event.get_method_display() if event.method else ""),
                    ("Checked by the provider", event.amr),
                    ("Why refused", event.reason),
                )
                if value
            ]
            if event.user_agent and not self.shorten:  # in exports; too long for the page
                entry.changes.append(Change("Browser", "", event.user_agent, created=True))

    def _records(self, by_source: dict[str, list[Entry]], historical: dict) -> None:
        links = Links(self.user, historical)
        for key, group in by_source.items():
            for entry in group:
                row = historical.get((key, entry.entry_id))
                if row is not None:
                    record = links.describe(key, row)
                    entry.record_label, entry.record_link = record.name, record.link
