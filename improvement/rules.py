"""Who may do what: DESIGN.md section 5 as `rules` predicates.

Every view asks one of these; the role-by-URL test in tests/test_url_permissions.py
checks each page against the same table. Reading single objects is scoped by the
`visible_to(user)` querysets, so a hidden object answers 404 rather than 403.
"""

import rules

from core.roles import (
    can_manage_plans,
    can_read_confidential,
    has_any_role,
    is_admin,
    is_auditor,
    is_officer,
    is_plan_manager,
    is_scrutiny,
)


@rules.predicate
def leads_action(user, action) -> bool:
    """The user leads the action: `Action.is_led_by`, the loaded form of `led_by`."""
    return action is not None and action.is_led_by(user)


@rules.predicate
def leads_challenged_action(user, challenge) -> bool:
    return challenge is not None and leads_action(user, challenge.action)


@rules.predicate
def raised_challenge(user, challenge) -> bool:
    return challenge is not None and challenge.raised_by_id == user.pk


@rules.predicate
def owes_sign_off(user, version) -> bool:
    """The user is a named approver of a version awaiting sign-off, not yet decided."""
    from improvement.models import PlanVersion, SignOff

    return (
        version is not None
        and version.state == PlanVersion.State.AWAITING
        and SignOff.objects.waiting_for(user).filter(version=version).exists()
    )


rules.add_perm("improvement.read", has_any_role)
rules.add_perm("improvement.read_confidential", can_read_confidential)
rules.add_perm("improvement.manage_plans", can_manage_plans)
rules.add_perm("improvement.post_update", is_plan_manager | (is_officer & leads_action))
rules.add_perm("improvement.request_date_change", is_plan_manager | (is_officer & leads_action))
# No one verifies an action they lead, auditor or not. The rule of the same name is for
# checks that must not let a superuser through (administrators do not verify).
can_verify_action = (is_auditor | is_plan_manager) & ~leads_action
rules.add_perm("improvement.verify_action", can_verify_action)
rules.add_rule("verify_action", can_verify_action)
rules.add_perm("improvement.raise_challenge", is_scrutiny)
rules.add_rule("raise_challenge", is_scrutiny)  # for templates: no superuser bypass
rules.add_perm(
    "improvement.answer_challenge", is_plan_manager | (is_officer & leads_challenged_action)
)
rules.add_perm("improvement.close_challenge", is_scrutiny & raised_challenge)
rules.add_perm("improvement.view_exceptions", is_plan_manager | is_auditor | is_admin)
rules.add_perm(
    "improvement.view_action_history",
    is_plan_manager | is_auditor | is_admin | (is_officer & leads_action),
)
rules.add_perm("improvement.export", has_any_role)
rules.add_perm("improvement.import_plan", is_plan_manager | is_admin)
rules.add_perm("improvement.submit_plan_version", can_manage_plans)
rules.add_perm("improvement.sign_off_plan_version", has_any_role & owes_sign_off)
rules.add_perm("improvement.record_ofsted_date", can_manage_plans)
