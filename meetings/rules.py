"""Who may do what with bodies and meetings: plan data every role reads; plan managers and
administrators run bodies and record meetings; an action arising's owner closes it too; a
scrutiny member of the body marks the challenges they raised at its meeting."""

import rules

from core.roles import can_manage_plans, has_any_role, is_scrutiny


@rules.predicate
def owns_arising(user, arising) -> bool:
    return arising is not None and user.is_authenticated and arising.owner_id == user.pk


@rules.predicate
def is_body_member(user, body) -> bool:
    if body is None or not user.is_authenticated:
        return False
    return body.members.filter(user=user).exists()


@rules.predicate
def sits_on_meeting_body(user, meeting) -> bool:
    return meeting is not None and is_body_member(user, meeting.body)


rules.add_perm("meetings.read", has_any_role)
rules.add_perm("meetings.manage", can_manage_plans)
rules.add_perm("meetings.close_arising", can_manage_plans | (has_any_role & owns_arising))
rules.add_perm("meetings.calendar", has_any_role & is_body_member)
# A plan manager links any challenge; a scrutiny member of the body, the ones they raised.
rules.add_perm("meetings.link_challenges", can_manage_plans | (is_scrutiny & sits_on_meeting_body))
