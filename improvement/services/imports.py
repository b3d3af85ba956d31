"""Turn a parsed working document (improvement.importing) into a plan: all or nothing.

`plan_import_preview` says what an import would create without writing anything; the
web preview and `import_plan --dry-run` show it. `plan_import` writes it in one
transaction. Both build the same `_Blueprint`, so the preview never promises something
the import does not do.

Speed: a council's 5,000-row file must import in seconds, so actions, their leads and
recommendations, and their first progress updates are written with bulk inserts, each
with its django-simple-history records (`bulk_create_with_history`, plus the historical
many-to-many rows simple-history would write for a normal save). Posting each update
through `services.actions.progress_update_post` took 3 ms a row on SQLite and 6 ms on
PostgreSQL (31 s for 5,000 rows before any action was written), so the first update is
recorded here with the same rule that service applies (`_first_update`).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.db.models.functions import Lower
from django.utils import timezone
from simple_history.models import HistoricalRecords
from simple_history.utils import bulk_create_with_history

from audit.history import client_ip, person_name
from improvement import confidentiality
from improvement.importing import ParsedRow, ParseResult, Problem
from improvement.models import Action, Plan, Priority, ProgressUpdate
from improvement.status import Status, today
from inspections.models import Inspection
from recommendations.models import Recommendation

BATCH_SIZE = 500
LEAD_NAMES_LIMIT = Action._meta.get_field("lead_names").max_length
# What councils write in a Ref column to say "no recommendation" (and what our export writes
# when a row follows one that had a recommendation, so the importer does not carry it down).
NO_RECOMMENDATION = frozenset({"-", "–", "—", "n/a", "na", "none", "not applicable", "nil"})
_REF_SPLIT_RE = re.compile(r"\s*[;,]\s*")
_BLOCK_SPLIT_RE = re.compile(r"\n\s*\n")


def _key(text: str) -> str:
    return " ".join(text.casefold().split())


# --------------------------------------------------------------------------------------
# What an import creates
# --------------------------------------------------------------------------------------


@dataclass
class ImportSummary:
    """What an import created (or, from the preview, would create)."""

    plan_title: str
    plan: Plan | None = None
    plan_created: bool = False
    priorities_created: int = 0
    priorities_reused: int = 0
    actions: int = 0
    updates: int = 0
    inspections_created: int = 0
    recommendations_created: int = 0
    recommendations_reused: int = 0
    leads_matched: dict[str, str] = field(default_factory=dict)  # as written -> user's name
    leads_as_text: list[str] = field(default_factory=list)
    rows_skipped: tuple[int, ...] = ()
    notes: list[Problem] = field(default_factory=list)  # for the preview, not errors

    @property
    def recommendations(self) -> int:
        return self.recommendations_created + self.recommendations_reused

    def line(self, *, dry_run: bool = False) -> str:
        """One line for the command and the success message."""
        if self.plan_created:
            verb = "Would create plan" if dry_run else "Created plan"
        else:
            verb = "Would add to plan" if dry_run else "Added to plan"
        parts = [
            _count(self.priorities_created, "priority", "priorities"),
            _count(self.actions, "action"),
            _count(self.recommendations_created, "recommendation"),
            _count(self.updates, "progress update"),
        ]
        if self.inspections_created:
            parts.append(_count(self.inspections_created, "source"))
        text = f"{verb} “{self.plan_title}”: {', '.join(parts)}"
        if self.recommendations_reused:
            text += f"; {_count(self.recommendations_reused, 'existing recommendation')} linked"
        text += (
            f"; {_count(len(self.leads_matched), 'lead')} matched to users, "
            f"{len(self.leads_as_text)} kept as text"
        )
        if self.rows_skipped:
            text += f"; {_count(len(self.rows_skipped), 'row')} skipped"
        return text + "."


def _count(n: int, singular: str, plural: str | None = None) -> str:
    return f"{n:,} {singular if n == 1 else plural or singular + 's'}"


# --------------------------------------------------------------------------------------
# Matching what the file says to what the database holds
# --------------------------------------------------------------------------------------


class _People:
    """Active users by full name and by e-mail address, ignoring case and spacing."""

    def __init__(self):
        by_name: dict[str, list] = defaultdict(list)
        self.by_email = {}
        for user in (
            get_user_model().objects.filter(is_active=True).only("pk", "full_name", "email")
        ):
            if user.full_name.strip():
                by_name[_key(user.full_name)].append(user)
            self.by_email[user.email.casefold()] = user
        self.by_name = {name: users[0] for name, users in by_name.items() if len(users) == 1}
        self.ambiguous = {name for name, users in by_name.items() if len(users) > 1}

    def find(self, written: str):
        return self.by_email.get(written.strip().casefold()) or self.by_name.get(_key(written))


def split_recommendations(ref: str, text: str) -> list[tuple[str, str]]:
    """The (reference, text) pairs a row's Ref and Recommendation cells name.

    "R7; R20" names two; with text written as "R7: ..." and "R20: ..." blocks (as the
    exporter writes it) each gets its own text. "n/a", "None" or "-" name none.
    """
    ref, text = ref.strip(), text.strip()
    if _key(ref) in NO_RECOMMENDATION:
        ref = ""
    if _key(text) in NO_RECOMMENDATION:
        text = ""
    if not ref and not text:
        return []
    refs = [part for part in _REF_SPLIT_RE.split(ref) if part] if ref else []
    if len(refs) <= 1:
        return [(ref, text)]
    blocks: dict[str, str] = {}
    for block in _BLOCK_SPLIT_RE.split(text):
        head, colon, body = block.partition(":")
        if colon and _key(head) in {_key(r) for r in refs}:
            blocks[_key(head)] = body.strip()
    return [(r, blocks.get(_key(r), "")) for r in refs]


@dataclass
class _NewRecommendation:
    source: str  # key into the blueprint's inspections
    reference: str
    text: str
    instance: Recommendation | None = None


@dataclass
class _NewAction:
    row: ParsedRow
    priority: int  # number
    order: int
    leads: list  # users
    lead_names: list[str]
    recommendations: list  # Recommendation (existing) or _NewRecommendation


class _Blueprint:
    """Everything an import will write, worked out from the file and the database."""

    def __init__(
        self,
        parse_result: ParseResult,
        *,
        plan: Plan | None,
        plan_title: str,
        skip_rows: Iterable[int],
    ):
        self.plan = plan
        self.plan_title = plan.title if plan else " ".join(plan_title.split())
        skip = set(skip_rows)
        self.rows = [row for row in parse_result.rows if row.row not in skip]
        self.skipped = tuple(sorted(row.row for row in parse_result.rows if row.row in skip))
        self.notes: list[Problem] = []
        self.people = _People()
        self.leads_matched: dict[str, str] = {}
        self.leads_as_text: dict[str, str] = {}
        self._priorities()
        self._sources()
        self._actions()

    # Priorities --------------------------------------------------------------------
    def _priorities(self) -> None:
        existing = {p.number: p for p in self.plan.priorities.all()} if self.plan else {}
        self.existing_priorities = existing
        self.new_priorities: dict[int, str] = {}
        first_row: dict[int, ParsedRow] = {}
        for row in self.rows:
            first_row.setdefault(row.priority_number, row)
        for number, row in first_row.items():
            if number in existing:
                if _key(existing[number].title) != _key(row.priority_title):
                    self.notes.append(
                        Problem(
                            row.row,
                            None,
                            f"The plan already has priority {number} “{existing[number].title}”, "
                            "so its actions will be added to it",
                        )
                    )
            else:
                self.new_priorities[number] = row.priority_title

    # Sources and recommendations ----------------------------------------------------
    def _sources(self) -> None:
        fallback = f"Recommendations imported with {self.plan_title}"[:300]
        wanted: dict[str, str] = {}  # key -> title as written
        for row in self.rows:
            if split_recommendations(row.recommendation_ref, row.recommendation_text):
                title = (row.source or fallback)[:300]
                wanted.setdefault(_key(title), title)
        # Oldest first, so that where two inspections share a title the newest wins.
        found = {
            _key(inspection.title): inspection
            for inspection in Inspection.objects.annotate(lower=Lower("title"))
            .filter(lower__in=[title.casefold() for title in wanted.values()])
            .order_by("start_date", "pk")
        }
        self.inspections = found  # key -> existing Inspection
        self.new_inspections = {key: title for key, title in wanted.items() if key not in found}
        self.fallback_source = _key(fallback)
        existing = Recommendation.objects.filter(inspection__in=found.values()).select_related(
            "inspection"
        )
        self.existing_recommendations = {
            (_key(rec.inspection.title), _key(rec.reference)): rec for rec in existing
        }
        self.existing_refs: dict[str, set[str]] = defaultdict(set)
        self.existing_by_text: dict[tuple[str, str], Recommendation] = {}
        for (source, ref), rec in self.existing_recommendations.items():
            self.existing_refs[source].add(ref)
            self.existing_by_text.setdefault((source, _key(rec.text)), rec)
        self.new_recommendations: dict[tuple[str, str], _NewRecommendation] = {}
        self.reused_recommendations: dict[int, Recommendation] = {}
        self._unnumbered: dict[tuple[str, str], _NewRecommendation] = {}

    def _recommendations_for(self, row: ParsedRow) -> list:
        pairs = split_recommendations(row.recommendation_ref, row.recommendation_text)
        source = _key((row.source or "")[:300]) or self.fallback_source
        found = []
        for ref, text in pairs:
            if not ref:
                found.append(self._unnumbered_recommendation(source, text))
                continue
            key = (source, _key(ref))
            if key in self.existing_recommendations:
                rec = self.existing_recommendations[key]
                self.reused_recommendations[rec.pk] = rec
                found.append(rec)
            elif key in self.new_recommendations:
                new = self.new_recommendations[key]
                if text and not new.text:
                    new.text = text
                found.append(new)
            else:
                new = _NewRecommendation(source, ref, text)
                self.new_recommendations[key] = new
                self.existing_refs[source].add(_key(ref))
                found.append(new)
        return found

    def _unnumbered_recommendation(self, source: str, text: str):
        """A recommendation given by its text alone gets a reference the plan manager can edit."""
        if rec := self.existing_by_text.get((source, _key(text))):
            self.reused_recommendations[rec.pk] = rec
            return rec
        if (source, _key(text)) in self._unnumbered:
            return self._unnumbered[(source, _key(text))]
        n = 1
        while _key(f"Unnumbered {n}") in self.existing_refs[source]:
            n += 1
        new = _NewRecommendation(source, f"Unnumbered {n}", text)
        self.existing_refs[source].add(_key(new.reference))
        self.new_recommendations[(source, _key(new.reference))] = new
        self._unnumbered[(source, _key(text))] = new
        return new

    # Actions and leads -----------------------------------------------------------------
    def _actions(self) -> None:
        next_order: dict[int, int] = {}
        if self.plan:
            next_order = dict(
                Action.objects.filter(priority__plan=self.plan)
                .values_list("priority__number")
                .annotate(last=Max("order"))
            )
        self.actions: list[_NewAction] = []
        for row in self.rows:
            order = next_order.get(row.priority_number, 0) + 1
            next_order[row.priority_number] = order
            leads, names = self._leads(row)
            self.actions.append(
                _NewAction(
                    row=row,
                    priority=row.priority_number,
                    order=order,
                    leads=leads,
                    lead_names=names,
                    recommendations=self._recommendations_for(row),
                )
            )

    def _leads(self, row: ParsedRow) -> tuple[list, list[str]]:
        users, names = [], []
        for written in row.leads:
            user = self.people.find(written)
            if user is not None:
                if user not in users:
                    users.append(user)
                self.leads_matched.setdefault(_key(written), user.full_name or user.email)
            else:
                names.append(written)
                self.leads_as_text.setdefault(_key(written), written)
                if _key(written) in self.people.ambiguous:
                    self.notes.append(
                        Problem(
                            row.row,
                            None,
                            f"More than one user is called {written}, so the name is kept as text",
                        )
                    )
        return users, names

    def summary(self) -> ImportSummary:
        return ImportSummary(
            plan_title=self.plan_title,
            plan=self.plan,
            plan_created=self.plan is None,
            priorities_created=len(self.new_priorities),
            priorities_reused=len({a.priority for a in self.actions} - set(self.new_priorities)),
            actions=len(self.actions),
            updates=sum(1 for a in self.actions if _has_update(a.row)),
            inspections_created=len(self.new_inspections),
            recommendations_created=len(self.new_recommendations),
            recommendations_reused=len(self.reused_recommendations),
            leads_matched=dict(sorted(self.leads_matched.items())),
            leads_as_text=sorted(self.leads_as_text.values(), key=str.casefold),
            rows_skipped=self.skipped,
            notes=list(self.notes),
        )


def _joined(names: list[str]) -> str:
    """Leads who are not users, as one line. Without the spaces if that is needed to fit:
    the names came from one cell of at most the field's length, with a separator each."""
    joined = "; ".join(names)
    return joined if len(joined) <= LEAD_NAMES_LIMIT else ";".join(names)[:LEAD_NAMES_LIMIT]


