"""Socket.IO commands of breakout rounds.

The presenter forms groups, starts the clock, moves people, sends a message,
extends, ends the round and picks cards for the big screen. Participants
choose a group (where they may), write cards on their group's board and keep
a private note. Handlers validate, let ``domain.breakouts`` decide, commit,
update the round in memory and mark what changed; the broadcaster's next beat
sends each group's members their group, presenters the changed groups, and
the big screen the harvest (``breakout_rounds``; views in ``breakout_views``).
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
    Round,
    check_formable,
    clean_card_text,
    clean_note,
    ended,
    extended,
    form_groups,
    started,
    validate_grouping,
    validate_video_link,
    with_message,
)
from ..domain.errors import Refusal
from ..domain.help_calls import closed_by_recall
from ..domain.workshop import OPEN, PENDING, AgendaItem, new_id
from .breakout_rounds import (
    KIND,
    breakout_of,
    current_breakout,
    earlier_breakouts,
    mark,
    move,
    people_of,
    snapshot_part,
)
from .breakout_views import group_view, own_card_view
from .handlers import Reply, command, live
from .live import ms
from .payloads import Payload
from .rooms import PARTICIPANT, PRESENTER, STAFF
from .topics import CallsChanged, GroupChanged, HarvestChanged, Regroup, RoundChanged

# Group formation is a lottery people should be able to trust: not predictable.
RNG = random.SystemRandom()


# -- helpers ---------------------------------------------------------------------


def _breakout_item(connection, payload) -> AgendaItem:
    """The breakout item named in the payload, from the caller's workshop."""
    item = live().store.item(connection.workshop_id, payload.item_id())
    if item.kind != KIND:
        raise Refusal("not_breakout")
    return item


def _round_of(connection, payload) -> tuple[AgendaItem, Breakout]:
    """The breakout item and its round; ``breakout_not_started`` before groups are formed."""
    item = _breakout_item(connection, payload)
    breakout = breakout_of(live(), item)
    if breakout is None:
        raise Refusal("breakout_not_started")
    return item, breakout


def _form(workshop, item: AgendaItem, payload: Payload) -> Breakout:
    """Form (or form again) the groups of the current breakout item."""
    state = live()
    if workshop.current_item_id != item.id:
        raise Refusal("not_current")
    existing = breakout_of(state, item)
    check_formable(existing.round if existing else None)
    if "grouping" in payload:
        grouping = validate_grouping(payload.required("grouping"))
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
    breakout = Breakout(round_, item.config["prompts"], {g.id: g for g in groups}, members)
    breakout.people = people_of(state, workshop.id)
    state.breakouts[item.id] = breakout
    mark(
        breakout,
        Regroup(breakout.item_id),
        RoundChanged(breakout.item_id),
        *(GroupChanged(breakout.item_id, group.id) for group in groups),
    )
    return breakout


def _previous_breakout(item: AgendaItem, item_id: str | None) -> Breakout:
    """The earlier round whose groups are used again: ``item_id``'s, or the latest before."""
    state = live()
    earlier = earlier_breakouts(state, item)
    if item_id is not None:
        earlier = [entry for entry in earlier if entry["item_id"] == item_id]
    if not earlier:
        raise Refusal("no_previous_groups")
    other = state.store.item(item.workshop_id, earlier[-1]["item_id"])
    return breakout_of(state, other)


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
    breakout = breakout_of(state, item)
    if breakout is None:
        breakout = _form(workshop, item, payload)
    if workshop.current_item_id != item.id:
        raise Refusal("not_current")
    round_ = started(breakout.round, item.config["duration"], time.time())
    state.store.save_round(round_)
    breakout.round = round_
    mark(breakout, RoundChanged(breakout.item_id))
    return Reply(
        {"item_id": item.id, "status": round_.status, "ends_at": ms(round_.ends_at)},
        state.announce_agenda(workshop),
    )


def _clock_change(connection, payload, change) -> dict:
    """Save a changed round (extend, message) and tell everyone."""
    state = live()
    item, breakout = _round_of(connection, payload)
    round_ = change(breakout.round)
    state.store.save_round(round_)
    breakout.round = round_
    mark(breakout, RoundChanged(breakout.item_id))
    return {"item_id": item.id, "status": round_.status, "ends_at": ms(round_.ends_at)}


@command("extend_breakout", role=PRESENTER)
def extend_breakout(connection, payload):
    """The presenter gives the groups more minutes (an ended round resumes)."""
    minutes = payload.required("minutes")
    return _clock_change(connection, payload, lambda r: extended(r, minutes, time.time()))


@command("end_breakout", role=PRESENTER)
def end_breakout(connection, payload):
    """The presenter calls everyone back to the plenary (the recall); open calls are closed."""
    state = live()
    item, breakout = _round_of(connection, payload)
    now = time.time()
    round_ = ended(breakout.round, now)
    closed = closed_by_recall(breakout, now)
    state.store.end_round(round_, closed)
    breakout.round = round_
    mark(breakout, RoundChanged(breakout.item_id))
    for call in closed:
        breakout.calls[call.id] = call
        mark(breakout, CallsChanged(item.id), GroupChanged(item.id, call.group_id))
    return {"item_id": item.id, "status": round_.status, "ends_at": ms(round_.ends_at)}


