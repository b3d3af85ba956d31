"""Role-by-URL rows for the actions area (see tests/url_table.py for the vocabulary)."""

from tests.url_table_vocabulary import ALLOWED, EVERYONE, Row, answers, only

UPDATE = {"narrative": "Row test update", "status": "on_track"}
DATE_REQUEST = {"new_date_0": "1", "new_date_1": "1", "new_date_2": "2099", "reason": "Because"}
LEADS = ("lead", "manager")  # who may post, ask for a date or answer on the `action`


def hidden_from_scrutiny(expect: dict) -> dict:
    """The same answers, but 404 for scrutiny: the object is confidential."""
    return {**expect, "scrutiny": 404}


ROWS = [
    Row("action_detail", EVERYONE, args=("action",)),
    Row("action_detail", answers(200, scrutiny=404), args=("secret_action",)),
    Row("progress_update_create", only(*LEADS), args=("action",)),
    Row("progress_update_create", hidden_from_scrutiny(only(*LEADS)), args=("secret_action",)),
    Row(
        "progress_update_create",
        only(*LEADS, ok=ALLOWED),
        args=("action",),
        method="post",
        data=UPDATE,
    ),
    Row(
        "progress_update_create",
        hidden_from_scrutiny(only(*LEADS, ok=ALLOWED)),
        args=("secret_action",),
        method="post",
        data=UPDATE,
    ),
    Row("date_change_request_create", only(*LEADS), args=("action",)),
    Row(
        "date_change_request_create",
        only(*LEADS, ok=ALLOWED),
        args=("action",),
        method="post",
        data=DATE_REQUEST,
    ),
    Row(
        "date_change_request_create",
        hidden_from_scrutiny(only(*LEADS, ok=ALLOWED)),
        args=("secret_action",),
        method="post",
        data=DATE_REQUEST,
    ),
    Row("evidence_download", EVERYONE, args=("file_evidence",)),
    Row("evidence_download", answers(200, scrutiny=404), args=("secret_file_evidence",)),
    Row("evidence_download", answers(404), args=("evidence",)),  # a link: nothing to download
    Row("challenge_answer", only(*LEADS), args=("challenge",)),
    Row(
        "challenge_answer",
        only(*LEADS, ok=ALLOWED),
        args=("challenge",),
        method="post",
        data={"answer": "Row test answer"},
    ),
    Row(
        "challenge_answer",
        hidden_from_scrutiny(only(*LEADS, ok=ALLOWED)),
        args=("secret_challenge",),
        method="post",
        data={"answer": "Row test answer"},
    ),
]
