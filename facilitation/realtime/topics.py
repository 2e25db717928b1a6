"""What the live layer talks about: topics marked for the beat, facts sent, commands received.

Handlers *mark* a topic (``Tally(item_id)``) when something changed; the
broadcaster's beat hands each workshop's topics to the publisher registered
for their type (``Live.publishers``), which turns them into messages. A
``Fact`` is one server-to-client event: its name, the roles whose rooms
receive it, what builds its payload and a docstring. Every fact and every
command registers itself here when its module is imported, so
tests/test_protocol_docs.py can check that docs/protocol.md names them all.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, NamedTuple

from .rooms import room


class Message(NamedTuple):
    """One event to send: its name, its payload and the room (or connection id) it goes to."""

    event: str
    payload: dict
    to: str


# -- topics: what changed, marked by handlers and sent with the next beat --------


@dataclass(frozen=True)
class Topic:
    """Something of a workshop that changed; equal topics are sent once per beat."""


@dataclass(frozen=True)
class Tally(Topic):
    """The answers to an item changed (a vote, a hidden answer)."""

    item_id: str


@dataclass(frozen=True)
class Presence(Topic):
    """A participant connected or left: the joined and online counts."""


@dataclass(frozen=True)
class Member(Topic):
    """A participant connected or left: breakout presenters see who of a group is online."""

    participant_id: str


@dataclass(frozen=True)
class QuestionModerated(Topic):
    """The presenter changed a question: every audience hears of it with the next beat."""

    question_id: str


@dataclass(frozen=True)
class QuestionActivity(Topic):
    """A question was asked or voted on: presenters hear of it with the next beat, others
    at most every ``question_board.PUBLIC_ACTIVITY_INTERVAL``."""

    question_id: str


@dataclass(frozen=True)
class BoardChanged(Topic):
    """The board's settings or its pin changed."""


@dataclass(frozen=True)
class BoardDue(Topic):
    """Public activity held back by the interval is still to be sent."""


@dataclass(frozen=True)
class Regroup(Topic):
    """A breakout's groups were (re)formed: everyone's old group is gone."""

    item_id: str


@dataclass(frozen=True)
class RoundChanged(Topic):
    """A breakout round's status, clock, message or group sizes changed."""

    item_id: str


@dataclass(frozen=True)
class GroupChanged(Topic):
    """A breakout group's members, cards or video link changed."""

    item_id: str
    group_id: str


@dataclass(frozen=True)
class HarvestChanged(Topic):
    """The cards picked for the big screen changed."""

    item_id: str


@dataclass(frozen=True)
class CallsChanged(Topic):
    """A breakout group called the facilitator, or a call was answered, handled or closed."""

    item_id: str


# -- facts: server-to-client events ----------------------------------------------


@dataclass(frozen=True)
class Fact:
    """A server-to-client event.

    ``audience``: the roles that receive it (through their rooms, or, where
    ``to_connections``, on the connections of single people); ``build``: the
    function that returns its payload (for one receiving role where payloads
    differ by role); ``doc``: what happened, in one sentence.
    """

    name: str
    audience: tuple[str, ...]
    build: Callable[..., Any]
    doc: str
    to_connections: bool = False

    def to_rooms(self, workshop_id: str, payload: dict, roles=None) -> list[Message]:
        """The fact with one payload for every room of ``roles`` (default: its audience)."""
        return [
            Message(self.name, payload, room(workshop_id, role))
            for role in (self.audience if roles is None else roles)
        ]

    def to(self, payload: dict, destination: str) -> Message:
        """The fact for one room or one connection id."""
        return Message(self.name, payload, destination)


FACTS: dict[str, Fact] = {}


def fact(
    name: str,
    audience: tuple[str, ...],
    build: Callable[..., Any],
    doc: str,
    to_connections: bool = False,
) -> Fact:
    """Register a fact; its name must be new."""
    if name in FACTS:
        raise ValueError(f"fact {name!r} is registered twice")
    FACTS[name] = Fact(name, audience, build, doc, to_connections)
    return FACTS[name]


# -- commands: client-to-server events -------------------------------------------


@dataclass(frozen=True)
class Command:
    """A client-to-server event: its name, the roles that may send it (None: anyone), its
    handler's docstring."""

    name: str
    roles: tuple[str, ...] | None
    doc: str


COMMANDS: dict[str, Command] = {}


def register_command(name: str, roles: tuple[str, ...] | None, doc: str | None) -> Command:
    """Register a command (``handlers.command`` does this for every handler)."""
    if name in COMMANDS:
        raise ValueError(f"command {name!r} is registered twice")
    COMMANDS[name] = Command(name, roles, doc or "")
    return COMMANDS[name]
