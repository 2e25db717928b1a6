"""Tests for the question board's storage: migration m003, questions, votes, export, deletion."""

import json
import sqlite3
from contextlib import closing

import pytest
from sqlite_utils import Database

from facilitation.domain.errors import Refusal
from facilitation.domain.questions import (
    ANSWERED,
    HIDDEN,
    PENDING,
    VISIBLE,
    BoardSettings,
    Question,
)
from facilitation.storage import Store
from facilitation.storage.migrations import migrations
from facilitation.workshops import create_workshop

M003 = "m003_question_board"
DEFINITION = {
    "title": "Town hall",
    "language": "de",
    "items": [{"kind": "content", "title": "Welcome", "minutes": 2, "config": {"body": "Hi"}}],
}


@pytest.fixture
def store():
    with closing(Store(":memory:")) as store:
        yield store


def setup_workshop(store, title="Town hall"):
    """A workshop with three participants: Anna, Ben and Cem."""
    workshop = create_workshop(store, {**DEFINITION, "title": title})
    people = [store.add_participant(workshop.id, name) for name in ("Anna", "Ben", "Cem")]
    return workshop, people


def ask(store, workshop, participant, qid, text="Why?", created_at=1.0, **fields):
    question = Question(qid, workshop.id, participant.id, text, created_at=created_at, **fields)
    store.add_question(question)
    return question


def columns(store, table):
    return {column.name for column in store.db[table].columns}


def test_migration_m003_adds_the_board_tables_and_columns(store):
    assert {"questions", "question_votes"} <= set(store.db.table_names())
    assert {"board", "pinned_question_id"} <= columns(store, "workshops")
    assert {"client_id", "filtered", "edited", "answered_at"} <= columns(store, "questions")
    assert migrations.pending(store.db) == []


def test_an_older_database_migrates_and_its_workshops_still_load(tmp_path):
    path = tmp_path / "old.db"
    db = Database(sqlite3.connect(str(path)))
    migrations.apply(db, stop_before=M003)
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
        assert [w.id for w in store.workshops()] == ["w1"]
        board = store.board("w1")
        assert board.settings == BoardSettings()
        assert board.questions == {} and board.pinned is None


def test_questions_come_back_as_stored_oldest_first(store):
    workshop, (anna, ben, _) = setup_workshop(store)
    later = ask(store, workshop, ben, "q2", "Wann gibt's Kaffee?\nUnd Kuchen?", 20.0, name="Ben")
    first = ask(store, workshop, anna, "q1", created_at=10.0, status=PENDING, filtered=True)

    assert store.questions(workshop.id) == [first, later]
    assert store.questions(workshop.id)[0].filtered is True
    assert store.questions(workshop.id)[1].name == "Ben"


def test_votes_are_one_per_participant_and_counted_when_the_board_loads(store):
    workshop, (anna, ben, cem) = setup_workshop(store)
    question = ask(store, workshop, anna, "q1")

    assert store.add_vote(question, ben.id) is True
    assert store.add_vote(question, ben.id) is False, "a second vote changes nothing"
    assert store.add_vote(question, cem.id) is True
    assert store.board(workshop.id).votes == {"q1": 2}
    assert store.votes_of(workshop.id, ben.id) == ["q1"]

    assert store.remove_vote(question, ben.id) is True
    assert store.remove_vote(question, ben.id) is False, "taking back no vote is fine"
    assert store.board(workshop.id).votes == {"q1": 1}
    assert store.votes_of(workshop.id, ben.id) == []


def test_saving_a_question_that_leaves_the_board_unpins_it(store):
    workshop, (anna, _, _) = setup_workshop(store)
    question = ask(store, workshop, anna, "q1")
    other = ask(store, workshop, anna, "q2", created_at=2.0)
    store.set_pinned_question(workshop.id, question.id)

    done = question.replace(status=ANSWERED, answered_at=5.0, text="Why not?", edited=True)
    store.save_question(done)
    assert store.board(workshop.id).pinned == done

    store.save_question(done.replace(status=HIDDEN))
    board = store.board(workshop.id)
    assert board.pinned is None
    assert board.question("q1").status == HIDDEN

    store.set_pinned_question(workshop.id, other.id)
    store.save_question(question.replace(status=VISIBLE))
    assert store.board(workshop.id).pinned_id == "q2", "only its own pin is dropped"


