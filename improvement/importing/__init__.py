"""Import a council's improvement-plan working document (.xlsx or .csv).

Pure Python: nothing here imports Django or touches the database.
"""

from .headers import (
    EXPORT_HEADERS,
    FIELD_HEADERS,
    FIELD_LABELS,
    REQUIRED_FIELDS,
    normalise_header,
)
from .parse import ParsedRow, ParseResult, Problem, parse_plan_file
from .values import (
    STATUS_KEYS,
    neutralise_formula,
    parse_date_value,
    parse_status,
    split_leads,
    unneutralise_formula,
)

__all__ = [
    "EXPORT_HEADERS",
    "FIELD_HEADERS",
    "FIELD_LABELS",
    "REQUIRED_FIELDS",
    "STATUS_KEYS",
    "ParseResult",
    "ParsedRow",
    "Problem",
    "neutralise_formula",
    "normalise_header",
    "parse_date_value",
    "parse_plan_file",
    "parse_status",
    "split_leads",
    "unneutralise_formula",
]
