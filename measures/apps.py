from django.apps import AppConfig


class MeasuresConfig(AppConfig):
    """Performance measures: published statistics and the council's own figures, with
    targets and comparators, linked to priorities, actions and recommendations. They link
    to the plan's records, so the app sits above `improvement`."""

    name = "measures"
    verbose_name = "Performance measures"

    def ready(self):
        from core.roles import has_any_role
        from improvement.panels import (
            register_action_link,
            register_dashboard_panel,
            register_digest_section,
            register_impact_movement,
            register_pack_section,
        )
        from improvement.selectors import home
        from measures import audit_records, job_kinds
        from measures.digest import measures_due_digest
        from measures.home import measures_due_section
        from measures.impact import measure_movement
        from measures.scorecard import scorecard_pack_section, scorecard_panel
        from measures.views_action import action_measures_link

        audit_records.register()
        job_kinds.register()
        register_dashboard_panel(scorecard_panel)
        register_pack_section(scorecard_pack_section)
        register_impact_movement(measure_movement)
        register_digest_section(measures_due_digest)
        register_action_link(action_measures_link)
        home.register_section(has_any_role, measures_due_section, after=home.work_tray_section)
