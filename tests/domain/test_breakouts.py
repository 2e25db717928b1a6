"""Tests for breakout rounds' domain: forming groups, the clock, text rules, boards, harvest."""

import itertools
import json
import random
from pathlib import Path

import pytest

from facilitation.domain.breakouts import (
    BY_COUNT,
    BY_SIZE,
    CHOOSE,
    ENDED,
    FORMING,
    MAX_CARD,
    MAX_CARDS_PER_PERSON,
    MAX_MESSAGE,
    MAX_NOTE,
    PREVIOUS,
    RUNNING,
    Breakout,
    Card,
    Group,
    Person,
    Round,
    balanced,
    check_formable,
    clean_card_text,
    clean_message,
    clean_note,
    deal,
    ended,
    extended,
    form_groups,
    sizes_for,
    started,
    validate_grouping,
    validate_named_groups,
    validate_prompts,
    validate_video_link,
    video_url,
    with_message,
)
from facilitation.domain.errors import Refusal
from facilitation.messages import MESSAGES

PROMPTS = [{"id": "why", "text": "Why?"}, {"id": "how", "text": "How?"}]


def refusal_of(call, *args, **kwargs) -> Refusal:
    """The Refusal raised by ``call``."""
    with pytest.raises(Refusal) as refusal:
        call(*args, **kwargs)
    return refusal.value


def assert_refused(refusal: Refusal, code: str, params: dict) -> None:
    """``refusal`` has ``code``, a translated message, and (at least) ``params``."""
    assert refusal.code == code, refusal
    assert params.items() <= refusal.params.items(), refusal
    assert code in MESSAGES


def ids():
    """A ``new_id`` that counts: n1, n2, …"""
    counter = itertools.count(1)
    return lambda: f"n{next(counter)}"


def a_round(status=RUNNING, mode=BY_COUNT, **fields) -> Round:
    return Round("i1", "w1", mode, status, **fields)


def a_breakout(sizes=(2, 2), status=RUNNING, mode=BY_COUNT, names=(), capacities=()) -> Breakout:
    """Groups numbered 1… whose ids sort the other way round (``g9`` is number 1).

    Members ``p1``… are dealt in order, e.g. sizes (2, 2): p1, p2 in number 1, p3, p4 in 2.
    """
    groups = [
        Group(
            f"g{9 - index}",
            "i1",
            index + 1,
            names[index] if index < len(names) else "",
            capacities[index] if index < len(capacities) else None,
        )
        for index in range(len(sizes))
    ]
    members, people, number = {}, {}, 0
    for group, size in zip(groups, sizes, strict=True):
        for _ in range(size):
            number += 1
            members[f"p{number}"] = group.id
            people[f"p{number}"] = Person(number)
    return Breakout(
        a_round(status, mode), PROMPTS, {g.id: g for g in groups}, members, people=people
    )


def card(cid, group_id, participant_id, prompt_id="why", created_at=1.0, **fields) -> Card:
    return Card(
        cid, "i1", group_id, participant_id, prompt_id, "Text", created_at, created_at, **fields
    )


