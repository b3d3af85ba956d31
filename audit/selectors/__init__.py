"""The audit trail: every change to every tracked record, and every sign-in, as one list.

rows: the UNION ALL query and its filters; entries: a page of entries with diffs;
links: which record an entry is about; csv: the export's cells.
"""

from audit.selectors.csv import csv_rows
from audit.selectors.entries import PAGE_SIZE, Change, Entry, Page, audit_page, describe
from audit.selectors.rows import SIGN_INS, AuditFilters, audit_rows, record_type_choices, sources

__all__ = [
    "PAGE_SIZE",
    "SIGN_INS",
    "AuditFilters",
    "Change",
    "Entry",
    "Page",
    "audit_page",
    "audit_rows",
    "csv_rows",
    "describe",
    "record_type_choices",
    "sources",
]
