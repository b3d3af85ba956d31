"""Vocabulary for the role-by-URL table: what each role gets from a URL.

Every named URL pattern must have at least one row here, or
tests/test_url_permissions.py fails. A row names the URL, the world objects that fill
its arguments (see the `world` fixture), the method, and the answer per role.
Answers: a status code, LOGIN (redirect to sign-in) or ALLOWED (any answer that is
not 403, 404 or a sign-in redirect: a form's 200 with errors, or a 302 after saving).
"""

from dataclasses import dataclass, field

LOGIN = "login"
ALLOWED = "allowed"
ROLES = ("anonymous", "lead", "officer", "manager", "scrutiny", "auditor", "admin")
SIGNED_IN = ROLES[1:]


@dataclass(frozen=True)
class Row:
    url: str
    expect: dict
    args: tuple = ()
    method: str = "get"
    data: dict = field(default_factory=dict)
    query: str = ""
    # "session": signed in to the site; "token": a personal API token in the Authorization
    # header, and no session (the API's only way in).
    auth: str = "session"


def answers(default, anonymous=LOGIN, **by_role):
    """Expected answers: `default` for every signed-in role unless named, LOGIN for anonymous."""
    expect = {role: by_role.get(role, default) for role in SIGNED_IN}
    expect["anonymous"] = anonymous
    return expect


def only(*roles, ok=200, others=403):
    return answers(others, **{role: ok for role in roles})


EVERYONE = answers(200)
PUBLIC = answers(200, anonymous=200)
