"""Socket.IO commands of breakout rounds, and what each audience sees of them.

The presenter forms groups, starts the clock, moves people, sends a message,
extends, ends the round and picks cards for the big screen. Participants
choose a group (where they may), write cards on their group's board and keep
a private note. Handlers validate, let ``domain.breakouts`` decide, commit,
update the round in memory and mark what changed; the broadcaster's next beat
sends each group's members their group, presenters the changed groups, and
the big screen the harvest.
"""

from __future__ import annotations

import random
import time

from ..domain.breakouts import (
    CHOOSE,
    ENDED,
    FORMING,
    PREVIOUS,
    RUNNING,
    Breakout,
    Card,
    Person,
    Round,
    check_formable,
    clean_card_text,
    clean_note,
    client_id_from,
    ended,
    extended,
    form_groups,
    id_from,
    started,
    validate_grouping,
    validate_video_link,
    video_url,
    with_message,
)
from ..domain.errors import Refusal
from ..domain.kinds.breakout import Breakout as BreakoutKind
from ..domain.workshop import OPEN, PENDING, AgendaItem, new_id
from .handlers import Reply, command, item_id_from, live
from .live import ms
from .rooms import PARTICIPANT, PRESENTER, ROLES, SCREEN, room

KIND = BreakoutKind.name
# Group formation is a lottery people should be able to trust: not predictable.
RNG = random.SystemRandom()


# -- views ---------------------------------------------------------------------


def round_view(item: AgendaItem, breakout: Breakout | None) -> dict:
    """The round as everyone may see it (``breakout_changed``): status, clock, groups, sizes."""
    config = item.config
    view = {
        "item_id": item.id,
        "status": "waiting",
        "mode": config["grouping"]["mode"],
        "duration": config["duration"],
        "private_notes": config["private_notes"],
        "started_at": None,
        "ends_at": None,
        "ended_at": None,
        "message": "",
        "message_at": None,
        "groups": [],
        "cards": 0,
    }
    if breakout is None:
        return view
    round_, sizes = breakout.round, breakout.sizes()
    view.update(
        status=round_.status,
        mode=round_.mode,
        started_at=ms(round_.started_at),
        ends_at=ms(round_.ends_at),
        ended_at=ms(round_.ended_at),
        message=round_.message,
        message_at=ms(round_.message_at),
        groups=[
            {
                "id": group.id,
                "number": group.number,
                "name": group.name,
                "capacity": group.capacity,
                "size": sizes[group.id],
            }
            for group in breakout.ordered_groups()
        ],
        cards=len(breakout.cards),
    )
    return view


def _member(breakout: Breakout, participant_id: str) -> dict:
    person = breakout.people.get(participant_id, Person(0))
    return {"number": person.number, "display_name": person.display_name}


def group_view(state, breakout: Breakout, group, participant_id: str) -> dict:
    """A participant's own group: members, video link, and the board's cards (own ones marked)."""
    return personal_group_view(shared_group_view(state, breakout, group), participant_id)


def shared_group_view(state, breakout: Breakout, group) -> dict:
    """What every member sees of a group, with the authors still attached (see below)."""
    workshop_id = breakout.round.workshop_id
    return {
        "id": group.id,
        "number": group.number,
        "name": group.name,
        "video_url": video_url(_video_link(state, workshop_id), workshop_id, group.number),
        "members": [(pid, _member(breakout, pid)) for pid in breakout.member_ids(group.id)],
        "cards": [
            (
                card.participant_id,
                {
                    "id": card.id,
                    "prompt_id": card.prompt_id,
                    "text": card.text,
                    "created_at": ms(card.created_at),
                    "updated_at": ms(card.updated_at),
                },
            )
            for card in breakout.cards_of(group.id)
        ],
    }


def personal_group_view(shared: dict, participant_id: str) -> dict:
    """The GroupView for one member: ``me`` and ``mine`` set, authors dropped."""
    return {
        **shared,
        "members": [{**member, "me": pid == participant_id} for pid, member in shared["members"]],
        "cards": [{**card, "mine": pid == participant_id} for pid, card in shared["cards"]],
    }


