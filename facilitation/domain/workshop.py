"""Workshops and their agenda: items, statuses, navigation and timing."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import secrets
from dataclasses import dataclass, field

from .errors import Refusal

PENDING = "pending"
OPEN = "open"
CLOSED = "closed"

# Join codes avoid characters that are easy to confuse when read off a screen.
JOIN_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
JOIN_CODE_LENGTH = 6
LANGUAGES = ("de", "en")
MAX_TITLE = 200
# Speaker notes per item: what the presenter alone sees while the item runs.
MAX_NOTES = 2000
MAX_MINUTES = 24 * 60
MAX_DISPLAY_NAME = 40
# Results stay hidden from everyone but the presenter until this many answers
# exist, so that in a room of ten no single answer can be traced.
DEFAULT_ANONYMITY_THRESHOLD = 3
MAX_ANONYMITY_THRESHOLD = 50
# How long a workshop's answers are kept after it ended: 1 day to 10 years.
MAX_RETENTION_DAYS = 3650
# A workshop's planned length (for the "runs past the plan" warning): up to 12 hours.
MAX_PLANNED_MINUTES = 12 * 60
DRAFT = "draft"
LIVE = "live"
ENDED = "ended"
ZERO_WIDTH_JOINER = "\u200d"


@dataclass(frozen=True)
class AgendaItem:
    """One timeboxed activity on a workshop's agenda."""

    id: str
    workshop_id: str
    position: int
    kind: str
    title: str
    minutes: int
    config: dict = field(default_factory=dict)
    status: str = PENDING
    opened_at: float | None = None
    revealed: bool = False
    highlight: str | None = None
    # Seconds the item was shown before its current showing (the agenda's "actual" time).
    spent_seconds: float = 0.0
    # Left out by a replan: navigation passes it by until it is opened again.
    skipped: bool = False
    # The presenter's speaker notes: never part of what other roles receive.
    notes: str = ""
    # Timers (``domain/timers.py``): a countdown on screen and participants' pages, and
    # for polls closing by themselves; ``closes_at`` is when the open poll closes (or None).
    countdown: bool = False
    auto_close: bool = False
    closes_at: float | None = None

    def replace(self, **changes) -> AgendaItem:
        """Return a copy with ``changes`` applied."""
        return dataclasses.replace(self, **changes)


@dataclass(frozen=True)
class Workshop:
    """A live session with its join code and the secrets for presenter and screen."""

    id: str
    title: str
    language: str
    join_code: str
    presenter_token: str
    screen_token: str
    current_item_id: str | None = None
    started_at: float | None = None
    created_at: float | None = None
    anonymity_threshold: int = DEFAULT_ANONYMITY_THRESHOLD
    moderator_token: str = ""
    owner_id: str | None = None
    # The plan, in the instance's local time: "YYYY-MM-DD", "HH:MM" and a length in minutes.
    planned_date: str | None = None
    planned_start: str | None = None
    planned_minutes: int | None = None
    # Days the answers are kept after the end; None: the instance's default.
    retention_days: int | None = None
    ended_at: float | None = None
    # The series the workshop belongs to, if any (``domain/series.py``).
    series_id: str | None = None
    # Run with simulated participants until "Go live" (``domain/rehearsal.py``).
    rehearsing: bool = False

    @property
    def status(self) -> str:
        """``draft`` until the first item is opened, ``live`` while running, then ``ended``."""
        if self.ended_at is not None:
            return ENDED
        return DRAFT if self.started_at is None else LIVE


@dataclass(frozen=True)
class Participant:
    """A pseudonymous participant of one workshop; ``number`` names those without a name."""

    id: str
    workshop_id: str
    number: int
    display_name: str = ""


def new_join_code() -> str:
    """Return a random, easy-to-type join code."""
    return "".join(secrets.choice(JOIN_CODE_ALPHABET) for _ in range(JOIN_CODE_LENGTH))


def new_token() -> str:
    """Return a secret for a presenter or screen link."""
    return secrets.token_urlsafe(24)


def new_id() -> str:
    """Return a random identifier for records that appear in URLs or payloads."""
    return secrets.token_hex(8)


