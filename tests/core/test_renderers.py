"""Selects drawn in Python are Django's selects, character for character."""

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates

from core.renderers import FormRenderer
from improvement.filters import filtered_actions
from tests import factories

CHOICES = [
    ("", "All plans"),
    ("Children's plan <2025>", [(1, 'Priority 1: "Help" & protection'), (2, "Priority 2")]),
    ("Closed", [(3, "Priority 3")]),
    (4, "An option outside a group, <b>not bold</b>"),
]


class Everything(forms.Form):
    plain = forms.ChoiceField(choices=CHOICES, required=False)
    many = forms.MultipleChoiceField(choices=CHOICES, required=False)
    marked = forms.ChoiceField(
        choices=[("a", "A"), ("b", "B")],
        widget=forms.Select(attrs={"class": "govuk-select", "data-x": '"q"', "disabled": True}),
    )
    hidden = forms.ChoiceField(
        choices=[("a", "A")], widget=forms.Select(attrs={"autofocus": False, "aria-x": 0})
    )


def _drawn(form, renderer) -> list[str]:
    form.renderer = renderer
    return [str(field) for field in form]


@pytest.mark.parametrize(
    "data",
    [None, {"plain": "2", "many": ["1", "4"], "marked": "b"}, {"plain": "nonsense", "many": []}],
    ids=["unbound", "chosen", "invalid"],
)
def test_selects_are_drawn_as_django_draws_them(data):
    form = Everything(data)
    if form.is_bound:
        form.is_valid()  # the errors, as a re-shown form has them
    fast, slow = _drawn(form, FormRenderer()), _drawn(form, DjangoTemplates())
    assert fast == slow
    assert "<optgroup" in fast[0] and "&quot;Help&quot; &amp;" in fast[0]


@pytest.mark.django_db
def test_the_action_list_filter_form_is_the_same_html_with_either_renderer():
    plan = factories.PlanFactory(title="Help & <support>")
    factories.PriorityFactory(plan=plan, title='The "front door"')
    factories.TeamFactory(name="Early help")
    user = factories.UserFactory(roles=["plan_manager"])
    form = filtered_actions(user, {"plan": str(plan.pk)}).form
    fast, slow = _drawn(form, FormRenderer()), _drawn(form, DjangoTemplates())
    assert fast == slow
    assert any("Help &amp; &lt;support&gt;" in html for html in fast)
