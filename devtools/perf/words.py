"""Invented words for generated data: a fictional council, its people, teams and plans.

Nothing here is taken from real plans or real people; it only has to read plausibly and
vary enough that text columns are not all the same length.
"""

COUNCIL = "Eastfold"

ORGANISATIONS = [
    (f"{COUNCIL} Council", "council", 30),
    (f"{COUNCIL} and Vale NHS Trust", "health", 5),
    (f"{COUNCIL} Integrated Care Board", "health", 3),
    (f"{COUNCIL} Constabulary", "police", 4),
    (f"{COUNCIL} Schools Partnership", "education", 4),
    (f"{COUNCIL} Safeguarding Children Partnership", "partnership", 3),
    (f"{COUNCIL} Family Support Network", "voluntary", 3),
    (f"{COUNCIL} Youth Trust", "voluntary", 2),
]

TEAM_NAMES = [
    "Front door",
    "Assessment",
    "Child in need",
    "Child protection",
    "Children in care",
    "Care leavers",
    "Fostering",
    "Adoption",
    "Residential homes",
    "Quality assurance",
    "Workforce development",
    "Early help",
    "Youth justice",
    "Disabled children",
    "Independent reviewing",
    "Performance and intelligence",
    "Commissioning",
    "Legal services",
    "Principal social worker",
    "Edge of care",
    "Exploitation and missing",
    "Family group conferencing",
    "Private fostering",
    "Virtual school",
    "Placements",
    "Court team",
    "Practice improvement",
    "Business support",
    "Emergency duty",
    "Domestic abuse",
    "Safeguarding nurses",
    "Community paediatrics",
    "Neighbourhood policing",
    "Public protection",
    "Designated safeguarding leads",
    "Attendance",
    "Partnership business unit",
    "Learning reviews",
    "Parenting support",
    "Young carers",
]

FIRST_NAMES = [
    "Alex", "Bea", "Cal", "Dana", "Eli", "Fern", "Gus", "Hana", "Ivo", "Jude",
    "Kit", "Lior", "Mae", "Nico", "Oona", "Pip", "Quin", "Rae", "Sol", "Tam",
    "Uma", "Vic", "Wren", "Xan", "Yara", "Zeb", "Ade", "Bryn", "Cleo", "Dev",
    "Edie", "Finn", "Gwen", "Hal", "Isla", "Jem", "Kai", "Lula", "Milo", "Nell",
]  # fmt: skip

LAST_NAMES = [
    "Ashdown", "Brookes", "Carver", "Dunmore", "Ellery", "Fairley", "Garside", "Holloway",
    "Ingram", "Jessop", "Kettle", "Lowther", "Marsden", "Northcott", "Oakley", "Pemberton",
    "Quarrie", "Rushton", "Stainton", "Thwaite", "Underhill", "Varley", "Whitlock", "Yardley",
    "Ackroyd", "Birtwistle", "Cawthorne", "Dewhurst", "Eastwood", "Fothergill", "Greenhalgh",
    "Hargreaves", "Illingworth", "Jagger", "Kershaw", "Lumb", "Mottram", "Nuttall", "Ormerod",
    "Priestley",
]  # fmt: skip

JOB_TITLES = {
    "Officer": ["Team manager", "Service manager", "Practice lead", "Senior practitioner"],
    "Plan manager": ["Improvement programme manager", "Improvement officer"],
    "Scrutiny member": ["Councillor", "Independent scrutineer"],
    "Auditor": ["Internal auditor", "Quality assurance lead"],
    "": ["Systems administrator"],
}

THEMES = [
    "Help and protection",
    "Children in care",
    "Care leavers",
    "Leadership and management",
    "Workforce",
    "Early help",
    "Partnership working",
    "Quality assurance",
    "Participation",
    "Exploitation",
]

VERBS = [
    "Ensure",
    "Strengthen",
    "Review",
    "Introduce",
    "Embed",
    "Audit",
    "Improve",
    "Develop",
    "Monitor",
    "Establish",
    "Reduce",
    "Increase",
]

OBJECTS = [
    "the timeliness of strategy discussions",
    "management oversight of child in need plans",
    "the quality of assessments for disabled children",
    "return home interviews for children who go missing",
    "the sufficiency of local foster placements",
    "pathway plans for care leavers aged 18 to 21",
    "supervision records in the assessment service",
    "the voice of the child in core group minutes",
    "multi-agency attendance at initial conferences",
    "caseloads of newly qualified social workers",
    "the use of chronologies in long-term teams",
    "permanence planning at the second review",
    "health assessments for children entering care",
    "the quality of referrals from schools",
    "step-down arrangements to early help",
    "oversight of children placed out of area",
    "independent reviewing officer challenge",
    "the recording of contacts at the front door",
    "training on contextual safeguarding",
    "the performance framework reported to the board",
]

QUALIFIERS = [
    "so that decisions are timely and recorded",
    "across all locality teams",
    "with monthly reporting to the improvement board",
    "through a rolling programme of practice audits",
    "with partners in health and the police",
    "in line with statutory guidance",
    "so that children's experiences improve",
    "and report exceptions to senior leaders",
]

PROGRESS = [
    "Audit of a sample of cases completed; findings shared with team managers.",
    "Revised guidance drafted and circulated for comment.",
    "Training sessions delivered to two of the three locality teams.",
    "Performance data shows improvement for the second month running.",
    "Recruitment to the vacant posts is under way; interviews are booked.",
    "Partners have agreed the new process at the safeguarding partnership meeting.",
    "Progress slower than planned because of staff absence in the team.",
    "Dip sample shows the change is not yet consistent across teams.",
    "Workshop held with practitioners; actions from it are being taken forward.",
    "The new template is live in the case recording system.",
    "Quality assurance framework updated to include this measure.",
    "Report taken to the improvement board, which asked for further assurance.",
]

NEXT_STEPS = [
    "Next step: repeat the audit in six weeks.",
    "Next step: confirm the approach with partners.",
    "Next step: roll out to the remaining teams.",
    "Next step: agree the measure with the performance team.",
    "",
    "",
]

REASONS = [
    "Dependent on recruitment to the new team.",
    "Partner agency timetable has changed.",
    "Case recording system change delayed by the supplier.",
    "Scope widened after the monitoring visit.",
]

QUESTIONS = [
    "What evidence shows that this has made a difference for children?",
    "Why has the target date moved again?",
    "How do partners know about the change?",
    "Is this being done consistently in every team?",
    "What does the latest audit say about this action?",
]

ANSWERS = [
    "The latest audit shows improvement in most of the sampled cases; details are attached.",
    "The date moved because of a dependency on recruitment, now resolved.",
    "Partners were briefed at the safeguarding partnership meeting.",
    "Dip sampling across all teams is scheduled for next month.",
]

RECOMMENDATIONS = [
    "Improve the timeliness and quality of {x}.",
    "Leaders should strengthen oversight of {x}.",
    "Ensure that {x} is consistently recorded and reviewed.",
    "Senior leaders should have a clear understanding of {x}.",
]

RESPONSES = [
    "Accepted; actions are set out under the relevant priority of the plan.",
    "Accepted in part; resources are being identified for the remainder.",
    "Noted; this is already covered by existing work.",
]
