"""Build a large, realistic, deterministic data set for the benchmark (generate_load_data).

One fictional council with partners, users in every role, inspections (some confidential)
with recommendations, plans with priorities, and actions in every status with their
progress updates, evidence links, target-date changes, date requests, challenges and a
`+` audit (history) row for each record. Everything is written with explicit primary keys
through perf.bulk (COPY on PostgreSQL), inside one transaction.
"""

import random
import time as clock
from collections.abc import Callable
from datetime import date, datetime, time, timedelta

from django.apps import apps
from django.db import connection, transaction
from django.utils import timezone

from accounts.models import Organisation, User
from devtools.perf import words
from devtools.perf.actions import ActionStage, PlanInfo
from devtools.perf.bulk import Loader, next_id, reset_sequences
from devtools.perf.measures import MeasuresStage, measure_tables, measure_through
from devtools.perf.people import PeopleStage
from devtools.perf.sizes import PERF_USERS, Sizes
from devtools.perf.tables import HISTORY, SIGN_IN_COLUMNS, table_spec, through_models
from improvement import periods, snapshots
from improvement.models import Action, ActionPeriod, Plan, Priority
from inspections.models import Inspection, Judgement, JudgementArea
from recommendations.models import Recommendation

INSPECTION_KINDS = [
    (Inspection.Kind.ILACS_STANDARD, "Ofsted"),
    (Inspection.Kind.FOCUSED_VISIT, "Ofsted"),
    (Inspection.Kind.MONITORING_VISIT, "Ofsted"),
    (Inspection.Kind.INTERNAL_AUDIT, "Internal audit"),
    (Inspection.Kind.JTAI, "Ofsted, CQC and HMICFRS"),
    (Inspection.Kind.SCRUTINY_REVIEW, "Children's scrutiny panel"),
    (Inspection.Kind.PEER_REVIEW, "Regional peer review team"),
    (Inspection.Kind.ILACS_SHORT, "Ofsted"),
]


def existing_data() -> dict[str, int]:
    """Records already in the database that a generated set would sit beside."""
    found = {
        "users": User.objects.count(),
        "organisations": Organisation.objects.count(),
        "inspections": Inspection.objects.count(),
        "plans": Plan.objects.count(),
        "actions": Action.objects.count(),
    }
    return {name: n for name, n in found.items() if n}


def generated_present() -> bool:
    return User.objects.filter(email=PERF_USERS["officer"]).exists()


