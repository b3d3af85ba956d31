"""Role-by-URL rows for the measures pages (see tests/url_table.py for the vocabulary).

Measures are plan data every role reads; a measure's lead (an officer) and plan managers
and administrators enter its figures.
"""

from tests.url_table_vocabulary import *  # noqa: F403

ENTER = ("lead", "manager", "admin")

ROWS = [
    Row("measure_list", EVERYONE),  # noqa: F405
    Row("measure_list", EVERYONE, query="rag=red&due=yes&source=local&lead=me"),  # noqa: F405
    Row("measure_export_csv", EVERYONE),  # noqa: F405
    Row("measure_export_xlsx", EVERYONE),  # noqa: F405
    Row("measure_detail", EVERYONE, args=("measure",)),  # noqa: F405
    Row("measure_detail", EVERYONE, args=("measure",), query="as_at=2025-01-01"),  # noqa: F405
    Row("measure_value_enter", only(*ENTER), args=("measure",)),  # noqa: F405
    Row(  # noqa: F405
        "measure_value_enter",
        only(*ENTER, ok=ALLOWED),  # noqa: F405
        args=("measure",),
        method="post",
        data={"period": "", "value": "12.5"},
    ),
]

MANAGERS = ("manager", "admin")

ROWS += [
    Row("measure_target_remove", only(*MANAGERS), args=("measure", "target")),  # noqa: F405
    # The manager removes the target; by the administrator's turn it is gone (404).
    Row(  # noqa: F405
        "measure_target_remove",
        answers(403, manager=ALLOWED, admin=404),  # noqa: F405
        args=("measure", "target"),
        method="post",
    ),
]

ROWS += [
    Row("measure_import", only(*MANAGERS)),  # noqa: F405
    Row("measure_import", only(*MANAGERS, ok=200), method="post"),  # noqa: F405
    Row("measure_import_preview", only(*MANAGERS, ok=404), args=("token",)),  # noqa: F405
    Row(  # noqa: F405
        "measure_import_preview",
        only(*MANAGERS, ok=404),  # noqa: F405
        args=("token",),
        method="post",
        data={"confirm": "1"},
    ),
]

ROWS += [
    Row("measure_figures_import", only(*MANAGERS)),  # noqa: F405
    Row("measure_figures_import", only(*MANAGERS, ok=200), method="post"),  # noqa: F405
    Row("measure_figures_preview", only(*MANAGERS, ok=404), args=("token",)),  # noqa: F405
    Row(  # noqa: F405
        "measure_figures_preview",
        only(*MANAGERS, ok=404),  # noqa: F405
        args=("token",),
        method="post",
        data={"confirm": "1"},
    ),
]

ROWS += [
    Row("measure_challenge_raise", only("scrutiny"), args=("measure",)),  # noqa: F405
    Row(  # noqa: F405
        "measure_challenge_raise",
        only("scrutiny", ok=ALLOWED),  # noqa: F405
        args=("measure",),
        method="post",
        data={"question": ""},
    ),
    Row("measure_challenge_answer", only(*ENTER), args=("measure_challenge",)),  # noqa: F405
    Row(  # noqa: F405
        "measure_challenge_answer",
        only(*ENTER, ok=ALLOWED),  # noqa: F405
        args=("measure_challenge",),
        method="post",
        data={"answer": ""},
    ),
    Row("measure_challenge_close", answers(405), args=("measure_challenge",)),  # noqa: F405
    # Only the member who raised it may close it; the world's was raised by someone else.
    Row(  # noqa: F405
        "measure_challenge_close",
        answers(403),  # noqa: F405
        args=("measure_challenge",),
        method="post",
    ),
]

ROWS += [
    Row("measure_create", only(*MANAGERS)),  # noqa: F405
    Row(  # noqa: F405
        "measure_create",
        only(*MANAGERS, ok=200),  # noqa: F405
        method="post",
        data={"reference": ""},
    ),
    Row("measure_edit", only(*MANAGERS), args=("measure",)),  # noqa: F405
    Row(  # noqa: F405
        "measure_edit",
        only(*MANAGERS, ok=200),  # noqa: F405
        args=("measure",),
        method="post",
        data={"reference": ""},
    ),
]

ROWS += [
    Row("measure_targets", only(*MANAGERS), args=("measure",)),  # noqa: F405
    Row(  # noqa: F405
        "measure_targets",
        only(*MANAGERS, ok=200),  # noqa: F405
        args=("measure",),
        method="post",
        data={"applies": "period"},
    ),
]

ROWS += [
    Row("action_measures", only(*MANAGERS), args=("action",)),  # noqa: F405
    Row(  # noqa: F405
        "action_measures",
        only(*MANAGERS, ok=ALLOWED),  # noqa: F405
        args=("action",),
        method="post",
        data={"measures": []},
    ),
    # A hidden action is no different from none: scrutiny members cannot see this one.
    Row(  # noqa: F405
        "action_measures",
        only(*MANAGERS, others=403) | {"scrutiny": 404},  # noqa: F405
        args=("secret_action",),
    ),
]
