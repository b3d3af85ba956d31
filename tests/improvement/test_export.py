"""Exports of actions as the working document: .xlsx and streamed CSV."""

import csv
import datetime as dt
import io
import re

import pytest
from django.http import StreamingHttpResponse
from django.urls import reverse
from openpyxl import load_workbook

from improvement import exports
from improvement.exports import RAG_FILLS
from improvement.importing import EXPORT_HEADERS, TRACKING_HEADERS
from improvement.status import Status
from tests import factories
from tests.queries import assert_flat_queries

pytestmark = pytest.mark.django_db

HEADERS = list(EXPORT_HEADERS.values()) + list(TRACKING_HEADERS.values())
TODAY = dt.date(2026, 6, 1)


def csv_rows(response) -> list[list[str]]:
    assert isinstance(response, StreamingHttpResponse)
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def workbook_rows(response):
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    return workbook.active


def by_header(rows: list[list], header: str) -> list:
    column = rows[0].index(header)
    return [row[column] for row in rows[1:]]


@pytest.fixture
def plan(officer, fixed_today):
    fixed_today(TODAY)
    plan = factories.PlanFactory(title="Northdale plan 2026")
    priority = factories.PriorityFactory(plan=plan, number=1, title="Front door")
    factories.ActionFactory(
        priority=priority,
        order=1,
        description="Hold daily strategy meetings",
        leads=[officer],
        lead_names="Named Nurse",
        target_date=dt.date(2026, 9, 30),
        declared_status=Status.ON_TRACK,
    )
    factories.ActionFactory(
        priority=priority,
        order=2,
        description="Audit returns",
        target_date=dt.date(2026, 3, 31),  # before TODAY: overdue
        declared_status=Status.ON_TRACK,
    )
    return plan


def test_csv_export_is_streamed_in_the_working_document_columns(client, manager, plan):
    client.force_login(manager)

    response = client.get(reverse("plan_export_csv", args=[plan.pk]))

    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        'attachment; filename="northdale-plan-2026-2026-06-01.csv"'
    )
    rows = csv_rows(response)
    assert rows[0] == HEADERS
    assert by_header(rows, "Action") == ["Hold daily strategy meetings", "Audit returns"]
    assert by_header(rows, "Lead") == ["Olu Officer; Named Nurse", ""]
    assert by_header(rows, "Target date") == ["30/09/2026", "31/03/2026"]
    assert by_header(rows, "Status") == ["On track", "On track – overdue"]
    assert by_header(rows, "Priority") == ["1. Front door", "1. Front door"]


def test_xlsx_export_has_labelled_coloured_status_widths_and_a_frozen_header(client, manager, plan):
    client.force_login(manager)

    response = client.get(reverse("plan_export_xlsx", args=[plan.pk]))

    sheet = workbook_rows(response)
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0] == HEADERS
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["E"].width == exports.WIDTHS["action"]  # Action
    assert all(cell.font.bold for cell in sheet[1])
    status_column = HEADERS.index("Status") + 1
    on_track, overdue = sheet.cell(2, status_column), sheet.cell(3, status_column)
    assert on_track.value == "On track"
    assert on_track.fill.fgColor.rgb.endswith(RAG_FILLS[Status.ON_TRACK][0])
    # Overdue counts as red, and says so in words beside the declared status.
    assert overdue.value == "On track – overdue"
    assert overdue.fill.fgColor.rgb.endswith(RAG_FILLS[Status.OFF_TRACK][0])
    target = sheet.cell(2, HEADERS.index("Target date") + 1)
    assert target.value.date() == dt.date(2026, 9, 30)
    assert target.number_format == "d mmm yyyy"


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_formula_injection_is_neutralised(fmt, client, manager, fixed_today):
    fixed_today(TODAY)
    dangerous = '=HYPERLINK("http://evil.example","Click")'
    action = factories.ActionFactory(description=dangerous, intended_outcome="+1+1")
    factories.ProgressUpdateFactory(action=action, narrative="@SUM(A1:A2)")
    client.force_login(manager)

    response = client.get(reverse(f"plan_export_{fmt}", args=[action.priority.plan_id]))

    if fmt == "csv":
        rows = csv_rows(response)
    else:
        sheet = workbook_rows(response)
        rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
        assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    assert by_header(rows, "Action") == ["'" + dangerous]
    assert by_header(rows, "Intended outcome") == ["'+1+1"]
    assert by_header(rows, "Progress") == ["'@SUM(A1:A2)"]


