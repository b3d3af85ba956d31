"""Role-by-URL rows for meeting packs (see tests/url_table.py for the vocabulary).

Every role reads a meeting's packs and their published versions; plan managers (and
administrators) preview, publish and withdraw. The public pages of a published version
are the only pages anonymous visitors reach, and only for a body that publishes packs
and a version not withdrawn: any other answers 404 to everyone.
"""

from tests.url_table_vocabulary import *  # noqa: F403

MANAGERS = only("manager", "admin")  # noqa: F405
NOBODY = answers(404, anonymous=404)  # noqa: F405

ROWS = [
    Row("meeting_packs", EVERYONE, args=("pack_meeting",)),  # noqa: F405
    Row("meeting_pack_preview", MANAGERS, args=("pack_meeting", "plan")),  # noqa: F405
    Row(  # noqa: F405
        "meeting_pack_preview",
        MANAGERS,
        args=("pack_meeting", "plan"),
        method="post",
        data={"cover_note": "For noting", "action": "preview"},
    ),
    # A plan the meeting's body does not oversee.
    Row(  # noqa: F405
        "meeting_pack_preview",
        only("manager", "admin", ok=404),  # noqa: F405
        args=("pack_meeting", "secret_plan"),
    ),
    Row("pack_detail", EVERYONE, args=("pack",)),  # noqa: F405
    Row("pack_pdf", EVERYONE, args=("pack",)),  # noqa: F405
    Row("pack_xlsx", EVERYONE, args=("pack",)),  # noqa: F405
    Row("pack_withdraw", MANAGERS, args=("pack",)),  # noqa: F405
    Row(  # noqa: F405
        "pack_withdraw",
        only("manager", "admin", ok=ALLOWED),  # noqa: F405
        args=("pack",),
        method="post",
        data={"reason": "Published in error"},
    ),
]
for name in ("public_pack", "public_pack_pdf", "public_pack_xlsx"):
    ROWS += [
        Row(name, PUBLIC, args=("public_pack",)),  # noqa: F405
        Row(name, NOBODY, args=("private_pack",)),  # noqa: F405
        Row(name, NOBODY, args=("withdrawn_pack",)),  # noqa: F405
    ]
