"""Permissions of the shared pages."""

import rules

from core.roles import is_admin

rules.add_perm("admin.view_site", is_admin)
