"""Breakout rounds in the live state: placing people, the snapshot part, the beat's messages.

``install`` plugs this area into ``Live`` (see docs/kinds.md): its snapshot
part adds ``breakout`` to snapshots, its publisher turns the topics that
commands mark into ``breakout_changed``, ``group_changed``,
``breakout_groups``, ``harvest_changed`` and ``help_calls``.
"""

from __future__ import annotations

from dataclasses import astuple

from ..domain.breakouts import ENDED, Breakout, Group, Person
from ..domain.kinds.breakout import Breakout as BreakoutKind
from ..domain.workshop import AgendaItem
from .breakout_views import (
    calls_view,
    group_view,
    harvest_view,
    moderator_group_view,
    personal_group_view,
    round_view,
    shared_group_view,
    video_link,
)
from .handlers import live
from .rooms import MODERATOR, PARTICIPANT, PRESENTER, ROLES, SCREEN, STAFF, room
from .topics import (
    CallsChanged,
    GroupChanged,
    HarvestChanged,
    Member,
    Message,
    Regroup,
    RoundChanged,
    Topic,
    fact,
)

KIND = BreakoutKind.name


def breakout_of(state, item: AgendaItem) -> Breakout | None:
    """The round of a breakout item, loaded once and kept in memory; None until it is formed."""
    found = state.breakouts.get(item.id)
    if found is None:
        found = state.store.breakout(item)
        if found is not None:
            state.breakouts[item.id] = found
    return found


def mark(breakout: Breakout, *topics: Topic, state=None) -> None:
    """Mark topics of this round for the next beat (``state``: outside a request, e.g. a beat)."""
    broadcaster = (state or live()).broadcaster
    for topic in topics:
        broadcaster.mark(breakout.round.workshop_id, topic)


def people_of(state, workshop_id: str) -> dict[str, Person]:
    """How every participant of the workshop is named, by participant id."""
    return {p.id: Person(p.number, p.display_name) for p in state.store.participants(workshop_id)}


def person(breakout: Breakout, participant_id: str, state=None) -> None:
    """Make sure the round knows how to name a participant who joined after it was loaded."""
    if participant_id not in breakout.people:
        participant = (state or live()).store.participant(
            breakout.round.workshop_id, participant_id
        )
        if participant is not None:
            breakout.people[participant_id] = Person(participant.number, participant.display_name)


def place_latecomer(state, breakout: Breakout, participant_id: str):
    """The participant's group; someone new to a dealt round goes into the smallest group."""
    group = breakout.group_of(participant_id)
    if group is not None or not breakout.dealt or breakout.round.status == ENDED:
        return group
    if not breakout.groups:
        return None
    group = breakout.smallest_group()
    person(breakout, participant_id, state)
    state.store.save_member(breakout.round, participant_id, group.id)
    breakout.place(participant_id, group)
    mark(
        breakout,
        GroupChanged(breakout.item_id, group.id),
        RoundChanged(breakout.item_id),
        state=state,
    )
    return group


def move(breakout: Breakout, participant_id: str, group) -> None:
    """Put someone into ``group``, committed; their old and new groups hear of it."""
    before = breakout.group_of(participant_id)
    if before is not None and before.id == group.id:
        return
    person(breakout, participant_id)
    live().store.save_member(breakout.round, participant_id, group.id)
    breakout.place(participant_id, group)
    mark(breakout, GroupChanged(breakout.item_id, group.id), RoundChanged(breakout.item_id))
    if before is not None:
        mark(breakout, GroupChanged(breakout.item_id, before.id))


