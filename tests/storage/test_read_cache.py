"""Workshops and items come from memory only while nothing but answers changed."""

from contextlib import closing

import pytest

from facilitation.domain.errors import Refusal
from facilitation.domain.workshop import opened
from facilitation.storage import Store
from facilitation.workshops import create_workshop
from tests.conftest import POLL


def _setup(path):
    store = Store(path)
    workshop = create_workshop(store, POLL)
    item = next(item for item in store.items(workshop.id) if item.kind == "single_choice")
    store.set_current_item(workshop, opened(item, 1.0, True), 1.0)
    return store, store.workshop(workshop.id), store.item(workshop.id, item.id)


def test_votes_leave_the_workshop_and_item_in_memory(tmp_path):
    store, workshop, item = _setup(tmp_path / "x.db")
    with closing(store):
        for number in range(3):
            participant = store.add_participant(workshop.id, f"P{number}")
            first = store.workshop(workshop.id), store.item(workshop.id, item.id)
            store.save_answer(item, participant.id, "o1")
            second = store.workshop(workshop.id), store.item(workshop.id, item.id)
            # The very objects: no read of the database after the answer.
            assert second[0] is first[0] and second[1] is first[1]


def test_a_write_of_this_store_is_read_at_once(tmp_path):
    store, workshop, item = _setup(tmp_path / "x.db")
    with closing(store):
        store.item(workshop.id, item.id)
        store.set_threshold(workshop, 7)
        assert store.workshop(workshop.id).anonymity_threshold == 7
        store.save_item(item.replace(status="closed"))
        assert store.item(workshop.id, item.id).status == "closed"


def test_a_commit_by_another_process_is_read_at_once(tmp_path):
    store, workshop, item = _setup(tmp_path / "x.db")
    with closing(store), closing(Store(tmp_path / "x.db")) as other:
        assert store.workshop(workshop.id).anonymity_threshold != 9
        other.set_threshold(other.workshop(workshop.id), 9)
        other.save_item(other.item(workshop.id, item.id).replace(status="closed"))
        assert store.workshop(workshop.id).anonymity_threshold == 9
        assert store.item(workshop.id, item.id).status == "closed"
        other.delete_workshop(workshop.id)
        assert not store.existing_workshop_ids([workshop.id])
        with pytest.raises(Refusal) as refused:
            store.workshop(workshop.id)
        assert refused.value.code == "unknown_workshop"
