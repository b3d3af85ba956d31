"""The committee pack is made for a chosen audience, not for whoever downloads it (issue 18,
items 1 and 2): the same "for publication" pack for everyone, a restricted one only for
those who read confidential items, and each marked, named and given a cover."""

import io

import pytest
from django.core.exceptions import PermissionDenied
from django.test import override_settings
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from improvement.reports.audience import Audience
from improvement.reports.pack import report_pack
from tests.improvement.scrutiny_data import PAST, TODAY, build_world


@pytest.fixture
def world(db, fixed_today):
    fixed_today(TODAY)
    return build_world()


def figures(pack) -> dict:
    """Every figure and row the pack shows, without the time it was prepared."""
    return {
        "total": [(f.status, f.count, f.share) for f in pack.total.figures],
        "overdue and stale": (pack.total.overdue, pack.total.stale),
        "by priority": [
            (row.label, [(f.status, f.count) for f in row.figures]) for row in pack.breakdown.rows
        ],
        "exceptions": pack.exceptions,
        "recommendations": pack.recommendations,
        "judgements": [(row.area, row.cells) for row in pack.journey.rows],
        "messages": pack.key_messages,
    }


def workbook_values(content: bytes) -> dict:
    workbook = load_workbook(io.BytesIO(content))
    values = {}
    for sheet in workbook.worksheets:
        rows = [list(row) for row in sheet.iter_rows(values_only=True)]
        values[sheet.title] = [r for r in rows if not str(r[0] or "").startswith("Prepared ")]
    return values


def pdf_pages(content: bytes) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(content)).pages]


@pytest.mark.parametrize("day", [TODAY, PAST], ids=["today", "past"])
def test_a_plan_manager_and_a_councillor_get_the_same_pack_for_publication(world, day):
    manager = report_pack(world.manager, plan=world.plan, day=day)
    councillor = report_pack(world.scrutiny, plan=world.plan, day=day)

    assert manager.audience == councillor.audience == Audience.PUBLICATION
    assert figures(manager) == figures(councillor)
    assert world.secret_action.pk not in {row.action_id for row in manager.exceptions}


def test_the_publication_workbooks_downloaded_by_each_are_identical(world, client):
    downloads = []
    for user in (world.manager, world.scrutiny, world.auditor):
        client.force_login(user)
        response = client.get(reverse("report_xlsx", args=[world.plan.pk]))
        assert response.status_code == 200
        downloads.append(workbook_values(response.content))
    assert downloads[0] == downloads[1] == downloads[2]
    assert downloads[0]["Summary"][0] == ["OFFICIAL", None, None]


def test_a_restricted_pack_holds_the_confidential_items_the_public_one_leaves_out(world):
    public = report_pack(world.manager, plan=world.plan, day=TODAY)
    restricted = report_pack(
        world.manager, plan=world.plan, day=TODAY, audience=Audience.RESTRICTED
    )

    assert restricted.marking == "OFFICIAL-SENSITIVE" and public.marking == "OFFICIAL"
    assert restricted.total.total == public.total.total + 1
    assert world.secret_action.pk in {row.action_id for row in restricted.exceptions}
    assert len(restricted.recommendations) == len(public.recommendations) + 1


def test_a_councillor_cannot_make_a_restricted_pack(world, client):
    with pytest.raises(PermissionDenied):
        report_pack(world.scrutiny, plan=world.plan, day=TODAY, audience=Audience.RESTRICTED)

    client.force_login(world.scrutiny)
    page = client.get(reverse("report_pack", args=[world.plan.pk]))
    assert "audience" not in page.context["form"].fields  # not offered
    assert "are for publication: they leave out confidential items" in page.content.decode()
    for name in ("report_pack", "report_pdf", "report_xlsx"):
        response = client.get(reverse(name, args=[world.plan.pk]), {"audience": "restricted"})
        assert response.status_code == 403, name  # nor accepted


