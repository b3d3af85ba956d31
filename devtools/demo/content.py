"""The demo council's content, as data. Everything here is fictional.

Dates are whole days relative to the day the demo is loaded (negative = in the past), so
the demo always looks current. Users, teams, inspections and recommendations are named
by short keys that the builder resolves.
"""

from dataclasses import dataclass, field

PASSWORD = "demo-password-1"  # noqa: S105 - the published demo password
COUNCIL = "Northdale Council"
BOARD = "Northdale Children's Improvement Board"
INTRANET = "https://intranet.northdale.example.org/"

SIGN_INS = """\
Demo data ready for Northdale Council.
Sign in at {site_url}/ with any of these (password: demo-password-1):
  officer@example.org    Officer (action lead, Child Protection)
  manager@example.org    Plan manager
  scrutiny@example.org   Scrutiny member
  auditor@example.org    Auditor
  admin@example.org      Administrator (Django admin)"""

NHS = "Northdale and Fenwick NHS Foundation Trust"
POLICE = "Northdale Police"
PARTNERSHIP = "Northdale Safeguarding Children Partnership"
SCHOOLS = "Northdale Schools Alliance"

ORGANISATIONS = [
    (COUNCIL, "council"),
    (NHS, "health"),
    (POLICE, "police"),
    (PARTNERSHIP, "partnership"),
    (SCHOOLS, "education"),
]

FRONT_DOOR = "Front Door and MASH"
CHILD_PROTECTION = "Child Protection"
CHILDREN_IN_CARE = "Children in Care"
CARE_LEAVERS = "Care Leavers"
QUALITY = "Quality Assurance"
COMMISSIONING = "Commissioning"
WORKFORCE = "Workforce Development"
PERFORMANCE = "Performance and Intelligence"
HEALTH_TEAM = "Safeguarding Health Team"
PPU = "Public Protection Unit"

TEAMS = {
    COUNCIL: [
        FRONT_DOOR,
        CHILD_PROTECTION,
        CHILDREN_IN_CARE,
        CARE_LEAVERS,
        QUALITY,
        COMMISSIONING,
        WORKFORCE,
        PERFORMANCE,
    ],
    NHS: [HEALTH_TEAM],
    POLICE: [PPU],
}


@dataclass(frozen=True)
class Person:
    key: str
    email: str
    full_name: str
    job_title: str
    organisation: str = COUNCIL
    teams: tuple[str, ...] = ()
    roles: tuple[str, ...] = ("Officer",)
    superuser: bool = False


PEOPLE = [
    # The five demo sign-ins.
    Person(
        "officer",
        "officer@example.org",
        "Hannah Okafor",
        "Team Manager, Child Protection",
        teams=(CHILD_PROTECTION,),
    ),
    Person(
        "manager",
        "manager@example.org",
        "Daniel Ashworth",
        "Improvement Programme Manager",
        roles=("Plan manager",),
    ),
    Person(
        "scrutiny",
        "scrutiny@example.org",
        "Cllr Margaret Ellison",
        "Chair, Children's Services Scrutiny Panel",
        roles=("Scrutiny member",),
    ),
    Person(
        "auditor",
        "auditor@example.org",
        "Sarah Quinn",
        "Senior Internal Auditor",
        roles=("Auditor",),
    ),
    Person(
        "admin",
        "admin@example.org",
        "Tom Reeve",
        "Systems Administrator",
        roles=(),
        superuser=True,
    ),
    # Other action leads.
    Person(
        "dcs",
        "gillian.forde@northdale.example.org",
        "Gillian Forde",
        "Director of Children's Services",
    ),
    Person(
        "mash",
        "aisha.rahman@northdale.example.org",
        "Aisha Rahman",
        "Service Manager, Front Door and MASH",
        teams=(FRONT_DOOR,),
    ),
    Person(
        "cic",
        "ben.castle@northdale.example.org",
        "Ben Castle",
        "Head of Service, Children in Care",
        teams=(CHILDREN_IN_CARE,),
    ),
    Person(
        "leaving",
        "chloe.whitfield@northdale.example.org",
        "Chloe Whitfield",
        "Team Manager, Care Leavers",
        teams=(CARE_LEAVERS,),
    ),
    Person(
        "qa",
        "marcus.bell@northdale.example.org",
        "Marcus Bell",
        "Head of Quality Assurance and Safeguarding",
        teams=(QUALITY,),
    ),
    Person(
        "commissioning",
        "ruth.adeyemi@northdale.example.org",
        "Ruth Adeyemi",
        "Commissioning Manager, Children's Placements",
        teams=(COMMISSIONING,),
    ),
    Person(
        "psw",
        "ian.forsyth@northdale.example.org",
        "Ian Forsyth",
        "Principal Social Worker",
        teams=(WORKFORCE,),
    ),
    Person(
        "perf",
        "leah.dunmore@northdale.example.org",
        "Leah Dunmore",
        "Performance and Intelligence Manager",
        teams=(PERFORMANCE,),
    ),
    Person(
        "nurse",
        "joanna.pryce@nhs.northdale.example.org",
        "Joanna Pryce",
        "Designated Nurse, Safeguarding Children",
        organisation=NHS,
        teams=(HEALTH_TEAM,),
    ),
    Person(
        "police",
        "sam.whitlock@police.northdale.example.org",
        "Sam Whitlock",
        "Detective Inspector, Public Protection",
        organisation=POLICE,
        teams=(PPU,),
    ),
    Person(
        "partnership",
        "nadia.kerr@nscp.northdale.example.org",
        "Nadia Kerr",
        "Partnership Business Manager",
        organisation=PARTNERSHIP,
    ),
    Person(
        "schools",
        "owen.pritchard@schools.northdale.example.org",
        "Owen Pritchard",
        "Education Safeguarding Lead",
        organisation=SCHOOLS,
    ),
]

# The judgement areas seeded by inspections/migrations/0002.
LEADERS = "The impact of leaders on social work practice with children and families"
HELP_PROTECTION = "The experiences and progress of children who need help and protection"
IN_CARE = "The experiences and progress of children in care"
CARE_LEAVERS_AREA = "The experiences and progress of care leavers"
OVERALL = "Overall effectiveness"

GOOD, REQUIRES_IMPROVEMENT, INADEQUATE = 2, 3, 4


@dataclass(frozen=True)
class Review:
    key: str
    kind: str
    title: str
    body: str
    start: int
    end: int
    published: int | None
    lead: str
    summary: str
    report_url: str = ""
    confidential: bool = False
    judgements: dict = field(default_factory=dict)


REVIEWS = [
    Review(
        "ilacs_earlier",
        "ilacs_standard",
        "Inspection of Northdale local authority children's services (earlier inspection)",
        "Ofsted",
        start=-1565,
        end=-1556,
        published=-1525,
        lead="Martin Hale HMI",
        summary=(
            "Inspectors found a stable service with some strengths in the care of children, "
            "but inconsistent practice for children who need help and protection and weak use "
            "of return home interviews. Before the 2023 framework change, care leavers were "
            "judged within the children in care judgement."
        ),
        report_url="https://reports.ofsted.example.org/northdale/ilacs-earlier.pdf",
        judgements={
            LEADERS: REQUIRES_IMPROVEMENT,
            HELP_PROTECTION: REQUIRES_IMPROVEMENT,
            IN_CARE: GOOD,
            OVERALL: REQUIRES_IMPROVEMENT,
        },
    ),
    Review(
        "ilacs",
        "ilacs_standard",
        "Inspection of Northdale local authority children's services",
        "Ofsted",
        start=-470,
        end=-461,
        published=-425,
        lead="Alison Greaves HMI",
        summary=(
            "Services for children who need help and protection have declined since the last "
            "inspection. Too many children wait too long at the front door, strategy "
            "discussions often go ahead without police or health, and child protection plans "
            "are too vague for parents to know what must change. Leaders know the service "
            "well and have begun to act, but management oversight is not yet strong enough "
            "to stop drift. Children in care and care leavers are mostly well supported, "
            "although too few care leavers live in suitable homes."
        ),
        report_url="https://reports.ofsted.example.org/northdale/ilacs.pdf",
        judgements={
            LEADERS: REQUIRES_IMPROVEMENT,
            HELP_PROTECTION: INADEQUATE,
            IN_CARE: REQUIRES_IMPROVEMENT,
            CARE_LEAVERS_AREA: REQUIRES_IMPROVEMENT,
            OVERALL: INADEQUATE,
        },
    ),
    Review(
        "scrutiny",
        "scrutiny_review",
        "Scrutiny review: the pace of improvement in children's social care",
        "Children and Young People's Scrutiny Panel",
        start=-330,
        end=-250,
        published=-240,
        lead="Cllr David Oyelaran (chair of the review)",
        summary=(
            "Over four evidence sessions the panel heard from social workers, team managers, "
            "partner agencies, care leavers and foster carers about the improvement plan. "
            "Members wanted clearer information about caseloads, partner attendance at "
            "strategy discussions and the use of agency staff, and asked to see the quality "
            "of practice as well as the performance figures."
        ),
        report_url="https://democracy.northdale.example.org/scrutiny/pace-of-improvement.pdf",
    ),
    Review(
        "peer",
        "peer_review",
        "Children's services peer challenge",
        "Local Government Association peer team",
        start=-300,
        end=-296,
        published=-270,
        lead="Jo Halvorsen, lead peer",
        summary=(
            "The peer team found committed staff and leaders who are open about the service's "
            "weaknesses. They urged the council to settle on one practice model, to simplify "
            "the governance of the improvement programme and to make more of partners and of "
            "children's own views."
        ),
    ),
    Review(
        "monitoring",
        "monitoring_visit",
        "Monitoring visit: children in pre-proceedings and in unregistered homes",
        "Ofsted",
        start=-125,
        end=-124,
        published=None,
        lead="Alison Greaves HMI",
        summary=(
            "The first monitoring visit since the inadequate judgement. The letter has not been "
            "published. Inspectors looked at children in pre-proceedings and children living "
            "in unregistered homes, and found that recent changes were starting to help but "
            "that management decisions did not always say why or by when."
        ),
        confidential=True,
    ),
]


