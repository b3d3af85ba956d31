"""Role-by-URL rows for the audit area (see tests/url_table.py for the vocabulary)."""

from tests.url_table_vocabulary import ALLOWED, LOGIN, Row, answers, only

CHECKERS = only("manager", "auditor", "admin")
VERIFIERS = only("manager", "auditor")
HISTORY_READERS = only("lead", "manager", "auditor", "admin")


def hidden_from_scrutiny(expect: dict) -> dict:
    return {**expect, "scrutiny": 404}


def verifiers_may_post() -> dict:
    # The world's action is not complete: a verifier is sent back to the action (GET) or gets
    # the form back with the reason (POST, 400).
    return only("manager", "auditor", ok=ALLOWED)


ROWS = [
    Row("audit_trail", CHECKERS),
    Row("audit_trail", CHECKERS, query="person=a&record_type=improvement.action&since=x"),
    Row("audit_trail", answers(405, anonymous=LOGIN), method="post"),
    Row("audit_trail_csv", CHECKERS),
    Row("action_history", HISTORY_READERS, args=("action",)),
    Row("action_history", hidden_from_scrutiny(HISTORY_READERS), args=("secret_action",)),
    Row("action_history", answers(405, anonymous=LOGIN), args=("action",), method="post"),
    Row("verification_queue", VERIFIERS),
    Row("action_verify", verifiers_may_post(), args=("action",)),
    Row("action_verify", hidden_from_scrutiny(verifiers_may_post()), args=("secret_action",)),
    Row(
        "action_verify",
        verifiers_may_post(),
        args=("action",),
        method="post",
        data={"note": "x", "impact": "evidenced"},
    ),
    Row(
        "action_verify",
        hidden_from_scrutiny(verifiers_may_post()),
        args=("secret_action",),
        method="post",
        data={"note": "x", "impact": "evidenced"},
    ),
    # Judging impact follows the verify permission; the world's action is not complete, so a
    # verifier is sent back to the action.
    Row("action_impact", verifiers_may_post(), args=("action",)),
    Row("action_impact", hidden_from_scrutiny(verifiers_may_post()), args=("secret_action",)),
    Row(
        "action_impact",
        verifiers_may_post(),
        args=("action",),
        method="post",
        data={"impact": "evidenced"},
    ),
    Row(
        "action_impact",
        hidden_from_scrutiny(verifiers_may_post()),
        args=("secret_action",),
        method="post",
        data={"impact": "evidenced"},
    ),
    Row("action_return", verifiers_may_post(), args=("action",)),
    Row("action_return", hidden_from_scrutiny(verifiers_may_post()), args=("secret_action",)),
    Row(
        "action_return", verifiers_may_post(), args=("action",), method="post", data={"reason": "x"}
    ),
    Row(
        "action_return",
        hidden_from_scrutiny(verifiers_may_post()),
        args=("secret_action",),
        method="post",
        data={"reason": "x"},
    ),
    Row("exceptions", CHECKERS),
    Row("exceptions", CHECKERS, query="kind=overdue"),
    Row("exceptions_csv", CHECKERS),
    Row("exceptions_csv", CHECKERS, query="kind=nonsense"),
]
