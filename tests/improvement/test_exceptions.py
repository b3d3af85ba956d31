"""Exceptions: counted in SQL, listed per kind, exported, and shown on the auditor's home."""

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from core import roles
from improvement.selectors.exceptions import (
    KINDS,
    exception_actions,
    exception_counts,
    kinds_of,
)
from improvement.services.actions import progress_update_post
from improvement.status import Status
from tests import factories
from tests.queries import assert_flat_queries, count_queries

TODAY = dt.date(2026, 2, 1)
pytestmark = pytest.mark.django_db


def at(day: dt.date):
    return timezone.make_aware(dt.datetime.combine(day, dt.time(10)))


@pytest.fixture
def actions(fixed_today, officer):
    """One action per kind of exception (and one with none), on a fixed today."""
    fixed_today(TODAY)
    made = {}

    def post(action, status, *, evidence=True, day=TODAY - dt.timedelta(days=3)):
        progress_update_post(
            action=action,
            author=officer,
            narrative=f"Now {status}.",
            status=status,
            links=["https://intranet.example.org/e.pdf"] if evidence else [],
            at=at(day),
        )
        action.refresh_from_db()
        return action

    made["fine"] = post(factories.ActionFactory(leads=[officer]), Status.ON_TRACK)
    made["awaiting"] = post(factories.ActionFactory(leads=[officer]), Status.COMPLETE)
    made["no_evidence"] = post(
        factories.ActionFactory(leads=[officer]), Status.COMPLETE, evidence=False
    )
    late = dt.date(2026, 1, 20)
    made["on_track_late"] = post(
        factories.ActionFactory(leads=[officer], original_target_date=late), Status.ON_TRACK
    )
    made["off_track_late"] = post(
        factories.ActionFactory(leads=[officer], original_target_date=late), Status.OFF_TRACK
    )
    made["stale"] = factories.ActionFactory(leads=[officer], created_at=at(dt.date(2025, 11, 1)))
    moved = post(factories.ActionFactory(leads=[officer]), Status.AT_RISK)
    factories.TargetDateChangeFactory(action=moved)
    factories.TargetDateChangeFactory(action=moved)
    made["moved"] = moved
    return made


EXPECTED = {
    "awaiting_verification": {"awaiting", "no_evidence"},
    "overdue": {"on_track_late", "off_track_late"},
    "stale": {"stale"},
    "on_track_but_overdue": {"on_track_late"},
    "complete_without_evidence": {"no_evidence"},
    "date_moved_repeatedly": {"moved"},
}


def names(made, actions_list) -> set[str]:
    by_pk = {action.pk: name for name, action in made.items()}
    return {by_pk[action.pk] for action in actions_list}


def test_each_kind_counts_and_lists_the_right_actions(actions, auditor):
    counts = dict((kind.key, count) for kind, count in exception_counts(auditor))
    assert counts == {key: len(expected) for key, expected in EXPECTED.items()}
    for kind in KINDS:
        assert names(actions, exception_actions(auditor, kind)) == EXPECTED[kind.key], kind.key


def test_the_list_of_every_exception_says_which_apply_to_each_action(actions, auditor):
    listed = {
        action.pk: {k.key for k in kinds_of(action)} for action in exception_actions(auditor, None)
    }
    assert actions["fine"].pk not in listed
    assert listed[actions["on_track_late"].pk] == {"overdue", "on_track_but_overdue"}
    assert listed[actions["no_evidence"].pk] == {
        "awaiting_verification",
        "complete_without_evidence",
    }


def test_a_returned_action_is_not_awaiting_verification(actions, auditor):
    from improvement.services.verification import action_return

    action_return(action=actions["awaiting"], returned_by=auditor, reason="Where is it?")
    awaiting = dict((k.key, n) for k, n in exception_counts(auditor))["awaiting_verification"]
    assert awaiting == 1


def test_counts_are_one_aggregate_query(actions, auditor):
    roles.role_names(auditor)  # the user's roles are read once per request anyway
    # The plan update cycles (for "stale"), then one aggregate over the actions.
    assert count_queries(lambda: exception_counts(auditor)) == 2


def test_scrutiny_members_never_count_confidential_actions(fixed_today, scrutiny, officer):
    fixed_today(TODAY)
    secret = factories.RecommendationFactory(
        inspection=factories.InspectionFactory(is_confidential=True)
    )
    factories.ActionFactory(
        leads=[officer], recommendations=[secret], original_target_date=dt.date(2026, 1, 2)
    )
    assert dict((k.key, n) for k, n in exception_counts(scrutiny))["overdue"] == 0
    assert dict((k.key, n) for k, n in exception_counts(officer))["overdue"] == 1


def test_the_exceptions_page_shows_counts_and_the_chosen_list(client, actions, auditor):
    client.force_login(auditor)
    response = client.get(reverse("exceptions"), {"kind": "overdue"})
    assert response.status_code == 200
    assert names(actions, [a for a, _ in response.context["rows"]]) == EXPECTED["overdue"]
    html = response.content.decode()
    assert "Declared on track but overdue" in html
    assert actions["off_track_late"].get_absolute_url() in html


def test_an_unknown_kind_lists_every_exception(client, actions, manager):
    client.force_login(manager)
    response = client.get(reverse("exceptions"), {"kind": "nonsense"})
    assert response.status_code == 200
    assert response.context["kind"] is None
    assert len(response.context["rows"]) == len(set().union(*EXPECTED.values()))


def test_the_csv_export_lists_the_actions_and_their_exceptions(client, actions, auditor):
    client.force_login(auditor)
    response = client.get(reverse("exceptions_csv"), {"kind": "complete_without_evidence"})
    assert response["Content-Disposition"].startswith(
        'attachment; filename="exceptions-complete-without-evidence-'
    )
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    header, *rows = list(csv.reader(io.StringIO(content)))
    assert header[1] == "Reference" and header[9] == "Exceptions"
    (row,) = rows
    assert row[1] == actions["no_evidence"].reference
    assert row[9] == "Complete, awaiting verification; Complete with no evidence"
    assert row[8] == "0"


def test_the_page_takes_the_same_number_of_queries_at_small_and_larger_sizes(
    client, actions, auditor, officer
):
    client.force_login(auditor)

    def more():
        for _ in range(30):
            factories.ActionFactory(
                leads=[factories.UserFactory(roles=[roles.OFFICER])],
                original_target_date=dt.date(2026, 1, 3),
            )

    response = assert_flat_queries(client.get, reverse("exceptions"), grow=more)
    assert len(response.context["rows"]) > 30


def test_the_auditors_home_shows_the_queue_and_the_exceptions(client, actions, auditor):
    client.force_login(auditor)
    html = client.get(reverse("home")).content.decode()
    assert "Waiting to be verified" in html
    assert reverse("action_verify", args=[actions["awaiting"].pk]) in html
    assert f"{reverse('exceptions')}?kind=date_moved_repeatedly" in html


def test_an_officers_home_has_no_exceptions_section(client, actions, officer):
    client.force_login(officer)
    assert "Waiting to be verified" not in client.get(reverse("home")).content.decode()
