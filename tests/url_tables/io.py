"""Role-by-URL rows for the io area (see tests/url_table.py for the vocabulary).

The action list and exports are open to every role (scrutiny's rows leave confidential
actions out: tests/improvement/test_export.py); importing is for plan managers and admins.
A preview token belongs to the session that uploaded, so anyone else's answers 404.
"""

from tests.url_table_vocabulary import *  # noqa: F403

MANAGERS = ("manager", "admin")

ROWS = [
    Row("action_list", EVERYONE),  # noqa: F405
    Row("action_list", EVERYONE, query="status=off_track&overdue=1&sort=-target"),  # noqa: F405
    Row("action_export_csv", EVERYONE),  # noqa: F405
    Row("action_export_xlsx", EVERYONE, query="q=audit"),  # noqa: F405
    Row("plan_export_csv", EVERYONE, args=("plan",)),  # noqa: F405
    Row("plan_export_xlsx", EVERYONE, args=("plan",)),  # noqa: F405
    # A POST prepares the file in the background (jobs/) and leads to Your downloads.
    Row("action_export_xlsx", answers(302), method="post"),  # noqa: F405
    Row("plan_export_csv", answers(302), args=("plan",), method="post"),  # noqa: F405
    Row("plan_import", only(*MANAGERS)),  # noqa: F405
    Row("plan_import", only(*MANAGERS, ok=200), method="post"),  # noqa: F405
    Row("plan_import_sample", only(*MANAGERS)),  # noqa: F405
    Row("plan_import_preview", only(*MANAGERS, ok=404), args=("token",)),  # noqa: F405
    Row(  # noqa: F405
        "plan_import_preview",
        only(*MANAGERS, ok=404),  # noqa: F405
        args=("token",),
        method="post",
        data={"skip_problem_rows": "on"},
    ),
]
