"""The pages of the account journeys that the role tests do not reach (issue 18.7 and the
error pages): each passes axe at desktop and phone widths, and the invitation works end
to end in a real browser."""

from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template.loader import render_to_string
from django.test import RequestFactory
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from accounts.invitations import invitation_url
from accounts.models import User
from tests.e2e.conftest import assert_no_axe_violations, screenshot, sign_in

pytestmark = pytest.mark.browser

WIDTHS = (1280, 390)
NEW_PASSWORD = "a-long-new-password-7"


def fits(page, width):
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_an_invited_person_chooses_a_password_and_signs_in(new_page):
    person = User.objects.create_user(email="invited.lead@example.gov.uk", full_name="Ivy Lead")
    person.set_unusable_password()
    person.save()
    link = urlsplit(invitation_url(person)).path

    for width in WIDTHS:
        page = new_page(width=width)
        page.goto(link)
        expect(page.get_by_role("heading", name="Choose your password")).to_be_visible()
        assert_no_axe_violations(page)
        fits(page, width)
        screenshot(page, f"invitation-choose-password-{width}")

    page.get_by_label("New password", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("New password confirmation").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Set password").click()
    page.wait_for_load_state()
    screenshot(page, "invitation-password-set-390")
    assert_no_axe_violations(page)

    page.goto(link)  # single use
    expect(page.get_by_role("heading", name="This invitation link no longer works")).to_be_visible()
    assert_no_axe_violations(page)
    screenshot(page, "invitation-used-390")

    signed_in = new_page()
    sign_in(signed_in, person.email, NEW_PASSWORD)
    assert "/sign-in/" not in signed_in.url


def test_the_two_factor_page_with_an_app_to_remove(new_page):
    admin = User.objects.get(email="admin@example.org")
    TOTPDevice.objects.create(user=admin, name="default", confirmed=True)
    for width in WIDTHS:
        page = new_page(width=width)
        sign_in(page, admin.email)
        page.goto("/profile/two-factor/")
        expect(page.get_by_role("heading", name="Remove your authenticator app")).to_be_visible()
        assert_no_axe_violations(page)
        fits(page, width)


@pytest.mark.parametrize("template", ["413.html", "503_busy.html"])
def test_the_refusal_pages(new_page, template):
    request = RequestFactory().post("/")
    request.user = AnonymousUser()
    html = render_to_string(template, {"limit_mb": 30, "file_limit_mb": 20}, request=request)
    for width in WIDTHS:
        page = new_page(width=width)
        page.goto("/accessibility/")  # the stylesheets resolve against the live server
        page.set_content(html)
        assert page.locator("h1").count() == 1
        assert_no_axe_violations(page)
        fits(page, width)
        screenshot(page, f"{template.removesuffix('.html')}-{width}")
