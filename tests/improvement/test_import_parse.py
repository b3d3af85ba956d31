"""Tests for parsing an improvement-plan working document (no Django, no database)."""

from __future__ import annotations

import csv
import io
import re
import time
import zipfile
from datetime import date, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from core.formula import neutralise_formula, unneutralise_formula
from improvement.importing import (
    EXPORT_HEADERS,
    STATUS_KEYS,
    Problem,
    normalise_header,
    parse_date_value,
    parse_plan_file,
    parse_status,
    split_leads,
)

BAD_DATE = "Enter a real date, like 30/07/2027 or July 2027"
BAD_STATUS = (
    "Status must be one of: Not started, On track, At risk, Off track, Complete (or R, A, G, Blue)"
)
NOT_A_SPREADSHEET = "The file must be a spreadsheet saved as .xlsx or .csv"


# --------------------------------------------------------------------------------------
# Building test files
# --------------------------------------------------------------------------------------


def csv_bytes(rows, encoding="utf-8", delimiter=","):
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return out.getvalue().encode(encoding)


def xlsx_bytes(rows):
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


BUILDERS = {"csv": csv_bytes, "xlsx": xlsx_bytes}


def parse(rows, fmt="csv"):
    return parse_plan_file(BUILDERS[fmt](rows), f"plan.{fmt}")


def single(header, values, fmt="csv"):
    """Parse a file with one data row; ``header``/``values`` add to Priority and Action."""
    result = parse([["Priority", "Action", *header], ["1. Safety", "Do it", *values]], fmt)
    assert len(result.rows) == 1, result.problems
    return result, result.rows[0]


# --------------------------------------------------------------------------------------
# Headers
# --------------------------------------------------------------------------------------

SPEC_HEADERS = {
    "priority": ["Priority", "Priority area", "Theme"],
    "recommendation_ref": ["Ref", "Rec", "Recommendation ref", "Recommendation no"],
    "recommendation_text": ["Recommendation"],
    "action": ["Action", "Actions", "Action to be taken"],
    "outcome": ["Outcome", "Intended outcome", "Success criteria", "Expected outcome"],
    "source": ["Source", "Source of recommendation"],
    "measure": [
        "Measure",
        "Evidence",
        "How will we know",
        "Measure of success",
        "Monitoring",
    ],
    "timescale": ["Timescale"],
    "lead": ["Lead", "Lead officer", "Leads", "Responsible officer", "Person responsible"],
    "target_date": [
        "Target date",
        "Date",
        "Deadline",
        "Due date",
        "Date by which action will be taken",
    ],
    "progress": ["Progress", "Progress update", "Update", "Comments"],
    "status": ["Status", "RAG", "RAG status", "RAG rating"],
}
SAMPLE_VALUES = {
    "priority": ("1. Safety", "priority_title", "Safety"),
    "recommendation_ref": ("R7", "recommendation_ref", "R7"),
    "recommendation_text": ("Improve audit", "recommendation_text", "Improve audit"),
    "action": ("Audit cases", "action", "Audit cases"),
    "outcome": ("Children safer", "outcome", "Children safer"),
    "source": ("Ofsted 2012", "source", "Ofsted 2012"),
    "measure": ("Audit results", "measure", "Audit results"),
    "timescale": ("Quarterly", "timescale", "Quarterly"),
    "lead": ("Head of Service", "leads", ["Head of Service"]),
    "target_date": ("30/07/2013", "target_date", date(2013, 7, 30)),
    "progress": ("Started", "progress", "Started"),
    "status": ("Green", "status", "on_track"),
}


@pytest.mark.parametrize(
    ("name", "header"),
    [(name, header) for name, headers in SPEC_HEADERS.items() for header in headers],
)
def test_every_accepted_header_spelling(name, header):
    header_row, value_row = [], []
    for other in ("priority", "action"):
        if other != name:
            header_row.append(SPEC_HEADERS[other][0])
            value_row.append(SAMPLE_VALUES[other][0])
    header_row.append(header)
    value_row.append(SAMPLE_VALUES[name][0])

    result = parse([header_row, value_row])

    assert result.ok, result.problems
    assert result.columns[name] == header
    _, attribute, expected = SAMPLE_VALUES[name]
    assert getattr(result.rows[0], attribute) == expected


