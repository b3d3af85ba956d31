"""How the audit trail names recommendations and which page each links to.

Registered from RecommendationsConfig.ready().
"""

from audit import records
from audit.records import Link, Record, Records


class RecommendationRecords(Records):
    def describe(self, label: str, row) -> Record:
        return Record(f"Recommendation {row.reference}", Link("recommendation_detail", (row.id,)))


def register() -> None:
    records.register("recommendations.recommendation", RecommendationRecords)
