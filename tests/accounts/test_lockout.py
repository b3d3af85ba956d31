"""Sign-in lock-out: by account (from any address, in any case) and by client address.

Five failures in 15 minutes lock the account, whatever addresses they came from, and five
failures from one address lock that address, whatever accounts they named. Behind the
load balancer the client address is the one the trusted proxy forwards.
"""

import pytest
from django.urls import reverse

from audit.models import SignInEvent
from tests import factories

PASSWORD = "a-long-test-password"
LOAD_BALANCER = "10.0.0.5"
pytestmark = pytest.mark.django_db


def sign_in(client, email, password=PASSWORD, *, ip="198.51.100.1", forwarded=None):
    headers = {"REMOTE_ADDR": ip}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    client.logout()
    return client.post(reverse("login"), {"username": email, "password": password}, **headers)


def locked(response) -> bool:
    return response.status_code == 429 and b"locked for 15 minutes" in response.content


@pytest.fixture
def person():
    return factories.UserFactory(email="hannah.okafor@northdale.example.org")


def test_five_failures_lock_the_account_even_from_another_address(client, person):
    for _ in range(5):
        sign_in(client, person.email, "wrong-password", ip="198.51.100.1")

    assert locked(sign_in(client, person.email, ip="203.0.113.9"))


def test_guesses_from_six_addresses_lock_the_account(client, person):
    for address in range(1, 7):
        for _ in range(4):
            sign_in(client, person.email, "wrong-password", ip=f"198.51.100.{address}")

    assert locked(sign_in(client, person.email, ip="203.0.113.9"))


def test_case_and_spaces_of_the_address_typed_count_as_one_account(client, person):
    variants = [
        "HANNAH.OKAFOR@northdale.example.org",
        "Hannah.Okafor@Northdale.Example.org",
        " hannah.okafor@northdale.example.org ",
        "hannah.okafor@NORTHDALE.EXAMPLE.ORG",
        "hAnnah.okafor@northdale.example.org",
    ]
    for number, variant in enumerate(variants, start=1):
        sign_in(client, variant, "wrong-password", ip=f"198.51.100.{number}")

    assert locked(sign_in(client, person.email, ip="203.0.113.9"))


def test_five_failures_from_one_address_lock_that_address_only(client, person):
    for number in range(5):
        sign_in(client, f"guess{number}@northdale.example.org", "wrong-password", ip="198.51.100.1")

    assert locked(sign_in(client, person.email, ip="198.51.100.1"))
    assert sign_in(client, person.email, ip="203.0.113.9").status_code == 302


def test_four_failures_then_the_right_password_start_the_count_again(client, person):
    for _ in range(4):
        sign_in(client, person.email, "wrong-password", ip="198.51.100.1")
    assert sign_in(client, person.email, ip="198.51.100.1").status_code == 302

    for _ in range(4):
        sign_in(client, person.email, "wrong-password", ip="198.51.100.1")
    assert sign_in(client, person.email, ip="198.51.100.1").status_code == 302


def test_signing_in_to_your_own_account_does_not_clear_your_guesses_at_another(client, person):
    attacker = factories.UserFactory(email="attacker@northdale.example.org")
    for _ in range(4):
        sign_in(client, person.email, "wrong-password", ip="198.51.100.66")
    assert sign_in(client, attacker.email, ip="198.51.100.66").status_code == 302
    sign_in(client, person.email, "wrong-password", ip="198.51.100.66")

    assert locked(sign_in(client, person.email, ip="203.0.113.9"))


def test_without_a_proxy_a_forwarded_header_is_ignored(client, person, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    for number in range(5):
        sign_in(
            client,
            f"guess{number}@northdale.example.org",
            "wrong-password",
            ip="198.51.100.1",
            forwarded=f"192.0.2.{number}",  # made up by the client to look like five people
        )

    assert locked(sign_in(client, person.email, ip="198.51.100.1", forwarded="192.0.2.99"))


def test_behind_a_proxy_each_forwarded_client_is_locked_separately(client, person, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for number in range(5):
        # The client made up the first address; the load balancer appended the real one.
        sign_in(
            client,
            f"guess{number}@northdale.example.org",
            "wrong-password",
            ip=LOAD_BALANCER,
            forwarded=f"192.0.2.{number}, 198.51.100.1",
        )

    assert locked(sign_in(client, person.email, ip=LOAD_BALANCER, forwarded="198.51.100.1"))
    other_client = sign_in(client, person.email, ip=LOAD_BALANCER, forwarded="198.51.100.2")
    assert other_client.status_code == 302
    event = SignInEvent.objects.filter(kind=SignInEvent.Kind.SIGNED_IN).get()
    assert event.ip_address == "198.51.100.2"  # the audit trail records the real client too


def test_two_proxies_take_the_second_address_from_the_right(client, person, settings):
    settings.TRUSTED_PROXY_COUNT = 2
    for number in range(5):
        sign_in(
            client,
            f"guess{number}@northdale.example.org",
            "wrong-password",
            ip=LOAD_BALANCER,
            forwarded=f"192.0.2.{number}, 198.51.100.1, 10.0.0.9",
        )

    first = sign_in(client, person.email, ip=LOAD_BALANCER, forwarded="198.51.100.1, 10.0.0.9")
    second = sign_in(client, person.email, ip=LOAD_BALANCER, forwarded="198.51.100.2, 10.0.0.9")
    assert locked(first)
    assert second.status_code == 302


def test_the_lock_out_is_recorded_with_the_address_as_typed(client, person):
    for _ in range(5):
        sign_in(client, "Hannah.Okafor@northdale.example.org", "wrong-password")

    event = SignInEvent.objects.get(kind=SignInEvent.Kind.LOCKED_OUT)
    assert event.email == "Hannah.Okafor@northdale.example.org"
    assert event.user == person
