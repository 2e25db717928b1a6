"""Open text: each participant writes one short free answer; everyone sees a wall of answers.

The presenter can hide an answer from everyone else (it stays, marked, in the
presenter's list) and put one answer large on the big screen.
"""

from __future__ import annotations

import re
import unicodedata

from ..errors import Refusal
from . import PollKind, register
from .base import N_, Answer, short_text, whole_number

DEFAULT_MAX_LENGTH = 280
MIN_MAX_LENGTH = 20
MAX_MAX_LENGTH = 1000
MAX_PLACEHOLDER = 120
# Clients get at most this many answers (newest first) and a count of the rest,
# so a big group cannot make every tally message huge.
MAX_LISTED = 200
# Anything far beyond the limit is refused before it is looked at character by character.
MAX_RAW = 4 * MAX_MAX_LENGTH
ALLOWED_CONTROLS = {"\n", "\t"}
BLANK_LINES = re.compile(r"\n{3,}")
TRAILING_SPACE = re.compile(r"[ \t]+\n")
FORM_NUMBER = re.compile(r"-?[0-9]{1,6}")


class OpenTextTally:
    """Every current answer of one poll, oldest first, with the number of hidden ones.

    Answers are kept in the order storage returns them (by time of the last
    change), so a changed answer moves to the newest place and a moderation
    (only ``hidden`` changed) keeps its place.
    """

    def __init__(self):
        self.answers = {}
        self.hidden = 0

    def apply(self, previous, current) -> bool:
        """Replace one participant's answer (either may be None); True if anything changed."""
        if previous == current:
            return False
        stored = self.answers.get(previous.id) if previous is not None else None
        if (
            stored is not None
            and current is not None
            and current.id == stored.id
            and current.value == stored.value
        ):
            # Moderation: the same answer, hidden or shown.
            if current.hidden == stored.hidden:
                return False
            self.answers[current.id] = current
            self.hidden += int(current.hidden) - int(stored.hidden)
            return True
        changed = False
        if stored is not None:
            self._remove(stored.id)
            changed = True
        if current is not None:
            self._remove(current.id)
            self.answers[current.id] = current
            self.hidden += int(current.hidden)
            changed = True
        return changed

    def _remove(self, answer_id: str) -> None:
        removed = self.answers.pop(answer_id, None)
        if removed is not None:
            self.hidden -= int(removed.hidden)

    def newest(self, include_hidden: bool, limit: int) -> tuple[list, int]:
        """Up to ``limit`` answers, newest first, and how many more there are of that kind."""
        listed: list[Answer] = []
        for answer in reversed(self.answers.values()):
            if len(listed) == limit:
                break
            if include_hidden or not answer.hidden:
                listed.append(answer)
        total = len(self.answers) if include_hidden else len(self.answers) - self.hidden
        return listed, total - len(listed)

    def groups(self, highlight: str | None, limit: int) -> list[dict]:
        """Visible answers grouped by ``same_answer``, newest group first, at most ``limit``.

        A group is named by its newest answer (``id``, ``text``) and says how many
        people sent it (``count``); a group holding the highlighted answer takes
        that answer's id and text, so the big screen's spotlight finds it.
        """
        found: dict[str, dict] = {}
        for answer in reversed(self.answers.values()):
            if answer.hidden:
                continue
            key = same_answer(answer.value)
            group = found.get(key)
            if group is None:
                found[key] = {"id": answer.id, "text": answer.value, "count": 1}
            else:
                group["count"] += 1
            if answer.id == highlight:
                found[key].update(id=answer.id, text=answer.value)
        return list(found.values())[:limit]

    def __eq__(self, other):
        if not isinstance(other, OpenTextTally):
            return NotImplemented
        return list(self.answers.values()) == list(other.answers.values())

    def __repr__(self):
        return f"OpenTextTally({list(self.answers.values())!r})"


def same_answer(text: str) -> str:
    """What identical answers share: the text with case and runs of whitespace ignored."""
    return " ".join(text.split()).casefold()


