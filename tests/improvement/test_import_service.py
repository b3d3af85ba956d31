"""plan_import: a parsed working document becomes a plan, all or nothing (DESIGN.md section 7)."""

import datetime as dt
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from improvement.importing import parse_plan_file
from improvement.models import Action, Plan, Priority, ProgressUpdate
from improvement.services.actions import progress_update_post
from improvement.services.imports import plan_import, plan_import_preview
from improvement.services.imports.matching import split_recommendations
from improvement.status import Status
from inspections.models import Inspection
from recommendations.models import Recommendation
from tests import factories
from tests.improvement.import_files import big_plan_rows, csv_bytes, xlsx_bytes
from tests.queries import count_queries

pytestmark = pytest.mark.django_db

BUILDERS = {"csv": csv_bytes, "xlsx": xlsx_bytes}
DOCS = Path(__file__).resolve().parents[2] / "docs"


def import_rows(rows, user, *, fmt="csv", title="Imported plan", **kwargs):
    result = parse_plan_file(BUILDERS[fmt](rows), f"plan.{fmt}")
    return plan_import(parse_result=result, user=user, plan_title=title, **kwargs)


def only_action(plan_title="Imported plan") -> Action:
    return Action.objects.get(priority__plan__title=plan_title)


# --------------------------------------------------------------------------------------
# Every accepted header spelling reaches the database
# --------------------------------------------------------------------------------------

# DESIGN.md section 7: field -> accepted headers, and where a value lands.
SPEC_HEADERS = {
    "priority": ["Priority", "Priority area", "Theme"],
    "recommendation_ref": ["Ref", "Rec", "Recommendation ref", "Recommendation no"],
    "recommendation_text": ["Recommendation"],
    "action": ["Action", "Actions", "Action to be taken"],
    "outcome": ["Outcome", "Intended outcome", "Success criteria", "Expected outcome"],
    "source": ["Source", "Source of recommendation"],
    "measure": ["Measure", "Evidence", "How will we know", "Measure of success", "Monitoring"],
    "timescale": ["Timescale"],
    "lead": ["Lead", "Lead officer", "Leads", "Responsible officer", "Person responsible"],
    "target_date": [
        "Target date",
        "Date",
        "Deadline",
        "Due date",
        "Date by which action will be taken",
    ],
    "progress": ["Progress", "Progress update", "Update", "Comments"],
    "status": ["Status", "RAG", "RAG status", "RAG rating"],
}
CASES = [(name, header) for name, headers in SPEC_HEADERS.items() for header in headers]


def _value_for(name):
    return {
        "priority": "2. Help and protection",
        "recommendation_ref": "R15",
        "recommendation_text": "Improve return home interviews.",
        "action": "Audit strategy discussions",
        "outcome": "Discussions within one working day",
        "source": "Peer review 2026",
        "measure": "Monthly audit of 20 cases",
        "timescale": "6 months",
        "lead": "Olu Officer",
        "target_date": "30/07/2027",
        "progress": "Audit tool agreed",
        "status": "Amber",
    }[name]


def _check_landed(name, action, officer):
    if name == "priority":
        assert (action.priority.number, action.priority.title) == (2, "Help and protection")
    elif name == "recommendation_ref":
        assert [r.reference for r in action.recommendations.all()] == ["R15"]
    elif name == "recommendation_text":
        assert [r.text for r in action.recommendations.all()] == ["Improve return home interviews."]
    elif name == "action":
        assert action.description == "Audit strategy discussions"
    elif name == "outcome":
        assert action.intended_outcome == "Discussions within one working day"
    elif name == "source":
        assert not action.recommendations.exists()  # a source alone names no recommendation
    elif name == "measure":
        assert action.measure == "Monthly audit of 20 cases"
    elif name == "timescale":
        assert action.timescale == "6 months"
    elif name == "lead":
        assert list(action.lead_officers.all()) == [officer]
    elif name == "target_date":
        assert action.target_date == action.original_target_date == dt.date(2027, 7, 30)
    elif name == "progress":
        assert action.updates.get().narrative == "Audit tool agreed"
    elif name == "status":
        assert action.declared_status == Status.AT_RISK
        assert action.updates.get().status == Status.AT_RISK


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize(("name", "header"), CASES, ids=[f"{n}:{h}" for n, h in CASES])
def test_every_accepted_header_reaches_the_database(name, header, fmt, manager, officer):
    columns = {"priority": "Theme", "action": "Action to be taken", name: header}
    values = {"priority": "1. Safety", "action": "Do it", name: _value_for(name)}
    if name == "priority":
        columns["action"] = "Actions"
    rows = [list(columns.values()), [values[key] for key in columns]]
    # Headers are matched without regard to case, spacing or punctuation.
    rows[0] = [f" {text.upper()}: " if i == 1 else text for i, text in enumerate(rows[0])]

    import_rows(rows, manager, fmt=fmt)

    _check_landed(name, only_action(), officer)


