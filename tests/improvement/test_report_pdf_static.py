"""The report PDF is styled in production: its stylesheet is read from the collected,
hashed static files (issue 19: every PDF logged "Failed to load stylesheet")."""

import logging
import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from improvement.reports import pdf
from tests import factories

pytestmark = pytest.mark.django_db

PRODUCTION_STATIC = {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}
# Production's storage and its hashed names, without writing a .gz and .br of every file
# (compression is what took 30 s of this test, and the PDF reads the plain file).
NOT_COMPRESSED = ["css", "js", "map", "svg", "png", "ico", "woff", "woff2", "txt", "html", "json"]


def test_the_pdf_reads_its_stylesheet_from_the_collected_files(
    client, manager, settings, tmp_path, caplog, monkeypatch
):
    settings.DEBUG = False
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {**settings.STORAGES, "staticfiles": PRODUCTION_STATIC}
    settings.WHITENOISE_SKIP_COMPRESS_EXTENSIONS = NOT_COMPRESSED
    call_command("collectstatic", interactive=False, verbosity=0)
    fetched = []
    read_static = pdf.read_static

    def recording(url):
        body, mime_type = read_static(url)
        fetched.append((url, mime_type, len(body)))
        return body, mime_type

    monkeypatch.setattr(pdf, "read_static", recording)
    plan = factories.ActionFactory().priority.plan
    client.force_login(manager)

    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        response = client.get(reverse("report_pdf", args=[plan.pk]))

    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    failures = [r.getMessage() for r in caplog.records if r.name.startswith("weasyprint")]
    assert not [message for message in failures if "Failed to load" in message], failures
    stylesheets = [f for f in fetched if re.search(r"govuk-frontend\.min\.[0-9a-f]{12}\.css", f[0])]
    assert stylesheets and stylesheets[0][1] == "text/css" and stylesheets[0][2] > 10_000


def test_only_static_files_are_read():
    with pytest.raises(ValueError, match="Only static files"):
        pdf.read_static("https://report.invalid/media/evidence/secret.pdf")
    with pytest.raises(ValueError, match="not found"):
        pdf.read_static("https://report.invalid/static/../../config/settings.py")
