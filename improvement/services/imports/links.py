"""Bulk inserts with the audit-trail rows simple-history would write for a normal save.

Bulk inserts skip simple-history's signals, so the historical rows' extra columns, the
actions' many-to-many links and the links' historical rows are written here.
"""

from __future__ import annotations

from datetime import datetime

from simple_history.models import HistoricalRecords

from audit.history import client_ip, person_name
from improvement import confidentiality
from improvement.models import Action
from improvement.services.imports.blueprint import NewAction, NewRecommendation

BATCH_SIZE = 500


def history_options(*, user, reason: str, at: datetime) -> dict:
    """Keyword arguments for bulk_create_with_history: who, why, when, and from where."""
    request = getattr(HistoricalRecords.context, "request", None)
    return {
        "batch_size": BATCH_SIZE,
        "default_user": user,
        "default_change_reason": reason,
        "default_date": at,
        "custom_historical_attrs": {
            "history_user_name": person_name(user),
            "ip_address": client_ip(request) if request is not None else None,
        },
    }


def link_many_to_many(actions: list[Action], planned: list[NewAction]) -> None:
    """Leads and recommendations, with the historical rows simple-history keeps for them."""
    lead_through = Action.lead_officers.through
    rec_through = Action.recommendations.through
    lead_rows, rec_rows = [], []
    for action, plan_row in zip(actions, planned, strict=True):
        lead_rows += [lead_through(action_id=action.pk, user_id=u.pk) for u in plan_row.leads]
        rec_rows += [
            rec_through(action_id=action.pk, recommendation_id=pk)
            for pk in _recommendation_ids(plan_row)
        ]
    lead_rows = lead_through.objects.bulk_create(lead_rows, batch_size=BATCH_SIZE)
    rec_rows = rec_through.objects.bulk_create(rec_rows, batch_size=BATCH_SIZE)
    confidentiality.refresh([action.pk for action in actions])  # bulk links send no signal
    _link_history(actions, lead_rows, rec_rows)


def _recommendation_ids(plan_row: NewAction) -> list[int]:
    """The row's recommendations' ids, each once, in the order the row names them."""
    rec_ids = []
    for rec in plan_row.recommendations:
        pk = rec.instance.pk if isinstance(rec, NewRecommendation) else rec.pk
        if pk not in rec_ids:
            rec_ids.append(pk)
    return rec_ids


def _link_history(actions: list[Action], lead_rows: list, rec_rows: list) -> None:
    """The "created" historical record of each action lists its leads and recommendations,
    as simple-history's create_historical_record_m2ms does after a normal save."""
    historical = Action.history.model
    history_ids: dict[int, int] = {}
    ids = [action.pk for action in actions]
    for start in range(0, len(ids), BATCH_SIZE):
        history_ids.update(
            historical.objects.filter(id__in=ids[start : start + BATCH_SIZE])
            .order_by()
            .values_list("id", "history_id")
        )
    m2m_models = {f.name: f.related_model for f in historical._meta.related_objects}
    lead_history = m2m_models["historicalaction_lead_officers"]
    rec_history = m2m_models["historicalaction_recommendations"]
    lead_history.objects.bulk_create(
        [
            lead_history(
                id=r.pk,
                history_id=history_ids[r.action_id],
                action_id=r.action_id,
                user_id=r.user_id,
            )
            for r in lead_rows
        ],
        batch_size=BATCH_SIZE,
    )
    rec_history.objects.bulk_create(
        [
            rec_history(
                id=r.pk,
                history_id=history_ids[r.action_id],
                action_id=r.action_id,
                recommendation_id=r.recommendation_id,
            )
            for r in rec_rows
        ],
        batch_size=BATCH_SIZE,
    )