def expected_sizes(people: int, groups: int) -> list[int]:
    """``people`` split into ``groups`` groups as evenly as possible, larger first."""
    return sorted(
        (people // groups + (1 if index < people % groups else 0) for index in range(groups)),
        reverse=True,
    )


# -- forming groups ------------------------------------------------------------


@pytest.mark.parametrize("people", range(1, 61))
def test_groups_by_size_have_the_asked_size_where_possible_and_the_rest_one_smaller(people):
    for size in range(2, 9):
        sizes = sizes_for(people, BY_SIZE, size=size)

        assert sum(sizes) == people
        assert sizes == sorted(sizes, reverse=True)
        assert max(sizes) - min(sizes) <= 1
        if people >= 2:
            assert min(sizes) >= 2, f"someone alone: {people} people, size {size}: {sizes}"
        fewest = -(-people // size)  # the fewest groups none of which is larger than size
        if people // fewest >= 2 or people < 2:
            assert len(sizes) == fewest, (people, size, sizes)
            assert max(sizes) <= size, (people, size, sizes)
        else:
            # Fewer groups than that only when the smallest would have one person.
            assert len(sizes) == fewest - 1, (people, size, sizes)


@pytest.mark.parametrize("people", range(1, 61))
def test_groups_by_count_are_balanced_with_at_most_one_group_per_person(people):
    for count in range(1, 13):
        sizes = sizes_for(people, BY_COUNT, count=count)

        assert sum(sizes) == people
        assert max(sizes) - min(sizes) <= 1
        assert len(sizes) == min(count, people)
        assert min(sizes) >= 1


GROUP_SIZES = json.loads((Path(__file__).parents[1] / "cases" / "group_sizes.json").read_text())


def case_id(case) -> str:
    """``30-by-size-4``: people, mode, and the size or count asked for."""
    return f"{case['people']}-by-{case['mode']}-{case.get('size', case.get('count'))}"


@pytest.mark.parametrize("case", GROUP_SIZES["cases"], ids=case_id)
def test_group_sizes_examples(case):
    """The examples the page's preview is tested against too (tests/js/breakout_sizes.test.mjs)."""
    mode = {"size": BY_SIZE, "count": BY_COUNT}[case["mode"]]
    dealt = sizes_for(case["people"], mode, size=case.get("size"), count=case.get("count"))
    assert dealt == case["sizes"]


def test_the_group_size_examples_cover_both_modes():
    modes = [case["mode"] for case in GROUP_SIZES["cases"]]
    assert modes.count("size") >= 13
    assert modes.count("count") >= 1


def test_balanced_sizes_put_the_larger_groups_first():
    assert balanced(7, 3) == [3, 2, 2]
    assert balanced(8, 3) == [3, 3, 2]
    assert balanced(0, 2) == [0, 0]
    with pytest.raises(ValueError):
        balanced(5, 0)
    with pytest.raises(ValueError):
        sizes_for(5, CHOOSE)


def test_deal_puts_everyone_into_exactly_one_group_of_the_asked_sizes():
    people = [f"p{n}" for n in range(1, 12)]
    groups = deal(people, [4, 4, 3], random.Random(7))

    assert [len(group) for group in groups] == [4, 4, 3]
    everyone = [person for group in groups for person in group]
    assert sorted(everyone) == sorted(people)
    assert len(set(everyone)) == len(people)
    assert people == [f"p{n}" for n in range(1, 12)], "the caller's list is left alone"


def test_deal_is_a_shuffle_that_a_seeded_random_repeats():
    people = [f"p{n}" for n in range(1, 13)]
    first = deal(people, [3, 3, 3, 3], random.Random(42))

    assert deal(people, [3, 3, 3, 3], random.Random(42)) == first
    outcomes = {
        tuple(map(tuple, deal(people, [3, 3, 3, 3], random.Random(seed)))) for seed in range(20)
    }
    assert len(outcomes) > 10
    in_order = tuple(tuple(people[i : i + 3]) for i in range(0, 12, 3))
    # Not simply cut in the order given.
    assert any(outcome != in_order for outcome in outcomes)


def test_deal_refuses_sizes_that_do_not_add_up():
    with pytest.raises(ValueError):
        deal(["a", "b", "c"], [2, 2], random.Random(1))
    with pytest.raises(ValueError):
        deal(["a", "b", "c"], [2], random.Random(1))


@pytest.mark.parametrize(
    ("grouping", "sizes"),
    [
        ({"mode": BY_COUNT, "count": 3}, [3, 2, 2]),
        ({"mode": BY_SIZE, "size": 3}, [3, 2, 2]),
        ({"mode": BY_COUNT, "count": 20}, [1] * 7),
    ],
)
def test_forming_random_groups_deals_everyone_online_once(grouping, sizes):
    online = ["p3", "p1", "p2", "p1", "p4", "p5", "p6", "p7", "p7"]
    groups, members = form_groups("i1", grouping, online, None, ids(), random.Random(3))

    assert [group.number for group in groups] == list(range(1, len(sizes) + 1))
    assert {group.item_id for group in groups} == {"i1"}
    assert len({group.id for group in groups}) == len(groups)
    assert sorted(members) == [f"p{n}" for n in range(1, 8)]
    by_group = [sum(1 for gid in members.values() if gid == group.id) for group in groups]
    assert by_group == sizes


@pytest.mark.parametrize("grouping", [{"mode": BY_SIZE, "size": 4}, {"mode": BY_COUNT, "count": 2}])
def test_dealing_nobody_is_refused(grouping):
    refusal = refusal_of(form_groups, "i1", grouping, [], None, ids(), random.Random(1))
    assert refusal.code == "nobody_online"


def test_forming_chosen_groups_creates_the_named_groups_empty():
    grouping = validate_grouping(
        {"mode": CHOOSE, "groups": ["Red", {"name": "Blue", "capacity": 3}]}
    )
    groups, members = form_groups("i1", grouping, ["p1", "p2"], None, ids(), random.Random(1))

    assert [(g.number, g.name, g.capacity) for g in groups] == [(1, "Red", None), (2, "Blue", 3)]
    assert members == {}
    # Nobody needs to be online to offer groups to choose from.
    assert form_groups("i1", grouping, [], None, ids(), random.Random(1))[1] == {}


def test_previous_groups_are_copied_with_their_members_and_newcomers_fill_the_smallest():
    before = a_breakout((3, 1, 2), status=ENDED, names=("Red", "Blue", "Green"), capacities=(3,))
    before_members = dict(before.members)
    # p1 … p3 in Red (number 1), p4 in Blue (2), p5, p6 in Green (3); p2 and p5 are offline now.
    online = ["p1", "p3", "p4", "p6", "new1", "new2", "new3"]
    groups, members = form_groups("i2", {"mode": PREVIOUS}, online, before, ids(), random.Random(5))

    assert [(g.number, g.name, g.capacity, g.item_id) for g in groups] == [
        (1, "Red", 3, "i2"),
        (2, "Blue", None, "i2"),
        (3, "Green", None, "i2"),
    ]
    assert not {g.id for g in groups} & set(before.groups), "the new round has its own groups"
    number = {g.id: g.number for g in groups}
    assert {pid: number[gid] for pid, gid in members.items() if not pid.startswith("new")} == {
        "p1": 1,
        "p2": 1,
        "p3": 1,
        "p4": 2,
        "p5": 3,
        "p6": 3,
    }
    # Blue (1) gets the first newcomer, then Blue and Green (2 each) one more each: 3, 3, 3.
    sizes = [sum(1 for gid in members.values() if number[gid] == n) for n in (1, 2, 3)]
    assert sizes == [3, 3, 3]
    assert before.members == before_members, "the earlier round is left as it was"


def test_previous_groups_need_an_earlier_round():
    refusal = refusal_of(
        form_groups, "i2", {"mode": PREVIOUS}, ["p1"], None, ids(), random.Random()
    )
    assert refusal.code == "no_previous_groups"


# -- latecomers, moves, choosing -----------------------------------------------


def test_latecomers_go_to_the_smallest_group_lowest_number_on_a_tie():
    breakout = a_breakout((3, 2, 2))
    numbers = []
    for n in range(1, 5):
        group = breakout.smallest_group()
        numbers.append(group.number)
        breakout.place(f"late{n}", group)

    assert numbers == [2, 3, 1, 2]
    assert sorted(breakout.sizes().values()) == [3, 4, 4]


def test_only_dealt_rounds_place_people_themselves():
    assert a_breakout(mode=BY_SIZE).dealt
    assert a_breakout(mode=BY_COUNT).dealt
    assert a_breakout(mode=PREVIOUS).dealt
    assert not a_breakout(mode=CHOOSE).dealt


def test_moving_someone_changes_only_their_group():
    breakout = a_breakout((2, 2))
    one, two = breakout.ordered_groups()

    assert breakout.place("p1", two) is True
    assert breakout.group_of("p1") == two
    assert breakout.member_ids(two.id) == ["p1", "p3", "p4"]
    assert breakout.member_ids(one.id) == ["p2"]
    assert breakout.place("p1", two) is False
    assert breakout.group_of("nobody") is None


def test_a_full_group_takes_nobody_else_but_its_members_may_stay():
    breakout = a_breakout((2, 1, 0), mode=CHOOSE, names=("Red", "Blue", ""), capacities=(2, 1))
    red, blue, third = breakout.ordered_groups()

    breakout.check_room(red, "p1")  # already in it
    full = refusal_of(breakout.check_room, red, "p3")
    assert (full.code, full.params) == ("group_full", {"name": "Red"})
    assert refusal_of(breakout.check_room, blue, "p1").params == {"name": "Blue"}
    breakout.check_room(third, "p1")  # no capacity
    numbered = a_breakout((1, 1), mode=CHOOSE, capacities=(None, 1))
    assert refusal_of(numbered.check_room, numbered.ordered_groups()[1], "p1").params == {
        "name": "2"
    }

    breakout.place("p3", third)
    breakout.check_room(blue, "p1")  # Blue has room again
    assert "group_full" in MESSAGES


def test_groups_and_people_are_looked_up_strictly():
    breakout = a_breakout((2, 2))

    assert breakout.group("g9").number == 1
    for odd in ["nope", None, 9, ["g9"]]:
        assert refusal_of(breakout.group, odd).code == "unknown_group"
    assert breakout.number_of(3) == "p3"
    for odd in [0, 5, True, "3", None]:
        assert refusal_of(breakout.number_of, odd).code == "unknown_participant"
    assert refusal_of(breakout.writable_group, "stranger").code == "no_group"
    assert breakout.writable_group("p3").number == 2
    assert breakout.check_prompt("how") == "how"
    for odd in ["p1", "", None, 1]:
        assert refusal_of(breakout.check_prompt, odd).code == "unknown_prompt"


# -- the clock -----------------------------------------------------------------


def test_starting_sets_the_clock_once():
    running = started(a_round(FORMING), 10, 1000.0)

    assert (running.status, running.started_at, running.ends_at) == (RUNNING, 1000.0, 1600.0)
    assert refusal_of(started, running, 10, 1100.0).code == "breakout_started"
    assert refusal_of(started, ended(running, 1200.0), 10, 1300.0).code == "breakout_started"


def test_extending_a_running_round_adds_to_its_end():
    running = started(a_round(FORMING), 10, 1000.0)

    assert extended(running, 5, 1100.0).ends_at == 1900.0
    assert extended(running, "5", 1100.0).ends_at == 1900.0
    assert extended(running, 60, 1100.0).ends_at == 1600.0 + 3600


def test_extending_an_overrun_round_counts_from_now():
    running = started(a_round(FORMING), 10, 1000.0)
    later = extended(running, 3, 2000.0)  # time was up at 1600

    assert (later.status, later.ends_at, later.started_at) == (RUNNING, 2180.0, 1000.0)


def test_extending_an_ended_round_resumes_it():
    over = ended(started(a_round(FORMING), 10, 1000.0), 1300.0)
    assert (over.status, over.ended_at, over.ends_at) == (ENDED, 1300.0, 1600.0)

    resumed = extended(over, 2, 1400.0)
    assert (resumed.status, resumed.ends_at, resumed.ended_at) == (RUNNING, 1520.0, None)
    assert resumed.started_at == 1000.0


@pytest.mark.parametrize("minutes", [0, 61, -1, 1.5, True, "x", "", None, "٣", [5]])
def test_extensions_are_whole_minutes_from_1_to_60(minutes):
    running = started(a_round(FORMING), 10, 1000.0)
    refusal = refusal_of(extended, running, minutes, 1100.0)
    assert (refusal.code, refusal.params) == (
        "out_of_range",
        {"field": "extension", "minimum": 1, "maximum": 60},
    )


def test_a_round_that_is_only_forming_cannot_be_extended_ended_or_messaged():
    forming = a_round(FORMING)

    assert refusal_of(extended, forming, 5, 1.0).code == "breakout_not_running"
    assert refusal_of(ended, forming, 1.0).code == "breakout_not_running"
    assert refusal_of(with_message, forming, "Hi", 1.0).code == "breakout_not_running"
    check_formable(None)
    check_formable(forming)
    assert refusal_of(check_formable, a_round(RUNNING)).code == "breakout_started"
    assert refusal_of(check_formable, a_round(ENDED)).code == "breakout_started"


def test_an_ended_round_cannot_end_again_or_get_messages():
    over = ended(started(a_round(FORMING), 10, 1000.0), 1300.0)

    assert refusal_of(ended, over, 1400.0).code == "breakout_not_running"
    assert refusal_of(with_message, over, "Hi", 1400.0).code == "breakout_not_running"


def test_a_message_replaces_the_last_one():
    running = started(a_round(FORMING), 10, 1000.0)
    first = with_message(running, "  5 minutes   left ", 1200.0)
    second = with_message(first, "Wrap up", 1300.0)

    assert (first.message, first.message_at) == ("5 minutes left", 1200.0)
    assert (second.message, second.message_at) == ("Wrap up", 1300.0)
    assert refusal_of(with_message, running, "   ", 1.0).code == "text_required"
    assert second.ends_at == running.ends_at


# -- text rules ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("  What   went well? ", "What went well?"),
        ("First\nsecond", "First\nsecond"),
        ("One\r\n\r\n\r\nTwo\rThree", "One\nTwo\nThree"),
        ("Tabs\tand  spaces \t here", "Tabs and spaces here"),
        ("Ma\u0308dchen", "Mädchen"),
        ("Team 👩\u200d💻 rocks", "Team 👩\u200d💻 rocks"),
    ],
)
def test_cards_and_notes_are_tidied_keeping_line_breaks(raw, clean):
    assert clean_card_text(raw) == clean
    assert clean_note(raw) == clean