def test_headers_match_ignoring_case_spacing_and_punctuation():
    result = parse(
        [
            ["  PRIORITY-area ", "Action(s)", "  LEAD officer: ", "Target Date *", "R.A.G."],
            ["1. Safety", "Audit", "Named Nurse", "June 2013", "amber"],
        ]
    )
    assert result.ok, result.problems
    assert result.columns == {
        "priority": "PRIORITY-area",
        "action": "Action(s)",
        "lead": "LEAD officer:",
        "target_date": "Target Date *",
        "status": "R.A.G.",
    }
    row = result.rows[0]
    assert (row.leads, row.target_date, row.status) == (
        ["Named Nurse"],
        date(2013, 6, 30),
        "at_risk",
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("  LEAD officer: ", "leadofficer"),
        ("Date by which action will be taken", "datebywhichactionwillbetaken"),
        ("R.A.G. Status", "ragstatus"),
        (None, ""),
        (15, "15"),
    ],
)
def test_normalise_header(text, expected):
    assert normalise_header(text) == expected


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_app_export_headers_are_all_recognised(fmt):
    headers = list(EXPORT_HEADERS.values())
    assert {"Priority", "Recommendation ref", "Action", "Intended outcome", "Source"} <= set(
        headers
    )
    assert "Measure" in headers
    assert {"Timescale", "Lead", "Target date", "Progress", "Status", "Recommendation"} <= set(
        headers
    )
    result = parse([headers, [SAMPLE_VALUES[name][0] for name in EXPORT_HEADERS]], fmt)
    assert result.ok, result.problems
    assert result.columns == EXPORT_HEADERS
    assert result.warnings == []


def test_unknown_columns_are_warnings_not_errors():
    result = parse([["Priority", "Notes", "Action", ""], ["1. Safety", "ignore me", "Audit", ""]])
    assert result.ok
    assert result.warnings == [
        Problem(1, "Notes", "The column “Notes” was not recognised, so it was ignored")
    ]
    assert result.rows[0].action == "Audit"


def test_duplicate_column_uses_the_first_and_warns():
    result = parse([["Priority", "Action", "Date", "Target date"], ["1", "Audit", "Aug-12", "x"]])
    assert result.ok
    assert result.rows[0].target_date == date(2012, 8, 31)
    assert [w.column for w in result.warnings] == ["Target date"]


@pytest.mark.parametrize(
    ("header", "missing"),
    [
        (["Ref", "Lead"], ["Priority", "Action"]),
        (["Theme", "Lead"], ["Action"]),
        (["Action to be taken"], ["Priority"]),
    ],
)
def test_missing_required_columns_name_them_and_list_accepted_headers(header, missing):
    result = parse([header, ["x"] * len(header)])
    assert not result.ok
    assert result.rows == []
    assert [p.row for p in result.problems] == [None] * len(missing)
    for problem, label in zip(result.problems, missing, strict=True):
        assert f"must have a {label} column" in problem.message
        for accepted in SPEC_HEADERS[label.lower()]:
            assert accepted in problem.message


def test_title_rows_above_the_headings_are_skipped():
    result = parse(
        [
            ["Children's services improvement plan 2013", "", ""],
            [],
            ["Priority", "Action", "Target date"],
            ["1. Safety", "Audit", "31/07/2013"],
            ["", "Review", "32/07/2013"],
        ]
    )
    assert result.header_row == 3
    assert [row.row for row in result.rows] == [4, 5]
    assert result.problems == [Problem(5, "Target date", BAD_DATE)]
    assert "row 3" in result.warnings[0].message


def test_semicolon_separated_csv():
    data = csv_bytes(
        [["Priority", "Action", "Lead"], ["1. Safety", "Audit", "A, B"]], delimiter=";"
    )
    result = parse_plan_file(data)
    assert result.ok
    assert result.rows[0].leads == ["A", "B"]


