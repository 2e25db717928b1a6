"""Tests for facilitation.storage: the SQLite store without an app.

Most tests run on an in-memory database (the same SQL, far faster); what
depends on a real file (WAL, a second connection, threads) uses ``file_store``.
"""

import json
import sqlite3
import threading
from contextlib import closing

import pytest
from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from facilitation.domain.errors import Refusal
from facilitation.domain.kinds import Answer
from facilitation.domain.workshop import (
    CLOSED,
    DEFAULT_ANONYMITY_THRESHOLD,
    OPEN,
    closed,
    opened,
    reset,
    with_results_revealed,
)
from facilitation.storage import Store
from facilitation.storage.migrations import migrations
from facilitation.storage.schema import tables_by_workshop
from facilitation.workshops import create_workshop, validated_definition, validated_item

M002 = "m002_poll_settings_reveal_and_moderation"

DEFINITION = {
    "title": "Kaizen",
    "language": "en",
    "items": [
        {"kind": "content", "title": "Welcome", "minutes": 2, "config": {"body": " Hello "}},
        {
            "kind": "single_choice",
            "title": "Check-in",
            "minutes": 5,
            "config": {"options": ["Hide them", "Fix them", "Learn together"]},
        },
        {
            "kind": "single_choice",
            "title": "Closing",
            "minutes": 3,
            "config": {"options": [{"id": "good", "label": "Good"}, {"id": "bad", "label": "Bad"}]},
        },
    ],
}


@pytest.fixture
def path(tmp_path):
    return tmp_path / "x.db"


@pytest.fixture
def store():
    """A store in memory: the same SQL as on a file, without the cost of syncing to disk."""
    with closing(Store(":memory:")) as store:
        yield store


@pytest.fixture
def file_store(path):
    """A store on its own database file (this module needs no app), as the app runs it."""
    store = Store(path)
    yield store
    store.close()


@pytest.fixture
def other_store(path, file_store):
    """A second connection to the same file, opened after ``file_store``."""
    other = Store(path)
    yield other
    other.close()


def create(store, title="Kaizen"):
    """Store a validated copy of DEFINITION and return the workshop with its items."""
    clean = validated_definition({**DEFINITION, "title": title})
    workshop = store.create_workshop(clean["title"], clean["language"], clean["items"])
    return workshop, store.items(workshop.id)


def refusal_of(call, *args):
    """Return the Refusal raised by ``call(*args)``."""
    with pytest.raises(Refusal) as refusal:
        call(*args)
    return refusal.value


def count(store, sql, params=()):
    """Return the single number an SQL ``COUNT`` query gives."""
    return store.db.execute(sql, params).fetchone()[0]


def columns(store, table):
    """The column names of ``table``."""
    return {column.name for column in store.db[table].columns}


def item_definition(title="Added", options=("Red", "Green"), **config):
    """A validated single-choice item definition."""
    return validated_item(
        {
            "kind": "single_choice",
            "title": title,
            "minutes": 4,
            "config": {"options": list(options), **config},
        }
    )


# -- opening a database ---------------------------------------------------------


def test_migrations_create_the_tables(store):
    assert {"workshops", "agenda_items", "participants", "answers"} <= set(store.db.table_names())
    assert migrations.pending(store.db) == []


def test_opening_the_same_file_again_applies_migrations_only_once(path, file_store):
    create(file_store)
    with closing(Store(path)) as again:
        assert len(again.workshops()) == 1
    with closing(Store(path)) as third:
        rows = list(third.db.query("SELECT migration_set, name FROM _sqlite_migrations"))

    names = [row["name"] for row in rows if row["migration_set"] == "facilitation"]
    assert names.count("m001_workshops_agenda_participants_answers") == 1
    assert names.count(M002) == 1
    assert len(names) == len(set(names))


def test_migration_m002_adds_poll_settings_reveal_and_moderation_columns(store):
    assert "anonymity_threshold" in columns(store, "workshops")
    assert {"revealed", "highlight"} <= columns(store, "agenda_items")
    assert {"id", "hidden"} <= columns(store, "answers")


def m001_database(path):
    """A database file as the first release left it: one workshop, one poll, three answers."""
    db = Database(sqlite3.connect(str(path)))
    migrations.apply(db, stop_before=M002)
    assert "hidden" not in {column.name for column in db["answers"].columns}
    with db.atomic():  # one commit, not one per row
        db["workshops"].insert(
            {
                "id": "w1",
                "title": "Old",
                "language": "en",
                "join_code": "ABCDEF",
                "presenter_token": "p-secret",
                "screen_token": "s-secret",
                "created_at": 1.0,
            }
        )
        config = {"options": [{"id": "o1", "label": "A"}, {"id": "o2", "label": "B"}]}
        db["agenda_items"].insert(
            {
                "id": "i1",
                "workshop_id": "w1",
                "position": 0,
                "kind": "single_choice",
                "title": "Poll",
                "minutes": 5,
                "config": json.dumps(config),
                "status": "closed",
                "opened_at": 2.0,
            }
        )
        for number, value in enumerate(["o1", "o2", "o1"], start=1):
            db["participants"].insert(
                {
                    "id": f"p{number}",
                    "workshop_id": "w1",
                    "number": number,
                    "display_name": "",
                    "joined_at": 3.0,
                }
            )
            db["answers"].insert(
                {
                    "item_id": "i1",
                    "participant_id": f"p{number}",
                    "workshop_id": "w1",
                    "value": json.dumps(value),
                    "answered_at": 3.0 + number,
                }
            )
    db.close()


