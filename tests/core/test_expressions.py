"""core.expressions.InList filters as `pk__in` does, on SQLite and on PostgreSQL."""

import pytest
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext

from core.expressions import InList
from improvement.models import Action, ProgressUpdate
from improvement.status import Status
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("statuses", "expected"), [([Status.COMPLETE], 3), ([Status.AT_RISK], 1), ([], 0)]
)
def test_in_list_keeps_the_rows_pk_in_keeps(statuses, expected):
    actions = factories.ActionFactory.create_batch(4)
    for action in actions[:3]:  # two updates for one action: its id is listed twice
        factories.ProgressUpdateFactory(action=action, status=Status.COMPLETE)
    factories.ProgressUpdateFactory(action=actions[0], status=Status.COMPLETE)
    factories.ProgressUpdateFactory(action=actions[3], status=Status.AT_RISK)
    ids = ProgressUpdate.objects.filter(status__in=statuses).values("action_id")

    with CaptureQueriesContext(connection) as queries:
        found = list(Action.objects.filter(InList(F("pk"), ids)).order_by("pk"))

    assert found == list(Action.objects.filter(pk__in=ids).order_by("pk"))
    assert len(found) == expected
    # Nothing to look for (an empty IN list) runs no query, as with pk__in.
    assert len(queries) == (1 if statuses else 0)
    if statuses and connection.vendor == "postgresql":
        assert "= ANY(ARRAY(SELECT" in queries[0]["sql"]
