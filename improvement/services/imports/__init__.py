"""Turn a parsed working document (improvement.importing) into a plan: all or nothing.

`plan_import_preview` says what an import would create without writing anything; the
web preview and `import_plan --dry-run` show it. `plan_import` writes it in one
transaction. Both build the same `Blueprint` (blueprint.py), so the preview never
promises something the import does not do. Priorities are matched by number and title
(priorities.py): a clash waits for the plan manager's choice.

Confirming one preview twice (a double click) imports once: the web confirm passes the
upload's token, spent by inserting a unique `ImportReceipt` in the import's transaction,
and the second confirm raises `AlreadyImported` naming the plan the first made.

Speed: a council's 5,000-row file must import in seconds, so actions, their leads and
recommendations (links.py), and their first progress updates (updates.py) are written
with bulk inserts, each with its django-simple-history records.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from improvement.importing import ParseResult
from improvement.models import Action, ImportReceipt, Plan
from improvement.services.imports.blueprint import Blueprint
from improvement.services.imports.links import history_options, link_many_to_many
from improvement.services.imports.priorities import CHOICES as PRIORITY_CHOICES
from improvement.services.imports.priorities import PriorityConflict, priority_conflicts
from improvement.services.imports.records import (
    plan_create,
    priorities_create,
    recommendations_create,
    unsaved_actions,
)
from improvement.services.imports.summary import ImportSummary
from improvement.services.imports.updates import first_updates_create

__all__ = [
    "PRIORITY_CHOICES",
    "AlreadyImported",
    "ImportSummary",
    "PriorityConflict",
    "plan_import",
    "plan_import_preview",
    "priority_conflicts",
]


class AlreadyImported(Exception):
    """This preview was confirmed before: `receipt.plan` is the plan that import went into."""

    def __init__(self, receipt: ImportReceipt):
        super().__init__("This import has already been confirmed")
        self.receipt = receipt


def _check(parse_result: ParseResult, *, plan: Plan | None, plan_title: str, skip_rows) -> None:
    """Refuse an import the file or the request makes impossible; nothing is written."""
    whole_file = [p.message for p in parse_result.problems if p.row is None]
    if whole_file:
        raise ValidationError(whole_file)
    if plan is None and not plan_title.strip():
        raise ValidationError({"plan_title": "Enter a title for the new plan"})
    skip = set(skip_rows)
    unskipped = sorted({p.row for p in parse_result.problems if p.row not in skip})
    if unskipped:
        rows = ", ".join(str(n) for n in unskipped[:20]) + ("…" if len(unskipped) > 20 else "")
        raise ValidationError(
            f"Rows {rows} have problems. Correct the file, or choose to skip those rows"
            if len(unskipped) > 1
            else f"Row {rows} has problems. Correct the file, or choose to skip that row"
        )
    if not any(row.row not in skip for row in parse_result.rows):
        raise ValidationError("There are no rows left to import")


def plan_import_preview(
    *,
    parse_result: ParseResult,
    plan_title: str = "",
    plan: Plan | None = None,
    skip_rows: Iterable[int] = (),
    priority_choices: Mapping[int, str] | None = None,
) -> tuple[ImportSummary, dict[int, list[tuple[str, bool]]]]:
    """What `plan_import` would create, writing nothing.

    Returns the summary and each row's leads as (name, matched to a user) pairs.
    """
    blueprint = Blueprint(
        parse_result,
        plan=plan,
        plan_title=plan_title,
        skip_rows=skip_rows,
        priority_choices=priority_choices,
    )
    row_leads = {}
    for row in parse_result.rows:  # skipped rows too: the preview shows every row
        found = [(name, blueprint.people.find(name)) for name in row.leads]
        row_leads[row.row] = [(user.full_name or user.email, True) for _, user in found if user]
        row_leads[row.row] += [(name, False) for name, user in found if user is None]
    return blueprint.summary(), row_leads


def plan_import(
    *,
    parse_result: ParseResult,
    user,
    plan_title: str = "",
    plan: Plan | None = None,
    skip_rows: Iterable[int] = (),
    filename: str = "",
    priority_choices: Mapping[int, str] | None = None,
    receipt_token: str = "",
) -> ImportSummary:
    """Create the plan (or add to `plan`), its priorities, recommendations and actions.

    All or nothing: raises ValidationError, writing nothing, when the file has a problem
    outside `skip_rows` or a priority clash has no choice in `priority_choices` (priority
    number -> RENAME, ADD or KEEP). Leads are matched to users by full name or e-mail
    address and kept as text where no user matches. With `receipt_token`, an import of the
    same token made before raises AlreadyImported, writing nothing.
    """
    try:
        return _plan_import(
            parse_result=parse_result,
            user=user,
            plan_title=plan_title,
            plan=plan,
            skip_rows=tuple(skip_rows),
            filename=filename,
            priority_choices=priority_choices or {},
            receipt_token=receipt_token,
        )
    except IntegrityError:
        receipt = (
            ImportReceipt.objects.filter(token=receipt_token).select_related("plan").first()
            if receipt_token
            else None
        )
        if receipt is None:
            raise
        raise AlreadyImported(receipt) from None


@transaction.atomic
def _plan_import(
    *,
    parse_result: ParseResult,
    user,
    plan_title: str,
    plan: Plan | None,
    skip_rows: tuple[int, ...],
    filename: str,
    priority_choices: Mapping[int, str],
    receipt_token: str,
) -> ImportSummary:
    _check(parse_result, plan=plan, plan_title=plan_title, skip_rows=skip_rows)
    if plan is not None:
        plan = Plan.objects.select_for_update().get(pk=plan.pk)
    blueprint = Blueprint(
        parse_result,
        plan=plan,
        plan_title=plan_title,
        skip_rows=skip_rows,
        priority_choices=priority_choices,
    )
    if blueprint.priorities.unresolved:
        raise ValidationError([c.unresolved_message for c in blueprint.priorities.unresolved])
    summary = blueprint.summary()
    now = timezone.now()
    reason = f"Imported from {filename}"[:100] if filename else "Imported from a spreadsheet"

    if plan is None:
        plan = plan_create(blueprint, filename=filename)
    if receipt_token:
        # Unique: a second confirm of the same preview waits here for the first, then fails.
        ImportReceipt.objects.create(
            token=receipt_token, plan=plan, user=user, filename=filename[:200], created_at=now
        )
    summary.plan = plan
    priorities = priorities_create(plan, blueprint, user=user, reason=reason)
    recommendations_create(plan, blueprint)
    actions, updates = unsaved_actions(blueprint, priorities, filename=filename, at=now)

    options = history_options(user=user, reason=reason, at=now)
    actions = bulk_create_with_history(actions, Action, **options)
    link_many_to_many(actions, blueprint.actions)
    first_updates_create(actions, updates, options)
    return summary