def test_card_and_note_limits_count_characters_after_tidying():
    assert clean_card_text("x" * MAX_CARD) == "x" * MAX_CARD
    assert clean_card_text("  " + "x" * MAX_CARD + "  ") == "x" * MAX_CARD
    assert len(clean_card_text("a\u0308" * MAX_CARD)) == MAX_CARD
    too_long = refusal_of(clean_card_text, "x" * (MAX_CARD + 1))
    assert (too_long.code, too_long.params) == ("text_too_long", {"limit": 500})
    assert refusal_of(clean_card_text, "x" * 1_000_000).code == "text_too_long"

    assert clean_note("x" * MAX_NOTE) == "x" * MAX_NOTE
    assert refusal_of(clean_note, "x" * (MAX_NOTE + 1)).params == {"limit": 5000}
    assert refusal_of(clean_note, "x" * 1_000_000).code == "text_too_long"


@pytest.mark.parametrize("raw", ["", "   ", "\n\n", " \t \r\n "])
def test_a_card_needs_text_but_an_empty_note_clears_it(raw):
    assert refusal_of(clean_card_text, raw).code == "text_required"
    assert clean_note(raw) == ""


@pytest.mark.parametrize(
    "raw", ["Bell\x07", "Nul\x00", "Esc\x1b[31m", "\x1c", "evil\u202egnp", "a\u2066b", "\ud800"]
)
def test_control_characters_and_bidi_overrides_are_refused(raw):
    assert refusal_of(clean_card_text, raw).code == "invalid_text"
    assert refusal_of(clean_note, raw).code == "invalid_text"
    assert refusal_of(clean_message, raw).code == "invalid_text"


