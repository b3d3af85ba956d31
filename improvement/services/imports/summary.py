"""What an import created, or from the preview would create, and its one-line report."""

from __future__ import annotations

from dataclasses import dataclass, field

from improvement.importing import Problem
from improvement.models import Plan


@dataclass
class ImportSummary:
    """What an import created (or, from the preview, would create)."""

    plan_title: str
    plan: Plan | None = None
    plan_created: bool = False
    priorities_created: int = 0
    priorities_reused: int = 0
    priorities_renamed: dict[int, str] = field(default_factory=dict)  # number -> new title
    # The file's priorities numbered like the plan's but titled differently (priorities.py).
    priority_conflicts: list = field(default_factory=list)
    actions: int = 0
    updates: int = 0
    inspections_created: int = 0
    recommendations_created: int = 0
    recommendations_reused: int = 0
    leads_matched: dict[str, str] = field(default_factory=dict)  # as written -> user's name
    leads_as_text: list[str] = field(default_factory=list)
    rows_skipped: tuple[int, ...] = ()
    notes: list[Problem] = field(default_factory=list)  # for the preview, not errors

    @property
    def recommendations(self) -> int:
        return self.recommendations_created + self.recommendations_reused

    def line(self, *, dry_run: bool = False) -> str:
        """One line for the command and the success message."""
        if self.plan_created:
            verb = "Would create plan" if dry_run else "Created plan"
        else:
            verb = "Would add to plan" if dry_run else "Added to plan"
        parts = [
            _count(self.priorities_created, "priority", "priorities"),
            _count(self.actions, "action"),
            _count(self.recommendations_created, "recommendation"),
            _count(self.updates, "progress update"),
        ]
        if self.inspections_created:
            parts.append(_count(self.inspections_created, "source"))
        text = f"{verb} “{self.plan_title}”: {', '.join(parts)}"
        for number, title in sorted(self.priorities_renamed.items()):
            text += f"; priority {number} renamed “{title}”"
        if self.recommendations_reused:
            text += f"; {_count(self.recommendations_reused, 'existing recommendation')} linked"
        text += (
            f"; {_count(len(self.leads_matched), 'lead')} matched to users, "
            f"{len(self.leads_as_text)} kept as text"
        )
        if self.rows_skipped:
            text += f"; {_count(len(self.rows_skipped), 'row')} skipped"
        return text + "."


def _count(n: int, singular: str, plural: str | None = None) -> str:
    return f"{n:,} {singular if n == 1 else plural or singular + 's'}"