def test_a_formula_after_a_semicolon_is_neutralised_in_the_csv(client, manager, fixed_today):
    # Excel splits an unquoted cell at ";" where that is the list separator (issue 19).
    fixed_today(TODAY)
    action = factories.ActionFactory(description="Hannah Okafor; Team A;=1+1")
    client.force_login(manager)

    response = client.get(reverse("plan_export_csv", args=[action.priority.plan_id]))

    raw = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "Hannah Okafor; Team A;'=1+1" in raw
    for line in raw.splitlines():
        for cell in re.split(r"[,;\t]", line):
            assert not cell.strip(' "').startswith(("=", "+", "-", "@")), line


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_scrutiny_never_gets_confidential_actions_or_recommendations(fmt, client, scrutiny):
    public = factories.RecommendationFactory(reference="R1")
    secret = factories.RecommendationFactory(
        reference="R2", inspection=factories.InspectionFactory(is_confidential=True)
    )
    shown = factories.ActionFactory(description="Public action", recommendations=[public, secret])
    factories.ActionFactory(
        priority=shown.priority, description="Secret action", recommendations=[secret]
    )
    client.force_login(scrutiny)

    for url in (
        reverse(f"plan_export_{fmt}", args=[shown.priority.plan_id]),
        reverse(f"action_export_{fmt}"),
    ):
        response = client.get(url)
        if fmt == "csv":
            rows = csv_rows(response)
        else:
            rows = [[c.value for c in row] for row in workbook_rows(response).iter_rows()]
        assert by_header(rows, "Action") == ["Public action"]
        assert by_header(rows, "Recommendation ref") == ["R1"]


def test_the_list_export_takes_the_same_filters_as_the_list(client, manager, plan):
    client.force_login(manager)

    response = client.get(reverse("action_export_csv"), {"overdue": "1", "q": "audit"})

    assert by_header(csv_rows(response), "Action") == ["Audit returns"]
    list_page = client.get(reverse("action_list"), {"overdue": "1", "q": "audit"})
    assert list_page.context["export_csv"].endswith("?overdue=1&q=audit")
    assert list_page.context["page_obj"].paginator.count == 1


def test_an_invalid_filter_sends_the_export_back_to_the_list(client, manager, plan):
    client.force_login(manager)

    response = client.get(reverse("action_export_xlsx"), {"due_from": "31/02/2026"})

    assert response.status_code == 302
    assert response["Location"] == reverse("action_list") + "?due_from=31%2F02%2F2026"


def test_a_row_without_a_recommendation_after_one_with_says_none(client, manager):
    """The importer carries a recommendation down to empty cells, so the export says None."""
    rec = factories.RecommendationFactory(reference="R4", text="Text of R4")
    first = factories.ActionFactory(order=1, recommendations=[rec])
    factories.ActionFactory(priority=first.priority, order=2)
    client.force_login(manager)

    rows = csv_rows(client.get(reverse("plan_export_csv", args=[first.priority.plan_id])))

    assert by_header(rows, "Recommendation ref") == ["R4", "None"]
    assert by_header(rows, "Recommendation") == ["Text of R4", ""]
    assert by_header(rows, "Source") == [rec.inspection.title, ""]


def test_several_leads_and_recommendations_are_joined_in_order(client, manager):
    """Leads in name order (one without a name sorts first, shown by e-mail), then the typed
    names; recommendations in register order (R2 before R10), each source named once."""
    ofsted = factories.InspectionFactory(title="Ofsted 2026")
    review = factories.InspectionFactory(title="Peer review")
    r10 = factories.RecommendationFactory(inspection=ofsted, reference="R10", text="Tenth")
    r2 = factories.RecommendationFactory(inspection=ofsted, reference="R2", text="Second")
    p1 = factories.RecommendationFactory(inspection=review, reference="R11", text="Peer")
    zoe = factories.UserFactory(full_name="Zoe Last")
    nameless = factories.UserFactory(full_name="", email="nameless@example.org")
    amy = factories.UserFactory(full_name="Amy First")
    action = factories.ActionFactory(
        leads=[zoe, nameless, amy], lead_names=" Named Nurse ", recommendations=[r10, p1, r2]
    )
    client.force_login(manager)

    rows = csv_rows(client.get(reverse("plan_export_csv", args=[action.priority.plan_id])))

    assert by_header(rows, "Lead") == ["nameless@example.org; Amy First; Zoe Last; Named Nurse"]
    assert by_header(rows, "Recommendation ref") == ["R2; R10; R11"]
    assert by_header(rows, "Recommendation") == ["R2: Second\n\nR10: Tenth\n\nR11: Peer"]
    assert by_header(rows, "Source") == ["Ofsted 2026; Peer review"]


