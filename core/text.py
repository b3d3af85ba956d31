"""Small rules for writing sentences around text people typed."""

CLOSERS = "”’\"')]"


def end_sentence(text: str) -> str:
    """`text` with a full stop, unless it already ends a sentence, perhaps inside a closing
    quotation mark or bracket ("… the rota.”" stays as it is, not "… the rota.”.")."""
    text = text.rstrip()
    return text if text.rstrip(CLOSERS).endswith((".", "!", "?", "…")) else f"{text}."


def collapsed(raw: str | None, limit: int) -> str:
    """Typed text as searched: runs of spaces and line breaks made one space, ends trimmed,
    cut to `limit` characters."""
    return " ".join((raw or "").split())[:limit]
