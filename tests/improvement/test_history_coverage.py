"""No code path in the app writes to a tracked record without leaving an audit-trail entry.

django-simple-history records a change from the model's save, delete and many-to-many
signals. QuerySet.update(), bulk_create() and bulk_update(), raw SQL writes and
save_without_historical_record() skip those signals, so they escape the trail unless the
code writes the history itself (simple_history.utils.bulk_create_with_history and friends).

Two checks: a scan of the app's source for those calls, each one either absent or listed
below with the reason it is safe; and the write services run against the database, with
QuerySet's bulk writes watched, so every change they make is shown to leave an entry.
"""

import ast
import datetime as dt
import re
from pathlib import Path

import pytest
from django.apps import apps
from django.db.models import QuerySet
from django.utils import timezone

from core import roles
from improvement.models import Action, ProgressUpdate, TargetDateChange
from improvement.services.actions import (
    action_close,
    action_target_date_change,
    progress_update_post,
)
from improvement.services.verification import action_return, action_verify
from improvement.status import Status
from tests import factories

ROOT = Path(__file__).resolve().parents[2]
APP_PACKAGES = (
    "accounts",
    "audit",
    "core",
    "devtools",
    "improvement",
    "inspections",
    "recommendations",
    "registers",
)
BULK_WRITES = {"bulk_create", "bulk_update", "_raw_delete", "_batched_insert", "_insert"}
SKIPS_HISTORY = {"save_without_historical_record", "skip_history_when_saving"}
QUERYSET_METHODS = {
    "objects",
    "filter",
    "exclude",
    "all",
    "select_for_update",
    "select_related",
    "prefetch_related",
    "order_by",
    "annotate",
    "distinct",
    "using",
    "none",
    "get_queryset",
    "visible_to",
}
# Written the way SQL is written (upper case), so prose in help texts does not match.
SQL_WRITE = re.compile(r"\b(UPDATE\s+[\"\w.]+\s+SET|DELETE\s+FROM|INSERT\s+INTO|TRUNCATE\s|COPY\s)")

# (file, the line the call starts on, stripped) -> why it does not escape the trail.
ALLOWED = {
    (
        "core/editing.py",
        'claimed = model.objects.filter(pk=pk, version=version).update(version=F("version") + 1)',
    ): "an edit lock on `version` only; the caller then saves the record, which writes history",
    (
        "devtools/demo/build.py",
        "User.objects.filter(pk=user.pk).update(password=hashed)",
    ): "password is excluded from history",
    (
        "improvement/management/commands/send_reminders.py",
        "users.filter(pk=officer.pk).exclude(last_digest_on=on).update(last_digest_on=on)",
    ): "last_digest_on is the reminder job's bookkeeping, not a change anyone makes",
    (
        "improvement/services/imports/links.py",
        "lead_rows = lead_through.objects.bulk_create(lead_rows, batch_size=BATCH_SIZE)",
    ): "the importer writes the matching many-to-many history rows itself, just below",
    (
        "improvement/services/imports/links.py",
        "rec_rows = rec_through.objects.bulk_create(rec_rows, batch_size=BATCH_SIZE)",
    ): "the importer writes the matching many-to-many history rows itself, just below",
    (
        "improvement/services/imports/links.py",
        "lead_history.objects.bulk_create(",
    ): "these are the history rows themselves",
    (
        "improvement/services/imports/links.py",
        "rec_history.objects.bulk_create(",
    ): "these are the history rows themselves",
}
# Whole files that write in bulk on purpose, and why.
ALLOWED_FILES = {
    "core/notify.py": "the e-mail outbox is a queue of messages, not a record; whether one was "
    "sent is the sender's bookkeeping",
    "improvement/snapshots.py": "StatusSnapshot caches counts; it is not a record of anyone's work",
    "improvement/periods.py": "ActionPeriod is derived from the updates and date changes, whose "
    "writes are in the trail; rebuilt from them, never edited",
    "improvement/confidentiality.py": "is_confidential_only is derived from the links, whose "
    "changes are in the trail, and is excluded from history",
    "devtools/perf/bulk.py": "generated benchmark data (generate_load_data), history included",
    "devtools/perf/generate.py": "generated benchmark data (generate_load_data)",
}


def app_sources():
    for package in APP_PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            yield path


