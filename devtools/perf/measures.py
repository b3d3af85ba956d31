"""The generated data set's measures: `Sizes.measures` measures (2,000 by default), each
with `Sizes.measure_years` reporting years of figures for 13 areas (the council, England,
its region and ten statistical neighbours), a `+` history row for each (so "as at" reads
work as on real data), a target, and links to a priority and two of its actions. Some
neighbours' cells are symbols, as published files have."""

from datetime import date, datetime, time

from django.utils import timezone

from improvement.models import Action
from measures.models import (
    CouncilProfile,
    Measure,
    MeasureValue,
    Period,
    StatisticalNeighbour,
    Target,
)

NEIGHBOUR_CODES = [f"{900 + n}" for n in range(1, 11)]
UNITS = ("percentage", "rate", "count", "days", "ratio")
SYMBOLS = ("c", "x", "low", "u", "z")


def measure_tables(through: dict[str, type]) -> list[tuple[type, list[str]]]:
    """(model, columns) for the measures' tables, after the plan's (they point at it)."""
    return [
        (Measure, ["id", "reference", "title", "definition", "unit", "decimal_places",
                   "polarity", "frequency", "data_source", "publication", "series_key",
                   "reporting_lag_days", "lead_user_id", "lead_team_id", "created_at"]),
        (through["measure_priorities"], ["id", "measure_id", "priority_id"]),
        (through["measure_actions"], ["id", "measure_id", "action_id"]),
        (MeasureValue, ["id", "measure_id", "period_id", "area_type", "area_code",
                        "area_name", "value", "symbol", "note", "recorded_at",
                        "recorded_by_id"]),
        (Target, ["id", "measure_id", "period_id", "from_date", "value", "tolerance",
                  "tolerance_kind"]),
    ]  # fmt: skip


def measure_through() -> dict[str, type]:
    return {
        "measure_priorities": Measure.priorities.through,
        "measure_actions": Measure.actions.through,
    }


class MeasuresStage:
    """Mixed into the Generator (perf/generate.py)."""

    def measures(self) -> None:
        periods = self._periods()
        self._profile()
        actions_by_priority: dict[int, list[int]] = {}
        for pk, priority in Action.objects.order_by("pk").values_list("pk", "priority_id"):
            actions_by_priority.setdefault(priority, []).append(pk)
        priorities = [p for info in self.plan_info for p in info.priorities]
        for n in range(self.sizes.measures):
            self._measure(n, periods, priorities[n % len(priorities)], actions_by_priority)

    def _periods(self) -> list[Period]:
        last = self.today.year if self.today.month > 3 else self.today.year - 1
        periods = []
        for year in range(last - self.sizes.measure_years + 1, last + 1):
            period, _ = Period.objects.get_or_create(
                time_period=str(year),
                time_identifier="Reporting year",
                defaults={"start": date(year - 1, 4, 1), "end": date(year, 3, 31)},
            )
            periods.append(period)
        return periods

    def _profile(self) -> None:
        if CouncilProfile.objects.exists():
            return
        profile = CouncilProfile.objects.create(
            name="Generated council", old_la_code="999", new_la_code="E06999999",
            region_code="E12000099", region_name="Midshire",
        )  # fmt: skip
        for rank, code in enumerate(NEIGHBOUR_CODES, start=1):
            StatisticalNeighbour.objects.create(
                profile=profile, rank=rank, old_la_code=code, name=f"Neighbour {rank}"
            )

    def _measure(self, n: int, periods, priority: int, actions_by_priority) -> None:
        rng = self.rng
        pk = self.new_id(Measure)
        at = self.days_ago(400, 1_200)
        polarity = ("higher", "lower", "context")[n % 3]
        self.add(
            Measure,
            (pk, f"GEN{n + 1:05d}", f"Generated measure {n + 1}", "", UNITS[n % len(UNITS)],
             1, polarity, "reporting_year", "published", "Generated statistics",
             f"generated_{n + 1}|breakdown=Total", 365,
             rng.choice(self.managers), None, at),
            at=at, by=rng.choice(self.managers),
        )  # fmt: skip
        link = self.through["measure_priorities"]
        self.add(link, (self.new_id(link), pk, priority))
        link = self.through["measure_actions"]
        for action in actions_by_priority.get(priority, [])[(n % 5) * 2 : (n % 5) * 2 + 2]:
            self.add(link, (self.new_id(link), pk, action))
        base = rng.uniform(10, 90)
        areas = [("council", "999", "Generated council"), ("national", "E92000001", "England"),
                 ("regional", "E12000099", "Midshire")]  # fmt: skip
        areas += [("statistical_neighbour", code, f"Neighbour {i + 1}")
                  for i, code in enumerate(NEIGHBOUR_CODES)]  # fmt: skip
        for period in periods:
            recorded = timezone.make_aware(datetime.combine(period.end, time(9)))
            recorded += timezone.timedelta(days=200)
            recorded = min(recorded, self.now)
            for area_type, code, name in areas:
                symbol = SYMBOLS[n % 5] if rng.random() < 0.03 else ""
                value = None if symbol else round(base * rng.uniform(0.8, 1.2), 1)
                self.add(
                    MeasureValue,
                    (self.new_id(MeasureValue), pk, period.pk, area_type, code, name, value,
                     symbol, "", recorded, None),
                    at=recorded,
                )  # fmt: skip
        self.add(
            Target,
            (self.new_id(Target), pk, None, date(2015, 4, 1), round(base, 1), 2, "absolute"),
            at=at,
        )
