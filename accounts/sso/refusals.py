"""Why a sign-in through the council's provider was refused, said plainly to the person.

Each refusal is written to the audit trail as a failed sign-in with its code, and shown on
one page (templates/accounts/sso_refused.html), never as a server error.
"""

from dataclasses import dataclass

TRY_AGAIN = "Go back to the sign-in page and sign in again."
ASK_ADMIN = "Ask your council's administrator for the improvement plan tracker."

# code: (heading, what happened, what to do)
REASONS = {
    "state": (
        "Your sign-in could not be completed",
        "The answer from your council's sign-in service did not match a sign-in started "
        "from this browser, or it had already been used.",
        TRY_AGAIN,
    ),
    "code": (
        "Your sign-in could not be completed",
        "Your council's sign-in service did not accept the sign-in code. It may have been "
        "used already or have run out of time.",
        TRY_AGAIN,
    ),
    "provider_error": (
        "Your council's sign-in service did not sign you in",
        "The sign-in service stopped the sign-in.",
        TRY_AGAIN,
    ),
    "unavailable": (
        "Your council's sign-in service is not answering",
        "The tracker could not reach your council's sign-in service.",
        "Try again in a few minutes. If it keeps happening, ask your council's administrator "
        "for the improvement plan tracker.",
    ),
    "expired": (
        "Your sign-in could not be completed",
        "The proof of identity from your council's sign-in service had expired.",
        TRY_AGAIN + " If it keeps happening, ask your council's administrator for the "
        "improvement plan tracker.",
    ),
    "audience": (
        "Your sign-in could not be completed",
        "The proof of identity was made for another application, not this tracker.",
        ASK_ADMIN,
    ),
    "issuer": (
        "Your sign-in could not be completed",
        "The proof of identity did not come from your council's sign-in service.",
        ASK_ADMIN,
    ),
    "unknown_key": (
        "Your sign-in could not be completed",
        "The proof of identity was signed with a key your council's sign-in service does "
        "not publish.",
        ASK_ADMIN,
    ),
    "bad_token": (
        "Your sign-in could not be completed",
        "The proof of identity from your council's sign-in service could not be checked.",
        TRY_AGAIN,
    ),
    "nonce": (
        "Your sign-in could not be completed",
        "The proof of identity was not made for the sign-in started from this browser.",
        TRY_AGAIN,
    ),
    "inactive": (
        "Your account is switched off",
        "Your account on the improvement plan tracker has been switched off, so you cannot "
        "sign in, with your council account or otherwise.",
        ASK_ADMIN,
    ),
    "not_registered": (
        "You do not have an account on the tracker yet",
        "Your council account signed you in, but only people an administrator has added can "
        "use the tracker.",
        ASK_ADMIN + " Give them the e-mail address of your council account.",
    ),
    "link_needed": (
        "Your council account needs linking to your tracker account",
        "There is already a tracker account with your e-mail address, but your council's "
        "sign-in service did not confirm that the address is yours, so the two were not "
        "linked.",
        ASK_ADMIN + " They can link the accounts.",
    ),
    "subject_mismatch": (
        "Your council account needs linking to your tracker account",
        "The tracker account with your e-mail address is linked to a different council account.",
        ASK_ADMIN + " They can clear the old link.",
    ),
    "no_email": (
        "Your sign-in could not be completed",
        "Your council's sign-in service did not say what your e-mail address is.",
        ASK_ADMIN,
    ),
}


@dataclass
class SignInRefused(Exception):  # noqa: N818 - a refusal, not a programming error
    """A sign-in through the provider that must not go ahead; `code` is a key of REASONS."""

    code: str
    detail: str = ""
    user: object = None
    email: str = ""

    def __post_init__(self):
        super().__init__(self.code)

    @property
    def heading(self) -> str:
        return REASONS[self.code][0]

    @property
    def explanation(self) -> str:
        return REASONS[self.code][1]

    @property
    def next_step(self) -> str:
        return REASONS[self.code][2]

    @property
    def audit_reason(self) -> str:
        return f"{self.code}: {self.detail}" if self.detail else self.code