def _video_link(state, workshop_id: str) -> str:
    """The workshop's video link template, read once and kept with the live state."""
    if workshop_id not in state.video_links:
        state.video_links[workshop_id] = state.store.video_link(workshop_id)
    return state.video_links[workshop_id]


def moderator_group_view(state, breakout: Breakout, group) -> dict:
    """A group as the presenter sees it: members (online or not), every card, harvest marks."""
    workshop_id = breakout.round.workshop_id
    online = state.connections.online_participant_ids(workshop_id)
    return {
        "id": group.id,
        "number": group.number,
        "name": group.name,
        "capacity": group.capacity,
        "video_url": video_url(_video_link(state, workshop_id), workshop_id, group.number),
        "members": [
            {**_member(breakout, pid), "online": pid in online}
            for pid in breakout.member_ids(group.id)
        ],
        "cards": [
            {
                "id": card.id,
                "prompt_id": card.prompt_id,
                "text": card.text,
                "harvested": card.harvested,
                "created_at": ms(card.created_at),
                "updated_at": ms(card.updated_at),
            }
            for card in breakout.cards_of(group.id)
        ],
    }


def harvest_view(breakout: Breakout | None) -> list[dict]:
    """The cards picked for the big screen, by prompt, with their group's number and name."""
    if breakout is None:
        return []
    return [
        {
            "id": card.id,
            "prompt_id": card.prompt_id,
            "text": card.text,
            "group": breakout.groups[card.group_id].number,
            "group_name": breakout.groups[card.group_id].name,
        }
        for card in breakout.harvest()
    ]


def snapshot_part(state, connection, workshop, item) -> dict:
    """``breakout`` in the snapshot while a breakout is the current item."""
    if item is None or item.kind != KIND:
        return {}
    breakout = state.breakout(item)
    group = None
    if connection.role == PARTICIPANT and breakout is not None:
        group = _place_latecomer(state, breakout, connection.participant_id)
    view = round_view(item, breakout)
    if connection.role == PARTICIPANT:
        participant_id = connection.participant_id
        view["my_group"] = group and group_view(state, breakout, group, participant_id)
        view["note"] = state.store.note(item.id, participant_id) if view["private_notes"] else ""
    elif connection.role == PRESENTER:
        groups = breakout.ordered_groups() if breakout else []
        view["group_details"] = [moderator_group_view(state, breakout, g) for g in groups]
        view["harvest"] = harvest_view(breakout)
        view["previous"] = _earlier_breakouts(state, item)
        view["video_link"] = _video_link(state, workshop.id)
    else:
        view["harvest"] = harvest_view(breakout)
    return {"breakout": view}


def _earlier_breakouts(state, item: AgendaItem) -> list[dict]:
    """Breakouts before ``item`` on the agenda whose groups were formed (newest last)."""
    started_ids = set(state.store.started_breakouts(item.workshop_id))
    return [
        {"item_id": other.id, "title": other.title}
        for other in state.store.items(item.workshop_id)
        if other.id in started_ids and other.position < item.position
    ]


# -- what the beat sends -------------------------------------------------------


