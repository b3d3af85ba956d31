"""How sign-in lock-out (django-axes) names the account and keeps its count.

The sign-in forms post the e-mail address as `username`. Axes counts failures by the
account, lower-cased and stripped as the address is stored (so case variants are one
account), and separately by the client's address (core.network.client_address).
"""

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt


def lockout_username(request, credentials: dict | None = None) -> str | None:
    """The account a sign-in attempt names, as lock-out counts it (AXES_USERNAME_CALLABLE)."""
    if credentials:
        typed = credentials.get("username")
    else:
        typed = getattr(request, "POST", {}).get("username")
    username = str(typed or "").strip().lower()
    return username or None


class AccountLockoutHandler(AxesDatabaseHandler):
    """Axes' database handler, except that a sign-in clears only its own account's failures.

    Axes' own reset also clears every failure from the signing-in address, so anyone with
    an account could clear their guesses at someone else's by signing in between them.
    """

    def reset_user_attempts(self, request, credentials: dict | None = None) -> int:
        username = get_client_username(request, credentials)
        if not username:
            return 0
        count, _ = AccessAttempt.objects.filter(username=username).delete()
        return count
