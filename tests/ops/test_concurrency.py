"""Two real database connections writing to the same action at the same moment.

PostgreSQL only: SQLite serialises every write, so there is no race to show there.
"""

import threading

import pytest
from django.db import connection, connections

from improvement.models import Action, ProgressUpdate
from improvement.services.actions import progress_update_post
from tests import factories

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs two PostgreSQL connections"
)


def run_together(*jobs):
    """Run each job in its own thread (so its own connection), released at the same moment."""
    barrier = threading.Barrier(len(jobs))
    errors = []

    def worker(job):
        try:
            barrier.wait(timeout=10)
            job()
        except Exception as exc:  # noqa: BLE001 - reported by the test below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return errors


@pytest.mark.django_db(transaction=True)
def test_two_leads_posting_at_once_both_land_and_the_latest_sets_the_status():
    action = factories.ActionFactory()
    first, second = factories.UserFactory(), factories.UserFactory()

    def post(author, status):
        return lambda: progress_update_post(
            action=Action.objects.get(pk=action.pk),
            author=author,
            narrative=f"Update from {author.full_name}",
            status=status,
        )

    errors = run_together(post(first, "at_risk"), post(second, "on_track"))

    assert not errors
    updates = list(ProgressUpdate.objects.filter(action=action).order_by("created_at", "pk"))
    assert {u.author_id for u in updates} == {first.pk, second.pk}
    action.refresh_from_db()
    latest = max(updates, key=lambda u: (u.created_at, u.pk))
    assert action.declared_status == latest.status
    assert action.last_update_at == latest.created_at


@pytest.mark.django_db(transaction=True)
def test_two_managers_saving_the_same_action_at_once_one_is_told_and_nothing_is_lost():
    from core.editing import EditConflict
    from improvement.services.plans import action_update

    action = factories.ActionFactory(intended_outcome="Original outcome")
    first, second = factories.UserFactory(), factories.UserFactory()
    loaded_version = action.version
    outcomes = {}

    def edit(editor, outcome):
        def job():
            try:
                action_update(
                    action=Action.objects.get(pk=action.pk),
                    version=loaded_version,
                    edited_by=editor,
                    fields={"intended_outcome": outcome},
                    lead_officers=[],
                    recommendations=[],
                )
                outcomes[editor.pk] = "saved"
            except EditConflict:
                outcomes[editor.pk] = "told"

        return job

    errors = run_together(edit(first, "First manager's outcome"), edit(second, "Second's outcome"))

    assert not errors
    assert sorted(outcomes.values()) == ["saved", "told"]
    winner = first if outcomes[first.pk] == "saved" else second
    action.refresh_from_db()
    expected = "First manager's outcome" if winner == first else "Second's outcome"
    assert action.intended_outcome == expected
    assert action.version == loaded_version + 1
