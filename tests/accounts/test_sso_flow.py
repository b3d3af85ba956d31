"""Sign-in through a real OpenID provider (tests/oidc/provider.mjs), driven with the test
client and plain HTTP: every path of the callback, on both databases."""

from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
import requests
from django.contrib.auth.models import Group

from accounts.models import User
from accounts.sso.roles import ROLE_CHANGE_REASON
from audit.models import SignInEvent
from core import roles
from tests import factories, sso_provider

OLU = sso_provider.ACCOUNTS["olu"]


@pytest.fixture(scope="module")
def oidc():
    yield from sso_provider.start("http://testserver")


@pytest.fixture
def sso(oidc, settings, db):
    oidc.reset()
    oidc.settings(settings)
    return oidc


def to_provider_and_back(client, oidc, account: str, start: str = "/oidc/authenticate/") -> str:
    """Start a sign-in, sign in as `account` at the provider: the callback address."""
    started = client.get(start)
    assert started.status_code == 302, started.content
    browser = requests.Session()
    answer = browser.get(started["Location"], allow_redirects=False)
    interaction = urljoin(oidc.issuer, answer.headers["Location"])
    answer = browser.post(f"{interaction}/login", data={"login": account}, allow_redirects=False)
    answer = browser.get(urljoin(oidc.issuer, answer.headers["Location"]), allow_redirects=False)
    callback = answer.headers["Location"]
    assert callback.startswith("http://testserver/oidc/callback/"), callback
    return callback.removeprefix("http://testserver")


def sign_in(client, oidc, account: str):
    return client.get(to_provider_and_back(client, oidc, account))


def last_event() -> SignInEvent:
    return SignInEvent.objects.order_by("-pk").first()


def role_set(user) -> set[str]:
    return set(user.groups.values_list("name", flat=True))


def test_first_sign_in_creates_the_person_with_the_mapped_role(client, sso):
    response = sign_in(client, sso, "olu")
    assert response.status_code == 302
    assert response["Location"] == "/"
    user = User.objects.get(email=OLU["email"])
    assert user.oidc_subject == "olu"
    assert user.oidc_issuer == sso.issuer
    assert user.last_provider_sign_in is not None
    assert user.full_name == "Olu Officer"
    assert not user.has_usable_password()
    assert role_set(user) == {roles.OFFICER}
    assert not user.is_staff
    event = last_event()
    assert (event.kind, event.method, event.user) == ("signed_in", "provider", user)
    assert event.amr == "pwd"
    assert event.auth_time is not None
    assert client.get("/").status_code == 200


def test_request_starts_with_state_nonce_and_pkce(client, sso):
    started = client.get("/oidc/authenticate/")
    query = parse_qs(urlsplit(started["Location"]).query)
    assert started["Location"].startswith(f"{sso.issuer}/auth?")
    assert query["code_challenge_method"] == ["S256"]
    assert query["state"] and query["nonce"] and query["code_challenge"]
    assert query["scope"] == ["openid email profile"]


def test_changed_role_claim_changes_the_role_at_next_sign_in(client, sso):
    sign_in(client, sso, "olu")
    user = User.objects.get(email=OLU["email"])
    client.logout()
    sso.set_account("olu", **{**OLU, "roles": ["Tracker.Manager", "Tracker.Scrutiny"]})
    sign_in(client, sso, "olu")
    assert role_set(user) == {roles.PLAN_MANAGER, roles.SCRUTINY}
    reasons = set(user.history.values_list("history_change_reason", flat=True))
    assert ROLE_CHANGE_REASON in reasons


def test_removed_from_the_role_at_the_provider_loses_it(client, sso):
    sign_in(client, sso, "olu")
    client.logout()
    sso.set_account("olu", **{**OLU, "roles": []})
    response = sign_in(client, sso, "olu")
    user = User.objects.get(email=OLU["email"])
    assert role_set(user) == set()
    assert response["Location"] == "/no-access/"


def test_groups_that_are_not_roles_are_left_alone(client, sso):
    sign_in(client, sso, "olu")
    user = User.objects.get(email=OLU["email"])
    user.groups.add(Group.objects.create(name="Newsletter"))
    client.logout()
    sign_in(client, sso, "olu")
    assert role_set(user) == {roles.OFFICER, "Newsletter"}


def test_admin_role_claim_makes_staff_and_provider_mfa_opens_admin(client, sso, settings):
    settings.ADMIN_REQUIRE_OTP = True
    sign_in(client, sso, "ada")
    user = User.objects.get(email="ada.admin@northdale.example.org")
    assert user.is_staff and role_set(user) == {roles.AUDITOR}
    assert last_event().amr == "pwd mfa"
    assert client.get("/admin/").status_code == 200
    settings.OIDC_MFA_SATISFIES_ADMIN_OTP = False
    assert client.get("/admin/").status_code == 302


def test_unmapped_claim_signs_in_to_the_no_access_page(client, sso):
    response = sign_in(client, sso, "nia")
    assert response["Location"] == "/no-access/"
    page = client.get("/no-access/")
    assert "You do not have access yet" in page.content.decode()
    assert "nia.nobody@northdale.example.org" in page.content.decode()


def test_deactivated_person_cannot_sign_in_through_the_provider(client, sso):
    sign_in(client, sso, "olu")
    client.logout()
    User.objects.filter(email=OLU["email"]).update(is_active=False)
    response = sign_in(client, sso, "olu")
    assert response.status_code == 403
    assert "Your account is switched off" in response.content.decode()
    assert not client.get("/").wsgi_request.user.is_authenticated
    event = last_event()
    assert (event.kind, event.method, event.reason) == ("failed", "provider", "inactive")