def snapshot_part(state, connection, workshop, item) -> dict:
    """``breakout`` in the snapshot while a breakout is the current item."""
    if item is None or item.kind != KIND:
        return {}
    breakout = breakout_of(state, item)
    group = None
    if connection.role == PARTICIPANT and breakout is not None:
        group = place_latecomer(state, breakout, connection.participant_id)
    view = round_view(item, breakout)
    if connection.role == PARTICIPANT:
        participant_id = connection.participant_id
        view["my_group"] = group and group_view(state, breakout, group, participant_id)
        view["note"] = state.store.note(item.id, participant_id) if view["private_notes"] else ""
    elif connection.role in STAFF:
        groups = breakout.ordered_groups() if breakout else []
        view["group_details"] = [moderator_group_view(state, breakout, g) for g in groups]
        view["harvest"] = harvest_view(breakout)
        view["calls"] = calls_view(breakout)
        view["previous"] = earlier_breakouts(state, item)
        view["video_link"] = video_link(state, workshop.id)
    else:
        view["harvest"] = harvest_view(breakout)
    return {"breakout": view}


def earlier_breakouts(state, item: AgendaItem) -> list[dict]:
    """Breakouts before ``item`` on the agenda whose groups were formed (newest last)."""
    started_ids = set(state.store.started_breakouts(item.workshop_id))
    return [
        {"item_id": other.id, "title": other.title}
        for other in state.store.items(item.workshop_id)
        if other.id in started_ids and other.position < item.position
    ]


# -- what the beat sends -------------------------------------------------------


def group_payload(breakout: Breakout, shared: dict | None, participant_id: str) -> dict:
    """``group_changed`` for one member: their group (``shared_group_view``) as they see
    it; ``shared`` None: groups are formed again, the old group is gone."""
    group = None if shared is None else personal_group_view(shared, participant_id)
    return {"item_id": breakout.item_id, "group": group}


def groups_payload(state, breakout: Breakout, groups: list[Group]) -> dict:
    """``breakout_groups``: the changed groups as presenters and moderators see them."""
    return {
        "item_id": breakout.item_id,
        "groups": [moderator_group_view(state, breakout, group) for group in groups],
    }


def harvest_payload(breakout: Breakout) -> dict:
    """``harvest_changed``: the cards picked for the big screen."""
    return {"item_id": breakout.item_id, "harvest": harvest_view(breakout)}


def calls_payload(breakout: Breakout) -> dict:
    """``help_calls``: the whole queue of open calls, oldest first."""
    return {"item_id": breakout.item_id, "calls": calls_view(breakout)}


BREAKOUT_CHANGED = fact(
    "breakout_changed",
    ROLES,
    round_view,
    "A round's status, clock, message or group sizes changed (RoundView).",
)
GROUP_CHANGED = fact(
    "group_changed",
    (PARTICIPANT,),
    group_payload,
    "One's own group changed; ``group: null`` to all participants when groups are formed again.",
    to_connections=True,
)
BREAKOUT_GROUPS = fact(
    "breakout_groups", STAFF, groups_payload, "Groups changed: cards, members, who is online."
)
HARVEST_CHANGED = fact(
    "harvest_changed",
    (PRESENTER, MODERATOR, SCREEN),
    harvest_payload,
    "The cards picked for the big screen changed.",
)
HELP_CALLS = fact(
    "help_calls",
    STAFF,
    calls_payload,
    "A group called the facilitator, or a call was answered, handled, withdrawn or closed.",
)
# The order in which a beat sends a round's facts: the regroup first (participants drop their
# old group before they get their new one).
ORDER = {Regroup: 0, RoundChanged: 1, GroupChanged: 2, HarvestChanged: 3, CallsChanged: 4}


