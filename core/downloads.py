"""Files users download: cells made safe from spreadsheet formulas, and streamed CSV."""

import csv
from collections.abc import Iterable, Iterator

from django.http import StreamingHttpResponse

from core.formula import neutralise_formula


class _Echo:
    """A file-like object whose write returns the line, for csv.writer in a generator."""

    def write(self, value: str) -> str:
        return value


def csv_lines(rows: Iterable[Iterable], *, header: Iterable[str] | None = None) -> Iterator[str]:
    """CSV line by line: a byte-order mark so Excel reads UTF-8, an optional header, then
    each row as given (cells already made safe by the caller's formatting)."""
    writer = csv.writer(_Echo(), lineterminator="\r\n")
    yield "\ufeff"
    if header is not None:
        yield writer.writerow(list(header))
    for row in rows:
        yield writer.writerow(list(row))


def safe_cells(rows: Iterable[Iterable]) -> Iterator[list[str]]:
    """Each row's cells as text with formulas neutralised."""
    for row in rows:
        yield [neutralise_formula(str(cell)) for cell in row]


def csv_response(lines: Iterable[str], filename: str) -> StreamingHttpResponse:
    """A streamed CSV download named `filename` (with its .csv)."""
    response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
