"""The mail server down, for tests: every send through the test backend raises."""

from smtplib import SMTPException

from django.core.mail.backends.locmem import EmailBackend

FAILURES = {
    "smtp-error": lambda: SMTPException("451 4.3.0 Mail server temporarily unavailable"),
    "connection-refused": lambda: ConnectionRefusedError(111, "Connection refused"),
}


def take_mail_down(monkeypatch, failure) -> None:
    """Until monkeypatch.undo(), sending any e-mail raises what `failure()` makes."""

    def refuse(self, messages):
        raise failure()

    monkeypatch.setattr(EmailBackend, "send_messages", refuse)