# --------------------------------------------------------------------------------------
# Dates
# --------------------------------------------------------------------------------------

DATE_FORMS = [
    ("Aug-12", date(2012, 8, 31)),
    ("Nov 2012", date(2012, 11, 30)),
    ("June 2013", date(2013, 6, 30)),
    ("Feb 2012", date(2012, 2, 29)),
    ("Dec-13", date(2013, 12, 31)),
    ("Sept 2013", date(2013, 9, 30)),
    ("30/07/2013", date(2013, 7, 30)),
    ("1/2/2013", date(2013, 2, 1)),
    ("2013-07-30", date(2013, 7, 30)),
    ("2013-07-30 00:00:00", date(2013, 7, 30)),
    ("30 July 2013", date(2013, 7, 30)),
    ("30 Jul 2013", date(2013, 7, 30)),
    ("30th July 2013", date(2013, 7, 30)),
    ("30-Jul-13", date(2013, 7, 30)),
    ("30.07.2013", date(2013, 7, 30)),
    ("30/07/13", date(2013, 7, 30)),
    ("  30/07/2013  ", date(2013, 7, 30)),
    ("07/2013", date(2013, 7, 31)),
    ("End of March 2014", date(2014, 3, 31)),
    ("by 30/07/2013", date(2013, 7, 30)),
]


@pytest.mark.parametrize(("text", "expected"), DATE_FORMS)
def test_date_forms(text, expected):
    assert parse_date_value(text) == (expected, None)


@pytest.mark.parametrize(("text", "expected"), DATE_FORMS[:8])
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_date_forms_in_a_file(fmt, text, expected):
    _, row = single(["Target date"], [text], fmt)
    assert row.target_date == expected


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        (datetime(2013, 7, 30, 0, 0), date(2013, 7, 30)),
        (datetime(2013, 7, 30, 17, 45), date(2013, 7, 30)),
        (date(2012, 8, 31), date(2012, 8, 31)),
        (41485, date(2013, 7, 30)),  # an Excel date serial number in a General cell
    ],
)
def test_real_xlsx_date_cells(cell, expected):
    result, row = single(["Target date"], [cell], "xlsx")
    assert result.ok, result.problems
    assert row.target_date == expected


@pytest.mark.parametrize("text", ["Immediate", "Ongoing", "Quarterly", "3 months", "2013/14"])
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_timescale_words_in_the_date_column_go_to_timescale(fmt, text):
    result, row = single(["Timescale", "Target date"], ["", text], fmt)
    assert result.ok
    assert (row.target_date, row.timescale) == (None, text)
    assert parse_date_value(text) == (None, text)


def test_timescale_word_in_date_column_without_a_timescale_column():
    result, row = single(["Deadline"], ["Immediate"])
    assert result.ok
    assert (row.target_date, row.timescale) == (None, "Immediate")


def test_timescale_word_does_not_replace_an_existing_timescale():
    result, row = single(["Timescale", "Target date"], ["6 months", "Ongoing"])
    assert result.ok
    assert row.timescale == "6 months"
    assert [(w.row, w.column) for w in result.warnings] == [(2, "Target date")]


@pytest.mark.parametrize("value", [None, "", "   "])
def test_empty_date(value):
    assert parse_date_value(value) == (None, None)


@pytest.mark.parametrize(
    "value", ["31/02/2013", "13/13/2013", "00/07/2013", "2013-02-30", "30 Juy 2013", 0.5]
)
def test_bad_dates_raise_the_user_message(value):
    with pytest.raises(ValueError, match=BAD_DATE):
        parse_date_value(value)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_bad_dates_are_reported_with_row_and_column(fmt):
    result = parse(
        [
            ["Priority", "Action", "Due date"],
            ["1. Safety", "Audit", "30/07/2013"],
            ["", "Review", "31/02/2013"],
            ["", "Train", "13/13/2013"],
        ],
        fmt,
    )
    assert result.problems == [Problem(3, "Due date", BAD_DATE), Problem(4, "Due date", BAD_DATE)]
    assert [row.target_date for row in result.rows] == [date(2013, 7, 30), None, None]
    assert [row.ok for row in result.rows] == [True, False, False]


