from django.apps import AppConfig


class DevtoolsConfig(AppConfig):
    """Demo data, the load-data generator, the benchmark and the load test: never imported
    by the product (an import-linter contract checks it)."""

    name = "devtools"
    verbose_name = "Developer tools"