def _receiver_is_queryset(node: ast.AST) -> bool:
    """`X.objects...`, `X.filter(...)`, `qs.all()` and the like, not `some_dict`."""
    while True:
        if isinstance(node, ast.Call):
            node = node.func
        if isinstance(node, ast.Attribute):
            if node.attr in QUERYSET_METHODS:
                return True
            node = node.value
            continue
        return False


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        first = body[0] if isinstance(body, list) and body else None
        if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
            found.add(id(first.value))
    return found


def trail_escapes(path: Path) -> list[tuple[int, str, str]]:
    """(line, source line, what) for each write in one file that skips the history signals."""
    source = path.read_text()
    lines = source.splitlines()
    tree = ast.parse(source)
    docstrings = _docstrings(tree)
    found = set()
    for node in ast.walk(tree):
        what = None
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            name = node.func.attr
            if name in BULK_WRITES or name in SKIPS_HISTORY:
                what = name
            elif name in ("update", "raw") and _receiver_is_queryset(node.func.value):
                what = f"QuerySet.{name}"
        elif isinstance(node, ast.Attribute) and node.attr in SKIPS_HISTORY:
            what = node.attr
        elif isinstance(node, ast.Name) and node.id == "SIMPLE_HISTORY_ENABLED":
            what = "SIMPLE_HISTORY_ENABLED"
        elif (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in docstrings
            and SQL_WRITE.search(node.value)
        ):
            what = "raw SQL write"
        if what:
            found.add((node.lineno, lines[node.lineno - 1].strip(), what))
    return sorted(found)


def test_no_app_code_writes_around_the_audit_trail():
    unexplained = []
    seen_allowed = set()
    for path in app_sources():
        relative = path.relative_to(ROOT).as_posix()
        if relative in ALLOWED_FILES:
            continue
        for line, text, what in trail_escapes(path):
            if (relative, text) in ALLOWED:
                seen_allowed.add((relative, text))
                continue
            unexplained.append(f"{relative}:{line}: {what}: {text}")
    assert not unexplained, (
        "These writes skip django-simple-history, so the change would not be in the audit "
        "trail. Use save()/delete(), or simple_history.utils.bulk_create_with_history / "
        "bulk_update_with_history, or list the line in ALLOWED with the reason:\n"
        + "\n".join(unexplained)
    )
    stale = set(ALLOWED) - seen_allowed
    assert not stale, f"ALLOWED lists lines that no longer exist: {sorted(stale)}"


def test_the_scan_finds_each_kind_of_escape(tmp_path):
    """The scanner itself: it must catch what it claims to catch, and not plain dicts."""
    sample = tmp_path / "sample.py"
    sample.write_text(
        "def f(Action, qs, context, cursor, action):\n"
        "    Action.objects.filter(pk=1).update(order=2)\n"
        "    qs.all().update(order=2)\n"
        "    Action.objects.bulk_create([])\n"
        "    Action.objects.bulk_update([], ['order'])\n"
        "    action.save_without_historical_record()\n"
        "    cursor.execute('UPDATE improvement_action SET order = 1')\n"
        "    cursor.execute('DELETE FROM improvement_action')\n"
        "    context.update(a=1)\n"
        "    cursor.execute('SELECT 1')\n"
    )
    kinds = [what for _, _, what in trail_escapes(sample)]
    assert kinds == [
        "QuerySet.update",
        "QuerySet.update",
        "bulk_create",
        "bulk_update",
        "save_without_historical_record",
        "raw SQL write",
        "raw SQL write",
    ]


def test_every_record_in_the_app_has_an_audit_trail():
    """Each model of the four apps keeps history, except the sign-in log (itself a trail),
    the e-mail outbox (a queue of messages written from records that keep their own), the
    dashboard's stored month-end counts (a cache of figures, not a record) and the import
    receipts (a spent upload token, written once with the plan whose history, and whose
    actions' and updates' history, record the import)."""
    untracked = [
        model._meta.label
        for package in APP_PACKAGES
        for model in apps.get_app_config(package).get_models()
        if not model.__name__.startswith("Historical")
        and not hasattr(model._meta, "simple_history_manager_attribute")
    ]
    assert untracked == [
        "audit.SignInEvent",
        "core.Notice",
        "improvement.DigestNote",  # a queue of digest lines; the changes keep their history
        "improvement.ActionPeriod",  # derived from the records, which keep their history
        "improvement.ImportReceipt",
        "improvement.StatusSnapshot",
    ]