# --------------------------------------------------------------------------------------
# Statuses
# --------------------------------------------------------------------------------------

STATUS_SPELLINGS = {
    "complete": ["complete", "completed", "done", "blue", "b", "Complete", "Verified"],
    "on_track": ["in progress", "on track", "on target", "green", "g", "On track"],
    "at_risk": ["behind schedule", "at risk", "amber", "a", "slipping", "At risk"],
    "off_track": ["off track", "red", "r", "not achieved", "overdue", "Off track"],
    "not_started": ["not started", "not yet started", "grey", "gray", "Not started", "", None],
    "closed": ["Closed", "closed"],
}


@pytest.mark.parametrize(
    ("text", "expected"),
    [(text, key) for key, texts in STATUS_SPELLINGS.items() for text in texts],
)
def test_every_status_spelling(text, expected):
    assert parse_status(text) == expected
    if text:
        assert parse_status(f"  {text.upper()} ") == expected


def test_status_keys():
    assert set(STATUS_KEYS) == set(STATUS_SPELLINGS)


@pytest.mark.parametrize("text", ["Green - on track", "Amber (some slippage)", "R: overdue"])
def test_status_with_a_comment_after_it(text):
    assert parse_status(text) in STATUS_KEYS


@pytest.mark.parametrize("text", ["Purple", "50%", "yes", 3])
def test_bad_status(text):
    with pytest.raises(ValueError, match=r"Status must be one of: Not started, On track"):
        parse_status(text)


def test_bad_and_closed_statuses_in_a_file():
    result = parse(
        [
            ["Priority", "Action", "RAG rating"],
            ["1. Safety", "Audit", "Purple"],
            ["", "Review", "Closed"],
            ["", "Train", "G"],
        ]
    )
    assert result.problems == [Problem(2, "RAG rating", BAD_STATUS)]
    assert [row.status for row in result.rows] == ["", "closed", "on_track"]


# --------------------------------------------------------------------------------------
# Leads
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Ann Smith, Bob Jones",
        "Ann Smith; Bob Jones",
        "Ann Smith and Bob Jones",
        "Ann Smith AND Bob Jones",
        "Ann Smith & Bob Jones",
        "Ann Smith/Bob Jones",
        "Ann Smith / Bob Jones",
        "Ann Smith\nBob Jones",
        "Ann Smith\r\nBob Jones",
        "- Ann Smith\n- Bob Jones\n",
        "Ann Smith, , Bob Jones,",
        "Ann Smith, Bob Jones, ann smith",
    ],
)
def test_leads_split_by_each_separator(text):
    assert split_leads(text) == ["Ann Smith", "Bob Jones"]


def test_leads_example_from_a_real_plan():
    assert split_leads("Head of Service, Named Nurse and Police / CSC") == [
        "Head of Service",
        "Named Nurse",
        "Police",
        "CSC",
    ]
    assert split_leads("") == []
    assert split_leads(None) == []
    assert split_leads("Alexandra Anderson") == ["Alexandra Anderson"]


def test_leads_in_an_xlsx_cell_with_line_breaks():
    _, row = single(["Responsible officer"], ["Head of Service\nNamed Nurse"], "xlsx")
    assert row.leads == ["Head of Service", "Named Nurse"]


