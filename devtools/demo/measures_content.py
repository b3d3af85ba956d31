"""Northdale's measures for the demo: published statistics (five reporting years for
Northdale, England, Midshire and ten fictional neighbours) and three of the council's own
monthly figures. Words and numbers only; measures_build.py loads them."""

from dataclasses import dataclass

YEARS = ("2021", "2022", "2023", "2024", "2025")
COUNCIL = ("991", "E06999901", "Northdale")
REGION = ("E12000099", "Midshire")
NEIGHBOURS = (
    ("992", "Westmere", "Very close"),
    ("993", "Eastbrook", "Very close"),
    ("994", "Highfield", "Close"),
    ("995", "Lowmoor", "Close"),
    ("996", "Kingsford", "Close"),
    ("997", "Ashby Vale", "Somewhat close"),
    ("998", "Brackenshire", "Somewhat close"),
    ("981", "Tamsworth", "Somewhat close"),
    ("982", "Greyford", "Not close"),
    ("983", "Marlow Fen", "Not close"),
)
FILE_NAME = "northdale-childrens-social-care-demo.csv"
NEIGHBOURS_FILE_NAME = "statistical-neighbours-demo.csv"
PUBLICATION = "Children in need, children looked after and the social work workforce (demo)"


@dataclass(frozen=True)
class Published:
    reference: str
    column: str
    title: str
    definition: str
    unit: str
    polarity: str
    target: float
    tolerance: float
    tolerance_kind: str
    england: tuple
    region: tuple
    council: tuple  # a number, a symbol, or "" for a cell the file leaves empty
    priority: int
    actions: tuple[str, ...]
    decimal_places: int = 1


PUBLISHED = (
    Published(
        "CSC01",
        "rereferral_percent",
        "Re-referrals within 12 months",
        "Referrals in the year made within 12 months of a previous referral, as a share "
        "of all referrals.",
        "percentage",
        "lower",
        20.0,
        1.5,
        "absolute",
        (22.7, 21.5, 22.4, 22.1, 22.5),
        (21.9, 21.0, 21.6, 21.3, 21.0),
        (24.8, 25.6, 23.1, 21.4, 20.9),
        1,
        ("thresholds", "contact_review"),
    ),
    Published(
        "CSC02",
        "repeat_cpp_percent",
        "Second or subsequent child protection plans",
        "Child protection plans starting in the year that were a child's second or later.",
        "percentage",
        "lower",
        22.0,
        10.0,
        "percentage",
        (22.1, 23.3, 23.7, 23.5, 23.6),
        (21.0, 22.5, 22.9, 23.0, 22.8),
        (19.5, "c", 24.0, 26.2, 28.9),
        2,
        ("repeat_plans", "cp_template"),
    ),
    Published(
        "CSC03",
        "assessments_45_days_percent",
        "Assessments completed within 45 working days",
        "Children's social care assessments completed within 45 working days of referral.",
        "percentage",
        "higher",
        85.0,
        3.0,
        "absolute",
        (87.6, 84.4, 82.2, 81.8, 82.5),
        (86.0, 85.1, 83.0, 82.9, 83.6),
        (71.2, 74.5, 80.3, 84.9, 88.1),
        1,
        ("mash_capacity", "sd_audit"),
    ),
    Published(
        "CSC05",
        "placement_moves_3plus_percent",
        "Children in care with three or more placements in the year",
        "Short-term placement stability: children looked after at 31 March who had three "
        "or more placements during the year.",
        "percentage",
        "lower",
        9.0,
        1.0,
        "absolute",
        (10.0, 9.0, 10.0, 10.0, 10.0),
        (9.0, 9.0, 9.0, 10.0, 9.0),
        (11.0, 12.0, 11.0, 10.0, 9.5),
        3,
        ("permanence_meetings", "foster_recruitment"),
    ),
    Published(
        "CSC06",
        "care_leavers_eet_percent",
        "Care leavers aged 19 to 21 in education, employment or training",
        "Care leavers aged 19 to 21 in education, employment or training on their birthday.",
        "percentage",
        "higher",
        60.0,
        5.0,
        "absolute",
        (52.0, 52.0, 55.0, 56.0, 56.0),
        (53.0, 53.0, 54.0, 56.0, 57.0),
        (48.0, "c", 51.0, 55.0, ""),
        4,
        ("pathway_plans", "local_offer"),
        decimal_places=0,
    ),
    Published(
        "CSC07",
        "sw_turnover_rate",
        "Social worker turnover rate",
        "Children and family social workers leaving in the year, as a share of those in post.",
        "percentage",
        "lower",
        15.0,
        2.0,
        "absolute",
        (15.1, 17.1, 17.1, 16.8, 16.0),
        (14.8, 16.5, 16.9, 16.0, 15.5),
        (18.2, 22.0, 21.5, 19.0, 17.4),
        6,
        ("exit_interviews", "academy"),
    ),
    Published(
        "CSC08",
        "vacancy_rate",
        "Social worker vacancy rate",
        "Vacant children and family social worker posts at 30 September, as a share of posts.",
        "percentage",
        "lower",
        15.0,
        2.0,
        "absolute",
        (16.7, 20.0, 20.0, 18.0, 17.0),
        (15.9, 19.0, 19.5, 17.5, 16.4),
        (18.0, 25.0, 24.0, 20.0, 16.5),
        6,
        ("academy",),
    ),
    Published(
        "CSC09",
        "agency_rate",
        "Agency social workers",
        "Children and family social workers employed through an agency, as a share of all.",
        "percentage",
        "lower",
        12.0,
        2.0,
        "absolute",
        (15.5, 17.6, 17.6, 17.0, 16.0),
        (14.0, 16.0, 16.8, 15.9, 15.0),
        (22.0, 26.0, 24.0, 19.0, 14.9),
        6,
        ("agency_reduction",),
    ),
    Published(
        "CSC10",
        "average_caseload",
        "Average caseload per social worker",
        "Cases held by children and family social workers at 30 September, per worker.",
        "count",
        "lower",
        16.0,
        10.0,
        "percentage",
        (16.6, 16.3, 16.6, 16.8, 16.4),
        (16.0, 16.1, 16.2, 16.5, 16.0),
        (19.5, 18.9, 17.2, 16.8, 16.0),
        6,
        ("caseload_limits", "supervision"),
    ),
)

