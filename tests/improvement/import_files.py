"""Build working-document files for the import tests (CSV and .xlsx, in memory)."""

import csv
import io

from openpyxl import Workbook

HEADER = ["Priority", "Ref", "Recommendation", "Action", "Lead", "Target date", "Status"]


def csv_bytes(rows, encoding="utf-8-sig") -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return out.getvalue().encode(encoding)


def xlsx_bytes(rows) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def big_plan_rows(n: int, *, bad_row: int | None = None) -> list[list]:
    """A header and `n` actions over 10 priorities; data row `bad_row` (1-based) has a bad date."""
    rows = [
        ["Priority", "Ref", "Recommendation", "Action", "Lead", "Target date", "Progress", "Status"]
    ]
    for i in range(1, n + 1):
        priority = f"{(i - 1) * 10 // n + 1}. Priority area {(i - 1) * 10 // n + 1}"
        rows.append(
            [
                priority,
                f"R{i % 40 + 1}",
                f"Recommendation {i % 40 + 1} text",
                f"Action number {i}: audit the work of team {i % 7}",
                "Pat Lead and Named Nurse" if i % 3 else "Designated Doctor",
                "31/13/2026" if i == bad_row else f"{i % 28 + 1}/0{i % 9 + 1}/2027",
                f"Progress on action {i}" if i % 2 else "",
                ["R", "A", "G", "Blue", "In progress", ""][i % 6],
            ]
        )
    return rows
