"""Organizer accounts, one-time links, sharing and saved templates in SQLite."""

import time

import pytest

from facilitation.domain.errors import Refusal
from facilitation.storage.organizers import token_digest
from facilitation.workshops import create_workshop, end_workshop
from tests.conftest import POLL


def test_one_time_links_are_stored_only_as_a_hash(store):
    maria = store.add_organizer("maria@example.org", "Maria")
    token = store.new_sign_in_link(maria)
    rows = list(store.db.query("SELECT * FROM organizer_links"))
    assert [row["token_hash"] for row in rows] == [token_digest(token)]
    assert token not in str(rows)
    assert store.organizer_for_link(token).id == maria.id


def test_a_link_expires_after_a_day_and_a_newer_one_replaces_it(store):
    maria = store.add_organizer("maria@example.org")
    old = store.new_sign_in_link(maria, now=1000.0)
    assert store.organizer_for_link(old, now=1000.0 + 23 * 3600).id == maria.id
    assert store.organizer_for_link(old, now=1000.0 + 25 * 3600) is None
    new = store.new_sign_in_link(maria)
    assert store.organizer_for_link(old, now=1001.0) is None
    assert store.organizer_for_link(new).id == maria.id


def test_using_a_link_sets_the_password_and_spends_it(store):
    maria = store.add_organizer("maria@example.org")
    token = store.new_sign_in_link(maria)
    done = store.use_sign_in_link(maria, "hash", name="Maria B", email="mb@example.org")
    assert (done.name, done.email, done.password_hash) == ("Maria B", "mb@example.org", "hash")
    assert store.organizer_for_link(token) is None


@pytest.mark.parametrize("token", [None, "", "short", "x" * 200, 5])
def test_odd_tokens_find_nobody(store, token):
    store.new_sign_in_link(store.add_organizer("maria@example.org"))
    assert store.organizer_for_link(token) is None


def test_emails_are_unique(store):
    store.add_organizer("maria@example.org")
    other = store.add_organizer("jan@example.org")
    with pytest.raises(Refusal) as refused:
        store.add_organizer("maria@example.org")
    assert refused.value.code == "organizer_exists"
    with pytest.raises(Refusal):
        store.update_organizer(other, email="maria@example.org")


def test_an_organizer_sees_own_and_shared_workshops_only(store):
    maria = store.add_organizer("maria@example.org")
    jan = store.add_organizer("jan@example.org")
    hers = create_workshop(store, POLL, owner_id=maria.id)
    his = create_workshop(store, POLL, owner_id=jan.id)
    assert [w.id for w in store.workshops_of(maria.id)] == [hers.id]
    assert not store.may_organize(his, maria.id)
    store.share_workshop(his.id, maria.id)
    store.share_workshop(his.id, maria.id)
    assert {w.id for w in store.workshops_of(maria.id)} == {hers.id, his.id}
    assert store.may_organize(his, maria.id)
    assert [o.email for o in store.co_organizers(his.id)] == ["maria@example.org"]
    store.unshare_workshop(his.id, maria.id)
    assert not store.may_organize(his, maria.id)


def test_workshops_without_an_owner_are_adopted(store):
    orphan = create_workshop(store, POLL)
    maria = store.add_organizer("maria@example.org")
    assert store.adopt_workshops(maria.id) == 1
    assert store.workshop(orphan.id).owner_id == maria.id


def test_deleting_a_workshop_removes_its_shares(store):
    maria = store.add_organizer("maria@example.org")
    jan = store.add_organizer("jan@example.org")
    workshop = create_workshop(store, POLL, owner_id=maria.id)
    store.share_workshop(workshop.id, jan.id)
    store.delete_workshop(workshop.id)
    assert store.db["workshop_shares"].count == 0
    assert store.db["organizers"].count == 2


def test_saved_templates_belong_to_their_organizer(store):
    maria = store.add_organizer("maria@example.org")
    jan = store.add_organizer("jan@example.org")
    template_id = store.save_template(maria.id, "Retro", "de", "title: Retro\n")
    assert [t["title"] for t in store.saved_templates(maria.id)] == ["Retro"]
    assert store.saved_templates(jan.id) == []
    with pytest.raises(Refusal):
        store.saved_template(jan.id, template_id)
    with pytest.raises(Refusal):
        store.delete_saved_template(jan.id, template_id)
    store.delete_saved_template(maria.id, template_id)
    assert store.saved_templates(maria.id) == []


def test_keys_rotate_one_at_a_time(store):
    workshop = create_workshop(store, POLL)
    assert workshop.moderator_token and workshop.moderator_token != workshop.presenter_token
    rotated = store.rotate_key(workshop, "moderator")
    assert rotated.moderator_token != workshop.moderator_token
    assert (rotated.presenter_token, rotated.screen_token) == (
        workshop.presenter_token,
        workshop.screen_token,
    )
    with pytest.raises(Refusal):
        store.rotate_key(workshop, "participant")


def test_items_can_be_inserted_after_another_and_reordered(store):
    workshop = create_workshop(store, POLL)
    first, second, third = store.items(workshop.id)
    copy = store.add_item(
        workshop.id,
        {"kind": "content", "title": "Copy", "minutes": 1, "config": {"body": "x"}},
        after=first,
    )
    assert [i.title for i in store.items(workshop.id)] == [
        "Welcome",
        "Copy",
        second.title,
        "Input",
    ]
    store.reorder_items(workshop.id, [third.id, copy.id, second.id, first.id])
    items = store.items(workshop.id)
    assert [i.id for i in items] == [third.id, copy.id, second.id, first.id]
    assert [i.position for i in items] == [0, 1, 2, 3]
    for bad in ([third.id, copy.id, second.id], [first.id] * 4, [*map(str, range(4))]):
        with pytest.raises(Refusal) as refused:
            store.reorder_items(workshop.id, bad)
        assert refused.value.code == "invalid_order"
    assert [i.id for i in store.items(workshop.id)] == [third.id, copy.id, second.id, first.id]


def test_ending_closes_open_polls_and_returns_everyone_to_the_lobby(store):
    workshop = create_workshop(store, POLL)
    poll = store.items(workshop.id)[1]
    workshop = store.set_current_item(workshop, poll.replace(status="open", opened_at=1.0))
    now = time.time()
    ended = end_workshop(store, workshop, now)
    assert (ended.ended_at, ended.current_item_id, ended.status) == (now, None, "ended")
    assert store.item(workshop.id, poll.id).status == "closed"
    with pytest.raises(Refusal) as refused:
        end_workshop(store, ended, now)
    assert refused.value.code == "workshop_ended"


def test_the_library_counts_participants_and_minutes(store):
    workshop = create_workshop(store, POLL)
    store.add_participant(workshop.id, "")
    store.add_participant(workshop.id, "Jo")
    facts = store.library([workshop.id])[workshop.id]
    assert (facts["joined"], facts["minutes"]) == (2, 17)
    assert store.library([]) == {}
