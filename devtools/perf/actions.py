"""The generator's last stage: actions and everything hanging off them, with history."""

import time as clock
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from devtools.perf import words
from devtools.perf.sizes import MY_ACTIONS
from devtools.perf.stories import MIN_UPDATES, cached_after, spread, steps_for, update_counts
from improvement.models import (
    Action,
    Challenge,
    DateChangeRequest,
    Evidence,
    ProgressUpdate,
    TargetDateChange,
)
from improvement.status import DONE, Status

STATUS_WEIGHTS = {
    Status.NOT_STARTED: 6,
    Status.ON_TRACK: 34,
    Status.AT_RISK: 13,
    Status.OFF_TRACK: 8,
    Status.COMPLETE: 16,
    Status.VERIFIED: 15,
    Status.CLOSED: 8,
}


@dataclass
class PlanInfo:
    pk: int
    start: date
    cycle: int
    recommendations: list[tuple[int, bool]]  # (recommendation id, confidential)
    priorities: list[int]


class ActionStage:
    """Part of `generate.Generator`: uses its random source, ids, `add` and the people."""

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
        created, last, target, moves = self._action_dates(plan, status, n)
        original = target - timedelta(days=sum(moves))
        team, leads, recs = self._lead_and_answers(plan, mine)
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
            created, updated, 1 + len(moves), not public,
        )  # fmt: skip
        self._action_row(row, original=original, created=created, by=manager, leads=leads,
                         recs=recs)  # fmt: skip
        self._updates(pk, steps, n, authors=authors, verifier=verifier, closer=closer)
        self._dates(pk, original, moves, created, leads)
        chance = 0.5 if mine and self.my_challenges < 6 else 0.02
        if public and rng.random() < chance:
            self.my_challenges += mine
            self._challenge(pk, None, created, leads or self.managers)

    def _action_dates(self, plan: PlanInfo, status, n: int):
        """When the action was created and last touched, its target, and its date moves."""
        rng = self.rng
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
        return created, last, target, moves

    def _lead_and_answers(self, plan: PlanInfo, mine: bool):
        """Who leads the action (team, users) and which recommendations it answers."""
        rng = self.rng
        if mine:
            team, leads = None, [self.perf_officer]
        else:
            team = rng.choice(self.lead_teams) if rng.random() < 0.7 else None
            pool = [u for u in self.team_members.get(team, []) if u != self.perf_officer]
            pool = pool if pool and rng.random() < 0.8 else self.officers
            k = rng.choices((0, 1, 2), weights=(5, 75, 20))[0]
            leads = rng.sample(pool, min(k, len(pool)))
        recs = rng.sample(plan.recommendations, rng.choices((0, 1, 2), weights=(8, 80, 12))[0])
        return team, leads, recs

    def _action_row(self, row: tuple, *, original, created, by, leads, recs) -> None:
        """The action, its `+` history row as first written, and its links with theirs."""
        pk = row[0]
        self.loader.add(Action, row)
        initial = row[:10] + (original, Status.NOT_STARTED.value, None, None, None, None, None,
                              "", None, "", "", created, created, 1)  # fmt: skip
        history_id = self.add_history(Action, initial, at=created, by=by)
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

    def _updates(self, pk: int, steps, n: int, *, authors, verifier, closer) -> None:
        """The action's progress updates, some with an evidence link."""
        rng = self.rng
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