def publish(state, workshop_id: str, topics: set) -> list:
    """Messages for changed rounds, groups, harvests and members' presence.

    ``("regroup", item)``: groups were (re)formed, everyone's old group is gone;
    ``("breakout", item)``: the round's status, clock or sizes changed;
    ``("group", item, group)``: a group's members or cards changed;
    ``("harvest", item)``: the picked cards changed; ``("member", participant)``:
    someone connected or left (presenters see who is online).
    """
    messages = []
    changed_groups: dict[str, set] = {}
    for topic in sorted(topics, key=lambda t: (t[0] != "regroup", t)):
        name = topic[0]
        if name == "member":
            found = _current_breakout(state, workshop_id)
            if found is not None:
                group = found.group_of(topic[1])
                if group is not None:
                    changed_groups.setdefault(found.item_id, set()).add(group.id)
            continue
        item_id = topic[1]
        breakout = state.breakouts.get(item_id)
        if breakout is None:
            continue
        if name == "regroup":
            payload = {"item_id": item_id, "group": None}
            messages.append(("group_changed", payload, room(workshop_id, PARTICIPANT)))
        elif name == "breakout":
            item = state.store.item(workshop_id, item_id)
            for role in ROLES:
                payload = round_view(item, breakout)
                messages.append(("breakout_changed", payload, room(workshop_id, role)))
        elif name == "group":
            changed_groups.setdefault(item_id, set()).add(topic[2])
        elif name == "harvest":
            payload = {"item_id": item_id, "harvest": harvest_view(breakout)}
            for role in (PRESENTER, SCREEN):
                messages.append(("harvest_changed", payload, room(workshop_id, role)))
    for item_id, group_ids in changed_groups.items():
        messages.extend(_group_messages(state, workshop_id, state.breakouts[item_id], group_ids))
    return messages


def _group_messages(state, workshop_id: str, breakout: Breakout, group_ids: set) -> list:
    """Each member of a changed group gets their group; presenters get all changed groups."""
    messages = []
    groups = [breakout.groups[gid] for gid in sorted(group_ids) if gid in breakout.groups]
    for group in groups:
        shared = shared_group_view(state, breakout, group)
        for participant_id, _member_view in shared["members"]:
            payload = {
                "item_id": breakout.item_id,
                "group": personal_group_view(shared, participant_id),
            }
            for sid in state.connections.sids_of(workshop_id, participant_id):
                messages.append(("group_changed", payload, sid))
    payload = {
        "item_id": breakout.item_id,
        "groups": [moderator_group_view(state, breakout, group) for group in groups],
    }
    messages.append(("breakout_groups", payload, room(workshop_id, PRESENTER)))
    return messages


def _current_breakout(state, workshop_id: str) -> Breakout | None:
    """The round of the current item, if that is a breakout whose groups are in memory."""
    workshop = state.store.workshop(workshop_id)
    return state.breakouts.get(workshop.current_item_id) if workshop.current_item_id else None


def install(state) -> None:
    """Plug breakouts into the live state's snapshots and beats."""
    state.snapshot_parts.append(snapshot_part)
    state.video_links = {}
    for name in ("regroup", "breakout", "group", "harvest", "member"):
        state.publishers[name] = publish


# -- helpers for the commands --------------------------------------------------


def _mark(breakout: Breakout, *topics, state=None) -> None:
    """Mark topics of this round for the next beat (``state``: outside a request, e.g. a beat)."""
    broadcaster = (state or live()).broadcaster
    for topic in topics:
        broadcaster.mark(breakout.round.workshop_id, (topic[0], breakout.item_id, *topic[1:]))


def _breakout_item(connection, payload) -> AgendaItem:
    """The breakout item named in the payload, from the caller's workshop."""
    item = live().store.item(connection.workshop_id, item_id_from(payload))
    if item.kind != KIND:
        raise Refusal("not_breakout")
    return item


def _round_of(connection, payload) -> tuple[AgendaItem, Breakout]:
    """The breakout item and its round; ``breakout_not_started`` before groups are formed."""
    item = _breakout_item(connection, payload)
    breakout = live().breakout(item)
    if breakout is None:
        raise Refusal("breakout_not_started")
    return item, breakout


def _person(breakout: Breakout, participant_id: str, state=None) -> None:
    """Make sure the round knows how to name a participant who joined after it was loaded."""
    if participant_id not in breakout.people:
        participant = (state or live()).store.participant(
            breakout.round.workshop_id, participant_id
        )
        if participant is not None:
            breakout.people[participant_id] = Person(participant.number, participant.display_name)


