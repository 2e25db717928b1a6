"""The live side of a server process: connections, tallies and what each audience sees."""

import threading
import time

from ..domain.kinds import get_kind
from ..domain.questions import Board, Question
from ..domain.workshop import Agenda, AgendaItem, Workshop, results_visible
from .broadcaster import Broadcaster
from .connections import Connection, Connections
from .rooms import MODERATOR, PARTICIPANT, PRESENTER, ROLES, SCREEN, STAFF, room
from .tallies import LiveTallies

# Participants and screens hear about new questions and votes at most this often
# (presenters at every beat); with a thousand people upvoting, a beat per person
# every 0.2 s would be most of the server's work. What the presenter changes
# (hiding, pinning, editing...) still goes out with the next beat. 0.6 s plus
# one beat keeps new questions and votes within the promised second.
PUBLIC_ACTIVITY_INTERVAL = 0.6


def ms(seconds: float | None) -> int | None:
    """Epoch seconds as the epoch milliseconds JavaScript expects."""
    return None if seconds is None else int(seconds * 1000)


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


class Live:
    """Everything a realtime handler needs besides the request itself."""

    def __init__(self, store, socketio, interval: float, links, retention):
        self.store = store
        self.retention = retention
        self.socketio = socketio
        self.links = links
        # Serializes handlers and the broadcaster's beat. Under eventlet nothing
        # yields inside it, so it never waits; in threading mode it keeps the
        # read-commit-count sequence of a vote atomic.
        self.lock = threading.RLock()
        self.connections = Connections()
        self.tallies = LiveTallies(store)
        self.boards: dict[str, Board] = {}
        # Feature areas (breakouts) add what they contribute to snapshots and beats, and may
        # keep their own state on this object (see their ``install``):
        # ``snapshot_parts``: callables (live, connection, workshop, current item) -> dict;
        # ``publishers``: topic name -> callable (live, workshop_id, topics) -> messages;
        # ``forgetters``: callables (live, workshop_id) dropping the area's state of a workshop.
        self.snapshot_parts = []
        self.publishers = {}
        self.forgetters = []
        self.broadcaster = Broadcaster(socketio, interval, self.publish, self.lock)

    def board(self, workshop_id: str) -> Board:
        """The workshop's question board, loaded from storage the first time it is needed."""
        board = self.boards.get(workshop_id)
        if board is None:
            board = self.boards[workshop_id] = self.store.board(workshop_id)
        return board

    def forget_workshop(self, workshop_id: str) -> None:
        """Drop everything this process keeps in memory about one workshop.

        Callers hold ``lock``; whatever is still stored is loaded again when needed.
        """
        self.tallies.forget_workshop(workshop_id)
        self.boards.pop(workshop_id, None)
        self.broadcaster.discard(workshop_id)
        for forget in self.forgetters:
            forget(self, workshop_id)

    # -- views -------------------------------------------------------------

    def item_view(self, item: AgendaItem | None, audience: str, threshold: int) -> dict | None:
        """What ``audience`` sees of ``item``; results only where they are visible."""
        if item is None:
            return None
        kind = get_kind(item.kind)
        view = {
            "id": item.id,
            "kind": item.kind,
            "title": item.title,
            "minutes": item.minutes,
            "status": item.status,
            "opened_at": ms(item.opened_at),
            "collects_answers": kind.collects_answers,
            "config": item.config if audience == PRESENTER else kind.public_config(item.config),
        }
        if kind.collects_answers:
            view.update(self.results_view(item, audience, threshold))
        return view

    def results_view(self, item: AgendaItem, audience: str, threshold: int) -> dict:
        """``answers`` (a count everyone may know), ``revealed``, and ``results`` if visible."""
        answers = self.tallies.answer_count(item)
        # A moderator sees results exactly as the big screen does, never below the threshold.
        visible = results_visible(
            item, SCREEN if audience == MODERATOR else audience, answers, threshold
        )
        return {
            "answers": answers,
            "threshold": threshold,
            "revealed": item.revealed,
            "results_visible": visible,
            "results": self.tallies.results(item, audience == PRESENTER) if visible else None,
        }

    def presence(self, workshop_id: str) -> dict:
        """How many participants joined and how many are connected right now."""
        return {
            "joined": self.store.participant_count(workshop_id),
            "online": self.connections.participants_online(workshop_id),
        }

    def agenda(self, workshop: Workshop, items: list[AgendaItem]) -> dict:
        """The presenter's agenda: items with planned start, length and status."""
        agenda = Agenda(items)
        return {
            "items": [
                {
                    "id": item.id,
                    "kind": item.kind,
                    "title": item.title,
                    "minutes": item.minutes,
                    "planned_start": agenda.planned_start(item.id),
                    "status": item.status,
                    "collects_answers": get_kind(item.kind).collects_answers,
                }
                for item in agenda
            ],
            "total_minutes": agenda.total_minutes,
            "started_at": ms(workshop.started_at),
        }

    def board_view(self, connection: Connection) -> dict:
        """The question board as this connection sees it (``board`` in snapshots)."""
        board = self.board(connection.workshop_id)
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
            return view
        view["questions"] = [question_view(board, q, "public") for q in board.public()]
        if connection.role == PARTICIPANT:
            participant_id = connection.participant_id
            view["mine"] = [
                question_view(board, question, "own") for question in board.own(participant_id)
            ]
            voted = self.store.votes_of(connection.workshop_id, participant_id)
            view["voted"] = [
                question_id
                for question_id in voted
                if question_id in board.questions and board.questions[question_id].public
            ]
        return view

    def snapshot(self, connection: Connection) -> dict:
        """The full state a client needs after (re)connecting."""
        workshop = self.store.workshop(connection.workshop_id)
        items = self.store.items(workshop.id)
        current = next((item for item in items if item.id == workshop.current_item_id), None)
        state = {
            "role": connection.role,
            "server_time": ms(time.time()),
            "workshop": {
                "id": workshop.id,
                "title": workshop.title,
                "language": workshop.language,
                "join_code": workshop.join_code,
                "join_url": self.links.join_url(workshop),
                **self.ending(workshop, items),
            },
            "current_item_id": workshop.current_item_id,
            "item": self.item_view(current, connection.role, workshop.anonymity_threshold),
            "board": self.board_view(connection),
        }
        if connection.role == PARTICIPANT:
            participant = self.store.participant(workshop.id, connection.participant_id)
            # No name is null, as a question's ``name`` (docs/protocol.md).
            state["me"] = {
                "number": participant.number,
                "display_name": participant.display_name or None,
            }
            state["my_answers"] = self.store.answers_of(workshop.id, connection.participant_id)
        else:
            state["presence"] = self.presence(workshop.id)
        for part in self.snapshot_parts:
            state.update(part(self, connection, workshop, current))
        if connection.role == PRESENTER:
            state["agenda"] = self.agenda(workshop, items)
            state["workshop"]["screen_url"] = self.links.screen_url(workshop)
            state["workshop"]["anonymity_threshold"] = workshop.anonymity_threshold
        return state

    # -- facts sent to rooms ----------------------------------------------

    def announce_item(self, event: str, workshop: Workshop, item: AgendaItem | None) -> list:
        """Messages telling every audience that the current item or its state changed."""
        messages = []
        items = self.store.items(workshop.id)
        for role in ROLES:
            payload = {
                "current_item_id": workshop.current_item_id,
                "item": self.item_view(item, role, workshop.anonymity_threshold),
                "server_time": ms(time.time()),
            }
            if role == PRESENTER:
                payload["agenda"] = self.agenda(workshop, items)
            messages.append((event, payload, room(workshop.id, role)))
        return messages

    def ending(self, workshop: Workshop, items: list[AgendaItem]) -> dict:
        """``ended_at`` and ``deletes_at`` (epoch ms; None while not known) of a workshop."""
        deletes_at = self.retention.deletes_at(workshop, Agenda(items).total_minutes)
        return {"ended_at": ms(workshop.ended_at), "deletes_at": ms(deletes_at)}

    def announce_end(self, workshop: Workshop) -> list:
        """Messages after the workshop ended: everyone sees the lobby, then ``workshop_ended``."""
        messages = self.announce_item("item_opened", workshop, None)
        payload = self.ending(workshop, self.store.items(workshop.id))
        for role in ROLES:
            messages.append(("workshop_ended", payload, room(workshop.id, role)))
        return messages

    def announce_agenda(self, workshop: Workshop) -> list:
        """The presenters' message after the agenda itself was edited."""
        payload = {"agenda": self.agenda(workshop, self.store.items(workshop.id))}
        return [("agenda_changed", payload, room(workshop.id, PRESENTER))]

    def publish(self, workshop_id: str, topics: set) -> list:
        """Coalesced aggregates for changed ``topics``: called by the broadcaster's beat.

        Presenters always get results; screens get them once visible to them and
        otherwise only the count; participants get a tally only while results
        are visible to them.
        """
        messages = []
        workshop = None
        moderated, activity, board_changed, board_due = set(), set(), False, False
        by_publisher = {}
        for topic in topics:
            if topic[0] in self.publishers:
                by_publisher.setdefault(self.publishers[topic[0]], set()).add(topic)
            elif topic[0] == "tally":
                workshop = workshop or self.store.workshop(workshop_id)
                item = self.store.item(workshop_id, topic[1])
                for role in ROLES:
                    view = self.results_view(item, role, workshop.anonymity_threshold)
                    if role == PARTICIPANT and not view["results_visible"]:
                        continue
                    payload = {"item_id": item.id, **view}
                    messages.append(("tally", payload, room(workshop_id, role)))
            elif topic[0] == "presence":
                payload = self.presence(workshop_id)
                for role in (PRESENTER, MODERATOR, SCREEN):
                    messages.append(("presence", payload, room(workshop_id, role)))
            elif topic[0] == "questions":
                moderated.add(topic[1])
            elif topic[0] == "votes":
                activity.add(topic[1])
            elif topic[0] == "board":
                board_changed = True
            elif topic[0] == "board_due":
                board_due = True
        if moderated or activity or board_changed or board_due:
            messages.extend(self.board_changes(workshop_id, moderated, activity, board_changed))
        for publisher, own_topics in by_publisher.items():
            messages.extend(publisher(self, workshop_id, own_topics))
        return messages

    def board_changes(
        self, workshop_id: str, moderated: set, activity: set, settings_changed: bool
    ) -> list:
        """``questions_changed`` per audience with only the questions that changed.

        ``moderated``: questions the presenter changed (``("questions", id)``
        topics), ``activity``: questions asked or voted on (``("votes", id)``).
        Presenters get every changed question (and deletions in ``removed``)
        at once. Participants and screens get the public ones and, in
        ``removed``, those they saw before that are now hidden, deleted or back
        in the queue: at once after a presenter's change, otherwise at most
        every ``PUBLIC_ACTIVITY_INTERVAL`` seconds; nothing if nothing they may
        see changed.
        """
        board = self.board(workshop_id)
        messages = []
        common = {
            "pinned": question_view(board, board.pinned, "public"),
            "open": board.settings.open,
        }
        changed = moderated | activity
        if changed or settings_changed:
            payload = {
                "questions": [
                    question_view(board, board.questions[question_id], "moderator")
                    for question_id in changed
                    if question_id in board.questions
                ],
                "removed": [
                    question_id for question_id in changed if question_id not in board.questions
                ],
                **common,
                **board_settings_view(board),
            }
            for role in STAFF:
                messages.append(("questions_changed", payload, room(workshop_id, role)))
        board.due |= activity
        now = time.monotonic()
        urgent = moderated or settings_changed
        if not urgent and now - board.published_at < PUBLIC_ACTIVITY_INTERVAL:
            if board.due:
                self.broadcaster.mark(workshop_id, ("board_due",))
            return messages
        shown, removed = board.announce(moderated | board.due)
        board.due = set()
        if shown or removed or settings_changed:
            board.published_at = now
            payload = {
                "questions": [question_view(board, question, "public") for question in shown],
                "removed": removed,
                **common,
            }
            for role in (PARTICIPANT, SCREEN):
                messages.append(("questions_changed", payload, room(workshop_id, role)))
        return messages
