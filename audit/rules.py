"""Who may read the audit trail (DESIGN.md section 5)."""

import rules

from core.roles import is_admin, is_auditor, is_plan_manager

# The permission keeps its first name so existing group grants and tests still hold.
rules.add_perm("improvement.view_audit_trail", is_plan_manager | is_auditor | is_admin)
