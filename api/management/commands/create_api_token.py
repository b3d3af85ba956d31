"""python manage.py create_api_token EMAIL --name NAME [--expires-days N]: prints a key."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from api.services import api_token_create


class Command(BaseCommand):
    help = "Make a personal API token for a user and print it (it is not stored, only its hash)."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--name", required=True, help="What the token is for")
        parser.add_argument("--expires-days", type=int, default=None)

    def handle(self, *args, email, name, expires_days, **options):
        user = get_user_model().objects.filter(email__iexact=email.strip()).first()
        if user is None:
            raise CommandError(f"No user has the e-mail address {email}")
        if not user.is_active:
            raise CommandError(f"{email}'s account is deactivated")
        try:
            issued = api_token_create(user=user, name=name, expires_days=expires_days)
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        self.stdout.write(issued.key)
