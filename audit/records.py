"""How the trail names each kind of record and which page it links to, told by its own app.

The audit app knows no domain model. Each app registers, from its AppConfig.ready(), a
`Records` class for its tracked models (a historical row's name and link) and, for any model
a change can point at, how to name a batch of them. Unregistered models fall back to their
name or `str()`, with no link.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import QuerySet


@dataclass(frozen=True)
class Link:
    """A page to link to, as a URL name and its arguments; the view turns it into an address."""

    url_name: str
    args: tuple = ()


@dataclass(frozen=True)
class Record:
    """What an entry says about its record: a name, and the page it links to, if any."""

    name: str
    link: Link | None = None


class Records:
    """Names and links for historical rows of some models, worked out a page at a time.

    Made once per page with the page's rows of every label it is registered for (label ->
    historical rows), so batch lookups go in __init__. `describe` may offer a link; the
    trail keeps it only while the record still exists and the viewer may read it.
    """

    # Only administrators may follow these links (to Django admin).
    staff_only = False

    def __init__(self, rows: dict[str, list], user):
        self.user = user

    def describe(self, label: str, row) -> Record:
        return Record(
            str(getattr(row, "full_name", "") or getattr(row, "name", "") or f"#{row.id}")
        )


class AdminRecords(Records):
    """Records with no page of their own: administrators get Django admin's change page."""

    staff_only = True

    def describe(self, label: str, row) -> Record:
        app_label, model_name = label.split(".")
        return Record(
            super().describe(label, row).name,
            Link(f"admin:{app_label}_{model_name}_change", (row.id,)),
        )


Names = Callable[[QuerySet], dict]

_records: dict[str, type[Records]] = {}
_names: dict[str, Names] = {}


def register(label: str, records: type[Records]) -> None:
    """Say how historical rows of the model `label` ("app_label.model_name") are described."""
    _records[label] = records


def register_names(label: str, names: Names) -> None:
    """Say how records of the model `label` are named when a change points at them."""
    _names[label] = names


def records_for(label: str) -> type[Records]:
    return _records.get(label, Records)


def names_for(label: str) -> Names:
    return _names.get(label, by_str())


def by_str(*related: str) -> Names:
    """Names as `str(record)`, fetching `related` in the same query."""

    def names(queryset: QuerySet) -> dict:
        if related:
            queryset = queryset.select_related(*related)
        return {record.pk: str(record) for record in queryset}

    return names


def shorten(text: str, *, limit: int = 300, word: int = 40) -> str:
    """Text for a table cell: at most `limit` characters, no unbroken run over `word`."""
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return " ".join(
        part if len(part) <= word else part[: word - 1] + "…" for part in text.split(" ")
    )