def test_migrating_old_answers_gives_each_a_unique_id(path):
    m001_database(path)

    with closing(Store(path)) as store:
        answers = store.answers("i1")
        assert migrations.pending(store.db) == []
        raw_ids = [row["id"] for row in store.db.query("SELECT id FROM answers")]

    assert [answer.value for answer in answers] == ["o1", "o2", "o1"]
    ids = [answer.id for answer in answers]
    assert all(isinstance(answer_id, str) and answer_id for answer_id in ids)
    assert len(set(ids)) == 3
    assert sorted(raw_ids) == sorted(ids)
    assert [answer.hidden for answer in answers] == [False] * 3


def test_migrating_keeps_workshops_and_items_with_default_settings(path):
    m001_database(path)

    with closing(Store(path)) as store:
        workshop = store.workshop("w1")
        (item,) = store.items("w1")

    assert workshop.title == "Old"
    assert workshop.anonymity_threshold == DEFAULT_ANONYMITY_THRESHOLD
    assert item.status == CLOSED
    assert item.revealed is False
    assert item.highlight is None
    assert item.config["options"][1] == {"id": "o2", "label": "B"}


def test_migrated_answers_keep_their_id_and_new_ones_fit_beside_them(path):
    m001_database(path)

    with closing(Store(path)) as store:
        item = store.item("w1", "i1")
        before = store.answer_of(item, "p1")
        previous, current = store.save_answer(item, "p1", "o2")
        newcomer = store.add_participant("w1", "")
        _, fresh = store.save_answer(item, newcomer.id, "o1")
        ids = [answer.id for answer in store.answers("i1")]

    assert previous == before
    assert current == Answer(before.id, "o2", False)
    assert fresh.id != before.id
    assert len(ids) == len(set(ids)) == 4


def test_database_uses_write_ahead_logging(file_store):
    assert file_store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_foreign_keys_are_enforced(file_store):
    assert file_store.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_store_creates_missing_parent_folders(tmp_path):
    with closing(Store(tmp_path / "a" / "b" / "x.db")) as nested:
        assert nested.workshops() == []


def test_in_memory_store_works():
    with closing(Store(":memory:")) as memory:
        workshop, items = create(memory)
        assert memory.workshop(workshop.id) == workshop
        assert len(items) == 3


# -- workshops and agenda ------------------------------------------------------------


def test_create_workshop_stores_items_in_order_with_parsed_config(store):
    workshop, items = create(store)

    assert workshop.title == "Kaizen"
    assert workshop.language == "en"
    assert workshop.current_item_id is None
    assert workshop.started_at is None
    assert workshop.created_at is not None
    assert [item.title for item in items] == ["Welcome", "Check-in", "Closing"]
    assert [item.position for item in items] == [0, 1, 2]
    assert [item.kind for item in items] == ["content", "single_choice", "single_choice"]
    assert [item.minutes for item in items] == [2, 5, 3]
    assert [item.status for item in items] == ["pending"] * 3
    assert all(item.workshop_id == workshop.id for item in items)
    assert [item.revealed for item in items] == [False] * 3
    assert [item.highlight for item in items] == [None] * 3
    assert items[0].config == {"body": "Hello"}
    assert items[1].config == {
        "options": [
            {"id": "o1", "label": "Hide them"},
            {"id": "o2", "label": "Fix them"},
            {"id": "o3", "label": "Learn together"},
        ],
        "results": "presenter",
        "changeable": True,
    }
    assert items[2].config["options"][0] == {"id": "good", "label": "Good"}


def test_create_workshop_keeps_non_ascii_text(store):
    clean = validated_definition(
        {
            "title": "Fehlerkultur – „Kaizen“",
            "language": "de",
            "items": [{"kind": "content", "title": "Übung", "config": {"body": "Größe 🙂"}}],
        }
    )
    workshop = store.create_workshop(clean["title"], clean["language"], clean["items"])

    assert store.workshop(workshop.id).title == "Fehlerkultur – „Kaizen“"
    assert store.items(workshop.id)[0].config == {"body": "Größe 🙂"}


def test_each_workshop_gets_its_own_code_and_secrets(store):
    first, _ = create(store, "One")
    second, _ = create(store, "Two")

    assert first.id != second.id
    assert first.join_code != second.join_code
    assert first.presenter_token != second.presenter_token
    assert first.presenter_token != first.screen_token


def test_create_workshop_is_all_or_nothing(store):
    items = [{"kind": "content", "title": "Fine", "minutes": 1, "config": {}}, {"title": "Broken"}]

    with pytest.raises(KeyError):
        store.create_workshop("Half", "en", items)

    assert store.workshops() == []
    assert count(store, "SELECT COUNT(*) FROM agenda_items") == 0


def test_workshop_and_workshop_by_code_find_the_workshop(store):
    workshop, _ = create(store)

    assert store.workshop(workshop.id) == workshop
    assert store.workshop_by_code(workshop.join_code) == workshop


