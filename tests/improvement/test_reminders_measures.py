"""The reminder digest lists the measures a lead owes a figure for (issue 13), added by the
measures app through improvement.panels (the plan app does not import measures)."""

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse

from improvement.management.commands.send_reminders import send_reminders
from tests import factories
from tests.improvement.test_reminders import TODAY, led, run, today  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def owed(officer, today):  # noqa: F811
    """The officer leads a monthly measure with no figure (April 2026 due by 15 June), and one
    whose May figure is in; a team's measure is due too."""
    due = factories.MeasureFactory(reference="CSC01", title="Re-referrals", lead_user=officer)
    done = factories.MeasureFactory(reference="CSC02", lead_user=officer)
    may = factories.PeriodFactory(
        time_period="2026",
        time_identifier="May",
        start=dt.date(2026, 5, 1),
        end=dt.date(2026, 5, 31),
    )
    factories.MeasureValueFactory(measure=done, period=may, value=10)
    team = factories.TeamFactory()
    officer.teams.add(team)
    factories.MeasureFactory(reference="CSC03", title="Caseloads", lead_team=team)
    return due


def test_a_lead_with_only_measures_due_gets_a_digest_listing_them(owed, run):  # noqa: F811
    run()

    [message] = mail.outbox
    assert message.subject.endswith("] 2 measures have figures due")
    assert "MEASURES WITH A FIGURE DUE (2)" in message.body
    assert "CSC01 Re-referrals" in message.body and "CSC03 Caseloads" in message.body
    assert "CSC02" not in message.body
    assert "A figure is due for the period ending 30 April 2026 (no figure yet)." in message.body
    assert reverse("measure_value_enter", args=[owed.pk]) in message.body


def test_measures_come_after_the_actions_and_the_subject_counts_actions(
    owed,
    officer,
    run,  # noqa: F811
):
    led(officer, "Overdue work", target=dt.date(2026, 6, 1))

    run()

    [message] = mail.outbox
    assert message.subject.endswith("] 1 action needs your attention")
    assert message.body.index("OVERDUE (1)") < message.body.index("MEASURES WITH A FIGURE DUE")


def test_no_measure_due_and_nothing_else_sends_nothing(officer, today):  # noqa: F811
    factories.MeasureFactory(lead_user=factories.UserFactory())  # someone else's

    assert send_reminders(TODAY)["sent"] == 0
    assert mail.outbox == []


def test_someone_who_turned_reminders_off_hears_nothing_about_measures(owed, officer, run):  # noqa: F811
    officer.wants_reminders = False
    officer.save()

    run()

    assert mail.outbox == []
