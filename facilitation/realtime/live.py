"""The live side of a server process: connections, tallies and what each audience sees."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from ..domain.errors import Refusal
from ..domain.kinds import get_kind
from ..domain.timeplan import LATE, ON_TIME, TimePlan, plan_start, spent, started, time_plan
from ..domain.workshop import (
    Agenda,
    AgendaItem,
    Workshop,
    countdown_end,
    planned_start_at,
    results_visible,
)
from .broadcaster import Broadcaster
from .connections import Connection, Connections
from .rooms import MODERATOR, PARTICIPANT, PRESENTER, ROLES, SCREEN, room
from .tallies import LiveTallies
from .topics import Fact, Message, Presence, Tally, Topic, fact


def ms(seconds: float | None) -> int | None:
    """Epoch seconds as the epoch milliseconds JavaScript expects."""
    return None if seconds is None else int(seconds * 1000)


# What builds a snapshot's part, the messages for some topics, and what forgets or
# holds an area's state (see ``Live.__init__``).
SnapshotPart = Callable[["Live", Connection, Workshop, "AgendaItem | None"], dict]
Publisher = Callable[["Live", str, set[Topic]], list[Message]]
Forgetter = Callable[["Live", str], None]
Holder = Callable[["Live"], set[str]]


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
        # Feature areas (the question board, breakouts) add what they contribute to
        # snapshots and beats, and may keep their own state on this object (see their
        # ``install``): ``snapshot_parts`` add keys to a snapshot; ``publishers`` turn
        # the marked topics of their types into messages (each publisher is called once
        # per beat with all its topics, in the order publishers were registered);
        # ``forgetters`` drop an area's state of a workshop; ``holders`` say which
        # workshops an area holds in memory (for the janitor).
        self.snapshot_parts: list[SnapshotPart] = []
        self.publishers: dict[type[Topic], Publisher] = {
            Tally: publish_tallies,
            Presence: publish_presence,
        }
        self.forgetters: list[Forgetter] = []
        self.holders: list[Holder] = [lambda live: live.tallies.workshop_ids()]
        self.broadcaster = Broadcaster(socketio, interval, self.publish, self.lock)

    def forget_workshop(self, workshop_id: str) -> None:
        """Drop everything this process keeps in memory about one workshop.

        Callers hold ``lock``; whatever is still stored is loaded again when needed.
        """
        self.tallies.forget_workshop(workshop_id)
        self.broadcaster.discard(workshop_id)
        for forget in self.forgetters:
            forget(self, workshop_id)

    def reload(self, workshop_id: str) -> None:
        """Load the workshop again from storage: it was changed by another process.

        Callers hold ``lock``. Presenters and screens get the current item's tally and
        the presence with the next beat, counted from what is stored.
        """
        self.forget_workshop(workshop_id)
        try:
            workshop = self.store.workshop(workshop_id)
            item = None
            if workshop.current_item_id:
                item = self.store.item(workshop_id, workshop.current_item_id)
        except Refusal:
            return  # deleted meanwhile: the deletion's own message closes its connections
        self.broadcaster.mark(workshop_id, Presence())
        if item is not None and get_kind(item.kind).collects_answers:
            self.broadcaster.mark(workshop_id, Tally(item.id))

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
            "countdown": self.countdown_view(item, kind.collects_answers),
        }
        if audience == PRESENTER:
            # Speaker notes and the timer settings are the presenter's alone.
            view.update(notes=item.notes, auto_close=item.auto_close)
        if kind.collects_answers:
            view.update(self.results_view(item, audience, threshold))
        return view

    @staticmethod
    def countdown_view(item: AgendaItem, collects_answers: bool) -> dict | None:
        """The countdown everyone sees (``ends_at`` in ms, whether the poll then closes),
        or None while none is shown."""
        end = countdown_end(item, collects_answers)
        if end is None:
            return None
        return {"ends_at": ms(end), "auto_close": item.closes_at is not None}

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
        """The presenter's agenda: items with planned start, length, status and the time
        actually spent on them, and the workshop's time plan (docs/protocol.md)."""
        agenda = Agenda(items)
        now = time.time()
        current = workshop.current_item_id
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
                    "started": started(item, current),
                    "spent_seconds": round(spent(item, current, now)),
                    "skipped": item.skipped,
                }
                for item in agenda
            ],
            "total_minutes": agenda.total_minutes,
            "started_at": ms(workshop.started_at),
            "time": self.time_view(workshop, items, now),
        }

    def plan_start(self, workshop: Workshop) -> float | None:
        """What the workshop's time plan counts from (see ``timeplan.plan_start``)."""
        planned = None
        if workshop.planned_start:
            at = planned_start_at(workshop, self.retention.zone)
            planned = at.timestamp() if at else None
        return plan_start(workshop.started_at, planned)

    def time_plan(self, workshop: Workshop, items: list[AgendaItem], now: float) -> TimePlan:
        """The workshop's time plan at ``now``."""
        start = self.plan_start(workshop)
        return time_plan(items, workshop.current_item_id, now, start, workshop.planned_minutes)

    def time_view(self, workshop: Workshop, items: list[AgendaItem], now: float) -> dict:
        """The time plan as the presenter's page needs it to count on by itself: the
        projected end is ``max(now, current_ends_at ?? start ?? now) + remaining``."""
        plan = self.time_plan(workshop, items, now)
        return {
            "start": ms(plan.start),
            "planned_end": ms(plan.planned_end),
            "current_ends_at": ms(plan.current_ends_at),
            "remaining_seconds": plan.remaining,
            "on_time_seconds": ON_TIME,
            "late_seconds": LATE,
        }

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
                "rehearsing": workshop.rehearsing,
                **self.ending(workshop, items),
            },
            "current_item_id": workshop.current_item_id,
            "item": self.item_view(current, connection.role, workshop.anonymity_threshold),
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

    def held(self) -> set[str]:
        """The workshops with any live state or connection in this process."""
        held = set(self.connections.workshop_ids())
        for holder in self.holders:
            held |= holder(self)
        return held

    def holds(self, workshop_id: str) -> bool:
        """Whether this process has any live state or connection of the workshop."""
        if self.connections.holds(workshop_id):
            return True
        return any(workshop_id in holder(self) for holder in self.holders)

    def announce_item(self, event: Fact, workshop: Workshop, item: AgendaItem | None) -> list:
        """Messages telling every audience that the current item or its state changed."""
        items = self.store.items(workshop.id)
        return [
            event.to(item_announcement(self, workshop, item, role, items), room(workshop.id, role))
            for role in event.audience
        ]

    def ending(self, workshop: Workshop, items: list[AgendaItem]) -> dict:
        """``ended_at`` and ``deletes_at`` (epoch ms; None while not known) of a workshop."""
        deletes_at = self.retention.deletes_at(workshop, Agenda(items).total_minutes)
        return {"ended_at": ms(workshop.ended_at), "deletes_at": ms(deletes_at)}

    def announce_end(self, workshop: Workshop) -> list:
        """Messages after the workshop ended: everyone sees the lobby, then ``workshop_ended``."""
        messages = self.announce_item(ITEM_OPENED, workshop, None)
        payload = self.ending(workshop, self.store.items(workshop.id))
        return messages + WORKSHOP_ENDED.to_rooms(workshop.id, payload)

    def announce_agenda(self, workshop: Workshop) -> list:
        """The presenters' message after the agenda itself was edited."""
        payload = agenda_announcement(self, workshop)
        return AGENDA_CHANGED.to_rooms(workshop.id, payload)

    def publish(self, workshop_id: str, topics: set[Topic]) -> list[Message]:
        """Coalesced messages for changed ``topics``: called by the broadcaster's beat.

        Each registered publisher gets the topics of its types, once.
        """
        by_publisher: dict[Publisher, set[Topic]] = {}
        for topic in topics:
            by_publisher.setdefault(self.publishers[type(topic)], set()).add(topic)
        messages = []
        for publisher in dict.fromkeys(self.publishers.values()):
            if publisher in by_publisher:
                messages.extend(publisher(self, workshop_id, by_publisher[publisher]))
        return messages