def clean_text(value, limit: int) -> str:
    """A participant's text, trimmed and tidied, or a Refusal (empty, too long, not text)."""
    if not isinstance(value, str):
        raise Refusal("invalid_answer")
    if len(value) > MAX_RAW:
        raise Refusal("answer_too_long", limit=limit)
    text = value.replace("\r\n", "\n").replace("\r", "\n")
    for character in text:
        category = unicodedata.category(character)
        # Control characters and lone surrogates are never typed; they come from
        # broken clients and would break the display or the JSON encoding.
        if (category == "Cc" and character not in ALLOWED_CONTROLS) or category == "Cs":
            raise Refusal("invalid_answer")
    text = BLANK_LINES.sub("\n\n", TRAILING_SPACE.sub("\n", text.strip()))
    if not text:
        raise Refusal("answer_required")
    if len(text) > limit:
        raise Refusal("answer_too_long", limit=limit)
    return text


@register
class OpenText(PollKind):
    """A question answered with one free text per participant."""

    name = "open_text"
    label = N_("Open text")

    def validate_poll(self, config: dict) -> dict:
        """Accept ``{"max_length"?: 20..1000 (280), "placeholder"?: str (≤ 120)}``."""
        raw = config.get("max_length", DEFAULT_MAX_LENGTH)
        if isinstance(raw, str) and not FORM_NUMBER.fullmatch(raw.strip()):
            # whole_number would hand "5²" or 5000 digits to int(), which raises ValueError.
            raw = None
        max_length = whole_number(raw, "max_length", MIN_MAX_LENGTH, MAX_MAX_LENGTH)
        placeholder = short_text(
            config.get("placeholder"), "placeholder", MAX_PLACEHOLDER, required=False
        )
        return {"max_length": max_length, "placeholder": placeholder}

    def poll_from_form(self, form) -> dict:
        """An empty length field means the default length."""
        fields = {"placeholder": form.get("placeholder", "")}
        max_length = form.get("max_length", "").strip()
        if max_length:
            fields["max_length"] = max_length
        return fields

    def poll_to_form(self, config: dict) -> dict:
        """The length as text and the hint."""
        return {"max_length": str(config["max_length"]), "placeholder": config["placeholder"]}

    def sample_answer(self, config: dict, rng, phrases):
        """One of the rehearsal's texts, cut to the poll's length (some say the same)."""
        return rng.choice(phrases.texts)[: config["max_length"]]

    def parse_answer(self, config: dict, value):
        """One text, trimmed, not empty, at most ``max_length`` characters."""
        return clean_text(value, config["max_length"])

    def new_tally(self, config: dict, answers) -> OpenTextTally:
        """Take the stored answers in their stored order (oldest first)."""
        tally = OpenTextTally()
        for answer in answers:
            tally.apply(None, answer)
        return tally

    def apply(self, tally: OpenTextTally, previous, current) -> bool:
        """Move one answer, or only its ``hidden`` flag (a moderation)."""
        return tally.apply(previous, current)

    def answer_count(self, tally: OpenTextTally) -> int:
        """Participants with an answer, hidden ones included."""
        return len(tally.answers)

    def results(self, item, tally: OpenTextTally, moderator: bool) -> dict:
        """The newest answers (hidden ones only for the presenter), the rest as a count, and
        the visible answers grouped (identical ones counted once, for the big screen)."""
        listed, more = tally.newest(moderator, MAX_LISTED)
        texts = []
        for answer in listed:
            entry = {"id": answer.id, "text": answer.value}
            if moderator:
                entry["hidden"] = answer.hidden
            texts.append(entry)
        highlighted = tally.answers.get(item.highlight) if item.highlight else None
        results = {
            "answers": len(tally.answers),
            "texts": texts,
            "more": more,
            "highlight": (
                {"id": highlighted.id, "text": highlighted.value}
                if highlighted is not None and not highlighted.hidden
                else None
            ),
        }
        if moderator:
            results["hidden"] = tally.hidden
        else:
            # The presenter moderates every single answer; the others see them counted.
            results["groups"] = tally.groups(item.highlight, MAX_LISTED)
        return results