@pytest.mark.parametrize("workshop_id", ["nope", "", None])
def test_unknown_workshop_id_is_refused(store, workshop_id):
    create(store)

    assert refusal_of(store.workshop, workshop_id).code == "unknown_workshop"


@pytest.mark.parametrize("code", ["ZZZZZZ", "", None])
def test_unknown_join_code_is_refused(store, code):
    create(store)

    assert refusal_of(store.workshop_by_code, code).code == "unknown_workshop"


def test_join_code_is_matched_exactly(store):
    workshop, _ = create(store)

    assert refusal_of(store.workshop_by_code, workshop.join_code.lower()).code == (
        "unknown_workshop"
    )


def test_workshops_lists_oldest_first(store):
    first, _ = create(store, "First")
    second, _ = create(store, "Second")

    assert [w.id for w in store.workshops()] == [first.id, second.id]


def test_item_returns_one_item_of_the_workshop(store):
    workshop, items = create(store)

    assert store.item(workshop.id, items[1].id) == items[1]


def test_item_of_another_workshop_is_refused(store):
    workshop, _ = create(store, "Mine")
    _, other_items = create(store, "Theirs")

    assert refusal_of(store.item, workshop.id, other_items[0].id).code == "unknown_item"


@pytest.mark.parametrize("item_id", ["nope", None, 1, ["x"]])
def test_unknown_item_is_refused(store, item_id):
    workshop, _ = create(store)

    assert refusal_of(store.item, workshop.id, item_id).code == "unknown_item"


def test_save_item_stores_status_and_opening_time(store):
    workshop, items = create(store)
    poll = opened(items[1], now=100.0, collects_answers=True)

    store.save_item(poll)
    assert store.item(workshop.id, poll.id).status == OPEN
    assert store.item(workshop.id, poll.id).opened_at == 100.0

    store.save_item(closed(poll, collects_answers=True))
    assert store.item(workshop.id, poll.id).status == CLOSED
    assert store.item(workshop.id, items[2].id).status == "pending"


def test_set_current_item_sets_started_at_only_the_first_time(store):
    workshop, items = create(store)

    workshop = store.set_current_item(workshop, opened(items[0], 100.0, False))
    assert workshop.current_item_id == items[0].id
    assert workshop.started_at == 100.0

    workshop = store.set_current_item(workshop, opened(items[1], 200.0, True))
    assert workshop.current_item_id == items[1].id
    assert workshop.started_at == 100.0
    assert store.item(workshop.id, items[1].id).status == OPEN
    assert store.item(workshop.id, items[1].id).opened_at == 200.0

    workshop = store.set_current_item(workshop, None)
    assert workshop.current_item_id is None
    assert workshop.started_at == 100.0
    assert store.workshop(workshop.id) == workshop


def test_going_to_the_lobby_does_not_start_the_workshop(store):
    workshop, _ = create(store)

    workshop = store.set_current_item(workshop, None)

    assert workshop.current_item_id is None
    assert workshop.started_at is None


# -- participants ------------------------------------------------------------------


def test_participants_are_numbered_per_workshop(store):
    first, _ = create(store, "First")
    second, _ = create(store, "Second")

    numbers = [
        store.add_participant(first.id, "").number,
        store.add_participant(second.id, "").number,
        store.add_participant(first.id, "Anna").number,
        store.add_participant(first.id, "").number,
        store.add_participant(second.id, "Ben").number,
    ]

    assert numbers == [1, 1, 2, 3, 2]
    assert store.participant_count(first.id) == 3
    assert store.participant_count(second.id) == 2


def test_participant_is_found_only_in_its_workshop(store):
    first, _ = create(store, "First")
    second, _ = create(store, "Second")
    anna = store.add_participant(first.id, "Anna")

    assert store.participant(first.id, anna.id) == anna
    assert anna.display_name == "Anna"
    assert store.participant(second.id, anna.id) is None
    assert store.participant(first.id, "nope") is None


# -- answers -----------------------------------------------------------------------


def values(answers):
    """The values of stored answers, in their order."""
    return [answer.value for answer in answers]


def test_save_answer_returns_the_previous_and_the_current_answer(store):
    workshop, items = create(store)
    anna = store.add_participant(workshop.id, "Anna")

    previous, first = store.save_answer(items[1], anna.id, "o1")
    assert previous is None
    assert first.value == "o1"
    assert first.hidden is False

    previous, second = store.save_answer(items[1], anna.id, "o2")
    assert previous == first
    assert second == Answer(first.id, "o2", False)

    previous, third = store.save_answer(items[1], anna.id, "o3")
    assert previous == second
    assert store.answers(items[1].id) == [third]
    assert store.answer_of(items[1], anna.id) == third


def test_a_changed_answer_keeps_its_id_and_its_hiding(store):
    workshop, items = create(store)
    anna = store.add_participant(workshop.id, "Anna")
    _, first = store.save_answer(items[1], anna.id, "o1")
    store.set_answer_hidden(items[1], first.id, True)

    previous, changed = store.save_answer(items[1], anna.id, "o2")

    assert previous == Answer(first.id, "o1", True)
    assert changed == Answer(first.id, "o2", True)
    assert store.answers(items[1].id) == [changed]


