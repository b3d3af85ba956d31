"""How to address a person by the name they are recorded under."""

# Titles people put in front of a name ("Cllr Margaret Ellison"); none of them is a name.
TITLES = {
    "cllr", "councillor", "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor",
    "sir", "dame", "rev", "revd", "lord", "lady",
}  # fmt: skip


def greeting_name(full_name: str) -> str:
    """What to call someone in a greeting: their first name ("Cllr Margaret Ellison" ->
    "Margaret"); the title and surname when no first name is recorded ("Cllr Ellison");
    "" when no name is recorded at all."""
    words = full_name.split()
    untitled = [word for word in words if word.lower().rstrip(".") not in TITLES]
    if len(untitled) >= 2:
        return untitled[0]
    return " ".join(words)
