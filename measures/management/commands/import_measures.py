"""`manage.py import_measures FILE --la-code CODE [--indicator COL ...] [--filter COL=VALUE ...]
[--dry-run]`.

Imports published statistics from a DfE open-data CSV (and FILE's `.meta.csv` beside it,
where there is one): every indicator, or those named, for every combination of filter
values, or those named. Each series is a measure named "indicator label (filter values)".
The council is matched by its old or new code. Any problem is printed with its row and
column, nothing is written, and the command exits with status 1.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from measures.opendata import read_open_data
from measures.services.imports import ImportProblems, published_import
from measures.services.published import ImportChoices


def meta_path(path: Path) -> Path:
    return path.with_name(path.name.removesuffix(".csv") + ".meta.csv")


class Command(BaseCommand):
    help = "Import published statistics (DfE open-data CSV) as measures: all or nothing."

    def add_arguments(self, parser):
        parser.add_argument("file", help="The open-data .csv file")
        parser.add_argument("--la-code", required=True, help="The council's old or new code")
        parser.add_argument("--indicator", action="append", metavar="COL", help="Repeatable")
        parser.add_argument("--filter", action="append", default=[], metavar="COL=VALUE")
        parser.add_argument("--publication", default="", help="The publication's name")
        parser.add_argument("--dry-run", action="store_true", help="Check and say, write nothing")

    def handle(self, *args, file, la_code, indicator, filter, publication, dry_run, **options):
        path = Path(file)
        try:
            data = path.read_bytes()
            meta = meta_path(path).read_bytes() if meta_path(path).exists() else None
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}") from None
        filters: dict[str, list[str]] = {}
        for item in filter:
            name, sep, value = item.partition("=")
            if not sep:
                raise CommandError(f"Write --filter as COL=VALUE, not “{item}”")
            filters.setdefault(name.strip(), []).append(value.strip())
        choices = ImportChoices(
            la_code=la_code,
            indicators=indicator,
            filters=filters,
            publication=publication or path.stem,
        )
        try:
            result = published_import(
                parsed=read_open_data(data, meta),
                choices=choices,
                file_name=path.name,
                at=timezone.now(),
                dry_run=dry_run,
            )
        except ImportProblems as problems:
            for problem in problems.problems:
                self.stderr.write(str(problem))
            raise CommandError(
                f"Nothing was imported: {len(problems.problems)} problem(s) in the file."
            ) from None
        self._summary(result, dry_run)

    def _summary(self, result, dry_run: bool) -> None:
        plan = result.plan
        areas = plan.count_by_area()
        lines = [
            f"Council: {plan.council_name} ({' / '.join(c for c in plan.council_codes if c)}), "
            f"region {plan.region[1] or plan.region[0] or 'not found'}",
            f"Series: {len(plan.series)}; periods: {len(plan.periods)}; "
            f"neighbours found: {len(plan.neighbours_found)} of {plan.neighbours_expected}",
            "Values: " + ", ".join(f"{area} {count}" for area, count in sorted(areas.items())),
            "Symbols: "
            + (", ".join(f"{s} {n}" for s, n in sorted(plan.symbols().items())) or "none"),
            f"Rows for other areas, ignored: {plan.rows_ignored}",
        ]
        if dry_run:
            lines.append("Dry run: nothing was written.")
        else:
            lines.append(
                f"Written: {result.created} new, {result.updated} revised, "
                f"{result.unchanged} unchanged; new measures: "
                f"{', '.join(result.measures_created) or 'none'}"
            )
        self.stdout.write("\n".join(lines))
