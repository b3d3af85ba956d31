"""`manage.py check_confidential_flags`: find, and put right, actions whose stored
"comes only from confidential inspections" flag disagrees with their links."""

from django.core.management.base import BaseCommand, CommandError

from improvement import confidentiality


class Command(BaseCommand):
    help = (
        "Compare every action's is_confidential_only flag with its links and correct the "
        "ones that differ. The application keeps the flags right; run this after changing "
        "links or inspections directly in the database (docs/retention.md). Exits 1 with "
        "--check if any flag is wrong."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--check", action="store_true", help="Only report; change nothing, exit 1 if wrong."
        )

    def handle(self, *args, **options):
        wrong = confidentiality.mismatched()
        if not wrong:
            self.stdout.write("Every action's confidentiality flag follows its links.")
            return
        shown = ", ".join(str(pk) for pk in wrong[:20]) + (" ..." if len(wrong) > 20 else "")
        if options["check"]:
            raise CommandError(f"{len(wrong)} action(s) have a wrong flag: {shown}")
        fixed = confidentiality.refresh(wrong)
        self.stdout.write(f"Corrected the flag of {fixed} action(s): {shown}")
