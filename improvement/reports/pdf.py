"""The committee report pack as a PDF, drawn by WeasyPrint from the same template as the page.

WeasyPrint is imported inside the functions: it is heavy, and only this download needs it.
The stylesheet the template links (and any image it names) is read locally; nothing is
fetched from the network. With DEBUG off the template names the collected, hashed files
of the manifest storage (govuk-frontend.min.<hash>.css), which only the staticfiles storage
knows; the finders, which know the source folders, serve development.
"""

import logging
import mimetypes
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.exceptions import SuspiciousFileOperation
from django.template.loader import render_to_string

from improvement.reports.pack import ReportPack

BASE_URL = "https://report.invalid/"
# Page set-up for paper; the stylesheet's own print rules already hide navigation and forms.
# The running header and footer read the cover (string-set), so no text a user typed is
# ever put into a stylesheet: the marking at the top and foot of every page, the plan and
# its date at the foot left, "Page x of y" at the foot right.
PAGE_CSS = """
@page { size: A4; margin: 18mm 14mm 20mm;
  @top-center { content: string(marking); font-family: arial, sans-serif; font-size: 10pt;
    font-weight: bold; }
  @bottom-center { content: string(marking); font-family: arial, sans-serif; font-size: 10pt;
    font-weight: bold; width: 34%; white-space: nowrap; }
  @bottom-left { content: string(title) ", as at " string(day); font-family: arial, sans-serif;
    font-size: 8pt; width: 32%; }
  @bottom-right { content: "Page " counter(page) " of " counter(pages);
    font-family: arial, sans-serif; font-size: 9pt; width: 25%; } }
.app-pack-marking { string-set: marking content(); font-size: 16px !important;
  letter-spacing: 1px; }
.app-pack-title { string-set: title content(); }
.app-pack-day { string-set: day content(); }
.app-pack-cover { break-after: page; }
.app-pack-council { font-size: 19px !important; }
.app-pack-contents a { color: #0b0c0c !important; text-decoration: none !important; }
.app-pack-contents a::after { content: leader(".") " " target-counter(attr(href url), page); }
html, body, .govuk-template, .govuk-template__body { background: #ffffff !important; }
.govuk-width-container { margin: 0; max-width: none; }
.govuk-main-wrapper { padding: 0; }
.app-pdf-break { break-before: page; }
.app-table-wrapper { overflow: visible; }
.govuk-body, .govuk-list, .govuk-table, .govuk-table__header, .govuk-table__cell,
.govuk-summary-list, .govuk-summary-list__key, .govuk-summary-list__value,
.govuk-table__caption, .govuk-body-s {
  font-size: 12px !important; line-height: 1.35 !important; }
.govuk-tag, .app-status { font-size: 11px !important; white-space: normal; }
.govuk-heading-xl { font-size: 28px !important; margin-bottom: 10px !important; }
.govuk-heading-l { font-size: 21px !important; margin-bottom: 10px !important; }
.govuk-caption-l { font-size: 15px !important; }
.govuk-table__header, .govuk-table__cell { padding: 4px 8px 4px 0 !important; }
.govuk-summary-card { margin-bottom: 10px !important; break-inside: avoid; }
.govuk-summary-card__title-wrapper { padding: 6px 10px !important; }
.govuk-summary-card__title { font-size: 13px !important; }
.govuk-summary-card__content { padding: 6px 10px !important; }
.govuk-summary-list { display: table; width: 100%; margin-bottom: 0 !important; }
.govuk-summary-list__row { display: table-row; }
.govuk-summary-list__key, .govuk-summary-list__value {
  display: table-cell; padding: 2px 8px 2px 0 !important; }
.govuk-summary-list__key { width: 18%; }
"""


def read_static(url: str) -> tuple[bytes, str]:
    """The bytes and type of a static file named by `url`; ValueError for anything else."""
    path = url.removeprefix(BASE_URL.rstrip("/"))
    if not path.startswith(settings.STATIC_URL):
        raise ValueError(f"Only static files are read: {url}")
    name = path.removeprefix(settings.STATIC_URL).split("?")[0].split("#")[0]
    body = None if settings.DEBUG else _from_storage(name)
    if body is None:
        try:
            found = finders.find(name)
        except SuspiciousFileOperation:  # a path out of the static folders
            found = None
        body = Path(found).read_bytes() if found else None
    if body is None:
        raise ValueError(f"Static file not found: {url}")
    return body, mimetypes.guess_type(name)[0] or "application/octet-stream"


def _from_storage(name: str) -> bytes | None:
    """The collected file (STATIC_ROOT), under the name the template gave it."""
    try:
        if not staticfiles_storage.exists(name):
            return None
        with staticfiles_storage.open(name) as collected:
            return collected.read()
    except (OSError, SuspiciousFileOperation):
        return None


def static_fetcher():
    """A WeasyPrint URL fetcher that serves static files only (class-based since v68)."""
    from weasyprint import urls

    if hasattr(urls, "URLFetcherResponse"):

        class StaticFetcher(urls.URLFetcher):
            def fetch(self, url, headers=None):
                body, mime_type = read_static(url)
                return urls.URLFetcherResponse(url, body, {"Content-Type": mime_type})

        return StaticFetcher()

    def fetch(url, *args, **kwargs):  # WeasyPrint before 68
        body, mime_type = read_static(url)
        return {"string": body, "mime_type": mime_type, "redirected_url": url}

    return fetch


def render_pdf(pack: ReportPack, *, context: dict | None = None) -> bytes:
    """The pack as PDF bytes."""
    from weasyprint import CSS, HTML

    # WeasyPrint warns about every screen-only rule in the GOV.UK stylesheet it skips.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    html = render_to_string(
        "improvement/reports/pack_pdf.html", {"pack": pack, "for_pdf": True, **(context or {})}
    )
    fetcher = static_fetcher()
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher)
    return document.write_pdf(
        stylesheets=[CSS(string=PAGE_CSS, url_fetcher=fetcher)], pdf_variant="pdf/ua-1"
    )
