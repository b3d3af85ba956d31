"""Open-data and statistical-neighbour files the tests build, with the quirks real ones have."""

import csv
import io

GEOGRAPHY = {
    "national": ("National", "E92000001", "England", "", "", "", "", ""),
    "region": ("Regional", "E92000001", "England", "E12000099", "Midshire", "", "", ""),
    "other_region": ("Regional", "E92000001", "England", "E12000001", "North East", "", "", ""),
    "northdale": (
        "Local authority",
        "E92000001",
        "England",
        "E12000099",
        "Midshire",
        "E06999901",
        "991",
        "Northdale",
    ),
}
GEO_COLUMNS = (
    "geographic_level",
    "country_code",
    "country_name",
    "region_code",
    "region_name",
    "new_la_code",
    "old_la_code",
    "la_name",
)
NEIGHBOURS = [(f"9{n:02d}", f"Neighbour {n}") for n in range(20, 30)]  # 920..929


def neighbour_geography(code: str, name: str) -> tuple:
    return (
        "Local authority",
        "E92000001",
        "England",
        "E12000098",
        "Shire",
        f"E0699{code}0",
        code,
        name,
    )


def open_data(
    rows: list[dict],
    *,
    columns: list[str],
    bom: bool = False,
    quote_empty: bool = False,
) -> bytes:
    """A CSV in the open-data layout. Each row: time_period, time_identifier, area (a key of
    GEOGRAPHY or a neighbour's code) and the other columns' cells."""
    lines = io.StringIO()
    quoting = csv.QUOTE_ALL if quote_empty else csv.QUOTE_MINIMAL
    writer = csv.writer(lines, lineterminator="\r\n", quoting=quoting)
    writer.writerow(columns)
    names = dict(NEIGHBOURS)
    for row in rows:
        area = row["area"]
        geography = GEOGRAPHY.get(area) or neighbour_geography(area, names[area])
        cells = dict(zip(GEO_COLUMNS, geography, strict=True)) | row
        writer.writerow([cells.get(column, "") for column in columns])
    text = lines.getvalue()
    return (("\ufeff" if bom else "") + text).encode("utf-8")


def neighbours_file(council: str = "991", *, pad: bool = True) -> bytes:
    header = ["old_la_code", "la_name", "gor_code", "gor_name"]
    for n in range(1, 11):
        header += [f"SN_{n}", f"SN_{n}P"]
    closeness = ["Very close", "Close", "Somewhat close", "Not close"]
    council_row = [council, "Northdale", "E12000099", "Midshire"]
    for n, (code, _) in enumerate(NEIGHBOURS):
        council_row += [code, closeness[n % 4] + ("  " if pad else "")]
    lines = io.StringIO()
    writer = csv.writer(lines)
    writer.writerow(header)
    writer.writerow(council_row)
    for code, name in NEIGHBOURS:
        writer.writerow([code, name, "E12000098", "Shire"] + [""] * 20)
    return lines.getvalue().encode("utf-8")
