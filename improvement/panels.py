"""Sections that apps above the plan app add to its dashboards, without the plan app
knowing them (the import layers forbid it: measures sit above improvement).

An app registers, from its AppConfig.ready(), a function taking the reader, the plan (None
on the all-plans dashboard), the "as at" day, whether that day is today, and the plan
scope, and returning a `Panel` (a template, its context and an anchor for "On this page")
or None. The dashboard renders each panel where its sections go.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date


@dataclass
class Panel:
    anchor: str  # the section's id, for the "On this page" links
    title: str
    template: str
    context: dict = field(default_factory=dict)


DashboardPanel = Callable[..., Panel | None]
_dashboard: list[DashboardPanel] = []


def register_dashboard_panel(panel: DashboardPanel) -> None:
    if panel not in _dashboard:
        _dashboard.append(panel)


def dashboard_panels(user, *, plan, day: date, is_today: bool, scope) -> list[Panel]:
    panels = []
    for build in _dashboard:
        panel = build(user, plan=plan, day=day, is_today=is_today, scope=scope)
        if panel is not None:
            panels.append(panel)
    return panels
