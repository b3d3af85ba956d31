"""Sections that apps above the plan app add to its pages, without the plan app knowing them
(the import layers forbid it: measures sit above improvement).

An app registers, from its AppConfig.ready(), a function for each place it adds to:
- the dashboards: taking the reader, the plan (None on the all-plans dashboard), the plans
  the page covers (already checked as visible to the reader, and in scope), the "as at" day
  and whether that day is today, and returning a `Panel` (a template, its context and an
  anchor for "On this page") or None. The dashboard renders each panel where its sections go;
- the committee report pack: a `PackSection` or None;
- the verification and impact pages: the linked measures' movement since an action started;
- the daily reminder digest: a `DigestSection` or None;
- an action's page: taking the reader and the action, an `ActionLink` or None.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date


class Registry(list):
    """Functions registered for one place, each once, called in the order registered."""

    def register(self, build: Callable) -> None:
        if build not in self:
            self.append(build)

    def built(self, *args, **kwargs) -> list:
        """What each function returns for these arguments, leaving out None."""
        return [found for build in self if (found := build(*args, **kwargs)) is not None]


@dataclass
class Panel:
    anchor: str  # the section's id, for the "On this page" links
    title: str
    template: str
    context: dict = field(default_factory=dict)


_dashboard = Registry()
register_dashboard_panel = _dashboard.register


def dashboard_panels(user, *, plan, plans: list, day: date, is_today: bool) -> list[Panel]:
    return _dashboard.built(user, plan=plan, plans=plans, day=day, is_today=is_today)


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


_pack = Registry()
register_pack_section = _pack.register


def pack_sections(reader, *, plan, day: date, is_today: bool) -> list[PackSection]:
    """The registered sections for a plan's pack, built for the pack's reader."""
    return _pack.built(reader, plan=plan, day=day, is_today=is_today)


# The linked measures' movement since an action started, for judging its impact: each
# provider takes the action and the day it started and returns rows of plain values (they
# are stored with the judgement as JSON, so it reads the same later). Keys each row has:
# reference, title, url, then_period, then_value, latest_period, latest_value, direction.
_movement = Registry()
register_impact_movement = _movement.register


def impact_movement(action, *, since: date) -> list[dict]:
    """Every registered provider's rows for `action`, in registration order."""
    return [row for rows in _movement.built(action, since=since) for row in rows]


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


_digest = Registry()
register_digest_section = _digest.register


def digest_sections(user, *, on: date) -> list[DigestSection]:
    """The registered sections of `user`'s digest for the day `on`, leaving out empty ones."""
    return [section for section in _digest.built(user, on=on) if section.lines]


@dataclass(frozen=True)
class ActionLink:
    """A link an app above the plan app adds to an action's page, for the reader."""

    text: str
    url: str


_action_links = Registry()
register_action_link = _action_links.register


def action_links(user, action) -> list[ActionLink]:
    """The registered links for `user` on `action`'s page, leaving out None."""
    return _action_links.built(user, action)