def test_answers_of_different_participants_get_different_ids(store):
    workshop, items = create(store)
    ids = set()
    for name in ["Anna", "Ben", "Carl"]:
        participant = store.add_participant(workshop.id, name)
        ids.add(store.save_answer(items[1], participant.id, "o1")[1].id)

    assert len(ids) == 3
    assert {answer.id for answer in store.answers(items[1].id)} == ids


def test_answer_of_someone_who_has_not_answered_is_none(store):
    workshop, items = create(store)
    anna = store.add_participant(workshop.id, "Anna")
    store.save_answer(items[2], anna.id, "good")

    assert store.answer_of(items[1], anna.id) is None
    assert store.answer_of(items[2], "nobody") is None


def test_save_answer_keeps_one_row_per_item_and_participant(store):
    workshop, items = create(store)
    anna = store.add_participant(workshop.id, "Anna")
    ben = store.add_participant(workshop.id, "Ben")

    for value in ["o1", "o2", "o1", "o3"]:
        store.save_answer(items[1], anna.id, value)
    store.save_answer(items[1], ben.id, "o2")
    store.save_answer(items[2], anna.id, "good")

    rows = list(store.db.query("SELECT item_id, participant_id, value FROM answers"))
    assert len(rows) == 3
    assert sorted(values(store.answers(items[1].id))) == ["o2", "o3"]
    assert values(store.answers(items[2].id)) == ["good"]


def test_repeated_identical_answer_writes_nothing(store):
    workshop, items = create(store)
    anna = store.add_participant(workshop.id, "Anna")
    store.save_answer(items[1], anna.id, "o2")
    before = list(store.db.query("SELECT * FROM answers"))
    changes = store.db.conn.total_changes

    previous, current = store.save_answer(items[1], anna.id, "o2")

    assert previous == current
    assert current.value == "o2"

    assert store.db.conn.total_changes == changes
    assert list(store.db.query("SELECT * FROM answers")) == before


def test_answers_of_lists_one_participants_answers_in_one_workshop(store):
    workshop, items = create(store, "Mine")
    other, other_items = create(store, "Theirs")
    anna = store.add_participant(workshop.id, "Anna")
    ben = store.add_participant(workshop.id, "Ben")
    carl = store.add_participant(other.id, "Carl")
    store.save_answer(items[1], anna.id, "o1")
    store.save_answer(items[2], anna.id, "bad")
    store.save_answer(items[1], ben.id, "o3")
    store.save_answer(other_items[1], carl.id, "o2")

    assert store.answers_of(workshop.id, anna.id) == {items[1].id: "o1", items[2].id: "bad"}
    assert store.answers_of(workshop.id, ben.id) == {items[1].id: "o3"}
    assert store.answers_of(workshop.id, carl.id) == {}
    assert store.answers_of(other.id, carl.id) == {other_items[1].id: "o2"}


def test_answers_of_someone_who_has_not_answered_is_empty(store):
    workshop, items = create(store)
    anna = store.add_participant(workshop.id, "Anna")

    assert store.answers_of(workshop.id, anna.id) == {}
    assert store.answers(items[1].id) == []


def test_answer_values_keep_their_json_type(store):
    workshop, items = create(store)
    anna = store.add_participant(workshop.id, "Anna")

    store.save_answer(items[1], anna.id, {"words": ["Mut", "Größe"], "n": 2})

    assert values(store.answers(items[1].id)) == [{"words": ["Mut", "Größe"], "n": 2}]
    assert store.answer_of(items[1], anna.id).value == {"words": ["Mut", "Größe"], "n": 2}


# -- moderating answers --------------------------------------------------------------


def test_set_answer_hidden_hides_and_shows_one_answer(store):
    workshop, items = create(store)
    anna = store.add_participant(workshop.id, "Anna")
    ben = store.add_participant(workshop.id, "Ben")
    _, annas = store.save_answer(items[1], anna.id, "o1")
    _, bens = store.save_answer(items[1], ben.id, "o2")

    assert store.set_answer_hidden(items[1], annas.id, True) == Answer(annas.id, "o1", True)
    assert store.answers(items[1].id) == [Answer(annas.id, "o1", True), bens]
    assert store.answer_of(items[1], anna.id).hidden is True

    assert store.set_answer_hidden(items[1], annas.id, False) == annas
    assert store.answers(items[1].id) == [annas, bens]


def test_hiding_a_hidden_answer_again_is_accepted(store):
    workshop, items = create(store)
    anna = store.add_participant(workshop.id, "Anna")
    _, answer = store.save_answer(items[1], anna.id, "o1")
    store.set_answer_hidden(items[1], answer.id, True)

    assert store.set_answer_hidden(items[1], answer.id, True).hidden is True


@pytest.mark.parametrize("answer_id", ["nope", "", None, 1, ["x"]])
def test_hiding_an_unknown_answer_is_refused(store, answer_id):
    workshop, items = create(store)
    anna = store.add_participant(workshop.id, "Anna")
    _, answer = store.save_answer(items[1], anna.id, "o1")

    refusal = refusal_of(store.set_answer_hidden, items[1], answer_id, True)

    assert refusal.code == "unknown_answer"
    assert store.answers(items[1].id) == [answer]