@pytest.mark.parametrize("raw", [None, 42, True, ["text"], {"text": "x"}])
def test_text_that_is_not_a_string_is_an_invalid_payload(raw):
    for clean in (clean_card_text, clean_note, clean_message):
        refusal = refusal_of(clean, raw)
        assert (refusal.code, refusal.params) == ("invalid_payload", {"field": "text"})


def test_the_presenters_message_is_one_short_line():
    assert clean_message(" 5 minutes\nleft ") == "5 minutes left"
    assert clean_message("Ma\u0308dchen") == "Mädchen"
    assert clean_message("x" * MAX_MESSAGE) == "x" * MAX_MESSAGE
    too_long = refusal_of(clean_message, "x" * (MAX_MESSAGE + 1))
    assert (too_long.code, too_long.params) == ("text_too_long", {"limit": 200})
    assert refusal_of(clean_message, " \n ").code == "text_required"


# -- configuration -------------------------------------------------------------


def test_prompts_get_ids_by_position_unless_they_bring_their_own():
    assert validate_prompts(["  What   went well? ", {"text": "What next?"}]) == [
        {"id": "p1", "text": "What went well?"},
        {"id": "p2", "text": "What next?"},
    ]
    assert validate_prompts([{"id": "why", "text": "Why?"}]) == [{"id": "why", "text": "Why?"}]
    assert len(validate_prompts(["A", "B", "C", "D", "E"])) == 5
    assert validate_prompts(["x" * 300])[0]["text"] == "x" * 300


