"""Hostile spreadsheets are refused quickly and in little memory (no Django, no database).

The files are written by hand with zipfile: openpyxl would take minutes to write them,
and a hostile file need not look like one a spreadsheet program writes.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from improvement.importing import parse_plan_file

ROOT = Path(__file__).resolve().parents[2]
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
SHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
BOOK_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
STRINGS_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
MILLION = 1_000_000


def workbook_bytes(sheet_data: str, *, dimension: str = "", strings: str = "") -> bytes:
    """A minimal .xlsx whose first sheet's <sheetData> is `sheet_data`."""
    strings_override = (
        f'<Override PartName="/xl/sharedStrings.xml" ContentType="{STRINGS_TYPE}"/>'
        if strings
        else ""
    )
    parts = {
        "[Content_Types].xml": (
            f'<?xml version="1.0"?><Types xmlns="{CT}">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{BOOK_TYPE}"/>'
            f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{SHEET_TYPE}"/>'
            f"{strings_override}</Types>"
        ),
        "_rels/.rels": (
            f'<?xml version="1.0"?><Relationships xmlns="{PKG}">'
            f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>"
        ),
        "xl/workbook.xml": (
            f'<?xml version="1.0"?><workbook xmlns="{MAIN}" xmlns:r="{REL}">'
            '<sheets><sheet name="Plan" sheetId="1" r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            f'<?xml version="1.0"?><Relationships xmlns="{PKG}">'
            f'<Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>'
            f'<Relationship Id="rId2" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>'
            "</Relationships>"
        ),
        "xl/worksheets/sheet1.xml": (
            f'<?xml version="1.0"?><worksheet xmlns="{MAIN}">{dimension}'
            f"<sheetData>{sheet_data}</sheetData></worksheet>"
        ),
    }
    if strings:
        parts["xl/sharedStrings.xml"] = f'<?xml version="1.0"?><sst xmlns="{MAIN}">{strings}</sst>'
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return out.getvalue()


def inline(text: str) -> str:
    return f'<c t="inlineStr"><is><t>{text}</t></is></c>'


def plan_row(number: int, *cells: str) -> str:
    return f'<row r="{number}">{"".join(inline(c) for c in cells)}</row>'


HEADER_ROW = plan_row(1, "Priority", "Action")


def million_cell_bomb() -> bytes:
    """One row of a million inline cells after a real header: ~100 KB zipped."""
    return workbook_bytes(HEADER_ROW + '<row r="2">' + inline("x") * MILLION + "</row>")


def problems(result) -> list[str]:
    return [problem.message for problem in result.problems]


MEASURE = """
import json, resource, sys, time
from improvement.importing import parse_plan_file
parse_plan_file(open(sys.argv[2], "rb").read(), "warm-up.xlsx")
data = open(sys.argv[1], "rb").read()
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
started = time.perf_counter()
result = parse_plan_file(data, "bomb.xlsx")
seconds = time.perf_counter() - started
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"seconds": seconds, "growth_kb": after - before,
                  "problems": [p.message for p in result.problems]}))
"""


def test_a_million_cell_row_is_refused_fast_and_in_little_memory(tmp_path):
    bomb = million_cell_bomb()
    assert 50_000 < len(bomb) < 200_000  # the size of the file in the finding (112 KB)
    (tmp_path / "bomb.xlsx").write_bytes(bomb)
    (tmp_path / "plan.xlsx").write_bytes(workbook_bytes(HEADER_ROW + plan_row(2, "1. A", "B")))
    # A fresh process, so that its peak memory is this parse's alone.
    run = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", MEASURE, tmp_path / "bomb.xlsx", tmp_path / "plan.xlsx"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    measured = json.loads(run.stdout)
    print(f"million-cell row: {measured['seconds']:.2f} s, +{measured['growth_kb'] / 1024:.1f} MB")
    assert measured["problems"] == [
        "The file has more than 200 columns: row 2 has something in column 201. Delete the "
        "columns you do not need, or check it is the right file."
    ]
    assert measured["seconds"] < 2
    assert measured["growth_kb"] < 100 * 1024


def test_a_sheet_whose_dimension_lies_is_still_read_to_its_last_column():
    # The sheet claims A1:A1 but holds a million cells: the claim is never trusted.
    lying = workbook_bytes(
        HEADER_ROW + "<row>" + "<c><v>1</v></c>" * MILLION + "</row>",
        dimension='<dimension ref="A1:A1"/>',
    )
    started = time.perf_counter()
    result = parse_plan_file(lying, "lying.xlsx")
    assert time.perf_counter() - started < 2
    assert problems(result) == [
        "The file has more than 200 columns: row 2 has something in column 201. Delete the "
        "columns you do not need, or check it is the right file."
    ]
    # And a real plan under a wrong dimension is read in full.
    honest = workbook_bytes(
        HEADER_ROW + plan_row(2, "1. Safety", "Audit files"),
        dimension='<dimension ref="A1:A1"/>',
    )
    assert [row.action for row in parse_plan_file(honest, "plan.xlsx").rows] == ["Audit files"]


def test_a_million_empty_cells_are_refused_past_excels_last_column():
    data = workbook_bytes(HEADER_ROW + "<row>" + "<c/>" * MILLION + "</row>")
    started = time.perf_counter()
    result = parse_plan_file(data, "empty-cells.xlsx")
    assert time.perf_counter() - started < 2
    assert "row 2 has something in column 16,385" in problems(result)[0]


def test_a_huge_shared_strings_table_is_refused():
    strings = "<si><t>x</t></si>" * MILLION
    data = workbook_bytes(HEADER_ROW, strings=strings)
    started = time.perf_counter()
    result = parse_plan_file(data, "strings.xlsx")
    # Refused at the 200,001st string; this machine streams ~50,000 a second.
    assert time.perf_counter() - started < 10
    assert problems(result) == [
        "The file is too big to read. Check it is the right file, or split it into smaller files."
    ]


def test_a_cell_of_a_million_runs_is_refused():
    runs = "<r><t>x</t></r>" * MILLION
    data = workbook_bytes(HEADER_ROW + f'<row><c t="inlineStr"><is>{runs}</is></c></row>')
    result = parse_plan_file(data, "runs.xlsx")
    assert problems(result) == [
        "The file is too big to read. Check it is the right file, or split it into smaller files."
    ]


def test_shared_strings_and_gaps_between_rows_read_as_before():
    strings = (
        "<si><t>Priority</t></si><si><t>Action</t></si>"
        "<si><r><t>Audit </t></r><r><t>files</t></r></si>"
    )
    sheet = (
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>'
        '<row r="5"><c r="A5" t="inlineStr"><is><t>1. Safety</t></is></c>'
        '<c r="B5" t="s"><v>2</v></c></row>'
    )
    result = parse_plan_file(workbook_bytes(sheet, strings=strings), "plan.xlsx")
    assert [(row.row, row.action) for row in result.rows] == [(5, "Audit files")]


@pytest.mark.parametrize("cells", [201, 250])
def test_csv_with_something_past_column_200_is_refused(cells):
    data = ("Priority,Action\r\n1. A,B" + ",x" * (cells - 2) + "\r\n").encode()
    assert problems(parse_plan_file(data, "wide.csv")) == [
        f"The file has more than 200 columns: row 2 has something in column {cells}. Delete "
        "the columns you do not need, or check it is the right file."
    ]
