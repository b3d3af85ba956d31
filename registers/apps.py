from django.apps import AppConfig


class RegistersConfig(AppConfig):
    """The inspections and recommendations registers' pages. They show how far the plan
    answers each entry, so they sit above the plan app; the records stay in their own apps."""

    name = "registers"