@dataclass(frozen=True)
class Rec:
    key: str
    review: str
    reference: str
    theme: str
    text: str
    response: str = ""
    response_text: str = ""
    response_date: int | None = None
    responsible: str | None = None
    rejection_reason: str = ""


RECOMMENDATIONS = [
    # The earlier inspection, answered by the closed plan.
    Rec(
        "E1",
        "ilacs_earlier",
        "Recommendation 1",
        "Missing children",
        "Improve the timeliness of return home interviews for children who go missing, and use "
        "what children say in them to understand and reduce the risks they face.",
    ),
    Rec(
        "E2",
        "ilacs_earlier",
        "Recommendation 2",
        "Sufficiency",
        "Increase the number of local homes for children in care, so that fewer children live "
        "a long way from their families, schools and friends.",
    ),
    # The latest full inspection: "What needs to improve".
    Rec(
        "I1",
        "ilacs",
        "Recommendation 1",
        "Front door",
        "The timeliness and consistency of decisions when contacts are first received, "
        "including the shared understanding of thresholds by partner agencies.",
    ),
    Rec(
        "I2",
        "ilacs",
        "Recommendation 2",
        "Child protection",
        "The involvement of police and health practitioners in strategy discussions, so that "
        "decisions about child protection enquiries are fully informed.",
    ),
    Rec(
        "I3",
        "ilacs",
        "Recommendation 3",
        "Child protection",
        "The quality of child protection plans, so that they are specific and timebound and "
        "set out clearly what will happen if things do not improve.",
    ),
    Rec(
        "I4",
        "ilacs",
        "Recommendation 4",
        "Management oversight",
        "Management oversight and supervision, so that delay in children's plans is noticed "
        "and acted on quickly.",
    ),
    Rec(
        "I5",
        "ilacs",
        "Recommendation 5",
        "Children in care",
        "Timely permanence for children in care, including children living with their "
        "parents on care orders and those with a plan for long-term fostering.",
    ),
    Rec(
        "I6",
        "ilacs",
        "Recommendation 6",
        "Care leavers",
        "The suitability of accommodation for care leavers, and the timeliness and quality "
        "of their pathway plans.",
    ),
    Rec(
        "I7",
        "ilacs",
        "Recommendation 7",
        "Quality assurance",
        "The use of performance information and audit, so that leaders have an accurate view "
        "of the quality of practice and its impact on children.",
    ),
    # The confidential monitoring visit.
    Rec(
        "M1",
        "monitoring",
        "MV1",
        "Pre-proceedings",
        "Make sure that plans for children in pre-proceedings are reviewed within the "
        "council's own timescales, so that decisions to go to court are not delayed.",
    ),
    Rec(
        "M2",
        "monitoring",
        "MV2",
        "Management oversight",
        "Make sure that management decisions on children's records say why the decision was "
        "made and by when the actions must be completed.",
    ),
    Rec(
        "M3",
        "monitoring",
        "MV3",
        "Children in care",
        "Strengthen oversight of children living in unregistered homes, including how often "
        "they are visited and what is being done to find them a registered home.",
    ),
    # The scrutiny review, with the council's responses.
    Rec(
        "R1",
        "scrutiny",
        "R1",
        "Workforce",
        "That the Executive Member receives a monthly report of social work caseloads by team, "
        "and that the panel receives the same information every quarter.",
        "accepted",
        "Caseloads by team will be reported monthly to the Executive Member and quarterly to "
        "the panel, taken from the new practice standards dashboard.",
        -200,
        "dcs",
    ),
    Rec(
        "R2",
        "scrutiny",
        "R2",
        "Partnership",
        "That a target is set for the attendance of police and health at strategy "
        "discussions, and performance against it is reported to the panel.",
        "accepted",
        "A target of 95% attendance by police and health will be written into the strategy "
        "discussion protocol and reported to the panel each quarter.",
        -200,
        "mash",
    ),
    Rec(
        "R3",
        "scrutiny",
        "R3",
        "Children in care",
        "That every child in care is offered an independent visitor, with the offer recorded "
        "by their second review.",
        "partially_accepted",
        "Every eligible child will be offered an independent visitor and the offer will be "
        "recorded at the second review. Some children take longer to decide, so we will "
        "report the offer and the child's decision separately.",
        -200,
        "cic",
    ),
    Rec(
        "R4",
        "scrutiny",
        "R4",
        "Care leavers",
        "That the council sets up a staying close service for young people leaving its "
        "children's homes.",
        "accepted_in_principle",
        "The council supports the aim and will bid for government funding. The service "
        "cannot be paid for from existing budgets.",
        -200,
        "commissioning",
    ),
    Rec(
        "R5",
        "scrutiny",
        "R5",
        "Workforce",
        "That agency social workers are reduced to below 15% of the social work workforce "
        "within twelve months.",
        "partially_accepted",
        "We share the aim but cannot safely reach it within twelve months without leaving "
        "posts empty. We will aim to reach it within eighteen months and report progress "
        "to the panel each quarter.",
        -200,
        "psw",
    ),
    Rec(
        "R6",
        "scrutiny",
        "R6",
        "Corporate parenting",
        "That each member of the corporate parenting board takes a lead for one of the "
        "council's children's homes and visits it at least twice a year.",
        "accepted",
        "Board members have each been linked to a home; visits will be reported to the board.",
        -200,
        "dcs",
    ),
    Rec(
        "R7",
        "scrutiny",
        "R7",
        "Early help",
        "That the council commissions an independent review of its early help offer.",
        "rejected",
        "The council does not accept this recommendation.",
        -200,
        "dcs",
        rejection_reason=(
            "The safeguarding partnership reviewed early help within the last year and its "
            "action plan is being delivered. A further independent review would repeat that "
            "work at a cost of about £40,000."
        ),
    ),
    Rec(
        "R8",
        "scrutiny",
        "R8",
        "Quality assurance",
        "That the panel receives a summary of the findings of every quality assurance audit.",
        "accepted",
        "A quarterly summary of audit findings will be presented to the panel.",
        -200,
        "qa",
    ),
    Rec(
        "R9",
        "scrutiny",
        "R9",
        "Funding",
        "That the council presses government for a fairer funding formula for children's "
        "social care.",
        "noted",
        "The Leader has raised children's social care funding with ministers and will share "
        "any reply with the panel. Funding is outside the scope of the improvement plan.",
        -200,
        "dcs",
    ),
    Rec(
        "R10",
        "scrutiny",
        "R10",
        "Care leavers",
        "That the council publishes a local offer for care leavers written with young people, "
        "and reviews it with them every year.",
        "accepted",
        "The local offer will be rewritten with the Care Leavers' Forum and reviewed with "
        "them each year.",
        -200,
        "leaving",
    ),
    # The peer challenge.
    Rec(
        "P1",
        "peer",
        "P1",
        "Practice model",
        "Agree one practice model that social workers, partners and families can describe, "
        "and use it to shape training, guidance and audit.",
        "accepted",
        "A practice model will be agreed with staff and families and built into training "
        "and audit.",
        -250,
        "psw",
    ),
    Rec(
        "P2",
        "peer",
        "P2",
        "Governance",
        "Simplify the governance of the improvement programme so that the improvement board "
        "receives fewer, more focused reports.",
        "accepted",
        "Board reporting will move to one performance and exceptions pack.",
        -250,
        "manager",
    ),
    Rec(
        "P3",
        "peer",
        "P3",
        "Partnership",
        "Strengthen the partnership's multi-agency audit and learning programme, with "
        "partners leading work in their own agencies.",
        "accepted",
        "The partnership will agree a joint learning programme and an escalation protocol.",
        -250,
        "partnership",
    ),
    Rec(
        "P4",
        "peer",
        "P4",
        "Voice of the child",
        "Make more use of the views of children and families in shaping services, including "
        "a regular survey of children in care.",
        "accepted",
        "An annual survey of children in care will start this year, designed with the "
        "Children in Care Council.",
        -250,
        "cic",
    ),
]


@dataclass(frozen=True)
class Update:
    day: int
    status: str
    percent: int | None
    narrative: str
    links: tuple[str, ...] = ()


@dataclass(frozen=True)
class Act:
    key: str
    description: str
    outcome: str
    measure: str
    timescale: str
    leads: tuple[str, ...]
    team: str | None
    target: int
    recs: tuple[str, ...]
    updates: tuple[Update, ...]
    lead_names: str = ""
    created: int = -395
    verify: tuple[int, str] | None = None
    close: tuple[int, str] | None = None
    date_changes: tuple[tuple[int, int, str], ...] = ()
    carried_to: str | None = None


