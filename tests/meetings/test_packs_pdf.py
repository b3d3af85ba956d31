"""A published meeting pack's PDF is tagged like every other (PDF/UA-1, issue 17.3): the
structure tree with headings for the meeting's sections and table headers, the title, the
language and alternative text on every chart. Read back with pikepdf."""

import io

import pikepdf
import pytest

from meetings.services_packs import publish_pack
from tests import factories
from tests.improvement.scrutiny_data import TODAY, build_world, d
from tests.improvement.test_pdf_accessibility import structure


@pytest.fixture
def world(db, fixed_today):
    fixed_today(TODAY)
    return build_world()


def test_the_published_meeting_pack_pdf_is_tagged(world):
    body = factories.BodyFactory(name="Northdale Improvement Board")
    body.plans.add(world.plan)
    factories.MeetingFactory(body=body, date=d(4, 30), papers_date=d(4, 23))
    meeting = factories.MeetingFactory(body=body, date=d(6, 20), papers_date=TODAY)
    published = publish_pack(meeting=meeting, plan=world.plan, user=world.manager)
    with published.pdf.open("rb") as handle:
        pdf = pikepdf.open(io.BytesIO(handle.read()))

    assert pdf.Root.MarkInfo.Marked is True
    assert str(pdf.Root.Lang) == "en-GB"
    assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
    title = str(pdf.docinfo.Title)
    assert title.startswith(world.plan.title) and "15 June 2026" in title
    with pdf.open_metadata() as xmp:
        assert xmp.get("pdfuaid:part") == "1"
    kinds, figures = structure(pdf)
    # Summary, priorities, since the last meeting, challenges, date requests, actions
    # arising, exceptions, recommendations, judgements.
    assert kinds["/H1"] == 1 and kinds["/H2"] >= 9, kinds
    assert kinds["/Table"] >= 4 and kinds["/TH"] >= kinds["/Table"]
    assert figures and all(alt.strip() for alt in figures), figures
