"""Priorities are matched by number and title (issue 18 item 4).

A file's "1. Safer front door" imported into a plan whose priority 1 is "Respond quickly"
was filed under "Respond quickly" with only a note. Now the clash is a problem shown in the
preview by row and column, and nothing is imported until the plan manager chooses to
rename the plan's priority, add the file's as a new one, or file the rows under the plan's.
"""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from improvement.importing import parse_plan_file
from improvement.models import Action, Priority
from improvement.services.imports import plan_import, plan_import_preview, priority_conflicts
from improvement.services.imports.priorities import ADD, KEEP, RENAME
from tests import factories
from tests.improvement.import_files import csv_bytes

pytestmark = pytest.mark.django_db

ROWS = [
    ["Theme", "Action"],
    ["1. Safer front door", "Daily strategy meeting"],
    ["", "Out of hours protocol"],
    ["2. Children in care", "Recruit foster carers"],
]


@pytest.fixture
def plan():
    plan = factories.PlanFactory(title="Existing plan")
    respond = factories.PriorityFactory(plan=plan, number=1, title="Respond quickly to concerns")
    factories.PriorityFactory(plan=plan, number=2, title="children  in CARE")
    factories.ActionFactory(priority=respond, order=1, description="Already there")
    return plan


def parsed(rows=ROWS):
    return parse_plan_file(csv_bytes(rows), "plan.csv")


def actions_by_priority(plan) -> dict[tuple[int, str], list[str]]:
    found: dict[tuple[int, str], list[str]] = {}
    for action in Action.objects.filter(priority__plan=plan).order_by("priority__number", "order"):
        key = (action.priority.number, action.priority.title)
        found.setdefault(key, []).append(f"{action.reference} {action.description}")
    return found


def test_a_clash_is_reported_by_row_and_column_and_nothing_is_imported_without_a_choice(
    plan, manager
):
    result = parsed()

    (conflict,) = priority_conflicts(parse_result=result, plan=plan)
    assert (conflict.row, conflict.column, conflict.number) == (2, "Theme", 1)
    assert conflict.problem.message == (
        "The plan’s priority 1 is “Respond quickly to concerns” but the file calls priority 1 "
        "“Safer front door”. Choose below whether to rename the plan’s priority, add the "
        "file’s as a new priority, or add its actions to the plan’s priority"
    )
    with pytest.raises(ValidationError, match="Choose what to do with priority 1"):
        plan_import(parse_result=result, user=manager, plan=plan)

    assert Action.objects.count() == 1
    assert Priority.objects.get(plan=plan, number=1).title == "Respond quickly to concerns"


def test_the_same_title_in_another_case_and_spacing_is_the_same_priority(plan):
    """Priority 2 is "children  in CARE" in the plan and "Children in care" in the file."""
    assert [c.number for c in priority_conflicts(parse_result=parsed(), plan=plan)] == [1]


def test_rename_gives_the_plans_priority_the_files_title(plan, manager):
    summary = plan_import(
        parse_result=parsed(), user=manager, plan=plan, priority_choices={1: RENAME}
    )

    assert actions_by_priority(plan) == {
        (1, "Safer front door"): [
            "1.1 Already there",
            "1.2 Daily strategy meeting",
            "1.3 Out of hours protocol",
        ],
        (2, "children  in CARE"): ["2.1 Recruit foster carers"],
    }
    renamed = Priority.objects.get(plan=plan, number=1)
    history = renamed.history.first()
    assert (history.history_type, history.history_user, history.title) == (
        "~",
        manager,
        "Safer front door",
    )
    assert "priority 1 renamed “Safer front door”" in summary.line()