def _place_latecomer(state, breakout: Breakout, participant_id: str):
    """The participant's group; someone new to a dealt round goes into the smallest group."""
    group = breakout.group_of(participant_id)
    if group is not None or not breakout.dealt or breakout.round.status == ENDED:
        return group
    if not breakout.groups:
        return None
    group = breakout.smallest_group()
    _person(breakout, participant_id, state)
    state.store.save_member(breakout.round, participant_id, group.id)
    breakout.place(participant_id, group)
    _mark(breakout, ("group", group.id), ("breakout",), state=state)
    return group


def _move(breakout: Breakout, participant_id: str, group) -> None:
    """Put someone into ``group``, committed; their old and new groups hear of it."""
    before = breakout.group_of(participant_id)
    if before is not None and before.id == group.id:
        return
    _person(breakout, participant_id)
    live().store.save_member(breakout.round, participant_id, group.id)
    breakout.place(participant_id, group)
    _mark(breakout, ("group", group.id), ("breakout",))
    if before is not None:
        _mark(breakout, ("group", before.id))


def _form(workshop, item: AgendaItem, payload: dict) -> Breakout:
    """Form (or form again) the groups of the current breakout item."""
    state = live()
    if workshop.current_item_id != item.id:
        raise Refusal("not_current")
    existing = state.breakout(item)
    check_formable(existing.round if existing else None)
    if "grouping" in payload:
        grouping = validate_grouping(payload["grouping"])
    else:
        grouping = item.config["grouping"]
    previous = None
    if grouping["mode"] == PREVIOUS:
        previous = _previous_breakout(item, grouping.get("item_id"))
    online = state.connections.online_participant_ids(workshop.id)
    groups, members = form_groups(item.id, grouping, online, previous, new_id, RNG)
    round_ = Round(item.id, workshop.id, grouping["mode"])
    state.store.form_breakout(round_, groups, members)
    if item.status == PENDING:
        # Groups and cards now hang on the prompts: the item can no longer be edited or deleted.
        state.store.save_item(item.replace(status=OPEN))
    people = {p.id: Person(p.number, p.display_name) for p in state.store.participants(workshop.id)}
    breakout = Breakout(round_, item.config["prompts"], {g.id: g for g in groups}, members)
    breakout.people = people
    state.breakouts[item.id] = breakout
    _mark(breakout, ("regroup",), ("breakout",), *(("group", group.id) for group in groups))
    return breakout


def _previous_breakout(item: AgendaItem, item_id: str | None) -> Breakout:
    """The earlier round whose groups are used again: ``item_id``'s, or the latest before."""
    state = live()
    earlier = _earlier_breakouts(state, item)
    if item_id is not None:
        earlier = [entry for entry in earlier if entry["item_id"] == item_id]
    if not earlier:
        raise Refusal("no_previous_groups")
    other = state.store.item(item.workshop_id, earlier[-1]["item_id"])
    return state.breakout(other)


# -- everyone ------------------------------------------------------------------


@command("get_breakout")
def get_breakout(connection, payload):
    """Any client asks for the current breakout as its role sees it (``breakout`` of the
    snapshot), e.g. right after ``item_opened`` brought a breakout; latecomers are placed."""
    state = live()
    workshop = state.store.workshop(connection.workshop_id)
    item = _breakout_item(connection, payload)
    if workshop.current_item_id != item.id:
        raise Refusal("not_current")
    return snapshot_part(state, connection, workshop, item)


# -- presenter -----------------------------------------------------------------


@command("form_groups", role=PRESENTER)
def form_groups_command(connection, payload):
    """The presenter forms groups (again) before the round starts; people can then be moved."""
    state = live()
    workshop = state.store.workshop(connection.workshop_id)
    breakout = _form(workshop, _breakout_item(connection, payload), payload)
    return Reply(
        {"item_id": breakout.item_id, "groups": len(breakout.groups)},
        state.announce_agenda(workshop),
    )


