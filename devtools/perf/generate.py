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
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.apps import apps
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import connection, transaction
from django.utils import timezone

from accounts import roles
from accounts.models import Organisation, Team, User
from devtools.perf import words
from devtools.perf.bulk import Loader, next_id, reset_sequences
from devtools.perf.stories import MIN_UPDATES, cached_after, spread, steps_for, update_counts
from improvement import snapshots
from improvement.models import (
    Action,
    Challenge,
    DateChangeRequest,
    Evidence,
    Plan,
    Priority,
    ProgressUpdate,
    TargetDateChange,
)
from improvement.status import DONE, Status
from inspections.models import Inspection, Judgement, JudgementArea
from recommendations.models import Recommendation

PERF_PASSWORD = "perf-password-1"  # noqa: S105 - generated load-test accounts only
PERF_USERS = {
    "officer": "perf-officer@example.org",
    "manager": "perf-manager@example.org",
    "scrutiny": "perf-scrutiny@example.org",
    "auditor": "perf-auditor@example.org",
    "admin": "perf-admin@example.org",
}
MY_ACTIONS = 40  # the perf officer leads exactly this many (the "my actions" budget)
HISTORY = ["history_id", "history_date", "history_change_reason", "history_type", "history_user_id"]
STATUS_WEIGHTS = {
    Status.NOT_STARTED: 6,
    Status.ON_TRACK: 34,
    Status.AT_RISK: 13,
    Status.OFF_TRACK: 8,
    Status.COMPLETE: 16,
    Status.VERIFIED: 15,
    Status.CLOSED: 8,
}
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


@dataclass(frozen=True)
class Sizes:
    actions: int = 100_000
    updates_per_action: int = 10
    users: int = 2_000
    plans: int = 20
    priorities_per_plan: int = 8
    inspections_per_plan: int = 2
    recommendations_per_inspection: int = 20

    def check(self) -> None:
        if self.users < 10:
            raise ValueError("--users must be at least 10 (five named accounts and every role)")
        if self.plans < 1 or self.actions < 1 or self.updates_per_action < 0:
            raise ValueError("--plans and --actions must be at least 1")
        if self.actions > self.plans * self.priorities_per_plan * 30_000:
            raise ValueError("too many actions per priority; add plans")

    def describe(self) -> list[str]:
        inspections = self.plans * self.inspections_per_plan
        return [
            f"{len(words.ORGANISATIONS)} organisations and their teams",
            f"{self.users:,} users in every role (including {', '.join(PERF_USERS.values())})",
            f"{inspections:,} inspections (a quarter confidential), "
            f"{inspections * self.recommendations_per_inspection:,} recommendations",
            f"{self.plans:,} plans with {self.plans * self.priorities_per_plan:,} priorities",
            f"{self.actions:,} actions in every status, overdue and stale ones included",
            f"{self.actions * self.updates_per_action:,} progress updates, with evidence links",
            "target-date changes, date requests, challenges, and a history row for each record",
        ]


@dataclass
class PlanInfo:
    pk: int
    start: date
    cycle: int
    recommendations: list[tuple[int, bool]]  # (recommendation id, confidential)
    priorities: list[int]


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


