"""The question board in the live state: its views, the snapshot part, the beat's messages.

``install`` plugs this area into ``Live`` as ``breakout_rounds`` does (see
docs/kinds.md): its snapshot part adds ``board`` to snapshots, its publisher
turns the topics the commands in ``questions`` mark into ``questions_changed``.
"""

from __future__ import annotations

import functools
import time

from ..domain.questions import Board, Question
from .live import ms
from .rooms import PARTICIPANT, SCREEN, STAFF
from .topics import (
    BoardChanged,
    BoardDue,
    Message,
    QuestionActivity,
    QuestionModerated,
    Topic,
    fact,
)

# Participants and screens hear about new questions and votes at most this often
# (presenters at every beat); with a thousand people upvoting, a beat per person
# every 0.2 s would be most of the server's work. What the presenter changes
# (hiding, pinning, editing...) still goes out with the next beat. 0.6 s plus
# one beat keeps new questions and votes within the promised second.
PUBLIC_ACTIVITY_INTERVAL = 0.6


def question_view(board: Board, question: Question | None, audience: str) -> dict | None:
    """A question as ``audience`` sees it: ``public`` (PublicQuestion), ``own`` or ``moderator``.

    No view carries the asker's participant id; ``name`` is set only if the
    asker chose to show it with this question.
    """
    if question is None:
        return None
    view = {
        "id": question.id,
        "text": question.text,
        "name": question.name,
        "votes": board.votes.get(question.id, 0),
        "status": question.status,
        "edited": question.edited,
        "created_at": ms(question.created_at),
        "answered_at": ms(question.answered_at),
    }
    if audience == "moderator":
        view["filtered"] = question.filtered
    return view


def board_settings_view(board: Board) -> dict:
    """The settings only presenters see: pre-moderation and the effective word filter."""
    return {
        "premoderation": board.settings.premoderation,
        "word_filter": list(board.settings.effective_filter),
        "using_default_filter": board.settings.using_default_filter,
    }


def staff_changes(board: Board, changed: set, common: dict) -> dict:
    """``questions_changed`` for presenters and moderators: every changed question."""
    return {
        "questions": [
            question_view(board, board.questions[question_id], "moderator")
            for question_id in changed
            if question_id in board.questions
        ],
        "removed": [question_id for question_id in changed if question_id not in board.questions],
        **common,
        **board_settings_view(board),
    }


def public_changes(board: Board, shown: list, removed: list, common: dict) -> dict:
    """``questions_changed`` for participants and screens: public questions only."""
    return {
        "questions": [question_view(board, question, "public") for question in shown],
        "removed": removed,
        **common,
    }


QUESTIONS_CHANGED = fact(
    "questions_changed",
    (*STAFF, PARTICIPANT, SCREEN),
    staff_changes,
    "The question board's changes since the last beat, as the role may see them "
    "(``public_changes`` builds the participants' and screens' payload).",
)


def board_of(state, workshop_id: str) -> Board:
    """The workshop's question board, loaded from storage the first time it is needed."""
    board = state.boards.get(workshop_id)
    if board is None:
        board = state.boards[workshop_id] = state.store.board(workshop_id)
    return board


def snapshot_part(state, connection, workshop, item) -> dict:
    """``board`` in the snapshot: the question board as this connection sees it."""
    board = board_of(state, connection.workshop_id)
    view = {
        "open": board.settings.open,
        "max_length": board.settings.max_length,
        "pinned": question_view(board, board.pinned, "public"),
    }
    if connection.role in STAFF:
        view["questions"] = [
            question_view(board, question, "moderator") for question in board.questions.values()
        ]
        view.update(board_settings_view(board))
        return {"board": view}
    view["questions"] = [question_view(board, q, "public") for q in board.public()]
    if connection.role == PARTICIPANT:
        participant_id = connection.participant_id
        view["mine"] = [
            question_view(board, question, "own") for question in board.own(participant_id)
        ]
        voted = state.store.votes_of(connection.workshop_id, participant_id)
        view["voted"] = [
            question_id
            for question_id in voted
            if question_id in board.questions and board.questions[question_id].public
        ]
    return {"board": view}


def publish(state, workshop_id: str, topics: set[Topic]) -> list[Message]:
    """``questions_changed`` per audience with only the questions that changed.

    ``QuestionModerated``: questions the presenter changed, ``QuestionActivity``:
    questions asked or voted on, ``BoardChanged``: settings or pin.
    Presenters get every changed question (and deletions in ``removed``)
    at once. Participants and screens get the public ones and, in
    ``removed``, those they saw before that are now hidden, deleted or back
    in the queue: at once after a presenter's change, otherwise at most
    every ``PUBLIC_ACTIVITY_INTERVAL`` seconds; nothing if nothing they may
    see changed.
    """
    moderated = {t.question_id for t in topics if isinstance(t, QuestionModerated)}
    activity = {t.question_id for t in topics if isinstance(t, QuestionActivity)}
    settings_changed = any(isinstance(t, BoardChanged) for t in topics)
    board = board_of(state, workshop_id)
    messages = []
    common = {
        "pinned": question_view(board, board.pinned, "public"),
        "open": board.settings.open,
    }
    changed = moderated | activity
    if changed or settings_changed:
        payload = staff_changes(board, changed, common)
        messages.extend(QUESTIONS_CHANGED.to_rooms(workshop_id, payload, STAFF))
    board.due |= activity
    now = time.monotonic()
    urgent = moderated or settings_changed
    if not urgent and now - board.published_at < PUBLIC_ACTIVITY_INTERVAL:
        if board.due:
            state.broadcaster.mark(workshop_id, BoardDue())
        return messages
    shown, removed = board.announce(moderated | board.due)
    board.due = set()
    if shown or removed or settings_changed:
        board.published_at = now
        payload = public_changes(board, shown, removed, common)
        messages.extend(QUESTIONS_CHANGED.to_rooms(workshop_id, payload, (PARTICIPANT, SCREEN)))
    return messages


def forget(state, workshop_id: str) -> None:
    """Drop the workshop's board from memory."""
    state.boards.pop(workshop_id, None)


def held(state) -> set[str]:
    """The workshops whose board is in memory."""
    return set(state.boards)


def install(state) -> None:
    """Plug the question board into the live state's snapshots and beats."""
    state.boards = {}  # workshop id -> Board, loaded when first needed
    state.board = functools.partial(board_of, state)
    state.snapshot_parts.append(snapshot_part)
    state.forgetters.append(forget)
    state.holders.append(held)
    for topic in (QuestionModerated, QuestionActivity, BoardChanged, BoardDue):
        state.publishers[topic] = publish
