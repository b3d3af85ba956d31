"""Upload of the council's own figures: the file's layout, every problem by row and column,
the preview's added / changed / unchanged, all or nothing, revisions with history,
targets, the round trip with the measures export, and a big file as a job."""

import csv
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from core import roles
from jobs.kinds import Progress
from jobs.models import Job
from measures.figures import read_figures
from measures.job_kinds import FIGURES_IMPORT, run_figures_import
from measures.models import MeasureValue, Target
from tests import factories

pytestmark = pytest.mark.django_db
HEADER = ["measure_reference", "period", "value", "target", "note"]


def csv_file(rows, header=HEADER, bom=False) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return (("\ufeff" if bom else "") + out.getvalue()).encode()


def xlsx_file(rows, header=HEADER) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.fixture
def manager(client):
    user = factories.UserFactory(roles=[roles.PLAN_MANAGER])
    client.force_login(user)
    return user


@pytest.fixture
def measures():
    factories.CouncilProfileFactory()
    return {
        "monthly": factories.MeasureFactory(reference="LOC01", frequency="monthly"),
        "yearly": factories.MeasureFactory(reference="LOC02", frequency="reporting_year"),
        "quarterly": factories.MeasureFactory(reference="LOC03", frequency="quarterly"),
    }


def upload(client, data: bytes, name="figures.csv"):
    return client.post(reverse("measure_figures_import"), {"file": SimpleUploadedFile(name, data)})


def preview(client, data: bytes, name="figures.csv"):
    response = upload(client, data, name)
    assert response.status_code == 302, response.content.decode()[:3000]
    return response["Location"]


GOOD = [
    ["LOC01", "March 2026", "21.5", "20", "Validated by the data team"],
    ["LOC01", "Feb 2026", "c", "", ""],
    ["LOC02", "2025-26", "not supplied", "", ""],
    ["loc03", "Q1 2025-26", "1,234", "", ""],
]


def test_a_file_is_previewed_then_saved_with_targets_and_notes(client, manager, measures):
    url = preview(client, csv_file(GOOD, bom=True))
    page = client.get(url)
    text = page.content.decode()
    assert "4 to add, 0 to change, 0 unchanged" in text
    assert "1 to add, 0 to change" in text  # the target
    assert "c (suppressed to protect confidential information)" in text
    assert not MeasureValue.objects.exists()  # the preview writes nothing

    response = client.post(url, {"confirm": "1"})

    assert response.status_code == 302
    march = MeasureValue.objects.get(measure=measures["monthly"], period__time_identifier="March")
    assert (march.value, march.note, march.recorded_by) == (
        Decimal("21.5"),
        "Validated by the data team",
        manager,
    )
    assert march.area_code == "991" and march.area_type == "council"
    february = MeasureValue.objects.get(
        measure=measures["monthly"], period__time_identifier="February"
    )
    assert (february.value, february.symbol) == (None, "c")  # a symbol, never a zero
    yearly = MeasureValue.objects.get(measure=measures["yearly"])
    assert (yearly.period.time_period, yearly.period.time_identifier) == ("2026", "Reporting year")
    assert yearly.symbol == "not supplied"
    assert MeasureValue.objects.get(measure=measures["quarterly"]).value == Decimal("1234")
    target = Target.objects.get()
    assert (target.measure, target.period.label, target.value) == (
        measures["monthly"],
        "March 2026",
        20,
    )
    assert (
        "Imported 4 new and 0 revised figures"
        in client.get(reverse("measure_list")).content.decode()
    )


def test_uploading_again_changes_only_what_changed_and_keeps_history(client, manager, measures):
    factories.TargetFactory(measure=measures["monthly"], tolerance=3, tolerance_kind="percentage")
    client.post(preview(client, csv_file(GOOD)), {"confirm": "1"})
    first = MeasureValue.objects.get(measure=measures["monthly"], period__time_identifier="March")
    first_recorded = first.recorded_at
    revised = [["LOC01", "March 2026", "19", "18", ""], *GOOD[1:]]

    url = preview(client, csv_file(revised))
    text = client.get(url).content.decode()
    assert "0 to add, 1 to change, 3 unchanged" in text
    assert "21.5% becomes 19.0%" in text and "20.0% becomes 18.0%" in text
    client.post(url, {"confirm": "1"})

    first.refresh_from_db()
    assert first.value == 19 and first.recorded_at > first_recorded
    assert first.note == "Validated by the data team"  # kept: the file gave none
    assert [h.value for h in first.history.order_by("history_date")] == [Decimal("21.5"), 19]
    target = Target.objects.get(period__isnull=False)
    assert target.value == 18 and target.history.count() == 2
    assert (target.tolerance, target.tolerance_kind) == (3, "percentage")  # as the latest