@pytest.mark.parametrize(
    ("raw", "code", "params"),
    [
        (None, "invalid_config", {"field": "prompts"}),
        ("Why?", "invalid_config", {"field": "prompts"}),
        ({"text": "Why?"}, "invalid_config", {"field": "prompts"}),
        ([], "prompt_count", {"minimum": 1, "maximum": 5}),
        (["A", "B", "C", "D", "E", "F"], "prompt_count", {"minimum": 1, "maximum": 5}),
        (["A", 7], "invalid_config", {"field": "prompts[2]"}),
        (["A", None], "invalid_config", {"field": "prompts[2]"}),
        (["   "], "field_required", {"field": "prompts[1]"}),
        ([{"id": "x"}], "invalid_config", {"field": "prompts[1]"}),
        ([{"text": 5}], "invalid_config", {"field": "prompts[1]"}),
        (["x" * 301], "too_long", {"field": "prompts[1]", "limit": 300}),
        ([{"id": "", "text": "A"}], "invalid_config", {"field": "prompts[1].id"}),
        ([{"id": 3, "text": "A"}], "invalid_config", {"field": "prompts[1].id"}),
        ([{"id": "x" * 33, "text": "A"}], "invalid_config", {"field": "prompts[1].id"}),
        (
            [{"id": "a", "text": "A"}, {"id": "a", "text": "B"}],
            "invalid_config",
            {"field": "prompts[2].id"},
        ),
        (["Why?", "  why? "], "duplicate_prompt", {"position": 2}),
        (["What  now?", "What now?"], "duplicate_prompt", {"position": 2}),
    ],
)
def test_prompts_are_refused_with_a_clear_code(raw, code, params):
    assert_refused(refusal_of(validate_prompts, raw), code, params)