def test_hiding_another_items_answer_is_refused_and_changes_nothing(store):
    workshop, items = create(store, "Mine")
    other, other_items = create(store, "Theirs")
    anna = store.add_participant(workshop.id, "Anna")
    carl = store.add_participant(other.id, "Carl")
    _, on_closing = store.save_answer(items[2], anna.id, "good")
    _, elsewhere = store.save_answer(other_items[1], carl.id, "o1")

    for answer in (on_closing, elsewhere):
        refusal = refusal_of(store.set_answer_hidden, items[1], answer.id, True)
        assert refusal.code == "unknown_answer"

    assert store.answers(items[2].id) == [on_closing]
    assert store.answers(other_items[1].id) == [elsewhere]
    assert not store.db.conn.in_transaction


def test_delete_answers_empties_only_that_item(store):
    workshop, items, (anna, ben) = answered_workshop(store, "Mine")
    other, other_items, _ = answered_workshop(store, "Theirs")
    kept = store.answers(items[2].id)
    kept_elsewhere = store.answers(other_items[1].id)

    store.delete_answers(items[1])

    assert store.answers(items[1].id) == []
    assert store.answer_of(items[1], anna.id) is None
    assert store.answers(items[2].id) == kept
    assert store.answers(other_items[1].id) == kept_elsewhere
    assert store.participant_count(workshop.id) == 2  # a reset keeps the people


def test_after_delete_answers_a_participant_can_answer_afresh(store):
    workshop, items, (anna, _) = answered_workshop(store)

    store.delete_answers(items[1])
    previous, current = store.save_answer(items[1], anna.id, "o2")

    assert previous is None
    assert store.answers(items[1].id) == [current]


def test_delete_answers_of_an_item_without_answers_is_harmless(store):
    workshop, items = create(store)

    store.delete_answers(items[0])

    assert store.items(workshop.id) == items


# -- editing the agenda ----------------------------------------------------------------


def test_add_item_appends_at_the_end(store):
    workshop, items = create(store)

    added = store.add_item(workshop.id, item_definition("Added", results="live"))

    assert added.position == len(items)
    assert added.workshop_id == workshop.id
    assert added.kind == "single_choice"
    assert added.title == "Added"
    assert added.minutes == 4
    assert added.status == "pending"
    assert added.opened_at is None
    assert added.revealed is False
    assert added.config == {
        "options": [{"id": "o1", "label": "Red"}, {"id": "o2", "label": "Green"}],
        "results": "live",
        "changeable": True,
    }
    assert store.items(workshop.id) == [*items, added]


def test_add_item_positions_follow_each_other(store):
    workshop, _ = create(store)

    first = store.add_item(workshop.id, item_definition("First"))
    second = store.add_item(workshop.id, item_definition("Second"))

    assert (first.position, second.position) == (3, 4)


def test_add_item_to_an_empty_agenda_starts_at_position_0(store):
    clean = validated_definition({"title": "Empty", "language": "en", "items": []})
    workshop = store.create_workshop(clean["title"], clean["language"], clean["items"])

    added = store.add_item(workshop.id, item_definition())

    assert added.position == 0
    assert store.items(workshop.id) == [added]


def test_add_item_to_one_workshop_leaves_others_alone(store):
    workshop, _ = create(store, "Mine")
    other, other_items = create(store, "Theirs")

    store.add_item(workshop.id, item_definition())

    assert store.items(other.id) == other_items


def test_update_item_replaces_title_minutes_and_config(store):
    workshop, items = create(store)
    definition = item_definition("Renamed", options=("Up", "Down", "Sideways"), results="hidden")

    updated = store.update_item(items[1], definition)

    assert updated.title == "Renamed"
    assert updated.minutes == 4
    assert updated.config == definition["config"]
    assert (updated.id, updated.position, updated.kind, updated.status) == (
        items[1].id,
        items[1].position,
        items[1].kind,
        items[1].status,
    )
    assert store.item(workshop.id, items[1].id) == updated
    assert store.items(workshop.id) == [items[0], updated, items[2]]


def test_delete_item_removes_the_item_and_its_answers(store):
    workshop, items, (anna, ben) = answered_workshop(store)
    kept = store.answers(items[2].id)

    store.delete_item(items[1])

    assert refusal_of(store.item, workshop.id, items[1].id).code == "unknown_item"
    assert store.answers(items[1].id) == []
    assert count(store, "SELECT COUNT(*) FROM answers WHERE item_id = ?", [items[1].id]) == 0
    assert store.answers(items[2].id) == kept
    assert store.participant_count(workshop.id) == 2


@pytest.mark.parametrize("doomed", [0, 2, 4])
def test_delete_item_closes_the_gap_and_keeps_the_order(store, doomed):
    workshop, items = create(store)
    items += [store.add_item(workshop.id, item_definition(f"Extra {n}")) for n in (1, 2)]

    store.delete_item(items[doomed])

    left = store.items(workshop.id)
    assert [item.id for item in left] == [item.id for item in items if item != items[doomed]]
    assert [item.position for item in left] == list(range(len(items) - 1))