def normalize_join_code(raw: str) -> str:
    """Upper-case a typed join code and drop spaces and dashes people add."""
    return "".join(ch for ch in str(raw).upper() if ch.isalnum())


def clean_display_name(raw) -> str:
    """Return a tidy display name, or refuse one that is not plain text of sane length."""
    if raw is None:
        return ""
    if not isinstance(raw, str):
        raise Refusal("invalid_name")
    name = " ".join(raw.split())
    if len(name) > MAX_DISPLAY_NAME:
        raise Refusal("name_too_long", limit=MAX_DISPLAY_NAME)
    # The zero-width joiner holds emoji such as 👩‍💻 together; other invisible
    # characters (controls, direction overrides) are refused.
    if any(not ch.isprintable() and ch != ZERO_WIDTH_JOINER for ch in name):
        raise Refusal("invalid_name")
    return name


def validate_title(raw) -> str:
    """Return a workshop or item title, refusing empty or overlong ones."""
    if not isinstance(raw, str) or not raw.strip():
        raise Refusal("title_required")
    title = " ".join(raw.split())
    if len(title) > MAX_TITLE:
        raise Refusal("title_too_long", limit=MAX_TITLE)
    return title


def validate_minutes(raw) -> int:
    """Return planned minutes for an item (0 allowed for untimed items)."""
    if isinstance(raw, bool) or not isinstance(raw, int) or not 0 <= raw <= MAX_MINUTES:
        raise Refusal("invalid_minutes", limit=MAX_MINUTES)
    return raw


class Agenda:
    """The ordered items of one workshop, with navigation and the planned timeline."""

    def __init__(self, items):
        self.items = sorted(items, key=lambda item: item.position)

    def __iter__(self):
        return iter(self.items)

    def __len__(self):
        return len(self.items)

    def item(self, item_id) -> AgendaItem:
        """Return the item with ``item_id`` or refuse an id that is not on this agenda."""
        for item in self.items:
            if item.id == item_id:
                return item
        raise Refusal("unknown_item")

    def next_after(self, item_id: str | None) -> AgendaItem | None:
        """Return the item after ``item_id`` (the first one from the lobby), None at the end;
        items left out by a replan are passed by."""
        start = 0 if item_id is None else self.items.index(self.item(item_id)) + 1
        return next((item for item in self.items[start:] if not item.skipped), None)

    def previous_before(self, item_id: str | None) -> AgendaItem | None:
        """Return the item before ``item_id``; None from the first item or the lobby."""
        if item_id is None:
            return None
        index = self.items.index(self.item(item_id))
        return next((item for item in reversed(self.items[:index]) if not item.skipped), None)

    @property
    def total_minutes(self) -> int:
        """Planned length of the whole workshop (items left out by a replan do not count)."""
        return sum(item.minutes for item in self.items if not item.skipped)

    def planned_start(self, item_id: str) -> int:
        """Minutes from the workshop's start at which ``item_id`` is planned to begin."""
        start = 0
        for item in self.items:
            if item.id == item_id:
                return start
            if not item.skipped:
                start += item.minutes
        raise Refusal("unknown_item")


def opened(item: AgendaItem, now: float, collects_answers: bool) -> AgendaItem:
    """Return ``item`` made current: a pending activity that collects answers opens.

    Its timebox starts now; a poll that closes by itself is armed to close at its end.
    """
    status = item.status
    if status == PENDING and collects_answers:
        status = OPEN
    item = item.replace(status=status, opened_at=now, skipped=False)
    return item.replace(closes_at=armed_deadline(item, now))


def closed(item: AgendaItem, collects_answers: bool) -> AgendaItem:
    """Return ``item`` closed for answers, refusing items that take none or are not open."""
    if not collects_answers:
        raise Refusal("not_answerable")
    if item.status != OPEN:
        raise Refusal("not_open")
    return item.replace(status=CLOSED, closes_at=None)


def reopened(item: AgendaItem, collects_answers: bool, now: float) -> AgendaItem:
    """Return a closed ``item`` open for answers again.

    A poll that closes by itself is armed again for the rest of its timebox; reopened
    after its time was up, it stays open until the presenter closes it.
    """
    if not collects_answers:
        raise Refusal("not_answerable")
    if item.status != CLOSED:
        raise Refusal("not_closed")
    item = item.replace(status=OPEN)
    return item.replace(closes_at=armed_deadline(item, now))


