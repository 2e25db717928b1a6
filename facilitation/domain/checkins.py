"""The Kaizen check: weeks after a workshop, a participant says how their next step went.

A participant reaches their check-in through a private link (a capability
URL); the organizer only ever sees the aggregate and the anonymous learnings,
and only once at least the workshop's anonymity threshold have checked in.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .errors import Refusal
from .kinds.open_text import clean_text

DONE = "done"
PARTLY = "partly"
NOT_YET = "not_yet"
STATUSES = (DONE, PARTLY, NOT_YET)
MAX_LEARNED = 200


@dataclass(frozen=True)
class CheckIn:
    """One participant's check-in; ``status`` is None until they have answered."""

    workshop_id: str
    participant_id: str
    status: str | None = None
    learned: str = ""
    checked_at: float | None = None


def parse_check_in(status, learned) -> tuple[str, str]:
    """The status (done, partly or not yet) and one optional line learned, or a Refusal."""
    if status not in STATUSES:
        raise Refusal("invalid_check_in_status")
    if learned is None or (isinstance(learned, str) and not learned.strip()):
        return status, ""
    try:
        text = clean_text(learned, MAX_LEARNED)
    except Refusal as refusal:
        if refusal.code == "answer_too_long":
            raise Refusal("learned_too_long", limit=MAX_LEARNED) from None
        raise Refusal("invalid_learned") from None
    return status, " ".join(text.split())


@dataclass
class CheckInSummary:
    """How many of those with a next step checked in, and how it went.

    ``steps`` counts participants who wrote a next step (who were offered the
    check); ``learnings`` are sorted by text so their order says nothing about who.
    """

    steps: int
    checked: int = 0
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STATUSES, 0))
    learnings: list[str] = field(default_factory=list)
    threshold: int = 1

    @classmethod
    def of(cls, steps: int, check_ins: list[CheckIn], threshold: int) -> CheckInSummary:
        """Count the answered check-ins among ``check_ins``."""
        summary = cls(steps=steps, threshold=threshold)
        for check_in in check_ins:
            if check_in.status not in STATUSES:
                continue
            summary.checked += 1
            summary.counts[check_in.status] += 1
            if check_in.learned:
                summary.learnings.append(check_in.learned)
        summary.learnings.sort(key=str.casefold)
        return summary

    @property
    def shown(self) -> bool:
        """Whether the breakdown and learnings may be shown (enough people checked in)."""
        return self.checked >= max(self.threshold, 1)

    def as_dict(self) -> dict:
        """JSON-ready; the breakdown and learnings only when ``shown``."""
        data: dict[str, Any] = {"steps": self.steps, "checked": self.checked, "shown": self.shown}
        if self.shown:
            data.update(counts=dict(self.counts), learnings=list(self.learnings))
        return data