def test_delete_item_then_add_item_appends_after_the_last(store):
    workshop, items = create(store)

    store.delete_item(items[0])
    added = store.add_item(workshop.id, item_definition())

    assert [item.id for item in store.items(workshop.id)] == [items[1].id, items[2].id, added.id]
    assert added.position == 2


def test_deleting_every_item_leaves_an_empty_agenda(store):
    workshop, items = create(store)

    for item in items:
        store.delete_item(item)

    assert store.items(workshop.id) == []
    assert store.workshop(workshop.id).title == "Kaizen"


def test_delete_item_leaves_other_workshops_alone(store):
    workshop, items = create(store, "Mine")
    other, other_items, _ = answered_workshop(store, "Theirs")
    export = store.export_workshop(other.id)

    store.delete_item(items[0])

    assert store.items(other.id) == other_items
    assert store.export_workshop(other.id) == export


# -- live state of an item and the workshop's threshold -----------------------------------


def test_save_item_stores_revealed_and_highlight(store):
    workshop, items, (anna, _) = answered_workshop(store)
    answer = store.answer_of(items[1], anna.id)
    item = with_results_revealed(opened(items[1], 5.0, True), True, True)

    store.save_item(item.replace(highlight=answer.id))
    stored = store.item(workshop.id, items[1].id)
    assert stored.revealed is True
    assert stored.highlight == answer.id

    store.save_item(reset(stored, True))
    stored = store.item(workshop.id, items[1].id)
    assert stored.revealed is False
    assert stored.highlight is None
    assert stored.status == OPEN


def test_set_threshold_stores_the_threshold(store):
    workshop, _ = create(store)
    assert workshop.anonymity_threshold == DEFAULT_ANONYMITY_THRESHOLD

    changed = store.set_threshold(workshop, 1)

    assert changed.anonymity_threshold == 1
    assert store.workshop(workshop.id) == changed
    assert (changed.title, changed.join_code) == (workshop.title, workshop.join_code)


def test_set_threshold_leaves_other_workshops_alone(store):
    workshop, _ = create(store, "Mine")
    other, _ = create(store, "Theirs")

    store.set_threshold(workshop, 10)

    assert store.workshop(other.id).anonymity_threshold == DEFAULT_ANONYMITY_THRESHOLD


def test_validated_definition_takes_an_anonymity_threshold():
    assert validated_definition(DEFINITION)["anonymity_threshold"] == DEFAULT_ANONYMITY_THRESHOLD
    clean = validated_definition({**DEFINITION, "anonymity_threshold": 5})
    assert clean["anonymity_threshold"] == 5


@pytest.mark.parametrize("threshold", [0, 51, -1, True, "5", 2.5, None])
def test_validated_definition_refuses_a_bad_anonymity_threshold(threshold):
    refusal = refusal_of(validated_definition, {**DEFINITION, "anonymity_threshold": threshold})

    assert refusal.code == "out_of_range"
    assert refusal.params["field"] == "anonymity_threshold"


@pytest.mark.parametrize("threshold", [1, DEFAULT_ANONYMITY_THRESHOLD, 12])
def test_create_workshop_stores_the_definitions_threshold(store, threshold):
    workshop = create_workshop(store, {**DEFINITION, "anonymity_threshold": threshold})

    assert workshop.anonymity_threshold == threshold
    assert store.workshop(workshop.id).anonymity_threshold == threshold


# -- one thread at a time --------------------------------------------------------------


def test_public_methods_wait_for_the_store_lock(file_store):
    """Socket handlers and HTTP routes share one connection; calls must not interleave."""
    workshop, items = create(file_store)
    anna = file_store.add_participant(workshop.id, "Anna")
    calls = {
        "workshops": lambda: file_store.workshops(),
        "items": lambda: file_store.items(workshop.id),
        "save_answer": lambda: file_store.save_answer(items[1], anna.id, "o2"),
        "set_threshold": lambda: file_store.set_threshold(workshop, 4),
        "delete_answers": lambda: file_store.delete_answers(items[2]),
    }
    finished = []
    with file_store.lock:
        threads = [
            threading.Thread(target=lambda n=name, c=call: (c(), finished.append(n)))
            for name, call in calls.items()
        ]
        for thread in threads:
            thread.start()
        threads[0].join(timeout=0.03)
        assert finished == []
    for thread in threads:
        thread.join(timeout=5)

    assert sorted(finished) == sorted(calls)


# -- export and deletion ------------------------------------------------------------


def answered_workshop(store, title="Kaizen"):
    workshop, items = create(store, title)
    anna = store.add_participant(workshop.id, "Anna")
    ben = store.add_participant(workshop.id, "Ben")
    store.save_answer(items[1], anna.id, "o1")
    store.save_answer(items[1], ben.id, "o3")
    store.save_answer(items[2], ben.id, "good")
    return workshop, items, [anna, ben]


def test_export_contains_items_and_answers_without_participants(store):
    workshop, items, (anna, ben) = answered_workshop(store)

    export = store.export_workshop(workshop.id)

    assert export["workshop"]["title"] == "Kaizen"
    assert export["workshop"]["language"] == "en"
    assert export["participants"] == 2
    assert [item["title"] for item in export["items"]] == ["Welcome", "Check-in", "Closing"]
    assert [item["position"] for item in export["items"]] == [0, 1, 2]
    assert export["items"][1]["config"] == items[1].config
    assert export["items"][0]["answers"] == []
    assert export["items"][1]["answers"] == [
        {"value": "o1", "hidden": False},
        {"value": "o3", "hidden": False},
    ]
    assert export["items"][2]["answers"] == [{"value": "good", "hidden": False}]


