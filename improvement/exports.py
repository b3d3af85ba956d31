"""Actions out as the council's working document: .xlsx and CSV.

The columns are the working document's (importing.EXPORT_HEADERS), so an exported plan
imports back as the same plan, then the tracking columns (importing.TRACKING_HEADERS:
action reference, plan, percent complete, dates, lead team), which the importer leaves
alone. The workbook prints landscape, fitted to the width (core/spreadsheets.py).

Both formats stream: the actions are read in ONE query, as plain values, each row carrying
what its cells need (leads, recommendations and latest progress as correlated
subqueries), 2,000 rows at a time (`.iterator(chunk_size=...)`, a server-side cursor on
PostgreSQL), so the query count is the same however many actions there are. The CSV is
generated row by row into the response, and the workbook is written by openpyxl's
write-only mode to a temporary file, so memory stays flat. Every text cell goes through
neutralise_formula, so nothing a user typed runs as a spreadsheet formula.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, F, OuterRef, QuerySet, Subquery, TextField, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from core import downloads
from core.expressions import JoinedValues, JsonArray
from core.formula import neutralise_formula
from core.spreadsheets import print_layout, row_points
from improvement import status_sql
from improvement.importing import EXPORT_HEADERS, TRACKING_HEADERS
from improvement.models import Action, ProgressUpdate, TargetDateChange
from improvement.status import Status, effective_status, today
from recommendations.models import Recommendation

CHUNK_SIZE = 2_000
CSV_DATE_FORMAT = "%d/%m/%Y"
XLSX_DATE_FORMAT = "d mmm yyyy"
# Written in the Ref column when a row has no recommendation but the row above had one:
# importers carry a recommendation down to the rows below that leave it empty.
NO_RECOMMENDATION = "None"
OVERDUE_SUFFIX = " – overdue"
LEAD_SEPARATOR = "; "
_lead_through = Action.lead_officers.through
_rec_through = Action.recommendations.through

# Every column, in order: the working document's, then the tracking columns.
HEADERS = {**EXPORT_HEADERS, **TRACKING_HEADERS}
# Column widths in characters, by field: narrow enough for all of them to print across A3.
WIDTHS = {
    "priority": 16,
    "recommendation_ref": 16,
    "recommendation_text": 28,
    "source": 14,
    "action": 32,
    "outcome": 24,
    "measure": 22,
    "lead": 16,
    "timescale": 11,
    "target_date": 11,
    "progress": 36,
    "status": 12,
    "action_ref": 7,
    "plan": 14,
    "percent_complete": 9,
    "last_update": 11,
    "original_target_date": 11,
    "date_changes": 9,
    "lead_team": 14,
}
# GOV.UK colours, with a text colour that passes contrast on each.
RAG_FILLS = {
    Status.NOT_STARTED: ("B1B4B6", "0B0C0C"),
    Status.ON_TRACK: ("00703C", "FFFFFF"),
    Status.AT_RISK: ("F47738", "0B0C0C"),
    Status.OFF_TRACK: ("D4351C", "FFFFFF"),
    Status.COMPLETE: ("1D70B8", "FFFFFF"),
    Status.VERIFIED: ("003078", "FFFFFF"),
}


# What one export row reads from the action and its priority, as plain values.
_COLUMNS = (
    "pk",
    "priority_id",
    "priority__number",
    "priority__title",
    "priority__plan__title",
    "order",
    "percent_complete",
    "last_update_at",
    "original_target_date",
    "lead_team__name",
    "date_change_count",
    "description",
    "intended_outcome",
    "measure",
    "timescale",
    "lead_names",
    "target_date",
    "declared_status",
    "latest_narrative",
    "is_late",
    "lead_officer_names",
    "recommendation_rows",
)


@dataclass(frozen=True)
class ExportSource:
    """The actions to export (filtered, ordered) and the recommendations the reader may see."""

    actions: QuerySet[Action]
    recommendations: QuerySet[Recommendation]


def export_queryset(actions: QuerySet[Action], *, recommendations: QuerySet) -> ExportSource:
    """Prepare an export of `actions` in their order.

    `recommendations` is the user's visible recommendations, so an action's confidential
    recommendations never reach a scrutiny member's export. Rows are read as plain values
    (no model instances: an export of 100,000 actions must take seconds) in one query,
    each row with its lead officers' names (in name order, joined by "; "), its visible
    recommendations (reference, text and source, in register order, as a JSON list) and
    its latest progress narrative.
    """
    leads = (
        _lead_through.objects.filter(action=OuterRef("pk"))
        .order_by("user__full_name", "user__email")
        .values(
            value=Coalesce(
                NullIf(F("user__full_name"), Value("")),
                F("user__email"),
                output_field=TextField(),
            )
        )
    )
    linked = (
        _rec_through.objects.filter(
            action=OuterRef("pk"), recommendation__in=recommendations.order_by().values("pk")
        )
        .order_by("recommendation__sort_key", "recommendation__reference", "recommendation_id")
        .values(
            value=JsonArray(
                "recommendation__reference",
                "recommendation__text",
                "recommendation__inspection__title",
            )
        )
    )
    latest = ProgressUpdate.objects.filter(action=OuterRef("pk")).order_by("-created_at", "-pk")
    changes = (
        TargetDateChange.objects.filter(action=OuterRef("pk"))
        .order_by()
        .values("action")
        .annotate(n=Count("pk"))
        .values("n")
    )
    values = (
        actions.prefetch_related(None)
        .annotate(
            latest_narrative=Subquery(latest.values("narrative")[:1]),
            date_change_count=Coalesce(Subquery(changes), 0),
            is_late=status_sql.flag(status_sql.overdue(today())),
            lead_officer_names=JoinedValues(leads, LEAD_SEPARATOR),
            recommendation_rows=JoinedValues(linked, ","),
        )
        .values(*_COLUMNS)
    )
    return ExportSource(values, recommendations)


@dataclass(frozen=True)
class ExportRow:
    values: dict[str, object]  # field -> cell value (text, date or None)
    status: str  # declared status
    overdue: bool

    @property
    def colour_status(self) -> str:
        """The status whose colour the RAG cell takes: overdue counts as off track."""
        return effective_status(self.status, self.overdue)


def _local_date(moment) -> date | None:
    return timezone.localtime(moment).date() if moment else None


def _recommendations(joined: str | None) -> list[list[str]]:
    """[reference, text, source title] of each recommendation, from JoinedValues of arrays."""
    return json.loads(f"[{joined}]") if joined else []


def export_rows(source: ExportSource, progress=None) -> Iterator[ExportRow]:
    """One ExportRow per action, in the order of the actions given; `progress.step()` after
    each (a background job's progress, jobs.kinds.Progress)."""
    previous_priority, previous_had_recommendation = None, False
    for action in source.actions.iterator(chunk_size=CHUNK_SIZE):
        if progress is not None:
            progress.step()
        recommendations = _recommendations(action["recommendation_rows"])
        if recommendations:
            ref = "; ".join(reference for reference, _, _ in recommendations)
            text = (
                recommendations[0][1]
                if len(recommendations) == 1
                else "\n\n".join(f"{reference}: {text}" for reference, text, _ in recommendations)
            )
            source_titles = dict.fromkeys(title for _, _, title in recommendations)
            source_text = "; ".join(source_titles)
        else:
            same_priority = action["priority_id"] == previous_priority
            ref = NO_RECOMMENDATION if same_priority and previous_had_recommendation else ""
            text = source_text = ""
        previous_priority = action["priority_id"]
        previous_had_recommendation = bool(recommendations)
        names = [action["lead_officer_names"] or "", action["lead_names"].strip()]
        label = Status(action["declared_status"]).label
        values = {
            "priority": f"{action['priority__number']}. {action['priority__title']}",
            "recommendation_ref": ref,
            "recommendation_text": text,
            "source": source_text,
            "action": action["description"],
            "outcome": action["intended_outcome"],
            "measure": action["measure"],
            "lead": LEAD_SEPARATOR.join(name for name in names if name),
            "timescale": action["timescale"],
            "target_date": action["target_date"],
            "progress": action["latest_narrative"] or "",
            "status": label + (OVERDUE_SUFFIX if action["is_late"] else ""),
            "action_ref": Action.numbered(action["priority__number"], action["order"]),
            "plan": action["priority__plan__title"],
            "percent_complete": action["percent_complete"],
            "last_update": _local_date(action["last_update_at"]),
            "original_target_date": action["original_target_date"],
            "date_changes": action["date_change_count"],
            "lead_team": action["lead_team__name"] or "",
        }
        yield ExportRow(values, action["declared_status"], bool(action["is_late"]))


# --------------------------------------------------------------------------------------
# CSV
# --------------------------------------------------------------------------------------


def _csv_cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.strftime(CSV_DATE_FORMAT)
    return neutralise_formula(str(value))


def csv_lines(actions: ExportSource, progress=None) -> Iterator[str]:
    """The CSV, line by line: a byte-order mark so Excel reads UTF-8, then the header."""
    rows = (
        [_csv_cell(row.values[name]) for name in HEADERS] for row in export_rows(actions, progress)
    )
    return downloads.csv_lines(rows, header=HEADERS.values())


def write_csv(actions: ExportSource, progress=None):
    """The CSV in a rewound temporary file (for a background job to store)."""
    out = tempfile.TemporaryFile()  # noqa: SIM115 - the caller closes it
    for line in csv_lines(actions, progress):
        out.write(line.encode("utf-8"))
    out.seek(0)
    return out


# --------------------------------------------------------------------------------------
# .xlsx
# --------------------------------------------------------------------------------------

_WRAP = Alignment(wrap_text=True, vertical="top")
_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDDDDD")


def write_xlsx(actions: ExportSource, *, sheet_title: str = "Actions", progress=None):
    """The workbook in a temporary file (rewound, for FileResponse to stream and close)."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_sheet_title(sheet_title))
    widths = [WIDTHS[name] for name in HEADERS]
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    print_layout(sheet, title=sheet_title)

    header = []
    for text in HEADERS.values():
        cell = WriteOnlyCell(sheet, value=text)
        cell.font, cell.fill, cell.alignment = _HEADER_FONT, _HEADER_FILL, _WRAP
        header.append(cell)
    sheet.row_dimensions[1].height = row_points(list(HEADERS.values()), widths)
    sheet.append(header)

    fills = {
        status: (PatternFill("solid", fgColor=fill), Font(bold=True, color=text))
        for status, (fill, text) in RAG_FILLS.items()
    }
    rows = 1
    for row in export_rows(actions, progress):
        cells = []
        for name in HEADERS:
            value = row.values[name]
            if not isinstance(value, date | int):
                # Control characters (pasted from other systems) make a workbook unreadable.
                value = neutralise_formula(ILLEGAL_CHARACTERS_RE.sub("", value or ""))
            cell = WriteOnlyCell(sheet, value=value)
            cell.alignment = _WRAP
            if isinstance(value, date):
                cell.number_format = XLSX_DATE_FORMAT
            if name == "status" and row.colour_status in fills:
                cell.fill, cell.font = fills[row.colour_status]
            cells.append(cell)
        rows += 1
        # A row's height is set before the row is written (write-only mode streams it).
        height = row_points([cell.value for cell in cells], widths)
        if height:
            sheet.row_dimensions[rows].height = height
        sheet.append(cells)
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(HEADERS))}{rows}"

    out = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it
    workbook.save(out)
    out.seek(0)
    return out


def _sheet_title(title: str) -> str:
    """Excel allows 31 characters and none of []:*?/\\ in a sheet name."""
    cleaned = "".join(" " if ch in "[]:*?/\\" else ch for ch in title).strip()
    return cleaned[:31] or "Actions"
