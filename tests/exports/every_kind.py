"""A workshop with every activity kind and real answers, for the export tests and the bench.

Answers go through each kind's ``parse_answer`` and ``Store.save_answer``, as a
participant's vote does; questions, votes, breakout cards and a private note
through the store's own methods. Values are drawn with a fixed seed, so that
the join order of the participants differs from the order of their answers.
"""

from __future__ import annotations

import random

from facilitation.domain.breakouts import Card, Group, Round
from facilitation.domain.kinds import get_kind
from facilitation.domain.questions import ANSWERED, HIDDEN, PENDING, VISIBLE, Question
from facilitation.domain.workshop import new_id
from facilitation.workshops import create_workshop

# Texts that must never appear in an export (hidden, pending, private, or identities).
HIDDEN_TEXT = "Versteckte Antwort HIDDENTEXT"
PENDING_QUESTION = "Ungeprüfte Frage PENDINGQ"
HIDDEN_QUESTION = "Verborgene Frage HIDDENQ"
PRIVATE_NOTE = "Private Notiz PRIVATENOTE"
SHOWN_NAME = "Anna Fragerin"
SMALL_POLL = "Nur zwei Antworten"
SMALL_ANSWER = "Geheimnis SMALLPOLLTEXT"
COMMITMENT = "Mein nächster kleiner Schritt"
UNSHARED_STEP = "Nicht geteilter Schritt UNSHAREDSTEP"
HIDDEN_STEP = "Geteilt, aber verborgen HIDDENSTEP"
THRESHOLD = 3


def definition(language: str = "de") -> dict:
    """Every kind once, plus an open-text poll that stays below the threshold, then the
    commitment (last, so that the other polls' answers and sheet names stay as they were)."""
    return {
        "title": "Kaizen-Impuls: Fehlerkultur & Führung",
        "language": language,
        "planned_date": "2027-03-18",
        "planned_start": "09:30",
        "anonymity_threshold": THRESHOLD,
        "items": [
            {"kind": "content", "title": "Willkommen", "minutes": 2, "config": {"body": "Hallo"}},
            {
                "kind": "single_choice",
                "title": "Wie geht Ihr Team mit Fehlern um?",
                "minutes": 3,
                "config": {"options": ["Verstecken", "Still beheben", "Gemeinsam lernen"]},
            },
            {
                "kind": "multiple_choice",
                "title": "Was hilft Ihnen?",
                "minutes": 3,
                "config": {"options": ["Zeit", "Vertrauen", "Geld", "Mut"]},
            },
            {
                "kind": "rating",
                "title": "Wie hilfreich war der Impuls?",
                "minutes": 2,
                "config": {"minimum": 1, "maximum": 5},
            },
            {
                "kind": "ranking",
                "title": "Was zuerst?",
                "minutes": 3,
                "config": {"options": ["Prozesse", "Kultur", "Technik"]},
            },
            {
                "kind": "points",
                "title": "Budget verteilen",
                "minutes": 3,
                "config": {"options": ["Schulung", "Austausch", "Werkzeuge"], "total": 100},
            },
            {
                "kind": "grid",
                "title": "Aufwand und Nutzen",
                "minutes": 4,
                "config": {
                    "x": {"label": "Aufwand", "minimum": 1, "maximum": 5},
                    "y": {"label": "Nutzen", "minimum": 1, "maximum": 5},
                    "items": ["Feedbackrunde", "Fehlerbörse"],
                },
            },
            {
                "kind": "word_cloud",
                "title": "Was bremst neue Ideen?",
                "minutes": 3,
                "config": {"max_entries": 3},
            },
            {"kind": "open_text", "title": "Was nehmen Sie mit?", "minutes": 3, "config": {}},
            {
                "kind": "quiz",
                "title": "Was heißt Kaizen?",
                "minutes": 2,
                "config": {
                    "options": ["Stillstand", "Stetige Verbesserung", "Kontrolle"],
                    "correct": ["o2"],
                },
            },
            {"kind": "question_board", "title": "Fragen", "minutes": 10, "config": {}},
            {
                "kind": "breakout",
                "title": "Reflexion in Gruppen",
                "minutes": 15,
                "config": {
                    "prompts": ["Wo haben Sie Spielraum?", "Was würden Sie ausprobieren?"],
                    "duration": 10,
                    "grouping": {"mode": "count", "count": 2},
                },
            },
            {"kind": "open_text", "title": SMALL_POLL, "minutes": 2, "config": {}},
            {"kind": "commitment", "title": COMMITMENT, "minutes": 2, "config": {}},
        ],
    }


WORDS = ["Angst", "Hierarchie", "Zeitdruck", "Vorschriften", "Bürokratie", "Silos", "Routine"]
TEXTS = ["Mut zur Lücke", "Fehler feiern", "Kleine Schritte", "Öfter fragen", "Zuhören"]
STEPS = ["Montag die Kollegen fragen", "Einen Fehler teilen", "Fünf Minuten Rückblick"]


