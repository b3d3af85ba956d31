"""Matching the file's priorities to the plan's: by number and title, never by number alone.

A file's "1. Safer front door" and a plan's "1. Respond quickly" are different priorities
that share a number. Each such clash is a `PriorityConflict`, shown in the preview by row
and column; nothing is imported until the plan manager chooses, per priority, to rename
the plan's priority, to add the file's as a new one, or to file the rows under the plan's.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from improvement.importing import ParsedRow, ParseResult, Problem
from improvement.models import Plan, Priority
from improvement.services.imports.matching import folded

RENAME = "rename"
ADD = "new"
KEEP = "existing"
CHOICES = (RENAME, ADD, KEEP)


@dataclass(frozen=True)
class PriorityConflict:
    """The file and the plan give one priority number two different titles."""

    number: int
    row: int  # the first row of the file under that number
    column: str | None  # the priority column's heading as written in the file
    plan_title: str
    file_title: str
    actions: int  # rows of the file under that number

    @property
    def field_name(self) -> str:
        return f"priority_{self.number}"

    @property
    def problem(self) -> Problem:
        return Problem(
            self.row,
            self.column,
            f"The plan’s priority {self.number} is “{self.plan_title}” but the file calls "
            f"priority {self.number} “{self.file_title}”. Choose below whether to rename the "
            "plan’s priority, add the file’s as a new priority, or add its actions to the "
            "plan’s priority",
        )

    @property
    def unresolved_message(self) -> str:
        return (
            f"Choose what to do with priority {self.number} “{self.file_title}”: the plan’s "
            f"priority {self.number} is “{self.plan_title}”"
        )


class PriorityMatch:
    """Where each priority of the file goes in the plan, given the choices made so far.

    `number_for` maps the file's number to the plan's; `new` and `renamed` map the plan's
    number to a title; `unresolved` lists the clashes still waiting for a choice.
    """

    def __init__(
        self,
        rows: list[ParsedRow],
        *,
        existing: Mapping[int, Priority],
        column: str | None,
        choices: Mapping[int, str],
    ):
        first_row: dict[int, ParsedRow] = {}
        for row in rows:
            first_row.setdefault(row.priority_number, row)
        counts = Counter(row.priority_number for row in rows)
        taken = set(existing) | set(first_row)
        self.number_for: dict[int, int] = {}
        self.new: dict[int, str] = {}
        self.renamed: dict[int, str] = {}
        self.kept: list[PriorityConflict] = []
        self.conflicts: list[PriorityConflict] = []
        self.unresolved: list[PriorityConflict] = []
        for number, row in first_row.items():
            self.number_for[number] = number
            if number not in existing:
                self.new[number] = row.priority_title
                continue
            if folded(existing[number].title) == folded(row.priority_title):
                continue
            conflict = PriorityConflict(
                number,
                row.row,
                column,
                existing[number].title,
                row.priority_title,
                counts[number],
            )
            self.conflicts.append(conflict)
            choice = choices.get(number)
            if choice == RENAME:
                self.renamed[number] = row.priority_title
            elif choice == ADD:
                added = max(taken) + 1
                taken.add(added)
                self.number_for[number] = added
                self.new[added] = row.priority_title
            elif choice == KEEP:
                self.kept.append(conflict)
            else:
                self.unresolved.append(conflict)


def priority_conflicts(
    *, parse_result: ParseResult, plan: Plan | None, skip_rows: Iterable[int] = ()
) -> list[PriorityConflict]:
    """The priorities the file numbers like the plan's but titles differently (one query)."""
    if plan is None:
        return []
    skip = set(skip_rows)
    rows = [row for row in parse_result.rows if row.row not in skip]
    match = PriorityMatch(
        rows,
        existing={p.number: p for p in plan.priorities.all()},
        column=parse_result.columns.get("priority"),
        choices={},
    )
    return match.conflicts
