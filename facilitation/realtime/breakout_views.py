"""What each audience sees of a breakout round, as JSON-ready views (docs/protocol.md).

RoundView for everyone, GroupView for a group's members (their own cards
marked, no authors, the group's call for help and the facilitator's answer),
ModeratorGroupView for presenters, the harvest, and the queue of calls
(presenters and moderators only; never the big screen).
"""

from __future__ import annotations

from ..domain.breakouts import Breakout, Card, Person, video_url
from ..domain.help_calls import HelpCall, last_answer, open_call, queue
from ..domain.workshop import AgendaItem
from .live import ms


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


def member_view(breakout: Breakout, participant_id: str) -> dict:
    """How a member is named: number and display name."""
    person = breakout.people.get(participant_id, Person(0))
    return {"number": person.number, "display_name": person.display_name or None}


def card_view(card: Card) -> dict:
    """A card as its group and the presenter see it: never its author."""
    return {
        "id": card.id,
        "prompt_id": card.prompt_id,
        "text": card.text,
        "created_at": ms(card.created_at),
        "updated_at": ms(card.updated_at),
    }


def own_card_view(card: Card) -> dict:
    """A card in its author's ack."""
    return {**card_view(card), "mine": True}


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
        "video_url": video_url(video_link(state, workshop_id), workshop_id, group.number),
        "members": [(pid, member_view(breakout, pid)) for pid in breakout.member_ids(group.id)],
        "cards": [(card.participant_id, card_view(card)) for card in breakout.cards_of(group.id)],
        **group_call_view(breakout, group.id),
    }


def group_call_view(breakout: Breakout, group_id: str) -> dict:
    """What a group sees of its calls: the open call, and the facilitator's last answer."""
    call, answer = open_call(breakout, group_id), last_answer(breakout, group_id)
    return {
        "call": call and {"id": call.id, "called_at": ms(call.called_at)},
        "answer": answer and {"text": answer.answer, "at": ms(answer.answered_at)},
    }


def call_view(breakout: Breakout, call: HelpCall) -> dict:
    """A call in the facilitator's queue: the group and the time, never who pressed."""
    group = breakout.groups[call.group_id]
    return {
        "id": call.id,
        "group_id": group.id,
        "group": group.number,
        "group_name": group.name,
        "called_at": ms(call.called_at),
        "answer": call.answer,
        "answered_at": ms(call.answered_at),
    }


def calls_view(breakout: Breakout | None) -> list[dict]:
    """The queue: the open calls, oldest first."""
    if breakout is None:
        return []
    return [call_view(breakout, call) for call in queue(breakout)]


def personal_group_view(shared: dict, participant_id: str) -> dict:
    """The GroupView for one member: ``me`` and ``mine`` set, authors dropped."""
    return {
        **shared,
        "members": [{**member, "me": pid == participant_id} for pid, member in shared["members"]],
        "cards": [{**card, "mine": pid == participant_id} for pid, card in shared["cards"]],
    }


def video_link(state, workshop_id: str) -> str:
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
        "video_url": video_url(video_link(state, workshop_id), workshop_id, group.number),
        "members": [
            {**member_view(breakout, pid), "online": pid in online}
            for pid in breakout.member_ids(group.id)
        ],
        "cards": [
            {**card_view(card), "harvested": card.harvested} for card in breakout.cards_of(group.id)
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