def U(day, status, percent, narrative, *links):  # noqa: N802 - reads like a table row
    return Update(day, status, percent, narrative, links)


NS, OT, AR, XT, DONE = "not_started", "on_track", "at_risk", "off_track", "complete"

CURRENT_PLAN = {
    "title": "Children's Services Improvement Plan {start}-{end}",
    "description": (
        "Northdale's response to the inspection of its children's services, the scrutiny "
        "panel's review and the peer challenge. The plan is owned by the improvement board, "
        "which meets every month and reports to cabinet every quarter."
    ),
    "status": "active",
    "start": -395,
    "end": 335,
    "approved": -388,
    "reviews": ("ilacs", "scrutiny", "peer"),
}

# The current plan's first version for sign-off, returned by the director with a reason.
SIGN_OFF = {
    "title": "Version 1 for cabinet",
    "approvers": ("dcs",),
    "returned_by": "dcs",
    "reason": (
        "Priority 3 needs dated milestones for the fostering recruitment campaign before "
        "this goes to cabinet."
    ),
}

OLD_PLAN = {
    "title": "Children's Services Improvement Plan {start}-{end}",
    "description": "The plan answering the earlier inspection. Closed when the new plan began.",
    "status": "closed",
    "start": -1490,
    "end": -400,
    "approved": -1480,
    "reviews": ("ilacs_earlier",),
}

