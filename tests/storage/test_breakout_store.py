"""Tests for breakout storage: migration m004, rounds, groups, members, cards, notes, export."""

import json
import sqlite3
from contextlib import closing

import pytest
from sqlite_utils import Database

from facilitation.domain.breakouts import ENDED, FORMING, RUNNING, Card, Group, Person, Round
from facilitation.domain.errors import Refusal
from facilitation.domain.help_calls import HANDLED, RECALLED, HelpCall
from facilitation.storage import Store
from facilitation.storage.migrations import migrations
from facilitation.workshops import create_workshop

BREAKOUT_TABLES = (
    "breakout_rounds",
    "breakout_groups",
    "breakout_members",
    "breakout_cards",
    "breakout_notes",
    "breakout_calls",
)


def reflect(title):
    return {
        "kind": "breakout",
        "title": title,
        "minutes": 15,
        "config": {
            "prompts": ["What went well?", "What next?"],
            "duration": 10,
            "grouping": {"mode": "count", "count": 2},
        },
    }


DEFINITION = {
    "title": "Retro",
    "language": "en",
    "items": [
        {"kind": "content", "title": "Welcome", "minutes": 2, "config": {"body": "Hi"}},
        reflect("Reflect"),
        reflect("Reflect again"),
    ],
}


def setup_workshop(store, names=("Anna", "Ben", "Cem", "Dana")):
    """A workshop with two breakout items and participants Anna, Ben, Cem, Dana."""
    workshop = create_workshop(store, DEFINITION)
    _, first, second = store.items(workshop.id)
    people = [store.add_participant(workshop.id, name) for name in names]
    return workshop, first, second, people


def form(store, workshop, item, people, groups=("a", "b")):
    """Two groups (ids ``<item>-a``, ``<item>-b``) with people dealt alternately."""
    made = [Group(f"{item.id}-{g}", item.id, n) for n, g in enumerate(groups, start=1)]
    members = {p.id: made[i % len(made)].id for i, p in enumerate(people)}
    round_ = Round(item.id, workshop.id, "count")
    store.form_breakout(round_, made, members)
    return round_, made, members


def a_card(item, group, participant, cid, text="A card", created_at=1.0, client_id=None):
    return Card(
        cid, item.id, group.id, participant.id, "p1", text, created_at, created_at, client_id
    )


def rows(store, table, workshop_id):
    return store.db.execute(
        f"SELECT COUNT(*) FROM {table} WHERE workshop_id = ?", [workshop_id]
    ).fetchone()[0]


def test_migration_m004_adds_the_breakout_tables_and_the_video_link(store):
    assert set(BREAKOUT_TABLES) <= set(store.db.table_names())
    assert "video_link" in {column.name for column in store.db["workshops"].columns}
    assert migrations.pending(store.db) == []


def test_an_older_database_migrates_and_its_workshops_have_no_breakouts(tmp_path):
    path = tmp_path / "old.db"
    db = Database(sqlite3.connect(str(path)))
    migrations.apply(db, stop_before="m004_breakouts")
    assert "breakout_rounds" not in db.table_names()
    db["workshops"].insert(
        {
            "id": "w1",
            "title": "Old",
            "language": "en",
            "join_code": "ABCDEF",
            "presenter_token": "p",
            "screen_token": "s",
            "created_at": 1.0,
        }
    )
    db.close()

    with closing(Store(path)) as store:
        assert store.workshop("w1").title == "Old"
        assert store.video_link("w1") == ""
        assert store.started_breakouts("w1") == []


def test_no_round_is_stored_before_groups_are_formed(store):
    workshop, first, _, _ = setup_workshop(store)
    assert store.breakout(first) is None


def test_a_formed_round_comes_back_with_groups_members_and_names(store):
    workshop, first, second, (anna, ben, cem, dana) = setup_workshop(store)
    round_, groups, members = form(store, workshop, first, [anna, ben, cem])

    breakout = store.breakout(first)
    assert breakout.round == round_
    assert breakout.round.status == FORMING
    assert breakout.ordered_groups() == groups
    assert breakout.members == members
    assert breakout.prompts == first.config["prompts"]
    assert breakout.people[anna.id] == Person(anna.number, "Anna")
    assert breakout.people[dana.id] == Person(dana.number, "Dana"), "everyone can be named"
    assert breakout.member_ids(groups[0].id) == [anna.id, cem.id]
    assert breakout.cards == {}
    assert store.breakout(second) is None


def test_named_groups_keep_their_names_and_capacities(store):
    workshop, first, _, _ = setup_workshop(store)
    groups = [Group("red", first.id, 1, "Red", 3), Group("blue", first.id, 2, "Blue", None)]
    store.form_breakout(Round(first.id, workshop.id, "choose"), groups, {})

    breakout = store.breakout(first)
    assert breakout.ordered_groups() == groups
    assert breakout.members == {}
    assert breakout.round.mode == "choose"


