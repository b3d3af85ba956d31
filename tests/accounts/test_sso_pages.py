"""The sign-in page with and without single sign-on, OIDC_ONLY and its break-glass list,
and the admin's view of a person's council account. No provider is needed here."""

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from accounts.sso.backends import PasswordBackend
from audit.models import SignInEvent
from core import roles
from tests import factories

PASSWORD = "a-long-test-password"


@pytest.fixture
def sso_on(settings):
    settings.OIDC_ISSUER = "http://127.0.0.1:9"
    settings.OIDC_CLIENT_ID = "tracker"
    settings.OIDC_CLIENT_SECRET = "secret"
    settings.AXES_ENABLED = False


def test_without_a_provider_the_sign_in_page_is_as_before(client, db):
    page = client.get("/sign-in/").content.decode()
    assert "Sign in with your council account" not in page
    assert 'name="password"' in page
    assert client.get("/oidc/authenticate/").status_code == 404
    assert client.get("/oidc/callback/?code=a&state=b").status_code == 404


def test_with_a_provider_the_council_account_comes_first(client, db, sso_on):
    page = client.get("/sign-in/?next=/plans/").content.decode()
    assert page.index("Sign in with your council account") < page.index('name="password"')
    assert 'href="/oidc/authenticate/?next=/plans/"' in page


def test_oidc_only_hides_the_password_form_until_asked(client, db, sso_on, settings):
    settings.OIDC_ONLY = True
    page = client.get("/sign-in/").content.decode()
    assert 'name="password"' not in page
    assert "Administrator sign-in with a password" in page
    assert 'name="password"' in client.get("/sign-in/?password=1").content.decode()


def test_oidc_only_refuses_passwords_except_for_break_glass(client, db, sso_on, settings):
    settings.OIDC_ONLY = True
    settings.OIDC_BREAK_GLASS_EMAILS = ["glass@example.org"]
    officer = factories.UserFactory(email="olu@example.org", roles=[roles.OFFICER])
    factories.UserFactory(email="glass@example.org", is_staff=True)
    refused = client.post("/sign-in/", {"username": officer.email, "password": PASSWORD})
    assert refused.status_code == 200
    assert "Sign in with your council account" in refused.content.decode()
    assert PasswordBackend().authenticate(None, officer.email, PASSWORD) is None
    allowed = client.post("/sign-in/", {"username": "GLASS@example.org", "password": PASSWORD})
    assert allowed.status_code == 302
    assert SignInEvent.objects.filter(kind="signed_in", method="password").count() == 1


def test_oidc_only_sends_reset_links_only_to_break_glass(client, db, sso_on, settings, mailoutbox):
    settings.OIDC_ONLY = True
    settings.OIDC_BREAK_GLASS_EMAILS = ["glass@example.org"]
    factories.UserFactory(email="olu@example.org")
    factories.UserFactory(email="glass@example.org")
    client.post("/password-reset/", {"email": "olu@example.org"})
    client.post("/password-reset/", {"email": "glass@example.org"})
    assert [message.to for message in mailoutbox] == [["glass@example.org"]]


def test_without_a_provider_oidc_only_changes_nothing(client, db, settings):
    settings.OIDC_ONLY = True
    officer = factories.UserFactory(roles=[roles.OFFICER])
    assert PasswordBackend().authenticate(None, officer.email, PASSWORD) == officer


def test_admin_shows_the_council_account(client, admin_user):
    person = factories.UserFactory(
        oidc_subject="abc-123",
        oidc_issuer="https://login.example/tenant/v2.0",
        last_provider_sign_in=timezone.now(),
        is_staff=True,
    )
    person.groups.add(Group.objects.get(name=roles.OFFICER))
    client.force_login(admin_user)
    page = client.get(f"/admin/accounts/user/{person.pk}/change/").content.decode()
    assert "abc-123" in page
    assert "Council account" in page
    assert f"{roles.OFFICER}, Administrator" in page
    listing = client.get("/admin/accounts/user/?sign_in=council").content.decode()
    assert person.email in listing
    assert admin_user.email not in listing


def test_no_access_page_names_whom_to_ask(client, db, settings):
    settings.OIDC_ACCESS_CONTACT = "the children's services business support team"
    client.force_login(factories.UserFactory())
    page = client.get("/no-access/").content.decode()
    assert "You do not have access yet" in page
    assert "business support team" in page
