"""Breakout rounds: forming groups, the round's clock, group boards and private notes.

Plain Python. A ``Breakout`` is one round of one breakout item, held in memory
while it is live; the database keeps the durable record. Who is in which
group, which card belongs to whom and what a note says are decided here; the
realtime layer only asks.
"""

from __future__ import annotations

import dataclasses
import random
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import quote, urlsplit

from .errors import Refusal
from .fields import short_text, whole_number
from .questions import refused_character, tidy_lines

if TYPE_CHECKING:
    from .help_calls import HelpCall

FORMING = "forming"  # groups formed, the presenter may still move people; no clock yet
RUNNING = "running"
ENDED = "ended"

BY_SIZE = "size"
BY_COUNT = "count"
CHOOSE = "choose"
PREVIOUS = "previous"
GROUPING_MODES = (BY_SIZE, BY_COUNT, CHOOSE, PREVIOUS)
# Modes in which people are dealt into groups (and latecomers placed) by the server.
DEALT = frozenset({BY_SIZE, BY_COUNT, PREVIOUS})

MIN_GROUP_SIZE = 2
MAX_GROUP_SIZE = 20
MAX_GROUPS = 100
MIN_NAMED_GROUPS = 2
MAX_NAMED_GROUPS = 20
MAX_GROUP_NAME = 40
MAX_CAPACITY = 100

MIN_PROMPTS = 1
MAX_PROMPTS = 5
MAX_PROMPT = 300
MAX_DURATION = 180
MAX_EXTENSION = 60
MAX_CARD = 500
MAX_CARDS_PER_PERSON = 100
MAX_NOTE = 5000
MAX_MESSAGE = 200
MAX_VIDEO_LINK = 500
MAX_ID = 64
VIDEO_PLACEHOLDERS = ("{workshop}", "{group}")
PLACEHOLDER = re.compile(r"\{[^{}]*\}")


# -- forming groups ------------------------------------------------------------


def balanced(people: int, groups: int) -> list[int]:
    """Sizes of ``groups`` groups for ``people`` people, differing by at most one, larger first."""
    if groups < 1:
        raise ValueError("at least one group")
    base, extra = divmod(people, groups)
    return [base + 1] * extra + [base] * (groups - extra)


