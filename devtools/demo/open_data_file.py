"""Writes the demo's published-statistics files (devtools/demo/data/) from
measures_content: `python -m devtools.demo.open_data_file`. The files are shipped, and
load_demo imports them through the real importer; tests/devtools check they match."""

import csv
import io
from pathlib import Path

from devtools.demo import measures_content as content

DATA = Path(__file__).parent / "data"
# Columns in an order of their own, as real files have.
COLUMNS = [
    "time_period",
    "time_identifier",
    "geographic_level",
    "country_code",
    "country_name",
    "region_code",
    "region_name",
    "new_la_code",
    "old_la_code",
    "la_name",
    "breakdown",
]


def _neighbour_value(measure, index: int, year: int) -> float:
    """A neighbour's figure: England's, shifted by a pattern of the neighbour and the year."""
    spread = ((index * 7 + year * 3) % 11 - 5) / 50 + 0.03  # neighbours run a little higher
    return round(measure.england[year] * (1 + spread), measure.decimal_places)


def _text(value, places: int) -> str:
    return value if isinstance(value, str) else f"{value:.{places}f}"


def open_data_text() -> str:
    header = COLUMNS + [m.column for m in content.PUBLISHED]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    old, new, name = content.COUNCIL
    for year_index, year in enumerate(content.YEARS):
        rows = [
            (["National", "E92000001", "England", "", "", "", "", ""], lambda m: m.england),
            (["Regional", "E92000001", "England", *content.REGION, "", "", ""], lambda m: m.region),
            (
                ["Local authority", "E92000001", "England", *content.REGION, new, old, name],
                lambda m: m.council,
            ),
        ]
        for geography, series in rows:
            cells = [_text(series(m)[year_index], m.decimal_places) for m in content.PUBLISHED]
            writer.writerow([year, "Reporting year", *geography, "Total", *cells])
        for index, (code, neighbour, _) in enumerate(content.NEIGHBOURS):
            cells = []
            for measure in content.PUBLISHED:
                symbol = content.NEIGHBOUR_SYMBOLS.get((measure.reference, code, year))
                value = symbol or _neighbour_value(measure, index, year_index)
                cells.append(_text(value, measure.decimal_places))
            writer.writerow(
                [
                    year,
                    "Reporting year",
                    "Local authority",
                    "E92000001",
                    "England",
                    "E12000098",
                    "Shire",
                    f"E0699{code}0",
                    code,
                    neighbour,
                    "Total",
                    *cells,
                ]
            )
    return out.getvalue()


def neighbours_text() -> str:
    header = ["old_la_code", "la_name", "gor_code", "gor_name"]
    for n in range(1, 11):
        header += [f"SN_{n}", f"SN_{n}P"]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    row = [content.COUNCIL[0], content.COUNCIL[2], *content.REGION]
    for code, _, closeness in content.NEIGHBOURS:
        row += [code, closeness + " "]  # the published file pads with spaces
    writer.writerow(row)
    for code, name, _ in content.NEIGHBOURS:
        writer.writerow([code, name, "E12000098", "Shire"] + [""] * 20)
    return out.getvalue()


def write() -> None:
    (DATA / content.FILE_NAME).write_text(open_data_text(), encoding="utf-8")
    (DATA / content.NEIGHBOURS_FILE_NAME).write_text(neighbours_text(), encoding="utf-8")


if __name__ == "__main__":
    write()
