"""Every PDF the product makes is tagged for assistive technology (PDF/UA-1, issue 17.3):
a structure tree with headings and table headers, a title shown in place of the file name,
the language, and alternative text on every chart. Read back with pikepdf."""

import io
from collections import Counter

import pikepdf
import pytest
from django.urls import reverse

from tests.improvement.scrutiny_data import TODAY, build_world


@pytest.fixture
def world(db, fixed_today):
    fixed_today(TODAY)
    return build_world()


def structure(pdf: pikepdf.Pdf) -> tuple[Counter, list]:
    """How many elements of each structure type the tree holds, and each Figure's Alt."""
    kinds, figures = Counter(), []

    def walk(node):
        if isinstance(node, pikepdf.Array):
            for child in node:
                walk(child)
        elif isinstance(node, pikepdf.Dictionary):
            if (kind := node.get("/S")) is not None:
                kinds[str(kind)] += 1
                if str(kind) == "/Figure":
                    figures.append(str(node.get("/Alt", "")))
            if (children := node.get("/K")) is not None:
                walk(children)

    walk(pdf.Root.StructTreeRoot.get("/K"))
    return kinds, figures


@pytest.mark.parametrize("audience", ["publication", "restricted"])
def test_the_report_pack_pdf_is_tagged_titled_in_english_with_chart_text(world, client, audience):
    client.force_login(world.manager)
    response = client.get(
        reverse("report_pdf", args=[world.plan.pk]), {"as_at": "2026-03-31", "audience": audience}
    )
    pdf = pikepdf.open(io.BytesIO(response.content))

    assert pdf.Root.MarkInfo.Marked is True
    assert str(pdf.Root.Lang) == "en-GB"
    assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
    title = str(pdf.docinfo.Title)
    assert title.startswith(world.plan.title) and "31 March 2026" in title
    with pdf.open_metadata() as xmp:
        assert xmp.get("pdfuaid:part") == "1"
        assert xmp.get("dc:title") == title
    kinds, figures = structure(pdf)
    assert kinds["/H1"] == 1 and kinds["/H2"] >= 3
    assert kinds["/Table"] >= 3 and kinds["/TH"] >= kinds["/Table"]
    assert figures and all(alt.strip() for alt in figures), figures
    assert "Actions by status for each priority" in figures
