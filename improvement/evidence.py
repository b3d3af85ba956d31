"""Checks on uploaded evidence: how many files, their size, and type judged by the file's
content, not its name.

A file is accepted only when its contents are one of the allowed kinds AND its extension
names that same kind, so an HTML page renamed "report.pdf" or a PNG renamed ".pdf" is
refused. The content type stored (and later sent with downloads) is the one we found.
"""

import codecs
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath, PureWindowsPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat

PDF = "application/pdf"
DOC = "application/msword"
XLS = "application/vnd.ms-excel"
PPT = "application/vnd.ms-powerpoint"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
CSV = "text/csv"
TEXT = "text/plain"
PNG = "image/png"
JPEG = "image/jpeg"

# Extension -> (content type, what people call it).
ALLOWED = {
    ".pdf": (PDF, "PDF"),
    ".doc": (DOC, "Word document"),
    ".docx": (DOCX, "Word document"),
    ".xls": (XLS, "Excel workbook"),
    ".xlsx": (XLSX, "Excel workbook"),
    ".ppt": (PPT, "PowerPoint presentation"),
    ".pptx": (PPTX, "PowerPoint presentation"),
    ".csv": (CSV, "CSV file"),
    ".txt": (TEXT, "text file"),
    ".png": (PNG, "PNG image"),
    ".jpg": (JPEG, "JPEG image"),
    ".jpeg": (JPEG, "JPEG image"),
}
ALLOWED_KINDS = "a PDF, Word, Excel, PowerPoint, CSV, text, PNG or JPEG file"

OLE_SIGNATURE = bytes.fromhex("D0CF11E0A1B11AE1")
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
JPEG_SIGNATURE = b"\xff\xd8\xff"
ZIP_SIGNATURE = b"PK\x03\x04"
OOXML_FOLDER = {DOCX: "word/", XLSX: "xl/", PPTX: "ppt/"}
LEGACY_OFFICE = {DOC, XLS, PPT}
# Markup a browser would run or render: never accepted as "text".
MARKUP = re.compile(
    rb"<\s*(!doctype|html|head|body|script|iframe|object|embed|svg|meta|link|style|form|img|a\s)"
    rb"|<\?xml|javascript:",
    re.IGNORECASE,
)
CHUNK = 64 * 1024


@dataclass(frozen=True)
class CheckedUpload:
    """An upload that passed the checks, with the safe name and the type its content shows."""

    file: object
    name: str
    content_type: str
    size: int


def safe_name(raw: str) -> str:
    """The file's own name without any folder path or control characters, at most 255 long."""
    name = PureWindowsPath(PurePosixPath(raw or "").name).name
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C").strip(" .")
    if len(name) > 255:
        stem, dot, ext = name.rpartition(".")
        name = (stem[: 255 - len(ext) - 1] + dot + ext) if dot and len(ext) <= 10 else name[:255]
    return name or "evidence"


def extension(name: str) -> str:
    return PurePosixPath(name.lower()).suffix


def _read_head(upload, size: int = 8) -> bytes:
    upload.seek(0)
    head = upload.read(size)
    upload.seek(0)
    return head


def _ooxml_type(upload) -> str | None:
    """Which Office Open XML document a zip holds, judged by its parts, or None."""
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return None
    finally:
        upload.seek(0)
    if "[Content_Types].xml" not in names:
        return None
    for content_type, folder in OOXML_FOLDER.items():
        if any(name.startswith(folder) for name in names):
            return content_type
    return None


def _is_plain_text(upload) -> bool:
    """UTF-8 (or Windows-1252) text with no NUL bytes and nothing a browser would run."""
    for encoding in ("utf-8-sig", "cp1252"):
        decoder = codecs.getincrementaldecoder(encoding)()
        upload.seek(0)
        tail = b""
        try:
            while chunk := upload.read(CHUNK):
                if b"\x00" in chunk or MARKUP.search(tail + chunk):
                    upload.seek(0)
                    return False
                decoder.decode(chunk)
                tail = chunk[-64:]
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            continue
        upload.seek(0)
        return True
    upload.seek(0)
    return False


def sniff(upload) -> set[str]:
    """The content types the file's bytes could be (empty if none we accept)."""
    head = _read_head(upload)
    if head.startswith(b"%PDF-"):
        return {PDF}
    if head.startswith(PNG_SIGNATURE):
        return {PNG}
    if head.startswith(JPEG_SIGNATURE):
        return {JPEG}
    if head.startswith(OLE_SIGNATURE):
        return set(LEGACY_OFFICE)
    if head.startswith(ZIP_SIGNATURE):
        found = _ooxml_type(upload)
        return {found} if found else set()
    if _is_plain_text(upload):
        return {CSV, TEXT}
    return set()


def check_file_count(count: int) -> None:
    """Refuse more files than one update may carry (EVIDENCE_MAX_FILES)."""
    limit = settings.EVIDENCE_MAX_FILES
    if count > limit:
        raise ValidationError(f"Attach up to {limit} file{'' if limit == 1 else 's'} to one update")


def check_upload(upload) -> CheckedUpload:
    """Accept an uploaded file or raise ValidationError saying what is wrong with it."""
    name = safe_name(getattr(upload, "name", ""))
    size = upload.size
    limit = settings.EVIDENCE_MAX_BYTES
    if size == 0:
        raise ValidationError(f"“{name}” is empty. Choose a file with something in it")
    if size > limit:
        raise ValidationError(
            f"“{name}” is {filesizeformat(size)}. Each file must be smaller than "
            f"{filesizeformat(limit)}"
        )
    expected = ALLOWED.get(extension(name))
    if expected is None:
        raise ValidationError(f"“{name}” must be {ALLOWED_KINDS}")
    content_type, kind = expected
    if content_type not in sniff(upload):
        raise ValidationError(
            f"“{name}” is not a real {kind}: its contents do not match its name. "
            f"Upload {ALLOWED_KINDS}, saved in that format"
        )
    return CheckedUpload(file=upload, name=name, content_type=content_type, size=size)