def test_deleting_a_question_removes_its_votes_and_pin(store):
    workshop, (anna, ben, _) = setup_workshop(store)
    question = ask(store, workshop, anna, "q1")
    kept = ask(store, workshop, anna, "q2", created_at=2.0)
    store.add_vote(question, ben.id)
    store.add_vote(kept, ben.id)
    store.set_pinned_question(workshop.id, question.id)

    store.delete_question(question)

    board = store.board(workshop.id)
    assert list(board.questions) == ["q2"]
    assert board.votes == {"q2": 1}
    assert board.pinned is None
    assert store.votes_of(workshop.id, ben.id) == ["q2"]


def test_board_settings_are_stored_per_workshop(store):
    workshop, _ = setup_workshop(store)
    other, _ = setup_workshop(store, "Other")
    settings = BoardSettings(open=False, premoderation=True, word_filter=("straße",))

    store.save_board_settings(workshop.id, settings)

    assert store.board(workshop.id).settings == settings
    assert store.board(other.id).settings == BoardSettings()
    assert store.workshop(workshop.id).title == "Town hall"


def test_a_client_id_stores_one_question_per_participant(store):
    workshop, (anna, ben, _) = setup_workshop(store)
    ask(store, workshop, anna, "q1", client_id="nonce")
    ask(store, workshop, ben, "q2", client_id="nonce")
    ask(store, workshop, anna, "q3")
    ask(store, workshop, anna, "q4")
    with pytest.raises(sqlite3.IntegrityError):
        ask(store, workshop, anna, "q5", client_id="nonce")
    assert store.board(workshop.id).replayed(anna.id, "nonce").id == "q1"


def test_an_unknown_workshop_has_no_board(store):
    with pytest.raises(Refusal) as refusal:
        store.board("nope")
    assert refusal.value.code == "unknown_workshop"


def test_export_lists_questions_without_askers(store):
    workshop, (anna, ben, cem) = setup_workshop(store)
    named = ask(store, workshop, anna, "q1", "Wer macht das Protokoll?", 1.0, name="Anna")
    ask(store, workshop, ben, "q2", "Hidden one", 2.0, status=HIDDEN, filtered=True)
    store.add_vote(named, ben.id)
    store.add_vote(named, cem.id)
    store.save_question(named.replace(status=ANSWERED, answered_at=9.0))

    export = store.export_workshop(workshop.id)

    assert export["questions"] == [
        {
            "text": "Wer macht das Protokoll?",
            "named": True,
            "status": ANSWERED,
            "votes": 2,
            "edited": False,
            "filtered": False,
            "created_at": 1.0,
            "answered_at": 9.0,
        },
        {
            "text": "Hidden one",
            "named": False,
            "status": HIDDEN,
            "votes": 0,
            "edited": False,
            "filtered": True,
            "created_at": 2.0,
            "answered_at": None,
        },
    ]
    dump = json.dumps(export, ensure_ascii=False)
    for person in (anna, ben, cem):
        assert person.id not in dump
    assert "Anna" not in dump and "participant_id" not in dump


def test_deleting_a_workshop_deletes_its_questions_and_votes_only(store):
    doomed, (anna, ben, _) = setup_workshop(store, "Doomed")
    kept, (kim, lea, _) = setup_workshop(store, "Kept")
    store.add_vote(ask(store, doomed, anna, "d1"), ben.id)
    store.add_vote(ask(store, kept, kim, "k1"), lea.id)
    store.set_pinned_question(doomed.id, "d1")
    kept_export = store.export_workshop(kept.id)

    store.delete_workshop(doomed.id)

    assert [row["id"] for row in store.db.query("SELECT id FROM questions")] == ["k1"]
    assert [row["question_id"] for row in store.db.query("SELECT * FROM question_votes")] == ["k1"]
    assert store.export_workshop(kept.id) == kept_export


def test_board_writes_are_visible_to_another_connection_right_away(tmp_path):
    path = tmp_path / "board.db"
    with closing(Store(path)) as writer, closing(Store(path)) as reader:
        workshop, (anna, ben, _) = setup_workshop(writer)
        question = ask(writer, workshop, anna, "q1")
        writer.add_vote(question, ben.id)
        writer.set_pinned_question(workshop.id, "q1")
        writer.save_board_settings(workshop.id, BoardSettings(open=False))
        assert not writer.db.conn.in_transaction

        board = reader.board(workshop.id)
        assert board.votes == {"q1": 1}
        assert board.pinned_id == "q1"
        assert board.settings.open is False

        writer.delete_question(question)
        assert reader.board(workshop.id).questions == {}
