"""Matching what a working document says to what the database holds: people and references."""

from __future__ import annotations

import re
from collections import defaultdict

from django.contrib.auth import get_user_model

from core.validators import one_line

# What councils write in a Ref column to say "no recommendation" (and what our export writes
# when a row follows one that had a recommendation, so the importer does not carry it down).
NO_RECOMMENDATION = frozenset({"-", "–", "—", "n/a", "na", "none", "not applicable", "nil"})
_REF_SPLIT_RE = re.compile(r"\s*[;,]\s*")
_BLOCK_SPLIT_RE = re.compile(r"\n\s*\n")


def folded(text: str) -> str:
    """The text as compared: ignoring case and spacing."""
    return " ".join(text.casefold().split())


class People:
    """Active users by full name and by e-mail address, ignoring case and spacing."""

    def __init__(self):
        by_name: dict[str, list] = defaultdict(list)
        self.by_email = {}
        for user in (
            get_user_model().objects.filter(is_active=True).only("pk", "full_name", "email")
        ):
            if user.full_name.strip():
                by_name[folded(user.full_name)].append(user)
            self.by_email[user.email.casefold()] = user
        self.by_name = {name: users[0] for name, users in by_name.items() if len(users) == 1}
        self.ambiguous = {name for name, users in by_name.items() if len(users) > 1}

    def find(self, written: str):
        return self.by_email.get(written.strip().casefold()) or self.by_name.get(folded(written))


def split_recommendations(ref: str, text: str) -> list[tuple[str, str]]:
    """The (reference, text) pairs a row's Ref and Recommendation cells name.

    "R7; R20" names two; with text written as "R7: ..." and "R20: ..." blocks (as the
    exporter writes it) each gets its own text. "n/a", "None" or "-" name none.
    """
    ref, text = one_line(ref), text.strip()  # a reference reaches e-mail subjects
    if folded(ref) in NO_RECOMMENDATION:
        ref = ""
    if folded(text) in NO_RECOMMENDATION:
        text = ""
    if not ref and not text:
        return []
    refs = [part for part in _REF_SPLIT_RE.split(ref) if part] if ref else []
    if len(refs) <= 1:
        return [(ref, text)]
    blocks: dict[str, str] = {}
    for block in _BLOCK_SPLIT_RE.split(text):
        head, colon, body = block.partition(":")
        if colon and folded(head) in {folded(r) for r in refs}:
            blocks[folded(head)] = body.strip()
    return [(r, blocks.get(folded(r), "")) for r in refs]