@command("start_breakout", role=PRESENTER)
def start_breakout(connection, payload):
    """The presenter starts the round's clock, forming groups first if that was not done."""
    state = live()
    workshop = state.store.workshop(connection.workshop_id)
    item = _breakout_item(connection, payload)
    breakout = state.breakout(item)
    if breakout is None:
        breakout = _form(workshop, item, payload)
    if workshop.current_item_id != item.id:
        raise Refusal("not_current")
    round_ = started(breakout.round, item.config["duration"], time.time())
    state.store.save_round(round_)
    breakout.round = round_
    _mark(breakout, ("breakout",))
    return Reply(
        {"item_id": item.id, "status": round_.status, "ends_at": ms(round_.ends_at)},
        state.announce_agenda(workshop),
    )


def _clock_change(connection, payload, change) -> dict:
    """Save a changed round (extend, end, message) and tell everyone."""
    state = live()
    item, breakout = _round_of(connection, payload)
    round_ = change(breakout.round)
    state.store.save_round(round_)
    breakout.round = round_
    _mark(breakout, ("breakout",))
    return {"item_id": item.id, "status": round_.status, "ends_at": ms(round_.ends_at)}


@command("extend_breakout", role=PRESENTER)
def extend_breakout(connection, payload):
    """The presenter gives the groups more minutes (an ended round resumes)."""
    if "minutes" not in payload:
        raise Refusal("invalid_payload", field="minutes")
    return _clock_change(
        connection, payload, lambda r: extended(r, payload["minutes"], time.time())
    )


@command("end_breakout", role=PRESENTER)
def end_breakout(connection, payload):
    """The presenter calls everyone back to the plenary (the recall)."""
    return _clock_change(connection, payload, lambda r: ended(r, time.time()))


@command("breakout_message", role=PRESENTER)
def breakout_message(connection, payload):
    """The presenter sends every group a short message ("5 minutes left")."""
    if "text" not in payload:
        raise Refusal("invalid_payload", field="text")
    return _clock_change(
        connection, payload, lambda r: with_message(r, payload["text"], time.time())
    )


@command("move_participant", role=PRESENTER)
def move_participant(connection, payload):
    """The presenter moves a participant (by number) into another group, also a full one."""
    item, breakout = _round_of(connection, payload)
    if "number" not in payload:
        raise Refusal("invalid_payload", field="number")
    number = payload["number"]
    if not isinstance(number, int) or isinstance(number, bool):
        raise Refusal("unknown_participant")
    group = breakout.group(id_from(payload, "group_id", "unknown_group"))
    if breakout.round.status == ENDED:
        raise Refusal("breakout_not_running")
    try:
        participant_id = breakout.number_of(number)
    except Refusal:
        breakout.people.update(
            {
                p.id: Person(p.number, p.display_name)
                for p in live().store.participants(breakout.round.workshop_id)
            }
        )
        participant_id = breakout.number_of(number)
    _move(breakout, participant_id, group)
    return {"item_id": item.id, "number": number, "group_id": group.id}


@command("harvest_card", role=PRESENTER)
def harvest_card(connection, payload):
    """The presenter puts a card on the big screen (``harvested: false`` takes it off)."""
    state = live()
    item, breakout = _round_of(connection, payload)
    card = breakout.card(id_from(payload, "card_id", "unknown_card"))
    harvested = payload.get("harvested", True)
    if not isinstance(harvested, bool):
        raise Refusal("invalid_payload", field="harvested")
    if card.harvested != harvested:
        card = card.replace(harvested=harvested)
        state.store.save_card(card)
        breakout.update(card)
        _mark(breakout, ("harvest",), ("group", card.group_id))
    return {"item_id": item.id, "card_id": card.id, "harvested": card.harvested}


@command("set_video_link", role=PRESENTER)
def set_video_link(connection, payload):
    """The presenter sets the link template for the groups' video rooms ("" removes it)."""
    state = live()
    if "video_link" not in payload:
        raise Refusal("invalid_payload", field="video_link")
    template = validate_video_link(payload["video_link"])
    state.store.set_video_link(connection.workshop_id, template)
    state.video_links[connection.workshop_id] = template
    current = _current_breakout(state, connection.workshop_id)
    if current is not None:
        _mark(current, *(("group", group_id) for group_id in current.groups))
    return {"video_link": template}


# -- participants --------------------------------------------------------------


