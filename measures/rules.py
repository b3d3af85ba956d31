"""Who may do what with measures: plan data every role reads; plan managers and
administrators manage them; a measure's lead (an officer, or one of its team) enters its
figures."""

import rules

from core.roles import can_manage_plans, has_any_role, is_officer


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
