"""One deterministic factory per model: sequences and fixed dates, no randomness."""

import datetime as dt
import hashlib

import factory
from django.contrib.auth.models import Group
from django.utils import timezone

from accounts.models import Organisation, Team, User
from api.services import hash_secret
from improvement.models import (
    Action,
    Challenge,
    DateChangeRequest,
    Evidence,
    Plan,
    PlanVersion,
    Priority,
    ProgressUpdate,
    SignOff,
    TargetDateChange,
)
from improvement.status import Status
from inspections.models import Inspection, Judgement, JudgementArea
from recommendations.models import Recommendation

BASE_DATE = dt.date(2026, 1, 5)


def moment(day: dt.date, hour: int = 12) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Organisation {n}")
    kind = Organisation.Kind.COUNCIL


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Team {n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Sequence(lambda n: f"Person {n}")
    job_title = "Team manager"
    password = factory.PostGenerationMethodCall("set_password", "a-long-test-password")

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(*Group.objects.filter(name__in=extracted))

    @factory.post_generation
    def teams(self, create, extracted, **kwargs):
        if create and extracted:
            self.teams.add(*extracted)

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        if create:
            instance.save()


class InspectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Inspection

    kind = Inspection.Kind.ILACS_STANDARD
    title = factory.Sequence(lambda n: f"Inspection {n}")
    body = "Ofsted"
    start_date = BASE_DATE
    end_date = BASE_DATE + dt.timedelta(days=10)
    published_on = BASE_DATE + dt.timedelta(days=40)


class JudgementAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JudgementArea

    name = factory.Sequence(lambda n: f"Judgement area {n}")
    order = factory.Sequence(lambda n: 100 + n)


class JudgementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Judgement

    inspection = factory.SubFactory(InspectionFactory)
    area = factory.SubFactory(JudgementAreaFactory)
    grade = Judgement.Grade.REQUIRES_IMPROVEMENT


class RecommendationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Recommendation

    inspection = factory.SubFactory(InspectionFactory)
    reference = factory.Sequence(lambda n: f"R{n + 1}")
    text = factory.Sequence(lambda n: f"Strengthen management oversight of area {n}.")
    theme = "Management oversight"


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plan

    title = factory.Sequence(lambda n: f"Improvement plan {n}")
    status = Plan.State.ACTIVE
    start_date = BASE_DATE
    update_cycle_days = 30


class PriorityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Priority

    plan = factory.SubFactory(PlanFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Priority {n + 1}")


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Action
        skip_postgeneration_save = True

    priority = factory.SubFactory(PriorityFactory)
    order = factory.Sequence(lambda n: n + 1)
    description = factory.Sequence(lambda n: f"Audit strategy discussions, round {n}")
    intended_outcome = "Strategy discussions happen within one working day."
    measure = "Monthly audit of 20 cases."
    timescale = "3 months"
    original_target_date = BASE_DATE + dt.timedelta(days=90)
    target_date = factory.SelfAttribute("original_target_date")
    created_at = factory.LazyFunction(lambda: moment(BASE_DATE))

    @factory.post_generation
    def leads(self, create, extracted, **kwargs):
        if create and extracted:
            self.lead_officers.add(*extracted)

    @factory.post_generation
    def recommendations(self, create, extracted, **kwargs):
        if create and extracted:
            self.recommendations.add(*extracted)


class ProgressUpdateFactory(factory.django.DjangoModelFactory):
    """A bare update row; tests of behaviour post through services.progress_update_post."""

    class Meta:
        model = ProgressUpdate

    action = factory.SubFactory(ActionFactory)
    author = factory.SubFactory(UserFactory)
    author_name = factory.SelfAttribute("author.full_name")
    narrative = factory.Sequence(lambda n: f"Progress note {n}")
    status = Status.ON_TRACK
    created_at = factory.LazyFunction(lambda: moment(BASE_DATE + dt.timedelta(days=7)))


class EvidenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Evidence

    update = factory.SubFactory(ProgressUpdateFactory)
    link = factory.Sequence(lambda n: f"https://intranet.example.org/evidence/{n}.pdf")
    uploaded_by = factory.SelfAttribute("update.author")


class TargetDateChangeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TargetDateChange

    action = factory.SubFactory(ActionFactory)
    old_date = factory.SelfAttribute("action.target_date")
    new_date = factory.LazyAttribute(lambda o: o.action.target_date + dt.timedelta(days=30))
    reason = "Waiting for the new case management system."
    changed_by = factory.SubFactory(UserFactory)


class DateChangeRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DateChangeRequest

    action = factory.SubFactory(ActionFactory)
    requested_by = factory.SubFactory(UserFactory)
    new_date = factory.LazyAttribute(lambda o: o.action.target_date + dt.timedelta(days=60))
    reason = "Recruitment to the team has taken longer than planned."


class PlanVersionFactory(factory.django.DjangoModelFactory):
    """A version awaiting sign-off with an empty snapshot; the service builds real ones."""

    class Meta:
        model = PlanVersion

    plan = factory.SubFactory(PlanFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Version {n + 1} for cabinet")
    snapshot = factory.LazyFunction(lambda: {"plan": {}, "priorities": []})
    snapshot_sha256 = "0" * 64
    submitted_at = factory.LazyFunction(lambda: moment(BASE_DATE))


class SignOffFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SignOff

    version = factory.SubFactory(PlanVersionFactory)
    approver = factory.SubFactory(UserFactory)


class ChallengeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Challenge

    action = factory.SubFactory(ActionFactory)
    raised_by = factory.SubFactory(UserFactory)
    question = "How do you know the audits are improving practice?"


# Measures ---------------------------------------------------------------------------------


class CouncilProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "measures.CouncilProfile"

    name = "Northdale"
    old_la_code = "991"
    new_la_code = "E06999901"
    region_code = "E12000099"
    region_name = "Midshire"


class StatisticalNeighbourFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "measures.StatisticalNeighbour"

    profile = factory.SubFactory(CouncilProfileFactory)
    rank = factory.Sequence(lambda n: n % 10 + 1)
    old_la_code = factory.Sequence(lambda n: f"{920 + n % 10}")
    name = factory.Sequence(lambda n: f"Neighbour {n % 10 + 1}")
    closeness = "Close"


class MeasureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "measures.Measure"
        skip_postgeneration_save = True

    reference = factory.Sequence(lambda n: f"M{n + 1:02d}")
    title = factory.Sequence(lambda n: f"Re-referrals within 12 months ({n})")
    unit = "percentage"
    decimal_places = 1
    polarity = "lower"
    frequency = "monthly"
    data_source = "local"

    @factory.post_generation
    def actions(self, create, extracted, **kwargs):
        if create and extracted:
            self.actions.add(*extracted)

    @factory.post_generation
    def priorities(self, create, extracted, **kwargs):
        if create and extracted:
            self.priorities.add(*extracted)


class PeriodFactory(factory.django.DjangoModelFactory):
    """A month, counting back from April 2025."""

    class Meta:
        model = "measures.Period"
        django_get_or_create = ("time_period", "time_identifier")

    time_period = "2025"
    time_identifier = "April"
    start = dt.date(2025, 4, 1)
    end = dt.date(2025, 4, 30)


class MeasureValueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "measures.MeasureValue"

    measure = factory.SubFactory(MeasureFactory)
    period = factory.SubFactory(PeriodFactory)
    area_type = "council"
    area_code = "991"
    area_name = "Northdale"
    value = factory.Sequence(lambda n: dt.date(2025, 1, 1).toordinal() % 7 + n % 30)
    recorded_at = factory.LazyFunction(lambda: moment(BASE_DATE))


class TargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "measures.Target"

    measure = factory.SubFactory(MeasureFactory)
    from_date = dt.date(2020, 1, 1)
    value = 20
    tolerance = 2


class MeasureChallengeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "measures.MeasureChallenge"

    measure = factory.SubFactory(MeasureFactory)
    raised_by = factory.SubFactory(UserFactory, roles=["Scrutiny member"])
    raised_at = factory.LazyFunction(lambda: moment(BASE_DATE))
    question = "Why is this measure off target?"


class BodyKindFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "meetings.BodyKind"

    name = factory.Sequence(lambda n: f"Kind of body {n}")


class BodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "meetings.Body"

    name = factory.Sequence(lambda n: f"Improvement board {n}")
    kind = factory.SubFactory(BodyKindFactory)


class BodyMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "meetings.BodyMember"

    body = factory.SubFactory(BodyFactory)
    user = factory.SubFactory(UserFactory, roles=["Scrutiny member"])
    role = "Member"


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "meetings.Meeting"

    body = factory.SubFactory(BodyFactory)
    date = factory.LazyFunction(lambda: BASE_DATE + dt.timedelta(days=30))
    papers_date = factory.LazyAttribute(lambda meeting: meeting.date - dt.timedelta(days=7))
    venue = "Council House, committee room 1"


class ActionArisingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "meetings.ActionArising"

    meeting = factory.SubFactory(MeetingFactory)
    text = "Bring the caseload figures by team to the next meeting."
    owner = factory.SubFactory(UserFactory, roles=["Officer"])
    due_on = factory.LazyAttribute(lambda arising: arising.meeting.date + dt.timedelta(days=28))


class AttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "meetings.Attendance"

    meeting = factory.SubFactory(MeetingFactory)
    name = factory.Sequence(lambda n: f"Guest {n}")


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "meetings.Decision"

    meeting = factory.SubFactory(MeetingFactory)
    number = factory.Sequence(lambda n: n + 1)
    text = "The board noted the report."


class ApiTokenFactory(factory.django.DjangoModelFactory):
    """A token whose key is `ipt_<prefix>_secret-<n>`; the key is kept on `.key` (tests only)."""

    class Meta:
        model = "api.ApiToken"
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    name = factory.Sequence(lambda n: f"Token {n}")
    prefix = factory.Sequence(lambda n: f"{n:012x}")
    secret_hash = factory.LazyAttribute(lambda o: hash_secret(f"secret-{o.prefix}"))
    created_at = factory.LazyFunction(lambda: moment(BASE_DATE))

    @factory.post_generation
    def key(self, create, extracted, **kwargs):
        self.key = f"ipt_{self.prefix}_secret-{self.prefix}"


class JobFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "jobs.Job"

    owner = factory.SubFactory(UserFactory)
    kind = "improvement.action_export"
    title = factory.Sequence(lambda n: f"Export {n}")
    params = factory.LazyFunction(lambda: {"format": "csv", "query": ""})


class ScheduledRunFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "jobs.ScheduledRun"

    name = factory.Sequence(lambda n: f"daily-{n}")
    on = BASE_DATE


class PublishedPackFactory(factory.django.DjangoModelFactory):
    """A published meeting pack with small stand-in files (meetings/services_packs.py makes
    real ones; this is for tests that need a version quickly)."""

    class Meta:
        model = "meetings.PublishedPack"

    meeting = factory.SubFactory(MeetingFactory)
    plan = factory.SubFactory(PlanFactory)
    version = 1
    title = factory.LazyAttribute(lambda o: f"{o.plan.title}: {o.meeting}")
    page = '<h1 class="govuk-heading-xl">Published pack</h1><p class="govuk-body">As published.</p>'
    filename_stem = "published-pack"
    pdf = factory.django.FileField(filename="published-pack.pdf", data=b"%PDF-1.7 stand-in")
    pdf_sha256 = hashlib.sha256(b"%PDF-1.7 stand-in").hexdigest()
    xlsx = factory.django.FileField(filename="published-pack.xlsx", data=b"PK stand-in")
    xlsx_sha256 = hashlib.sha256(b"PK stand-in").hexdigest()
    published_at = factory.LazyFunction(lambda: moment(BASE_DATE))
