"""The council's ten statistical neighbours, from the DfE's wide CSV or set by hand.

The file has one row per council: `old_la_code`, `la_name`, region columns, then `SN_1`,
`SN_1P` (how close: "Very close", ...), up to `SN_10`, `SN_10P`, sometimes padded with
spaces. Neighbours' names come from the same file's rows for them.
"""

import csv
import io

from django.core.exceptions import ValidationError
from django.db import transaction

from measures.models import CouncilProfile, StatisticalNeighbour
from measures.opendata import decode


def _clean(row: dict) -> dict[str, str]:
    return {(k or "").strip().lower(): (v or "").strip() for k, v in row.items()}


def read_neighbours(data: bytes, la_code: str) -> tuple[dict, list[tuple[str, str, str]]]:
    """The council's row and its neighbours as (old code, name, closeness), nearest first."""
    try:
        rows = [_clean(row) for row in csv.DictReader(io.StringIO(decode(data)))]
    except (UnicodeDecodeError, csv.Error) as error:
        raise ValidationError(f"The file cannot be read as CSV: {error}") from None
    if not rows or "old_la_code" not in rows[0] or "sn_1" not in rows[0]:
        raise ValidationError("The file has no old_la_code and SN_1 columns")
    code = la_code.strip().upper()
    names = {row["old_la_code"]: row.get("la_name", "") for row in rows}
    council = next(
        (r for r in rows if code in (r["old_la_code"].upper(), r.get("new_la_code", "").upper())),
        None,
    )
    if council is None:
        raise ValidationError(f"No row in the file has the code {la_code}")
    neighbours = []
    for rank in range(1, 11):
        neighbour = council.get(f"sn_{rank}", "")
        if neighbour:
            closeness = council.get(f"sn_{rank}p", "")
            neighbours.append((neighbour, names.get(neighbour, ""), closeness))
    if not neighbours:
        raise ValidationError(f"The row for {la_code} names no neighbours")
    return council, neighbours


def neighbours_set(*, council: dict, neighbours: list[tuple[str, str, str]]) -> CouncilProfile:
    """Replace the council's neighbours (and fill its codes and name where blank)."""
    with transaction.atomic():
        profile = CouncilProfile.current() or CouncilProfile(name=council.get("la_name", ""))
        profile.old_la_code = profile.old_la_code or council.get("old_la_code", "")
        profile.new_la_code = profile.new_la_code or council.get("new_la_code", "")
        profile.region_code = profile.region_code or council.get("region_code", "")
        profile.region_name = profile.region_name or council.get("region_name", "")
        profile.name = profile.name or council.get("la_name", "")
        profile.save()
        for old in profile.neighbours.all():
            old.delete()  # each removal kept in the history
        for rank, (code, name, closeness) in enumerate(neighbours, start=1):
            StatisticalNeighbour.objects.create(
                profile=profile, rank=rank, old_la_code=code, name=name, closeness=closeness
            )
    return profile