PRIORITIES = [
    (
        1,
        "Respond quickly and well when children are referred",
        [
            Act(
                "thresholds",
                "Refresh the threshold guidance with partners and brief every referring agency "
                "on using it.",
                "Referrers know when to contact the front door and what to tell us; fewer "
                "contacts end with no further action.",
                "Share of contacts that become referrals; repeat contacts within 12 months; "
                "partner survey on confidence in thresholds.",
                "3 months",
                ("mash", "partnership"),
                FRONT_DOOR,
                -270,
                ("I1",),
                (
                    U(
                        -365,
                        OT,
                        15,
                        "Task and finish group of council, police, health and schools leads has "
                        "met twice. First draft of the refreshed threshold guidance out for "
                        "comment.",
                    ),
                    U(
                        -335,
                        OT,
                        45,
                        "Comments from 14 partner agencies worked into the draft. Guidance "
                        "approved by the partnership executive; briefings booked in all six "
                        "localities.",
                    ),
                    U(
                        -305,
                        OT,
                        75,
                        "Nine of twelve briefings delivered to 310 staff from schools, GP "
                        "practices, health visiting and police. Recordings are on the "
                        "partnership website.",
                        "partnership/threshold-briefing-attendance.xlsx",
                    ),
                    U(
                        -278,
                        DONE,
                        100,
                        "All briefings delivered (412 staff). Guidance published and linked from "
                        "the online referral form. Conversion of contacts to referrals is now on "
                        "the front door dashboard.",
                        "policies/threshold-guidance-v3.pdf",
                        "partnership/threshold-briefing-evaluation.pdf",
                    ),
                ),
                verify=(
                    -250,
                    "Checked the published guidance, attendance records and evaluation. "
                    "Contacts becoming referrals rose from 21% to 34% over three months.",
                ),
            ),
            Act(
                "contact_review",
                "Review every contact waiting more than 24 hours for a decision at a daily "
                "management meeting.",
                "No child waits longer than one working day for a decision at the front door.",
                "Contacts decided within 24 hours (target 95%); contacts open for more than "
                "24 hours at 9am each day.",
                "Immediate",
                ("mash",),
                FRONT_DOOR,
                -365,
                ("I1",),
                (
                    U(
                        -388,
                        OT,
                        40,
                        "Daily 9am review started by the MASH team managers. Backlog of 63 "
                        "contacts older than 24 hours cleared in the first week.",
                    ),
                    U(
                        -366,
                        DONE,
                        100,
                        "Daily review embedded and recorded on the front door tracker. 96% of "
                        "contacts decided within 24 hours over the last four weeks.",
                        "dashboards/front-door-daily-contacts.pdf",
                    ),
                ),
            ),
            Act(
                "strategy_protocol",
                "Agree a protocol with police and health for joining strategy discussions, "
                "with a virtual option within two hours.",
                "Police, health and social care take part in every strategy discussion, so "
                "decisions about enquiries are well informed.",
                "Strategy discussions with police and health taking part (target 95%); audit "
                "of strategy discussion records.",
                "6 months",
                ("mash", "police"),
                FRONT_DOOR,
                -60,
                ("I2", "R2"),
                (
                    U(
                        -350,
                        NS,
                        None,
                        "Scoping meeting held with the Public Protection Unit and the "
                        "safeguarding health team. Baseline attendance: police 71%, health 38%.",
                    ),
                    U(
                        -300,
                        OT,
                        20,
                        "Protocol drafted. Health will pilot a duty nurse rota for strategy "
                        "discussions from next month.",
                    ),
                    U(
                        -240,
                        AR,
                        35,
                        "Health pilot paused because of nurse vacancies. Police attendance up to "
                        "86%. Risk escalated to the improvement board.",
                    ),
                    U(
                        -180,
                        AR,
                        50,
                        "The trust has recruited two safeguarding nurses. Virtual attendance is "
                        "now offered for every strategy discussion; health attendance 61% last "
                        "month.",
                    ),
                    U(
                        -120,
                        OT,
                        65,
                        "Protocol agreed by police and the trust and waiting for partnership "
                        "sign-off. Attendance: health 78%, police 93%.",
                    ),
                    U(
                        -70,
                        OT,
                        75,
                        "The partnership executive asked for a section on strategy discussions "
                        "out of hours before signing off. Redrafting with the emergency duty "
                        "team.",
                    ),
                    U(
                        -12,
                        OT,
                        85,
                        "Out-of-hours section written. Sign-off expected at the next "
                        "partnership executive.",
                        "partnership/strategy-discussion-attendance-q3.xlsx",
                    ),
                ),
                lead_names="Designated Nurse",
            ),
            Act(
                "mash_capacity",
                "Recruit two more advanced practitioners to the MASH to cut the number of "
                "contacts each worker handles.",
                "Manageable workloads at the front door, so decisions are consistent and timely.",
                "Contacts per worker per day; MASH staff survey; agency staff in the MASH.",
                "4 months",
                ("mash",),
                FRONT_DOOR,
                -150,
                ("I1", "R1"),
                (
                    U(
                        -370,
                        OT,
                        10,
                        "Business case approved by the corporate leadership team. Posts "
                        "advertised.",
                    ),
                    U(
                        -330,
                        AR,
                        25,
                        "No suitable applicants in the first round. Re-advertised with a market "
                        "supplement agreed by HR.",
                    ),
                    U(
                        -280,
                        OT,
                        50,
                        "Two advanced practitioners appointed; both start after their notice "
                        "periods.",
                    ),
                    U(
                        -200,
                        OT,
                        80,
                        "Both practitioners in post. Contacts per worker down from 19 to 14 a day.",
                    ),
                    U(
                        -160,
                        DONE,
                        100,
                        "Both posts are permanent. Contacts per worker averaged 12 a day over "
                        "the last quarter.",
                        "hr/mash-establishment.pdf",
                        "dashboards/mash-workload-q2.pdf",
                    ),
                ),
                verify=(
                    -140,
                    "Establishment list and workload figures checked against an extract from "
                    "the case management system.",
                ),
            ),
            Act(
                "online_form",
                "Put the early help request form online for schools and health visitors, with "
                "an automatic acknowledgement.",
                "Referrers have a quick, consistent route to early help and know their request "
                "has arrived.",
                "Share of early help requests made online; days from request to allocation.",
                "9 months",
                ("schools",),
                FRONT_DOOR,
                20,
                ("I1",),
                (
                    U(
                        -340,
                        NS,
                        None,
                        "Requirements agreed with the digital team. Build will follow the case "
                        "management system upgrade.",
                    ),
                    U(
                        -250,
                        OT,
                        20,
                        "Form designed and tested with eight schools and two health visiting "
                        "teams.",
                    ),
                    U(
                        -160,
                        OT,
                        40,
                        "Link to the case management system built. Accessibility testing booked.",
                    ),
                    U(
                        -75,
                        AR,
                        50,
                        "The accessibility audit found 11 problems to fix before launch. The "
                        "digital team has less time because of the council tax system "
                        "replacement.",
                    ),
                    U(
                        -12,
                        AR,
                        60,
                        "Eight of the 11 accessibility problems fixed. Launch depends on the "
                        "last three; the date is tight.",
                    ),
                ),
                lead_names="Head of Early Help",
            ),
        ],
    ),
    (
        2,
        "Make child protection plans work for children",
        [
            Act(
                "sd_audit",
                "Audit 40 strategy discussions each quarter and feed the findings back to team "
                "managers.",
                "Strategy discussions are timely, include the right agencies and record clear "
                "decisions and actions.",
                "Quarterly audit grades; strategy discussions graded good or better (target 80%).",
                "Quarterly",
                ("officer",),
                CHILD_PROTECTION,
                25,
                ("I2", "R2"),
                (
                    U(
                        -350,
                        OT,
                        10,
                        "Audit tool agreed with the quality assurance team. First sample of 40 "
                        "strategy discussions drawn.",
                    ),
                    U(
                        -300,
                        OT,
                        25,
                        "Audit of 40 strategy discussions found 19 (48%) good or better. The "
                        "most common gap was no recorded view from health. Findings shared at "
                        "the child protection managers' meeting.",
                        "audits/strategy-discussions-q1.pdf",
                    ),
                    U(
                        -210,
                        OT,
                        50,
                        "Second audit: 25 of 40 (63%) good or better. Timescales for actions "
                        "are now recorded in most discussions; health's contribution is still "
                        "weak.",
                        "audits/strategy-discussions-q2.pdf",
                    ),
                    U(
                        -120,
                        OT,
                        60,
                        "Third audit: 28 of 40 (70%) good or better. Team managers have used "
                        "the findings in group supervision.",
                        "audits/strategy-discussions-q3.pdf",
                    ),
                    U(
                        -8,
                        OT,
                        75,
                        "Fourth audit under way: 30 of 40 records read so far, 23 good or "
                        "better. Report due at next month's improvement board.",
                    ),
                ),
            ),
            Act(
                "cp_template",
                "Introduce a new child protection plan template with specific outcomes and a "
                "written contingency plan.",
                "Parents understand what must change, by when, and what will happen if it "
                "does not.",
                "Audit of child protection plans (target 80% specific and timebound); "
                "parents' feedback at review conferences.",
                "6 months",
                ("officer",),
                CHILD_PROTECTION,
                -40,
                ("I3",),
                (
                    U(
                        -360,
                        OT,
                        10,
                        "Working group of conference chairs, social workers and two parents who "
                        "have had a child protection plan set up.",
                    ),
                    U(
                        -300,
                        OT,
                        30,
                        "Draft template tried on 12 plans. Parents said the 'what happens if' "
                        "section helped most.",
                    ),
                    U(
                        -230,
                        AR,
                        45,
                        "Template agreed, but the case management system supplier cannot build "
                        "it until its next release.",
                    ),
                    U(
                        -150,
                        AR,
                        55,
                        "Supplier release confirmed for the spring. Two teams are using an "
                        "interim Word version.",
                    ),
                    U(
                        -80,
                        XT,
                        60,
                        "Supplier release delayed again, so the target date will be missed. "
                        "Interim version extended to every child protection team.",
                    ),
                    U(
                        -20,
                        XT,
                        70,
                        "Interim template used for 85% of new plans. System build tested; "
                        "go-live depends on the supplier's release window. New target date "
                        "requested.",
                        "practice/cp-plan-template-interim.docx",
                    ),
                ),
            ),
            Act(
                "cp_training",
                "Train conference chairs and social workers to write child protection plans "
                "that families can understand.",
                "Plans are in plain language, use the family's own words and say who does what.",
                "Staff trained (target 90%); audit of plan quality before and after training.",
                "9 months",
                ("officer", "psw"),
                CHILD_PROTECTION,
                12,
                ("I3", "P1"),
                (
                    U(
                        -330,
                        NS,
                        None,
                        "Training will start once the new plan template (action 2.2) is agreed.",
                    ),
                    U(
                        -240,
                        OT,
                        20,
                        "Training designed with the principal social worker, using anonymised "
                        "plans from our own audits.",
                    ),
                    U(
                        -160,
                        OT,
                        40,
                        "Six sessions delivered; 58 of 104 staff trained. Average feedback "
                        "score 4.5 out of 5.",
                        "training/cp-plans-feedback.pdf",
                    ),
                    U(
                        -45,
                        AR,
                        55,
                        "74 of 104 staff trained. Sessions for newly appointed social workers "
                        "must be rebooked after trainer sickness.",
                    ),
                ),
            ),
            Act(
                "conference_reports",
                "Make sure police and health reports reach every child protection conference "
                "two working days before it meets.",
                "Families and professionals arrive having read everything, so decisions are "
                "better informed.",
                "Conferences with police and health reports shared two working days before "
                "(target 90%).",
                "6 months",
                ("officer",),
                CHILD_PROTECTION,
                -10,
                ("I2",),
                (
                    U(
                        -320,
                        NS,
                        None,
                        "Baseline: police reports shared in time for 41% of conferences, health "
                        "reports for 52%.",
                    ),
                    U(
                        -250,
                        OT,
                        25,
                        "Conference administrators now remind police and health ten working "
                        "days before each conference.",
                    ),
                    U(
                        -170,
                        OT,
                        45,
                        "Police reports in time for 72% of conferences, health 69%. Named "
                        "nurses set up a shared inbox for conference requests.",
                    ),
                    U(
                        -90,
                        AR,
                        60,
                        "Improvement has levelled off at about 75%, mainly because of vacancies "
                        "in the Public Protection Unit.",
                    ),
                    U(
                        -15,
                        AR,
                        75,
                        "Police timeliness back up to 84% now two officers have joined the "
                        "unit; health at 88%. Not yet at 90%; extension requested.",
                        "performance/conference-reports-timeliness.xlsx",
                    ),
                ),
                lead_names="Detective Inspector, Public Protection; Named Nurse",
            ),
            Act(
                "long_plans",
                "Track every child on a child protection plan for more than 15 months, with a "
                "review by the head of service.",
                "Children do not stay on plans that are not making a difference; drift is "
                "escalated promptly.",
                "Children on plans for more than 15 months (baseline 23); head of service "
                "reviews held.",
                "3 months",
                ("officer",),
                CHILD_PROTECTION,
                -200,
                ("I4",),
                (
                    U(
                        -380,
                        OT,
                        20,
                        "23 children on plans for more than 15 months identified. Head of "
                        "service reviews booked.",
                    ),
                    U(
                        -330,
                        OT,
                        60,
                        "All 23 reviews held: nine children stepped down to child in need "
                        "plans, five moved into pre-proceedings, the rest have revised plans.",
                    ),
                    U(
                        -260,
                        OT,
                        85,
                        "Monthly tracker added to the child protection performance report. "
                        "Number now 11.",
                    ),
                    U(
                        -215,
                        DONE,
                        100,
                        "Tracking is now routine. Children on plans for more than 15 months "
                        "down to 7.",
                        "performance/cp-long-plans-tracker.xlsx",
                        "minutes/cp-performance-clinic-summary.pdf",
                    ),
                ),
                verify=(
                    -190,
                    "Tracker sampled against five children's records; reviews were held and "
                    "recorded.",
                ),
            ),
            Act(
                "legal_gateway",
                "Keep a weekly legal gateway tracker for children in pre-proceedings, reviewed "
                "by the head of service.",
                "Decisions to go to court are made on time and pre-proceedings do not drift.",
                "Children in pre-proceedings for more than 16 weeks (target none); weekly "
                "tracker reviews held.",
                "Ongoing",
                ("officer",),
                CHILD_PROTECTION,
                50,
                ("M1",),
                (
                    U(
                        -100,
                        OT,
                        20,
                        "Weekly tracker set up with legal services. 14 children in "
                        "pre-proceedings, four of them for more than 16 weeks.",
                    ),
                    U(
                        -65,
                        OT,
                        35,
                        "The four children past 16 weeks now have decisions: two applications "
                        "to court made, two stepped down.",
                    ),
                    U(
                        -33,
                        OT,
                        50,
                        "Head of service reviews the tracker every week. No child past 16 weeks "
                        "this month.",
                        "legal/pre-proceedings-tracker-summary.pdf",
                    ),
                    U(
                        -5,
                        OT,
                        60,
                        "Tracker embedded. Next legal gateway audit will test the monitoring "
                        "visit's findings.",
                    ),
                ),
                created=-110,
            ),
            Act(
                "escalation",
                "Introduce a multi-agency escalation protocol so partners can challenge "
                "decisions about children.",
                "Partners challenge with confidence and disagreements are settled quickly in "
                "the child's interest.",
                "Escalations raised and resolved within the protocol's timescales; partner survey.",
                "6 months",
                ("partnership",),
                CHILD_PROTECTION,
                120,
                ("P3", "I2"),
                (
                    U(
                        -250,
                        NS,
                        None,
                        "Drafting will start after the strategy discussion protocol (action "
                        "1.3) is signed off, so the two agree.",
                    ),
                    U(
                        -25,
                        NS,
                        None,
                        "Still waiting for action 1.3. Examples from neighbouring partnerships "
                        "collected to speed up drafting.",
                    ),
                ),
                created=-265,
            ),
            Act(
                "neglect",
                "Refresh the neglect strategy and roll out the graded care profile across "
                "child protection teams.",
                "Neglect is recognised earlier and measured the same way, so plans focus on "
                "what must change.",
                "Graded care profile used where neglect is the main concern (target 90%).",
                "12 months",
                ("officer",),
                CHILD_PROTECTION,
                28,
                ("I3",),
                (
                    U(
                        -340,
                        OT,
                        10,
                        "Neglect strategy refresh started with partners. Graded care profile "
                        "licence bought.",
                    ),
                    U(
                        -270,
                        OT,
                        30,
                        "Strategy approved by the partnership. 40 practitioners trained in the "
                        "graded care profile.",
                    ),
                    U(
                        -180,
                        OT,
                        50,
                        "Graded care profile used in 55% of child protection cases where "
                        "neglect is the main concern.",
                    ),
                    U(
                        -95,
                        OT,
                        65,
                        "Use up to 72%. Health visitors trained and now contributing to the tool.",
                    ),
                    U(
                        -3,
                        OT,
                        80,
                        "Use at 86% this month. Last training session for new starters booked; "
                        "evaluation report in draft.",
                        "practice/graded-care-profile-usage.xlsx",
                    ),
                ),
            ),
            Act(
                "repeat_plans",
                "Review every case where a second child protection plan is proposed within two "
                "years of the first.",
                "Fewer children become subject to a child protection plan for a second time.",
                "Repeat child protection plans within two years (baseline 27%, target below 20%).",
                "6 months",
                (),
                CHILD_PROTECTION,
                -90,
                ("I4", "I3"),
                (
                    U(
                        -330,
                        OT,
                        15,
                        "Panel set up to review every proposed repeat plan before the initial "
                        "conference.",
                    ),
                    U(
                        -250,
                        OT,
                        35,
                        "31 cases reviewed. Common theme: plans ended before change had lasted. "
                        "Step-down guidance being revised.",
                    ),
                    U(
                        -160,
                        AR,
                        40,
                        "Repeat plan rate unchanged at 26%. Panel cancelled twice because the "
                        "service manager post is vacant.",
                    ),
                    U(
                        -50,
                        XT,
                        45,
                        "Service manager post still vacant and the panel is not meeting "
                        "regularly. Rate at 25%. Recovery plan to go to the improvement board.",
                    ),
                ),
                lead_names="Service Manager, Child Protection",
            ),
        ],
    ),
    (
        3,
        "Find stable, loving homes for children in care without delay",
        [
            Act(
                "permanence_meetings",
                "Hold a permanence planning meeting for every child in care by their second "
                "review, tracked by the permanence panel.",
                "Every child has a permanence plan early and fewer children wait for a "
                "permanent home.",
                "Children with a permanence plan by their second review (target 95%); average "
                "days to permanence.",
                "6 months",
                ("cic",),
                CHILDREN_IN_CARE,
                -120,
                ("I5",),
                (
                    U(
                        -370,
                        OT,
                        15,
                        "Permanence panel terms of reference agreed. Tracker built from the case "
                        "management system.",
                    ),
                    U(
                        -300,
                        OT,
                        40,
                        "Permanence plan by second review: 68% (baseline 51%).",
                    ),
                    U(
                        -220,
                        OT,
                        70,
                        "82% of children have a permanence plan by their second review. The "
                        "panel meets fortnightly.",
                    ),
                    U(
                        -130,
                        DONE,
                        100,
                        "96% over the last quarter. The panel is now part of the permanence "
                        "policy.",
                        "performance/permanence-tracker-q3.xlsx",
                        "policies/permanence-policy.pdf",
                    ),
                ),
                verify=(
                    -100,
                    "Tracker checked against ten children's records; all ten had a recorded "
                    "permanence plan.",
                ),
            ),
            Act(
                "placed_with_parents",
                "Review every child living with their parents on a care order, and apply to "
                "discharge the order where safe.",
                "Children do not stay on care orders longer than they need to.",
                "Children placed with parents for more than 12 months (baseline 34); discharge "
                "applications made.",
                "9 months",
                ("cic",),
                CHILDREN_IN_CARE,
                -30,
                ("I5",),
                (
                    U(
                        -350,
                        OT,
                        10,
                        "34 children placed with parents identified; reviews ordered by time at "
                        "home.",
                    ),
                    U(
                        -270,
                        OT,
                        35,
                        "18 reviews completed; discharge applications planned for 11 children.",
                    ),
                    U(
                        -180,
                        AR,
                        50,
                        "Court listing delays mean only four hearings so far. Legal services "
                        "chasing dates.",
                    ),
                    U(
                        -100,
                        OT,
                        75,
                        "All 34 reviews done: 15 orders discharged, 6 applications waiting for "
                        "a hearing, 13 children staying on orders with the reasons recorded.",
                    ),
                    U(
                        -40,
                        DONE,
                        100,
                        "All applications heard. Reviewing children placed with parents is now "
                        "on the six-monthly review checklist.",
                        "legal/placement-with-parents-review-summary.pdf",
                    ),
                ),
                lead_names="Legal Services",
            ),
            Act(
                "foster_recruitment",
                "Recruit 20 more in-house foster carers through a targeted campaign.",
                "More children live with foster carers close to home, school and friends.",
                "Net gain in approved fostering households (target 20); children placed more "
                "than 20 miles from home.",
                "12 months",
                ("commissioning",),
                COMMISSIONING,
                -120,
                ("I5",),
                (
                    U(
                        -360,
                        OT,
                        10,
                        "Campaign plan agreed with communications. Review of foster carer fees "
                        "started.",
                    ),
                    U(
                        -290,
                        OT,
                        20,
                        "New fee structure approved by cabinet. Fostering website rebuild "
                        "commissioned.",
                    ),
                    U(
                        -200,
                        AR,
                        25,
                        "Website late, so the campaign launch is postponed. 3 new households "
                        "approved and 2 carers retired.",
                    ),
                    U(
                        -110,
                        OT,
                        35,
                        "Campaign launched: 64 enquiries in the first month and 12 assessments "
                        "started.",
                        "fostering/campaign-first-month.pdf",
                    ),
                    U(
                        -45,
                        AR,
                        40,
                        "Net gain of 6 households so far. Assessment capacity is the "
                        "bottleneck; extra assessors being bought in.",
                    ),
                    U(
                        -14,
                        AR,
                        45,
                        "Two independent assessors started. 14 assessments in progress; net "
                        "gain of 8 households.",
                    ),
                ),
                lead_names="Fostering Recruitment Team",
                date_changes=(
                    (
                        -130,
                        -30,
                        "Campaign launch delayed until the new fostering website went live.",
                    ),
                    (
                        -40,
                        90,
                        "Assessments take about six months; moved so the households who "
                        "enquired in the spring can be approved.",
                    ),
                ),
            ),
            Act(
                "independent_visitor",
                "Offer every child in care an independent visitor, recording the offer and the "
                "child's answer at their second review.",
                "Children in care who want one have a trusted adult from outside the care system.",
                "Eligible children with a recorded offer (target 100%); children matched with "
                "a visitor.",
                "12 months",
                ("cic",),
                CHILDREN_IN_CARE,
                60,
                ("R3",),
                (
                    U(
                        -170,
                        OT,
                        15,
                        "Independent visitor service extended through the advocacy contract. "
                        "Review checklist updated.",
                    ),
                    U(
                        -110,
                        OT,
                        30,
                        "Offer recorded for 58% of eligible children. 14 new volunteers recruited.",
                    ),
                    U(
                        -20,
                        OT,
                        50,
                        "Offer recorded for 81%. 37 children matched with a visitor and 9 waiting.",
                    ),
                ),
                created=-200,
            ),
            Act(
                "member_visits",
                "Ask each corporate parenting board member to lead for one children's home and "
                "visit it twice a year.",
                "Councillors know the homes they are responsible for and hear directly from "
                "the children living there.",
                "Visits completed and reported to the corporate parenting board.",
                "6 months",
                ("dcs",),
                None,
                -20,
                ("R6",),
                (
                    U(
                        -180,
                        OT,
                        20,
                        "Board members linked to the council's six children's homes. Visit "
                        "guidance agreed with the registered managers.",
                    ),
                    U(
                        -100,
                        OT,
                        60,
                        "First round of visits done for all six homes; reports shared with the "
                        "board.",
                    ),
                    U(
                        -25,
                        DONE,
                        100,
                        "Second round of visits completed. Visits are now a standing item on "
                        "the board's agenda.",
                    ),
                ),
                lead_names="Democratic Services",
                created=-200,
            ),
            Act(
                "unregistered",
                "Hold a weekly meeting, chaired by the Director, on every child living in an "
                "unregistered home.",
                "Every child in an unregistered home is safe, visited often and moved to a "
                "registered home as soon as possible.",
                "Children in unregistered homes (weekly count); visits in time; days until a "
                "move to a registered home.",
                "Immediate and ongoing",
                ("dcs", "cic"),
                CHILDREN_IN_CARE,
                100,
                ("M3", "M2"),
                (
                    U(
                        -105,
                        OT,
                        20,
                        "Weekly meeting running since the week after the monitoring visit. Five "
                        "children in unregistered homes.",
                    ),
                    U(
                        -70,
                        OT,
                        40,
                        "Two children moved to registered homes. Every child now visited weekly; "
                        "decisions and timescales recorded on their files.",
                    ),
                    U(
                        -35,
                        OT,
                        55,
                        "One child placed in an unregistered home over a weekend; plan for a "
                        "registered home agreed within five days.",
                        "minutes/unregistered-homes-oversight-summary.pdf",
                    ),
                    U(
                        -6,
                        OT,
                        60,
                        "Three children remain in unregistered homes; each has a registered "
                        "home identified and a date to move.",
                    ),
                ),
                created=-110,
            ),
            Act(
                "life_story",
                "Complete life-story work with every child who has a plan for adoption or "
                "long-term fostering.",
                "Children understand their own history and why they are in care.",
                "Children with a plan for adoption or long-term fostering whose life-story "
                "work has started (target 100%).",
                "12 months",
                ("cic",),
                CHILDREN_IN_CARE,
                150,
                ("I5",),
                (
                    U(
                        -300,
                        NS,
                        None,
                        "Not started. Will follow the permanence planning work (action 3.1) so "
                        "the right children are identified.",
                    ),
                    U(
                        -150,
                        NS,
                        0,
                        "Life-story training commissioned for the autumn. No capacity yet to "
                        "start the work itself.",
                    ),
                ),
            ),
            Act(
                "residential_framework",
                "Commission a regional framework for residential care with clear quality "
                "standards and monitoring visits.",
                "Children who need residential care live in good homes, nearer to Northdale, "
                "at a fair price.",
                "Children placed through the framework; framework homes judged good or better "
                "by Ofsted.",
                "9 months",
                ("commissioning",),
                COMMISSIONING,
                -75,
                ("I5",),
                (
                    U(
                        -340,
                        OT,
                        10,
                        "Four neighbouring councils agree in principle to buy a joint framework.",
                    ),
                    U(
                        -250,
                        OT,
                        25,
                        "Specification drafted with quality standards and a schedule of "
                        "monitoring visits.",
                    ),
                    U(
                        -150,
                        AR,
                        35,
                        "One council has withdrawn; procurement timetable being re-planned "
                        "with the other three.",
                    ),
                    U(
                        -35,
                        XT,
                        40,
                        "Tender published late after legal review. Contracts will not be "
                        "awarded until the new year.",
                    ),
                ),
            ),
            Act(
                "cic_survey",
                "Survey children in care every year and report what they say to the corporate "
                "parenting board.",
                "Children's views shape services, and children can see what changed because "
                "of what they said.",
                "Response rate (target 40%); a 'you said, we did' leaflet for children.",
                "6 months",
                ("cic", "perf"),
                CHILDREN_IN_CARE,
                -60,
                ("P4",),
                (
                    U(
                        -240,
                        OT,
                        20,
                        "Survey designed with the Children in Care Council, with easy-read and "
                        "online versions.",
                    ),
                    U(
                        -160,
                        OT,
                        60,
                        "Survey closed with 212 responses (44%). Analysis under way.",
                    ),
                    U(
                        -75,
                        DONE,
                        100,
                        "Findings presented to the corporate parenting board by members of the "
                        "Children in Care Council. 'You said, we did' leaflet sent to every "
                        "child.",
                        "reports/children-in-care-survey.pdf",
                        "reports/you-said-we-did.pdf",
                    ),
                ),
                created=-265,
                verify=(-55, "Survey results, board minutes and the leaflet checked."),
            ),
        ],
    ),
    (
        4,
        "Help care leavers into a settled, independent adult life",
        [
            Act(
                "pathway_plans",
                "Review the pathway plan of every care leaver aged 18 to 21 within the "
                "statutory timescale.",
                "Every care leaver has an up-to-date plan that they helped to write.",
                "Pathway plans reviewed in time (target 95%); audit of plan quality; care "
                "leavers' feedback.",
                "6 months",
                ("leaving",),
                CARE_LEAVERS,
                -180,
                ("I6",),
                (
                    U(
                        -370,
                        OT,
                        15,
                        "47 overdue pathway plan reviews found. Extra personal adviser hours "
                        "agreed.",
                    ),
                    U(
                        -300,
                        OT,
                        50,
                        "Backlog down to 12. New pathway plan template written with the Care "
                        "Leavers' Forum.",
                    ),
                    U(
                        -230,
                        OT,
                        85,
                        "Backlog cleared. 93% of reviews in time this quarter.",
                    ),
                    U(
                        -190,
                        DONE,
                        100,
                        "97% in time over the quarter. An audit of 20 plans graded 16 good.",
                        "audits/pathway-plans-audit.pdf",
                    ),
                ),
            ),
            Act(
                "housing_protocol",
                "Agree a joint housing protocol with the district councils that guarantees "
                "suitable homes for care leavers.",
                "No care leaver lives in unsuitable accommodation and none is made homeless.",
                "Care leavers in suitable accommodation (target 95%); care leavers in bed and "
                "breakfast (target none).",
                "9 months",
                ("leaving",),
                CARE_LEAVERS,
                -20,
                ("I6",),
                (
                    U(
                        -330,
                        OT,
                        10,
                        "Met all three district housing teams and shared data on 19 care "
                        "leavers in unsuitable accommodation.",
                    ),
                    U(
                        -240,
                        OT,
                        30,
                        "Draft protocol agreed by officers, including priority banding for "
                        "care leavers.",
                    ),
                    U(
                        -140,
                        OT,
                        45,
                        "Two districts have signed. The third needs its cabinet's approval.",
                    ),
                    U(
                        -80,
                        AR,
                        55,
                        "The third district's cabinet meets after our target date; extension "
                        "to be requested.",
                    ),
                    U(
                        -10,
                        OT,
                        75,
                        "Third district approved the protocol in principle; formal sign-off at "
                        "its cabinet next month. Care leavers in suitable accommodation: 91%.",
                        "care-leavers/housing-protocol-draft.pdf",
                    ),
                ),
                lead_names="Housing Options Manager",
            ),
            Act(
                "local_offer",
                "Write a new local offer for care leavers with the Care Leavers' Forum, and "
                "review it with them every year.",
                "Care leavers know what help they are entitled to, in words they chose.",
                "Local offer published; care leavers who say they know about it (annual survey).",
                "6 months",
                ("leaving",),
                CARE_LEAVERS,
                -50,
                ("R10", "P4"),
                (
                    U(
                        -180,
                        OT,
                        25,
                        "Four workshops held with the Care Leavers' Forum. Council tax "
                        "exemption and free leisure passes added to the offer.",
                    ),
                    U(
                        -110,
                        OT,
                        70,
                        "Draft designed by two care leavers on apprenticeships with the "
                        "communications team.",
                    ),
                    U(
                        -55,
                        DONE,
                        100,
                        "Local offer published online and in print, and launched by care "
                        "leavers at full council. Annual review date set with the forum.",
                        "care-leavers/local-offer.pdf",
                    ),
                ),
                created=-200,
            ),
            Act(
                "staying_close",
                "Set up a staying close service for young people leaving residential care, if "
                "the grant bid succeeds.",
                "Young people leaving children's homes keep in touch with people who know "
                "them and move on at their own pace.",
                "Grant decision; young people supported by the service.",
                "12 months",
                ("commissioning", "leaving"),
                COMMISSIONING,
                200,
                ("R4",),
                (
                    U(
                        -150,
                        NS,
                        None,
                        "Grant bid being written with a housing association partner.",
                    ),
                    U(
                        -28,
                        NS,
                        None,
                        "Bid submitted; the government's decision is expected in the new year. "
                        "Work starts if the bid succeeds.",
                    ),
                ),
                created=-200,
            ),
            Act(
                "accommodation_panel",
                "Set up a care leavers' accommodation panel to review every young person in "
                "unsuitable accommodation.",
                "Every care leaver in unsuitable accommodation has a plan to move within eight "
                "weeks.",
                "Care leavers in unsuitable accommodation with a plan to move.",
                "3 months",
                ("leaving",),
                CARE_LEAVERS,
                -100,
                ("I6",),
                (
                    U(
                        -360,
                        OT,
                        20,
                        "Panel membership agreed with housing and the leaving care team.",
                    ),
                    U(
                        -290,
                        AR,
                        30,
                        "District housing staff cannot attend regularly; the panel has met twice.",
                    ),
                    U(
                        -200,
                        AR,
                        35,
                        "Housing colleagues propose folding the panel into the joint housing "
                        "protocol (action 4.2).",
                    ),
                ),
                close=(-110, "Superseded by action 4.2"),
            ),
            Act(
                "health_histories",
                "Give every care leaver a copy of their health history, and go through it with "
                "them, before they turn 18.",
                "Care leavers understand their own health and know how to get help as adults.",
                "Care leavers who had their health history by their 18th birthday (target 95%).",
                "9 months",
                ("nurse",),
                HEALTH_TEAM,
                -25,
                ("I6",),
                (
                    U(
                        -320,
                        OT,
                        10,
                        "Health history summary agreed with the Care Leavers' Forum.",
                    ),
                    U(
                        -230,
                        OT,
                        35,
                        "Summaries given at the final health assessment: 48% of this year's "
                        "18-year-olds have had one.",
                    ),
                    U(
                        -130,
                        AR,
                        55,
                        "Slowed by vacancies in the children in care nursing team; 61%.",
                    ),
                    U(
                        -18,
                        AR,
                        70,
                        "Posts filled; 78% of care leavers had their health history this "
                        "quarter. Catch-up sessions being booked for the rest.",
                    ),
                ),
                lead_names="Designated Nurse for Children in Care",
            ),
            Act(
                "pa_contact",
                "Make sure every care leaver hears from their personal adviser at least every "
                "eight weeks.",
                "Care leavers stay in touch with a worker who knows them and can help quickly.",
                "Care leavers in touch (target 95%); contact within eight weeks (target 90%).",
                "6 months",
                ("leaving",),
                CARE_LEAVERS,
                8,
                ("I6",),
                (
                    U(
                        -300,
                        OT,
                        20,
                        "Contact recording added to the care leavers' dashboard. Baseline: 74% "
                        "within eight weeks.",
                    ),
                    U(
                        -200,
                        OT,
                        50,
                        "Two personal adviser vacancies filled. Contact within eight weeks: 83%.",
                    ),
                    U(
                        -95,
                        OT,
                        70,
                        "Contact within eight weeks: 88%. Drop-in at the youth hub now weekly.",
                    ),
                    U(
                        -2,
                        OT,
                        90,
                        "91% within eight weeks for the last three months. Final report to the "
                        "improvement board next month.",
                        "performance/care-leavers-contact-q3.xlsx",
                    ),
                ),
            ),
        ],
    ),
    (
        5,
        "Know ourselves well: quality assurance and practice standards",
        [
            Act(
                "qa_framework",
                "Refresh the quality assurance framework, with monthly themed audits and "
                "moderation of audit grades.",
                "Leaders share an accurate picture of the quality of practice and act on it.",
                "Audits completed to plan; moderation agreement rate; improvement actions "
                "completed.",
                "3 months",
                ("qa",),
                QUALITY,
                -250,
                ("I7", "I4"),
                (
                    U(
                        -375,
                        OT,
                        25,
                        "Framework drafted; audit tool lined up with the inspection framework.",
                    ),
                    U(
                        -320,
                        OT,
                        60,
                        "Framework approved by the senior leadership team. Moderation panel set "
                        "up; first themed audit (neglect) done.",
                    ),
                    U(
                        -260,
                        DONE,
                        100,
                        "Three monthly audit cycles done. Moderation agreed with the auditor's "
                        "grade in 78% of cases, up from 55%.",
                        "policies/qa-framework.pdf",
                        "audits/moderation-summary.pdf",
                    ),
                ),
                verify=(-230, "Framework, audit schedule and moderation records checked."),
            ),
            Act(
                "practice_dashboard",
                "Give team managers a daily practice standards dashboard covering visits, "
                "supervision and plan reviews.",
                "Managers see what is overdue in their team every day and act before "
                "children's plans drift.",
                "Team managers using the dashboard; visits and reviews in time.",
                "6 months",
                ("perf",),
                PERFORMANCE,
                -160,
                ("I7", "R1"),
                (
                    U(
                        -360,
                        OT,
                        15,
                        "Requirements agreed with team managers. Data feed from the case "
                        "management system tested.",
                    ),
                    U(
                        -280,
                        OT,
                        45,
                        "Pilot dashboard live for the child protection and children in care teams.",
                    ),
                    U(
                        -200,
                        OT,
                        80,
                        "Dashboard live for all teams. Caseloads by team added for the "
                        "Executive Member's monthly report.",
                    ),
                    U(
                        -170,
                        DONE,
                        100,
                        "92% of team managers use the dashboard every week. First quarterly "
                        "caseload report sent to the scrutiny panel.",
                        "dashboards/practice-standards-guide.pdf",
                    ),
                ),
            ),
            Act(
                "audit_summaries",
                "Report a summary of every quality assurance audit to the scrutiny panel each "
                "quarter.",
                "Councillors understand the quality of practice, not only the performance figures.",
                "Quarterly summaries received by the panel.",
                "Ongoing",
                ("qa",),
                QUALITY,
                26,
                ("R8",),
                (
                    U(-180, OT, 25, "Summary format agreed with the panel chair."),
                    U(
                        -120,
                        OT,
                        40,
                        "First quarterly summary presented to the panel.",
                        "reports/qa-summary-for-scrutiny-q1.pdf",
                    ),
                    U(
                        -33,
                        OT,
                        70,
                        "Second summary presented. The panel asked that future summaries say "
                        "what changed because of each audit.",
                    ),
                ),
                created=-200,
            ),
            Act(
                "practice_model",
                "Build the agreed practice model into every audit tool and practice guidance "
                "document.",
                "Social workers, partners and families can describe how Northdale works with "
                "children and families.",
                "Audit tools and procedures updated; staff who can describe the model (staff "
                "survey).",
                "9 months",
                ("psw", "qa"),
                WORKFORCE,
                75,
                ("P1",),
                (
                    U(
                        -240,
                        OT,
                        10,
                        "Practice model agreed by the leadership team after workshops with 120 "
                        "staff and two parent groups.",
                    ),
                    U(-150, OT, 25, "Audit tools updated. Review of procedures started."),
                    U(
                        -11,
                        AR,
                        40,
                        "Only 30 of 85 procedures updated; the online procedures supplier "
                        "charges for each change. Staff survey: 58% can describe the model.",
                    ),
                ),
                created=-265,
            ),
            Act(
                "learning_reviews",
                "Agree a partnership learning programme based on local child safeguarding "
                "practice reviews.",
                "Learning from reviews changes practice in every agency, not only in "
                "children's social care.",
                "Learning briefings delivered; audit of whether learning has been applied.",
                "6 months",
                ("partnership",),
                None,
                -45,
                ("P3",),
                (
                    U(-230, OT, 10, "Themes from four local reviews brought together."),
                    U(
                        -140,
                        AR,
                        25,
                        "Partnership training budget not yet agreed by all three statutory "
                        "partners.",
                    ),
                    U(
                        -9,
                        XT,
                        35,
                        "Budget agreed only last month. The programme will start in the new "
                        "year, so the target date has been missed.",
                    ),
                ),
                lead_names="Safeguarding Partnership Business Manager",
                created=-265,
            ),
            Act(
                "team_audits",
                "Each child protection team manager audits two cases a month and discusses the "
                "findings with their team.",
                "Team managers know the quality of their team's work and practice improves "
                "month by month.",
                "Team manager audits completed (target 100%); cases graded good or better.",
                "Monthly",
                ("officer",),
                CHILD_PROTECTION,
                70,
                ("I7", "I4"),
                (
                    U(
                        -345,
                        OT,
                        10,
                        "Audit schedule set for all six child protection team managers.",
                    ),
                    U(
                        -280,
                        OT,
                        20,
                        "Every audit due was completed. 42% of cases graded good or better.",
                    ),
                    U(-190, OT, 35, "Audit completion 92%; 51% good or better."),
                    U(
                        -100,
                        OT,
                        45,
                        "Audit completion 100% for the quarter. Findings are a standing item in "
                        "team meetings.",
                        "audits/cp-team-manager-audits-summary.pdf",
                    ),
                    U(
                        -4,
                        OT,
                        70,
                        "58% of audited cases graded good or better this quarter, up from 42% a "
                        "year ago.",
                    ),
                ),
            ),
            Act(
                "board_pack",
                "Replace the separate improvement board reports with one performance and "
                "exceptions pack.",
                "The improvement board spends its time on the few things that are not improving.",
                "Board members' feedback; length of board papers.",
                "3 months",
                ("manager",),
                PERFORMANCE,
                -200,
                ("P2",),
                (
                    U(
                        -250,
                        OT,
                        30,
                        "Pack designed with the board chair: one page per priority and a list "
                        "of exceptions.",
                    ),
                    U(
                        -210,
                        DONE,
                        100,
                        "First single pack used at the board. Papers down from 140 pages to 38.",
                        "board/improvement-board-pack-template.docx",
                    ),
                ),
                created=-265,
                verify=(-180, "Board minutes and the pack checked; the board kept the format."),
            ),
        ],
    ),
    (
        6,
        "Build a stable, skilled workforce and strong leadership",
        [
            Act(
                "agency_reduction",
                "Bring agency social workers below 15% of the workforce with a recruitment and "
                "retention package.",
                "Children keep the same social worker, and teams are stable enough to improve.",
                "Agency social workers as a share of the workforce (baseline 29%, target below "
                "15%); social worker turnover.",
                "18 months",
                ("psw", "dcs"),
                WORKFORCE,
                240,
                ("R5", "I4"),
                (
                    U(
                        -185,
                        OT,
                        10,
                        "Retention payment and career progression scheme approved by the "
                        "employment committee.",
                    ),
                    U(
                        -120,
                        OT,
                        20,
                        "Agency share down to 25%. International recruitment of 12 social "
                        "workers under way.",
                    ),
                    U(
                        -16,
                        AR,
                        25,
                        "Agency share at 23%. Four international recruits held up by visa "
                        "processing; progress is slower than planned.",
                    ),
                ),
                lead_names="Head of HR",
                created=-200,
            ),
            Act(
                "academy",
                "Launch a social work academy for newly qualified social workers, with "
                "protected caseloads in their first year.",
                "Newly qualified social workers stay with Northdale and grow into confident "
                "practitioners.",
                "Newly qualified social workers still in post after two years; first-year "
                "caseloads.",
                "6 months",
                ("psw",),
                WORKFORCE,
                -90,
                ("R5",),
                (
                    U(
                        -350,
                        OT,
                        15,
                        "Academy model agreed, built around the assessed and supported year in "
                        "employment.",
                    ),
                    U(
                        -260,
                        OT,
                        40,
                        "Academy manager appointed; 16 newly qualified social workers "
                        "recruited for the autumn.",
                    ),
                    U(
                        -170,
                        OT,
                        75,
                        "First cohort started with caseloads capped at 12 and mentors from the "
                        "advanced practitioner group.",
                    ),
                    U(
                        -95,
                        DONE,
                        100,
                        "Academy running: 15 of 16 social workers still in post and a second "
                        "cohort recruited.",
                        "workforce/academy-prospectus.pdf",
                        "workforce/academy-cohort-1-report.pdf",
                    ),
                ),
            ),
            Act(
                "supervision",
                "Introduce a supervision policy requiring monthly reflective supervision, "
                "audited every quarter.",
                "Social workers get regular supervision that challenges their thinking and "
                "moves children's plans on.",
                "Supervision in time (target 90%); audit of supervision quality.",
                "6 months",
                ("psw", "qa"),
                WORKFORCE,
                -150,
                ("I4",),
                (
                    U(
                        -365,
                        OT,
                        20,
                        "Supervision policy redrafted with staff and the trade unions.",
                    ),
                    U(
                        -290,
                        OT,
                        45,
                        "Policy launched; supervision template added to the case management "
                        "system.",
                    ),
                    U(
                        -210,
                        OT,
                        75,
                        "Supervision in time: 84%. First quarterly audit found reflective "
                        "discussion in 60% of records.",
                    ),
                    U(
                        -160,
                        DONE,
                        100,
                        "Supervision in time: 93% over two quarters. Second audit found "
                        "reflective discussion in 74% of records.",
                        "audits/supervision-audit-q2.pdf",
                        "policies/supervision-policy.pdf",
                    ),
                ),
                verify=(
                    -125,
                    "Audit reports and supervision figures checked against a sample of 12 workers.",
                ),
            ),
            Act(
                "leadership",
                "Run a leadership development programme for all team managers and service "
                "managers.",
                "Managers lead practice with confidence and hold their teams to the same "
                "standards.",
                "Managers completing the programme (target 100%); staff survey questions on "
                "management support.",
                "12 months",
                ("psw",),
                WORKFORCE,
                15,
                ("I4", "P1"),
                (
                    U(-330, OT, 10, "Programme commissioned from a regional university."),
                    U(-240, OT, 35, "First cohort of 18 managers started."),
                    U(
                        -150,
                        OT,
                        60,
                        "Second cohort started. Every participant has had 360-degree feedback.",
                    ),
                    U(
                        -7,
                        OT,
                        85,
                        "Both cohorts on their final module; 41 of 44 managers will finish by "
                        "the target date.",
                    ),
                ),
            ),
            Act(
                "caseload_limits",
                "Set caseload limits for each team and escalate to the head of service when a "
                "social worker goes over.",
                "Social workers have caseloads that leave time to spend with children.",
                "Social workers over the caseload limit (weekly); average caseload by team.",
                "6 months",
                ("dcs", "perf"),
                PERFORMANCE,
                45,
                ("R1", "I4"),
                (
                    U(
                        -180,
                        OT,
                        20,
                        "Limits agreed: 18 children in assessment teams, 15 in child protection "
                        "and children in care teams.",
                    ),
                    U(
                        -110,
                        OT,
                        50,
                        "Weekly caseload report in place. 23 social workers over the limit.",
                    ),
                    U(
                        -22,
                        OT,
                        70,
                        "Social workers over the limit down to 9, each with a recorded escalation.",
                    ),
                ),
                created=-200,
            ),
            Act(
                "exit_interviews",
                "Hold an exit interview with every social worker who leaves, and report the "
                "themes to the workforce board quarterly.",
                "We know why social workers leave and act on it.",
                "Exit interviews held (target 80% of leavers); themes reported each quarter.",
                "3 months",
                ("psw",),
                WORKFORCE,
                100,
                ("R5",),
                (
                    U(
                        -60,
                        NS,
                        None,
                        "Questions drafted with HR. Waiting for the new HR system to record "
                        "the interviews.",
                    ),
                ),
                created=-200,
            ),
        ],
    ),
]

