"""Reads for the web import."""

from improvement.models import ImportReceipt


def import_receipt(*, token: str, user) -> ImportReceipt | None:
    """The confirmed import this user made with this upload token, with its plan, or None."""
    return ImportReceipt.objects.select_related("plan").filter(token=token, user=user).first()
