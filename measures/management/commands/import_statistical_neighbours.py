"""`manage.py import_statistical_neighbours FILE --la-code CODE`: set the council's ten
statistical neighbours from the DfE's wide CSV. Exits 1, writing nothing, on a problem."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from measures.services.neighbours import neighbours_set, read_neighbours


class Command(BaseCommand):
    help = "Set the council's statistical neighbours from the DfE's statistical-neighbour CSV."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--la-code", required=True, help="The council's old or new code")

    def handle(self, *args, file, la_code, **options):
        try:
            data = Path(file).read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}") from None
        try:
            council, neighbours = read_neighbours(data, la_code)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        profile = neighbours_set(council=council, neighbours=neighbours)
        names = ", ".join(
            f"{n.name or n.old_la_code} ({n.closeness or '?'})" for n in profile.neighbours.all()
        )
        self.stdout.write(f"{profile.name}: {len(neighbours)} neighbours: {names}")
