"""A real OpenID provider for the single sign-on tests: tests/oidc/provider.mjs (the npm
package oidc-provider), started with node on a free loopback port.

Skipped with a plain message when node or tests/oidc/node_modules is missing (`make install`
runs `npm ci` there), unless REQUIRE_BROWSER is set, as in CI: then the test fails.
"""

import json
import os
import shutil
import socket
import subprocess
from pathlib import Path

import pytest
import requests

PROVIDER_DIR = Path(__file__).resolve().parent / "oidc"
CLIENT_ID = "tracker"
CLIENT_SECRET = "tracker-test-secret"
ROLE_MAP = (
    "Tracker.Officer=officer,Tracker.Manager=plan_manager,Tracker.Scrutiny=scrutiny_member,"
    "Tracker.Auditor=auditor,Tracker.Admin=admin"
)
# Accounts at the provider; tests change claims with TestProvider.set_account.
ACCOUNTS = {
    "olu": {
        "email": "olu.officer@northdale.example.org",
        "email_verified": True,
        "name": "Olu Officer",
        "roles": ["Tracker.Officer"],
        "amr": ["pwd"],
    },
    "ada": {
        "email": "ada.admin@northdale.example.org",
        "email_verified": True,
        "name": "Ada Admin",
        "roles": ["Tracker.Admin", "Tracker.Auditor"],
        "amr": ["pwd", "mfa"],
    },
    "nia": {
        "email": "nia.nobody@northdale.example.org",
        "email_verified": True,
        "name": "Nia Nobody",
        "roles": ["Something.Else"],
    },
}


def provider_available() -> None:
    """Skip (or fail, when REQUIRE_BROWSER is set) unless node and the package are there."""
    problem = None
    if not shutil.which("node"):
        problem = "node is not installed"
    elif not (PROVIDER_DIR / "node_modules" / "oidc-provider").is_dir():
        problem = "tests/oidc/node_modules is missing (cd tests/oidc && npm ci)"
    if problem is None:
        return
    message = f"Single sign-on tests skipped: {problem}"
    if os.environ.get("REQUIRE_BROWSER"):
        pytest.fail(message + " (REQUIRE_BROWSER is set)")
    pytest.skip(message)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class TestProvider:
    """A running provider: its issuer, and the test controls of provider.mjs."""

    __test__ = False

    def __init__(self, site: str):
        self.port = _free_port()
        self.issuer = f"http://127.0.0.1:{self.port}"
        config = {
            "port": self.port,
            "client_id": CLIENT_ID,
            "client_secret": CLIENT_SECRET,
            "redirect_uris": [f"{site}/oidc/callback/"],
            "post_logout_redirect_uris": [f"{site}/sign-in/"],
            "accounts": ACCOUNTS,
        }
        self.process = subprocess.Popen(  # noqa: S603 - our own script, fixed arguments
            ["node", "provider.mjs"],  # noqa: S607
            cwd=PROVIDER_DIR,
            env={**os.environ, "OIDC_TEST_CONFIG": json.dumps(config)},
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        try:
            line = self.process.stdout.readline()
            if not line.startswith("ready"):
                raise RuntimeError(f"The test OpenID provider did not start: {line!r}")
            self.reset()
        except BaseException:
            self.stop()  # never leave a provider running behind a failed start
            raise

    def _post(self, path: str, body: dict) -> dict:
        response = requests.post(f"{self.issuer}{path}", json=body, timeout=5)
        response.raise_for_status()
        return response.json()

    def set_account(self, account: str, /, **claims) -> None:
        self._post(f"/test/accounts/{account}", claims)

    def set_mode(self, mode: str) -> None:
        """ "" (behave), "wrong_audience", "expired" or "unknown_key"."""
        self._post("/test/mode", {"mode": mode})

    def rotate_key(self) -> str:
        return self._post("/test/rotate", {})["kid"]

    def reset(self) -> None:
        self.set_mode("")
        for name, claims in ACCOUNTS.items():
            self.set_account(name, **claims)

    def settings(self, settings, **overrides) -> None:
        """Point the app's settings at this provider (read at request time)."""
        from accounts.sso import provider

        values = {
            "OIDC_ISSUER": self.issuer,
            "OIDC_CLIENT_ID": CLIENT_ID,
            "OIDC_CLIENT_SECRET": CLIENT_SECRET,
            "OIDC_ROLE_MAP": ROLE_MAP,
            "OIDC_CREATE_USERS": True,
            "OIDC_ONLY": False,
            **overrides,
        }
        for name, value in values.items():
            setattr(settings, name, value)
        provider.forget()

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()


def start(site: str):
    """Start a provider for the app at `site`; a generator for a pytest fixture."""
    provider_available()
    running = TestProvider(site)
    try:
        yield running
    finally:
        running.stop()
