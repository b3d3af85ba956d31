"""`manage.py load_demo`: a fictional council's improvement plan with a year of history."""

from django.conf import settings
from django.core.management.base import BaseCommand

from devtools.demo import build, content


class Command(BaseCommand):
    help = (
        "Load demo data for the fictional Northdale Council: organisations, teams, five "
        "sign-ins, inspections, recommendations and an improvement plan with twelve months of "
        "progress. Dates are relative to today. Safe to run twice: it does nothing if the demo "
        "is already there."
    )

    def handle(self, *args, **options):
        if not build.load():
            self.stdout.write("Demo data already loaded.")
        self.stdout.write(content.SIGN_INS.format(site_url=settings.SITE_URL))
