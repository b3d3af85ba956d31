from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    """The meeting cycle: the boards and panels that oversee plans and measures, their
    members and meetings, the pack built for each meeting and what it published. Packs read
    the plan and its measures, so the app sits above `measures`."""

    name = "meetings"
    verbose_name = "Meetings"

    def ready(self):
        from core.roles import has_any_role
        from improvement.selectors import home
        from meetings import audit_records, rules_packs  # noqa: F401
        from meetings.home import arising_owned_section, member_meetings_section

        audit_records.register()
        home.register_section(has_any_role, member_meetings_section)
        home.register_section(has_any_role, arising_owned_section, after=home.work_tray_section)
