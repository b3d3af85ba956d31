"""Build the Northdale demo from devtools.demo.content, with dates relative to today.

Progress, verification, closing and target-date changes go through the services in
improvement.services.actions, back-dated with their `at` argument, so every cached field
on an action is exactly what the application itself would have written.
"""

from datetime import date, datetime, time, timedelta

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from accounts.models import Organisation, Team, User
from core.clock import today as status_today
from devtools.demo import content
from devtools.demo.measures_build import build_measures
from devtools.demo.meetings_build import build_meetings
from improvement.impact import Impact
from improvement.models import Action, Challenge, DateChangeRequest, Plan, Priority
from improvement.services.actions import (
    action_close,
    action_target_date_change,
    action_verify,
    progress_update_post,
)
from improvement.services.impact import action_impact_record
from inspections.models import Inspection, Judgement, JudgementArea
from recommendations.models import Recommendation


def already_loaded() -> bool:
    return (
        Organisation.objects.filter(name=content.COUNCIL).exists()
        and Plan.objects.filter(owner_board=content.BOARD).exists()
    )


def load(on: date | None = None) -> bool:
    """Build the demo in one transaction; False (and nothing written) if it is already there."""
    with transaction.atomic():
        if already_loaded():
            return False
        DemoBuilder(on or status_today()).build()
    return True


