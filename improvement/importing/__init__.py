"""Import a council's improvement-plan working document (.xlsx or .csv).

Pure Python: nothing here touches the database.
"""

from .headers import (
    EXPORT_HEADERS,
    FIELD_HEADERS,
    FIELD_LABELS,
    REQUIRED_FIELDS,
    TRACKING_HEADERS,
    normalise_header,
)
from .parse import ParsedRow, ParseResult, Problem, parse_plan_file
from .stored import result_from_json, result_to_json
from .values import (
    STATUS_KEYS,
    parse_date_value,
    parse_status,
    split_leads,
)

__all__ = [
    "EXPORT_HEADERS",
    "FIELD_HEADERS",
    "FIELD_LABELS",
    "REQUIRED_FIELDS",
    "STATUS_KEYS",
    "TRACKING_HEADERS",
    "ParseResult",
    "ParsedRow",
    "Problem",
    "normalise_header",
    "parse_date_value",
    "parse_plan_file",
    "parse_status",
    "result_from_json",
    "result_to_json",
    "split_leads",
]