@command("choose_group", role=PARTICIPANT)
def choose_group(connection, payload):
    """A participant picks a named group (where the breakout lets people choose)."""
    state = live()
    item, breakout = _round_of(connection, payload)
    if breakout.round.mode != CHOOSE:
        raise Refusal("not_choosing")
    if breakout.round.status not in (FORMING, RUNNING):
        raise Refusal("breakout_not_running")
    group = breakout.group(id_from(payload, "group_id", "unknown_group"))
    breakout.check_room(group, connection.participant_id)
    _move(breakout, connection.participant_id, group)
    return {
        "item_id": item.id,
        "group": group_view(state, breakout, group, connection.participant_id),
    }


def _own_card_view(card: Card) -> dict:
    return {
        "id": card.id,
        "prompt_id": card.prompt_id,
        "text": card.text,
        "mine": True,
        "created_at": ms(card.created_at),
        "updated_at": ms(card.updated_at),
    }


def _check_writable(breakout: Breakout) -> None:
    """Cards are written once the clock runs, and still after the recall (nothing typed is lost)."""
    if breakout.round.status == FORMING:
        raise Refusal("breakout_not_running")


@command("add_card", role=PARTICIPANT)
def add_card(connection, payload):
    """A participant adds a card under a prompt of their group's board (once per ``client_id``)."""
    state = live()
    item, breakout = _round_of(connection, payload)
    participant_id = connection.participant_id
    client_id = client_id_from(payload)
    earlier = breakout.replayed(participant_id, client_id)
    if earlier is not None:
        return {"item_id": item.id, "card": _own_card_view(earlier)}
    _check_writable(breakout)
    group = breakout.writable_group(participant_id)
    prompt_id = breakout.check_prompt(payload.get("prompt_id"))
    if "text" not in payload:
        raise Refusal("invalid_payload", field="text")
    text = clean_card_text(payload["text"])
    breakout.check_card_quota(participant_id)
    now = time.time()
    card = Card(new_id(), item.id, group.id, participant_id, prompt_id, text, now, now, client_id)
    state.store.add_card(card, connection.workshop_id)
    breakout.add(card)
    _mark(breakout, ("group", group.id))
    return {"item_id": item.id, "card": _own_card_view(card)}


@command("edit_card", role=PARTICIPANT)
def edit_card(connection, payload):
    """A participant rewrites one of their own cards."""
    state = live()
    item, breakout = _round_of(connection, payload)
    card = breakout.own_card(id_from(payload, "card_id", "unknown_card"), connection.participant_id)
    if "text" not in payload:
        raise Refusal("invalid_payload", field="text")
    text = clean_card_text(payload["text"])
    if text != card.text:
        card = card.replace(text=text, updated_at=time.time())
        state.store.save_card(card)
        breakout.update(card)
        _mark(breakout, ("group", card.group_id))
        if card.harvested:
            _mark(breakout, ("harvest",))
    return {"item_id": item.id, "card": _own_card_view(card)}


@command("delete_card", role=PARTICIPANT)
def delete_card(connection, payload):
    """A participant deletes one of their own cards."""
    state = live()
    item, breakout = _round_of(connection, payload)
    card = breakout.own_card(id_from(payload, "card_id", "unknown_card"), connection.participant_id)
    state.store.delete_card(card)
    breakout.remove(card.id)
    _mark(breakout, ("group", card.group_id))
    if card.harvested:
        _mark(breakout, ("harvest",))
    return {"item_id": item.id, "card_id": card.id}


@command("save_note", role=PARTICIPANT)
def save_note(connection, payload):
    """A participant saves their private note for a breakout; nobody else ever receives it."""
    state = live()
    item = _breakout_item(connection, payload)
    if not item.config["private_notes"]:
        raise Refusal("notes_off")
    if "text" not in payload:
        raise Refusal("invalid_payload", field="text")
    text = clean_note(payload["text"])
    state.store.save_note(item, connection.participant_id, text)
    return {"item_id": item.id, "text": text}
