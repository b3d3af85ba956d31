"""How the audit trail names the plan app's records and which page each links to.

Registered from ImprovementConfig.ready(). An action is named by its reference ("2.3");
what hangs off an action links to the action's page, while the viewer may read it.
"""

from django.utils.text import Truncator

from audit import records
from audit.records import Link, Record, Records, shorten
from improvement.models import Action, Priority, ProgressUpdate

# Records whose page is their action's page, when they have an action.
ON_AN_ACTION = (
    "improvement.progressupdate",
    "improvement.targetdatechange",
    "improvement.datechangerequest",
    "improvement.challenge",
)
LABELS = (
    "improvement.action",
    "improvement.evidence",
    "improvement.plan",
    "improvement.priority",
    "improvement.planversion",
    "improvement.signoff",
)


def _references(queryset) -> dict[int, str]:
    """Actions' references ("2.3") by id, in one query."""
    rows = queryset.values_list("pk", "priority__number", "order")
    return {pk: Action.numbered(number, order) for pk, number, order in rows}


class PlanRecords(Records):
    """Plans, priorities, actions and what hangs off an action, a page at a time."""

    def __init__(self, rows: dict[str, list], user):
        super().__init__(rows, user)
        evidence_updates = {row.update_id for row in rows.get("improvement.evidence", ())}
        self.update_actions = {}
        if evidence_updates:
            pairs = ProgressUpdate.objects.filter(pk__in=evidence_updates).values_list(
                "pk", "action_id"
            )
            self.update_actions = dict(pairs)
        action_ids = set(self.update_actions.values())
        for label, group in rows.items():
            for row in group:
                if label == "improvement.action":
                    action_ids.add(row.id)
                elif getattr(row, "action_id", None):
                    action_ids.add(row.action_id)
        self.actions = {}
        if action_ids:
            self.actions = _references(Action.objects.visible_to(user).filter(pk__in=action_ids))

    def _action(self, action_id) -> tuple[str, Link | None]:
        reference = self.actions.get(action_id)
        if reference is None:  # hidden from the viewer, or gone
            return f"action #{action_id}", None
        return f"action {reference}", Link("action_detail", (action_id,))

    def describe(self, label: str, row) -> Record:
        if label == "improvement.action":
            name, link = self._action(row.id)
            title = Truncator((row.description or "").strip().split("\n")[0]).chars(70)
            return Record(f"{name.capitalize()}: {title}".rstrip(": "), link)
        if label == "improvement.evidence":
            name, link = self._action(self.update_actions.get(row.update_id))
            return Record(
                f"Evidence “{shorten(row.original_name or row.link, limit=60)}” on {name}", link
            )
        if label in ON_AN_ACTION and row.action_id:
            name, link = self._action(row.action_id)
            kind = str(row.instance_type._meta.verbose_name)
            return Record(f"{kind.capitalize()} on {name}", link)
        if label == "improvement.challenge":
            return Record(
                "Challenge on a recommendation",
                Link("recommendation_detail", (row.recommendation_id,)),
            )
        if label == "improvement.plan":
            return Record(row.title, Link("plan_detail", (row.id,)))
        if label == "improvement.planversion":
            return Record(
                f"Plan version {row.number}: {row.title} (SHA-256 {row.snapshot_sha256[:12]}…)",
                Link("plan_version_detail", (row.id,)),
            )
        if label == "improvement.signoff":
            return Record(
                "Sign-off of a plan version", Link("plan_version_detail", (row.version_id,))
            )
        if label == "improvement.priority":
            return Record(
                f"Priority {Priority.numbered(row.number, row.title)}",
                Link("plan_detail", (row.plan_id,)),
            )
        return super().describe(label, row)


def register() -> None:
    for label in (*LABELS, *ON_AN_ACTION):
        records.register(label, PlanRecords)
    records.register_names("improvement.action", _references)
    # Named after their action's reference ("2.3: ..."), fetched with them.
    for label in (
        "improvement.progressupdate",
        "improvement.targetdatechange",
        "improvement.datechangerequest",
    ):
        records.register_names(label, records.by_str("action__priority"))