class Generator(PeopleStage, ActionStage, MeasuresStage):
    """Writes the data set; `run()` prints each stage with its elapsed time."""

    def __init__(
        self,
        sizes: Sizes,
        *,
        seed: int = 1,
        today: date | None = None,
        out: Callable[[str], None] = print,
        chunk_rows: int = 50_000,
    ):
        sizes.check()
        self.sizes = sizes
        self.seed = seed
        self.rng = random.Random(seed)
        self.today = today or timezone.localdate()
        # Everything generated happened before the start of `today`.
        self.now = timezone.make_aware(datetime.combine(self.today, time.min))
        self.out = out
        self.loader = Loader(now=self.now, chunk_rows=chunk_rows)
        self.ids: dict[type, int] = {}
        self.timings: dict[str, float] = {}
        self.names: dict[int, str] = {}
        self._register_tables()

    # --- plumbing ---------------------------------------------------------------------

    def _register_tables(self) -> None:
        """Every table written, parents first, with its columns and first free key."""
        self.through = through_models() | measure_through()
        spec = table_spec(self.through) + measure_tables(self.through)
        try:
            self.sign_ins = apps.get_model("audit", "SignInEvent")
            spec.append((self.sign_ins, SIGN_IN_COLUMNS))
        except LookupError:  # the audit trail's sign-in log is optional to the generator
            self.sign_ins = None
        self.columns = dict(spec)
        for model, columns in spec:
            self.loader.table(model, columns)
            self.ids[model] = next_id(model)
        # History tables after all main tables: they only point at users.
        self._register_history(spec)

    def _register_history(self, spec: list[tuple[type, list[str]]]) -> None:
        self.history_of: dict[type, tuple[type, list[int]]] = {}
        for model, columns in spec:
            historical = getattr(model, "history", None)
            if historical is None or not hasattr(historical, "model"):
                continue
            hmodel = historical.model
            names = {f.attname for f in hmodel._meta.concrete_fields}
            kept = [i for i, c in enumerate(columns) if c in names]
            named = "history_user_name" in names  # the actor's name, kept if the user goes
            self.loader.table(
                hmodel, [columns[i] for i in kept] + HISTORY + ["history_user_name"] * named
            )
            self.ids[hmodel] = next_id(hmodel)
            self.history_of[model] = (hmodel, kept, named)
        self.m2m_history = {}
        for name, key in (("lead_officers", "leads"), ("recommendations", "action_recs")):
            m2m_model = apps.get_model("improvement", f"HistoricalAction_{name}")
            other = [c for c in self.columns[self.through[key]] if c not in ("id", "action_id")][0]
            self.loader.table(m2m_model, ["m2m_history_id", "id", "action_id", other, "history_id"])
            self.ids[m2m_model] = next_id(m2m_model)
            self.m2m_history[key] = m2m_model

    def new_id(self, model) -> int:
        pk = self.ids[model]
        self.ids[model] = pk + 1
        return pk

    def add(self, model, row: tuple, *, at: datetime | None = None, by: int | None = None):
        """Write a row, and its `+` history row when the model keeps history."""
        self.loader.add(model, row)
        if at is not None and model in self.history_of:
            self.add_history(model, row, at=at, by=by)

    def add_history(self, model, row: tuple, *, at: datetime, by: int | None) -> int:
        hmodel, kept, named = self.history_of[model]
        history_id = self.new_id(hmodel)
        row = tuple(row[i] for i in kept) + (history_id, at, None, "+", by)
        if named:
            row += (self.names.get(by, "") if by else "",)
        self.loader.add(hmodel, row)
        return history_id

    def days_ago(self, lo: float, hi: float) -> datetime:
        return self.now - timedelta(seconds=int(self.rng.uniform(lo, hi) * 86_400))

    def stage(self, name: str, work: Callable[[], None]) -> None:
        started = clock.perf_counter()
        work()
        self.loader.flush()
        elapsed = clock.perf_counter() - started
        self.timings[name] = elapsed
        self.out(f"  {name}: {elapsed:.1f} s")

    # --- the run ------------------------------------------------------------------------

    def run(self) -> dict[str, float]:
        started = clock.perf_counter()
        with transaction.atomic():
            # Check foreign keys as each chunk lands (parents are written first) rather than
            # queue millions of checks for the commit; back to Django's default afterwards,
            # in case the caller's transaction goes on (tests).
            self._constraints("IMMEDIATE")
            self.stage("organisations, teams and users", self.people)
            self.stage("inspections and recommendations", self.inspections)
            self.stage("plans and priorities", self.plans)
            self.stage("actions, updates, evidence, dates, challenges, history", self.actions)
            self.loader.flush()
            if self.sizes.measures:
                self.stage("measures and their figures", self.measures)
            self.stage("sequences", lambda: reset_sequences(self.loader.writers))
            # Bulk loading skips the signals that keep each action's periods too.
            self.stage("action periods", periods.refresh)
            # Bulk loading skips the signals that forget stored dashboard counts.
            snapshots.forget_from(None)
            self._constraints("DEFERRED")
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            self.stage("vacuum analyze", self.vacuum_analyze)
        self.timings["total"] = clock.perf_counter() - started
        return self.timings

    def _constraints(self, mode: str) -> None:
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(f"SET CONSTRAINTS ALL {mode}")
                if mode == "IMMEDIATE":
                    cursor.execute("SET LOCAL synchronous_commit = off")

    def vacuum_analyze(self) -> None:
        with connection.cursor() as cursor:
            for model in [*self.loader.writers, ActionPeriod]:
                cursor.execute(f"VACUUM ANALYZE {connection.ops.quote_name(model._meta.db_table)}")

    # --- inspections --------------------------------------------------------------------

    def inspections(self) -> None:
        rng, sizes = self.rng, self.sizes
        # Plans started between about three years and five months ago.
        spacing = 950 // max(sizes.plans - 1, 1)
        self.plan_starts = [
            self.today - timedelta(days=1_100 - p * spacing + rng.randint(0, 20))
            for p in range(sizes.plans)
        ]
        areas = list(JudgementArea.objects.filter(is_active=True).values_list("pk", flat=True))
        self.inspection_recs: list[list[tuple[int, bool]]] = []
        self.inspection_ids: list[int] = []
        count = sizes.plans * sizes.inspections_per_plan
        for n in range(count):
            kind, body = INSPECTION_KINDS[n % len(INSPECTION_KINDS)]
            plan_start = self.plan_starts[n // sizes.inspections_per_plan]
            start = plan_start - timedelta(days=rng.randint(60, 200))
            end = start + timedelta(days=rng.randint(3, 10))
            published = end + timedelta(days=rng.randint(15, 40))
            confidential = n % 4 == 3
            at = timezone.make_aware(datetime.combine(published, time(9)))
            pk = self.new_id(Inspection)
            self.inspection_ids.append(pk)
            label = Inspection.Kind(kind).label
            self.add(
                Inspection,
                (pk, kind, f"{label}, {start:%B %Y}", body, start, end, published,
                 f"{rng.choice(words.FIRST_NAMES)} {rng.choice(words.LAST_NAMES)}",
                 f"Findings of the {label.lower()} of {words.COUNCIL}'s services for children.",
                 kind == Inspection.Kind.FOCUSED_VISIT and n % 3 == 0, confidential, at, at),
                at=at, by=rng.choice(self.managers),
            )  # fmt: skip
            if kind in (Inspection.Kind.ILACS_STANDARD, Inspection.Kind.ILACS_SHORT):
                for area in areas:
                    self.add(Judgement, (self.new_id(Judgement), pk, area, rng.randint(2, 4)),
                             at=at, by=None)  # fmt: skip
            recs = []
            for r in range(1, sizes.recommendations_per_inspection + 1):
                rec_id = self.new_id(Recommendation)
                response = rng.choices(
                    ["accepted", "partially_accepted", "accepted_in_principle", "rejected",
                     "noted", ""], weights=[60, 15, 10, 5, 5, 5])[0]  # fmt: skip
                self.add(
                    Recommendation,
                    (rec_id, pk, f"R{r}", r,
                     rng.choice(words.RECOMMENDATIONS).format(x=rng.choice(words.OBJECTS)),
                     rng.choice(words.THEMES), response,
                     rng.choice(words.RESPONSES) if response else "",
                     published + timedelta(days=30) if response else None,
                     rng.choice(self.managers),
                     "Already addressed by the current plan." if response == "rejected" else "",
                     at, at, 1),
                    at=at, by=rng.choice(self.managers),
                )  # fmt: skip
                recs.append((rec_id, confidential))
                if not confidential and rng.random() < 0.05:
                    self._challenge(None, rec_id, at, [rng.choice(self.managers)])
            self.inspection_recs.append(recs)

    # --- plans ----------------------------------------------------------------------------

    def plans(self) -> None:
        rng, sizes = self.rng, self.sizes
        self.plan_info: list[PlanInfo] = []
        for p in range(sizes.plans):
            pk = self.new_id(Plan)
            start = self.plan_starts[p]
            state = "closed" if p < 2 else ("draft" if p == sizes.plans - 1 else "active")
            cycle = rng.choice((30, 30, 30, 14, 60, 90))
            at = timezone.make_aware(datetime.combine(start, time(10)))
            self.add(
                Plan,
                (pk, f"{words.COUNCIL} children's services improvement plan {p + 1}",
                 "The council's response to inspection findings, agreed with partners.",
                 "Improvement Board", state, start,
                 start + timedelta(days=730) if state == "closed" else None, cycle,
                 start if state != "draft" else None, at, at),
                at=at, by=rng.choice(self.managers),
            )  # fmt: skip
            recs = []
            for i in range(sizes.inspections_per_plan):
                n = p * sizes.inspections_per_plan + i
                link = self.through["plan_inspections"]
                self.add(link, (self.new_id(link), pk, self.inspection_ids[n]))
                recs += self.inspection_recs[n]
            priorities = []
            for number in range(1, sizes.priorities_per_plan + 1):
                priority_id = self.new_id(Priority)
                theme = words.THEMES[(p + number) % len(words.THEMES)]
                self.add(Priority, (priority_id, pk, number, theme), at=at)
                priorities.append(priority_id)
            self.plan_info.append(PlanInfo(pk, start, cycle, recs, priorities))
