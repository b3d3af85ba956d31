"""Checks other apps add to /healthz (core imports no app: they register from ready()).

A check returns (healthy, fields for the answer's JSON); /healthz answers 503 when any is
unhealthy. The jobs app registers the queue's (the oldest waiting task's age).
"""

from collections.abc import Callable

Check = Callable[[], tuple[bool, dict]]
_CHECKS: dict[str, Check] = {}


def register(name: str, check: Check) -> None:
    _CHECKS[name] = check


def run_checks() -> tuple[bool, dict]:
    healthy, fields = True, {}
    for check in _CHECKS.values():
        ok, more = check()
        healthy = healthy and ok
        fields.update(more)
    return healthy, fields
