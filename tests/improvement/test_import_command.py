"""`manage.py import_plan FILE --plan "Title" [--dry-run]`: exit codes and what it prints."""

import io
import subprocess
import sys

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from improvement.models import Action, Plan
from tests import factories
from tests.improvement.import_files import big_plan_rows, csv_bytes, xlsx_bytes

pytestmark = pytest.mark.django_db

GOOD = [
    ["Priority", "Action", "Lead", "RAG"],
    ["1. Front door", "Daily strategy meeting", "Olu Officer, Named Nurse", "G"],
    ["", "Out of hours protocol", "", "A"],
]


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_plan", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def run_failing(*args, match: str) -> str:
    """Run expecting the command to fail; returns what it printed to stderr."""
    err = io.StringIO()
    with pytest.raises(CommandError, match=match):
        call_command("import_plan", *args, stdout=io.StringIO(), stderr=err)
    return err.getvalue()


@pytest.fixture
def good_file(tmp_path):
    path = tmp_path / "plan.xlsx"
    path.write_bytes(xlsx_bytes(GOOD))
    return path


def test_creates_the_plan_and_prints_one_line(good_file, officer):
    out, err = run(str(good_file), "--plan", "Children's plan 2027")

    plan = Plan.objects.get(title="Children's plan 2027")
    assert Action.objects.filter(priority__plan=plan).count() == 2
    assert out == (
        "Created plan “Children's plan 2027”: 1 priority, 2 actions, 0 recommendations, "
        "2 progress updates; 1 lead matched to users, 1 kept as text.\n"
    )
    assert err == ""


def test_adds_to_an_existing_plan_with_that_title(good_file):
    plan = factories.PlanFactory(title="Existing plan")

    out, _ = run(str(good_file), "--plan", "existing PLAN")

    assert out.startswith("Added to plan “Existing plan”: 1 priority, 2 actions")
    assert Plan.objects.count() == 1
    assert Action.objects.filter(priority__plan=plan).count() == 2


def test_dry_run_writes_nothing(good_file):
    out, _ = run(str(good_file), "--plan", "Trial", "--dry-run")

    assert out.startswith("Would create plan “Trial”: 1 priority, 2 actions")
    assert not Plan.objects.exists()


def test_problems_are_printed_with_row_and_column_and_nothing_is_written(tmp_path):
    path = tmp_path / "plan.csv"
    path.write_bytes(csv_bytes(big_plan_rows(500, bad_row=250)))

    printed = run_failing(str(path), "--plan", "Big plan", match="the file has 1 row with")

    assert (
        printed
        == "Row 251, column “Target date”: Enter a real date, like 30/07/2027 or July 2027\n"
    )
    assert not Plan.objects.exists()
    assert not Action.objects.exists()


def test_the_problem_lines_go_to_stderr(tmp_path):
    path = tmp_path / "plan.csv"
    path.write_bytes(csv_bytes([GOOD[0], ["1. A", "Do it", "", "Purple"], ["", "", "x", "G"]]))

    printed = run_failing(str(path), "--plan", "P", match="Nothing was imported")

    assert "Row 2, column “RAG”: Status must be one of" in printed
    assert "Row 3, column “Action”: Enter the action" in printed


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "The file is empty"),
        (b"%PDF-1.4", "This file is a PDF."),
        (csv_bytes([["Priority", "Lead"], ["1. A", "Someone"]]), "must have a Action column"),
    ],
)
def test_files_that_cannot_be_read(tmp_path, content, message):
    path = tmp_path / "plan.csv"
    path.write_bytes(content)

    printed = run_failing(str(path), "--plan", "P", match="Nothing was imported")

    assert message in printed
    assert not Plan.objects.exists()


def test_a_missing_file(tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        run(str(tmp_path / "nope.csv"), "--plan", "P")


def test_the_importer_can_be_named(good_file, manager):
    run(str(good_file), "--plan", "P", "--user", manager.email.upper())

    action = Action.objects.first()
    assert action.history.get().history_user == manager
    # The file's progress is the import's, not the person's (issue 18 item 5).
    assert action.updates.get().author is None
    with pytest.raises(CommandError, match="No user has the e-mail address"):
        run(str(good_file), "--plan", "P2", "--user", "nobody@example.org")


def test_exit_status_from_the_shell(tmp_path, settings):
    """manage.py exits 1 on a bad file (checked without a database: parsing fails first)."""
    path = tmp_path / "bad.csv"
    path.write_bytes(b"%PDF-1.4")
    completed = subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [sys.executable, "manage.py", "import_plan", str(path), "--plan", "P"],
        capture_output=True,
        text=True,
        env={
            "DJANGO_SETTINGS_MODULE": "config.settings_test",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'never-created.sqlite3'}",
            "PATH": "/usr/bin:/bin",
        },
        timeout=120,
        check=False,
    )

    assert completed.returncode == 1
    assert "This file is a PDF." in completed.stderr
    assert "Nothing was imported" in completed.stderr
    assert completed.stdout == ""
    assert not (tmp_path / "never-created.sqlite3").exists()


def test_a_priority_clash_needs_a_priority_choice(good_file):
    """Issue 18 item 4: the plan's priority 1 has another title; nothing is imported until
    --priority 1=... says what to do."""
    plan = factories.PlanFactory(title="P")
    factories.PriorityFactory(plan=plan, number=1, title="Respond quickly")

    with pytest.raises(CommandError, match="Give --priority N=rename, N=new or N=existing"):
        run(str(good_file), "--plan", "P")
    assert not Action.objects.exists()
    with pytest.raises(CommandError, match="--priority 1=maybe: write a priority number"):
        run(str(good_file), "--plan", "P", "--priority", "1=maybe")

    out, _ = run(str(good_file), "--plan", "P", "--priority", "1=new")

    assert list(plan.priorities.values_list("number", "title")) == [
        (1, "Respond quickly"),
        (2, "Front door"),
    ]
    assert "Added to plan “P”: 1 priority, 2 actions" in out