def deadline(item: AgendaItem) -> float | None:
    """When ``item``'s timebox ends (epoch seconds): None for untimed or unopened items.

    Time spent on earlier showings counts (as in the time plan), so an item shown again
    goes on with what is left of its minutes.
    """
    if item.opened_at is None or item.minutes <= 0:
        return None
    return item.opened_at + item.minutes * 60 - item.spent_seconds


def armed_deadline(item: AgendaItem, now: float) -> float | None:
    """When an open poll that closes by itself should close: its deadline, if still ahead."""
    end = deadline(item)
    if not item.auto_close or item.status != OPEN or end is None or end <= now:
        return None
    return end


def is_due(item: AgendaItem, now: float) -> bool:
    """Whether an open poll that closes by itself has reached its time."""
    return item.status == OPEN and item.closes_at is not None and item.closes_at <= now


def countdown_end(item: AgendaItem, collects_answers: bool) -> float | None:
    """The end of the countdown everyone sees for ``item``, or None while none is shown.

    Shown for items with ``countdown`` and a timebox once opened; for polls only while
    they take answers.
    """
    if not item.countdown or (collects_answers and item.status != OPEN):
        return None
    return deadline(item)


def validate_notes(raw) -> str:
    """Speaker notes: text up to MAX_NOTES characters (line breaks kept), "" for none."""
    if raw is None:
        return ""
    if not isinstance(raw, str):
        raise Refusal("invalid_config", field="notes")
    notes = raw.replace("\r\n", "\n").strip()
    if len(notes) > MAX_NOTES:
        raise Refusal("notes_too_long", limit=MAX_NOTES, field="notes")
    return notes


def validate_timers(countdown, auto_close, minutes: int, collects_answers: bool) -> dict:
    """The item's timer settings, refusing ones that cannot work.

    Both need planned minutes; only polls can close by themselves.
    """
    for name, value in (("countdown", countdown), ("auto_close", auto_close)):
        if not isinstance(value, bool):
            raise Refusal("invalid_config", field=name)
    if (countdown or auto_close) and minutes <= 0:
        raise Refusal("timer_needs_minutes", field="countdown" if countdown else "auto_close")
    if auto_close and not collects_answers:
        raise Refusal("auto_close_needs_poll", field="auto_close")
    return {"countdown": countdown, "auto_close": auto_close}


def check_answerable(workshop: Workshop, item: AgendaItem, collects_answers: bool) -> None:
    """Refuse an answer unless ``item`` is the current item, takes answers and is open."""
    if not collects_answers:
        raise Refusal("not_answerable")
    if workshop.current_item_id != item.id:
        raise Refusal("not_current")
    if item.status == CLOSED:
        raise Refusal("poll_closed")
    if item.status != OPEN:
        raise Refusal("not_open")


def results_visible(item: AgendaItem, audience: str, answers: int, threshold: int) -> bool:
    """Whether ``audience`` ("participant", "presenter", "screen") may see the item's results.

    The presenter always sees them. Everyone else sees nothing until at least
    ``threshold`` answers exist (anonymity in small groups); then the poll's
    ``results`` setting decides: ``live`` for everyone, ``presenter`` for
    presenter and screen, ``hidden`` for nobody — until the presenter reveals.
    """
    if audience == "presenter":
        return True
    if answers < threshold:
        return False
    if item.revealed:
        return True
    mode = item.config.get("results", "presenter")
    return mode == "live" or (mode == "presenter" and audience == "screen")


def with_results_revealed(item: AgendaItem, revealed: bool, collects_answers: bool) -> AgendaItem:
    """Return ``item`` with its results shown to (or hidden again from) everyone."""
    if not collects_answers:
        raise Refusal("not_answerable")
    return item.replace(revealed=revealed)


def reset(item: AgendaItem, collects_answers: bool) -> AgendaItem:
    """Return ``item`` as if nobody had answered: results hidden again, no highlight."""
    if not collects_answers:
        raise Refusal("not_answerable")
    return item.replace(revealed=False, highlight=None)


