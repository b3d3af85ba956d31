"""Who may do what with meeting packs (loaded from MeetingsConfig.ready())."""

import rules

from core.roles import can_manage_plans, has_any_role

rules.add_perm("meetings.read_pack", has_any_role)
rules.add_perm("meetings.publish_pack", can_manage_plans)
