"""How big a generated data set is, and the named accounts the benchmark signs in as."""

from dataclasses import dataclass

from devtools.perf import words

PERF_PASSWORD = "perf-password-1"  # noqa: S105 - generated load-test accounts only
PERF_USERS = {
    "officer": "perf-officer@example.org",
    "manager": "perf-manager@example.org",
    "scrutiny": "perf-scrutiny@example.org",
    "auditor": "perf-auditor@example.org",
    "admin": "perf-admin@example.org",
}
MY_ACTIONS = 40  # the perf officer leads exactly this many (the "my actions" budget)


@dataclass(frozen=True)
class Sizes:
    actions: int = 100_000
    updates_per_action: int = 10
    users: int = 2_000
    plans: int = 20
    priorities_per_plan: int = 8
    inspections_per_plan: int = 2
    recommendations_per_inspection: int = 20
    measures: int = 2_000
    measure_years: int = 10

    def check(self) -> None:
        if self.users < 10:
            raise ValueError("--users must be at least 10 (five named accounts and every role)")
        if self.plans < 1 or self.actions < 1 or self.updates_per_action < 0:
            raise ValueError("--plans and --actions must be at least 1")
        if self.actions > self.plans * self.priorities_per_plan * 30_000:
            raise ValueError("too many actions per priority; add plans")

    def describe(self) -> list[str]:
        inspections = self.plans * self.inspections_per_plan
        return [
            f"{len(words.ORGANISATIONS)} organisations and their teams",
            f"{self.users:,} users in every role (including {', '.join(PERF_USERS.values())})",
            f"{inspections:,} inspections (a quarter confidential), "
            f"{inspections * self.recommendations_per_inspection:,} recommendations",
            f"{self.plans:,} plans with {self.plans * self.priorities_per_plan:,} priorities",
            f"{self.actions:,} actions in every status, overdue and stale ones included",
            f"{self.actions * self.updates_per_action:,} progress updates, with evidence links",
            "target-date changes, date requests, challenges, and a history row for each record",
            f"{self.measures:,} measures with {self.measure_years} years of figures for 13 areas "
            f"each ({self.measures * self.measure_years * 13:,} values)",
        ]