class DemoBuilder:
    def __init__(self, on: date):
        self.on = on
        self.orgs: dict[str, Organisation] = {}
        self.teams: dict[str, Team] = {}
        self.users: dict[str, User] = {}
        self.reviews: dict[str, Inspection] = {}
        self.recs: dict[str, Recommendation] = {}
        self.actions: dict[str, Action] = {}
        self._tick = 0

    # Dates -----------------------------------------------------------------------------

    def day(self, offset: int) -> date:
        return self.on + timedelta(days=offset)

    def at(self, offset: int) -> datetime:
        """An aware moment in office hours on that day; the time varies to look natural."""
        self._tick += 1
        clock = time(9 + self._tick % 8, (self._tick * 7) % 60)
        return timezone.make_aware(datetime.combine(self.day(offset), clock))

    # Steps -----------------------------------------------------------------------------

    def build(self) -> None:
        self.build_people()
        self.build_reviews()
        self.build_recommendations()
        self.current_plan = self.build_plan(content.CURRENT_PLAN, content.PRIORITIES)
        self.build_plan(content.OLD_PLAN, content.OLD_PRIORITIES)
        self.build_challenges()
        self.build_sign_off()
        build_measures(self)
        build_meetings(self)

    def build_people(self) -> None:
        for name, kind in content.ORGANISATIONS:
            self.orgs[name], _ = Organisation.objects.get_or_create(
                name=name, defaults={"kind": kind}
            )
        for org_name, team_names in content.TEAMS.items():
            for team_name in team_names:
                self.teams[team_name], _ = Team.objects.get_or_create(
                    organisation=self.orgs[org_name], name=team_name
                )
        groups = {group.name: group for group in Group.objects.all()}
        hashed = make_password(content.PASSWORD)  # hash once: Argon2 is slow on purpose
        for person in content.PEOPLE:
            user = User.objects.filter(email__iexact=person.email).first()
            if user is None:
                create = (
                    User.objects.create_superuser if person.superuser else User.objects.create_user
                )
                user = create(
                    person.email,
                    None,
                    full_name=person.full_name,
                    job_title=person.job_title,
                    organisation=self.orgs[person.organisation],
                )
                User.objects.filter(pk=user.pk).update(password=hashed)
                user.password = hashed
            user.teams.add(*(self.teams[name] for name in person.teams))
            user.groups.add(*(groups[role] for role in person.roles))
            self.users[person.key] = user

    def build_reviews(self) -> None:
        areas = {area.name: area for area in JudgementArea.objects.all()}
        for review in content.REVIEWS:
            inspection = Inspection.objects.create(
                kind=review.kind,
                title=review.title,
                body=review.body,
                start_date=self.day(review.start),
                end_date=self.day(review.end),
                published_on=None if review.published is None else self.day(review.published),
                lead_inspector=review.lead,
                summary=review.summary,
                report_url=review.report_url,
                is_confidential=review.confidential,
            )
            for name, grade in review.judgements.items():  # save(): each enters the audit trail
                Judgement.objects.create(inspection=inspection, area=areas[name], grade=grade)
            self.reviews[review.key] = inspection

    def build_recommendations(self) -> None:
        for rec in content.RECOMMENDATIONS:
            self.recs[rec.key] = Recommendation.objects.create(
                inspection=self.reviews[rec.review],
                reference=rec.reference,
                text=rec.text,
                theme=rec.theme,
                response=rec.response,
                response_text=rec.response_text,
                response_date=None if rec.response_date is None else self.day(rec.response_date),
                responsible_officer=self.users.get(rec.responsible) if rec.responsible else None,
                rejection_reason=rec.rejection_reason,
            )

    def build_plan(self, spec: dict, priorities) -> Plan:
        start, end = self.day(spec["start"]), self.day(spec["end"])
        plan = Plan.objects.create(
            title=spec["title"].format(start=start.year, end=f"{(start.year + 2) % 100:02d}"),
            description=spec["description"],
            owner_board=content.BOARD,
            status=spec["status"],
            start_date=start,
            end_date=end,
            update_cycle_days=30,
            approved_on=self.day(spec["approved"]),
        )
        plan.inspections.set([self.reviews[key] for key in spec["reviews"]])
        for number, title, acts in priorities:
            priority = Priority.objects.create(plan=plan, number=number, title=title)
            for order, act in enumerate(acts, start=1):
                self.actions[act.key] = self.build_action(priority, order, act)
        return plan

    def build_action(self, priority: Priority, order: int, act: content.Act) -> Action:
        target = self.day(act.target)
        created = self.at(act.created)
        action = Action(
            priority=priority,
            order=order,
            description=act.description,
            intended_outcome=act.outcome,
            measure=act.measure,
            timescale=act.timescale,
            lead_names=act.lead_names,
            lead_team=self.teams[act.team] if act.team else None,
            original_target_date=target,
            target_date=target,
            carried_to=self.actions[act.carried_to] if act.carried_to else None,
            created_at=created,
        )
        # The "Created" entry and the links' entries are dated when the action was created,
        # before anything that happened to it, so the audit trail reads in time order.
        action._history_date = created
        action.save()
        action.recommendations.set([self.recs[key] for key in act.recs])
        leads = [self.users[key] for key in act.leads]
        action.lead_officers.set(leads)
        # Leads report their own progress; a partner's update is keyed in by the programme team.
        author = leads[0] if leads else self.users["manager"]
        previous = created
        for day, _seq, step in sorted(self.action_steps(act, author), key=lambda s: s[:2]):
            previous = max(self.at(day), previous + timedelta(minutes=7))
            step(action, previous)
        return action

    def action_steps(self, act: content.Act, author: User) -> list:
        """What happened to the action, as (day, order within the day, step) to replay in
        time order; each step writes through the services, dated the moment it is given."""
        steps = [(update.day, self._update_step(update, author)) for update in act.updates]
        for changed, new_target, reason in act.date_changes:
            steps.append((changed, self._move_step(self.day(new_target), reason)))
        for spec in content.DATE_REQUESTS:
            if spec.action == act.key:
                day = spec.requested if spec.decided is None else spec.decided
                steps.append((day, self._request_step(spec)))
        if act.verify:
            steps.append((act.verify[0], self._verify_step(act.verify[1])))
        if act.close:
            steps.append((act.close[0], self._close_step(act.close[1])))
        # On the same day, in the order above: an update before the verification of it.
        return [(day, seq, step) for seq, (day, step) in enumerate(steps)]

    def _verify_step(self, note: str):
        def step(action: Action, at: datetime) -> None:
            action_verify(action=action, verifier=self.users["auditor"], note=note, at=at)
            # Both judgements a committee reads apart: evidenced, and too early to tell.
            evidenced = action.order % 2 == 1
            action_impact_record(
                action=action,
                recorded_by=self.users["auditor"],
                impact=Impact.EVIDENCED if evidenced else Impact.TOO_EARLY,
                note="" if evidenced else "The next quarter's audit will show whether it held.",
                at=at,
            )

        return step

    def _close_step(self, reason: str):
        def step(action: Action, at: datetime) -> None:
            action_close(action=action, closed_by=self.users["manager"], reason=reason, at=at)

        return step

    def _update_step(self, update: content.Update, author: User):
        def step(action: Action, at: datetime) -> None:
            progress_update_post(
                action=action,
                author=author,
                narrative=update.narrative,
                status=update.status,
                percent_complete=update.percent,
                links=[content.INTRANET + path for path in update.links],
                at=at,
            )

        return step

    def _move_step(self, new_date: date, reason: str):
        def step(action: Action, at: datetime) -> None:
            action_target_date_change(
                action=action,
                new_date=new_date,
                reason=reason,
                changed_by=self.users["manager"],
                at=at,
            )

        return step

    def _request_step(self, spec: content.Request):
        """A date-change request, decided (and, if approved, applied) at its decision time."""

        def step(action: Action, at: datetime) -> None:
            decided = spec.state != DateChangeRequest.State.PENDING
            manager = self.users["manager"]
            request = DateChangeRequest.objects.create(
                action=action,
                requested_by=self.users[spec.requested_by],
                requested_at=self.at(spec.requested) if decided else at,
                new_date=self.day(spec.new_date),
                reason=spec.reason,
                state=spec.state,
                decided_by=manager if decided else None,
                decided_at=at if decided else None,
                decision_reason=spec.decision_reason,
            )
            if spec.state == DateChangeRequest.State.APPROVED:
                action_target_date_change(
                    action=action,
                    new_date=request.new_date,
                    reason=request.reason,
                    changed_by=manager,
                    request=request,
                    at=at,
                )

        return step

    def build_sign_off(self) -> None:
        """A first version of the current plan put to sign-off and returned by the director,
        so the versions page has a story; the plan manager puts the next one."""
        from improvement.services.sign_off import version_decide, version_submit

        spec = content.SIGN_OFF
        version = version_submit(
            plan=self.current_plan,
            title=spec["title"],
            approvers=[self.users[key] for key in spec["approvers"]],
            submitted_by=self.users["manager"],
        )
        version_decide(
            version=version,
            approver=self.users[spec["returned_by"]],
            approve=False,
            reason=spec["reason"],
        )

    def build_challenges(self) -> None:
        for spec in content.CHALLENGES:
            on_rec = spec.subject.startswith("rec:")
            Challenge.objects.create(
                action=None if on_rec else self.actions[spec.subject],
                recommendation=self.recs[spec.subject[4:]] if on_rec else None,
                raised_by=self.users["scrutiny"],
                raised_at=self.at(spec.raised),
                question=spec.question,
                answer=spec.answer,
                answered_by=self.users[spec.answered_by] if spec.answered_by else None,
                answered_at=self.at(spec.answered) if spec.answered is not None else None,
                state=spec.state,
                closed_at=self.at(spec.closed) if spec.closed is not None else None,
            )