def test_an_xlsx_with_numbers_and_dates_is_read(client, manager, measures):
    from datetime import datetime

    rows = [["LOC01", datetime(2026, 1, 1), 17.25, 20, None], ["LOC02", "2024-25", 3, None, None]]
    client.post(preview(client, xlsx_file(rows), "figures.xlsx"), {"confirm": "1"})
    january = MeasureValue.objects.get(measure=measures["monthly"])
    assert (january.period.label, january.value) == ("January 2026", Decimal("17.25"))
    assert MeasureValue.objects.get(measure=measures["yearly"]).period.time_period == "2025"


def problems_of(client, data: bytes) -> list[str]:
    page = client.get(preview(client, data))
    return [str(problem) for problem in page.context["plan"].problems]


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (
            ["NOPE", "March 2026", "1", "", ""],
            "row 2, measure_reference: No measure has the reference “NOPE”",
        ),
        (
            ["", "March 2026", "1", "", ""],
            "row 2, measure_reference: Enter the measure's reference",
        ),
        (["LOC01", "Smarch 2026", "1", "", ""], "row 2, period: “Smarch 2026” is not a month"),
        (["LOC01", "31/02/2026", "1", "", ""], "row 2, period: “31/02/2026” is not a month"),
        (
            ["LOC02", "March 2026", "1", "", ""],
            "row 2, period: “March 2026”: this measure's figures are for a year to 31 March",
        ),
        (
            ["LOC01", "March 2026", "lots", "", ""],
            "row 2, value: “lots” is not a number: enter a number, or one of the symbols",
        ),
        (
            ["LOC01", "March 2026", "", "", ""],
            "row 2, value: Enter a number, or one of the symbols c, low, u, x, z, : or "
            "“not supplied”, or a target",
        ),
        (
            ["LOC01", "March 2026", "1.1234567", "", ""],
            "row 2, value: The value has more than 6 decimal places",
        ),
        (["LOC01", "March 2026", "1e12", "", ""], "row 2, value: The value is too large"),
        (["LOC01", "March 2026", "NaN", "", ""], "row 2, value: “NaN” is not a number"),
        (["LOC01", "March 2026", "1", "c", ""], "row 2, target: “c” is not a number"),
        (["LOC01", "March 2099", "1", "", ""], "row 2, period: The period has not started yet"),
        (
            ["LOC01", "March 2026", "1", "", "x" * 2001],
            "row 2, note: The note must be 2,000 characters or fewer",
        ),
    ],
)
def test_each_problem_is_named_by_row_and_column(client, manager, measures, row, expected):
    found = problems_of(client, csv_file([row]))
    assert any(problem.startswith(expected) for problem in found), found


def test_a_row_with_a_bad_cell_still_has_its_reference_and_period_checked(
    client, manager, measures
):
    found = problems_of(client, csv_file([["NOPE", "March 2026", "lots", "", ""]]))
    assert len(found) == 2 and "No measure has the reference “NOPE”" in found[1]


def test_a_repeated_row_and_a_value_with_a_symbol_are_problems(client, manager, measures):
    header = ["measure_reference", "period", "value", "symbol"]
    rows = [
        ["LOC01", "March 2026", "1", ""],
        ["LOC01", "Mar 2026", "2", ""],
        ["LOC01", "April 2026", "3", "c"],
    ]
    found = problems_of(client, csv_file(rows, header))
    assert "row 3, period: repeats the figure for LOC01 given on row 2" in found
    assert "row 4, symbol: Give a figure or a symbol, not both" in found


def test_any_problem_means_nothing_is_saved_and_no_button(client, manager, measures):
    url = preview(client, csv_file([*GOOD, ["NOPE", "March 2026", "1", "", ""]]))
    page = client.get(url).content.decode()
    assert "There is a problem" in page and 'href="#problem-1"' in page and 'id="problem-1"' in page
    assert "Save these figures" not in page
    response = client.post(url, {"confirm": "1"})
    assert response.status_code == 200
    assert not MeasureValue.objects.exists() and not Target.objects.exists()


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"", "figures.csv", "The submitted file is empty"),
        (b"   \r\n", "figures.csv", "The file is empty"),
        (b"%PDF-1.4 rest", "figures.csv", "This file is a PDF"),
        (b"\xd0\xcf\x11\xe0 old", "figures.xls", "old-style Excel"),
        (
            b"PK\x03\x04 not really",
            "figures.xlsx",
            "The file is damaged or is not an Excel workbook",
        ),
        (
            b"reference,when,amount\r\nLOC01,March 2026,1\r\n",
            "f.csv",
            "The file has no period or value column",
        ),
        (
            b"measure_reference,period,value\r\n",
            "f.csv",
            "The file has a header row but no figures",
        ),
    ],
)
def test_a_file_that_cannot_be_read_is_refused_beside_the_field(
    client, manager, measures, data, name, message
):
    response = upload(client, data, name)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert "Error: " in response.content.decode()


