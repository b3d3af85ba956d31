"""The committee report pack as an Excel workbook: one sheet per part of the pack, each
marked with the pack's audience and set to print (core/spreadsheets.py)."""

from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from core.spreadsheets import print_layout, row_points
from improvement.reports.pack import ReportPack
from improvement.status import DASHBOARD_ORDER, Status

BOLD = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")


def _sheet(workbook, title: str, header: list[str], rows: list[list], widths: list[int]):
    sheet = workbook.create_sheet(title)
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = BOLD
    for row in rows:
        sheet.append(row)
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = WRAP
        height = row_points([cell.value for cell in row], widths)
        if height:
            sheet.row_dimensions[row[0].row].height = height
    sheet.freeze_panes = "A2"
    return sheet


def render_xlsx(pack: ReportPack) -> bytes:
    """The pack as .xlsx bytes: Summary, Status by priority, Exceptions, Recommendations,
    Judgements."""
    workbook = Workbook()
    summary = workbook.active
    _summary_sheet(summary, pack)
    _status_sheet(workbook, pack)
    _exceptions_sheet(workbook, pack)
    _recommendations_sheet(workbook, pack)
    _judgements_sheet(workbook, pack)
    if pack.changes:
        _since_sheets(workbook, pack.changes)
    for section in pack.sections:  # parts other apps add (improvement/panels.py)
        _sheet(workbook, section.title[:31], section.header, section.rows, section.widths)
    title = f"{pack.plan.title}: report as at {pack.day:%-d %B %Y}"
    for sheet in workbook.worksheets:
        _keep_text_and_dates(sheet)
        table = sheet is not summary
        print_layout(sheet, title=title, marking=pack.marking, title_rows=int(table), grid=table)
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _summary_sheet(summary, pack: ReportPack) -> None:
    summary.title = "Summary"
    summary.append([pack.marking])
    summary["A1"].font = BOLD
    summary.append([pack.council])
    summary.append([pack.plan.title])
    summary["A3"].font = Font(bold=True, size=14)
    summary.append([f"Status as at {pack.day:%-d %B %Y}"])
    summary.append([f"Prepared {pack.generated_at:%-d %B %Y at %H:%M} for {pack.plan.owner_board}"])
    summary.append([f"{pack.audience_label} ({pack.marking})"])
    if pack.meeting:
        summary.append(["Meeting", pack.meeting])
    if pack.agenda_item:
        summary.append(["Agenda item", pack.agenda_item])
    if pack.changes:
        summary.append(["Changes since", pack.changes.since])
    if pack.cover_note:
        summary.append([pack.cover_note])
    summary.append([])
    for message in pack.key_messages:
        summary.append([message])
    summary.append([])
    summary.append(["Status", "Actions", "Share (%)"])
    for cell in summary[summary.max_row]:
        cell.font = BOLD
    for figure in pack.total.figures:
        summary.append([figure.label, figure.count, figure.share])
    summary.append(["Total", pack.total.total, 100 if pack.total.total else 0])
    summary.append(["Overdue (counted as off track)", pack.total.overdue])
    summary.append(["Not updated on time (no update within the update cycle)", pack.total.stale])
    summary.append(["Complete or verified, impact evidenced", pack.total.impact_evidenced])
    summary.append(["Complete or verified, impact not yet evidenced", pack.total.impact_pending])
    summary.column_dimensions["A"].width = 60
    summary.column_dimensions["B"].width = 12
    summary.column_dimensions["C"].width = 12


def _status_sheet(workbook, pack: ReportPack) -> None:
    statuses = [Status(s).label for s in DASHBOARD_ORDER]
    _sheet(
        workbook,
        "Status by priority",
        ["Priority", *statuses, "Total", "Overdue", "Not updated on time"],
        [
            [
                row.label,
                *[row.counts[s] for s in DASHBOARD_ORDER],
                row.total,
                row.overdue,
                row.stale,
            ]
            for row in [*pack.breakdown.rows, pack.total]
        ],
        [50, *[12] * len(statuses), 10, 10, 10],
    )


def _exceptions_sheet(workbook, pack: ReportPack) -> None:
    _sheet(
        workbook,
        "Exceptions",
        [
            "Ref",
            "Action",
            "Status counted",
            "Status declared",
            "Why listed",
            "Target date",
            "Lead",
            "Latest update",
            "Latest narrative",
        ],
        [
            [
                row.reference,
                row.title,
                row.effective_label,
                row.declared_label,
                "; ".join(row.reasons),
                row.target_date,
                row.lead,
                row.narrative_at.date() if row.narrative_at else None,
                row.narrative or "No update yet",
            ]
            for row in pack.exceptions
        ],
        [8, 50, 14, 14, 30, 14, 30, 14, 80],
    )


def _recommendations_sheet(workbook, pack: ReportPack) -> None:
    _sheet(
        workbook,
        "Recommendations",
        [
            "Source",
            "Ref",
            "Recommendation",
            "Response",
            "Response text",
            "Date",
            "Status",
            "Actions",
        ],
        [
            [
                row.inspection,
                row.reference,
                row.text,
                row.response or "No response recorded",
                row.response_text,
                row.response_date,
                row.status_label,
                row.actions,
            ]
            for row in pack.recommendations
        ],
        [40, 8, 70, 20, 60, 14, 20, 10],
    )


def _judgements_sheet(workbook, pack: ReportPack) -> None:
    inspections = pack.journey.inspections
    _sheet(
        workbook,
        "Judgements",
        ["Area", *[f"{i.title} ({i.start_date:%B %Y})" for i in inspections]],
        [
            [row.area, *[cell.label or "Not judged" for cell in row.cells]]
            for row in pack.journey.rows
        ],
        [60, *[30] * len(inspections)],
    )


def _since_sheets(workbook, changes) -> None:
    """A meeting's pack: what changed since the body's last meeting (reports/meeting.py)."""
    _sheet(
        workbook,
        "Status changes since",
        ["Status then", "Status now", "Actions"],
        [[m.before_label, m.after_label, m.count] for m in changes.moves],
        [20, 20, 10],
    )
    _sheet(
        workbook,
        "Completed or verified since",
        ["Ref", "Action", "Status", "Date", "By"],
        [[r.reference, r.title, r.status_label, r.on, r.by] for r in changes.done],
        [8, 60, 14, 14, 30],
    )
    _sheet(
        workbook,
        "Challenges since",
        ["About", "Raised", "By", "Question", "State", "Answered", "By", "Answer"],
        [
            [r.subject, r.raised_on, r.raised_by, r.question, r.state]
            + [r.answered_on, r.answered_by, r.answer]
            for r in changes.challenges
        ],
        [40, 14, 20, 60, 16, 14, 20, 60],
    )
    _sheet(
        workbook,
        "Date requests decided since",
        ["Ref", "Action", "Date asked for", "Reason", "Decision", "Decided", "By", "Why"],
        [
            [r.reference, r.title, r.new_date, r.reason, r.decision]
            + [r.decided_on, r.decided_by, r.decision_reason]
            for r in changes.decisions
        ],
        [8, 50, 14, 50, 12, 14, 20, 50],
    )


def _keep_text_and_dates(sheet) -> None:
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                # Free text is never a formula: keep "=..." as the words typed.
                cell.data_type = "s"
            elif hasattr(cell.value, "year") and not hasattr(cell.value, "hour"):
                cell.number_format = "d mmmm yyyy"
