"""The live side of a server process: connections, tallies and what each audience sees."""

import threading
import time

from ..domain.kinds import get_kind
from ..domain.workshop import Agenda, AgendaItem, Workshop, results_visible
from .broadcaster import Broadcaster
from .connections import Connection, Connections
from .rooms import PARTICIPANT, PRESENTER, ROLES, SCREEN, room
from .tallies import LiveTallies


def ms(seconds: float | None) -> int | None:
    """Epoch seconds as the epoch milliseconds JavaScript expects."""
    return None if seconds is None else int(seconds * 1000)


class Live:
    """Everything a realtime handler needs besides the request itself."""

    def __init__(self, store, socketio, interval: float, links):
        self.store = store
        self.links = links
        # Serializes handlers and the broadcaster's beat. Under eventlet nothing
        # yields inside it, so it never waits; in threading mode it keeps the
        # read-commit-count sequence of a vote atomic.
        self.lock = threading.RLock()
        self.connections = Connections()
        self.tallies = LiveTallies(store)
        self.broadcaster = Broadcaster(socketio, interval, self.publish, self.lock)

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
        visible = results_visible(item, audience, answers, threshold)
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
                }
                for item in agenda
            ],
            "total_minutes": agenda.total_minutes,
            "started_at": ms(workshop.started_at),
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
            },
            "current_item_id": workshop.current_item_id,
            "item": self.item_view(current, connection.role, workshop.anonymity_threshold),
        }
        if connection.role == PARTICIPANT:
            participant = self.store.participant(workshop.id, connection.participant_id)
            state["me"] = {"number": participant.number, "display_name": participant.display_name}
            state["my_answers"] = self.store.answers_of(workshop.id, connection.participant_id)
        else:
            state["presence"] = self.presence(workshop.id)
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
        for topic in topics:
            if topic[0] == "tally":
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
                for role in (PRESENTER, SCREEN):
                    messages.append(("presence", payload, room(workshop_id, role)))
        return messages
