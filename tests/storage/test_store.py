"""Tests for facilitation.storage: the SQLite store on a real file, without an app."""

import json
from contextlib import closing

import pytest

from facilitation.domain.errors import Refusal
from facilitation.domain.workshop import CLOSED, OPEN, closed, opened
from facilitation.storage import Store
from facilitation.storage.migrations import migrations
from facilitation.workshops import validated_definition

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
def store(path):
    """A store on its own database file (this module needs no app)."""
    store = Store(path)
    yield store
    store.close()


@pytest.fixture
def other_store(path, store):
    """A second connection to the same file, opened after ``store``."""
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


# -- opening a database ---------------------------------------------------------


def test_migrations_create_the_tables(store):
    assert {"workshops", "agenda_items", "participants", "answers"} <= set(store.db.table_names())
    assert migrations.pending(store.db) == []


def test_opening_the_same_file_again_applies_migrations_only_once(path, store):
    create(store)
    with closing(Store(path)) as again:
        assert len(again.workshops()) == 1
    with closing(Store(path)) as third:
        rows = list(third.db.query("SELECT migration_set, name FROM _sqlite_migrations"))

    names = [row["name"] for row in rows if row["migration_set"] == "facilitation"]
    assert names.count("m001_workshops_agenda_participants_answers") == 1
    assert len(names) == len(set(names))


def test_database_uses_write_ahead_logging(store):
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_foreign_keys_are_enforced(store):
    assert store.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1


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
    assert items[0].config == {"body": "Hello"}
    assert items[1].config == {
        "options": [
            {"id": "o1", "label": "Hide them"},
            {"id": "o2", "label": "Fix them"},
            {"id": "o3", "label": "Learn together"},
        ]
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


def test_save_answer_returns_the_previous_value(store):
    workshop, items = create(store)
    anna = store.add_participant(workshop.id, "Anna")

    assert store.save_answer(items[1], anna.id, "o1") is None
    assert store.save_answer(items[1], anna.id, "o2") == "o1"
    assert store.save_answer(items[1], anna.id, "o3") == "o2"
    assert store.answers(items[1].id) == ["o3"]


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
    assert sorted(store.answers(items[1].id)) == ["o2", "o3"]
    assert store.answers(items[2].id) == ["good"]


def test_repeated_identical_answer_writes_nothing(store):
    workshop, items = create(store)
    anna = store.add_participant(workshop.id, "Anna")
    store.save_answer(items[1], anna.id, "o2")
    before = list(store.db.query("SELECT * FROM answers"))
    changes = store.db.conn.total_changes

    assert store.save_answer(items[1], anna.id, "o2") == "o2"

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

    assert store.answers(items[1].id) == [{"words": ["Mut", "Größe"], "n": 2}]


# -- export and deletion ------------------------------------------------------------


def answered_workshop(store, title="Kaizen"):
    workshop, items = create(store, title)
    anna = store.add_participant(workshop.id, "Anna")
    ben = store.add_participant(workshop.id, "Ben")
    store.save_answer(items[1], anna.id, "o1")
    store.save_answer(items[1], ben.id, "o3")
    store.save_answer(items[2], ben.id, "good")
    return workshop, items, [anna, ben]


def test_export_contains_items_and_answers_with_participant_numbers(store):
    workshop, items, (anna, ben) = answered_workshop(store)

    export = store.export_workshop(workshop.id)

    assert export["workshop"]["title"] == "Kaizen"
    assert export["workshop"]["language"] == "en"
    assert export["participants"] == 2
    assert [item["title"] for item in export["items"]] == ["Welcome", "Check-in", "Closing"]
    assert [item["position"] for item in export["items"]] == [0, 1, 2]
    assert export["items"][1]["config"] == items[1].config
    assert export["items"][0]["answers"] == []
    poll_answers = {a["participant"]: a["value"] for a in export["items"][1]["answers"]}
    assert poll_answers == {anna.number: "o1", ben.number: "o3"}
    assert [(a["participant"], a["value"]) for a in export["items"][2]["answers"]] == [
        (ben.number, "good")
    ]


def test_export_contains_no_secrets_and_no_participant_ids(store):
    workshop, _, participants = answered_workshop(store)

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


# -- every write is committed before the call returns --------------------------------


def test_writes_are_visible_to_another_connection_right_away(store, other_store):
    workshop, items = create(store)
    assert other_store.workshop(workshop.id) == workshop
    assert other_store.items(workshop.id) == items

    anna = store.add_participant(workshop.id, "Anna")
    assert other_store.participant(workshop.id, anna.id) == anna

    workshop = store.set_current_item(workshop, opened(items[1], 50.0, True))
    assert other_store.workshop(workshop.id).current_item_id == items[1].id
    assert other_store.item(workshop.id, items[1].id).status == OPEN

    store.save_answer(items[1], anna.id, "o2")
    assert other_store.answers(items[1].id) == ["o2"]
    store.save_answer(items[1], anna.id, "o3")
    assert other_store.answers(items[1].id) == ["o3"]

    store.save_item(closed(store.item(workshop.id, items[1].id), True))
    assert other_store.item(workshop.id, items[1].id).status == CLOSED

    store.delete_workshop(workshop.id)
    assert other_store.workshops() == []


def test_no_transaction_stays_open_after_a_write(store):
    workshop, items = create(store)
    anna = store.add_participant(workshop.id, "Anna")
    store.save_answer(items[1], anna.id, "o1")
    store.save_answer(items[1], anna.id, "o1")
    store.set_current_item(workshop, opened(items[1], 1.0, True))
    store.save_item(items[2])

    assert not store.db.conn.in_transaction
