"""The version-checked edit, shared by every record people edit in a form (actions,
recommendations, inspections, plans, priorities): an edit names the version it was loaded
with, and is refused (EditConflict, showing what differs) if someone saved since; the form
is then re-shown.
"""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F

from core.forms import add_errors


@dataclass(frozen=True)
class FieldChange:
    """One field where the saved record and the refused edit disagree."""

    label: str
    theirs: str
    yours: str


class EditConflict(Exception):
    """Someone saved the record after the editor loaded it; nothing was written."""

    def __init__(self, *, current, changes: list[FieldChange], changed_by: str, changed_at):
        super().__init__("The record was changed by someone else")
        self.current = current
        self.changes = changes
        self.changed_by = changed_by
        self.changed_at = changed_at


def shown(value) -> str:
    """A field value as people read it, for the conflict message."""
    if value is None or value == "":
        return "(blank)"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, date):
        return f"{value.day} {value:%B %Y}"
    if isinstance(value, list | tuple | set | frozenset | models.QuerySet):
        names = sorted(str(item) for item in value)
        return "; ".join(names) if names else "(none)"
    return str(value)


def _value_of(instance, name: str):
    field = instance._meta.get_field(name)
    if field.many_to_many:
        return set(getattr(instance, name).all())
    if field.choices:
        return dict(field.flatchoices).get(getattr(instance, field.attname), "")
    return getattr(instance, name)


def _submitted(instance, name: str, value):
    field = instance._meta.get_field(name)
    if field.many_to_many:
        return set(value or [])
    if field.choices:
        return dict(field.flatchoices).get(value, "")
    return value


def differences(current, submitted: dict) -> list[FieldChange]:
    """Fields whose saved value differs from the editor's, labelled as the form labels them."""
    changes = []
    for name, value in submitted.items():
        theirs, yours = _value_of(current, name), _submitted(current, name, value)
        if (theirs or None) != (yours or None):
            label = str(current._meta.get_field(name).verbose_name)
            changes.append(FieldChange(label[0].upper() + label[1:], shown(theirs), shown(yours)))
    return changes


def claim_for_edit(model, *, pk: int, version: int, submitted: dict):
    """Bump the record's version only if it is still `version` (one conditional UPDATE).

    Returns the record, locked and carrying its new version, ready to save; raises
    EditConflict, writing nothing, when someone else saved first.
    """
    claimed = model.objects.filter(pk=pk, version=version).update(version=F("version") + 1)
    current = model.objects.select_for_update().get(pk=pk)
    if not claimed:
        latest = current.history.order_by("-history_date").select_related("history_user").first()
        who = latest.history_user if latest else None
        raise EditConflict(
            current=current,
            changes=differences(current, submitted),
            changed_by=(getattr(who, "full_name", "") or str(who)) if who else "someone else",
            changed_at=latest.history_date if latest else None,
        )
    return current


def conflict_form(form_class, data, conflict, **kwargs):
    """The refused edit, re-shown with the editor's input and the version now saved, so
    saving again (having seen the other change) is a deliberate choice."""
    data = data.copy()
    data["version"] = str(conflict.current.version)
    form = form_class(data, instance=conflict.current, **kwargs)
    form.is_valid()
    form.add_error(
        None,
        f"{conflict.changed_by} saved changes while you were editing. Nothing you entered "
        "has been saved yet: check the differences, then save again to keep your version.",
    )
    return form


@dataclass
class EditAttempt:
    """What a version-checked save left: the form to show, the conflict if a colleague
    saved first, and whether it saved."""

    form: object
    conflict: EditConflict | None = None
    saved: bool = False


def edit_attempt(form, save, **form_kwargs) -> EditAttempt:
    """Run `save()` for a valid edit form. If a colleague saved first, the form is shown
    again from the current record beside what was typed (`conflict_form`); a broken rule
    goes on the form. `form_kwargs` are the extra arguments the form class takes."""
    try:
        save()
    except EditConflict as error:
        return EditAttempt(conflict_form(type(form), form.data, error, **form_kwargs), error)
    except ValidationError as error:
        add_errors(form, error)
        return EditAttempt(form)
    return EditAttempt(form, saved=True)