def test_every_history_table_keeps_the_address_and_the_actors_name():
    from audit.history import IPAddressHistoricalModel

    for model in apps.get_models():
        if hasattr(model._meta, "simple_history_manager_attribute"):
            history = model.history.model
            assert issubclass(history, IPAddressHistoricalModel), model._meta.label


# The services, run: every record they touch gains a history row naming the actor ------


@pytest.fixture
def watched_bulk_writes(monkeypatch):
    """Fail on any QuerySet.update/bulk_create/bulk_update of a tracked model, except an
    update of fields the trail does not record (such as a derived flag)."""
    calls = []

    def recorded(model, fields) -> bool:
        history = model._meta.simple_history_manager_attribute
        kept = {field.name for field in getattr(model, history).model._meta.fields}
        return bool(set(fields) & kept)

    def watch(name):
        original = getattr(QuerySet, name)

        def wrapper(self, *args, **kwargs):
            tracked = hasattr(self.model._meta, "simple_history_manager_attribute")
            if tracked and (name != "update" or recorded(self.model, kwargs)):
                calls.append(f"{self.model._meta.label}.{name}")
            return original(self, *args, **kwargs)

        monkeypatch.setattr(QuerySet, name, wrapper)

    for name in ("update", "bulk_create", "bulk_update"):
        watch(name)
    return calls


def _history_counts(*objects) -> dict:
    return {obj: obj.history.count() for obj in objects}


@pytest.mark.django_db
def test_each_write_service_leaves_history_with_its_actor(watched_bulk_writes, tmp_path):
    lead = factories.UserFactory(full_name="Lena Lead", roles=[roles.OFFICER])
    manager = factories.UserFactory(full_name="Max Manager", roles=[roles.PLAN_MANAGER])
    auditor = factories.UserFactory(full_name="Ada Auditor", roles=[roles.AUDITOR])
    action = factories.ActionFactory(leads=[lead])
    at = timezone.now() - dt.timedelta(days=3)

    before = action.history.count()
    update = progress_update_post(
        action=action,
        author=lead,
        narrative="Done, with the audit report attached.",
        status=Status.COMPLETE,
        links=["https://intranet.example.org/audit.pdf"],
        at=at,
    )
    assert action.history.count() == before + 1
    assert update.history.count() == 1
    assert update.evidence.get().history.count() == 1

    before = action.history.count()
    action_return(action=action, returned_by=auditor, reason="Attach the audit sample.")
    latest = action.history.first()
    assert action.history.count() == before + 1
    assert latest.history_user == auditor and latest.history_user_name == "Ada Auditor"

    progress_update_post(
        action=action, author=lead, narrative="Sample attached.", status=Status.COMPLETE
    )
    before = action.history.count()
    action_verify(action=action, verifier=auditor, note="Sample of ten cases checked.")
    assert action.history.count() > before
    assert action.history.first().history_user_name == "Ada Auditor"
    verified = ProgressUpdate.objects.filter(action=action, status=Status.VERIFIED).get()
    assert verified.history.count() == 1

    other = factories.ActionFactory(leads=[lead])
    before = other.history.count()
    change = action_target_date_change(
        action=other, new_date=dt.date(2027, 3, 31), reason="Budget moved.", changed_by=manager
    )
    assert other.history.count() == before + 1
    assert TargetDateChange.history.filter(id=change.pk).count() == 1

    before = other.history.count()
    action_close(action=other, closed_by=manager, reason="Carried into the new plan.")
    assert other.history.count() > before

    assert watched_bulk_writes == [], f"bulk writes escaped the trail: {watched_bulk_writes}"


@pytest.mark.django_db
def test_queryset_delete_still_leaves_history():
    """QuerySet.delete() sends delete signals when history listens, so it is not an escape."""
    organisation = factories.OrganisationFactory(name="Short-lived partner")
    pk = organisation.pk
    type(organisation).objects.filter(pk=pk).delete()
    assert type(organisation).history.filter(id=pk, history_type="-").count() == 1


@pytest.mark.django_db
def test_action_save_records_each_kind_of_change_in_order():
    action = factories.ActionFactory()
    action.description = "A clearer description."
    action.save()
    kinds = list(Action.history.filter(id=action.pk).values_list("history_type", flat=True))
    assert kinds == ["~", "+"]
