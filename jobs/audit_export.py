"""The audit trail as CSV, prepared in the background (its page's "Download ... as CSV").

Runs as the person who asked, reloaded in the worker, with the trail's own reads
(audit.selectors): the same filters, the same descriptions, only while they may still read
the trail and export.
"""

import tempfile

from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.utils import timezone

from audit import selectors as trail
from audit.forms import AuditFilterForm
from core.downloads import csv_lines, safe_cells
from jobs import kinds

KIND = "audit.trail_csv"


def run(job, progress, user) -> kinds.Outcome:
    if not (user.has_perm("improvement.view_audit_trail") and user.has_perm("improvement.export")):
        raise ValidationError("You may no longer export the audit trail.")
    filters = AuditFilterForm(QueryDict(job.params.get("query", "")) or None).filters()
    rows = trail.audit_rows(filters)
    out = tempfile.TemporaryFile()  # noqa: SIM115 - the job closes it
    for number, line in enumerate(csv_lines(safe_cells(trail.csv_rows(rows, user)))):
        out.write(line.encode("utf-8"))
        if number > 1:  # after the byte-order mark and the header
            progress.step()
    out.seek(0)
    stamp = timezone.localdate().isoformat()
    return kinds.Outcome(file=out, filename=f"audit-trail-{stamp}.csv")


def register() -> None:
    kinds.register(KIND, run)