def _has_update(row: ParsedRow) -> bool:
    return bool(row.progress) or row.status != Status.NOT_STARTED


def _check(parse_result: ParseResult, *, plan: Plan | None, plan_title: str, skip_rows) -> None:
    """Refuse an import the file or the request makes impossible; nothing is written."""
    whole_file = [p.message for p in parse_result.problems if p.row is None]
    if whole_file:
        raise ValidationError(whole_file)
    if plan is None and not plan_title.strip():
        raise ValidationError({"plan_title": "Enter a title for the new plan"})
    skip = set(skip_rows)
    unskipped = sorted({p.row for p in parse_result.problems if p.row not in skip})
    if unskipped:
        rows = ", ".join(str(n) for n in unskipped[:20]) + ("…" if len(unskipped) > 20 else "")
        raise ValidationError(
            f"Rows {rows} have problems. Correct the file, or choose to skip those rows"
            if len(unskipped) > 1
            else f"Row {rows} has problems. Correct the file, or choose to skip that row"
        )
    if not any(row.row not in skip for row in parse_result.rows):
        raise ValidationError("There are no rows left to import")


def plan_import_preview(
    *,
    parse_result: ParseResult,
    plan_title: str = "",
    plan: Plan | None = None,
    skip_rows: Iterable[int] = (),
) -> tuple[ImportSummary, dict[int, list[tuple[str, bool]]]]:
    """What `plan_import` would create, writing nothing.

    Returns the summary and each row's leads as (name, matched to a user) pairs.
    """
    blueprint = _Blueprint(parse_result, plan=plan, plan_title=plan_title, skip_rows=skip_rows)
    row_leads = {}
    for row in parse_result.rows:  # skipped rows too: the preview shows every row
        found = [(name, blueprint.people.find(name)) for name in row.leads]
        row_leads[row.row] = [(user.full_name or user.email, True) for _, user in found if user]
        row_leads[row.row] += [(name, False) for name, user in found if user is None]
    return blueprint.summary(), row_leads