# --------------------------------------------------------------------------------------
# Values as councils write them
# --------------------------------------------------------------------------------------

DATES = [
    ("Aug-12", dt.date(2012, 8, 31), ""),
    ("Nov 2012", dt.date(2012, 11, 30), ""),
    ("30/07/2013", dt.date(2013, 7, 30), ""),
    ("2013-07-30", dt.date(2013, 7, 30), ""),
    ("June 2013", dt.date(2013, 6, 30), ""),
    ("Immediate", None, "Immediate"),
    ("Ongoing", None, "Ongoing"),
]


@pytest.mark.parametrize(("written", "target", "timescale"), DATES)
def test_dates_as_councils_write_them(written, target, timescale, manager):
    import_rows([["Priority", "Action", "Date"], ["1. Safety", "Do it", written]], manager)

    action = only_action()
    assert action.target_date == action.original_target_date == target
    assert action.timescale == timescale


def test_a_real_excel_date_cell_is_read_as_that_date(manager):
    rows = [["Priority", "Action", "Deadline"], ["1. Safety", "Do it", dt.datetime(2027, 3, 31)]]
    import_rows(rows, manager, fmt="xlsx")

    assert only_action().target_date == dt.date(2027, 3, 31)


STATUSES = [
    ("complete", Status.COMPLETE),
    ("Complete", Status.COMPLETE),
    ("in progress", Status.ON_TRACK),
    ("In Progress", Status.ON_TRACK),
    ("behind schedule", Status.AT_RISK),
    ("on track", Status.ON_TRACK),
    ("R", Status.OFF_TRACK),
    ("A", Status.AT_RISK),
    ("G", Status.ON_TRACK),
    ("Red", Status.OFF_TRACK),
    ("Amber", Status.AT_RISK),
    ("Green", Status.ON_TRACK),
    ("Blue", Status.COMPLETE),
]


@pytest.mark.parametrize(("written", "status"), STATUSES)
def test_statuses_as_councils_write_them(written, status, manager):
    import_rows([["Priority", "Action", "RAG"], ["1. Safety", "Do it", written]], manager)

    action = only_action()
    update = action.updates.get()
    assert action.declared_status == update.status == status
    assert update.narrative == f"Status “{Status(status).label}” recorded in the imported plan."
    assert (update.author, update.author_name) == (None, "Import of a spreadsheet")
    completed = timezone.localdate(action.last_update_at) if status == Status.COMPLETE else None
    assert action.completed_on == completed


def test_a_row_with_no_status_or_progress_gets_no_update(manager):
    import_rows([["Priority", "Action", "Status"], ["1. Safety", "Do it", ""]], manager)

    action = only_action()
    assert action.declared_status == Status.NOT_STARTED
    assert action.last_update_at is None
    assert not action.updates.exists()


def test_the_first_update_leaves_the_action_as_progress_update_post_would(manager):
    """The bulk path records what services.actions.progress_update_post records."""
    import_rows(
        [["Priority", "Action", "Progress", "RAG"], ["1. Safety", "Do it", "Started", "Blue"]],
        manager,
    )
    imported = only_action()
    posted = factories.ActionFactory()
    progress_update_post(
        action=posted,
        author=manager,
        narrative="Started",
        status=Status.COMPLETE,
        at=imported.last_update_at,
    )
    posted.refresh_from_db()

    fields = ["declared_status", "percent_complete", "last_update_at", "completed_on"]
    assert [getattr(imported, f) for f in fields] == [getattr(posted, f) for f in fields]
    ours, theirs = imported.updates.get(), posted.updates.get()
    assert (ours.narrative, ours.status) == (theirs.narrative, theirs.status)
    # Not credited to whoever ran the import (issue 18 item 5): see test_import_provenance.py.
    assert (ours.author, theirs.author) == (None, manager)


