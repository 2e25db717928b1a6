"""The question board: participants ask and upvote anonymously, the presenter moderates.

Plain Python: the text rules, the word filter, the rate limit, status changes,
sorting, and ``Board`` — one workshop's questions with their vote counts, held
in memory while the database keeps the durable record.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import math
import re
import time
import unicodedata
from collections import deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from .errors import Refusal
from .workshop import MAX_DISPLAY_NAME, clean_display_name

PENDING = "pending"
VISIBLE = "visible"
ANSWERED = "answered"
HIDDEN = "hidden"
STATUSES = (PENDING, VISIBLE, ANSWERED, HIDDEN)
# What everyone may see; pending and hidden questions only the presenter (and the asker).
PUBLIC = frozenset({VISIBLE, ANSWERED})

TOP = "top"
NEWEST = "newest"
ORDERS = (TOP, NEWEST)

DEFAULT_MAX_LENGTH = 280
DEFAULT_RATE_LIMIT = 5
RATE_WINDOW = 60
MAX_FILTER_ENTRIES = 200
MAX_FILTER_ENTRY = 40

# Insults and obscenities, German and English, lower-case; "*" also matches longer words.
DEFAULT_WORD_FILTER = (
    "arsch",
    "arschloch",
    "asshole",
    "bastard",
    "bitch",
    "bullshit",
    "cunt",
    "dickhead",
    "fick*",
    "fotze",
    "fuck*",
    "hurensohn",
    "idiot",
    "idioten",
    "missgeburt",
    "motherfucker",
    "schlampe",
    "scheiß*",
    "shit*",
    "slut",
    "spast*",
    "trottel",
    "twat",
    "vollidiot",
    "wanker",
    "wichser",
)

# Line breaks and tabs are typed; every other control character comes from a
# broken client. Bidirectional overrides would let a question reorder the text
# around it on the big screen.
ALLOWED_CONTROLS = frozenset("\n\t")
BIDI_CONTROLS = frozenset(
    chr(code) for code in [*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C]
)


@dataclass(frozen=True)
class Question:
    """One question on a workshop's board; ``participant_id`` never leaves the server.

    ``name`` is the asker's name only if they chose to show it with this
    question. ``filtered`` records that the word filter sent it to the queue;
    ``client_id`` is the asking client's nonce that makes a replayed ask store once.
    """

    id: str
    workshop_id: str
    participant_id: str
    text: str
    name: str | None = None
    status: str = VISIBLE
    edited: bool = False
    created_at: float = 0.0
    answered_at: float | None = None
    filtered: bool = False
    client_id: str | None = None

    @property
    def public(self) -> bool:
        """Whether everyone may see this question (visible or answered)."""
        return self.status in PUBLIC

    def replace(self, **changes) -> Question:
        """Return a copy with ``changes`` applied."""
        return dataclasses.replace(self, **changes)


@dataclass(frozen=True)
class BoardSettings:
    """How a workshop's board takes questions; ``word_filter=None`` means the defaults.

    An empty ``word_filter`` turns the filter off.
    """

    open: bool = True
    premoderation: bool = False
    max_length: int = DEFAULT_MAX_LENGTH
    rate_limit: int = DEFAULT_RATE_LIMIT
    word_filter: tuple[str, ...] | None = None

    @property
    def using_default_filter(self) -> bool:
        """Whether the built-in German and English list applies."""
        return self.word_filter is None

    @property
    def effective_filter(self) -> tuple[str, ...]:
        """The words the filter checks now."""
        return DEFAULT_WORD_FILTER if self.word_filter is None else self.word_filter

    def replace(self, **changes) -> BoardSettings:
        """Return a copy with ``changes`` applied."""
        return dataclasses.replace(self, **changes)

    def to_json(self) -> str:
        """The settings as stored in the workshop's ``board`` column."""
        data = dataclasses.asdict(self)
        if self.word_filter is not None:
            data["word_filter"] = list(self.word_filter)
        return json.dumps(data, ensure_ascii=False)

    @classmethod
    def from_json(cls, raw: str | None) -> BoardSettings:
        """Settings from the ``board`` column; missing or unreadable values take the defaults."""
        try:
            data = json.loads(raw) if raw else {}
        except ValueError:
            data = {}
        if not isinstance(data, dict):
            data = {}
        defaults = cls()
        values: dict[str, Any] = {}
        for name in ("open", "premoderation"):
            value = data.get(name)
            values[name] = value if isinstance(value, bool) else getattr(defaults, name)
        for name in ("max_length", "rate_limit"):
            value = data.get(name)
            good = isinstance(value, int) and not isinstance(value, bool) and value > 0
            values[name] = value if good else getattr(defaults, name)
        words = data.get("word_filter")
        if isinstance(words, list) and all(isinstance(word, str) for word in words):
            values["word_filter"] = tuple(words)
        return cls(**values)


