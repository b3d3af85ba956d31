"""docs/importing.md lists exactly the headings the importer understands."""

import re
from pathlib import Path

from improvement.importing.headers import (
    EXPORT_HEADERS,
    FIELD_HEADERS,
    FIELD_LABELS,
    REQUIRED_FIELDS,
    TRACKING_HEADERS,
)

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "importing.md"


def headings_table() -> str:
    """The table as headers.py defines it (paste into docs/importing.md when it changes)."""
    rows = ["| Field | Required | Headings understood |", "|---|---|---|"]
    for name, headers in FIELD_HEADERS.items():
        spellings = ", ".join(dict.fromkeys((EXPORT_HEADERS[name], *headers)))
        required = "yes" if name in REQUIRED_FIELDS else "no"
        rows.append(f"| {FIELD_LABELS[name]} | {required} | {spellings} |")
    return "\n".join(rows)


def doc_section() -> str:
    text = DOC.read_text(encoding="utf-8")
    found = re.search(r"<!-- headings:start -->\n(.*?)<!-- headings:end -->", text, re.S)
    assert found, "docs/importing.md has lost its <!-- headings:start/end --> markers"
    return found.group(1)


def test_doc_table_is_the_importers_table():
    assert headings_table() in doc_section(), "Paste this into docs/importing.md:\n" + (
        headings_table()
    )


def test_every_heading_in_headers_py_appears_in_the_doc():
    section = doc_section()
    for name, headers in FIELD_HEADERS.items():
        start = f"| {FIELD_LABELS[name]} |"
        row = next(line for line in section.splitlines() if line.startswith(start))
        cells = {cell.strip() for cell in row.split("|")[3].split(",")}
        missing = {*headers, EXPORT_HEADERS[name]} - cells
        assert not missing, f"{FIELD_LABELS[name]}: {sorted(missing)} not in docs/importing.md"
    for heading in TRACKING_HEADERS.values():
        assert heading in section


def test_readme_points_to_the_doc_not_a_missing_design_md():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "DESIGN.md" not in readme
    assert "docs/importing.md" in readme


def test_make_run_takes_port():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^PORT \?= 8000$", makefile, re.M)
    assert "runserver 127.0.0.1:$(PORT)" in makefile
    assert "PORT=" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_names_the_pdf_system_packages_ci_installs():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    for package in ("libpango-1.0-0", "libpangoft2-1.0-0", "fonts-liberation"):
        assert package in ci and package in readme, package