def _plan_with_actions(size: int) -> tuple[int, int]:
    """(plan id, size): a plan whose `size` actions have a lead, a recommendation and an update."""
    priority = factories.PriorityFactory()
    officer = factories.UserFactory()
    recommendation = factories.RecommendationFactory()
    for order in range(1, size + 1):
        action = factories.ActionFactory(
            priority=priority,
            order=order,
            leads=[officer],
            recommendations=[recommendation],
        )
        factories.ProgressUpdateFactory(action=action)
    return priority.plan_id, size


def test_the_export_reads_in_the_same_number_of_queries_for_10_or_200_actions(
    client, manager, fixed_today, monkeypatch
):
    """One query reads every row (leads, recommendations, progress included), however many
    rows and however many chunks they are read in."""
    fixed_today(TODAY)
    monkeypatch.setattr(exports, "CHUNK_SIZE", 50)
    client.force_login(manager)

    def export(plan):
        plan_id, size = plan
        response = client.get(reverse("plan_export_csv", args=[plan_id]))
        assert len(csv_rows(response)) == size + 1  # read inside the count: it streams

    assert_flat_queries(export, _plan_with_actions(10), _plan_with_actions(200), at_most=12)


def test_exports_carry_the_tracking_columns_after_the_working_document(client, manager, plan):
    """Issue 18, item 3: action reference, plan, percent complete, last update, original
    target date, how often the date moved and the lead team, in both formats."""
    first = plan.priorities.get().actions.get(order=1)
    first.lead_team = factories.TeamFactory(name="Front Door Team")
    first.percent_complete = 0  # a real figure, not left empty
    first.last_update_at = dt.datetime(2026, 5, 31, 23, 30, tzinfo=dt.UTC)  # 1 June in London
    first.original_target_date = dt.date(2026, 7, 31)
    first.save()
    factories.TargetDateChangeFactory.create_batch(2, action=first)
    client.force_login(manager)

    csv_data = csv_rows(client.get(reverse("plan_export_csv", args=[plan.pk])))
    sheet = workbook_rows(client.get(reverse("plan_export_xlsx", args=[plan.pk])))
    xlsx_data = [[cell.value for cell in row] for row in sheet.iter_rows()]

    # The working document's columns come first, as they were.
    assert HEADERS[: len(EXPORT_HEADERS)] == list(EXPORT_HEADERS.values())
    expected = {
        "Action ref": (["1.1", "1.2"], ["1.1", "1.2"]),
        "Plan": (["Northdale plan 2026"] * 2, ["Northdale plan 2026"] * 2),
        "Percent complete": (["0", ""], [0, None]),
        "Last update": (["01/06/2026", ""], [dt.datetime(2026, 6, 1), None]),
        "Original target date": (
            ["31/07/2026", "05/04/2026"],
            [dt.datetime(2026, 7, 31), dt.datetime(2026, 4, 5)],
        ),
        "Target date changes": (["2", "0"], [2, 0]),
        "Lead team": (["Front Door Team", ""], ["Front Door Team", None]),
    }
    for header, (in_csv, in_xlsx) in expected.items():
        assert by_header(csv_data, header) == in_csv, header
        assert by_header(xlsx_data, header) == in_xlsx, header


def test_the_workbook_is_set_to_print_landscape_fitted_to_the_width(client, manager, plan):
    client.force_login(manager)
    sheet = workbook_rows(client.get(reverse("plan_export_xlsx", args=[plan.pk])))

    assert sheet.page_setup.orientation == "landscape"
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 0)
    assert sheet.print_title_rows == "$1:$1"  # the header row on every page
    assert sheet.oddFooter.right.text == "Page &P of &N"
    assert sheet.oddFooter.left.text == "Northdale plan 2026"
    assert sheet.row_dimensions[1].height  # the wrapped headings are given room