def changed_settings(settings: BoardSettings, **changes) -> BoardSettings:
    """``settings`` with the presenter's changes: ``open``, ``premoderation`` (bools) and
    ``word_filter`` (as sent, cleaned here).

    Absent fields stay as they are; ``word_filter=None`` goes back to the defaults.
    """
    if "word_filter" in changes:
        changes["word_filter"] = clean_word_filter(changes["word_filter"])
    return settings.replace(**changes)


def clean_word_filter(raw) -> tuple[str, ...] | None:
    """The presenter's word list: NFC, lower-case, single-spaced, duplicates and blanks dropped.

    ``None`` stands for the default list; ``[]`` turns the filter off.
    """
    if raw is None:
        return None
    if not isinstance(raw, list) or len(raw) > 10 * MAX_FILTER_ENTRIES:
        raise Refusal("invalid_payload", field="word_filter")
    words = []
    for entry in raw:
        if not isinstance(entry, str):
            raise Refusal("invalid_payload", field="word_filter")
        if len(entry) > 4 * MAX_FILTER_ENTRY:
            raise Refusal("entry_too_long", limit=MAX_FILTER_ENTRY)
        if any(refused_character(character) or character == "\n" for character in entry):
            raise Refusal("invalid_payload", field="word_filter")
        word = " ".join(unicodedata.normalize("NFC", entry).lower().split())
        if not word or word.strip("*") == "":
            continue
        if len(word) > MAX_FILTER_ENTRY:
            raise Refusal("entry_too_long", limit=MAX_FILTER_ENTRY)
        if word not in words:
            words.append(word)
    if len(words) > MAX_FILTER_ENTRIES:
        raise Refusal("too_many_entries", maximum=MAX_FILTER_ENTRIES)
    return tuple(words)


# -- text rules ----------------------------------------------------------------


def refused_character(character: str) -> bool:
    category = unicodedata.category(character)
    if category == "Cc":
        return character not in ALLOWED_CONTROLS and character != "\r"
    return category == "Cs" or character in BIDI_CONTROLS