def check_changeable(item: AgendaItem, already_answered: bool) -> None:
    """Refuse a second answer where the poll does not let people change theirs."""
    if already_answered and not item.config.get("changeable", True):
        raise Refusal("not_changeable")


def validate_planned_date(raw) -> str | None:
    """A planned date as ``YYYY-MM-DD`` (or None for no date), refusing impossible dates."""
    if raw is None or raw == "":
        return None
    if isinstance(raw, dt.date):
        return raw.isoformat()
    if not isinstance(raw, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw.strip()):
        raise Refusal("invalid_date", field="planned_date")
    try:
        return dt.date.fromisoformat(raw.strip()).isoformat()
    except ValueError:
        raise Refusal("invalid_date", field="planned_date") from None


def validate_planned_start(raw) -> str | None:
    """A planned start time as ``HH:MM`` (24 hours), or None."""
    if raw is None or raw == "":
        return None
    if isinstance(raw, int) and not isinstance(raw, bool) and 0 <= raw < 24 * 60:
        # YAML 1.1 reads an unquoted 10:30 as the sexagesimal number 630.
        return f"{raw // 60:02d}:{raw % 60:02d}"
    match = re.fullmatch(r"(\d{1,2}):(\d{2})", raw.strip()) if isinstance(raw, str) else None
    if not match or int(match[1]) > 23 or int(match[2]) > 59:
        raise Refusal("invalid_time", field="planned_start")
    return f"{int(match[1]):02d}:{match[2]}"


def validate_optional_number(raw, field: str, minimum: int, maximum: int) -> int | None:
    """A whole number from ``minimum`` to ``maximum``, or None when not given."""
    if raw is None or raw == "":
        return None
    if isinstance(raw, bool) or not isinstance(raw, int) or not minimum <= raw <= maximum:
        raise Refusal("out_of_range", field=field, minimum=minimum, maximum=maximum)
    return raw


def validate_retention_days(raw) -> int | None:
    """Days to keep answers after the end (1 to MAX_RETENTION_DAYS), None: the default."""
    return validate_optional_number(raw, "retention_days", 1, MAX_RETENTION_DAYS)


def validate_planned_minutes(raw) -> int | None:
    """The workshop's planned length in minutes, or None."""
    return validate_optional_number(raw, "planned_minutes", 1, MAX_PLANNED_MINUTES)


def planned_start_at(workshop: Workshop, zone: dt.tzinfo) -> dt.datetime | None:
    """When the workshop is planned to start, in ``zone``; None without a date."""
    if not workshop.planned_date:
        return None
    start = dt.time.fromisoformat(workshop.planned_start or "00:00")
    return dt.datetime.combine(dt.date.fromisoformat(workshop.planned_date), start, zone)


def retention_ends_at(
    workshop: Workshop, total_minutes: int, default_days: int, zone: dt.tzinfo
) -> float | None:
    """Epoch seconds after which the workshop's data is deleted; None: not yet scheduled.

    The clock starts at the recorded end; a workshop nobody ended counts as ended
    a day after its planned end (planned start plus the planned length, else the
    agenda's minutes), or a day after it started if it has no planned date. A draft
    without a date is never purged.
    """
    days = workshop.retention_days or default_days
    if workshop.ended_at is not None:
        return workshop.ended_at + days * 86400
    length = (workshop.planned_minutes or total_minutes) * 60
    start = planned_start_at(workshop, zone)
    if start is not None:
        end = start.timestamp() + length
    elif workshop.started_at is not None:
        end = workshop.started_at + length
    else:
        return None
    return end + 86400 + days * 86400


def validate_threshold(raw) -> int:
    """The anonymity threshold of a workshop: 1 (off) to MAX_ANONYMITY_THRESHOLD."""
    if isinstance(raw, bool) or not isinstance(raw, int) or not 1 <= raw <= MAX_ANONYMITY_THRESHOLD:
        raise Refusal(
            "out_of_range", field="anonymity_threshold", minimum=1, maximum=MAX_ANONYMITY_THRESHOLD
        )
    return raw