def publish(state, workshop_id: str, topics: set[Topic]) -> list[Message]:
    """Messages for changed rounds, groups, harvests and members' presence.

    ``Regroup``: groups were (re)formed, everyone's old group is gone;
    ``RoundChanged``: the round's status, clock or sizes changed;
    ``GroupChanged``: a group's members or cards changed;
    ``HarvestChanged``: the picked cards changed; ``CallsChanged``: the queue of
    calls changed (presenters and moderators only); ``Member``: someone connected
    or left (presenters see who is online).
    """
    messages = []
    changed_groups: dict[str, set] = {}
    members = [topic.participant_id for topic in topics if isinstance(topic, Member)]
    current = current_breakout(state, workshop_id) if members else None
    if current is not None:
        for participant_id in members:
            group = current.group_of(participant_id)
            if group is not None:
                changed_groups.setdefault(current.item_id, set()).add(group.id)
    of_rounds = [topic for topic in topics if not isinstance(topic, Member)]
    rounds_sent = set()
    for topic in sorted(of_rounds, key=lambda t: (ORDER[type(t)], astuple(t))):
        item_id = topic.item_id
        breakout = state.breakouts.get(item_id)
        if breakout is None:
            continue
        if isinstance(topic, Regroup):
            payload = group_payload(breakout, None, "")
            messages.append(GROUP_CHANGED.to(payload, room(workshop_id, PARTICIPANT)))
        elif isinstance(topic, RoundChanged):
            payload = round_view(state.store.item(workshop_id, item_id), breakout)
            messages.extend(BREAKOUT_CHANGED.to_rooms(workshop_id, payload))
            rounds_sent.add(item_id)
        elif isinstance(topic, GroupChanged):
            changed_groups.setdefault(item_id, set()).add(topic.group_id)
        elif isinstance(topic, HarvestChanged):
            messages.extend(HARVEST_CHANGED.to_rooms(workshop_id, harvest_payload(breakout)))
        elif isinstance(topic, CallsChanged):
            messages.extend(HELP_CALLS.to_rooms(workshop_id, calls_payload(breakout)))
    for item_id, group_ids in changed_groups.items():
        breakout = state.breakouts[item_id]
        messages.extend(_group_messages(state, workshop_id, breakout, group_ids))
        if item_id not in rounds_sent:
            # The big screen counts all cards: it hears of new ones with the round, alone.
            payload = round_view(state.store.item(workshop_id, item_id), breakout)
            messages.extend(BREAKOUT_CHANGED.to_rooms(workshop_id, payload, roles=(SCREEN,)))
    return messages


def _group_messages(state, workshop_id: str, breakout: Breakout, group_ids: set) -> list:
    """Each member of a changed group gets their group; presenters get all changed groups."""
    messages = []
    groups = [breakout.groups[gid] for gid in sorted(group_ids) if gid in breakout.groups]
    for group in groups:
        shared = shared_group_view(state, breakout, group)
        for participant_id, _member_view in shared["members"]:
            payload = group_payload(breakout, shared, participant_id)
            for sid in state.connections.sids_of(workshop_id, participant_id):
                messages.append(GROUP_CHANGED.to(payload, sid))
    payload = groups_payload(state, breakout, groups)
    messages.extend(BREAKOUT_GROUPS.to_rooms(workshop_id, payload))
    return messages


def current_breakout(state, workshop_id: str) -> Breakout | None:
    """The round of the current item, if that is a breakout whose groups are in memory."""
    workshop = state.store.workshop(workshop_id)
    return state.breakouts.get(workshop.current_item_id) if workshop.current_item_id else None


def forget(state, workshop_id: str) -> None:
    """Drop the rounds and video link of one workshop from memory."""
    for item_id in [i for i, b in state.breakouts.items() if b.round.workshop_id == workshop_id]:
        del state.breakouts[item_id]
    state.video_links.pop(workshop_id, None)


def held(state) -> set[str]:
    """The workshops with a round in memory."""
    return {breakout.round.workshop_id for breakout in state.breakouts.values()}


def install(state) -> None:
    """Plug breakouts into the live state's snapshots and beats."""
    state.breakouts = {}  # item id -> Breakout, once its groups are formed
    state.video_links = {}  # workshop id -> video link template
    state.snapshot_parts.append(snapshot_part)
    state.forgetters.append(forget)
    state.holders.append(held)
    for topic in (Regroup, RoundChanged, GroupChanged, HarvestChanged, CallsChanged, Member):
        state.publishers[topic] = publish