def test_forming_again_replaces_the_groups_while_the_round_is_forming(store):
    workshop, first, _, people = setup_workshop(store)
    form(store, workshop, first, people)
    round_, groups, members = form(store, workshop, first, people[:3], groups=("x", "y", "z"))

    breakout = store.breakout(first)
    assert sorted(breakout.groups) == sorted(g.id for g in groups)
    assert breakout.members == members
    assert rows(store, "breakout_groups", workshop.id) == 3
    assert rows(store, "breakout_members", workshop.id) == 3
    assert rows(store, "breakout_rounds", workshop.id) == 1


@pytest.mark.parametrize("status", [RUNNING, ENDED])
def test_forming_again_is_refused_once_the_clock_started(store, status):
    workshop, first, _, people = setup_workshop(store)
    round_, groups, members = form(store, workshop, first, people)
    store.save_round(round_.replace(status=status, started_at=100.0, ends_at=700.0))

    with pytest.raises(Refusal) as refusal:
        form(store, workshop, first, people[:1], groups=("x",))
    assert refusal.value.code == "breakout_started"
    breakout = store.breakout(first)
    assert sorted(breakout.groups) == sorted(g.id for g in groups)
    assert breakout.members == members
    assert breakout.round.status == status


def test_the_clock_and_message_are_saved(store):
    workshop, first, _, people = setup_workshop(store)
    round_, _, _ = form(store, workshop, first, people)
    running = round_.replace(
        status=RUNNING, started_at=100.0, ends_at=700.0, message="5 minutes", message_at=400.0
    )
    store.save_round(running)
    assert store.breakout(first).round == running

    over = running.replace(status=ENDED, ended_at=650.0)
    store.save_round(over)
    assert store.breakout(first).round == over


def test_members_are_upserted_one_group_per_person(store):
    workshop, first, _, (anna, ben, cem, dana) = setup_workshop(store)
    round_, (one, two), _ = form(store, workshop, first, [anna, ben])

    store.save_member(round_, anna.id, two.id)  # moved
    store.save_member(round_, cem.id, one.id)  # a latecomer
    store.save_member(round_, cem.id, one.id)  # again: nothing changes

    breakout = store.breakout(first)
    assert breakout.members == {anna.id: two.id, ben.id: two.id, cem.id: one.id}
    assert rows(store, "breakout_members", workshop.id) == 3


def test_cards_are_added_saved_and_deleted(store):
    workshop, first, _, (anna, ben, *_) = setup_workshop(store)
    _, (one, two), _ = form(store, workshop, first, [anna, ben])
    first_card = a_card(first, one, anna, "c1", "Line one\nline two", 10.0, client_id="n1")
    second_card = a_card(first, two, ben, "c2", "Other board", 5.0)
    store.add_card(first_card, workshop.id)
    store.add_card(second_card, workshop.id)

    breakout = store.breakout(first)
    assert breakout.cards == {"c1": first_card, "c2": second_card}
    assert breakout.replayed(anna.id, "n1") == first_card

    changed = first_card.replace(text="Rewritten", updated_at=20.0, harvested=True)
    store.save_card(changed)
    assert store.breakout(first).cards["c1"] == changed
    assert store.breakout(first).cards["c1"].harvested is True

    store.delete_card(changed)
    assert store.breakout(first).cards == {"c2": second_card}


def test_a_client_id_stores_a_card_only_once_per_participant_and_item(store):
    workshop, first, second, (anna, ben, *_) = setup_workshop(store)
    _, (one, _), _ = form(store, workshop, first, [anna, ben])
    _, (again, _), _ = form(store, workshop, second, [anna, ben])
    store.add_card(a_card(first, one, anna, "c1", client_id="n1"), workshop.id)

    with pytest.raises(sqlite3.IntegrityError):
        store.add_card(a_card(first, one, anna, "c2", client_id="n1"), workshop.id)
    # The same nonce from someone else, or for another item, is another card.
    store.add_card(a_card(first, one, ben, "c3", client_id="n1"), workshop.id)
    store.add_card(a_card(second, again, anna, "c4", client_id="n1"), workshop.id)
    # Cards without a nonce never collide.
    store.add_card(a_card(first, one, anna, "c5"), workshop.id)
    store.add_card(a_card(first, one, anna, "c6"), workshop.id)

    assert sorted(store.breakout(first).cards) == ["c1", "c3", "c5", "c6"]


def test_private_notes_are_saved_replaced_and_cleared(store):
    workshop, first, second, (anna, ben, *_) = setup_workshop(store)
    assert store.note(first.id, anna.id) == ""

    store.save_note(first, anna.id, "Only for me")
    store.save_note(first, anna.id, "Only for me, rewritten")
    store.save_note(second, anna.id, "Another item")
    assert store.note(first.id, anna.id) == "Only for me, rewritten"
    assert store.note(second.id, anna.id) == "Another item"
    assert store.note(first.id, ben.id) == ""

    store.save_note(first, anna.id, "")
    assert store.note(first.id, anna.id) == ""
    assert rows(store, "breakout_notes", workshop.id) == 1


