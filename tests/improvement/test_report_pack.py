"""The committee report pack: its figures, and the page, PDF and workbook agreeing."""

import io
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from core import roles
from improvement.reports.pack import report_pack
from improvement.status import DASHBOARD_ORDER, Status
from tests import factories
from tests.improvement.scrutiny_data import (
    PAST,
    TODAY,
    at,
    build_world,
    expected,
    replay,
    visible,
)
from tests.improvement.test_dashboard import bulk_plan
from tests.queries import assert_flat_queries


@pytest.fixture
def world(db, fixed_today):
    fixed_today(TODAY)
    return build_world()


def plain(text: str) -> str:
    return " ".join(text.split())


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return plain(" ".join(page.extract_text() for page in reader.pages))


def in_plan(world):
    return [a for a in visible(world) if a.priority.plan_id == world.plan.pk]


@pytest.mark.parametrize("day", [TODAY, PAST], ids=["today", "past"])
def test_pack_figures_equal_the_python_rules(world, day):
    pack = report_pack(world.scrutiny, plan=world.plan, day=day)
    groups, total = expected(in_plan(world), day, today=day == TODAY)
    assert {f.status: f.count for f in pack.total.figures} == {s: total[s] for s in Status.values}
    assert (pack.total.overdue, pack.total.stale) == (total["overdue"], total["stale"])
    for priority, row in zip(world.priorities[:2], pack.breakdown.rows, strict=True):
        assert {f.status: f.count for f in row.figures} == {
            s: groups[priority.pk][s] for s in Status.values
        }


def test_exceptions_are_off_track_overdue_or_stale_with_the_narrative_of_the_day(world):
    pack = report_pack(world.scrutiny, plan=world.plan, day=PAST)
    listed = {row.action_id: row for row in pack.exceptions}
    wanted = set()
    for action in in_plan(world):
        state = replay(action, PAST)
        if state.exists and (state.effective == Status.OFF_TRACK or state.stale):
            wanted.add(action.pk)
    assert set(listed) == wanted
    a2 = listed[world.actions["a2"].pk]  # overdue at PAST; its June narrative came later
    assert a2.overdue and a2.days_overdue == 16
    assert a2.narrative.endswith("on_track on 2026-02-01")
    assert a2.declared_status == Status.ON_TRACK and a2.effective_status == Status.OFF_TRACK
    assert a2.lead == "Lena Lead"
    assert "Overdue by 16 days" in a2.reasons


def test_the_page_has_every_part_of_the_pack_and_hides_the_controls_in_print(world, client):
    client.force_login(world.scrutiny)
    response = client.get(reverse("report_pack", args=[world.plan.pk]), {"as_at": "2026-03-31"})
    html = response.content.decode()
    assert response.status_code == 200
    for heading in (
        "Summary",
        "Status by priority",
        "Exceptions: off track, overdue or not updated",
        "Recommendations and responses",
        "Inspection judgements",
    ):
        assert heading in html
    assert '<form method="get" novalidate class="app-no-print">' in html
    assert "report as at 31 March 2026" in html
    assert "report.pdf?as_at=2026-03-31" in html and "report.xlsx?as_at=2026-03-31" in html


def test_pdf_opens_and_shows_the_same_figures_as_the_page(world, client):
    client.force_login(world.scrutiny)
    url = reverse("report_pack", args=[world.plan.pk])
    page = client.get(url, {"as_at": "2026-03-31"})
    response = client.get(reverse("report_pdf", args=[world.plan.pk]), {"as_at": "2026-03-31"})
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'attachment; filename="main-plan-pack-as-at-2026-03-31-official.pdf"'
    )
    text = pdf_text(response.content)
    pack = page.context["pack"]
    assert "Main plan" in text and "31 March 2026" in text
    for message in pack.key_messages:  # every count, in words, as on the page
        assert plain(message) in text, message
        assert message in page.content.decode().replace("&#x27;", "'")
    for row in pack.exceptions:
        assert f"{row.reference} " in text
    summary = re.search(r"Actions by status Status Actions Share (.*?) Total (\d+)", text)
    counted = re.findall(r"([A-Z][a-z]+(?: [a-z]+)?) (\d+) (\d+)%", summary.group(1))
    assert {label: int(n) for label, n, _ in counted} == {
        f.label: f.count for f in pack.total.figures
    }
    assert int(summary.group(2)) == pack.total.total


def test_xlsx_opens_with_a_sheet_per_part_and_the_same_figures(world, client):
    client.force_login(world.scrutiny)
    response = client.get(reverse("report_xlsx", args=[world.plan.pk]))
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == [
        "Summary",
        "Status by priority",
        "Exceptions",
        "Recommendations",
        "Judgements",
    ]
    pack = report_pack(world.scrutiny, plan=world.plan, day=TODAY)
    rows = {row[0]: row[1] for row in workbook["Summary"].iter_rows(values_only=True) if row}
    for figure in pack.total.figures:
        assert rows[figure.label] == figure.count
    assert rows["Total"] == pack.total.total
    by_priority = list(workbook["Status by priority"].iter_rows(values_only=True))
    assert by_priority[0][1:8] == tuple(Status(s).label for s in DASHBOARD_ORDER)
    assert by_priority[-1][0] == "All actions" and by_priority[-1][8] == pack.total.total
    exceptions = list(workbook["Exceptions"].iter_rows(values_only=True))[1:]
    assert [row[0] for row in exceptions] == [row.reference for row in pack.exceptions]


def test_free_text_starting_with_equals_stays_text_in_the_workbook(world, client):
    action = world.actions["a1"]
    factories.ProgressUpdateFactory(
        action=action,
        narrative='=HYPERLINK("http://x")',
        status=Status.OFF_TRACK,
        created_at=at(TODAY, 9),
    )
    client.force_login(world.scrutiny)
    response = client.get(reverse("report_xlsx", args=[world.plan.pk]))
    sheet = load_workbook(io.BytesIO(response.content))["Exceptions"]
    cells = [c for row in sheet.iter_rows() for c in row if str(c.value).startswith("=HYPER")]
    assert cells and all(c.data_type == "s" for c in cells)


def test_a_bad_date_on_a_download_goes_back_to_the_page_with_the_message(world, client):
    client.force_login(world.scrutiny)
    response = client.get(reverse("report_pdf", args=[world.plan.pk]), {"as_at": "31/13/2026"})
    assert response.status_code == 302
    page = client.get(response["Location"])
    assert "The &#x27;status as at&#x27; date must be a real date" in page.content.decode()


def test_report_pack_runs_the_same_queries_for_40_and_2000_actions(db, client, fixed_today):
    fixed_today(TODAY)
    user = factories.UserFactory(roles=[roles.SCRUTINY])
    client.force_login(user)
    small, large = bulk_plan(40), bulk_plan(2_000)

    def page(url):
        response = client.get(url)
        assert response.status_code == 200

    for name, query in (
        ("report_pack", ""),
        ("report_pack", "?as_at=2026-02-28"),
        ("report_xlsx", ""),
    ):
        assert_flat_queries(
            page,
            reverse(name, args=[small.pk]) + query,
            reverse(name, args=[large.pk]) + query,
            at_most=15,
        )