# --------------------------------------------------------------------------------------
# Priorities and recommendations given once
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_priority_given_once_applies_to_the_rows_below(fmt):
    result = parse(
        [
            ["Priority", "Ref", "Recommendation", "Source", "Action"],
            ["1. Ensure a timely response", "R1", "Respond quickly", "Ofsted", "Audit"],
            ["", "", "", "", "Review"],
            ["", "R2", "Train staff", "", "Train"],
            ["", "", "", "", "Check"],
            ["Priority 2: Improve planning", "", "", "", "Plan"],
            [None, None, None, None, "Plan more"],
        ],
        fmt,
    )
    assert result.ok, result.problems
    got = [
        (r.row, r.priority_number, r.priority_title, r.recommendation_ref)
        + (r.recommendation_text, r.source, r.action)
        for r in result.rows
    ]
    assert got == [
        (2, 1, "Ensure a timely response", "R1", "Respond quickly", "Ofsted", "Audit"),
        (3, 1, "Ensure a timely response", "R1", "Respond quickly", "Ofsted", "Review"),
        (4, 1, "Ensure a timely response", "R2", "Train staff", "Ofsted", "Train"),
        (5, 1, "Ensure a timely response", "R2", "Train staff", "Ofsted", "Check"),
        # a new priority does not inherit the recommendation of the one before
        (6, 2, "Improve planning", "", "", "", "Plan"),
        (7, 2, "Improve planning", "", "", "", "Plan more"),
    ]


def test_a_new_ref_without_text_does_not_keep_the_old_text():
    result = parse(
        [
            ["Priority", "Rec", "Recommendation", "Action"],
            ["1", "1.1", "First", "A"],
            ["", "1.2", "", "B"],
            ["", "", "Third", "C"],
        ]
    )
    recs = [(r.recommendation_ref, r.recommendation_text) for r in result.rows]
    assert recs == [("1.1", "First"), ("1.2", ""), ("", "Third")]


def test_priority_repeated_on_every_row_keeps_the_recommendation():
    result = parse(
        [
            ["Priority", "Ref", "Action"],
            ["1. Safety", "R1", "A"],
            ["1. Safety", "", "B"],
        ]
    )
    assert [r.recommendation_ref for r in result.rows] == ["R1", "R1"]


def test_heading_rows_set_the_priority_for_the_actions_below():
    result = parse(
        [
            ["Priority", "Recommendation", "Action", "Lead"],
            ["Priority 1: Safety", "", "", ""],
            ["", "Audit files", "", ""],
            ["", "", "Audit", "Ann"],
            ["Priority 2: Empty priority", "", "", ""],
            ["Priority 3: Planning", "", "", ""],
            ["", "", "Plan", "Bob"],
        ]
    )
    assert result.ok, result.problems
    assert [(r.row, r.priority_number, r.recommendation_text) for r in result.rows] == [
        (4, 1, "Audit files"),
        (7, 3, ""),
    ]
    assert result.warnings == [
        Problem(
            5, "Priority", "No actions were found for the priority “Priority 2: Empty priority”"
        )
    ]


def test_priority_numbers_and_titles():
    result = parse(
        [
            ["Priority", "Action"],
            ["Early help", "A"],
            ["3. Ensure a timely response", "B"],
            ["Priority 1 - Leadership", "C"],
            ["Early help", "D"],
            ["Workforce", "E"],
            ["4", "F"],
            ["P5) Partnerships", "G"],
            ["Ensure a timely response", "H"],
        ]
    )
    assert result.ok, result.problems
    assert [(r.action, r.priority_number, r.priority_title) for r in result.rows] == [
        ("A", 6, "Early help"),
        ("B", 3, "Ensure a timely response"),
        ("C", 1, "Leadership"),
        ("D", 6, "Early help"),
        ("E", 7, "Workforce"),
        ("F", 4, "Priority 4"),
        ("G", 5, "Partnerships"),
        ("H", 3, "Ensure a timely response"),
    ]


def test_same_priority_number_with_two_titles_warns():
    result = parse([["Priority", "Action"], ["1. Safety", "A"], ["1. Planning", "B"]])
    assert result.ok
    assert [(r.priority_number, r.priority_title) for r in result.rows] == [
        (1, "Safety"),
        (1, "Safety"),
    ]
    assert [(w.row, w.column) for w in result.warnings] == [(3, "Priority")]


def test_row_without_a_priority_is_an_error():
    result = parse([["Priority", "Action"], ["", "Orphan"], ["1. Safety", "A"]])
    assert result.problems == [Problem(2, "Priority", "Enter the priority")]
    assert [r.priority_number for r in result.rows] == [0, 1]


# --------------------------------------------------------------------------------------
# Rows
# --------------------------------------------------------------------------------------


