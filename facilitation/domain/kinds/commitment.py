"""Commitment: each participant writes their next small step and may share it anonymously.

A step that is not shared stays with its writer: no results, no export, no
presenter ever see its text — only the number of steps written. Shared steps
are cards, newest first; the presenter can hide one (it stays, marked, in the
presenter's list) or put one large on the big screen, as with open text.
"""

from __future__ import annotations

from ..errors import Refusal
from . import PollKind, register
from .base import N_, RESULTS_HIDDEN, short_text
from .open_text import MAX_LISTED, clean_text

MAX_LENGTH = 280
MAX_PLACEHOLDER = 120
ANSWER_KEYS = {"text", "shared"}


class CommitmentTally:
    """Every participant's current step, oldest first (by time of the last change).

    ``steps`` holds every step, shared or not, so that the count is right; only
    shared ones ever leave the tally as text. A changed step moves to the newest
    place, a moderation (only ``hidden`` changed) keeps its place.
    """

    def __init__(self):
        self.steps = {}

    def apply(self, previous, current) -> bool:
        """Replace one participant's step (either may be None); True if the results changed."""
        if previous == current:
            return False
        before = self.steps.get(previous.id) if previous is not None else None
        if before is not None and current is not None and before.id == current.id:
            if before.value == current.value:
                self.steps[current.id] = current  # a moderation keeps the card's place
            else:
                del self.steps[before.id]
                self.steps[current.id] = current
            # Only what someone sees counts as a change: an unshared step written anew is not.
            return _card(before) != _card(current)
        if before is not None:
            del self.steps[before.id]
        if current is not None:
            self.steps.pop(current.id, None)
            self.steps[current.id] = current
        return before is not None or current is not None

    def shared(self, include_hidden: bool) -> list:
        """The shared steps, newest first (hidden ones only with ``include_hidden``)."""
        return [
            step
            for step in reversed(self.steps.values())
            if step.value["shared"] and (include_hidden or not step.hidden)
        ]

    def __eq__(self, other):
        if not isinstance(other, CommitmentTally):
            return NotImplemented
        return list(self.steps.values()) == list(other.steps.values())

    def __repr__(self):
        return f"CommitmentTally({list(self.steps.values())!r})"


def _card(step):
    """What others can see of a step: its text and hidden flag if shared, else None."""
    if step is None or not step.value["shared"]:
        return None
    return (step.value["text"], step.hidden)


@register
class Commitment(PollKind):
    """Everyone writes one next small step; sharing it (anonymously) is their choice."""

    name = "commitment"
    label = N_("My next small step")
    # Shared steps reach the big screen only when the presenter shows them.
    default_results = RESULTS_HIDDEN

    def validate_poll(self, config: dict) -> dict:
        """Accept ``{"placeholder"?: str (≤ 120)}``, a hint in the empty field."""
        placeholder = short_text(
            config.get("placeholder"), "placeholder", MAX_PLACEHOLDER, required=False
        )
        return {"placeholder": placeholder}

    def poll_from_form(self, form) -> dict:
        """Only the hint is the kind's own."""
        return {"placeholder": form.get("placeholder", "")}

    def poll_to_form(self, config: dict) -> dict:
        """The hint."""
        return {"placeholder": config["placeholder"]}

    def sample_answer(self, config: dict, rng, phrases):
        """One of the rehearsal's next steps; most are shared."""
        return {"text": rng.choice(phrases.steps), "shared": rng.random() < 0.7}

    def parse_answer(self, config: dict, value):
        """``{"text": str (≤ 280, not blank), "shared": bool}`` and nothing else."""
        if not isinstance(value, dict) or set(value) != ANSWER_KEYS:
            raise Refusal("invalid_answer")
        if not isinstance(value["shared"], bool):
            raise Refusal("invalid_answer")
        try:
            text = clean_text(value["text"], MAX_LENGTH)
        except Refusal as refusal:
            # Said in the kind's words; a text that is no text stays invalid_answer.
            codes = {"answer_required": "step_required", "answer_too_long": "step_too_long"}
            if refusal.code not in codes:
                raise
            raise Refusal(codes[refusal.code], **refusal.params) from None
        return {"text": text, "shared": value["shared"]}

    def new_tally(self, config: dict, answers) -> CommitmentTally:
        """Take the stored steps in their stored order (oldest first)."""
        tally = CommitmentTally()
        for answer in answers:
            tally.apply(None, answer)
        return tally

    def apply(self, tally: CommitmentTally, previous, current) -> bool:
        """Move one step, or only its ``hidden`` flag (a moderation)."""
        return tally.apply(previous, current)

    def answer_count(self, tally: CommitmentTally) -> int:
        """Steps written, shared or not."""
        return len(tally.steps)

    def results(self, item, tally: CommitmentTally, moderator: bool) -> dict:
        """Counts and the newest shared cards; never the text of an unshared step."""
        shared = tally.shared(moderator)
        cards = []
        for step in shared[:MAX_LISTED]:
            card = {"id": step.id, "text": step.value["text"]}
            if moderator:
                card["hidden"] = step.hidden
            cards.append(card)
        highlighted = tally.steps.get(item.highlight) if item.highlight else None
        results = {
            "answers": len(tally.steps),
            "shared": len(shared),
            "cards": cards,
            "more": len(shared) - len(cards),
            "highlight": (
                {"id": highlighted.id, "text": highlighted.value["text"]}
                if highlighted is not None
                and _card(highlighted) is not None
                and not highlighted.hidden
                else None
            ),
        }
        if moderator:
            results["hidden"] = sum(1 for step in shared if step.hidden)
        return results

    def answer_lines(self, config: dict, value, translations=None) -> list[str]:
        """One participant's own step, as they wrote it (shared or not).

        ``translations`` (the base class's catalog argument on main) is not needed:
        the step is the participant's own text.
        """
        return [value["text"]]
