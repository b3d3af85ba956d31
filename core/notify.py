"""E-mail notices, sent only once the transaction that caused them has committed."""

from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction
from django.template.loader import render_to_string


def absolute_url(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def notify(*, recipients: Iterable, subject: str, template: str, context: dict) -> None:
    """E-mail each active recipient (users) the rendered plain-text template, after commit.

    The template gets `context` plus `recipient` and `site_url`.
    """
    people = {user.pk: user for user in recipients if user and user.is_active and user.email}

    def send():
        messages = [
            (
                f"[{settings.SERVICE_NAME}] {subject}",
                render_to_string(
                    template, {**context, "recipient": user, "site_url": settings.SITE_URL}
                ),
                settings.DEFAULT_FROM_EMAIL,
                [user.email],
            )
            for user in people.values()
        ]
        if messages:
            send_mass_mail(messages, fail_silently=False)

    transaction.on_commit(send)