def test_started_breakouts_are_listed_in_agenda_order(store):
    workshop, first, second, people = setup_workshop(store)
    assert store.started_breakouts(workshop.id) == []
    form(store, workshop, second, people)
    form(store, workshop, first, people)
    assert store.started_breakouts(workshop.id) == [first.id, second.id]


def test_the_video_link_is_stored_per_workshop(store):
    workshop, *_ = setup_workshop(store)
    other = create_workshop(store, DEFINITION)
    assert store.video_link(workshop.id) == ""

    store.set_video_link(workshop.id, "https://meet.example.org/{workshop}-{group}")
    assert store.video_link(workshop.id) == "https://meet.example.org/{workshop}-{group}"
    assert store.video_link(other.id) == ""
    store.set_video_link(workshop.id, "")
    assert store.video_link(workshop.id) == ""
    with pytest.raises(Refusal) as refusal:
        store.video_link("nope")
    assert refusal.value.code == "unknown_workshop"


def test_the_export_has_groups_and_cards_but_no_authors_names_or_notes(store):
    workshop, first, second, (anna, ben, cem, dana) = setup_workshop(store)
    round_, (one, two), _ = form(store, workshop, first, [anna, ben, cem])
    store.save_round(round_.replace(status=ENDED, started_at=100.0, ends_at=700.0, ended_at=650.0))
    store.add_card(a_card(first, two, ben, "c2", "Second, on board 2", 20.0, "n1"), workshop.id)
    store.add_card(
        a_card(first, one, anna, "c1", "First, on board 1", 10.0).replace(harvested=True),
        workshop.id,
    )
    store.save_note(first, anna.id, "My secret note")

    exported = store.export_workshop(workshop.id)
    items = {item["id"]: item for item in exported["items"]}
    assert "breakout" not in items[second.id], "no round, nothing exported for it"
    assert items[first.id]["breakout"] == {
        "mode": "count",
        "status": "ended",
        "started_at": 100.0,
        "ended_at": 650.0,
        "groups": [
            {"number": 1, "name": "", "capacity": None, "size": 2},
            {"number": 2, "name": "", "capacity": None, "size": 1},
        ],
        "cards": [
            {
                "group": 1,
                "prompt_id": "p1",
                "text": "First, on board 1",
                "harvested": True,
                "created_at": 10.0,
                "updated_at": 10.0,
            },
            {
                "group": 2,
                "prompt_id": "p1",
                "text": "Second, on board 2",
                "harvested": False,
                "created_at": 20.0,
                "updated_at": 20.0,
            },
        ],
    }
    dumped = json.dumps(exported)
    for secret in [anna.id, ben.id, cem.id, dana.id, "Anna", "Ben", "Cem", "My secret note", "n1"]:
        assert secret not in dumped


def test_deleting_a_workshop_removes_every_breakout_row(store):
    workshop, first, second, people = setup_workshop(store)
    other, other_first, _, other_people = setup_workshop(store)
    for w, item, who in [(workshop, first, people), (other, other_first, other_people)]:
        _, (one, _), _ = form(store, w, item, who)
        store.add_card(a_card(item, one, who[0], f"card-{w.id}", client_id="n1"), w.id)
        store.save_note(item, who[0].id, "A note")
        store.add_call(HelpCall(f"call-{w.id}", item.id, one.id, 5.0), w.id)
    store.set_video_link(workshop.id, "https://meet.example.org/{group}")
    assert all(rows(store, table, workshop.id) for table in BREAKOUT_TABLES)

    store.delete_workshop(workshop.id)

    for table in BREAKOUT_TABLES:
        assert rows(store, table, workshop.id) == 0, table
        assert rows(store, table, other.id) > 0, table
    assert store.breakout(other_first).cards.keys() == {f"card-{other.id}"}


def test_calls_are_stored_answered_closed_and_one_per_group_stays_open(store):
    workshop, first, _, people = setup_workshop(store)
    round_, (one, two), _ = form(store, workshop, first, people)
    store.add_call(HelpCall("c1", first.id, one.id, 10.0), workshop.id)
    store.add_call(HelpCall("c2", first.id, two.id, 11.0), workshop.id)
    with pytest.raises(sqlite3.IntegrityError):
        store.add_call(HelpCall("c3", first.id, one.id, 12.0), workshop.id)

    answered = HelpCall("c1", first.id, one.id, 10.0, "Coming", 20.0, 30.0, HANDLED)
    store.save_call(answered)
    recalled = HelpCall("c2", first.id, two.id, 11.0, closed_at=40.0, closed_by=RECALLED)
    store.end_round(round_.replace(status=ENDED, ended_at=40.0), [recalled])

    loaded = store.breakout(first)
    assert loaded.calls == {"c1": answered, "c2": recalled}
    assert loaded.round.status == ENDED
    store.add_call(HelpCall("c4", first.id, one.id, 50.0), workshop.id)  # closed ones do not count
    columns = {column.name for column in store.db["breakout_calls"].columns}
    assert "participant_id" not in columns, "a call is the group's, never a person's"
