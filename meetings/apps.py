from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    """The meeting cycle: the boards and panels that oversee plans and measures, their
    members and meetings, the pack built for each meeting and what it published. Packs read
    the plan and its measures, so the app sits above `measures`."""

    name = "meetings"
    verbose_name = "Meetings"

    def ready(self):
        from meetings import audit_records, rules_packs  # noqa: F401

        audit_records.register()
