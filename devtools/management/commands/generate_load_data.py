"""Generate a large data set for the benchmark: see docs/performance.md."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from devtools.perf.generate import Generator, existing_data, generated_present
from devtools.perf.sizes import Sizes


class Command(BaseCommand):
    help = (
        "Fill the database with a large generated data set (a fictional council's plans, "
        "actions and updates) for measuring performance. Refuses to touch a database that "
        "already holds data unless --force."
    )

    def add_arguments(self, parser):
        parser.add_argument("--actions", type=int, default=100_000)
        parser.add_argument("--updates-per-action", type=int, default=10)
        parser.add_argument("--users", type=int, default=2_000)
        parser.add_argument("--plans", type=int, default=20)
        parser.add_argument("--measures", type=int, default=2_000)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--today",
            type=date.fromisoformat,
            default=None,
            help="Date the data set is generated as at (YYYY-MM-DD); default today.",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Add the generated set beside data already in the database.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Print what would be created and stop."
        )

    def handle(self, *args, **options):
        sizes = Sizes(
            actions=options["actions"],
            updates_per_action=options["updates_per_action"],
            users=options["users"],
            plans=options["plans"],
            measures=options["measures"],
        )
        try:
            sizes.check()
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        database = connection.settings_dict["NAME"]
        plan = [f"Would create, in {connection.vendor} database {database}:"]
        plan += [f"  - {line}" for line in sizes.describe()]
        if options["dry_run"]:
            self.stdout.write("\n".join(plan))
            return
        if generated_present():
            self.stdout.write("\n".join(plan))
            raise CommandError(
                "This database already holds a generated data set. Use a fresh database "
                "(createdb, migrate) or empty this one with `manage.py flush` first."
            )
        found = existing_data()
        if found and not options["force"]:
            self.stdout.write("\n".join(plan))
            listed = ", ".join(f"{n:,} {name}" for name, n in found.items())
            raise CommandError(
                f"This database already holds data ({listed}). Run with --force to add the "
                "generated set beside it, or use an empty database."
            )
        self.stdout.write(f"Generating into {connection.vendor} database {database}:")
        generator = Generator(
            sizes,
            seed=options["seed"],
            today=options["today"],
            out=self.stdout.write,
        )
        timings = generator.run()
        seconds = generator.loader.seconds()
        self.stdout.write("Rows written (and seconds spent writing them):")
        for label, n in generator.loader.counts().items():
            self.stdout.write(f"  {n:>10,}  {label} ({seconds[label]:.1f} s)")
        self.stdout.write(self.style.SUCCESS(f"Done in {timings['total']:.1f} s."))