# --------------------------------------------------------------------------------------
# Leads
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "cell",
    [
        "Olu Officer, Named Nurse, ALEX LEAD",
        "Olu Officer; Named Nurse; alex lead",
        "Olu Officer and Named Nurse and Alex Lead",
        "Olu Officer / Named Nurse / Alex Lead",
        "Olu Officer\nNamed Nurse\nalex.lead@example.org",
    ],
)
def test_several_leads_in_one_cell_are_matched_to_users_or_kept_as_text(cell, manager, officer):
    alex = factories.UserFactory(full_name="Alex Lead", email="alex.lead@example.org")

    summary = import_rows([["Priority", "Action", "Lead"], ["1. Safety", "Do it", cell]], manager)

    action = only_action()
    assert set(action.lead_officers.all()) == {officer, alex}
    assert action.lead_names == "Named Nurse"
    assert sorted(summary.leads_matched.values()) == ["Alex Lead", "Olu Officer"]
    assert summary.leads_as_text == ["Named Nurse"]


def test_a_lead_named_by_two_users_is_kept_as_text(manager):
    factories.UserFactory(full_name="Sam Smith")
    factories.UserFactory(full_name="Sam Smith")

    summary = import_rows([["Priority", "Action", "Lead"], ["1. A", "Do it", "Sam Smith"]], manager)

    assert only_action().lead_names == "Sam Smith"
    assert "More than one user is called Sam Smith" in summary.notes[0].message


def test_an_inactive_user_is_not_matched(manager):
    factories.UserFactory(full_name="Gone Person", is_active=False)

    import_rows([["Priority", "Action", "Lead"], ["1. A", "Do it", "Gone Person"]], manager)

    assert not only_action().lead_officers.exists()
    assert only_action().lead_names == "Gone Person"


# --------------------------------------------------------------------------------------
# Priorities and recommendations given once
# --------------------------------------------------------------------------------------


def test_a_priority_given_once_applies_to_the_rows_below(manager):
    rows = [
        ["Priority", "Action"],
        ["1. Front door", "First"],
        ["", "Second"],
        ["", "Third"],
        ["2. Children in care", "Fourth"],
        ["", "Fifth"],
    ]
    summary = import_rows(rows, manager)

    plan = Plan.objects.get(title="Imported plan")
    assert summary.plan == plan
    assert [(p.number, p.title) for p in plan.priorities.all()] == [
        (1, "Front door"),
        (2, "Children in care"),
    ]
    actions = Action.objects.filter(priority__plan=plan).order_by("priority__number", "order")
    assert [(a.reference, a.description) for a in actions] == [
        ("1.1", "First"),
        ("1.2", "Second"),
        ("1.3", "Third"),
        ("2.1", "Fourth"),
        ("2.2", "Fifth"),
    ]
    assert plan.status == Plan.State.DRAFT


def test_recommendations_are_created_under_their_source_or_reused(manager):
    ofsted = factories.InspectionFactory(title="Ofsted ILACS 2026")
    existing = factories.RecommendationFactory(inspection=ofsted, reference="R1")
    rows = [
        ["Priority", "Ref", "Recommendation", "Source", "Action"],
        ["1. Front door", "r1", "Strategy discussions", "ofsted ilacs 2026", "First"],
        ["", "", "", "", "Second, answering R1 too"],
        ["", "R2", "Return interviews", "", "Third"],
        ["", "R9", "Listen to children", "Scrutiny review 2025", "Fourth"],
        ["", "n/a", "", "", "Fifth, answering nothing"],
    ]
    summary = import_rows(rows, manager)

    actions = list(Action.objects.order_by("order"))
    assert [list(a.recommendations.all()) for a in actions[:2]] == [[existing], [existing]]
    r2 = actions[2].recommendations.get()
    assert (r2.inspection, r2.reference, r2.text) == (ofsted, "R2", "Return interviews")
    r9 = actions[3].recommendations.get()
    assert (r9.inspection.title, r9.inspection.kind) == (
        "Scrutiny review 2025",
        Inspection.Kind.OTHER,
    )
    assert not actions[4].recommendations.exists()
    assert (summary.recommendations_created, summary.recommendations_reused) == (2, 1)
    assert summary.inspections_created == 1
    assert set(summary.plan.inspections.all()) == {ofsted, r9.inspection}


