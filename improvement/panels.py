"""Sections that apps above the plan app add to its dashboards, without the plan app
knowing them (the import layers forbid it: measures sit above improvement).

An app registers, from its AppConfig.ready(), a function taking the reader, the plan (None
on the all-plans dashboard), the plans the page covers (already checked as visible to the
reader, and in scope), the "as at" day and whether that day is today, and returning a
`Panel` (a template, its context and an anchor for "On this page") or None. The dashboard
renders each panel where its sections go.
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


def dashboard_panels(user, *, plan, plans: list, day: date, is_today: bool) -> list[Panel]:
    panels = []
    for build in _dashboard:
        panel = build(user, plan=plan, plans=plans, day=day, is_today=is_today)
        if panel is not None:
            panels.append(panel)
    return panels


@dataclass
class PackSection:
    """A part of the committee report pack: drawn on the page and in the PDF by `template`
    (given `section`), and in the .xlsx as a sheet of `header` and `rows`."""

    anchor: str
    title: str
    template: str
    context: dict = field(default_factory=dict)
    header: list[str] = field(default_factory=list)
    rows: list[list] = field(default_factory=list)
    widths: list[int] = field(default_factory=list)


PackBuilder = Callable[..., PackSection | None]
_pack: list[PackBuilder] = []


def register_pack_section(section: PackBuilder) -> None:
    if section not in _pack:
        _pack.append(section)


def pack_sections(reader, *, plan, day: date, is_today: bool) -> list[PackSection]:
    """The registered sections for a plan's pack, built for the pack's reader."""
    sections = []
    for build in _pack:
        section = build(reader, plan=plan, day=day, is_today=is_today)
        if section is not None:
            sections.append(section)
    return sections


# The linked measures' movement since an action started, for judging its impact: each
# provider takes the action and the day it started and returns rows of plain values (they
# are stored with the judgement as JSON, so it reads the same later). Keys each row has:
# reference, title, url, then_period, then_value, latest_period, latest_value, direction.
MovementProvider = Callable[..., list[dict]]
_movement: list[MovementProvider] = []


def register_impact_movement(provider: MovementProvider) -> None:
    if provider not in _movement:
        _movement.append(provider)


def impact_movement(action, *, since: date) -> list[dict]:
    """Every registered provider's rows for `action`, in registration order."""
    rows = []
    for provider in _movement:
        rows.extend(provider(action, since=since))
    return rows


@dataclass(frozen=True)
class DigestLine:
    title: str
    detail: str
    url: str  # a path; the e-mail puts the site's address before it


@dataclass
class DigestSection:
    """A list an app above the plan app adds to a person's daily reminder digest."""

    heading: str  # in capitals, as the digest's own headings
    subject: str  # the e-mail's subject when nothing else is in the digest
    lines: list[DigestLine] = field(default_factory=list)


DigestBuilder = Callable[..., DigestSection | None]
_digest: list[DigestBuilder] = []


def register_digest_section(section: DigestBuilder) -> None:
    if section not in _digest:
        _digest.append(section)


def digest_sections(user, *, on: date) -> list[DigestSection]:
    """The registered sections of `user`'s digest for the day `on`, leaving out empty ones."""
    sections = []
    for build in _digest:
        section = build(user, on=on)
        if section is not None and section.lines:
            sections.append(section)
    return sections