OLD_PRIORITIES = [
    (
        1,
        "Keep children safe when they go missing from home or care",
        [
            Act(
                "old_rhi",
                "Offer every child who goes missing a return home interview within 72 hours.",
                "Children who go missing are seen quickly by someone they trust.",
                "Return home interviews offered within 72 hours (target 90%).",
                "6 months",
                ("mash",),
                FRONT_DOOR,
                -1300,
                ("E1",),
                (
                    U(
                        -1450,
                        OT,
                        30,
                        "Return home interview service brought in-house; two workers recruited.",
                    ),
                    U(
                        -1320,
                        DONE,
                        100,
                        "Interviews offered within 72 hours for 92% of missing episodes over "
                        "the quarter.",
                        "performance/return-home-interviews.xlsx",
                    ),
                ),
                created=-1490,
                verify=(-1290, "Performance data sampled against ten records."),
            ),
            Act(
                "old_rhi_themes",
                "Share themes from return home interviews with the exploitation panel every month.",
                "Patterns of where and why children go missing shape the response to exploitation.",
                "Monthly themes report received by the panel.",
                "3 months",
                ("partnership",),
                None,
                -1200,
                ("E1",),
                (
                    U(-1400, OT, 40, "Themes report designed with the exploitation panel."),
                    U(
                        -1230,
                        DONE,
                        100,
                        "Report now a standing panel item; two locations referred to police "
                        "for disruption.",
                        "reports/missing-themes-sample.pdf",
                    ),
                ),
                created=-1490,
                verify=(-1200, "Panel minutes for three months checked."),
            ),
        ],
    ),
    (
        2,
        "Have enough good local homes for children in care",
        [
            Act(
                "old_sufficiency",
                "Refresh the placement sufficiency strategy with a costed plan for local homes.",
                "The council knows how many homes it needs, where and for whom.",
                "Strategy approved; children placed more than 20 miles from home.",
                "6 months",
                ("commissioning",),
                COMMISSIONING,
                -1100,
                ("E2",),
                (
                    U(-1420, OT, 20, "Needs analysis started with the performance team."),
                    U(
                        -1150,
                        DONE,
                        100,
                        "Sufficiency strategy approved by cabinet.",
                        "policies/sufficiency-strategy.pdf",
                    ),
                ),
                created=-1490,
                verify=(-1120, "Cabinet decision and strategy checked."),
            ),
            Act(
                "old_fostering",
                "Recruit more in-house foster carers, especially for teenagers and brothers and "
                "sisters.",
                "More children can live with foster families near home.",
                "Net gain in fostering households.",
                "12 months",
                ("commissioning",),
                COMMISSIONING,
                -600,
                ("E2",),
                (
                    U(-1380, OT, 15, "Recruitment campaign planned."),
                    U(
                        -1000,
                        AR,
                        30,
                        "Net gain of only two households; carers retiring as fast as new ones "
                        "are approved.",
                    ),
                    U(
                        -700,
                        XT,
                        35,
                        "Campaign has not delivered. A new approach with a fee review is needed.",
                    ),
                ),
                created=-1490,
                close=(-430, "Carried forward into the new plan as action 3.3."),
                carried_to="foster_recruitment",
            ),
        ],
    ),
]