# Symbols in the neighbours' cells: (reference, neighbour's code, year) -> symbol.
NEIGHBOUR_SYMBOLS = {
    ("CSC02", "994", "2023"): "c",
    ("CSC02", "998", "2025"): "c",
    ("CSC05", "981", "2025"): "low",
    ("CSC06", "995", "2025"): "x",
    ("CSC07", "996", "2024"): "u",
    ("CSC09", "983", "2025"): "z",
    ("CSC10", "982", "2021"): ":",
}


@dataclass(frozen=True)
class Local:
    reference: str
    title: str
    definition: str
    polarity: str
    target: float
    tolerance: float
    first: float  # 24 months ago
    last: float  # last month
    priority: int
    actions: tuple[str, ...]
    lead: str  # a demo person's key
    missing_last: bool = False  # the last month not yet supplied: due


LOCAL = (
    Local(
        "CSC04",
        "Children in care visited on time",
        "Statutory visits to children in care made within the timescale in their plan.",
        "higher",
        95.0,
        3.0,
        82.0,
        96.0,
        3,
        ("member_visits", "independent_visitor"),
        "officer",
    ),
    Local(
        "CSC11",
        "Children in care with an up-to-date health assessment",
        "Children looked after for 12 months or more whose annual health assessment is in date.",
        "higher",
        90.0,
        5.0,
        92.0,
        86.0,
        3,
        ("health_histories",),
        "officer",
    ),
    Local(
        "CSC12",
        "Children on a plan seen alone at their last visit",
        "Children on a child protection plan who were seen alone at their most recent visit.",
        "higher",
        80.0,
        5.0,
        64.0,
        71.0,
        2,
        ("cp_template", "neglect"),
        "officer",
        missing_last=True,
    ),
)