def tidy_lines(text: str) -> str:
    """Typed text as stored: NFC, spaces collapsed, line breaks kept, blank lines dropped."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def clean_question(text, max_length: int = DEFAULT_MAX_LENGTH) -> str:
    """A question as stored: NFC, trimmed, runs of spaces collapsed, single line breaks kept.

    Refuses non-strings and control characters (``invalid_question``), blank
    text (``question_required``) and more than ``max_length`` characters
    (``question_too_long``).
    """
    if not isinstance(text, str):
        raise Refusal("invalid_question")
    # Anything far beyond the limit is refused before it is looked at character by character.
    if len(text) > max(4 * max_length, 1000):
        raise Refusal("question_too_long", limit=max_length)
    if any(refused_character(character) for character in text):
        raise Refusal("invalid_question")
    text = tidy_lines(text)
    if not text:
        raise Refusal("question_required")
    if len(text) > max_length:
        raise Refusal("question_too_long", limit=max_length)
    return text


def clean_asker_name(name) -> str | None:
    """The name shown with a question, or None to stay anonymous (``""`` or ``None``).

    Same rules as display names: text, at most 40 characters, nothing invisible.
    """
    if name is None:
        return None
    if isinstance(name, str) and len(name) > 4 * MAX_DISPLAY_NAME:
        raise Refusal("name_too_long", limit=MAX_DISPLAY_NAME)
    return clean_display_name(name) or None


# -- the word filter -----------------------------------------------------------


@functools.lru_cache(maxsize=64)
def _filter_pattern(words: tuple[str, ...]) -> tuple[re.Pattern | None, tuple[str, ...]]:
    """One regular expression for the list, with one group per entry, and those entries."""
    alternatives, entries = [], []
    for word in words:
        prefix = word.endswith("*")
        key = unicodedata.normalize("NFC", word.rstrip("*")).casefold().split()
        if not key:
            continue
        body = r"\s+".join(re.escape(part) for part in key)
        alternatives.append(f"({body})" if prefix else rf"({body})(?!\w)")
        entries.append(word)
    if not alternatives:
        return None, ()
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + ")"), tuple(entries)


def matches_filter(text: str, words: Iterable[str]) -> str | None:
    """The first entry of ``words`` that ``text`` contains as a whole word, or None.

    Case-insensitive after NFC normalisation (``casefold``, so "Scheisse" and
    "Scheiße" are the same word); an entry ending in ``*`` also matches words
    that begin with it. Umlauts and ß are letters, so "Ödepp" does not contain "depp".
    """
    pattern, entries = _filter_pattern(tuple(words))
    if pattern is None:
        return None
    found = pattern.search(unicodedata.normalize("NFC", text).casefold())
    if found is None:
        return None
    # Every alternative has exactly one group, so group n belongs to entry n.
    group = found.lastindex
    assert group is not None, "a match of the filter always has a group"
    return entries[group - 1]


def initial_status(settings: BoardSettings, text: str) -> tuple[str, bool]:
    """``(status, filtered)`` of a new question: the queue under pre-moderation or a filter hit."""
    filtered = matches_filter(text, settings.effective_filter) is not None
    if settings.premoderation or filtered:
        return PENDING, filtered
    return VISIBLE, False


# -- the rate limit -------------------------------------------------------------


class RateLimiter:
    """At most ``limit`` questions per participant within any ``window`` seconds."""

    def __init__(self, limit: int, window: float = RATE_WINDOW, clock=time.monotonic):
        self.limit = limit
        self.window = window
        self.clock = clock
        self._asked: dict[str, deque] = {}

    def check(self, participant_id: str) -> None:
        """Record a question now, or refuse with ``rate_limited`` (``seconds`` to wait)."""
        now = self.clock()
        asked = self._asked.setdefault(participant_id, deque())
        while asked and asked[0] <= now - self.window:
            asked.popleft()
        if len(asked) >= self.limit:
            wait = asked[len(asked) - self.limit] + self.window - now
            raise Refusal("rate_limited", seconds=max(1, math.ceil(wait)))
        asked.append(now)


# -- what the presenter and participants may do ----------------------------------


def approved(question: Question) -> Question:
    """A queued (or hidden) question made public; public ones stay as they are."""
    if question.public:
        return question
    return question.replace(status=VISIBLE, answered_at=None)


def hidden(question: Question) -> Question:
    """A question taken off the board for everyone but the presenter and the asker."""
    return question.replace(status=HIDDEN)


def answered(question: Question, is_answered: bool, now: float) -> Question:
    """A public question marked answered (``now``) or, with ``False``, open again."""
    if not question.public:
        raise Refusal("question_not_public")
    if not is_answered:
        return question.replace(status=VISIBLE, answered_at=None)
    if question.status == ANSWERED:
        return question
    return question.replace(status=ANSWERED, answered_at=now)


def edited(question: Question, text: str) -> Question:
    """A question with the presenter's wording (already clean); ``edited`` then stays true."""
    if text == question.text:
        return question
    return question.replace(text=text, edited=True)


def check_pinnable(question: Question) -> None:
    """Only a question everyone can see may be pinned to the big screen."""
    if not question.public:
        raise Refusal("question_not_public")


def check_votable(question: Question, participant_id: str) -> None:
    """A participant upvotes (or takes back a vote on) public questions of others only."""
    if question.participant_id == participant_id:
        raise Refusal("own_question")
    if not question.public:
        raise Refusal("unknown_question")


# -- sorting --------------------------------------------------------------------


def sorted_questions(
    questions: Iterable[Question], votes: Mapping[str, int], order: str = TOP
) -> list[Question]:
    """``top``: most votes first, then the older; ``newest``: newest first."""
    if order == NEWEST:
        return sorted(questions, key=lambda q: q.created_at, reverse=True)
    if order != TOP:
        raise ValueError(f"unknown order {order!r}")
    return sorted(questions, key=lambda q: (-votes.get(q.id, 0), q.created_at))


def answered_questions(questions: Iterable[Question]) -> list[Question]:
    """The "Answered" tab: answered questions, the most recently answered first."""
    done = [q for q in questions if q.status == ANSWERED]
    return sorted(done, key=lambda q: q.answered_at or 0, reverse=True)


# -- one workshop's board in memory --------------------------------------------


