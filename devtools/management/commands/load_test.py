"""python manage.py load_test --users 50 --seconds 60 --workers 2

Starts gunicorn on 127.0.0.1 against this database (PostgreSQL for real figures) and
drives signed-in users of every role, reading pages and posting progress updates.
Prints requests per second, p50/p95/p99 latency and errors (which must be zero).
"""

import itertools
import json

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.test import Client
from django.urls import NoReverseMatch, reverse

from accounts import roles
from accounts.models import User
from devtools import loadtest
from improvement.models import Action

# Pages each role reads, by URL name and query; names not built yet are skipped.
READS = {
    roles.OFFICER: [("home", ""), ("action_list", "?overdue=1"), ("dashboard", "")],
    roles.PLAN_MANAGER: [("home", ""), ("plan_list", ""), ("action_list", "?status=off_track")],
    roles.SCRUTINY: [("home", ""), ("dashboard", ""), ("recommendation_list", "")],
    roles.AUDITOR: [("home", ""), ("audit_trail", ""), ("exceptions", "")],
}
ROLE_MIX = [roles.OFFICER] * 5 + [roles.PLAN_MANAGER, roles.SCRUTINY] * 2 + [roles.AUDITOR]
UPDATE_URL_NAME = "progress_update_create"


def url_or_none(name: str, query: str = "", args=()) -> str | None:
    try:
        return reverse(name, args=args) + query
    except NoReverseMatch:
        return None


class Command(BaseCommand):
    help = "Drive many signed-in users against gunicorn on 127.0.0.1 and report latency."

    def add_arguments(self, parser):
        parser.add_argument("--users", type=int, default=50)
        parser.add_argument("--seconds", type=float, default=60)
        parser.add_argument("--workers", type=int, default=2)
        parser.add_argument("--port", type=int, default=8765)
        parser.add_argument("--write-every", type=int, default=10, help="Officers post every Nth")
        parser.add_argument("--json", help="Also write the totals to this file")

    def handle(self, *args, **options):
        if not 1 <= options["users"] <= 500 or not 1 <= options["seconds"] <= 600:
            raise CommandError("Use 1-500 users for 1-600 seconds.")
        users = self.virtual_users(options["users"])
        env = {
            "DEBUG": "0",
            "SECRET_KEY": settings.SECRET_KEY,
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_TRANSPORT": "false",
            "AXES_ENABLED": "false",
            "LOG_LEVEL": "WARNING",
            "REQUEST_LOG_LEVEL": "WARNING",
        }
        server = loadtest.start_gunicorn(options["port"], options["workers"], env)
        try:
            results = loadtest.run(
                users, options["port"], options["seconds"], options["write_every"]
            )
        finally:
            server.terminate()
            server.wait(30)
        lines, totals = loadtest.summary(results, options["seconds"])
        totals.update(users=options["users"], workers=options["workers"])
        self.stdout.write(
            f"{options['users']} users, {options['workers']} gunicorn workers, "
            f"{options['seconds']:.0f} s: {totals['rps']:.1f} requests/s, "
            f"p50 {totals['p50_ms']:.0f} ms, p95 {totals['p95_ms']:.0f} ms, "
            f"p99 {totals['p99_ms']:.0f} ms, errors {totals['errors']}"
        )
        self.stdout.write("\n".join(lines))
        if options["json"]:
            with open(options["json"], "w") as out:
                json.dump(totals, out, indent=2)
        if totals["errors"]:
            raise CommandError(f"{totals['errors']} requests failed")

    def virtual_users(self, count: int) -> list[loadtest.VirtualUser]:
        by_role = {
            role: list(User.objects.filter(groups__name=role, is_active=True)[:count])
            for role in READS
        }
        missing = [role for role, people in by_role.items() if not people]
        if missing:
            raise CommandError(f"No users with these roles: {missing}. Load data first.")
        cycles = {role: itertools.cycle(people) for role, people in by_role.items()}
        sample_actions = list(Action.objects.order_by("pk").values_list("pk", flat=True)[:200])
        virtual = []
        for n, role in zip(range(count), itertools.cycle(ROLE_MIX), strict=False):
            user = next(cycles[role])
            client = Client()
            client.force_login(user)
            reads = [url for name, q in READS[role] if (url := url_or_none(name, q))]
            action_pk = sample_actions[n % len(sample_actions)] if sample_actions else None
            if action_pk:
                reads.append(url_or_none("action_detail", args=[action_pk]) or "/")
            write = None
            if role == roles.OFFICER:
                led = user.led_actions.exclude(declared_status__in=["verified", "closed"]).first()
                write = led and url_or_none(UPDATE_URL_NAME, args=[led.pk])
            virtual.append(
                loadtest.VirtualUser(role, client.cookies["sessionid"].value, reads, write)
            )
        return virtual