# --------------------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------------------


def _history_attrs(user) -> dict:
    """What the historical rows' extra columns hold (bulk inserts skip simple-history's signal)."""
    request = getattr(HistoricalRecords.context, "request", None)
    return {
        "history_user_name": person_name(user),
        "ip_address": client_ip(request) if request is not None else None,
    }


def _first_update(action: Action, row: ParsedRow, *, author, at: datetime) -> ProgressUpdate:
    """The row's progress and status as the action's first update.

    Mirrors what services.actions.progress_update_post records: the update, and the
    latest status, time and completion date cached on the action.
    """
    status = row.status
    action.declared_status = status
    action.last_update_at = at
    action.percent_complete = None
    action.completed_on = timezone.localdate(at) if status == Status.COMPLETE else None
    narrative = row.progress or f"Status “{Status(status).label}” recorded in the imported plan."
    if status == Status.CLOSED:
        action.closed_reason = (row.progress or "Closed in the imported plan.")[:2_000]
    return ProgressUpdate(
        author=author,
        author_name=person_name(author),
        narrative=narrative,
        status=status,
        created_at=at,
    )


@transaction.atomic
def plan_import(
    *,
    parse_result: ParseResult,
    user,
    plan_title: str = "",
    plan: Plan | None = None,
    skip_rows: Iterable[int] = (),
    filename: str = "",
) -> ImportSummary:
    """Create the plan (or add to `plan`), its priorities, recommendations and actions.

    All or nothing: raises ValidationError, writing nothing, when the file has a problem
    outside `skip_rows`. Leads are matched to users by full name or e-mail address and
    kept as text where no user matches.
    """
    skip_rows = tuple(skip_rows)
    _check(parse_result, plan=plan, plan_title=plan_title, skip_rows=skip_rows)
    if plan is not None:
        plan = Plan.objects.select_for_update().get(pk=plan.pk)
    blueprint = _Blueprint(parse_result, plan=plan, plan_title=plan_title, skip_rows=skip_rows)
    summary = blueprint.summary()
    now = timezone.now()
    reason = f"Imported from {filename}"[:100] if filename else "Imported from a spreadsheet"

    if plan is None:
        plan = Plan.objects.create(
            title=blueprint.plan_title[:300],
            start_date=today(),
            description=f"Imported from {filename}." if filename else "",
        )
    summary.plan = plan

    priorities = dict(blueprint.existing_priorities)
    for number, title in sorted(blueprint.new_priorities.items()):
        priorities[number] = Priority.objects.create(plan=plan, number=number, title=title)

    inspections = dict(blueprint.inspections)
    for key, title in blueprint.new_inspections.items():
        inspections[key] = Inspection.objects.create(
            kind=Inspection.Kind.OTHER,
            title=title,
            body="Not recorded: imported with a plan",
            start_date=today(),
        )
    if inspections:
        plan.inspections.add(*inspections.values())
    for new in blueprint.new_recommendations.values():
        new.instance = Recommendation.objects.create(
            inspection=inspections[new.source],
            reference=new.reference[:50],
            text=new.text or f"Recommendation {new.reference}: text not given in the imported plan",
        )

    actions, updates = [], []
    for planned in blueprint.actions:
        row = planned.row
        action = Action(
            priority=priorities[planned.priority],
            order=planned.order,
            description=row.action,
            intended_outcome=row.outcome,
            measure=row.measure,
            timescale=row.timescale,
            lead_names=_joined(planned.lead_names),
            original_target_date=row.target_date,
            target_date=row.target_date,
            created_at=now,
        )
        update = _first_update(action, row, author=user, at=now) if _has_update(row) else None
        actions.append(action)
        updates.append(update)

    history = _history_attrs(user)
    history_options = {
        "batch_size": BATCH_SIZE,
        "default_user": user,
        "default_change_reason": reason,
        "default_date": now,
        "custom_historical_attrs": history,
    }
    actions = bulk_create_with_history(actions, Action, **history_options)
    _link_many_to_many(actions, blueprint.actions)

    for action, update in zip(actions, updates, strict=True):
        if update is not None:
            update.action = action
    bulk_create_with_history(
        [u for u in updates if u is not None], ProgressUpdate, **history_options
    )
    return summary