def test_new_adds_the_files_priority_with_the_next_free_number(plan, manager):
    rows = [*ROWS, ["4. Workforce", "Recruit social workers"]]

    summary = plan_import(
        parse_result=parsed(rows), user=manager, plan=plan, priority_choices={1: ADD}
    )

    assert actions_by_priority(plan) == {
        (1, "Respond quickly to concerns"): ["1.1 Already there"],
        (2, "children  in CARE"): ["2.1 Recruit foster carers"],
        (4, "Workforce"): ["4.1 Recruit social workers"],
        (5, "Safer front door"): ["5.1 Daily strategy meeting", "5.2 Out of hours protocol"],
    }
    assert (summary.priorities_created, summary.priorities_reused) == (2, 1)


def test_existing_files_the_rows_under_the_plans_priority(plan, manager):
    summary = plan_import(
        parse_result=parsed(), user=manager, plan=plan, priority_choices={1: KEEP}
    )

    assert actions_by_priority(plan) == {
        (1, "Respond quickly to concerns"): [
            "1.1 Already there",
            "1.2 Daily strategy meeting",
            "1.3 Out of hours protocol",
        ],
        (2, "children  in CARE"): ["2.1 Recruit foster carers"],
    }
    assert [note.message for note in summary.notes] == [
        "The actions of the file’s priority 1 “Safer front door” will be added to the plan’s "
        "priority 1 “Respond quickly to concerns”"
    ]


def test_the_preview_counts_what_each_choice_would_do(plan):
    preview, _ = plan_import_preview(parse_result=parsed(), plan=plan, priority_choices={1: ADD})
    assert (preview.priorities_created, preview.priorities_reused) == (1, 1)
    assert [c.number for c in preview.priority_conflicts] == [1]


# --------------------------------------------------------------------------------------
# The web preview and its confirm form
# --------------------------------------------------------------------------------------


@pytest.fixture
def preview_url(client, manager, plan):
    client.force_login(manager)
    upload = SimpleUploadedFile("plan.csv", csv_bytes(ROWS))
    response = client.post(reverse("plan_import"), {"file": upload, "plan": plan.pk})
    return response["Location"]


def test_the_preview_shows_the_clash_by_row_and_column_with_the_three_choices(client, preview_url):
    response = client.get(preview_url)
    html = response.content.decode()

    assert "1 priority in the file has the number of a different priority in the plan" in html
    assert (
        "Row 2, Theme: The plan’s priority 1 is “Respond quickly to concerns” but the file "
        "calls priority 1 “Safer front door”."
    ) in html
    assert 'href="#id_priority_1_1"' in html  # the first choice, where it is answered
    assert 'id="id_priority_1_1"' in html
    field = response.context["form"].fields["priority_1"]
    assert [value for value, _ in field.choices] == [RENAME, ADD, KEEP]
    assert field.label == (
        "Priority 1: the plan has “Respond quickly to concerns”, the file has “Safer front door”"
    )
    for value in (RENAME, ADD, KEEP):
        assert f'value="{value}"' in html
    assert "1 numbered like a different priority of the plan, for you to decide" in html


def test_confirming_without_a_choice_imports_nothing(client, preview_url, plan):
    refused = client.post(preview_url, {})

    assert refused.status_code == 200
    assert refused.context["form"].errors["priority_1"] == [
        "Choose what to do with priority 1 “Safer front door”"
    ]
    assert Action.objects.filter(priority__plan=plan).count() == 1


@pytest.mark.parametrize(
    ("choice", "expected"),
    [
        (RENAME, {(1, "Safer front door"): 3, (2, "children  in CARE"): 1}),
        (
            ADD,
            {
                (1, "Respond quickly to concerns"): 1,
                (2, "children  in CARE"): 1,
                (3, "Safer front door"): 2,
            },
        ),
        (KEEP, {(1, "Respond quickly to concerns"): 3, (2, "children  in CARE"): 1}),
    ],
)
def test_each_choice_made_in_the_confirm_form_is_carried_out(
    client, preview_url, plan, choice, expected
):
    response = client.post(preview_url, {"priority_1": choice})

    assert response.status_code == 302
    found = {key: len(rows) for key, rows in actions_by_priority(plan).items()}
    assert found == expected