class Board:
    """A workshop's questions, vote counts, settings and pin, loaded once from storage.

    It also remembers which questions the public audiences were last told
    about, so that a question leaving the board is announced as removed only to
    those who saw it.
    """

    def __init__(
        self,
        workshop_id: str,
        settings: BoardSettings | None = None,
        questions: Iterable[Question] = (),
        votes: Mapping[str, int] | None = None,
        pinned_id: str | None = None,
        clock=time.monotonic,
    ):
        self.workshop_id = workshop_id
        self.settings = settings or BoardSettings()
        self.questions: dict[str, Question] = {}
        self.votes: dict[str, int] = {}
        self._by_client: dict[tuple[str, str], str] = {}
        for question in sorted(questions, key=lambda q: q.created_at):
            self.add(question)
        for question_id, count in (votes or {}).items():
            if question_id in self.questions:
                self.votes[question_id] = count
        pinned = self.questions.get(pinned_id) if pinned_id else None
        self.pinned_id = pinned.id if pinned is not None and pinned.public else None
        self.limiter = RateLimiter(self.settings.rate_limit, clock=clock)
        self.announced = {q.id for q in self.questions.values() if q.public}
        # Questions asked or voted on since participants and screens were last told,
        # and when that was (``time.monotonic()``): the realtime layer paces them.
        self.due: set[str] = set()
        self.published_at = 0.0

    def question(self, question_id) -> Question:
        """The question with this id on this board, or ``unknown_question``."""
        question = self.questions.get(question_id) if isinstance(question_id, str) else None
        if question is None:
            raise Refusal("unknown_question")
        return question

    def question_for(self, question_id, participant_id: str) -> Question:
        """A question as a participant may name it: public ones and their own."""
        question = self.question(question_id)
        if not question.public and question.participant_id != participant_id:
            raise Refusal("unknown_question")
        return question

    def replayed(self, participant_id: str, client_id: str | None) -> Question | None:
        """The question this participant already asked with ``client_id``, if it still exists."""
        if client_id is None:
            return None
        question_id = self._by_client.get((participant_id, client_id))
        return self.questions.get(question_id) if question_id else None

    def add(self, question: Question) -> None:
        """Put a new question on the board (with no votes yet)."""
        self.questions[question.id] = question
        self.votes.setdefault(question.id, 0)
        if question.client_id is not None:
            self._by_client[(question.participant_id, question.client_id)] = question.id

    def update(self, question: Question) -> bool:
        """Replace a question after a status change or edit; True if that unpinned it."""
        self.questions[question.id] = question
        if self.pinned_id == question.id and not question.public:
            self.pinned_id = None
            return True
        return False

    def remove(self, question_id: str) -> bool:
        """Delete a question and its votes; True if it was the pinned one."""
        question = self.questions.pop(question_id)
        self.votes.pop(question_id, None)
        if question.client_id is not None:
            self._by_client.pop((question.participant_id, question.client_id), None)
        if self.pinned_id == question_id:
            self.pinned_id = None
            return True
        return False

    def count_vote(self, question_id: str, step: int) -> int:
        """Add ``step`` (1 or -1) to a question's votes; return the new count."""
        self.votes[question_id] = max(0, self.votes.get(question_id, 0) + step)
        return self.votes[question_id]

    def pin(self, question: Question | None) -> None:
        """Pin a public question to the big screen, or unpin with None."""
        if question is not None:
            check_pinnable(question)
        self.pinned_id = question.id if question else None

    @property
    def pinned(self) -> Question | None:
        """The pinned question, if any."""
        return self.questions.get(self.pinned_id) if self.pinned_id else None

    def public(self) -> list[Question]:
        """Every visible and answered question."""
        return [q for q in self.questions.values() if q.public]

    def own(self, participant_id: str) -> list[Question]:
        """A participant's own questions in any status."""
        return [q for q in self.questions.values() if q.participant_id == participant_id]

    def announce(self, question_ids: Iterable[str]) -> tuple[list[Question], list[str]]:
        """Of the changed ``question_ids``: the public questions and the ids to take back.

        Ids are taken back only if the public audiences were told about them
        before (hidden, deleted or sent back to the queue since).
        """
        shown, removed = [], []
        for question_id in question_ids:
            question = self.questions.get(question_id)
            if question is not None and question.public:
                shown.append(question)
                self.announced.add(question_id)
            elif question_id in self.announced:
                removed.append(question_id)
                self.announced.discard(question_id)
        return shown, removed