def test_named_groups_with_optional_capacities():
    assert validate_named_groups([" Red  team ", {"name": "Blue", "capacity": "4"}]) == [
        {"name": "Red team", "capacity": None},
        {"name": "Blue", "capacity": 4},
    ]
    assert len(validate_named_groups([f"G{n}" for n in range(20)])) == 20
    assert validate_named_groups(["x" * 40, {"name": "B", "capacity": 100}])[1]["capacity"] == 100


@pytest.mark.parametrize(
    ("raw", "code", "params"),
    [
        (None, "invalid_config", {"field": "groups"}),
        ("Red, Blue", "invalid_config", {"field": "groups"}),
        (["Red"], "group_count", {"minimum": 2, "maximum": 20}),
        ([f"G{n}" for n in range(21)], "group_count", {"minimum": 2, "maximum": 20}),
        (["Red", 3], "invalid_config", {"field": "groups[2]"}),
        (["Red", "  "], "field_required", {"field": "group_names"}),
        (["Red", {"capacity": 2}], "invalid_config", {"field": "group_names"}),
        (["Red", "x" * 41], "too_long", {"field": "group_names", "limit": 40}),
        (["Red", "red "], "duplicate_group", {"name": "red"}),
        (
            ["Red", {"name": "Blue", "capacity": 0}],
            "out_of_range",
            {"field": "group_capacity", "minimum": 1, "maximum": 100},
        ),
        (
            ["Red", {"name": "Blue", "capacity": 101}],
            "out_of_range",
            {"field": "group_capacity", "minimum": 1, "maximum": 100},
        ),
        (
            ["Red", {"name": "Blue", "capacity": True}],
            "out_of_range",
            {"field": "group_capacity", "minimum": 1, "maximum": 100},
        ),
        (
            ["Red", {"name": "Blue", "capacity": "²"}],
            "out_of_range",
            {"field": "group_capacity", "minimum": 1, "maximum": 100},
        ),
    ],
)
def test_named_groups_are_refused_with_a_clear_code(raw, code, params):
    assert_refused(refusal_of(validate_named_groups, raw), code, params)


def test_groupings_are_normalised():
    assert validate_grouping({"mode": "size", "size": "3", "extra": 1}) == {
        "mode": "size",
        "size": 3,
    }
    assert validate_grouping({"mode": "size", "size": 20})["size"] == 20
    assert validate_grouping({"mode": "count", "count": 1}) == {"mode": "count", "count": 1}
    assert validate_grouping({"mode": "count", "count": 100})["count"] == 100
    assert validate_grouping({"mode": "choose", "groups": ["A", "B"]})["groups"][1] == {
        "name": "B",
        "capacity": None,
    }
    assert validate_grouping({"mode": "previous"}) == {"mode": "previous"}
    assert validate_grouping({"mode": "previous", "item_id": None}) == {"mode": "previous"}
    assert validate_grouping({"mode": "previous", "item_id": "i1"}) == {
        "mode": "previous",
        "item_id": "i1",
    }


def size_range(field, minimum, maximum):
    return ("out_of_range", {"field": field, "minimum": minimum, "maximum": maximum})


