"""Socket.IO commands of the question board: participants ask and upvote, presenters moderate.

Each handler validates the payload, lets the domain decide, commits to
storage, updates the board in memory and marks what changed; the
broadcaster's next beat sends every audience one ``questions_changed`` with
only the changed questions as that audience may see them.
"""

import time

from ..domain.errors import Refusal
from ..domain.questions import (
    Question,
    answered,
    approved,
    changed_settings,
    check_pinnable,
    check_votable,
    clean_asker_name,
    clean_question,
    edited,
    hidden,
    initial_status,
)
from ..domain.workshop import new_id
from .handlers import command, live
from .payloads import Payload
from .question_board import board_of, board_settings_view, question_view
from .rooms import PARTICIPANT, STAFF
from .topics import BoardChanged, QuestionActivity, QuestionModerated


def _changed(board, question_id: str) -> None:
    """Mark a question the presenter changed: every audience hears of it with the next beat."""
    live().broadcaster.mark(board.workshop_id, QuestionModerated(question_id))


def _active(board, question_id: str) -> None:
    """Mark a question asked or voted on: presenters hear of it with the next beat, others
    at most every ``question_board.PUBLIC_ACTIVITY_INTERVAL`` (0.6 s)."""
    live().broadcaster.mark(board.workshop_id, QuestionActivity(question_id))


def _question(board, payload: Payload) -> Question:
    """The question a presenter's payload names, from this workshop's board."""
    return board.question(payload.question_id())


def _moderated(board, question: Question) -> dict:
    """The presenter's ack after a change to one question."""
    return {"question": question_view(board, question, "moderator")}


def _save(board, before: Question, after: Question) -> Question:
    """Commit a changed question, update the board and mark it (and a dropped pin)."""
    if after == before:
        return after
    live().store.save_question(after)
    if board.update(after):
        live().broadcaster.mark(board.workshop_id, BoardChanged())
    _changed(board, after.id)
    return after


# -- participants --------------------------------------------------------------


@command("ask_question", role=PARTICIPANT)
def ask_question(connection, payload):
    """A participant asks a question; presenters see it with the next beat, others once public."""
    state = live()
    board = board_of(state, connection.workshop_id)
    participant_id = connection.participant_id
    client_id = payload.client_id()
    earlier = board.replayed(participant_id, client_id)
    if earlier is not None:
        return {"question": question_view(board, earlier, "own")}
    if not board.settings.open:
        raise Refusal("board_closed")
    text = clean_question(payload.required("text"), board.settings.max_length)
    name = clean_asker_name(payload.optional("name"))
    status, filtered = initial_status(board.settings, text)
    board.limiter.check(participant_id)
    question = Question(
        id=new_id(),
        workshop_id=board.workshop_id,
        participant_id=participant_id,
        text=text,
        name=name,
        status=status,
        created_at=time.time(),
        filtered=filtered,
        client_id=client_id,
    )
    state.store.add_question(question)
    board.add(question)
    _active(board, question.id)
    return {"question": question_view(board, question, "own")}


def _vote(connection, payload: Payload, upvote: bool) -> dict:
    """Add or take back one participant's vote; a repeated one changes nothing."""
    state = live()
    board = board_of(state, connection.workshop_id)
    question = board.question_for(payload.question_id(), connection.participant_id)
    check_votable(question, connection.participant_id)
    if upvote:
        changed = state.store.add_vote(question, connection.participant_id)
    else:
        changed = state.store.remove_vote(question, connection.participant_id)
    if changed:
        board.count_vote(question.id, 1 if upvote else -1)
        _active(board, question.id)
    return {"question_id": question.id, "voted": upvote, "votes": board.votes[question.id]}


@command("upvote_question", role=PARTICIPANT)
def upvote_question(connection, payload):
    """A participant upvotes someone else's public question (once; again changes nothing)."""
    return _vote(connection, payload, True)


@command("unvote_question", role=PARTICIPANT)
def unvote_question(connection, payload):
    """A participant takes their upvote back (taking back a vote never given is fine)."""
    return _vote(connection, payload, False)


# -- presenter -----------------------------------------------------------------


@command("approve_question", role=STAFF)
def approve_question(connection, payload):
    """The presenter lets a queued (or hidden) question onto the board for everyone."""
    board = board_of(live(), connection.workshop_id)
    question = _question(board, payload)
    return _moderated(board, _save(board, question, approved(question)))


@command("hide_question", role=STAFF)
def hide_question(connection, payload):
    """The presenter takes a question off the board for everyone else; a pin is dropped."""
    board = board_of(live(), connection.workshop_id)
    question = _question(board, payload)
    return _moderated(board, _save(board, question, hidden(question)))


@command("delete_question", role=STAFF)
def delete_question(connection, payload):
    """The presenter deletes a question and its votes for good; a pin is dropped."""
    state = live()
    board = board_of(state, connection.workshop_id)
    question = _question(board, payload)
    state.store.delete_question(question)
    if board.remove(question.id):
        state.broadcaster.mark(board.workshop_id, BoardChanged())
    _changed(board, question.id)
    return {"question_id": question.id}


@command("answer_question", role=STAFF)
def answer_question(connection, payload):
    """The presenter marks a public question answered (``answered: false`` opens it again)."""
    board = board_of(live(), connection.workshop_id)
    question = _question(board, payload)
    is_answered = payload.optional_bool("answered")
    return _moderated(board, _save(board, question, answered(question, is_answered, time.time())))


@command("edit_question", role=STAFF)
def edit_question(connection, payload):
    """The presenter rewords a question (same text rules as asking); it is marked edited."""
    board = board_of(live(), connection.workshop_id)
    question = _question(board, payload)
    text = clean_question(payload.required("text"), board.settings.max_length)
    return _moderated(board, _save(board, question, edited(question, text)))


@command("pin_question", role=STAFF)
def pin_question(connection, payload):
    """The presenter pins a public question large on the big screen (``null`` unpins)."""
    state = live()
    board = board_of(state, connection.workshop_id)
    question_id = payload.question_id(allow_none=True)
    question = None if question_id is None else board.question(question_id)
    if question is not None:
        check_pinnable(question)
    state.store.set_pinned_question(board.workshop_id, question_id)
    board.pin(question)
    state.broadcaster.mark(board.workshop_id, BoardChanged())
    return {"pinned": question_view(board, board.pinned, "public")}


@command("set_board", role=STAFF)
def set_board(connection, payload):
    """The presenter opens or closes asking, switches pre-moderation, edits the word filter."""
    state = live()
    board = board_of(state, connection.workshop_id)
    settings = changed_settings(board.settings, **payload.board_changes())
    if settings != board.settings:
        state.store.save_board_settings(board.workshop_id, settings)
        board.settings = settings
        state.broadcaster.mark(board.workshop_id, BoardChanged())
    return {"open": settings.open, **board_settings_view(board)}
