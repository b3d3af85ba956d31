"""How the audit trail names measures, their values and targets, and which page each links to.

Registered from MeasuresConfig.ready().
"""

from audit import records
from audit.records import Link, Record, Records

ON_A_MEASURE = ("measures.measurevalue", "measures.target", "measures.measurechallenge")


class MeasureRecords(Records):
    def describe(self, label: str, row) -> Record:
        if label == "measures.measure":
            return Record(f"Measure {row.reference}", Link("measure_detail", (row.id,)))
        if label in ON_A_MEASURE:
            kind = {
                "measures.measurevalue": "Value",
                "measures.target": "Target",
                "measures.measurechallenge": "Challenge",
            }[label]
            return Record(f"{kind} of a measure", Link("measure_detail", (row.measure_id,)))
        return super().describe(label, row)


def register() -> None:
    for label in ("measures.measure", *ON_A_MEASURE):
        records.register(label, MeasureRecords)
    for label in ("measures.councilprofile", "measures.statisticalneighbour"):
        records.register(label, records.AdminRecords)