@dataclass(frozen=True)
class Request:
    action: str
    requested_by: str
    requested: int
    new_date: int
    reason: str
    state: str = "pending"
    decided: int | None = None
    decision_reason: str = ""


DATE_REQUESTS = [
    Request(
        "cp_template",
        "officer",
        -4,
        60,
        "The supplier has confirmed the template will be in the system release at the end of "
        "next month. This date leaves two weeks to test it and brief conference chairs.",
    ),
    Request(
        "conference_reports",
        "officer",
        -2,
        45,
        "Police timeliness has improved since two officers joined the Public Protection Unit; "
        "one more quarter will show whether the 90% target is met consistently.",
    ),
    Request(
        "housing_protocol",
        "leaving",
        -79,
        40,
        "The third district council's cabinet must approve the protocol and does not meet "
        "until after the current target date.",
        state="approved",
        decided=-65,
        decision_reason=(
            "Agreed: the delay is outside the service's control and two districts have signed."
        ),
    ),
    Request(
        "repeat_plans",
        "officer",
        -80,
        60,
        "The service manager post is vacant and the review panel cannot meet regularly until "
        "it is filled.",
        state="declined",
        decided=-75,
        decision_reason=(
            "Declined: the board wants a recovery plan for repeat plans rather than a later "
            "date. Please bring one to the next improvement board."
        ),
    ),
]