@pytest.mark.parametrize(
    ("raw", "refusal"),
    [
        (None, ("invalid_config", {"field": "grouping"})),
        ("size", ("invalid_config", {"field": "grouping"})),
        ({}, ("invalid_config", {"field": "grouping_mode"})),
        ({"mode": "random"}, ("invalid_config", {"field": "grouping_mode"})),
        ({"mode": "Size", "size": 3}, ("invalid_config", {"field": "grouping_mode"})),
        ({"mode": "size"}, size_range("group_size", 2, 20)),
        ({"mode": "size", "size": 1}, size_range("group_size", 2, 20)),
        ({"mode": "size", "size": 21}, size_range("group_size", 2, 20)),
        ({"mode": "size", "size": 3.0}, size_range("group_size", 2, 20)),
        ({"mode": "size", "size": True}, size_range("group_size", 2, 20)),
        ({"mode": "size", "size": "3x"}, size_range("group_size", 2, 20)),
        ({"mode": "size", "size": "-3"}, size_range("group_size", 2, 20)),
        ({"mode": "count", "count": 0}, size_range("group_count", 1, 100)),
        ({"mode": "count", "count": 101}, size_range("group_count", 1, 100)),
        ({"mode": "count", "size": 3}, size_range("group_count", 1, 100)),
        ({"mode": "choose"}, ("invalid_config", {"field": "groups"})),
        ({"mode": "choose", "groups": ["A"]}, ("group_count", {"minimum": 2, "maximum": 20})),
        ({"mode": "previous", "item_id": 5}, ("unknown_item", {})),
        ({"mode": "previous", "item_id": ""}, ("unknown_item", {})),
        ({"mode": "previous", "item_id": "x" * 65}, ("unknown_item", {})),
    ],
)
def test_groupings_are_refused_with_a_clear_code(raw, refusal):
    assert_refused(refusal_of(validate_grouping, raw), *refusal)


# -- video links ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        (None, ""),
        ("", ""),
        ("   ", ""),
        (
            " https://meet.example.org/kaizen-{workshop}-{group} ",
            "https://meet.example.org/kaizen-{workshop}-{group}",
        ),
        ("http://10.0.0.1:8080/room", "http://10.0.0.1:8080/room"),
        ("https://{group}.rooms.example.org", "https://{group}.rooms.example.org"),
    ],
)
def test_video_link_templates_that_are_accepted(raw, clean):
    assert validate_video_link(raw) == clean


@pytest.mark.parametrize(
    ("raw", "code", "params"),
    [
        (42, "invalid_payload", {"field": "video_link"}),
        (["https://x.org"], "invalid_payload", {"field": "video_link"}),
        ("https://x.org/" + "a" * 487, "too_long", {"field": "video_link", "limit": 500}),
        ("https://x.org/{room}", "video_link_placeholder", {"placeholder": "{room}"}),
        ("https://x.org/{Group}", "video_link_placeholder", {"placeholder": "{Group}"}),
        ("https://x.org/{group}/{}", "video_link_placeholder", {"placeholder": "{}"}),
        ("meet.example.org/{group}", "video_link_invalid", {}),
        ("ftp://example.org/{group}", "video_link_invalid", {}),
        ("javascript:alert(1)//{group}", "video_link_invalid", {}),
        ("https://", "video_link_invalid", {}),
        ("https:///path", "video_link_invalid", {}),
        ("https://example.org/my room", "video_link_invalid", {}),
        ("https://example.org/\troom", "video_link_invalid", {}),
    ],
)
def test_video_link_templates_are_refused_with_a_clear_code(raw, code, params):
    assert_refused(refusal_of(validate_video_link, raw), code, params)


def test_a_video_link_fits_exactly_500_characters():
    link = "https://x.org/" + "a" * 486
    assert len(link) == 500
    assert validate_video_link(link) == link


def test_video_urls_fill_in_the_workshop_and_the_group_number():
    template = "https://meet.example.org/kaizen-{workshop}-{group}?g={group}"

    assert video_url(template, "abc123", 7) == "https://meet.example.org/kaizen-abc123-7?g=7"
    assert (
        video_url(template, "a b/c?d", 2) == "https://meet.example.org/kaizen-a%20b%2Fc%3Fd-2?g=2"
    )
    assert video_url("https://x.org/static", "w", 1) == "https://x.org/static"
    assert video_url("", "w", 1) is None


# -- boards --------------------------------------------------------------------