def test_a_recommendation_without_a_source_goes_under_one_named_after_the_plan(manager):
    rows = [["Priority", "Recommendation", "Action"], ["1. A", "Improve oversight", "Do it"]]
    import_rows(rows, manager, title="Plan 2027")

    rec = only_action("Plan 2027").recommendations.get()
    assert rec.reference == "Unnumbered 1"
    assert rec.text == "Improve oversight"
    assert rec.inspection.title == "Recommendations imported with Plan 2027"


def test_a_recommendation_given_by_its_text_alone_is_matched_by_that_text(manager):
    ofsted = factories.InspectionFactory(title="Ofsted 2026")
    existing = factories.RecommendationFactory(inspection=ofsted, text="Improve  oversight.")
    rows = [
        ["Priority", "Recommendation", "Source", "Action"],
        ["1. A", "improve oversight.", "Ofsted 2026", "Do it"],
    ]
    summary = import_rows(rows, manager)

    assert list(only_action().recommendations.all()) == [existing]
    assert (summary.recommendations_created, summary.recommendations_reused) == (0, 1)


def test_several_references_in_one_cell_link_several_recommendations():
    assert split_recommendations("R7; R20", "R7: Do this\n\nR20: Do that") == [
        ("R7", "Do this"),
        ("R20", "Do that"),
    ]
    assert split_recommendations("None", "") == []
    assert split_recommendations("R1", "Text") == [("R1", "Text")]


# --------------------------------------------------------------------------------------
# All or nothing
# --------------------------------------------------------------------------------------


def _nothing_written():
    return not (
        Plan.objects.exists()
        or Priority.objects.exists()
        or Action.objects.exists()
        or ProgressUpdate.objects.exists()
        or Recommendation.objects.exists()
        or Inspection.objects.exists()
    )


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_one_bad_row_among_500_writes_nothing_and_is_reported(fmt, manager):
    result = parse_plan_file(BUILDERS[fmt](big_plan_rows(500, bad_row=250)), f"plan.{fmt}")

    assert [(p.row, p.column) for p in result.problems] == [(251, "Target date")]
    with pytest.raises(ValidationError, match="Row 251 has problems"):
        plan_import(parse_result=result, user=manager, plan_title="Big plan")
    assert _nothing_written()


def test_the_listed_rows_can_be_skipped(manager):
    result = parse_plan_file(csv_bytes(big_plan_rows(20, bad_row=5)), "plan.csv")

    summary = plan_import(parse_result=result, user=manager, plan_title="Big plan", skip_rows=[6])

    assert summary.actions == 19
    assert summary.rows_skipped == (6,)
    assert Action.objects.count() == 19
    assert not Action.objects.filter(description__startswith="Action number 5:").exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "The file is empty"),
        (b"%PDF-1.7 not a plan", "This file is a PDF."),
        (csv_bytes([["Priority", "Lead"], ["1. A", "Olu Officer"]]), "must have a Action column"),
    ],
    ids=["empty", "not-a-spreadsheet", "missing-columns"],
)
def test_a_file_that_cannot_be_read_writes_nothing(data, message, manager):
    result = parse_plan_file(data, "plan.csv")

    with pytest.raises(ValidationError) as raised:
        plan_import(parse_result=result, user=manager, plan_title="A plan")
    assert message in " ".join(raised.value.messages)
    assert _nothing_written()