@dataclass(frozen=True)
class Question:
    subject: str  # an action key, or "rec:<recommendation key>"
    raised: int
    question: str
    state: str = "open"
    answered_by: str | None = None
    answered: int | None = None
    answer: str = ""
    closed: int | None = None


CHALLENGES = [
    Question(
        "cp_template",
        -6,
        "This action was due last month and is now off track. When will the new plan template "
        "be live, and how is the council holding the supplier to that date?",
    ),
    Question(
        "strategy_protocol",
        -30,
        "The status says on track, but the target date passed a month ago. Is this really "
        "on track, and when will health attendance at strategy discussions reach 95%?",
        state="answered",
        answered_by="mash",
        answered=-24,
        answer=(
            "A fair challenge: the date has passed and the status should say at risk until "
            "the protocol is signed off. Health attendance was 81% last month. The protocol "
            "goes to the partnership executive next month and we will ask for a new date."
        ),
    ),
    Question(
        "rec:R5",
        -60,
        "The council only partially accepted our recommendation on agency social workers. "
        "What target can the panel measure progress against, and by when?",
        state="closed",
        answered_by="manager",
        answered=-50,
        answer=(
            "Below 15% within eighteen months of the response, reported to the panel each "
            "quarter through action 6.1. The latest figure is 23%."
        ),
        closed=-40,
    ),
]
