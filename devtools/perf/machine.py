"""How fast and how busy the machine was while the benchmark ran.

The same pages on the same data and code took 124 ms one evening and 210 ms later that
night (docs/performance.md sections 17 and 18), and a fixed piece of Python took 9 ms one
minute and 18 ms the next: a virtual machine's speed is not its own. So the report says how
long that piece of Python took before each page, how much CPU time the host took back
during the run ("steal", from /proc/stat on Linux) and the load average, which is what
makes figures from different runs comparable.
"""

import os
import statistics
import time
from dataclasses import dataclass
from pathlib import Path

PROC_STAT = Path("/proc/stat")


@dataclass(frozen=True)
class CpuTimes:
    """All CPUs' time since boot, in clock ticks: in all, and taken by the host (steal)."""

    total: int
    steal: int


def parse_cpu_line(text: str) -> CpuTimes | None:
    """The first ("cpu") line of /proc/stat: user nice system idle iowait irq softirq steal
    guest guest_nice. Guest time is already counted in user and nice."""
    for line in text.splitlines():
        name, *fields = line.split()
        if name != "cpu":
            continue
        ticks = [int(field) for field in fields]
        steal = ticks[7] if len(ticks) > 7 else 0
        return CpuTimes(total=sum(ticks[:8]), steal=steal)
    return None


def cpu_times(source: Path = PROC_STAT) -> CpuTimes | None:
    """Now's CPU times, or None where the system does not publish them."""
    try:
        return parse_cpu_line(source.read_text())
    except OSError:
        return None


def steal_percent(start: CpuTimes | None, end: CpuTimes | None) -> float | None:
    """The share of CPU time the host took between two readings."""
    if start is None or end is None or end.total <= start.total:
        return None
    return 100 * (end.steal - start.steal) / (end.total - start.total)


def reference_work() -> int:
    """A fixed piece of pure Python (integer arithmetic, a dict and string building)."""
    counts: dict[int, int] = {}
    for number in range(60_000):
        key = (number * 7919) % 997
        counts[key] = counts.get(key, 0) + len(str(number))
    return sum(counts.values())


def reference_ms(repeat: int = 5) -> float:
    """The median time of the reference work: lower on a faster or quieter machine."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        reference_work()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def load_average() -> tuple[float, float, float] | None:
    try:
        return os.getloadavg()
    except OSError:
        return None
