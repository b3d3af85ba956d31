"""Evidence uploads are checked by content, limited in size, and downloaded only by readers."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from improvement import evidence
from improvement.models import Evidence
from improvement.services.actions import progress_update_post
from improvement.status import Status
from tests import factories

PDF_BYTES = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 40
JPEG_BYTES = b"\xff\xd8\xff\xe0" + b"\x00" * 40
OLE_BYTES = bytes.fromhex("D0CF11E0A1B11AE1") + b"\x00" * 504
HTML_BYTES = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"


def ooxml(folder: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(f"{folder}document.xml", "<document/>")
    return buffer.getvalue()


def plain_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


def upload(name: str, content: bytes, content_type: str = "application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("plan.pdf", PDF_BYTES, evidence.PDF),
        ("photo.png", PNG_BYTES, evidence.PNG),
        ("photo.JPG", JPEG_BYTES, evidence.JPEG),
        ("photo.jpeg", JPEG_BYTES, evidence.JPEG),
        ("minutes.docx", ooxml("word/"), evidence.DOCX),
        ("tracker.xlsx", ooxml("xl/"), evidence.XLSX),
        ("slides.pptx", ooxml("ppt/"), evidence.PPTX),
        ("old.doc", OLE_BYTES, evidence.DOC),
        ("old.xls", OLE_BYTES, evidence.XLS),
        ("old.ppt", OLE_BYTES, evidence.PPT),
        ("audit.csv", b"team,cases\nNorth,12\nSouth,9\n", evidence.CSV),
        ("notes.txt", "Café visit – notes\n".encode(), evidence.TEXT),
        ("notes.txt", "Café visit – notes\n".encode("cp1252"), evidence.TEXT),
    ],
)
def test_allowed_files_are_accepted_with_the_type_their_content_shows(name, content, expected):
    checked = evidence.check_upload(upload(name, content, content_type="text/html"))
    assert checked.content_type == expected
    assert checked.size == len(content)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("report.pdf", HTML_BYTES),  # an HTML page named .pdf
        ("report.pdf", PNG_BYTES),  # a PNG renamed .pdf
        ("photo.png", PDF_BYTES),
        ("minutes.docx", ooxml("xl/")),  # a workbook named as a Word document
        ("minutes.docx", b"PK\x03\x04 not really a zip"),
        ("archive.docx", plain_zip()),  # a zip with a word/ folder but no [Content_Types].xml
        ("page.txt", HTML_BYTES),
        ("page.csv", b"name\n<script>alert(1)</script>\n"),
        ("binary.txt", b"text with a \x00 NUL byte"),
        ("old.doc", PDF_BYTES),
    ],
)
def test_files_whose_content_does_not_match_their_name_are_refused(name, content):
    with pytest.raises(ValidationError) as error:
        evidence.check_upload(upload(name, content, content_type="application/pdf"))
    assert "contents do not match its name" in error.value.messages[0]


@pytest.mark.parametrize("name", ["tool.exe", "page.html", "image.svg", "noextension", "x.zip"])
def test_other_kinds_of_file_are_refused(name):
    with pytest.raises(ValidationError) as error:
        evidence.check_upload(upload(name, PDF_BYTES))
    assert "must be a PDF, Word, Excel, PowerPoint, CSV, text, PNG or JPEG file" in str(error.value)


def test_an_empty_file_is_refused():
    with pytest.raises(ValidationError, match="is empty"):
        evidence.check_upload(upload("empty.pdf", b""))


def test_a_file_over_the_size_limit_is_refused(settings):
    settings.EVIDENCE_MAX_BYTES = 100
    evidence.check_upload(upload("small.pdf", PDF_BYTES + b" " * (100 - len(PDF_BYTES))))
    with pytest.raises(ValidationError, match="must be smaller than 100"):
        evidence.check_upload(upload("big.pdf", PDF_BYTES + b" " * 100))


def test_the_default_size_limit_is_20_megabytes(settings):
    assert settings.EVIDENCE_MAX_BYTES == 20 * 1024 * 1024


@pytest.mark.parametrize(
    ("raw", "safe"),
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("C:\\Users\\olu\\Desktop\\board report.pdf", "board report.pdf"),
        ("report\x00.pdf", "report.pdf"),
        ("", "evidence"),
        ("a" * 300 + ".pdf", "a" * 251 + ".pdf"),
    ],
)
def test_names_lose_any_folder_path_and_control_characters(raw, safe):
    assert evidence.safe_name(raw) == safe


# Downloads ------------------------------------------------------------------------------


@pytest.fixture
def stored(db, officer, django_capture_on_commit_callbacks):
    action = factories.ActionFactory(leads=[officer])
    # Files take their final name when the update commits.
    with django_capture_on_commit_callbacks(execute=True):
        update = progress_update_post(
            action=action,
            author=officer,
            narrative="Audit report attached.",
            status=Status.ON_TRACK,
            files=[upload("../Audit <report>.pdf", PDF_BYTES, content_type="text/html")],
        )
    return update.evidence.get()


def test_a_stored_file_is_kept_outside_the_static_root_under_a_generated_name(stored, settings):
    path = stored.file.path
    assert str(path).startswith(str(settings.MEDIA_ROOT))
    assert not str(path).startswith(str(settings.STATIC_ROOT))
    assert "Audit" not in stored.file.name
    assert stored.file.name.endswith(".pdf")
    assert stored.original_name == "Audit <report>.pdf"
    assert stored.content_type == evidence.PDF
    assert stored.size == len(PDF_BYTES)


def test_a_reader_downloads_evidence_as_an_attachment_that_browsers_must_not_sniff(
    stored, client, scrutiny
):
    client.force_login(scrutiny)
    response = client.get(reverse("evidence_download", args=[stored.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment;")
    assert b"".join(response.streaming_content) == PDF_BYTES


def test_evidence_on_a_confidential_action_is_hidden_from_scrutiny(db, client, scrutiny, auditor):
    secret = factories.RecommendationFactory(
        inspection=factories.InspectionFactory(is_confidential=True)
    )
    action = factories.ActionFactory(recommendations=[secret])
    update = factories.ProgressUpdateFactory(action=action)
    item = Evidence.objects.create(
        update=update,
        file=ContentFile(PDF_BYTES, name="letter.pdf"),
        original_name="letter.pdf",
        content_type=evidence.PDF,
        size=len(PDF_BYTES),
    )
    url = reverse("evidence_download", args=[item.pk])
    client.force_login(scrutiny)
    assert client.get(url).status_code == 404
    client.force_login(auditor)
    assert client.get(url).status_code == 200


def test_a_link_has_no_download_and_a_missing_file_answers_404(db, client, officer):
    link = factories.EvidenceFactory()
    client.force_login(officer)
    assert client.get(reverse("evidence_download", args=[link.pk])).status_code == 404
    gone = Evidence.objects.create(
        update=link.update, file="evidence/2026/01/missing.pdf", original_name="missing.pdf"
    )
    assert client.get(reverse("evidence_download", args=[gone.pk])).status_code == 404


def test_someone_without_a_role_cannot_download(stored, client):
    client.force_login(factories.UserFactory())
    assert client.get(reverse("evidence_download", args=[stored.pk])).status_code == 404


def test_the_service_refuses_a_spoofed_file_even_without_the_form(db, officer):
    action = factories.ActionFactory(leads=[officer])
    with pytest.raises(ValidationError):
        progress_update_post(
            action=action,
            author=officer,
            narrative="Spoofed",
            status=Status.ON_TRACK,
            files=[upload("report.pdf", HTML_BYTES)],
        )
    assert not action.updates.exists()
