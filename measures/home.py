"""The home page's "figures due" section for measure leads (registered with
improvement.selectors.home from MeasuresConfig.ready())."""

from core import clock
from improvement.selectors.home import HomeSection
from measures.pages import measures_due_for


def measures_due_section(user) -> HomeSection:
    return HomeSection(
        "measures/home_due.html", {"due": measures_due_for(user, today=clock.today())}
    )
