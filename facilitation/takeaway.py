"""What one participant takes home from a workshop, and their Kaizen check.

Built from storage for exactly one participant: their own answers (in their
words, option ids turned into labels), their own breakout cards and private
notes, the cards harvested for everyone, their own questions, and their next
small step. Nothing here knows Flask; the links and tokens come from the caller.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field

from .domain.calendar import reminder
from .domain.checkins import CheckInSummary
from .domain.kinds import get_kind
from .domain.questions import ANSWERED, PUBLIC
from .domain.workshop import Workshop
from .security import derived_key

# The activity kind whose answer is the participant's next small step.
STEP_KIND = "commitment"
CHECK_WEEKS = (1, 2, 4)


@dataclass
class OwnAnswer:
    """One item the participant answered: its title and their answer as lines."""

    position: int
    title: str
    kind_label: str
    lines: list[str]


@dataclass
class Step:
    """The participant's next small step and whether they shared it (anonymously)."""

    text: str
    shared: bool


@dataclass
class Takeaway:
    """Everything one participant's takeaway page shows."""

    workshop: Workshop
    answers: list[OwnAnswer] = field(default_factory=list)
    cards: list[tuple[str, str, str]] = field(default_factory=list)  # activity, prompt, text
    notes: list[tuple[str, str]] = field(default_factory=list)  # activity, note
    harvest: list[tuple[str, str, list[str]]] = field(default_factory=list)  # activity, prompt
    questions: list[tuple[str, bool]] = field(default_factory=list)  # text, answered
    step: Step | None = None


def takeaway_key(secret_key: str, workshop_id: str, participant_id: str) -> str:
    """The part of a takeaway's address that names the participant without their id."""
    return derived_key(secret_key, "takeaway", workshop_id, participant_id, length=22)


def check_in_token(secret_key: str, workshop_id: str, participant_id: str) -> str:
    """The participant's private check-in link key (192 bits)."""
    return derived_key(secret_key, "check-in", workshop_id, participant_id)


def token_hash(token: str) -> str:
    """How a check-in link is stored: its SHA-256, never the link itself."""
    return hashlib.sha256(token.encode()).hexdigest()


def build(store, workshop: Workshop, participant_id: str, translations) -> Takeaway:
    """The takeaway of one participant of ``workshop`` (``translations``: gettext/ngettext)."""
    takeaway = Takeaway(workshop)
    own = store.answers_of(workshop.id, participant_id)
    items = store.items(workshop.id)
    for item in items:
        kind = get_kind(item.kind)
        if item.id in own and item.kind == STEP_KIND:
            value = own[item.id]
            takeaway.step = Step(value["text"], bool(value.get("shared")))
        elif item.id in own:
            lines = kind.answer_lines(item.config, own[item.id], translations)
            takeaway.answers.append(
                OwnAnswer(item.position, item.title, translations.gettext(kind.label), lines)
            )
        if item.kind == "breakout":
            _breakout(store, item, participant_id, takeaway)
    takeaway.questions = [
        (question.text, question.status == ANSWERED)
        for question in store.questions(workshop.id)
        if question.participant_id == participant_id and question.status in PUBLIC
    ]
    return takeaway


def _breakout(store, item, participant_id: str, takeaway: Takeaway) -> None:
    """Own cards and the private note of one breakout, and the cards harvested for all."""
    note = store.note(item.id, participant_id)
    if note:
        takeaway.notes.append((item.title, note))
    breakout = store.breakout(item)
    if breakout is None:
        return
    prompts = {prompt["id"]: prompt["text"] for prompt in breakout.prompts}
    order = {prompt["id"]: number for number, prompt in enumerate(breakout.prompts)}
    cards = sorted(
        breakout.cards.values(),
        key=lambda card: (order.get(card.prompt_id, len(order)), card.created_at),
    )
    for card in cards:
        if card.participant_id == participant_id:
            takeaway.cards.append((item.title, prompts.get(card.prompt_id, ""), card.text))
    harvested: dict[str, list[str]] = {}
    for card in cards:
        if card.harvested:
            harvested.setdefault(card.prompt_id, []).append(card.text)
    for prompt_id, texts in harvested.items():
        takeaway.harvest.append((item.title, prompts.get(prompt_id, ""), sorted(texts)))


def steps_written(store, workshop_id: str) -> int:
    """How many participants wrote a next small step (those offered the Kaizen check)."""
    written = set()
    for item in store.items(workshop_id):
        if item.kind == STEP_KIND:
            written.update(store.step_authors(item.id))
    return len(written)


def check_in_summary(store, workshop: Workshop) -> CheckInSummary:
    """The Kaizen check of ``workshop`` as the organizer may see it."""
    return CheckInSummary.of(
        steps_written(store, workshop.id),
        store.check_ins(workshop.id),
        workshop.anonymity_threshold,
    )


def calendar_file(
    step: Step,
    weeks: int,
    ended: dt.date,
    check_url: str,
    uid: str,
    translations,
    now: dt.datetime | None = None,
) -> str:
    """The .ics reminder ``weeks`` after the workshop: the step, and the check-in link."""
    _ = translations.gettext
    description = "\n\n".join(
        [
            _("My next small step: %(step)s") % {"step": step.text},
            _("How did it go? Check in here: %(url)s") % {"url": check_url},
        ]
    )
    return reminder(
        uid=f"{uid}-{weeks}w@facilitation",
        day=ended + dt.timedelta(weeks=weeks),
        summary=_("Check: my next small step"),
        description=description,
        url=check_url,
        created=now or dt.datetime.now(dt.UTC),
    )
