"""The home page's meetings sections (registered with improvement.selectors.home from
MeetingsConfig.ready()): a member's bodies, with the next meeting, its papers and the
follow-ups outstanding; and the actions arising the reader owns."""

from core import clock
from improvement.selectors.home import HomeSection
from meetings.selectors import arising_owned_by, member_bodies


def member_meetings_section(user) -> HomeSection:
    return HomeSection(
        "meetings/home_bodies.html",
        {"bodies": member_bodies(user, today=clock.today()), "today": clock.today()},
    )


def arising_owned_section(user) -> HomeSection:
    return HomeSection(
        "meetings/home_arising.html",
        {"arising": list(arising_owned_by(user)), "today": clock.today()},
    )