def group_count_for_size(people: int, size: int) -> int:
    """How many groups for groups of ``size``: the fewest none of which is larger than ``size``.

    Sizes then differ by at most one, so a facilitator asking for 4s gets 4s and
    3s: 30 people make six groups of 4 and two of 3, 10 people in groups of 3 make
    3, 3, 2, 2 (with few people per group the rest can be smaller still: 17 in
    groups of 8 make 6, 6, 5). Only so that nobody sits alone there are fewer
    groups when the smallest would have one person: 3 people in groups of 2 stay
    one group of 3, 5 make 3 and 2.
    """
    count = max(1, -(-people // size))
    while count > 1 and people // count < 2:
        count -= 1
    return count


def sizes_for(people: int, mode: str, size: int | None = None, count: int | None = None):
    """Group sizes for dealing ``people`` people by size or by number of groups."""
    if mode == BY_SIZE and size is not None:
        return balanced(people, group_count_for_size(people, size))
    if mode == BY_COUNT and count is not None:
        return balanced(people, max(1, min(count, people)))
    raise ValueError(f"{mode} needs its size or count")


def deal(people: Sequence[str], sizes: Sequence[int], rng: random.Random) -> list[list[str]]:
    """Shuffle ``people`` and cut them into groups of ``sizes`` (which add up to their number)."""
    if sum(sizes) != len(people):
        raise ValueError("sizes must add up to the number of people")
    shuffled = list(people)
    rng.shuffle(shuffled)
    groups, start = [], 0
    for size in sizes:
        groups.append(shuffled[start : start + size])
        start += size
    return groups


# -- configuration and payloads ------------------------------------------------


def validate_prompts(raw) -> list[dict]:
    """1–5 prompts (strings or ``{"id"?, "text"}``), each with an id ``p1``, ``p2``, …"""
    if not isinstance(raw, list):
        raise Refusal("invalid_config", field="prompts")
    if not MIN_PROMPTS <= len(raw) <= MAX_PROMPTS:
        raise Refusal("prompt_count", minimum=MIN_PROMPTS, maximum=MAX_PROMPTS, field="prompts[1]")
    prompts, seen_ids, seen_texts = [], set(), set()
    for index, prompt in enumerate(raw, start=1):
        if isinstance(prompt, str):
            prompt = {"text": prompt}
        if not isinstance(prompt, dict):
            raise Refusal("invalid_config", field=f"prompts[{index}]")
        # The authoring form skips empty fields and says where each prompt was typed, so that
        # an error marks the right field (not stored).
        field_number = prompt.get("position", index)
        if not isinstance(field_number, int) or isinstance(field_number, bool):
            field_number = index
        text = short_text(prompt.get("text"), f"prompts[{field_number}]", MAX_PROMPT)
        prompt_id = prompt.get("id", f"p{index}")
        if not isinstance(prompt_id, str) or not 0 < len(prompt_id) <= 32 or prompt_id in seen_ids:
            raise Refusal("invalid_config", field=f"prompts[{index}].id")
        if text.casefold() in seen_texts:
            raise Refusal(
                "duplicate_prompt", position=field_number, field=f"prompts[{field_number}]"
            )
        seen_ids.add(prompt_id)
        seen_texts.add(text.casefold())
        prompts.append({"id": prompt_id, "text": text})
    return prompts


def validate_named_groups(raw) -> list[dict]:
    """2–20 named groups (strings or ``{"name", "capacity"?}``) for people to choose from."""
    if not isinstance(raw, list):
        raise Refusal("invalid_config", field="groups")
    if not MIN_NAMED_GROUPS <= len(raw) <= MAX_NAMED_GROUPS:
        raise Refusal(
            "group_count", minimum=MIN_NAMED_GROUPS, maximum=MAX_NAMED_GROUPS, field="group_names"
        )
    groups, seen = [], set()
    for index, group in enumerate(raw, start=1):
        if isinstance(group, str):
            group = {"name": group}
        if not isinstance(group, dict):
            raise Refusal("invalid_config", field=f"groups[{index}]")
        name = short_text(group.get("name"), "group_names", MAX_GROUP_NAME)
        if name.casefold() in seen:
            raise Refusal("duplicate_group", name=name, field="group_names")
        seen.add(name.casefold())
        capacity = group.get("capacity")
        if capacity is not None:
            capacity = whole_number(capacity, "group_capacity", 1, MAX_CAPACITY)
        groups.append({"name": name, "capacity": capacity})
    return groups


def validate_grouping(raw) -> dict:
    """How groups are formed: by ``size``, by ``count``, ``choose`` a named group, or
    the groups of the ``previous`` breakout (optionally a given ``item_id``)."""
    if not isinstance(raw, dict):
        raise Refusal("invalid_config", field="grouping")
    mode = raw.get("mode")
    if mode not in GROUPING_MODES:
        raise Refusal("invalid_config", field="grouping_mode")
    if mode == BY_SIZE:
        return {
            "mode": mode,
            "size": whole_number(raw.get("size"), "group_size", 2, MAX_GROUP_SIZE),
        }
    if mode == BY_COUNT:
        return {"mode": mode, "count": whole_number(raw.get("count"), "group_count", 1, MAX_GROUPS)}
    if mode == CHOOSE:
        return {"mode": mode, "groups": validate_named_groups(raw.get("groups"))}
    item_id = raw.get("item_id")
    if item_id is None:
        return {"mode": mode}
    if not isinstance(item_id, str) or not 0 < len(item_id) <= MAX_ID:
        raise Refusal("unknown_item")
    return {"mode": mode, "item_id": item_id}


def _free_text(raw, field_name: str, limit: int, required: bool) -> str:
    """Typed text as stored: NFC, trimmed, spaces collapsed, line breaks kept (as questions)."""
    if not isinstance(raw, str):
        raise Refusal("invalid_payload", field=field_name)
    if len(raw) > 4 * limit:
        raise Refusal("text_too_long", limit=limit)
    if any(refused_character(character) for character in raw):
        raise Refusal("invalid_text")
    text = tidy_lines(raw)
    if required and not text:
        raise Refusal("text_required")
    if len(text) > limit:
        raise Refusal("text_too_long", limit=limit)
    return text


def clean_card_text(raw) -> str:
    """A card's text: 1–500 characters, line breaks kept."""
    return _free_text(raw, "text", MAX_CARD, required=True)


def clean_note(raw) -> str:
    """A private note: up to 5,000 characters; empty clears it."""
    return _free_text(raw, "text", MAX_NOTE, required=False)


def clean_message(raw) -> str:
    """The presenter's message to every group: 1–200 characters on one line.

    As cards: control characters and bidi overrides refused, NFC; line breaks become spaces.
    """
    return " ".join(_free_text(raw, "text", MAX_MESSAGE, required=True).split("\n"))


def validate_video_link(raw) -> str:
    """A video-room link template: http(s), only ``{workshop}`` and ``{group}``; "" for none."""
    if raw is None:
        return ""
    if not isinstance(raw, str):
        raise Refusal("invalid_payload", field="video_link")
    template = raw.strip()
    if not template:
        return ""
    if len(template) > MAX_VIDEO_LINK:
        raise Refusal("too_long", field="video_link", limit=MAX_VIDEO_LINK)
    unknown = [p for p in PLACEHOLDER.findall(template) if p not in VIDEO_PLACEHOLDERS]
    if unknown:
        raise Refusal("video_link_placeholder", placeholder=unknown[0])
    example = _filled(template, "w", 1)
    parts = urlsplit(example)
    if (
        parts.scheme not in ("http", "https")
        or not parts.netloc
        or any(c.isspace() for c in example)
    ):
        raise Refusal("video_link_invalid")
    return template


def video_url(template: str, workshop_id: str, group_number: int) -> str | None:
    """The group's video room: the template with ``{workshop}`` and ``{group}`` filled in."""
    if not template:
        return None
    return _filled(template, workshop_id, group_number)


def _filled(template: str, workshop_id: str, group_number: int) -> str:
    return template.replace("{workshop}", quote(workshop_id, safe="")).replace(
        "{group}", str(group_number)
    )


# -- the round's clock ---------------------------------------------------------


@dataclass(frozen=True)
class Round:
    """The state of one breakout round: how it was grouped and its clock (epoch seconds)."""

    item_id: str
    workshop_id: str
    mode: str
    status: str = FORMING
    started_at: float | None = None
    ends_at: float | None = None
    ended_at: float | None = None
    message: str = ""
    message_at: float | None = None

    def replace(self, **changes) -> Round:
        """Return a copy with ``changes`` applied."""
        return dataclasses.replace(self, **changes)

    @property
    def running(self) -> bool:
        """Whether groups are at work now."""
        return self.status == RUNNING


def started(round_: Round, minutes: int, now: float) -> Round:
    """Start the clock of a round whose groups are formed."""
    if round_.status != FORMING:
        raise Refusal("breakout_started")
    return round_.replace(status=RUNNING, started_at=now, ends_at=now + minutes * 60)


def check_formable(round_: Round | None) -> None:
    """Groups can be formed (again) until the round's clock starts."""
    if round_ is not None and round_.status != FORMING:
        raise Refusal("breakout_started")


def extended(round_: Round, minutes, now: float) -> Round:
    """Give the round ``minutes`` more; an ended round resumes, an overrun one counts from now."""
    if round_.status == FORMING:
        raise Refusal("breakout_not_running")
    minutes = whole_number(minutes, "extension", 1, MAX_EXTENSION)
    base = max(round_.ends_at, now) if round_.running and round_.ends_at is not None else now
    return round_.replace(status=RUNNING, ends_at=base + minutes * 60, ended_at=None)


def ended(round_: Round, now: float) -> Round:
    """Call everyone back to the plenary."""
    if not round_.running:
        raise Refusal("breakout_not_running")
    return round_.replace(status=ENDED, ended_at=now)


def with_message(round_: Round, text, now: float) -> Round:
    """The presenter's message to all groups ("5 minutes left"), replacing the last one."""
    if not round_.running:
        raise Refusal("breakout_not_running")
    return round_.replace(message=clean_message(text), message_at=now)


# -- groups, members, cards ----------------------------------------------------


@dataclass(frozen=True)
class Group:
    """A breakout group: numbered, named when people chose it, with an optional capacity."""

    id: str
    item_id: str
    number: int
    name: str = ""
    capacity: int | None = None


@dataclass(frozen=True)
class Card:
    """A card on a group's board, under one prompt; the author is never shown to others."""

    id: str
    item_id: str
    group_id: str
    participant_id: str
    prompt_id: str
    text: str
    created_at: float
    updated_at: float
    client_id: str | None = None
    harvested: bool = False

    def replace(self, **changes) -> Card:
        """Return a copy with ``changes`` applied."""
        return dataclasses.replace(self, **changes)


@dataclass(frozen=True)
class Person:
    """How a member is shown: their display name, or "participant <number>"."""

    number: int
    display_name: str = ""


@dataclass
class Breakout:
    """One round of a breakout item in memory: groups, who is where, the cards."""

    round: Round
    prompts: list[dict]
    groups: dict[str, Group]
    members: dict[str, str] = field(default_factory=dict)  # participant id -> group id
    cards: dict[str, Card] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    by_client_id: dict[tuple[str, str], str] = field(default_factory=dict)
    calls: dict[str, HelpCall] = field(default_factory=dict)  # the groups' calls for help
    # Indexes over ``cards``, kept by add/update/remove: views and the quota are per group
    # and per person, and scanning every card of the round per card would grow quadratically.
    by_group: dict[str, dict[str, Card]] = field(default_factory=dict, repr=False)
    per_person: dict[str, int] = field(default_factory=dict, repr=False)

    def __post_init__(self):
        cards, self.cards = self.cards, {}
        for card in cards.values():
            self.add(card)

    @property
    def item_id(self) -> str:
        """The breakout item this round belongs to."""
        return self.round.item_id

    @property
    def dealt(self) -> bool:
        """Whether the server places people (random or previous groups) rather than they choose."""
        return self.round.mode in DEALT

    def ordered_groups(self) -> list[Group]:
        """Groups by number."""
        return sorted(self.groups.values(), key=lambda group: group.number)

    def group(self, group_id) -> Group:
        """The group with ``group_id`` in this round, or ``unknown_group``."""
        group = self.groups.get(group_id) if isinstance(group_id, str) else None
        if group is None:
            raise Refusal("unknown_group")
        return group

    def group_of(self, participant_id: str) -> Group | None:
        """The participant's group, None while they have none."""
        group_id = self.members.get(participant_id)
        return self.groups.get(group_id) if group_id else None

    def member_ids(self, group_id: str) -> list[str]:
        """The group's members, by participant number."""
        ids = [pid for pid, gid in self.members.items() if gid == group_id]
        return sorted(ids, key=lambda pid: self.people.get(pid, Person(0)).number)

    def sizes(self) -> dict[str, int]:
        """How many members each group has."""
        sizes = dict.fromkeys(self.groups, 0)
        for group_id in self.members.values():
            sizes[group_id] = sizes.get(group_id, 0) + 1
        return sizes

    def number_of(self, participant_number) -> str:
        """The participant id behind a participant number, or ``unknown_participant``."""
        for participant_id, person in self.people.items():
            if person.number == participant_number and not isinstance(participant_number, bool):
                return participant_id
        raise Refusal("unknown_participant")

    def smallest_group(self) -> Group:
        """Where a latecomer goes: the group with the fewest members, the lowest number first."""
        sizes = self.sizes()
        return min(self.ordered_groups(), key=lambda group: (sizes[group.id], group.number))

    def check_room(self, group: Group, participant_id: str) -> None:
        """Refuse to add someone to a full group (moving within it is fine)."""
        if self.members.get(participant_id) == group.id or group.capacity is None:
            return
        if self.sizes()[group.id] >= group.capacity:
            raise Refusal("group_full", name=group.name or str(group.number))

    def place(self, participant_id: str, group: Group) -> bool:
        """Put the participant into ``group``; return whether anything changed."""
        if self.members.get(participant_id) == group.id:
            return False
        self.members[participant_id] = group.id
        return True

    def prompt_ids(self) -> list[str]:
        """The ids of the round's prompts, in order."""
        return [prompt["id"] for prompt in self.prompts]

    def check_prompt(self, prompt_id) -> str:
        """A prompt id of this breakout, or ``unknown_prompt``."""
        if prompt_id not in self.prompt_ids():
            raise Refusal("unknown_prompt")
        return prompt_id

    def cards_of(self, group_id: str) -> list[Card]:
        """A group's cards, oldest first."""
        cards = self.by_group.get(group_id, {}).values()
        return sorted(cards, key=lambda card: (card.created_at, card.id))

    def writable_group(self, participant_id: str) -> Group:
        """The group whose board the participant may write to, or ``no_group``."""
        group = self.group_of(participant_id)
        if group is None:
            raise Refusal("no_group")
        return group

    def check_card_quota(self, participant_id: str) -> None:
        """At most ``MAX_CARDS_PER_PERSON`` cards per person and round."""
        if self.per_person.get(participant_id, 0) >= MAX_CARDS_PER_PERSON:
            raise Refusal("too_many_cards", limit=MAX_CARDS_PER_PERSON)

    def replayed(self, participant_id: str, client_id: str | None) -> Card | None:
        """The card this participant already stored under ``client_id`` (a resend), if any."""
        if client_id is None:
            return None
        card_id = self.by_client_id.get((participant_id, client_id))
        return self.cards.get(card_id) if card_id else None

    def own_card(self, card_id, participant_id: str) -> Card:
        """A card the participant may change: their own, on their group's board.

        Cards of other groups are ``unknown_card`` (they do not exist for this
        participant); other members' cards are ``not_your_card``.
        """
        card = self.cards.get(card_id) if isinstance(card_id, str) else None
        if card is None or card.group_id != self.members.get(participant_id):
            raise Refusal("unknown_card")
        if card.participant_id != participant_id:
            raise Refusal("not_your_card")
        return card

    def card(self, card_id) -> Card:
        """Any card of this round (for the presenter), or ``unknown_card``."""
        card = self.cards.get(card_id) if isinstance(card_id, str) else None
        if card is None:
            raise Refusal("unknown_card")
        return card

    def add(self, card: Card) -> None:
        """Keep a new card."""
        self.cards[card.id] = card
        self.by_group.setdefault(card.group_id, {})[card.id] = card
        self.per_person[card.participant_id] = self.per_person.get(card.participant_id, 0) + 1
        if card.client_id:
            self.by_client_id[(card.participant_id, card.client_id)] = card.id

    def update(self, card: Card) -> None:
        """Keep a changed card (new text, harvested); it stays on its group's board."""
        self.cards[card.id] = card
        self.by_group[card.group_id][card.id] = card

    def remove(self, card_id: str) -> Card | None:
        """Forget a card; return it."""
        card = self.cards.pop(card_id, None)
        if card is None:
            return None
        del self.by_group[card.group_id][card.id]
        self.per_person[card.participant_id] -= 1
        if card.client_id:
            self.by_client_id.pop((card.participant_id, card.client_id), None)
        return card

    def harvest(self) -> list[Card]:
        """Cards the presenter picked for the big screen, by prompt, then group, then age."""
        order = {prompt_id: index for index, prompt_id in enumerate(self.prompt_ids())}
        numbers = {group.id: group.number for group in self.groups.values()}
        picked = [card for card in self.cards.values() if card.harvested]
        return sorted(
            picked,
            key=lambda c: (order.get(c.prompt_id, 99), numbers.get(c.group_id, 0), c.created_at),
        )


def form_groups(
    item_id: str,
    grouping: dict,
    online: Iterable[str],
    previous: Breakout | None,
    new_id,
    rng: random.Random,
) -> tuple[list[Group], dict[str, str]]:
    """The groups of a new round and who starts in which (participant id -> group id).

    ``online``: who is connected now. Random modes deal them; ``choose``
    creates the named groups empty; ``previous`` copies an earlier round's
    groups and members, and deals newcomers into the smallest groups.
    """
    online = sorted(set(online))
    mode = grouping["mode"]
    if mode == CHOOSE:
        groups = [
            Group(new_id(), item_id, number, named["name"], named["capacity"])
            for number, named in enumerate(grouping["groups"], start=1)
        ]
        return groups, {}
    if mode == PREVIOUS:
        if previous is None:
            raise Refusal("no_previous_groups")
        copies = {
            old.id: Group(new_id(), item_id, old.number, old.name, old.capacity)
            for old in previous.ordered_groups()
        }
        members = {pid: copies[gid].id for pid, gid in previous.members.items() if gid in copies}
        copied = Breakout(
            previous.round, previous.prompts, {g.id: g for g in copies.values()}, members
        )
        newcomers = [pid for pid in online if pid not in members]
        rng.shuffle(newcomers)
        for pid in newcomers:
            copied.members[pid] = copied.smallest_group().id
        return list(copies.values()), copied.members
    if not online:
        raise Refusal("nobody_online")
    sizes = sizes_for(len(online), mode, grouping.get("size"), grouping.get("count"))
    groups = [Group(new_id(), item_id, number) for number in range(1, len(sizes) + 1)]
    members = {}
    for group, people in zip(groups, deal(online, sizes, rng), strict=True):
        for pid in people:
            members[pid] = group.id
    return groups, members