def test_people_may_change_only_their_own_cards_on_their_own_board():
    breakout = a_breakout((2, 2))  # p1, p2 in g9 (number 1); p3, p4 in g8 (number 2)
    breakout.add(card("c1", "g9", "p1"))
    breakout.add(card("c3", "g8", "p3"))

    assert breakout.own_card("c1", "p1").id == "c1"
    assert refusal_of(breakout.own_card, "c1", "p2").code == "not_your_card"
    assert refusal_of(breakout.own_card, "c1", "p3").code == "unknown_card"
    assert refusal_of(breakout.own_card, "c3", "p1").code == "unknown_card"
    assert refusal_of(breakout.own_card, "c1", "stranger").code == "unknown_card"
    for odd in ["nope", None, 1, ["c1"]]:
        assert refusal_of(breakout.own_card, odd, "p1").code == "unknown_card"
    # Moved to the other group, p1's old cards stay where they were written, out of reach.
    breakout.place("p1", breakout.group("g8"))
    assert refusal_of(breakout.own_card, "c1", "p1").code == "unknown_card"
    assert [c.id for c in breakout.cards_of("g9")] == ["c1"]
    assert breakout.card("c3").id == "c3"
    assert refusal_of(breakout.card, "nope").code == "unknown_card"


def test_a_replayed_client_id_finds_the_card_stored_before():
    breakout = a_breakout((2, 2))
    breakout.add(card("c1", "g9", "p1", client_id="n-1"))

    assert breakout.replayed("p1", "n-1").id == "c1"
    assert breakout.replayed("p2", "n-1") is None, "client ids are per participant"
    assert breakout.replayed("p1", "n-2") is None
    assert breakout.replayed("p1", None) is None
    assert breakout.remove("c1").id == "c1"
    assert breakout.replayed("p1", "n-1") is None
    assert breakout.remove("c1") is None


def test_a_round_loaded_with_cards_knows_their_client_ids():
    stored = [card("c1", "g9", "p1", client_id="n-1"), card("c2", "g9", "p2")]
    breakout = Breakout(
        a_round(), PROMPTS, a_breakout().groups, {"p1": "g9"}, {c.id: c for c in stored}
    )
    assert breakout.replayed("p1", "n-1").id == "c1"
    assert breakout.replayed("p2", "n-1") is None


def test_each_person_may_write_a_hundred_cards_per_round():
    breakout = a_breakout((2, 2))
    for n in range(MAX_CARDS_PER_PERSON - 1):
        breakout.add(card(f"c{n}", "g9", "p1"))
    breakout.check_card_quota("p1")
    breakout.add(card("last", "g9", "p1"))

    refusal = refusal_of(breakout.check_card_quota, "p1")
    assert (refusal.code, refusal.params) == ("too_many_cards", {"limit": 100})
    breakout.check_card_quota("p2")
    breakout.remove("last")
    breakout.check_card_quota("p1")


def test_a_board_lists_its_own_cards_oldest_first():
    breakout = a_breakout((2, 2))
    breakout.add(card("late", "g9", "p2", created_at=5.0))
    breakout.add(card("other", "g8", "p3", created_at=1.0))
    breakout.add(card("early", "g9", "p1", created_at=2.0))

    assert [c.id for c in breakout.cards_of("g9")] == ["early", "late"]
    assert [c.id for c in breakout.cards_of("g8")] == ["other"]


def test_a_changed_card_shows_on_its_board_and_in_the_harvest():
    breakout = a_breakout((2, 2))
    breakout.add(card("c", "g9", "p1"))
    breakout.update(breakout.card("c").replace(text="better", harvested=True))

    assert [c.text for c in breakout.cards_of("g9")] == ["better"]
    assert [c.id for c in breakout.harvest()] == ["c"]
    assert breakout.remove("c").text == "better"
    assert breakout.cards_of("g9") == [] and breakout.harvest() == []


def test_the_harvest_is_ordered_by_prompt_then_group_number_then_age():
    breakout = a_breakout((2, 2))  # group g9 is number 1, g8 number 2
    for c in [
        card("how-1", "g9", "p1", "how", 1.0, harvested=True),
        card("why-2", "g8", "p3", "why", 2.0, harvested=True),
        card("why-1-late", "g9", "p2", "why", 5.0, harvested=True),
        card("why-1-early", "g9", "p1", "why", 3.0, harvested=True),
        card("not-picked", "g9", "p1", "why", 0.5),
    ]:
        breakout.add(c)

    # "why" is the first prompt although "how" sorts first; g9 is number 1 although g8 sorts first.
    assert [c.id for c in breakout.harvest()] == ["why-1-early", "why-1-late", "why-2", "how-1"]