def test_empty_rows_are_skipped_and_missing_action_is_an_error():
    result = parse(
        [
            ["Priority", "Action to be taken", "Lead"],
            ["1. Safety", "Audit", "Ann"],
            ["", "", ""],
            ["  ", " ", ""],
            ["", "", "Bob"],
            ["", "Review", "Cat"],
        ]
    )
    assert result.problems == [Problem(5, "Action to be taken", "Enter the action")]
    assert [(r.row, r.action, r.leads) for r in result.rows] == [
        (2, "Audit", ["Ann"]),
        (5, "", ["Bob"]),
        (6, "Review", ["Cat"]),
    ]


def test_line_breaks_inside_cells_are_kept():
    data = b'Priority,Action\r\n1. Safety,"First line\r\nsecond line"\r\n'
    result = parse_plan_file(data)
    assert result.rows[0].action == "First line\nsecond line"
    assert result.rows[0].row == 2


def test_numbers_in_text_columns_become_text():
    result = parse([["Priority", "Ref", "Action", "Progress"], [2, 15, "Audit", 1.5]], "xlsx")
    row = result.rows[0]
    assert (row.priority_number, row.priority_title, row.recommendation_ref) == (
        2,
        "Priority 2",
        "15",
    )
    assert row.progress == "1.5"
    result = parse([["Priority", "Ref", "Action"], ["1", 15.0, "Audit"]], "xlsx")
    assert result.rows[0].recommendation_ref == "15"


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_one_bad_row_among_500(fmt):
    rows = [["Priority", "Action", "Lead officer", "Target date", "RAG status"]]
    for i in range(500):
        rows.append([f"{i // 50 + 1}. Priority", f"Action {i}", "Ann", "30/07/2013", "Green"])
    rows[317][3] = "31/02/2013"  # spreadsheet row 318
    result = parse(rows, fmt)
    assert len(result.rows) == 500
    assert result.problems == [Problem(318, "Target date", BAD_DATE)]
    assert [r.row for r in result.rows if not r.ok] == [318]
    assert result.rows[316].problems == [Problem(318, "Target date", BAD_DATE)]


LIMITS = [
    ("Action", 10_000, "Action"),
    ("Intended outcome", 10_000, "Intended outcome"),
    ("Measure", 10_000, "Measure"),
    ("Progress", 10_000, "Progress"),
    ("Recommendation", 10_000, "Recommendation"),
    ("Lead", 1_000, "Lead"),
    ("Ref", 50, "Recommendation reference"),
    ("Timescale", 100, "Timescale"),
    ("Source", 300, "Source"),
]


@pytest.mark.parametrize(("header", "limit", "label"), LIMITS)
def test_overlong_text(header, limit, label):
    columns = ["Priority", "Action"] + ([header] if header != "Action" else [])

    def row_with(length):
        values = {"Priority": "1. Safety", "Action": "Audit", header: "x" * length}
        return [values[column] for column in columns]

    result = parse([columns, row_with(limit), row_with(limit + 1)])
    assert result.problems == [Problem(3, header, f"{label} must be {limit:,} characters or fewer")]
    assert len(result.rows) == 2


def test_overlong_priority():
    result = parse([["Priority", "Action"], ["p" * 301, "Audit"]])
    assert result.problems == [Problem(2, "Priority", "Priority must be 300 characters or fewer")]


# --------------------------------------------------------------------------------------
# Whole files
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data", [b"", b"\xef\xbb\xbf", b"\r\n\r\n", b",,,\r\n,,\r\n", b"   ", xlsx_bytes([])]
)
def test_empty_file(data):
    result = parse_plan_file(data, "plan.csv")
    assert result.problems == [Problem(None, None, "The file is empty")]
    assert result.rows == []


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_header_only_file(fmt):
    result = parse([["Priority", "Action", "Lead"], [], ["", "", ""]], fmt)
    assert result.problems == [Problem(None, None, "The file has a header row but no actions")]