def test_switching_a_person_off_ends_their_provider_session(client, sso):
    sign_in(client, sso, "olu")
    assert client.get("/").status_code == 200
    User.objects.filter(email=OLU["email"]).update(is_active=False)
    assert client.get("/")["Location"].startswith("/sign-in/")


def refused_with(response, code: str) -> None:
    assert response.status_code == 403, response.content
    assert "You have not been signed in" in response.content.decode()
    event = last_event()
    assert event.kind == "failed" and event.method == "provider"
    assert event.reason.split(":")[0] == code, event.reason
    assert not User.objects.filter(email=OLU["email"]).exists()


def test_tampered_state_is_refused(client, sso):
    callback = to_provider_and_back(client, sso, "olu")
    refused_with(client.get(callback.replace("state=", "state=x")), "state")


def test_replayed_callback_is_refused(client, sso):
    callback = to_provider_and_back(client, sso, "olu")
    assert client.get(callback).status_code == 302
    client.logout()
    User.objects.all().delete()
    refused_with(client.get(callback), "state")


def test_replayed_code_with_a_fresh_state_is_refused(client, sso):
    first = to_provider_and_back(client, sso, "olu")
    assert client.get(first).status_code == 302
    client.logout()
    User.objects.all().delete()
    second = to_provider_and_back(client, sso, "olu")
    old_code = parse_qs(urlsplit(first).query)["code"][0]
    new_code = parse_qs(urlsplit(second).query)["code"][0]
    refused_with(client.get(second.replace(new_code, old_code)), "code")


@pytest.mark.parametrize(
    ("mode", "code"),
    [("wrong_audience", "audience"), ("expired", "expired"), ("unknown_key", "unknown_key")],
)
def test_bad_id_tokens_are_refused(client, sso, mode, code):
    sso.set_mode(mode)
    refused_with(sign_in(client, sso, "olu"), code)


def test_a_rotated_signing_key_is_fetched(client, sso):
    sign_in(client, sso, "olu")
    client.logout()
    sso.rotate_key()
    assert sign_in(client, sso, "olu")["Location"] == "/"


def test_provider_that_is_down_gets_a_clear_page(client, sso, settings):
    settings.OIDC_ISSUER = "http://127.0.0.1:9"
    response = client.get("/oidc/authenticate/")
    assert response.status_code == 503
    assert "not answering" in response.content.decode()


def test_without_create_users_only_known_people_get_in(client, sso, settings):
    settings.OIDC_CREATE_USERS = False
    response = sign_in(client, sso, "olu")
    assert response.status_code == 403
    assert last_event().reason == "not_registered"
    factories.UserFactory(email=OLU["email"])
    assert sign_in(client, sso, "olu")["Location"] == "/"


def test_first_sign_in_links_an_account_with_a_verified_address(client, sso):
    existing = factories.UserFactory(email=OLU["email"], roles=[roles.AUDITOR])
    sign_in(client, sso, "olu")
    existing.refresh_from_db()
    assert existing.oidc_subject == "olu"
    assert role_set(existing) == {roles.OFFICER}


def test_an_unverified_address_is_not_linked(client, sso):
    existing = factories.UserFactory(email=OLU["email"])
    sso.set_account("olu", **{**OLU, "email_verified": False})
    response = sign_in(client, sso, "olu")
    assert response.status_code == 403
    assert "needs linking" in response.content.decode()
    existing.refresh_from_db()
    assert existing.oidc_subject is None


def test_a_returning_person_is_matched_by_subject_not_address(client, sso):
    sign_in(client, sso, "olu")
    client.logout()
    sso.set_account("olu", **{**OLU, "email": "olu.new@northdale.example.org"})
    sign_in(client, sso, "olu")
    assert User.objects.filter(oidc_subject="olu").get().email == OLU["email"]
    assert User.objects.count() == 1


def test_sign_out_ends_the_session_at_the_provider_too(client, sso):
    sign_in(client, sso, "olu")
    response = client.post("/sign-out/")
    assert response.status_code == 302
    assert response["Location"].startswith(f"{sso.issuer}/session/end?")
    query = parse_qs(urlsplit(response["Location"]).query)
    assert query["post_logout_redirect_uri"] == ["http://testserver/sign-in/"]
    assert query["id_token_hint"]
    assert not client.get("/").wsgi_request.user.is_authenticated


def test_password_sign_out_stays_here(client, sso, officer):
    client.force_login(officer)
    assert client.post("/sign-out/")["Location"] == "/sign-in/"


def test_the_audit_trail_shows_how_people_signed_in_and_why_refused(client, sso, auditor):
    sso.set_mode("expired")
    sign_in(client, sso, "olu")
    sso.set_mode("")
    sign_in(client, sso, "olu")
    client.force_login(auditor)
    page = client.get("/audit/").content.decode()
    assert "Council account" in page
    assert "Why refused" in page and "expired" in page


def test_a_returning_sign_in_with_no_change_adds_no_history(client, sso):
    sign_in(client, sso, "olu")
    user = User.objects.get(email=OLU["email"])
    rows = user.history.count()
    client.logout()
    sign_in(client, sso, "olu")
    assert user.history.count() == rows


def test_the_page_asked_for_is_shown_after_sign_in(client, sso):
    callback = to_provider_and_back(client, sso, "olu", start="/oidc/authenticate/?next=/plans/")
    assert client.get(callback)["Location"] == "/plans/"


def test_a_next_address_on_another_site_is_ignored(client, sso):
    start = "/oidc/authenticate/?next=https://evil.example/"
    assert client.get(to_provider_and_back(client, sso, "olu", start=start))["Location"] == "/"
