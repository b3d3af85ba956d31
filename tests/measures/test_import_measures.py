"""import_measures and import_statistical_neighbours on files with every quirk real ones
have; all or nothing; export_measures gives back what was imported."""

import csv
import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from measures.models import CouncilProfile, Measure, MeasureValue
from tests.measures.files import NEIGHBOURS, neighbours_file, open_data

pytestmark = pytest.mark.django_db

# Reordered: geography last, two filters before the time columns, indicators between.
COLUMNS = [
    "category",
    "time_identifier",
    "rereferral_percent",
    "age_group",
    "time_period",
    "referrals",
    "old_la_code",
    "la_name",
    "geographic_level",
    "region_name",
    "region_code",
    "country_code",
    "country_name",
    "new_la_code",
]


def rows():
    base = {"category": "Referrals", "age_group": "Total", "time_identifier": "Financial year"}
    found = [
        base
        | {
            "area": "national",
            "time_period": "202425",
            "referrals": "600000",
            "rereferral_percent": "22.5",
        },
        base
        | {
            "area": "region",
            "time_period": "202425",
            "referrals": "40000",
            "rereferral_percent": "21.0",
        },
        base
        | {
            "area": "other_region",
            "time_period": "202425",
            "referrals": "1",
            "rereferral_percent": "1",
        },
        base
        | {
            "area": "northdale",
            "time_period": "202425",
            "referrals": "1500",
            "rereferral_percent": "c",
        },
        base
        | {
            "area": "northdale",
            "time_period": "202324",
            "referrals": "1620",
            "rereferral_percent": "17.9",
        },
        base
        | {
            "area": "northdale",
            "time_period": "202324",
            "referrals": "9",
            "rereferral_percent": "4",
            "age_group": "Under 1",
        },
    ]
    symbols = ["x", "z", "low", "u", ":", "", "12.5", "30", "25", "C"]
    for (code, _), symbol in zip(NEIGHBOURS, symbols, strict=True):
        found.append(
            base
            | {
                "area": code,
                "time_period": "202425",
                "referrals": "100",
                "rereferral_percent": symbol,
            }
        )
    return found


@pytest.fixture
def neighbours_set(tmp_path):
    path = tmp_path / "sn.csv"
    path.write_bytes(neighbours_file())
    call_command(
        "import_statistical_neighbours", str(path), "--la-code", "991", stdout=io.StringIO()
    )


def run(tmp_path, data: bytes, *args, name="children_in_need.csv") -> str:
    path = tmp_path / name
    path.write_bytes(data)
    out = io.StringIO()
    call_command("import_measures", str(path), *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def cell(reference_part: str, area_code: str, period: str = "202425") -> MeasureValue:
    return MeasureValue.objects.get(
        measure__series_key=reference_part, area_code=area_code, period__time_period=period
    )


def test_neighbours_import_sets_ten_in_order_with_closeness_trimmed(neighbours_set):
    profile = CouncilProfile.current()
    neighbours = list(profile.neighbours.all())
    assert [n.old_la_code for n in neighbours] == [code for code, _ in NEIGHBOURS]
    assert neighbours[0].closeness == "Very close"
    assert neighbours[0].name == "Neighbour 20"


def test_every_quirk_is_read(tmp_path, neighbours_set):
    data = open_data(rows(), columns=COLUMNS, bom=True, quote_empty=True)
    out = run(tmp_path, data, "--la-code", "E06999901")
    key = "rereferral_percent|category=Referrals|age_group=Total"
    assert Measure.objects.filter(series_key__startswith="rereferral_percent").count() == 2
    assert cell(key, "E92000001").value == Decimal("22.5")
    assert cell(key, "E12000099").value == Decimal("21.0")
    suppressed = cell(key, "991")
    assert (suppressed.value, suppressed.symbol) == (None, "c")
    assert cell(key, "991", "202324").value == Decimal("17.9")
    symbols = {code: cell(key, code).symbol for code, _ in NEIGHBOURS if code != "925"}
    assert symbols == {
        "920": "x",
        "921": "z",
        "922": "low",
        "923": "u",
        "924": ":",
        "926": "",
        "927": "",
        "928": "",
        "929": "c",
    }
    # An empty cell is no value at all, not a zero; the other region is not ours.
    assert not MeasureValue.objects.filter(area_code="925", measure__series_key=key).exists()
    assert not MeasureValue.objects.filter(area_code="E12000001").exists()
    assert not MeasureValue.objects.filter(value=0).exists()
    period = suppressed.period
    assert (period.start.isoformat(), period.end.isoformat()) == ("2024-04-01", "2025-03-31")
    assert "Northdale" in out and "neighbours found: 10 of 10" in out


def test_series_named_by_indicator_and_filter_values(tmp_path, neighbours_set):
    run(tmp_path, open_data(rows(), columns=COLUMNS), "--la-code", "991")
    titles = set(Measure.objects.values_list("title", flat=True))
    assert "Rereferral percent (Referrals, Total)" in titles
    assert "Rereferral percent (Referrals, Under 1)" in titles


def test_named_indicator_and_filter_limit_what_is_taken(tmp_path, neighbours_set):
    run(
        tmp_path,
        open_data(rows(), columns=COLUMNS),
        "--la-code",
        "991",
        "--indicator",
        "referrals",
        "--filter",
        "age_group=Total",
    )
    assert list(Measure.objects.values_list("series_key", flat=True)) == [
        "referrals|category=Referrals|age_group=Total"
    ]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"rereferral_percent": "twelve"}, "neither a number nor a symbol"),
        ({"time_identifier": "Fortnight 3"}, "Fortnight 3"),
        ({"time_period": "20245"}, "not a year"),
    ],
)
def test_any_problem_writes_nothing_and_exits_1(tmp_path, neighbours_set, change, message):
    bad = rows()
    bad[4] = bad[4] | change
    path = tmp_path / "bad.csv"
    path.write_bytes(open_data(bad, columns=COLUMNS))
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command(
            "import_measures", str(path), "--la-code", "991", stdout=io.StringIO(), stderr=err
        )
    assert message in err.getvalue()
    assert "row 6" in err.getvalue()
    assert not Measure.objects.exists()
    assert not MeasureValue.objects.exists()