class Generator:
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
        through = {
            "groups": User.groups.through,
            "teams": User.teams.through,
            "plan_inspections": Plan.inspections.through,
            "leads": Action.lead_officers.through,
            "action_recs": Action.recommendations.through,
        }
        self.through = through
        spec = [
            (Organisation, ["id", "name", "kind", "is_active"]),
            (Team, ["id", "organisation_id", "name", "is_active"]),
            (User, ["id", "email", "full_name", "job_title", "organisation_id", "password",
                    "is_staff", "is_superuser", "is_active", "date_joined", "wants_reminders"]),
            (through["groups"], ["id", "user_id", "group_id"]),
            (through["teams"], ["id", "user_id", "team_id"]),
            (Inspection, ["id", "kind", "title", "body", "start_date", "end_date",
                          "published_on", "lead_inspector", "summary", "has_priority_actions",
                          "is_confidential", "created_at", "updated_at"]),
            (Judgement, ["id", "inspection_id", "area_id", "grade"]),
            (Recommendation, ["id", "inspection_id", "reference", "sort_key", "text", "theme",
                              "response", "response_text", "response_date",
                              "responsible_officer_id", "rejection_reason", "created_at",
                              "updated_at", "version"]),
            (Plan, ["id", "title", "description", "owner_board", "status", "start_date",
                    "end_date", "update_cycle_days", "approved_on", "created_at", "updated_at"]),
            (through["plan_inspections"], ["id", "plan_id", "inspection_id"]),
            (Priority, ["id", "plan_id", "number", "title"]),
            (Action, ["id", "priority_id", "order", "description", "intended_outcome", "measure",
                      "timescale", "lead_names", "lead_team_id", "original_target_date",
                      "target_date", "declared_status", "percent_complete", "last_update_at",
                      "completed_on", "verified_by_id", "verified_at", "verification_note",
                      "returned_at", "returned_reason", "closed_reason", "created_at",
                      "updated_at", "version", "is_confidential_only"]),
            (through["leads"], ["id", "action_id", "user_id"]),
            (through["action_recs"], ["id", "action_id", "recommendation_id"]),
            (ProgressUpdate, ["id", "action_id", "author_id", "author_name", "created_at",
                              "narrative", "status", "percent_complete"]),
            (Evidence, ["id", "update_id", "link", "uploaded_by_id", "uploaded_at"]),
            (DateChangeRequest, ["id", "action_id", "requested_by_id", "requested_at",
                                 "new_date", "reason", "state", "decided_by_id", "decided_at",
                                 "decision_reason"]),
            (TargetDateChange, ["id", "action_id", "old_date", "new_date", "reason",
                                "changed_by_id", "changed_by_name", "changed_at", "request_id"]),
            (Challenge, ["id", "action_id", "recommendation_id", "raised_by_id", "raised_at",
                         "question", "answer", "answered_by_id", "answered_at", "state",
                         "closed_at"]),
        ]  # fmt: skip
        try:
            self.sign_ins = apps.get_model("audit", "SignInEvent")
            spec.append((self.sign_ins, ["id", "kind", "email", "user_id", "user_name",
                                         "ip_address", "user_agent", "at"]))  # fmt: skip
        except LookupError:  # the audit trail's sign-in log is optional to the generator
            self.sign_ins = None
        self.columns = dict(spec)
        for model, columns in spec:
            self.loader.table(model, columns)
            self.ids[model] = next_id(model)
        # History tables after all main tables: they only point at users.
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
            other = [c for c in self.columns[through[key]] if c not in ("id", "action_id")][0]
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
            self.stage("sequences", lambda: reset_sequences(self.loader.writers))
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
            for model in self.loader.writers:
                cursor.execute(f"VACUUM ANALYZE {connection.ops.quote_name(model._meta.db_table)}")

    # --- people -------------------------------------------------------------------------

    def people(self) -> None:
        rng, sizes = self.rng, self.sizes
        self.lead_teams: list[int] = []
        self.team_members: dict[int, list[int]] = {}
        council_id = None
        team_names = iter(words.TEAM_NAMES * 3)
        for name, kind, teams in words.ORGANISATIONS:
            org_id = self.new_id(Organisation)
            council_id = council_id or org_id
            self.add(Organisation, (org_id, name, kind, True), at=self.now, by=None)
            for _ in range(teams):
                team_id = self.new_id(Team)
                self.add(Team, (team_id, org_id, next(team_names), True), at=self.now, by=None)
                self.lead_teams.append(team_id)
                self.team_members[team_id] = []
        # The perf officer's own team leads nothing, so "my actions" is exactly MY_ACTIONS.
        self.quiet_team = self.new_id(Team)
        self.add(Team, (self.quiet_team, council_id, "Performance office", True), at=self.now)

        groups = dict(Group.objects.filter(name__in=roles.ALL_ROLES).values_list("name", "pk"))
        rest = sizes.users - len(PERF_USERS)
        share = {
            roles.PLAN_MANAGER: max(1, rest * 5 // 100),
            roles.SCRUTINY: max(1, rest // 10),
            roles.AUDITOR: max(1, rest * 4 // 100),
            "": max(1, rest // 100),  # administrators hold no role group
        }
        share[roles.OFFICER] = rest - sum(share.values())
        named = [
            ("officer", roles.OFFICER),
            ("manager", roles.PLAN_MANAGER),
            ("scrutiny", roles.SCRUTINY),
            ("auditor", roles.AUDITOR),
            ("admin", ""),
        ]
        # One hash for every account, salted from the seed so that runs are repeatable.
        password = make_password(PERF_PASSWORD, salt=f"perfseed{self.seed:08d}")
        self.by_role: dict[str, list[tuple[int, str]]] = {role: [] for role in share}
        people = [(PERF_USERS[key], role) for key, role in named]
        for role, count in share.items():
            slug = (role or "admin").lower().replace(" ", "-")
            people += [(f"perf-{slug}-{n:05d}@example.org", role) for n in range(1, count + 1)]
        for email, role in people:
            user_id = self.new_id(User)
            name = f"{rng.choice(words.FIRST_NAMES)} {rng.choice(words.LAST_NAMES)}"
            is_admin = role == ""
            joined = self.days_ago(30, 1_500)
            self.add(
                User,
                (user_id, email, name, rng.choice(words.JOB_TITLES[role]), council_id,
                 password, is_admin, is_admin, True, joined, rng.random() < 0.8),
                at=joined,
            )  # fmt: skip
            self.names[user_id] = name
            if role:
                self.add(self.through["groups"], (self.new_id(self.through["groups"]), user_id,
                                                  groups[role]))  # fmt: skip
            if email == PERF_USERS["officer"]:
                self.perf_officer = user_id
                teams = [self.quiet_team]
            elif role == roles.OFFICER:
                self.by_role[role].append((user_id, name))
                teams = rng.sample(self.lead_teams, 2 if rng.random() < 0.1 else 1)
            else:
                self.by_role[role].append((user_id, name))
                teams = []
            self._sign_ins(user_id, email, name)
            for team_id in teams:
                self.add(self.through["teams"], (self.new_id(self.through["teams"]), user_id,
                                                 team_id))  # fmt: skip
                self.team_members.setdefault(team_id, []).append(user_id)
        self.officers = [pk for pk, _ in self.by_role[roles.OFFICER]]
        self.managers = [pk for pk, _ in self.by_role[roles.PLAN_MANAGER]]
        self.scrutineers = [pk for pk, _ in self.by_role[roles.SCRUTINY]]
        self.verifiers = self.managers + [pk for pk, _ in self.by_role[roles.AUDITOR]]

    def _sign_ins(self, user_id: int, email: str, name: str) -> None:
        """About a month of working days' sign-ins and sign-outs, and the odd failure."""
        if self.sign_ins is None:
            return
        rng = self.rng
        address = f"10.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}"
        agent = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/130.0 Safari/537.36"
        for _ in range(rng.randint(5, 40)):
            at = self.days_ago(0.1, 365)
            events = [("signed_in", at)]
            if rng.random() < 0.6:
                events.append(("signed_out", at + timedelta(minutes=rng.randint(2, 25))))
            if rng.random() < 0.04:
                events.insert(0, ("failed", at - timedelta(seconds=40)))
            for kind, when in events:
                row = (self.new_id(self.sign_ins), kind, email, user_id, name, address, agent, when)
                self.loader.add(self.sign_ins, row)

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

    # --- actions and everything hanging off them -----------------------------------------

    def actions(self) -> None:
        rng, sizes = self.rng, self.sizes
        total = sizes.actions
        counts = update_counts(rng, actions=total, per_action=sizes.updates_per_action)
        # The perf officer's actions, spread over every plan.
        if total >= MY_ACTIONS:
            step = total // MY_ACTIONS
            mine = {min(17, step - 1) + j * step for j in range(MY_ACTIONS)}
        else:
            mine = set(range(total))
        self.my_challenges = 0
        priorities = sizes.plans * sizes.priorities_per_plan
        order = [0] * priorities
        statuses = list(STATUS_WEIGHTS)
        weights = list(STATUS_WEIGHTS.values())
        report = max(total // 10, 1)
        started = clock.perf_counter()
        for i in range(total):
            slot = i * priorities // total
            plan = self.plan_info[slot // sizes.priorities_per_plan]
            order[slot] += 1
            status = statuses[i] if i < len(statuses) else rng.choices(statuses, weights)[0]
            n = counts[i]
            if n < MIN_UPDATES.get(status, 1):
                status = Status.COMPLETE if n == 1 else Status.NOT_STARTED
            self._action(
                plan, plan.priorities[slot % sizes.priorities_per_plan], order[slot],
                status, n, i in mine,
            )  # fmt: skip
            if (i + 1) % report == 0:
                self.out(
                    f"    {i + 1:,} actions, {self.loader.counts()['improvement.ProgressUpdate']:,}"
                    f" updates ({clock.perf_counter() - started:.0f} s)"
                )

    def _action(self, plan: PlanInfo, priority_id, order, status, n, mine) -> None:
        """One action, its links, its updates (with evidence) and what hangs off it."""
        rng = self.rng
        pk = self.new_id(Action)
        is_open = status not in DONE
        # When the action was last touched, and so whether it is stale.
        if not is_open:
            last = self.days_ago(1, 500)
        elif rng.random() < 0.62:
            last = self.days_ago(0.2, plan.cycle - 0.5)
        else:
            last = self.days_ago(plan.cycle + 2, plan.cycle + 200)
        plan_start = timezone.make_aware(datetime.combine(plan.start, time(9)))
        created = last - timedelta(days=n * rng.uniform(7, 35) + rng.uniform(1, 30))
        created = max(created, plan_start + timedelta(days=rng.uniform(0, 20)))
        if last - created < timedelta(hours=n + 1):
            last = min(self.now - timedelta(hours=1), created + timedelta(days=n + 1))
            created = min(created, last - timedelta(hours=n + 1))
        # Target dates: some open actions overdue, some due soon, the rest later.
        if is_open:
            if rng.random() < 0.3:
                target = self.today - timedelta(days=rng.randint(1, 300))
            else:
                target = self.today + timedelta(days=rng.randint(0, 400))
        else:
            target = timezone.localdate(last) + timedelta(days=rng.randint(-60, 120))
        if target <= timezone.localdate(created):
            target = timezone.localdate(created) + timedelta(days=rng.randint(7, 60))
        changes = rng.choices((0, 1, 2, 3), weights=(85, 10, 3.5, 1.5))[0]
        moves = [rng.randint(14, 120) for _ in range(changes)]
        original = target - timedelta(days=sum(moves))

        # Who leads it and what it answers.
        if mine:
            team, leads = None, [self.perf_officer]
        else:
            team = rng.choice(self.lead_teams) if rng.random() < 0.7 else None
            pool = [u for u in self.team_members.get(team, []) if u != self.perf_officer]
            pool = pool if pool and rng.random() < 0.8 else self.officers
            k = rng.choices((0, 1, 2), weights=(5, 75, 20))[0]
            leads = rng.sample(pool, min(k, len(pool)))
        recs = rng.sample(plan.recommendations, rng.choices((0, 1, 2), weights=(8, 80, 12))[0])
        public = not recs or any(not confidential for _, confidential in recs)

        # Its updates, and the cached fields they leave on the action.
        steps = steps_for(rng, final=status, times=spread(created, last, n))
        cached = cached_after(steps)
        authors = leads or self.managers
        verifier = rng.choice(self.verifiers) if status == Status.VERIFIED else None
        closer = rng.choice(self.managers) if status == Status.CLOSED else None
        returned_at = None
        if status == Status.COMPLETE and rng.random() < 0.05:
            returned_at = min(last + timedelta(days=2), self.now - timedelta(minutes=1))
        description = (
            f"{rng.choice(words.VERBS)} {rng.choice(words.OBJECTS)} {rng.choice(words.QUALIFIERS)}."
        )
        manager = rng.choice(self.managers)
        updated = max(last, created)
        row = (
            pk, priority_id, order, description,
            "Children receive help that is timely and matched to their needs.",
            "Monthly audit sample and performance report.",
            rng.choice(("3 months", "6 months", "12 months", "Immediate", "Ongoing", "")),
            "" if leads else "Designated nurse", team, original, target,
            cached.declared_status, cached.percent_complete, cached.last_update_at,
            cached.completed_on, verifier, last if verifier else None,
            "Evidence checked against the audit sample." if verifier else "",
            returned_at, "Please attach the audit report." if returned_at else "",
            "Superseded by a new action in the refreshed plan." if closer else "",
            created, updated, 1 + changes, not public,
        )  # fmt: skip
        self.loader.add(Action, row)
        # Its `+` history row shows the action as first written.
        initial = row[:10] + (original, Status.NOT_STARTED.value, None, None, None, None, None,
                              "", None, "", "", created, created, 1)  # fmt: skip
        history_id = self.add_history(Action, initial, at=created, by=manager)
        for user_id in leads:
            link_id = self.new_id(self.through["leads"])
            self.loader.add(self.through["leads"], (link_id, pk, user_id))
            hm = self.m2m_history["leads"]
            self.loader.add(hm, (self.new_id(hm), link_id, pk, user_id, history_id))
        for rec_id, _ in recs:
            link_id = self.new_id(self.through["action_recs"])
            self.loader.add(self.through["action_recs"], (link_id, pk, rec_id))
            hm = self.m2m_history["action_recs"]
            self.loader.add(hm, (self.new_id(hm), link_id, pk, rec_id, history_id))

        for j, st in enumerate(steps):
            if st.status == Status.VERIFIED:
                author, narrative = verifier, "Verified: evidence checked against the audit sample."
            elif st.status == Status.CLOSED:
                author, narrative = closer, "Closed: superseded by a new action."
            else:
                author = rng.choice(authors)
                narrative = f"{rng.choice(words.PROGRESS)} {rng.choice(words.NEXT_STEPS)}".rstrip()
            update_id = self.new_id(ProgressUpdate)
            self.add(
                ProgressUpdate,
                (update_id, pk, author, self.names[author], st.at, narrative, st.status,
                 st.percent),
                at=st.at, by=author,
            )  # fmt: skip
            final_completion = st.status == Status.COMPLETE and j >= n - 2
            if rng.random() < (0.7 if final_completion else 0.04):
                evidence_id = self.new_id(Evidence)
                link = f"https://intranet.example.org/evidence/{evidence_id}"
                row = (evidence_id, update_id, link, author, st.at)
                self.add(Evidence, row, at=st.at, by=author)

        self._dates(pk, original, moves, created, leads)
        chance = 0.5 if mine and self.my_challenges < 6 else 0.02
        if public and rng.random() < chance:
            self.my_challenges += mine
            self._challenge(pk, None, created, leads or self.managers)

    def _dates(self, action_id, original, moves, created, leads) -> None:
        """Target-date changes (the last one sometimes from an approved request), requests."""
        rng = self.rng
        requester = rng.choice(leads or self.managers)
        old = original
        request_id = None
        for j, days in enumerate(moves):
            new = old + timedelta(days=days)
            at = created + (self.now - created) * (j + 1) / (len(moves) + 1)
            manager = rng.choice(self.managers)
            if j == len(moves) - 1 and rng.random() < 0.3:
                request_id = self.new_id(DateChangeRequest)
                self.add(
                    DateChangeRequest,
                    (request_id, action_id, requester, at - timedelta(days=3), new,
                     rng.choice(words.REASONS), "approved", manager, at, "Agreed by the board."),
                    at=at - timedelta(days=3), by=requester,
                )  # fmt: skip
            self.add(
                TargetDateChange,
                (self.new_id(TargetDateChange), action_id, old, new, rng.choice(words.REASONS),
                 manager, self.names[manager], at, request_id if j == len(moves) - 1 else None),
                at=at, by=manager,
            )  # fmt: skip
            old = new
        if request_id is None and rng.random() < 0.02:
            pending = rng.random() < 0.6
            at = self.days_ago(1, 40) if pending else self.days_ago(40, 200)
            at = max(at, created + timedelta(hours=1))
            manager = None if pending else rng.choice(self.managers)
            self.add(
                DateChangeRequest,
                (self.new_id(DateChangeRequest), action_id, requester, at,
                 old + timedelta(days=rng.randint(30, 120)), rng.choice(words.REASONS),
                 "pending" if pending else "declined", manager,
                 None if pending else at + timedelta(days=5),
                 "" if pending else "The board asked for the original date to hold."),
                at=at, by=requester,
            )  # fmt: skip

    def _challenge(self, action_id, rec_id, after: datetime, answerers: list[int]) -> None:
        rng = self.rng
        raised = after + (self.now - after) * rng.uniform(0.3, 0.95)
        state = rng.choices(("open", "answered", "closed"), weights=(35, 35, 30))[0]
        answered = state != "open"
        answered_at = raised + (self.now - raised) * 0.5 if answered else None
        by = rng.choice(self.scrutineers)
        self.add(
            Challenge,
            (self.new_id(Challenge), action_id, rec_id, by, raised, rng.choice(words.QUESTIONS),
             rng.choice(words.ANSWERS) if answered else "",
             rng.choice(answerers) if answered else None, answered_at, state,
             answered_at + (self.now - answered_at) * 0.5 if state == "closed" else None),
            at=raised, by=by,
        )  # fmt: skip