def test_a_failure_part_way_rolls_everything_back(manager, monkeypatch):
    from improvement.services import imports

    def fail(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(imports, "link_many_to_many", fail)
    with pytest.raises(RuntimeError):
        import_rows([["Priority", "Action", "RAG"], ["1. A", "Do it", "G"]], manager)
    assert _nothing_written()


def test_a_new_plan_needs_a_title(manager):
    result = parse_plan_file(csv_bytes([["Priority", "Action"], ["1. A", "Do it"]]), "p.csv")
    with pytest.raises(ValidationError, match="Enter a title for the new plan"):
        plan_import(parse_result=result, user=manager, plan_title="  ")


# --------------------------------------------------------------------------------------
# Adding to an existing plan; history; preview; speed
# --------------------------------------------------------------------------------------


def test_adding_to_an_existing_plan_reuses_its_priorities_and_continues_the_numbering(manager):
    plan = factories.PlanFactory(title="Existing")
    priority = factories.PriorityFactory(plan=plan, number=1, title="Front door")
    factories.ActionFactory(priority=priority, order=1)
    factories.ActionFactory(priority=priority, order=2)
    rows = [["Priority", "Action"], ["1. Front door", "Third"], ["2. New area", "New first"]]
    result = parse_plan_file(csv_bytes(rows), "p.csv")

    summary = plan_import(parse_result=result, user=manager, plan=plan)

    assert not summary.plan_created
    assert (summary.priorities_created, summary.priorities_reused) == (1, 1)
    references = Action.objects.filter(priority__plan=plan).order_by("priority__number", "order")
    assert [a.reference for a in references] == ["1.1", "1.2", "1.3", "2.1"]
    assert Plan.objects.count() == 1
    assert summary.line().startswith("Added to plan “Existing”: 1 priority, 2 actions")


def test_every_record_written_keeps_its_history(manager, officer):
    rec_rows = [
        ["Priority", "Ref", "Recommendation", "Action", "Lead", "RAG"],
        ["1. A", "R1", "Text", "Do it", "Olu Officer, Named Nurse", "G"],
    ]
    import_rows(rec_rows, manager)

    action = only_action()
    created = action.history.get()
    assert created.history_type == "+"
    assert created.history_user == manager
    assert created.history_user_name == "Mina Manager"
    assert created.declared_status == Status.ON_TRACK
    assert [row.user for row in created.lead_officers.all()] == [officer]
    assert [row.recommendation.reference for row in created.recommendations.all()] == ["R1"]
    assert action.updates.get().history.get().history_type == "+"
    assert Plan.history.filter(history_type="+").count() == 1
    assert Priority.history.filter(history_type="+").count() == 1
    assert Recommendation.history.filter(history_type="+").count() == 1


def test_the_preview_writes_nothing_and_says_what_the_import_will_create(manager, officer):
    rows = [
        ["Priority", "Ref", "Recommendation", "Action", "Lead", "RAG"],
        ["1. A", "R1", "Text", "Do it", "Olu Officer, Named Nurse", "G"],
        ["", "", "", "Again", "olu officer", ""],
    ]
    result = parse_plan_file(csv_bytes(rows), "p.csv")

    preview, row_leads = plan_import_preview(parse_result=result, plan_title="New plan")
    assert _nothing_written()
    done = plan_import(parse_result=result, user=manager, plan_title="New plan")

    assert row_leads == {
        2: [("Olu Officer", True), ("Named Nurse", False)],
        3: [("Olu Officer", True)],
    }
    for summary in (preview, done):
        assert summary.line() == (
            "Created plan “New plan”: 1 priority, 2 actions, 1 recommendation, "
            "1 progress update, 1 source; 1 lead matched to users, 1 kept as text."
        )


def test_import_queries_do_not_grow_with_the_number_of_rows(manager):
    """Bulk writes: far fewer than one query a row (SQLite caps a batch by its 999 parameters,
    so the count still grows a little there), which lets 5,000 rows import in seconds."""

    def queries(n):
        result = parse_plan_file(csv_bytes(big_plan_rows(n)), "p.csv")
        return count_queries(
            lambda: plan_import(parse_result=result, user=manager, plan_title=f"Plan of {n}")
        )

    small, large = queries(50), queries(500)
    # SQLite's 999 parameters split each bulk insert into batches of a few dozen actions
    # (an action has some twenty columns, its history row more), so 450 more rows cost
    # about 50 more statements there; PostgreSQL's batches are far larger.
    assert large - small <= (500 - 50) // 8, (small, large)


@pytest.mark.parametrize("name", ["sample-import.csv", "sample-import.xlsx"])
def test_the_sample_files_in_docs_import_cleanly(name, manager):
    result = parse_plan_file((DOCS / name).read_bytes(), name)
    assert result.ok, result.problems
    assert not result.warnings

    summary = plan_import(parse_result=result, user=manager, plan_title="Sample")

    assert (summary.priorities_created, summary.actions) == (3, 12)
    assert summary.recommendations_created == 6