def _link_many_to_many(actions: list[Action], planned: list[_NewAction]) -> None:
    """Leads and recommendations, with the historical rows simple-history keeps for them."""
    lead_through = Action.lead_officers.through
    rec_through = Action.recommendations.through
    lead_rows, rec_rows = [], []
    for action, plan_row in zip(actions, planned, strict=True):
        lead_rows += [lead_through(action_id=action.pk, user_id=u.pk) for u in plan_row.leads]
        rec_ids = []
        for rec in plan_row.recommendations:
            pk = rec.instance.pk if isinstance(rec, _NewRecommendation) else rec.pk
            if pk not in rec_ids:
                rec_ids.append(pk)
        rec_rows += [rec_through(action_id=action.pk, recommendation_id=pk) for pk in rec_ids]
    lead_rows = lead_through.objects.bulk_create(lead_rows, batch_size=BATCH_SIZE)
    rec_rows = rec_through.objects.bulk_create(rec_rows, batch_size=BATCH_SIZE)
    confidentiality.refresh([action.pk for action in actions])  # bulk links send no signal

    # The "created" historical record of each action lists its leads and recommendations,
    # as simple-history's create_historical_record_m2ms does after a normal save.
    historical = Action.history.model
    history_ids: dict[int, int] = {}
    ids = [action.pk for action in actions]
    for start in range(0, len(ids), BATCH_SIZE):
        history_ids.update(
            historical.objects.filter(id__in=ids[start : start + BATCH_SIZE])
            .order_by()
            .values_list("id", "history_id")
        )
    m2m_models = {f.name: f.related_model for f in historical._meta.related_objects}
    lead_history = m2m_models["historicalaction_lead_officers"]
    rec_history = m2m_models["historicalaction_recommendations"]
    lead_history.objects.bulk_create(
        [
            lead_history(
                id=r.pk,
                history_id=history_ids[r.action_id],
                action_id=r.action_id,
                user_id=r.user_id,
            )
            for r in lead_rows
        ],
        batch_size=BATCH_SIZE,
    )
    rec_history.objects.bulk_create(
        [
            rec_history(
                id=r.pk,
                history_id=history_ids[r.action_id],
                action_id=r.action_id,
                recommendation_id=r.recommendation_id,
            )
            for r in rec_rows
        ],
        batch_size=BATCH_SIZE,
    )