# -- facts about the agenda and its items ------------------------------------------


def item_announcement(
    live: Live, workshop: Workshop, item: AgendaItem | None, role: str, items: list[AgendaItem]
) -> dict:
    """What ``role`` is told when the current item or its state changed; presenters also
    get the agenda."""
    payload = {
        "current_item_id": workshop.current_item_id,
        "item": live.item_view(item, role, workshop.anonymity_threshold),
        "server_time": ms(time.time()),
    }
    if role == PRESENTER:
        payload["agenda"] = live.agenda(workshop, items)
    return payload


def agenda_announcement(live: Live, workshop: Workshop) -> dict:
    """The presenters' agenda after an activity was added, edited or deleted."""
    return {"agenda": live.agenda(workshop, live.store.items(workshop.id))}


def tally_payload(live: Live, workshop: Workshop, item: AgendaItem, role: str) -> dict:
    """An item's count and, where visible to ``role``, its results."""
    return {"item_id": item.id, **live.results_view(item, role, workshop.anonymity_threshold)}


ITEM_OPENED = fact(
    "item_opened", ROLES, item_announcement, "The current item changed (or the lobby)."
)
ITEM_CLOSED = fact("item_closed", ROLES, item_announcement, "An item was closed for answers.")
ITEM_REOPENED = fact(
    "item_reopened", ROLES, item_announcement, "A closed item takes answers again."
)
ITEM_UPDATED = fact(
    "item_updated",
    ROLES,
    item_announcement,
    "An item's results were revealed or hidden, an answer highlighted, the threshold changed.",
)
ITEM_RESET = fact("item_reset", ROLES, item_announcement, "An item's answers were deleted.")
AGENDA_CHANGED = fact(
    "agenda_changed", (PRESENTER,), agenda_announcement, "The agenda itself was edited."
)
TALLY = fact(
    "tally",
    (PARTICIPANT, PRESENTER, MODERATOR, SCREEN),
    tally_payload,
    "An item's answers changed; participants get it only while results are visible to them.",
)
PRESENCE = fact(
    "presence",
    (PRESENTER, MODERATOR, SCREEN),
    Live.presence,
    "How many participants joined and how many are online.",
)
WORKSHOP_ENDED = fact(
    "workshop_ended", ROLES, Live.ending, "The workshop ended: when, and when it is deleted."
)


def publish_tallies(live: Live, workshop_id: str, topics: set[Topic]) -> list[Message]:
    """``tally`` for each changed item.

    Presenters always get results; screens get them once visible to them and
    otherwise only the count; participants get a tally only while results
    are visible to them.
    """
    messages = []
    workshop = live.store.workshop(workshop_id)
    for topic in topics:
        assert isinstance(topic, Tally)
        item = live.store.item(workshop_id, topic.item_id)
        for role in TALLY.audience:
            payload = tally_payload(live, workshop, item, role)
            if role == PARTICIPANT and not payload["results_visible"]:
                continue
            messages.append(TALLY.to(payload, room(workshop_id, role)))
    return messages


def publish_presence(live: Live, workshop_id: str, topics: set[Topic]) -> list[Message]:
    """``presence`` to presenters, moderators and screens."""
    return PRESENCE.to_rooms(workshop_id, live.presence(workshop_id))
