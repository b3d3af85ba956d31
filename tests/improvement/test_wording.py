"""Words users read (issue 18, items 13, 14 and 16): the greeting, examples in messages,
how many entries a page shows, punctuation after quotations, one word for staleness, and
where a scrutiny member finds "Ask a question"."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.names import greeting_name
from core import roles
from core.text import end_sentence
from improvement.importing.values import BAD_DATE_MESSAGE
from improvement.status import Status
from tests import factories


@pytest.mark.parametrize(
    ("full_name", "expected"),
    [
        ("Cllr Margaret Ellison", "Margaret"),
        ("Cllr Ellison", "Cllr Ellison"),
        ("Councillor Ellison", "Councillor Ellison"),
        ("Dr. Aisha Rahman", "Aisha"),
        ("Daniel Ashworth", "Daniel"),
        ("Cllr", "Cllr"),
        ("", ""),
    ],
)
def test_the_greeting_uses_a_first_name_never_a_title_alone(full_name, expected):
    assert greeting_name(full_name) == expected


def test_a_councillor_with_no_first_name_is_greeted_by_title_and_surname(client, db):
    client.force_login(factories.UserFactory(full_name="Cllr Ellison", roles=[roles.SCRUTINY]))
    html = client.get(reverse("home")).content.decode()
    assert "Cllr Ellison, here is what needs you" in html
    assert "Cllr, here" not in html


def test_someone_with_no_name_recorded_gets_a_greeting_without_one(client, db):
    client.force_login(factories.UserFactory(full_name="", roles=[roles.OFFICER]))
    html = client.get(reverse("home")).content.decode()
    assert '<h1 class="govuk-heading-l">Here is what needs you</h1>' in html


def test_example_dates_in_messages_are_not_years_in_the_past():
    years = [int(year) for year in re.findall(r"20\d\d", BAD_DATE_MESSAGE)]
    assert years and min(years) >= 2026, BAD_DATE_MESSAGE


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Returned, saying: “Attach the rota.”", "Returned, saying: “Attach the rota.”"),
        ("Returned, saying: “Attach the rota”", "Returned, saying: “Attach the rota”."),
        ("Is it done?", "Is it done?"),
        ("Returned on 5 June 2026", "Returned on 5 June 2026."),
    ],
)
def test_a_sentence_ending_in_a_quotation_gets_one_full_stop(text, expected):
    assert end_sentence(text) == expected


def test_the_returned_flag_has_no_doubled_full_stop(client, db, fixed_today, officer):
    fixed_today(dt.date(2026, 6, 15))
    action = factories.ActionFactory(
        leads=[officer],
        declared_status=Status.ON_TRACK,
        returned_at=timezone.make_aware(dt.datetime(2026, 6, 5, 12)),
        returned_reason="Attach the signed rota.",
        last_update_at=None,
    )
    client.force_login(officer)
    html = client.get(action.get_absolute_url()).content.decode()
    assert "“Attach the signed rota.” Post an update" in html
    assert "rota.”." not in html


def test_the_audit_trail_says_how_many_entries_it_shows(client, db, auditor):
    for n in range(3):
        factories.PlanFactory(title=f"Plan {n}")
    client.force_login(auditor)
    html = client.get(reverse("audit_trail"), {"record_type": "improvement.plan"}).content.decode()
    assert "Showing all 3 entries, newest first" in html
    assert "at a time" not in html


def test_lists_say_not_updated_on_time_and_never_stale(client, db, fixed_today, manager):
    fixed_today(dt.date(2026, 6, 15))
    action = factories.ActionFactory(
        target_date=dt.date(2026, 12, 1),
        last_update_at=timezone.make_aware(dt.datetime(2026, 3, 1, 12)),
    )
    client.force_login(manager)
    pages = [
        reverse("action_list"),
        reverse("plan_detail", args=[action.priority.plan.pk]),
        reverse("plan_list"),
        reverse("home"),
        reverse("exceptions"),
    ]
    for url in pages:
        html = client.get(url).content.decode()
        assert "Not updated on time" in html, url
        for old in (">Stale<", "No recent update", "Needs an update", "need an update"):
            assert old not in html, (url, old)


def test_a_scrutiny_member_can_ask_a_question_from_the_top_of_a_long_action_page(
    client, db, scrutiny
):
    action = factories.ActionFactory()
    client.force_login(scrutiny)
    html = client.get(action.get_absolute_url()).content.decode()
    heading_end = html.index("</h1>")
    contents = html.index('id="on-this-page"')
    assert 'href="#ask-question"' in html[heading_end : heading_end + 600]  # beside the heading
    assert 'href="#ask-question"' in html[contents:]  # in "On this page"
    assert 'id="ask-question"' in html  # the form it leads to


def test_an_officer_is_not_offered_a_question_to_ask(client, db, officer):
    action = factories.ActionFactory()
    client.force_login(officer)
    assert 'href="#ask-question"' not in client.get(action.get_absolute_url()).content.decode()


def test_action_and_recommendation_titles_link_to_their_pages(client, db, manager):
    action = factories.ActionFactory(description="Audit every strategy discussion")
    recommendation = factories.RecommendationFactory(text="Improve the front door")
    client.force_login(manager)
    url = action.get_absolute_url()
    for page in (reverse("action_list"), reverse("plan_detail", args=[action.priority.plan.pk])):
        html = client.get(page).content.decode()
        assert re.search(rf'href="{url}">[^<]*Audit every strategy discussion', html), page
    html = client.get(reverse("recommendation_list")).content.decode()
    rec_url = reverse("recommendation_detail", args=[recommendation.pk])
    assert re.search(rf'href="{rec_url}">[^<]*Improve the front door', html)