def test_export_answers_are_sorted_by_value_not_by_who_answered_first(store):
    """Join order or timestamps would let a reader follow one person from item to item."""
    workshop, items, (anna, ben) = answered_workshop(store)
    cem = store.add_participant(workshop.id, "Cem")
    store.save_answer(items[1], cem.id, "o2")
    store.save_answer(items[1], anna.id, "o3")

    answers = store.export_workshop(workshop.id)["items"][1]["answers"]

    assert [a["value"] for a in answers] == ["o2", "o3", "o3"]
    assert all(set(answer) == {"value", "hidden"} for answer in answers)


def test_export_carries_the_agenda_as_an_agenda_file_has_it(store):
    """So that ``flask export`` → ``flask import`` makes the same workshop again."""
    definition = {
        "title": "Kaizen",
        "language": "en",
        "planned_date": "2027-03-18",
        "planned_start": "09:30",
        "planned_minutes": 60,
        "retention_days": 14,
        "anonymity_threshold": 4,
        "video_link": "https://meet.example.org/{workshop}-{group}",
        "items": [
            {"kind": "content", "title": "Welcome", "minutes": 2, "config": {"body": "Hi"}},
            {"kind": "rating", "title": "Check-in", "minutes": 3, "config": {"maximum": 10}},
        ],
    }
    workshop = create_workshop(store, definition)
    store.add_participant(workshop.id, "Anna")

    agenda = store.export_workshop(workshop.id)["agenda"]

    assert agenda == store.definition(workshop.id)
    assert validated_definition(agenda) == validated_definition(definition)
    assert workshop.presenter_token not in json.dumps(agenda)


def test_export_contains_the_threshold_and_which_answers_are_hidden(store):
    workshop, items, (anna, ben) = answered_workshop(store)
    store.set_threshold(workshop, 6)
    store.set_answer_hidden(items[1], store.answer_of(items[1], anna.id).id, True)

    export = store.export_workshop(workshop.id)

    assert export["workshop"]["anonymity_threshold"] == 6
    hidden = {a["value"]: a["hidden"] for a in export["items"][1]["answers"]}
    assert hidden == {"o1": True, "o3": False}
    assert [a["hidden"] for a in export["items"][2]["answers"]] == [False]


def test_export_of_a_new_workshop_has_the_default_threshold(store):
    workshop, _ = create(store)

    export = store.export_workshop(workshop.id)

    assert export["workshop"]["anonymity_threshold"] == DEFAULT_ANONYMITY_THRESHOLD


def test_export_contains_no_secrets_and_no_participant_ids(store):
    workshop, items, participants = answered_workshop(store)
    store.set_threshold(workshop, 2)
    store.set_answer_hidden(items[1], store.answer_of(items[1], participants[0].id).id, True)

    dump = json.dumps(store.export_workshop(workshop.id), ensure_ascii=False)

    assert workshop.presenter_token not in dump
    assert workshop.screen_token not in dump
    assert "presenter_token" not in dump
    assert "screen_token" not in dump
    for participant in participants:
        assert participant.id not in dump
    assert "participant_id" not in dump
    assert "Anna" not in dump  # display names are identities too


def test_export_leaves_out_other_workshops(store):
    workshop, _, _ = answered_workshop(store, "Mine")
    other, other_items, _ = answered_workshop(store, "Theirs")

    dump = json.dumps(store.export_workshop(workshop.id))

    assert other.id not in dump
    assert all(item.id not in dump for item in other_items)
    assert store.export_workshop(workshop.id)["participants"] == 2


def test_export_of_an_unknown_workshop_is_refused(store):
    assert refusal_of(store.export_workshop, "nope").code == "unknown_workshop"


def rows_mentioning(store, *values):
    """Every row, in every table of the database, that contains one of ``values``."""
    found = []
    for table in store.db.table_names():
        for row in store.db.query(f"SELECT * FROM [{table}]"):
            if any(value in row.values() for value in values):
                found.append((table, row))
    return found


def test_delete_workshop_removes_all_its_rows_and_nothing_else(store):
    doomed, doomed_items, doomed_people = answered_workshop(store, "Doomed")
    kept, kept_items, kept_people = answered_workshop(store, "Kept")
    store.set_current_item(doomed, opened(doomed_items[1], 10.0, True))
    kept_export = store.export_workshop(kept.id)
    doomed_ids = [doomed.id, *(i.id for i in doomed_items), *(p.id for p in doomed_people)]
    assert rows_mentioning(store, *doomed_ids)

    store.delete_workshop(doomed.id)

    assert rows_mentioning(store, *doomed_ids) == []
    assert refusal_of(store.workshop, doomed.id).code == "unknown_workshop"
    assert refusal_of(store.workshop_by_code, doomed.join_code).code == "unknown_workshop"
    assert store.export_workshop(kept.id) == kept_export
    assert store.items(kept.id) == kept_items
    assert store.participant_count(kept.id) == 2
    assert len(store.answers(kept_items[1].id)) == 2
    assert [w.id for w in store.workshops()] == [kept.id]


