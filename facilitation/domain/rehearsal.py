"""Rehearsal: a workshop run with simulated participants before it goes live.

The simulated people are real Socket.IO clients (``facilitation.rehearsal``) that answer
with what each kind's ``sample_answer`` proposes, from the texts below in the workshop's
language; this module says how many there may be, what they write and when they act.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from .errors import Refusal

MIN_PEOPLE = 5
MAX_PEOPLE = 200
DEFAULT_PEOPLE = 20
# Seconds after an item opens within which the simulated people answer, spread out.
ANSWER_DELAY = (1.0, 12.0)
# Share of simulated people who ask a question while an item is shown, and who upvote.
ASKING = 0.12
UPVOTING = 0.5
# Cards each simulated person writes per prompt of a breakout round.
CARDS_PER_PROMPT = (0, 2)


@dataclass(frozen=True)
class Phrases:
    """What simulated people write, in one language."""

    texts: tuple[str, ...]
    words: tuple[str, ...]
    steps: tuple[str, ...]
    questions: tuple[str, ...]
    cards: tuple[str, ...]
    name: str  # the display name pattern, with {number}


PHRASES = {
    "de": Phrases(
        texts=(
            "Mehr Zeit für Rückfragen im Team",
            "Fehler offen ansprechen, ohne Schuldige zu suchen",
            "Kurze Feedbackrunden nach jedem Projekt",
            "Entscheidungen transparent machen",
            "Mehr Vertrauen in die Mitarbeitenden",
            "Weniger Abstimmungsschleifen",
            "Klare Zuständigkeiten",
            "Fehler offen ansprechen, ohne Schuldige zu suchen",
        ),
        words=(
            "Vertrauen",
            "Offenheit",
            "Feedback",
            "Lernen",
            "Mut",
            "Transparenz",
            "Fehlerkultur",
            "Verantwortung",
            "Zeit",
            "Dialog",
            "Wertschätzung",
            "Klarheit",
        ),
        steps=(
            "Am Montag frage ich mein Team, was es bremst",
            "Ich bespreche einen eigenen Fehler in der nächsten Teamrunde",
            "Ich plane jede Woche 15 Minuten für Feedback ein",
            "Ich delegiere eine Entscheidung, die ich sonst selbst treffe",
        ),
        questions=(
            "Wie gehen wir mit Fehlern um, die Bürgerinnen und Bürger betreffen?",
            "Was mache ich, wenn die Hierarchie keine Fehler zulässt?",
            "Wie viel Zeit braucht ein solcher Kulturwandel?",
            "Gibt es Beispiele aus anderen Verwaltungen?",
            "Wie beziehe ich den Personalrat ein?",
        ),
        cards=(
            "Wir könnten kleine Beschaffungen selbst entscheiden",
            "Regelmäßige Retrospektiven einführen",
            "Ein Fehlerlogbuch ohne Namen",
            "Führungskräfte gehen mit gutem Beispiel voran",
            "Einmal im Monat eine Lernrunde",
            "Zuständigkeiten schriftlich klären",
        ),
        name="Testperson {number}",
    ),
    "en": Phrases(
        texts=(
            "More time for questions in the team",
            "Talk about mistakes openly without looking for someone to blame",
            "Short feedback rounds after every project",
            "Make decisions transparent",
            "More trust in the staff",
            "Fewer rounds of sign-off",
            "Clear responsibilities",
            "Talk about mistakes openly without looking for someone to blame",
        ),
        words=(
            "trust",
            "openness",
            "feedback",
            "learning",
            "courage",
            "transparency",
            "error culture",
            "responsibility",
            "time",
            "dialogue",
            "appreciation",
            "clarity",
        ),
        steps=(
            "On Monday I ask my team what slows them down",
            "I talk about one of my own mistakes in the next team meeting",
            "I plan 15 minutes of feedback every week",
            "I delegate one decision I would usually take myself",
        ),
        questions=(
            "How do we deal with mistakes that affect citizens?",
            "What do I do when the hierarchy allows no mistakes?",
            "How long does such a change of culture take?",
            "Are there examples from other administrations?",
            "How do I involve the staff council?",
        ),
        cards=(
            "We could decide small purchases ourselves",
            "Introduce regular retrospectives",
            "A log of mistakes without names",
            "Leaders set the example",
            "A learning round once a month",
            "Write down who is responsible for what",
        ),
        name="Test person {number}",
    ),
}


def phrases_for(language: str) -> Phrases:
    """The phrases in ``language`` (English where there are none)."""
    return PHRASES.get(language, PHRASES["en"])


def validate_people(raw) -> int:
    """How many simulated participants: a whole number from 5 to 200."""
    if isinstance(raw, bool) or not isinstance(raw, int) or not MIN_PEOPLE <= raw <= MAX_PEOPLE:
        raise Refusal("out_of_range", field="participants", minimum=MIN_PEOPLE, maximum=MAX_PEOPLE)
    return raw


def check_can_rehearse(joined: int, rehearsing: bool, ended: bool) -> None:
    """A rehearsal starts only before real people joined (or adds people to a rehearsal)."""
    if ended:
        raise Refusal("workshop_ended")
    if joined and not rehearsing:
        raise Refusal("already_live")


def check_rehearsing(rehearsing: bool) -> None:
    """Going live needs a rehearsal to end."""
    if not rehearsing:
        raise Refusal("not_rehearsing")


def answer_delay(rng: random.Random) -> float:
    """Seconds a simulated person waits before answering an item just opened."""
    return rng.uniform(*ANSWER_DELAY)
