"""`manage.py import_plan FILE --plan "Title" [--dry-run] [--priority N=CHOICE ...]`.

Imports a working document. Creates the plan if no plan has that title, otherwise adds
the actions to it (a priority the plan numbers the same but titles differently needs a
--priority choice: rename, new or existing). Every problem is printed with its row and
column; if any row has one, nothing is written and the command exits with status 1.
Success prints one line saying what was created.
"""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from improvement.importing import Problem, parse_plan_file
from improvement.models import Plan
from improvement.services.imports import PRIORITY_CHOICES, plan_import, plan_import_preview


def describe(problem: Problem) -> str:
    where = [f"Row {problem.row}"] if problem.row else []
    if problem.column:
        where.append(f"column “{problem.column}”")
    return f"{', '.join(where)}: {problem.message}" if where else problem.message


class Command(BaseCommand):
    help = (
        "Import an improvement plan from a .xlsx or .csv working document. Creates the plan "
        "if no plan has the title. Writes nothing if any row has a problem."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The .xlsx or .csv file")
        parser.add_argument("--plan", required=True, help="Title of the plan to create or add to")
        parser.add_argument(
            "--dry-run", action="store_true", help="Check the file and say what would be created"
        )
        parser.add_argument(
            "--user", help="E-mail address of the person recorded as making the import"
        )
        parser.add_argument(
            "--priority",
            action="append",
            default=[],
            metavar="N=CHOICE",
            help="Where the file's priority N has another title than the plan's priority N: "
            "rename (the plan's takes the file's title), new (the file's becomes a new "
            "priority) or existing (its actions go under the plan's). Repeat for each.",
        )

    def handle(self, *args, file, plan, dry_run, user, priority, **options):
        path = Path(file)
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}") from None
        title = " ".join(plan.split())
        if not title:
            raise CommandError("Give the plan a title with --plan")

        result = parse_plan_file(data, path.name)
        for warning in result.warnings:
            self.stderr.write(f"Warning: {describe(warning)}")
        if result.problems:
            for problem in result.problems:
                self.stderr.write(describe(problem))
            rows = len({p.row for p in result.problems if p.row is not None})
            detail = f"{rows} row{'s' if rows != 1 else ''} with problems" if rows else "problems"
            raise CommandError(f"Nothing was imported: the file has {detail}.")

        choices = self._priority_choices(priority)
        author = self._author(user)
        existing = list(Plan.objects.filter(title__iexact=title)[:2])
        if len(existing) > 1:
            raise CommandError(f"More than one plan is called “{title}”")
        target = existing[0] if existing else None

        if dry_run:
            summary, _ = plan_import_preview(
                parse_result=result, plan=target, plan_title=title, priority_choices=choices
            )
            for note in summary.notes:
                self.stderr.write(f"Note: {describe(note)}")
            self.stdout.write(summary.line(dry_run=True))
            return
        try:
            summary = plan_import(
                parse_result=result,
                user=author,
                plan=target,
                plan_title=title,
                filename=path.name,
                priority_choices=choices,
            )
        except ValidationError as error:
            hint = ""
            if any(m.startswith("Choose what to do with priority") for m in error.messages):
                hint = " Give --priority N=rename, N=new or N=existing for each."
            raise CommandError("Nothing was imported: " + " ".join(error.messages) + hint) from None
        for note in summary.notes:
            self.stderr.write(f"Note: {describe(note)}")
        self.stdout.write(summary.line())

    def _priority_choices(self, given: list[str]) -> dict[int, str]:
        choices = {}
        for item in given:
            number, _, choice = item.partition("=")
            if not number.strip().isdigit() or choice.strip() not in PRIORITY_CHOICES:
                raise CommandError(
                    f"--priority {item}: write a priority number, “=”, and one of "
                    f"{', '.join(PRIORITY_CHOICES)}, like --priority 1=rename"
                )
            choices[int(number)] = choice.strip()
        return choices

    def _author(self, email: str | None):
        if not email:
            return None
        try:
            return get_user_model().objects.get(email__iexact=email.strip())
        except get_user_model().DoesNotExist:
            raise CommandError(f"No user has the e-mail address {email}") from None