def test_unknown_council_code_writes_nothing(tmp_path):
    with pytest.raises(CommandError):
        run(tmp_path, open_data(rows(), columns=COLUMNS), "--la-code", "123")
    assert not Measure.objects.exists()


def test_dry_run_writes_nothing(tmp_path, neighbours_set):
    out = run(tmp_path, open_data(rows(), columns=COLUMNS), "--la-code", "991", "--dry-run")
    assert "Dry run" in out
    assert not MeasureValue.objects.exists()


def test_four_digit_reporting_year(tmp_path):
    data = open_data(
        [
            {
                "area": "northdale",
                "time_period": "2025",
                "time_identifier": "Reporting year",
                "referrals": "7",
            }
        ],
        columns=[
            "time_period",
            "time_identifier",
            "geographic_level",
            "old_la_code",
            "new_la_code",
            "la_name",
            "region_code",
            "referrals",
        ],
    )
    run(tmp_path, data, "--la-code", "991")
    value = MeasureValue.objects.get()
    assert value.period.end.isoformat() == "2025-03-31"
    assert value.measure.frequency == "reporting_year"


def test_reimport_revises_and_keeps_history(tmp_path, neighbours_set):
    run(tmp_path, open_data(rows(), columns=COLUMNS), "--la-code", "991")
    revised = rows()
    revised[3] = revised[3] | {"rereferral_percent": "19.2"}
    out = run(tmp_path, open_data(revised, columns=COLUMNS), "--la-code", "991")
    key = "rereferral_percent|category=Referrals|age_group=Total"
    value = cell(key, "991")
    assert value.value == Decimal("19.2")
    assert [h.symbol for h in value.history.order_by("history_id")] == ["c", ""]
    assert "1 revised" in out


def _export(*args) -> list[dict]:
    out = io.StringIO()
    call_command("export_measures", *args, stdout=out)
    return list(csv.DictReader(io.StringIO(out.getvalue())))


def test_import_then_export_gives_the_same_values_and_symbols(tmp_path, neighbours_set):
    data = open_data(rows(), columns=COLUMNS, bom=True)
    run(tmp_path, data, "--la-code", "991")
    exported = _export()
    got = {
        (r["time_period"], r["area_type"], r["area_code"], r["value"], r["symbol"])
        for r in exported
        if r["measure_title"] == "Rereferral percent (Referrals, Total)"
        and r["area_type"] != "neighbours_average"
    }
    codes = {"national": "E92000001", "region": "E12000099", "northdale": "991"}
    types = {"national": "national", "region": "regional", "northdale": "council"}
    expected = set()
    for row in rows():
        text = row["rereferral_percent"]
        if row["age_group"] != "Total" or row["area"] == "other_region" or not text:
            continue
        symbol = text.lower() if not text[0].isdigit() else ""
        value = "" if symbol else text.rstrip("0").rstrip(".") if "." in text else text
        area = row["area"]
        expected.add(
            (
                row["time_period"],
                types.get(area, "statistical_neighbour"),
                codes.get(area, area),
                value,
                symbol,
            )
        )
    assert got == expected


def test_export_gives_the_neighbours_average_and_how_many(tmp_path, neighbours_set):
    run(tmp_path, open_data(rows(), columns=COLUMNS), "--la-code", "991")
    ref = Measure.objects.get(
        series_key="rereferral_percent|category=Referrals|age_group=Total"
    ).reference
    exported = _export("--measure", ref)
    average = [r for r in exported if r["area_type"] == "neighbours_average"]
    assert len(average) == 1
    assert Decimal(average[0]["value"]) == Decimal("22.5")  # (12.5 + 30 + 25) / 3
    assert "3 of 10" in average[0]["area_name"]
    assert {r["area_type"] for r in exported} >= {"council", "national", "regional"}
