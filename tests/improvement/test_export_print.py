"""The demo plan's export and pack print as a committee clerk expects (issue 18, item 3),
checked by printing them through LibreOffice: landscape, every column across each page,
the header row on every page, and a sane number of pages."""

import io
import shutil
import subprocess

import pytest
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from pypdf import PdfReader

from accounts.models import User
from improvement.models import Action, Plan

SOFFICE = shutil.which("soffice")
pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not SOFFICE, reason="LibreOffice (soffice) is not installed"),
]


def printed(tmp_path, name: str, content: bytes) -> list:
    """The pages LibreOffice prints `content` (an .xlsx) on, as pypdf pages."""
    source = tmp_path / f"{name}.xlsx"
    source.write_bytes(content)
    # A profile of its own, so a LibreOffice already running elsewhere cannot take the job.
    profile = f"-env:UserInstallation=file://{tmp_path / 'profile'}"
    subprocess.run(  # noqa: S603 - our own arguments
        [SOFFICE, profile, "--headless", "--convert-to", "pdf", "--outdir", tmp_path, source],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return PdfReader(io.BytesIO((tmp_path / f"{name}.pdf").read_bytes())).pages


@pytest.fixture(scope="module")
def _demo_once(django_db_setup, django_db_blocker):
    """The demo council, loaded once for the module and rolled back at the end."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def demo(_demo_once, client):
    client.force_login(User.objects.get(email="manager@example.org"))
    return Plan.objects.get(status=Plan.State.ACTIVE)


def test_the_demo_plans_export_prints_landscape_on_few_pages_with_every_column(
    demo, client, tmp_path
):
    response = client.get(reverse("plan_export_xlsx", args=[demo.pk]))
    actions = Action.objects.filter(priority__plan=demo).count()

    pages = printed(tmp_path, "export", b"".join(response.streaming_content))

    assert actions >= 40
    assert 1 <= len(pages) < 20, f"{actions} actions printed on {len(pages)} pages"
    for number, page in enumerate(pages, start=1):
        assert page.mediabox.width > page.mediabox.height, f"page {number} is not landscape"
        text = page.extract_text()
        # The first and last headings on every page: the header row repeats, and no column
        # is pushed onto a page of its own.
        assert "Priority" in text and "Lead team" in text, f"page {number}"
        assert f"Page {number} of {len(pages)}" in text


def test_the_demo_packs_workbook_prints_landscape_with_its_marking(demo, client, tmp_path):
    response = client.get(reverse("report_xlsx", args=[demo.pk]))

    pages = printed(tmp_path, "pack", response.content)

    assert 5 <= len(pages) < 15  # a sheet or two each for the five parts of the pack
    for page in pages:
        assert page.mediabox.width > page.mediabox.height
        assert "OFFICIAL" in page.extract_text()