def _zip_of_text():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("notes.txt", "hello")
    return out.getvalue()


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100,
        b"PK\x03\x04" + b"\x00" * 100,
        _zip_of_text(),
        bytes(range(256)) * 4,
        b"<html><body><table><tr><td>Priority</td></tr></table></body></html>",
    ],
    ids=["pdf", "png", "xls", "broken-zip", "zip-not-xlsx", "binary", "html"],
)
def test_not_a_spreadsheet(data):
    result = parse_plan_file(data, "upload")
    assert len(result.problems) == 1
    problem = result.problems[0]
    assert (problem.row, problem.column) == (None, None)
    assert NOT_A_SPREADSHEET in problem.message
    assert result.rows == []


def test_not_a_spreadsheet_message_mentions_other_spreadsheet_formats():
    result = parse_plan_file(b"PK\x05\x06" + b"\x00" * 18, "plan.ods")
    assert result.problems[0].message == f"Files saved as .ods cannot be read. {NOT_A_SPREADSHEET}"


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_spreadsheet_error_values_are_problems(fmt):
    result, row = single(["Lead", "Target date"], ["#REF!", "#N/A"], fmt)
    assert [(p.column, p.message) for p in result.problems] == [
        ("Lead", "The cell shows the spreadsheet error #REF!. Fix it or clear it"),
        ("Target date", "The cell shows the spreadsheet error #N/A. Fix it or clear it"),
    ]
    assert (row.leads, row.target_date, row.timescale) == ([], None, "")


def test_utf8_bom_csv():
    data = "\ufeffPriority,Action,Lead\r\n1. Safety,Café audit,Zoë\r\n".encode()
    result = parse_plan_file(data, "plan.csv")
    assert result.ok, result.problems
    assert result.columns["priority"] == "Priority"
    assert (result.rows[0].action, result.rows[0].leads) == ("Café audit", ["Zoë"])


def test_windows_1252_csv():
    text = 'Priority,Action,Progress\r\n1. Safety,"Spend £5,000 on “training”",Don’t know – yet\r\n'
    data = text.encode("cp1252")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    result = parse_plan_file(data, "plan.csv")
    assert result.ok, result.problems
    assert result.rows[0].action == "Spend £5,000 on “training”"
    assert result.rows[0].progress == "Don’t know – yet"


def test_utf16_csv_from_excel_unicode_text():
    text = "Priority\tAction\r\n1. Safety\tAudit £\r\n"
    result = parse_plan_file(text.encode("utf-16"), "plan.txt")
    assert result.ok, result.problems
    assert result.rows[0].action == "Audit £"


def test_xlsx_reads_the_first_sheet_only():
    workbook = Workbook()
    workbook.active.append(["Priority", "Action"])
    workbook.active.append(["1. Safety", "First sheet"])
    other = workbook.create_sheet("Other")
    other.append(["Priority", "Action"])
    other.append(["1. Safety", "Second sheet"])
    workbook.active = 1
    out = io.BytesIO()
    workbook.save(out)
    result = parse_plan_file(out.getvalue())
    assert [r.action for r in result.rows] == ["First sheet"]


# --------------------------------------------------------------------------------------
# Formula neutralisation
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("=SUM(A1:A2)", "'=SUM(A1:A2)"),
        ("+44 20 7946 0000", "'+44 20 7946 0000"),
        ("-5 days", "'-5 days"),
        ("@admin", "'@admin"),
        ("\tindented", "'\tindented"),
        ("\rcarriage", "'\rcarriage"),
        ("'=already", "''=already"),
        ("Plain text", "Plain text"),
        ("'quoted", "'quoted"),
        ("", ""),
        ("a=b", "a=b"),
        # Each part a spreadsheet program may split off as a cell of its own (issue 19).
        ("Hannah Okafor; Team A;=1+1", "Hannah Okafor; Team A;'=1+1"),
        ("Ann, =HYPERLINK(x)", "Ann, '=HYPERLINK(x)"),
        ("a\t+1", "a\t'+1"),
        ("line one\n@SUM(A1)", "line one\n'@SUM(A1)"),
        ("a;'=b", "a;''=b"),
        ("\t=x", "'\t'=x"),
        ("Ages 5 - 10; 11-16", "Ages 5 - 10; 11-16"),
    ],
)
def test_neutralise_formula(text, expected):
    assert neutralise_formula(text) == expected
    assert unneutralise_formula(expected) == text


