"""Word cloud: each participant sends one to three words or short phrases, counted per person."""

from __future__ import annotations

import unicodedata
from collections import Counter

from ..errors import Refusal
from . import PollKind, register
from .base import N_, whole_number

MIN_ENTRIES = 1
MAX_ENTRIES = 3
MAX_ENTRY = 40
MAX_WORDS_SHOWN = 200
# Bidirectional overrides and isolates would let one entry reorder the text around it.
BIDI_CONTROLS = dict.fromkeys(
    [*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C]
)


def tidy(text: str) -> str:
    """An entry as it is stored: NFC, no control characters, trimmed, single spaces."""
    text = unicodedata.normalize("NFC", text).translate(BIDI_CONTROLS)
    text = "".join(" " if unicodedata.category(c) == "Cc" else c for c in text)
    return " ".join(text.split())


def word_key(entry: str) -> str:
    """What makes two tidy entries the same word: case, but not ß vs ss or umlauts."""
    # str.casefold() would turn "Straße" into "strasse"; lower() keeps ß and ä as they are.
    return entry.lower()


def contains_word(value, word: str) -> bool:
    """Whether a stored answer (a list of tidy entries) has ``word``, compared as the cloud does."""
    key = word_key(tidy(word))
    return isinstance(value, list) and any(
        isinstance(entry, str) and word_key(entry) == key for entry in value
    )


class Words:
    """How many answers name each word, and which spellings they used."""

    def __init__(self):
        self.counts: Counter = Counter()
        self.spellings: dict[str, Counter] = {}

    def add(self, entries, step: int) -> None:
        """Count (``step`` 1) or uncount (``step`` -1) one answer's entries, each word once."""
        seen = set()
        for entry in entries:
            key = word_key(entry)
            if key in seen:
                continue
            seen.add(key)
            self.counts[key] += step
            spellings = self.spellings.setdefault(key, Counter())
            spellings[entry] += step
            if spellings[entry] <= 0:
                del spellings[entry]
            if self.counts[key] <= 0:
                del self.counts[key]
                del self.spellings[key]

    def display(self, key: str) -> str:
        """The most used spelling of a word; among equals the one seen first."""
        spellings = self.spellings[key]
        return max(spellings, key=spellings.__getitem__)

    def ranked(self, limit: int = MAX_WORDS_SHOWN) -> list[dict]:
        """The ``limit`` most frequent words, most frequent first, then alphabetically."""
        keys = sorted(self.counts, key=lambda key: (-self.counts[key], key))[:limit]
        return [{"word": self.display(key), "count": self.counts[key]} for key in keys]

    def __eq__(self, other):
        return (
            isinstance(other, Words)
            and self.counts == other.counts
            and {key: list(s.items()) for key, s in self.spellings.items()}
            == {key: list(s.items()) for key, s in other.spellings.items()}
        )


class WordTally:
    """Words of visible answers and of answers the presenter hid, kept apart."""

    def __init__(self):
        self.visible = Words()
        self.hidden = Words()
        self.answers = 0

    def move(self, answer, step: int) -> None:
        """Count (``step`` 1) or uncount (``step`` -1) one stored answer."""
        if answer is None:
            return
        (self.hidden if answer.hidden else self.visible).add(answer.value, step)
        self.answers += step

    def __eq__(self, other):
        return (
            isinstance(other, WordTally)
            and self.answers == other.answers
            and self.visible == other.visible
            and self.hidden == other.hidden
        )


@register
class WordCloud(PollKind):
    """Participants send up to ``max_entries`` short entries; the cloud counts people per word."""

    name = "word_cloud"
    label = N_("Word cloud")

    def validate_poll(self, config: dict) -> dict:
        """Accept ``{"max_entries"?: 1–3}`` (default 3)."""
        maximum = config.get("max_entries", MAX_ENTRIES)
        return {"max_entries": whole_number(maximum, "max_entries", MIN_ENTRIES, MAX_ENTRIES)}

    def poll_from_form(self, form) -> dict:
        """How many entries each participant may send; empty takes the default."""
        value = form.get("max_entries")
        return {"max_entries": value} if value and value.strip() else {}

    def poll_to_form(self, config: dict) -> dict:
        """The number as text."""
        return {"max_entries": str(config["max_entries"])}

    def sample_answer(self, config: dict, rng, phrases):
        """A few of the rehearsal's words (popular ones come up often)."""
        count = rng.randint(1, config["max_entries"])
        return rng.sample(phrases.words[: max(count, 8)], count)

    def parse_answer(self, config: dict, value):
        """A list of 1 to ``max_entries`` texts; tidied, empty ones dropped, repeats kept once."""
        if not isinstance(value, list) or not all(isinstance(entry, str) for entry in value):
            raise Refusal("invalid_answer")
        if len(value) > config["max_entries"]:
            raise Refusal("too_many_entries", maximum=config["max_entries"])
        entries, keys = [], set()
        for raw in value:
            if len(raw) > MAX_ENTRY * 8:
                raise Refusal("entry_too_long", limit=MAX_ENTRY)
            entry = tidy(raw)
            if len(entry) > MAX_ENTRY:
                raise Refusal("entry_too_long", limit=MAX_ENTRY)
            if entry and word_key(entry) not in keys:
                keys.add(word_key(entry))
                entries.append(entry)
        if not entries:
            raise Refusal("entry_required")
        return entries

    def new_tally(self, config: dict, answers) -> WordTally:
        """Count the stored answers once; later answers move the counts directly."""
        tally = WordTally()
        for answer in answers:
            tally.move(answer, 1)
        return tally

    def apply(self, tally: WordTally, previous, current) -> bool:
        """Take one participant's previous entries out and the current ones in."""
        if previous == current:
            return False
        tally.move(previous, -1)
        tally.move(current, 1)
        return True

    def answer_count(self, tally: WordTally) -> int:
        """Participants who sent words (also those whose answer the presenter hid)."""
        return tally.answers

    def results(self, item, tally: WordTally, moderator: bool) -> dict:
        """The most frequent words with the number of people who sent them.

        ``distinct`` counts every different word, also beyond the ones listed;
        the presenter also gets the words of hidden answers, marked hidden.
        """
        results = {
            "answers": tally.answers,
            "distinct": len(tally.visible.counts),
            "words": tally.visible.ranked(),
        }
        if moderator and tally.hidden.counts:
            results["hidden_words"] = [{**word, "hidden": True} for word in tally.hidden.ranked()]
        return results

    def answer_lines(self, config: dict, value, translations) -> list[str]:
        """The words, in the order typed."""
        return [", ".join(value)]
