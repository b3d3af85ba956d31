"""Which record each entry is about: its name, and its page while the viewer may read it.

The apps that own the records say how to name them (audit.records); this module batches
their lookups over a page and checks that each record still exists and is visible.
"""

from collections import defaultdict

from audit.records import Record, Records, records_for
from audit.selectors.rows import sources


class Links:
    """Names and links for the records on one page, in a few queries per kind of record.

    `rows` maps (source key, entry id) to the entry's historical row. A record is linked
    only while it still exists and the viewer may read it (its manager's `visible_to`).
    """

    def __init__(self, user, rows: dict):
        self.user = user
        by_key: dict[str, list] = defaultdict(list)
        for (key, _), row in rows.items():
            by_key[key].append(row)
        self.existing = {
            key: self._existing(key, {row.id for row in group}) for key, group in by_key.items()
        }
        # One Records per class, over the rows of every label it was registered for.
        by_class: dict[type[Records], dict[str, list]] = defaultdict(dict)
        for key, group in by_key.items():
            by_class[records_for(key)][key] = group
        self.records: dict[str, Records] = {}
        for records_class, groups in by_class.items():
            records = records_class(groups, user)
            self.records |= dict.fromkeys(groups, records)

    def _existing(self, key: str, pks: set) -> set:
        if records_for(key).staff_only and not self.user.is_staff:
            return set()
        manager = sources()[key].model._default_manager
        queryset = manager.visible_to(self.user) if hasattr(manager, "visible_to") else manager
        return set(queryset.filter(pk__in=pks).values_list("pk", flat=True))

    def describe(self, key: str, row) -> Record:
        record = self.records[key].describe(key, row)
        if row.id not in self.existing.get(key, ()):
            return Record(record.name)
        return record
