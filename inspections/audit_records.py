"""How the audit trail names inspections and judgements and which page each links to.

Registered from InspectionsConfig.ready(). Both link to the inspection's page.
"""

from audit import records
from audit.records import AdminRecords, Link, Record, Records


class InspectionRecords(Records):
    def describe(self, label: str, row) -> Record:
        if label == "inspections.inspection":
            return Record(row.title, Link("inspection_detail", (row.id,)))
        return Record("Judgement", Link("inspection_detail", (row.inspection_id,)))


def register() -> None:
    records.register("inspections.inspection", InspectionRecords)
    records.register("inspections.judgement", InspectionRecords)
    # Reference data with no page of its own.
    records.register("inspections.judgementarea", AdminRecords)
    records.register_names("inspections.judgement", records.by_str("area"))
