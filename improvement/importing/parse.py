"""Parse a council's improvement-plan working document (.xlsx or .csv) into checked rows.

Pure Python (no Django, no database) so the model layer can build on it. Every row with
an action is returned, valid or not, so a preview can show each row with its problems.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .headers import (
    FIELD_LABELS,
    REQUIRED_FIELDS,
    HeaderMatch,
    accepted_headers,
    count_known_headers,
    match_headers,
    normalise_header,
)
from .reader import EMPTY_FILE, FileProblem, Row, is_blank, read_rows
from .values import (
    clean_text,
    parse_date_value,
    parse_priority_text,
    parse_status,
    split_leads,
)

# What a formula that failed shows (openpyxl gives the text of the error).
EXCEL_ERRORS = frozenset(
    ("#N/A", "#REF!", "#VALUE!", "#DIV/0!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "#CALC!")
)
NO_ACTIONS = "The file has a header row but no actions"
HEADER_SEARCH_ROWS = 20  # look for the column headings in this many non-empty rows

TEXT_LIMITS: dict[str, int] = {
    "priority": 300,
    "recommendation_ref": 50,
    "recommendation_text": 10_000,
    "source": 300,
    "action": 10_000,
    "outcome": 10_000,
    "measure": 10_000,
    "timescale": 100,
    "lead": 1_000,
    "progress": 10_000,
}
# Given once and applying to the rows below until they change.
CONTEXT_FIELDS = ("priority", "recommendation_ref", "recommendation_text", "source")
# A row with none of these (and no action) is a heading row: it only sets the context.
DETAIL_FIELDS = ("outcome", "measure", "timescale", "lead", "target_date", "progress", "status")


@dataclass(frozen=True)
class Problem:
    row: int | None  # spreadsheet row number as the user sees it; None for the whole file
    column: str | None  # the column heading as written in the file
    message: str


@dataclass(frozen=True)
class ParsedRow:
    row: int
    priority_number: int  # 0 only when the row has no priority (which is a problem)
    priority_title: str
    recommendation_ref: str
    recommendation_text: str
    source: str
    action: str
    outcome: str
    measure: str
    timescale: str
    leads: list[str]
    target_date: date | None
    progress: str
    status: str  # a key from values.STATUS_KEYS, or "" when the status cell is invalid
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass
class ParseResult:
    rows: list[ParsedRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # errors: file-level and per row
    warnings: list[Problem] = field(default_factory=list)
    columns: dict[str, str] = field(default_factory=dict)  # field -> heading as written
    header_row: int | None = None

    @property
    def ok(self) -> bool:
        return not self.problems


def parse_plan_file(data: bytes, filename: str = "") -> ParseResult:
    """Parse an uploaded improvement plan. Never raises for bad content: see ``problems``."""
    result = ParseResult()
    try:
        rows = read_rows(bytes(data), filename)
    except FileProblem as error:
        return _file_problem(result, str(error))
    if not rows:
        return _file_problem(result, EMPTY_FILE)

    header_at = _find_header(rows)
    header_row, header_cells = rows[header_at]
    match = match_headers(header_cells)
    result.header_row = header_row
    result.columns = dict(match.columns)
    _header_warnings(result, match, skipped=header_at)
    if match.missing:
        for name in match.missing:
            result.problems.append(
                Problem(
                    None,
                    None,
                    f"The file must have a {FIELD_LABELS[name]} column. "
                    f"Use one of these headings: {accepted_headers(name)}",
                )
            )
        return result

    _RowReader(match, result).read(rows[header_at + 1 :])
    if not result.rows and not result.problems:
        return _file_problem(result, NO_ACTIONS)
    return result


def _file_problem(result: ParseResult, message: str) -> ParseResult:
    result.problems.append(Problem(None, None, message))
    return result


def _find_header(rows: list[Row]) -> int:
    """The first non-empty row, unless a title sits above the real headings."""
    best, best_score = 0, 0
    for index, (_, cells) in enumerate(rows[:HEADER_SEARCH_ROWS]):
        if all(name in match_headers(cells).indexes for name in REQUIRED_FIELDS):
            return index
        score = count_known_headers(cells)
        if score > best_score:
            best, best_score = index, score
    return best


def _header_warnings(result: ParseResult, match: HeaderMatch, skipped: int) -> None:
    row = result.header_row
    if skipped:
        result.warnings.append(
            Problem(None, None, f"Rows above the column headings in row {row} were ignored")
        )
    for header in match.unknown:
        result.warnings.append(
            Problem(row, header, f"The column “{header}” was not recognised, so it was ignored")
        )
    for name, header in match.duplicates:
        result.warnings.append(
            Problem(
                row,
                header,
                f"There is more than one {FIELD_LABELS[name]} column. Only “"
                f"{match.columns[name]}” was used",
            )
        )


def _same(text: str) -> str:
    return " ".join(text.casefold().split())


def _clear_spreadsheet_errors(raw: dict, problem) -> None:
    """Cells showing an Excel error (#REF! and the like) are reported, then read as empty."""
    for name, value in raw.items():
        if isinstance(value, str) and value.strip().upper() in EXCEL_ERRORS:
            problem(
                name,
                f"The cell shows the spreadsheet error {value.strip()}. Fix it or clear it",
            )
            raw[name] = None


def _status(raw: dict, problem) -> str:
    try:
        return parse_status(raw.get("status"))
    except ValueError as error:
        problem("status", str(error))
        return ""


@dataclass
class _Draft:
    row: int
    values: dict[str, object]
    problems: list[Problem]


class _RowReader:
    def __init__(self, match: HeaderMatch, result: ParseResult):
        self.indexes = match.indexes
        self.columns = match.columns
        self.result = result
        self.context = dict.fromkeys(CONTEXT_FIELDS, "")
        self.header_keys = {name: normalise_header(text) for name, text in self.columns.items()}
        self.heading_rows: dict[str, int] = {}  # priority -> row where it was only a heading
        self.used_priorities: set[str] = set()

    def read(self, rows: list[Row]) -> None:
        drafts = [draft for number, cells in rows if (draft := self._draft(number, cells))]
        titles = self._number_priorities(drafts)
        for draft in drafts:
            number, title = titles.get(draft.values.pop("priority"), (0, ""))
            self.result.rows.append(
                ParsedRow(
                    row=draft.row,
                    priority_number=number,
                    priority_title=title,
                    problems=draft.problems,
                    **draft.values,
                )
            )
        for priority, row in self.heading_rows.items():
            if priority not in self.used_priorities:
                self._warn(row, "priority", f"No actions were found for the priority “{priority}”")

    def _warn(self, row: int, name: str, message: str) -> None:
        self.result.warnings.append(Problem(row, self.columns.get(name), message))

    def _draft(self, number: int, cells: list) -> _Draft | None:
        raw = {name: cells[i] if i < len(cells) else None for name, i in self.indexes.items()}
        if all(is_blank(value) for value in raw.values()):
            return None
        if all(normalise_header(raw[name]) == self.header_keys[name] for name in REQUIRED_FIELDS):
            return None  # the headings repeated further down
        problems: list[Problem] = []

        def problem(name: str, message: str) -> None:
            problems.append(Problem(number, self.columns.get(name), message))

        _clear_spreadsheet_errors(raw, problem)
        text = {name: clean_text(raw.get(name)) for name in TEXT_LIMITS}
        for name, limit in TEXT_LIMITS.items():
            if len(text[name]) > limit:
                problem(name, f"{FIELD_LABELS[name]} must be {limit:,} characters or fewer")
        self._carry(text)
        context = self.context

        if not text["action"] and all(is_blank(raw.get(name)) for name in DETAIL_FIELDS):
            # A heading row such as "Priority 1: ..." with the actions on the rows below.
            if text["priority"]:
                self.heading_rows.setdefault(context["priority"], number)
            self.result.problems.extend(problems)
            return None

        self.used_priorities.add(context["priority"])
        if not text["action"]:
            problem("action", "Enter the action")
        if not context["priority"]:
            problem("priority", "Enter the priority")
        timescale, target_date = self._timescale_and_date(number, raw, text["timescale"], problem)
        status = _status(raw, problem)
        self.result.problems.extend(problems)
        values = {
            "priority": context["priority"],
            "recommendation_ref": context["recommendation_ref"],
            "recommendation_text": context["recommendation_text"],
            "source": context["source"],
            "action": text["action"],
            "outcome": text["outcome"],
            "measure": text["measure"],
            "timescale": timescale,
            "leads": split_leads(text["lead"]),
            "target_date": target_date,
            "progress": text["progress"],
            "status": status,
        }
        return _Draft(number, values, problems)

    def _timescale_and_date(self, number: int, raw: dict, timescale: str, problem):
        """The target date, and the timescale (from the date column when it holds words)."""
        target_date = None
        try:
            target_date, written = parse_date_value(raw.get("target_date"))
        except ValueError as error:
            problem("target_date", str(error))
        else:
            if written and len(written) > TEXT_LIMITS["timescale"]:
                problem(
                    "target_date",
                    f"Timescale must be {TEXT_LIMITS['timescale']} characters or fewer",
                )
            elif written and not timescale:
                timescale = written
            elif written and _same(written) != _same(timescale):
                self._warn(
                    number,
                    "target_date",
                    f"“{written}” is not a date and the row already has a timescale, "
                    "so it was ignored",
                )
        return timescale, target_date

    def _carry(self, text: dict[str, str]) -> None:
        """Carry priority and recommendation down to the rows below that leave them empty."""
        context = self.context
        priority = text["priority"]
        if priority and _same(priority) != _same(context["priority"]):
            context.update(dict.fromkeys(CONTEXT_FIELDS, ""), priority=priority)
        ref, recommendation = text["recommendation_ref"], text["recommendation_text"]
        if ref and recommendation:
            context.update(recommendation_ref=ref, recommendation_text=recommendation)
        elif ref and _same(ref) != _same(context["recommendation_ref"]):
            context.update(recommendation_ref=ref, recommendation_text="")
        elif recommendation and _same(recommendation) != _same(context["recommendation_text"]):
            context.update(recommendation_ref="", recommendation_text=recommendation)
        if text["source"]:
            context["source"] = text["source"]

    def _number_priorities(self, drafts: list[_Draft]) -> dict[str, tuple[int, str]]:
        """Priority text -> (number, title). Unnumbered titles follow the highest number."""
        first_row: dict[str, int] = {}
        for draft in drafts:
            first_row.setdefault(draft.values["priority"], draft.row)
        first_row.pop("", None)
        parsed = {text: parse_priority_text(text) for text in first_row}
        titles: dict[int, str] = {}
        title_rows: dict[int, int] = {}
        by_title: dict[str, int] = {}
        for text, (number, title) in parsed.items():
            if number is None:
                continue
            existing = titles.get(number)
            if existing is None or (not existing and title):
                titles[number], title_rows[number] = title, first_row[text]
            elif title and _same(title) != _same(existing):
                self._warn(
                    first_row[text],
                    "priority",
                    f"Priority {number} has a different title in row {title_rows[number]} "
                    f"(“{existing}”), so that title was used",
                )
            if title:
                by_title.setdefault(_same(title), number)
        next_number = max(titles, default=0)
        for _text, (number, title) in parsed.items():
            if number is None and _same(title) not in by_title:
                next_number += 1
                by_title[_same(title)] = next_number
                titles[next_number] = title
        numbers = {
            text: number or by_title[_same(title)] for text, (number, title) in parsed.items()
        }
        return {text: (n, titles[n] or f"Priority {n}") for text, n in numbers.items()}