@given(st.text(alphabet=st.sampled_from("=+-@\t\r\n,; 'ab")) | st.text())
def test_neutralise_formula_always_round_trips(text):
    safe = neutralise_formula(text)
    assert unneutralise_formula(safe) == text
    # No part, split at any list separator or line break, starts a formula.
    for part in re.split(r"[,;\t\r\n]", safe):
        assert not part.lstrip(" ").startswith(("=", "+", "-", "@")), (text, safe)
    assert not safe.lstrip(" ").startswith(("=", "+", "-", "@", "\t", "\r"))


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_exported_formula_like_text_round_trips(fmt):
    values = {
        "priority": "1. Safety",
        "action": '=HYPERLINK("http://evil.example","click")',
        "outcome": "+ more children seen",
        "measure": "- fewer re-referrals",
        "progress": "@Ann to update",
        "lead": "Ann",
        "recommendation_ref": "'quoted",
    }
    header = [EXPORT_HEADERS[name] for name in values]
    result = parse([header, [neutralise_formula(v) for v in values.values()]], fmt)
    assert result.ok, result.problems
    row = result.rows[0]
    assert row.action == values["action"]
    assert row.outcome == values["outcome"]
    assert row.measure == values["measure"]
    assert row.progress == values["progress"]
    assert row.recommendation_ref == "'quoted"


# --------------------------------------------------------------------------------------
# Robustness and speed
# --------------------------------------------------------------------------------------


def test_5000_rows_parse_quickly():
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(list(EXPORT_HEADERS.values()))
    for i in range(5000):
        sheet.append(
            [
                f"{i // 500 + 1}. Priority {i // 500 + 1}",
                f"R{i // 50}",
                "Recommendation text " * 5,
                "Ofsted 2012",
                f"Action number {i} " * 10,
                "Intended outcome " * 10,
                "Measure " * 10,
                "Head of Service, Named Nurse and Police / CSC",
                "Quarterly",
                datetime(2013, 7, 30) if i % 2 else "Aug-12",
                "Progress update " * 20,
                ("Green", "Amber", "Red", "Blue", "Not started")[i % 5],
            ]
        )
    out = io.BytesIO()
    workbook.save(out)

    started = time.perf_counter()
    result = parse_plan_file(out.getvalue(), "big.xlsx")
    elapsed = time.perf_counter() - started

    assert result.ok, result.problems[:3]
    assert len(result.rows) == 5000
    assert result.rows[-1].row == 5001
    assert elapsed < 10, f"took {elapsed:.1f}s"


FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(st.binary(max_size=2000))
def test_random_bytes_never_raise(data):
    result = parse_plan_file(data, "random.bin")
    assert result.rows or result.problems


@FUZZ
@given(st.binary(max_size=500))
def test_random_zip_like_bytes_never_raise(data):
    result = parse_plan_file(b"PK\x03\x04" + data, "random.xlsx")
    assert result.problems


@FUZZ
@given(st.text(max_size=2000))
def test_random_text_never_raises(text):
    result = parse_plan_file(text.encode("utf-8", "surrogatepass"), "random.csv")
    assert result.rows or result.problems


cell_text_strategy = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["Aug-12", "31/02/2013", "Immediate", "G", "Closed", "=1+1", "'=x", ""]),
)


@FUZZ
@given(
    st.lists(
        st.lists(cell_text_strategy, min_size=0, max_size=8),
        min_size=0,
        max_size=15,
    ),
    st.permutations(list(EXPORT_HEADERS.values())),
)
def test_random_plans_never_raise(rows, headers):
    data = csv_bytes([headers[:8], *rows])
    result = parse_plan_file(data, "plan.csv")
    for problem in result.problems:
        assert problem.row is None or problem.row >= 1
    for row in result.rows:
        assert row.status in (*STATUS_KEYS, "")
        assert all(p.row == row.row for p in row.problems)
