"""Who may do what with measures: plan data every role reads; plan managers and
administrators manage them; a measure's lead (an officer, or one of its team) enters its
figures."""

import rules

from core.roles import can_manage_plans, has_any_role, is_officer, is_scrutiny


@rules.predicate
def leads_measure(user, measure) -> bool:
    if measure is None or not user.is_authenticated:
        return False
    if measure.lead_user_id == user.pk:
        return True
    if measure.lead_team_id is None:
        return False
    return user.teams.filter(pk=measure.lead_team_id).exists()


rules.add_perm("measures.read", has_any_role)
rules.add_perm("measures.manage", can_manage_plans)
rules.add_perm("measures.enter_value", can_manage_plans | (is_officer & leads_measure))


@rules.predicate
def leads_challenged_measure(user, challenge) -> bool:
    return challenge is not None and leads_measure(user, challenge.measure)


@rules.predicate
def raised_measure_challenge(user, challenge) -> bool:
    return challenge is not None and challenge.raised_by_id == user.pk


rules.add_perm("measures.raise_challenge", is_scrutiny)
rules.add_rule("raise_measure_challenge", is_scrutiny)  # for templates: no superuser bypass
rules.add_perm(
    "measures.answer_challenge", can_manage_plans | (is_officer & leads_challenged_measure)
)
rules.add_perm("measures.close_challenge", is_scrutiny & raised_measure_challenge)