def test_a_plan_manager_chooses_the_audience_and_the_downloads_follow(world, client):
    client.force_login(world.manager)
    url = reverse("report_pack", args=[world.plan.pk])
    default = client.get(url)
    assert default.context["form"]["audience"].value() == Audience.PUBLICATION
    assert "Restricted: includes confidential items" in default.content.decode()

    page = client.get(url, {"as_at": "2026-03-31", "audience": "restricted", "meeting": "Cabinet"})
    html = page.content.decode()
    assert page.context["pack"].is_restricted
    assert "OFFICIAL-SENSITIVE" in html and "Do not publish it" in html
    assert "report.pdf?as_at=2026-03-31&amp;audience=restricted&amp;meeting=Cabinet" in html
    wrong = client.get(url, {"audience": "everyone"})
    assert "Select a valid choice" in wrong.content.decode()


@override_settings(COUNCIL_NAME="Northdale Council")
def test_the_pdf_has_a_cover_a_marking_on_every_page_and_page_numbers(world, client):
    world.plan.title = "Improvement plan 2026-28"
    world.plan.save()
    client.force_login(world.manager)
    options = {
        "as_at": "2026-03-31",
        "audience": "restricted",
        "meeting": "Children's Services Scrutiny Committee, 14 April 2026",
        "agenda_item": "Item 7",
    }

    response = client.get(reverse("report_pdf", args=[world.plan.pk]), options)

    assert response["Content-Disposition"] == (
        'attachment; filename="improvement-plan-2026-28-pack-as-at-2026-03-31-'
        'official-sensitive.pdf"'
    )
    pages = pdf_pages(response.content)
    cover = pages[0]
    for text in (
        "Northdale Council",
        "Improvement plan 2026-28",
        "Children's Services Scrutiny Committee, 14 April 2026",
        "Agenda item Item 7",
        "Status as at End of 31 March 2026",
        "Restricted: includes confidential items",
        "Contents",
        "Inspection judgements",
    ):
        assert text in cover, text
    assert "Actions by status" not in cover  # the summary starts on the next page
    for number, text in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in text
        assert text.count("OFFICIAL-SENSITIVE") >= 2  # top and foot of every page
        assert "Improvement plan 2026-28" in text  # the running footer


def test_a_publication_pdf_is_marked_official_and_named_so(world, client):
    client.force_login(world.scrutiny)
    response = client.get(reverse("report_pdf", args=[world.plan.pk]), {"as_at": "2026-03-31"})
    assert response["Content-Disposition"].endswith(
        'filename="main-plan-pack-as-at-2026-03-31-official.pdf"'
    )
    pages = pdf_pages(response.content)
    assert all("OFFICIAL" in text and "SENSITIVE" not in text for text in pages)
    assert "For publication: excludes confidential items" in pages[0]
    assert "Meeting" not in pages[0]  # not given, not shown


def test_the_workbook_is_named_marked_and_set_to_print(world, client):
    client.force_login(world.manager)
    response = client.get(
        reverse("report_xlsx", args=[world.plan.pk]),
        {"as_at": "2026-03-31", "audience": "restricted", "agenda_item": "Item 7"},
    )
    assert response["Content-Disposition"] == (
        'attachment; filename="main-plan-pack-as-at-2026-03-31-official-sensitive.xlsx"'
    )
    workbook = load_workbook(io.BytesIO(response.content))
    summary = [row for row in workbook["Summary"].iter_rows(values_only=True)]
    assert summary[0][0] == "OFFICIAL-SENSITIVE"
    assert ("Agenda item", "Item 7", None) in summary
    for sheet in workbook.worksheets:
        assert sheet.page_setup.orientation == "landscape"
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert sheet.oddFooter.center.text == "OFFICIAL-SENSITIVE"
        assert sheet.oddFooter.right.text == "Page &P of &N"
    assert workbook["Exceptions"].print_title_rows == "$1:$1"