def test_delete_of_an_unknown_workshop_is_refused(store):
    create(store)

    assert refusal_of(store.delete_workshop, "nope").code == "unknown_workshop"
    assert len(store.workshops()) == 1


def test_a_table_a_migration_adds_with_a_workshop_id_goes_with_its_workshop(store):
    extra = Migrations("facilitation-test-extra")

    @extra()
    def m001_reactions(db):
        # No ON DELETE CASCADE: deleted in the wrong order, the foreign key would refuse.
        db.execute(
            "CREATE TABLE reactions (id TEXT PRIMARY KEY,"
            " workshop_id TEXT NOT NULL REFERENCES workshops(id),"
            " participant_id TEXT NOT NULL REFERENCES participants(id), emoji TEXT)"
        )

    extra.apply(store.db)
    doomed, _items, doomed_people = answered_workshop(store, "Doomed")
    kept, _items, kept_people = answered_workshop(store, "Kept")
    store.db.table("reactions").insert_all(
        [
            {"id": "r1", "workshop_id": doomed.id, "participant_id": doomed_people[0].id},
            {"id": "r2", "workshop_id": kept.id, "participant_id": kept_people[0].id},
        ]
    )

    store.delete_workshop(doomed.id)

    assert [row["id"] for row in store.db.table("reactions").rows] == ["r2"]
    assert [w.id for w in store.workshops()] == [kept.id]


def test_the_tables_of_a_workshop_come_from_the_schema_children_first(store):
    tables = tables_by_workshop(store.db)
    with_workshop_id = {t.name for t in store.db.tables if "workshop_id" in t.columns_dict}
    assert set(tables) == with_workshop_id | {"workshops"}
    assert tables[-1] == "workshops" and "series" not in tables
    for position, name in enumerate(tables):
        for key in store.db.table(name).foreign_keys:
            if key.other_table in tables and key.other_table != name:
                assert tables.index(key.other_table) > position, (name, key.other_table)


# -- every write is committed before the call returns --------------------------------


def test_writes_are_visible_to_another_connection_right_away(file_store, other_store):
    workshop, items = create(file_store)
    assert other_store.workshop(workshop.id) == workshop
    assert other_store.items(workshop.id) == items

    anna = file_store.add_participant(workshop.id, "Anna")
    assert other_store.participant(workshop.id, anna.id) == anna

    workshop = file_store.set_current_item(workshop, opened(items[1], 50.0, True))
    assert other_store.workshop(workshop.id).current_item_id == items[1].id
    assert other_store.item(workshop.id, items[1].id).status == OPEN

    file_store.save_answer(items[1], anna.id, "o2")
    assert values(other_store.answers(items[1].id)) == ["o2"]
    _, answer = file_store.save_answer(items[1], anna.id, "o3")
    assert other_store.answers(items[1].id) == [answer]

    file_store.set_answer_hidden(items[1], answer.id, True)
    assert other_store.answers(items[1].id) == [Answer(answer.id, "o3", True)]

    revealed = with_results_revealed(file_store.item(workshop.id, items[1].id), True, True)
    file_store.save_item(revealed.replace(highlight=answer.id))
    assert other_store.item(workshop.id, items[1].id).revealed is True
    assert other_store.item(workshop.id, items[1].id).highlight == answer.id

    added = file_store.add_item(workshop.id, item_definition())
    assert other_store.items(workshop.id)[-1] == added
    added = file_store.update_item(added, item_definition("Renamed"))
    assert other_store.item(workshop.id, added.id).title == "Renamed"
    file_store.delete_item(added)
    assert [item.id for item in other_store.items(workshop.id)] == [item.id for item in items]

    workshop = file_store.set_threshold(workshop, 7)
    assert other_store.workshop(workshop.id).anonymity_threshold == 7

    file_store.delete_answers(items[1])
    assert other_store.answers(items[1].id) == []

    file_store.save_item(closed(file_store.item(workshop.id, items[1].id), True))
    assert other_store.item(workshop.id, items[1].id).status == CLOSED

    file_store.delete_workshop(workshop.id)
    assert other_store.workshops() == []


def test_no_transaction_stays_open_after_a_write(file_store):
    workshop, items = create(file_store)
    anna = file_store.add_participant(workshop.id, "Anna")
    file_store.save_answer(items[1], anna.id, "o1")
    file_store.save_answer(items[1], anna.id, "o1")
    file_store.set_current_item(workshop, opened(items[1], 1.0, True))
    file_store.save_item(items[2])
    _, answer = file_store.save_answer(items[1], anna.id, "o2")
    file_store.set_answer_hidden(items[1], answer.id, True)
    with pytest.raises(Refusal):
        file_store.set_answer_hidden(items[1], "nope", True)
    added = file_store.add_item(workshop.id, item_definition())
    added = file_store.update_item(added, item_definition("Renamed"))
    file_store.delete_item(added)
    file_store.set_threshold(workshop, 5)
    file_store.delete_answers(items[1])

    assert not file_store.db.conn.in_transaction
