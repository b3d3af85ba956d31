"""Each demo user signs in and sees their role's home page, with no accessibility violations."""

import pytest

from tests.e2e.conftest import assert_no_axe_violations, screenshot, sign_in

DEMO_USERS = [
    ("officer@example.org", ["Home"]),
    ("manager@example.org", ["Home"]),
    ("scrutiny@example.org", ["Home"]),
    ("auditor@example.org", ["Home"]),
    ("admin@example.org", ["Home", "Admin"]),
]


@pytest.mark.parametrize(("email", "nav"), DEMO_USERS, ids=[u[0].split("@")[0] for u in DEMO_USERS])
def test_demo_user_signs_in_to_an_accessible_home_page(new_page, email, nav):
    page = new_page()
    sign_in(page, email)
    assert page.url.endswith("/"), page.url
    assert "here is what needs you" in page.locator("h1").inner_text()
    nav_labels = page.locator(".govuk-service-navigation__link").all_inner_texts()
    for label in nav:
        assert label in [text.strip() for text in nav_labels]
    if "Admin" not in nav:
        assert "Admin" not in [text.strip() for text in nav_labels]
    assert_no_axe_violations(page)
    screenshot(page, f"home-{email.split('@')[0]}")


def test_sign_in_page_is_accessible_and_rejects_a_wrong_password(new_page):
    page = new_page()
    page.goto("/")
    assert "/sign-in/" in page.url
    assert_no_axe_violations(page)
    sign_in(page, "officer@example.org", "wrong-password")
    assert "There is a problem" in page.content()
    assert_no_axe_violations(page)


def test_pages_fit_a_phone_screen(new_page):
    page = new_page(width=390, height=844)
    sign_in(page, "officer@example.org")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
    screenshot(page, "home-officer-phone")
