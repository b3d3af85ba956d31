"""Recognise the column headings of an improvement-plan working document."""

from __future__ import annotations

from dataclasses import dataclass, field

from .values import cell_text

# The headers the app's own exporter writes, in column order. Importing an exported file
# must give the same plan back, so every one of these is also an accepted header below.
EXPORT_HEADERS: dict[str, str] = {
    "priority": "Priority",
    "recommendation_ref": "Recommendation ref",
    "recommendation_text": "Recommendation",
    "source": "Source",
    "action": "Action",
    "outcome": "Intended outcome",
    "measure": "Measure",
    "lead": "Lead",
    "timescale": "Timescale",
    "target_date": "Target date",
    "progress": "Progress",
    "status": "Status",
}

# Columns the export writes after the working document's, for reading and tracking. The
# importer knows them and leaves them alone: an imported action takes its reference from
# its place in the plan, its plan from the import, and its figures from its updates.
TRACKING_HEADERS: dict[str, str] = {
    "action_ref": "Action ref",
    "plan": "Plan",
    "percent_complete": "Percent complete",
    "last_update": "Last update",
    "original_target_date": "Original target date",
    "date_changes": "Target date changes",
    "lead_team": "Lead team",
}

# How each field is named in messages to the user.
FIELD_LABELS: dict[str, str] = {
    "priority": "Priority",
    "recommendation_ref": "Recommendation reference",
    "recommendation_text": "Recommendation",
    "source": "Source",
    "action": "Action",
    "outcome": "Intended outcome",
    "measure": "Measure",
    "lead": "Lead",
    "timescale": "Timescale",
    "target_date": "Target date",
    "progress": "Progress",
    "status": "Status",
}

# Accepted header spellings. Matching ignores case, spaces and punctuation.
FIELD_HEADERS: dict[str, tuple[str, ...]] = {
    "priority": ("Priority", "Priority area", "Theme", "Priorities"),
    "recommendation_ref": (
        "Ref",
        "Rec",
        "Recommendation ref",
        "Recommendation no",
        "Recommendation number",
        "Recommendation reference",
        "Rec no",
        "Ref no",
        "Reference",
    ),
    "recommendation_text": ("Recommendation", "Recommendations"),
    "action": ("Action", "Actions", "Action to be taken"),
    "outcome": (
        "Outcome",
        "Intended outcome",
        "Success criteria",
        "Expected outcome",
        "Outcomes",
    ),
    "source": ("Source", "Source of recommendation"),
    "measure": (
        "Measure",
        "Evidence",
        "How will we know",
        "Measure of success",
        "Monitoring",
        "Measures",
    ),
    "timescale": ("Timescale", "Timescales"),
    "lead": (
        "Lead",
        "Lead officer",
        "Leads",
        "Responsible officer",
        "Person responsible",
        "Lead officers",
    ),
    "target_date": (
        "Target date",
        "Date",
        "Deadline",
        "Due date",
        "Date by which action will be taken",
    ),
    "progress": ("Progress", "Progress update", "Update", "Comments"),
    "status": ("Status", "RAG", "RAG status", "RAG rating"),
}

REQUIRED_FIELDS = ("priority", "action")


def normalise_header(text: object) -> str:
    """Lower-case, keeping only letters and digits: ``"  LEAD officer: "`` -> ``"leadofficer"``."""
    return "".join(ch for ch in cell_text(text).casefold() if ch.isalnum())


HEADER_ALIASES: dict[str, str] = {
    normalise_header(header): name
    for name, headers in FIELD_HEADERS.items()
    for header in (*headers, EXPORT_HEADERS[name])
}
IGNORED_HEADERS = frozenset(normalise_header(header) for header in TRACKING_HEADERS.values())


def accepted_headers(name: str) -> str:
    """``"Priority, Priority area, Theme or Priorities"`` for messages."""
    headers = list(FIELD_HEADERS[name])
    return ", ".join(headers[:-1]) + " or " + headers[-1] if len(headers) > 1 else headers[0]


@dataclass
class HeaderMatch:
    """Which column holds which field."""

    indexes: dict[str, int] = field(default_factory=dict)  # field -> 0-based column
    columns: dict[str, str] = field(default_factory=dict)  # field -> header as written
    unknown: list[str] = field(default_factory=list)  # headers we do not use
    ignored: list[str] = field(default_factory=list)  # the export's tracking columns
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (field, header)

    @property
    def missing(self) -> list[str]:
        return [name for name in REQUIRED_FIELDS if name not in self.indexes]


def match_headers(cells: list | tuple) -> HeaderMatch:
    match = HeaderMatch()
    for index, value in enumerate(cells):
        written = cell_text(value)
        if not written:
            continue
        name = HEADER_ALIASES.get(normalise_header(written))
        if name is None and normalise_header(written) in IGNORED_HEADERS:
            match.ignored.append(written)
        elif name is None:
            match.unknown.append(written)
        elif name in match.indexes:
            match.duplicates.append((name, written))
        else:
            match.indexes[name] = index
            match.columns[name] = written
    return match


def count_known_headers(cells: list | tuple) -> int:
    """How many distinct fields a row's cells name (used to find the header row)."""
    return len({HEADER_ALIASES.get(normalise_header(value)) for value in cells} - {None})