def test_a_huge_file_is_refused(client, manager, measures, monkeypatch):
    monkeypatch.setattr("measures.forms_import.FIGURES_MAX_BYTES", 100)
    response = upload(client, csv_file(GOOD))
    assert "The selected file must be smaller than 5 MB" in response.content.decode()


def test_a_file_with_nothing_new_says_so(client, manager, measures):
    client.post(preview(client, csv_file(GOOD)), {"confirm": "1"})
    page = client.get(preview(client, csv_file(GOOD))).content.decode()
    assert "0 to add, 0 to change, 4 unchanged" in page
    assert "Nothing to save" in page and "Save these figures" not in page


def test_the_measures_export_reads_back_with_the_same_values_and_symbols(client, manager, measures):
    client.post(preview(client, csv_file(GOOD)), {"confirm": "1"})
    factories.MeasureValueFactory(
        measure=measures["monthly"], area_type="national", area_code="E92000001", value=30
    )
    exported = client.get(reverse("measure_export_csv")).getvalue()
    before = {
        (v.measure_id, v.period_id, v.value, v.symbol)
        for v in MeasureValue.objects.filter(area_type="council")
    }
    MeasureValue.objects.filter(area_type="council").delete()

    url = preview(client, exported, "measures.csv")
    page = client.get(url)
    assert "1 row for other areas left out" in page.content.decode()
    client.post(url, {"confirm": "1"})

    after = {
        (v.measure_id, v.period_id, v.value, v.symbol)
        for v in MeasureValue.objects.filter(area_type="council")
    }
    assert after == before


def test_a_big_file_is_confirmed_as_a_job(client, manager, measures, settings, monkeypatch):
    monkeypatch.setattr("measures.views_figures.SMALL", 2)
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    url = preview(client, csv_file(GOOD))
    assert "imported in the background" in client.get(url).content.decode()

    response = client.post(url, {"confirm": "1"})

    assert response["Location"] == reverse("downloads")
    job = Job.objects.get()
    assert (job.kind, job.status) == (FIGURES_IMPORT, Job.Status.QUEUED)
    assert not MeasureValue.objects.exists()
    outcome = run_figures_import(job, Progress(), manager)
    assert MeasureValue.objects.count() == 4
    assert outcome.note.startswith("Imported 4 new and 0 revised figures")


def test_someone_elses_preview_is_not_found(client, manager, measures):
    url = preview(client, csv_file(GOOD))
    client.force_login(factories.UserFactory(roles=[roles.PLAN_MANAGER]))
    assert client.get(url).status_code == 404


def test_the_reader_takes_headers_in_any_case_and_order():
    data = csv_file([["2025-26", "7", "LOC02"]], header=["Period", "Value", "Measure Reference"])
    parsed = read_figures(data, "f.csv")
    assert [(r.reference, r.period, r.value) for r in parsed.rows] == [
        ("LOC02", "2025-26", Decimal(7))
    ]


def test_the_xlsx_export_reads_back_too(client, manager, measures):
    client.post(preview(client, csv_file(GOOD)), {"confirm": "1"})
    exported = client.get(reverse("measure_export_xlsx")).getvalue()
    before = set(MeasureValue.objects.values_list("measure_id", "period_id", "value", "symbol"))
    MeasureValue.objects.all().delete()

    client.post(preview(client, exported, "measures.xlsx"), {"confirm": "1"})

    after = set(MeasureValue.objects.values_list("measure_id", "period_id", "value", "symbol"))
    assert after == before


def test_a_year_typed_as_a_number_in_a_workbook_is_read(client, manager, measures):
    measures["monthly"].frequency = "annual"
    measures["monthly"].save()
    rows = [["LOC01", 2024, 5, None, None], ["LOC01", 2025.0, 6, None, None]]
    client.post(preview(client, xlsx_file(rows), "figures.xlsx"), {"confirm": "1"})
    labels = set(MeasureValue.objects.values_list("period__time_period", flat=True))
    assert labels == {"2024", "2025"}
