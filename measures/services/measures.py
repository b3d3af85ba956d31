"""Plan managers add and edit measures: one transaction each, a broken rule is a
ValidationError, and an edit made to a stale version is refused (core.editing)."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction

from core.editing import claim_for_edit
from measures.models import Measure

LINKS = ("priorities", "actions", "recommendations")


def _check(measure: Measure, *, exclude_pk: int | None = None) -> None:
    others = Measure.objects.filter(reference__iexact=measure.reference.strip())
    if exclude_pk is not None:
        others = others.exclude(pk=exclude_pk)
    if others.exists():
        raise ValidationError({"reference": "Another measure already has this reference"})
    if measure.lead_user_id and measure.lead_team_id:
        raise ValidationError({"lead_user": "Choose a lead person or a lead team, not both"})
    if measure.data_source == Measure.Source.LOCAL and measure.publication:
        raise ValidationError(
            {"publication": "Leave the publication blank for the council's own figures"}
        )
    measure.full_clean()


def _link(measure: Measure, links: dict[str, Iterable]) -> None:
    for name in LINKS:
        if name in links:
            getattr(measure, name).set(list(links[name]))


@transaction.atomic
def measure_create(*, fields: dict, links: dict[str, Iterable]) -> Measure:
    """Add a measure with its links to priorities, actions and recommendations."""
    measure = Measure(**fields)
    measure.reference = measure.reference.strip()
    _check(measure)
    measure.save()
    _link(measure, links)
    return measure


@transaction.atomic
def measure_update(
    *, measure: Measure, version: int, fields: dict, links: dict[str, Iterable]
) -> Measure:
    """Save an edit made to `version` of the measure, or raise EditConflict."""
    links = {name: list(items) for name, items in links.items()}
    current = claim_for_edit(Measure, pk=measure.pk, version=version, submitted={**fields, **links})
    for name, value in fields.items():
        setattr(current, name, value)
    current.reference = current.reference.strip()
    _check(current, exclude_pk=current.pk)
    current.save()
    _link(current, links)
    return current
