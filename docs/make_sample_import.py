"""Write docs/sample-import.csv and docs/sample-import.xlsx: a plan a council can start from.

The plan is fictional (Northdale Council). It shows the forms the importer understands:
a priority written once for the rows below it, a recommendation that applies to two
actions, several leads in one cell, dates written in different ways, a timescale in
the date column, and statuses as words and as RAG letters.

Run from the repository root:  .venv/bin/python docs/make_sample_import.py
tests/improvement/test_import_service.py checks that both files import cleanly.
"""

import csv
import sys
from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

DOCS = Path(__file__).resolve().parent

HEADER = [
    "Priority",
    "Ref",
    "Recommendation",
    "Source",
    "Action",
    "Intended outcome",
    "Measure",
    "Lead",
    "Timescale",
    "Target date",
    "Progress",
    "RAG",
]
SOURCE = "Ofsted ILACS inspection, Northdale, 2026"
P1 = "1. Children get a timely and effective response when concerns are first raised"
P2 = "2. Management oversight and supervision make a difference to children's plans"
P3 = "3. Children in care and care leavers have stable homes and the help they need"
R1 = "Ensure that strategy discussions are held promptly and include all relevant agencies."
R2 = "Improve the quality and frequency of supervision so that it drives plans forward."
R3 = "Increase the range of local placements so that children can live near their families."
R4 = "Make sure care leavers know their entitlements and are helped to take them up."

# fmt: off
ROWS = [
    [P1, "R1", R1, SOURCE,
     "Hold a daily multi-agency strategy meeting at the front door, with police and health "
     "attending in person or online.",
     "Strategy discussions happen within one working day and include police and health.",
     "Monthly audit of 20 strategy discussions; timeliness report.",
     "Aisha Rahman and Sam Whitlock", "3 months", "28/02/2027",
     "Daily meeting running since October; police attend every day, health on three days.",
     "G"],
    ["", "", "", "",
     "Agree a partnership protocol for strategy discussions out of hours.",
     "Out-of-hours strategy discussions follow the same standard as daytime ones.",
     "Emergency duty team audit each quarter.",
     "Nadia Kerr; Emergency Duty Team Manager", "", "March 2027",
     "Draft protocol shared with partners for comment.", "A"],
    ["", "n/a", "", "",
     "Publish a clear threshold document for partner agencies and train designated "
     "safeguarding leads in schools.",
     "Referrals from schools contain the information needed to make a decision.",
     "Share of school referrals needing no follow-up call.",
     "Owen Pritchard / Named Nurse", "Immediate", "",
     "", "Not started"],
    [P2, "R2", R2, SOURCE,
     "Introduce a supervision standard with a recording template that sets actions and "
     "timescales for each child.",
     "Every child's record shows supervision that moves the plan forward.",
     "Quarterly practice audit: supervision graded good or better in 80% of cases.",
     "Ian Forsyth", "6 months", "2027-04-30",
     "Template piloted in two teams; feedback positive.", "On track"],
    ["", "", "", "",
     "Train all team managers in reflective supervision.",
     "Managers use supervision to challenge drift and delay.",
     "Training attendance; audit findings.",
     "Ian Forsyth, Hannah Okafor", "", "Jan-27",
     "Two of four cohorts trained; the third was postponed by sickness.", "Behind schedule"],
    ["", "R5", "Ensure that managers' oversight is recorded on children's files.", SOURCE,
     "Add a management oversight step to the case recording system.",
     "Managers' decisions are visible on every child's file.",
     "System report of cases with an oversight entry in the last month.",
     "Leah Dunmore", "", "31/12/2026",
     "Change request raised with the system supplier; delivery date not yet agreed.", "R"],
    ["", "", "", "",
     "Report supervision compliance to the improvement board every month.",
     "The board can see whether supervision happens as often as it should.",
     "Monthly performance report.",
     "Leah Dunmore", "Monthly", "",
     "Reporting in place since September.", "Complete"],
    [P3, "R3", R3, SOURCE,
     "Recruit 20 more local foster carers through a refreshed fostering campaign.",
     "More children live in foster homes within 20 miles of Northdale.",
     "Number of newly approved local foster households.",
     "Ben Castle and Ruth Adeyemi", "12 months", "Nov 2027",
     "Campaign launched; 42 enquiries and 6 assessments under way.", "G"],
    ["", "", "", "",
     "Open a four-bed children's home in Northdale with a local provider.",
     "Fewer children placed out of area in residential care.",
     "Children in residential care placed more than 20 miles away.",
     "Ruth Adeyemi", "18 months", "30/06/2028",
     "Site identified; planning application submitted.", "Amber"],
    ["", "R4", R4, SOURCE,
     "Give every care leaver a written summary of their entitlements, reviewed with their "
     "personal adviser.",
     "Care leavers know what help they can ask for and take it up.",
     "Care leaver survey; take-up of the setting-up-home allowance.",
     "Chloe Whitfield", "3 months", "31/01/2027",
     "Summary written with the Children in Care Council; printing under way.", "Green"],
    ["", "", "", "",
     "Offer every care leaver aged 18 to 21 a health passport.",
     "Care leavers have the health history they need as adults.",
     "Share of care leavers with a health passport.",
     "Joanna Pryce; Chloe Whitfield", "", "Ongoing",
     "", ""],
    ["", "Rec 6", "Strengthen the voice of children in care in planning their care.",
     "Children in Care Council review 2026",
     "Make sure every child in care over 8 has the chance to attend their review meeting.",
     "Children say they are listened to when decisions are made about them.",
     "Share of reviews the child attended or contributed to.",
     "Independent Reviewing Officer Manager", "6 months", "31/05/2027",
     "Baseline measured: 61% of children attended or contributed.", "In progress"],
]


def write_csv(path: Path) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(HEADER)
        writer.writerows(ROWS)


def _cell_value(column: str, value: str):
    """Real Excel dates where the CSV has a full date, as a council's workbook would."""
    if column == "Target date" and value.count("/") == 2:
        day, month, year = (int(part) for part in value.split("/"))
        return date(year, month, day)
    return value or None


def write_xlsx(path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Improvement plan"
    sheet.append(HEADER)
    for row in ROWS:
        sheet.append([_cell_value(col, value) for col, value in zip(HEADER, row, strict=True)])
    widths = [30, 7, 36, 22, 48, 36, 30, 24, 12, 14, 44, 12]
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in sheet.iter_rows(min_row=1):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if isinstance(cell.value, date):
                cell.number_format = "dd/mm/yyyy"
    sheet.freeze_panes = "A2"
    # A fixed timestamp, so regenerating gives the same file.
    workbook.properties.created = workbook.properties.modified = datetime(2026, 11, 1)
    workbook.save(path)


def main(folder: Path = DOCS) -> None:
    write_csv(folder / "sample-import.csv")
    write_xlsx(folder / "sample-import.xlsx")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DOCS)