@command("breakout_message", role=STAFF)
def breakout_message(connection, payload):
    """The presenter sends every group a short message ("5 minutes left")."""
    text = payload.required("text")
    return _clock_change(connection, payload, lambda r: with_message(r, text, time.time()))


@command("move_participant", role=PRESENTER)
def move_participant(connection, payload):
    """The presenter moves a participant (by number) into another group, also a full one."""
    item, breakout = _round_of(connection, payload)
    number = payload.whole_number("number", "unknown_participant")
    group = breakout.group(payload.id("group_id", "unknown_group"))
    if breakout.round.status == ENDED:
        raise Refusal("breakout_not_running")
    if number not in {person.number for person in breakout.people.values()}:
        # Joined after the round was loaded (and not yet placed): learn everyone's names again.
        breakout.people.update(people_of(live(), breakout.round.workshop_id))
    move(breakout, breakout.number_of(number), group)
    return {"item_id": item.id, "number": number, "group_id": group.id}


@command("harvest_card", role=STAFF)
def harvest_card(connection, payload):
    """The presenter puts a card on the big screen (``harvested: false`` takes it off)."""
    state = live()
    item, breakout = _round_of(connection, payload)
    card = breakout.card(payload.id("card_id", "unknown_card"))
    harvested = payload.optional_bool("harvested")
    if card.harvested != harvested:
        card = card.replace(harvested=harvested)
        state.store.save_card(card)
        breakout.update(card)
        mark(
            breakout,
            HarvestChanged(breakout.item_id),
            GroupChanged(breakout.item_id, card.group_id),
        )
    return {"item_id": item.id, "card_id": card.id, "harvested": card.harvested}


@command("set_video_link", role=PRESENTER)
def set_video_link(connection, payload):
    """The presenter sets the link template for the groups' video rooms ("" removes it)."""
    state = live()
    template = validate_video_link(payload.required("video_link"))
    state.store.set_video_link(connection.workshop_id, template)
    state.video_links[connection.workshop_id] = template
    current = current_breakout(state, connection.workshop_id)
    if current is not None:
        mark(current, *(GroupChanged(current.item_id, group_id) for group_id in current.groups))
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
    group = breakout.group(payload.id("group_id", "unknown_group"))
    breakout.check_room(group, connection.participant_id)
    move(breakout, connection.participant_id, group)
    return {
        "item_id": item.id,
        "group": group_view(state, breakout, group, connection.participant_id),
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
    client_id = payload.client_id()
    earlier = breakout.replayed(participant_id, client_id)
    if earlier is not None:
        return {"item_id": item.id, "card": own_card_view(earlier)}
    _check_writable(breakout)
    group = breakout.writable_group(participant_id)
    prompt_id = breakout.check_prompt(payload.optional("prompt_id"))
    text = clean_card_text(payload.required("text"))
    breakout.check_card_quota(participant_id)
    now = time.time()
    card = Card(new_id(), item.id, group.id, participant_id, prompt_id, text, now, now, client_id)
    state.store.add_card(card, connection.workshop_id)
    breakout.add(card)
    mark(breakout, GroupChanged(breakout.item_id, group.id))
    return {"item_id": item.id, "card": own_card_view(card)}


@command("edit_card", role=PARTICIPANT)
def edit_card(connection, payload):
    """A participant rewrites one of their own cards."""
    state = live()
    item, breakout = _round_of(connection, payload)
    card = breakout.own_card(payload.id("card_id", "unknown_card"), connection.participant_id)
    text = clean_card_text(payload.required("text"))
    if text != card.text:
        card = card.replace(text=text, updated_at=time.time())
        state.store.save_card(card)
        breakout.update(card)
        mark(breakout, GroupChanged(breakout.item_id, card.group_id))
        if card.harvested:
            mark(breakout, HarvestChanged(breakout.item_id))
    return {"item_id": item.id, "card": own_card_view(card)}


@command("delete_card", role=PARTICIPANT)
def delete_card(connection, payload):
    """A participant deletes one of their own cards."""
    state = live()
    item, breakout = _round_of(connection, payload)
    card = breakout.own_card(payload.id("card_id", "unknown_card"), connection.participant_id)
    state.store.delete_card(card)
    breakout.remove(card.id)
    mark(breakout, GroupChanged(breakout.item_id, card.group_id))
    if card.harvested:
        mark(breakout, HarvestChanged(breakout.item_id))
    return {"item_id": item.id, "card_id": card.id}


@command("save_note", role=PARTICIPANT)
def save_note(connection, payload):
    """A participant saves their private note for a breakout; nobody else ever receives it."""
    state = live()
    item = _breakout_item(connection, payload)
    if not item.config["private_notes"]:
        raise Refusal("notes_off")
    text = clean_note(payload.required("text"))
    state.store.save_note(item, connection.participant_id, text)
    return {"item_id": item.id, "text": text}
