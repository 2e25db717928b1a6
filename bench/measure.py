"""What every benchmark measures the same way: a process's memory, percentiles."""

from pathlib import Path


def memory_kb(pid: int, field: str) -> int:
    """VmRSS (now) or VmHWM (peak) of a process, in kB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def percentile(values, share):
    """The value below which ``share`` of ``values`` lie (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]