def answer_for(kind: str, config: dict, rng: random.Random, number: int):
    """A valid raw answer of ``kind``, as a participant's client would send it."""
    ids = [option["id"] for option in config.get("options", [])]
    if kind in ("single_choice", "quiz"):
        return rng.choice(ids)
    if kind == "multiple_choice":
        return sorted(rng.sample(ids, rng.randint(1, len(ids))))
    if kind == "rating":
        return rng.randint(config["minimum"], config["maximum"])
    if kind == "ranking":
        return rng.sample(ids, len(ids))
    if kind == "points":
        first = rng.randint(0, config["total"])
        second = rng.randint(0, config["total"] - first)
        return dict(zip(ids, [first, second, config["total"] - first - second], strict=True))
    if kind == "grid":
        return {item["id"]: [rng.randint(1, 5), rng.randint(1, 5)] for item in config["items"]}
    if kind == "word_cloud":
        return rng.sample(WORDS, rng.randint(1, 3))
    if kind == "open_text":
        return f"{rng.choice(TEXTS)} ({number % 7})"
    if kind == "commitment":
        # Every third step stays private: counted, but its text is in no export.
        if number % 3 == 0:
            return {"text": f"{UNSHARED_STEP} {number}", "shared": False}
        return {"text": f"{rng.choice(STEPS)} ({number % 5})", "shared": True}
    raise ValueError(kind)


def build_workshop(store, participants: int = 12, language: str = "de", seed: int = 9):
    """Create the workshop, let ``participants`` people answer every poll, ask and write cards.

    Returns ``(workshop, people)``. The small poll gets two answers only.
    """
    rng = random.Random(seed)
    workshop = create_workshop(store, definition(language))
    items = store.items(workshop.id)
    people = [store.add_participant(workshop.id, f"Person{n:05d}") for n in range(participants)]
    polls = [item for item in items if get_kind(item.kind).collects_answers]
    small = next(item for item in polls if item.title == SMALL_POLL)
    for item in polls:
        kind = get_kind(item.kind)
        answering = people[:2] if item is small else people
        for number, person in enumerate(answering):
            raw = SMALL_ANSWER if item is small else answer_for(item.kind, item.config, rng, number)
            store.save_answer(item, person.id, kind.parse_answer(item.config, raw))
    open_text = next(item for item in polls if item.kind == "open_text" and item is not small)
    store.save_answer(open_text, people[0].id, HIDDEN_TEXT)
    hidden = store.answer_of(open_text, people[0].id)
    store.set_answer_hidden(open_text, hidden.id, True)
    steps = next(item for item in polls if item.kind == "commitment")
    store.save_answer(steps, people[1].id, {"text": HIDDEN_STEP, "shared": True})
    store.set_answer_hidden(steps, store.answer_of(steps, people[1].id).id, True)
    _questions(store, workshop, people)
    _breakout(store, workshop, next(i for i in items if i.kind == "breakout"), people)
    return store.workshop(workshop.id), people


def _questions(store, workshop, people) -> None:
    texts = [
        ("Wie fange ich morgen an?", SHOWN_NAME, ANSWERED),
        ("Was sagt die Leitung dazu?", None, VISIBLE),
        (PENDING_QUESTION, None, PENDING),
        (HIDDEN_QUESTION, None, HIDDEN),
    ]
    for number, (text, name, status) in enumerate(texts):
        question = Question(
            new_id(),
            workshop.id,
            people[number].id,
            text,
            name=name,
            status=status,
            created_at=1000.0 + number,
        )
        store.add_question(question)
        for voter in people[: len(people) // (number + 2)]:
            store.add_vote(question, voter.id)
    pinned = store.questions(workshop.id)[1]
    store.set_pinned_question(workshop.id, pinned.id)


def _breakout(store, workshop, item, people) -> None:
    groups = [
        Group(f"{item.id}-{n}", item.id, n, name="Die Mutigen" if n == 1 else "") for n in (1, 2)
    ]
    members = {person.id: groups[i % 2].id for i, person in enumerate(people)}
    store.form_breakout(Round(item.id, workshop.id, "count"), groups, members)
    for number, person in enumerate(people):
        prompt = "p1" if number % 2 else "p2"
        card = Card(
            new_id(),
            item.id,
            members[person.id],
            person.id,
            prompt,
            f"Karte über Größe und Übung {number % 50}",
            2000.0 + number,
            2000.0 + number,
            harvested=number % 3 == 0,
        )
        store.add_card(card, workshop.id)
    store.save_note(item, people[0].id, PRIVATE_NOTE)


def assert_no_identity_leaks(text: str, app, workshop, people) -> None:
    """``text`` (one export, read back) names no participant, cookie or key, and nothing
    that must stay out: hidden answers, unapproved or hidden questions, private notes,
    answers of a poll below the threshold, steps not shared or hidden."""
    from facilitation.security import sign_participant

    cookie = sign_participant(app.config["SECRET_KEY"], workshop.id, people[0].id)
    for person in people:
        assert person.id not in text
        assert person.display_name not in text
    for secret in (
        cookie,
        workshop.presenter_token,
        workshop.screen_token,
        workshop.moderator_token,
        workshop.join_code,
        app.config["SECRET_KEY"],
    ):
        assert secret not in text
    for left_out in (
        HIDDEN_TEXT,
        PENDING_QUESTION,
        HIDDEN_QUESTION,
        PRIVATE_NOTE,
        SMALL_ANSWER,
        UNSHARED_STEP,
        HIDDEN_STEP,
    ):
        assert left_out not in text
