"""`manage.py export_measures [--measure REF]`: every value as one tidy CSV on standard
output (columns in measures/exports.py)."""

import csv

from django.core.management.base import BaseCommand, CommandError

from measures.exports import COLUMNS, all_measures, tidy_rows


class Command(BaseCommand):
    help = "Write every measure's values (or one measure's) as a tidy CSV."

    def add_arguments(self, parser):
        parser.add_argument("--measure", metavar="REF", help="Only this measure's reference")

    def handle(self, *args, measure, **options):
        measures = all_measures(measure)
        if measure and not measures.exists():
            raise CommandError(f"No measure has the reference {measure}")
        writer = csv.writer(self.stdout, lineterminator="\n")
        writer.writerow(COLUMNS)
        for row in tidy_rows(measures):
            writer.writerow(row)
