"""The in-memory bookkeeping of the live side: command limits and the connection index."""

import time

from facilitation.realtime.connections import Connection, Connections
from facilitation.realtime.rate_limits import CommandLimits, SweptMemoryStorage


def test_a_vote_limit_refuses_the_31st_vote_in_ten_seconds_and_says_how_long_to_wait():
    limits = CommandLimits()
    assert all(limits.retry_after("vote", "p:anna") is None for _ in range(30))
    wait = limits.retry_after("vote", "p:anna")
    assert wait is not None and 1 <= wait <= 10
    # Someone else is counted on their own.
    assert limits.retry_after("vote", "p:ben") is None


def test_the_storage_is_swept_every_few_seconds_not_after_every_hit():
    limits = CommandLimits()
    time.sleep(0.05)  # the sweep the library starts when the storage is made has run
    for number in range(200):
        limits.retry_after("vote", f"p:{number}")
    timer = limits.storage.timer
    # The library would have scheduled its sweep 0.01 s after the hit; if it renames what
    # SweptMemoryStorage replaces, this fails instead of the burst silently slowing down.
    assert timer.interval == SweptMemoryStorage.SWEEP_EVERY
    time.sleep(0.05)
    assert limits.storage.timer is timer  # no new sweep was started meanwhile
    timer.cancel()


def test_expired_entries_go_with_the_sweep():
    storage = SweptMemoryStorage()
    storage.timer.cancel()
    assert storage.acquire_entry("vote/p:anna", 2, 1)
    storage.events["vote/p:anna"][0].atime -= 5
    storage.events["vote/p:anna"][0].expiry -= 5
    storage._MemoryStorage__expire_events()
    assert not storage.events.get("vote/p:anna")
    storage.timer.cancel()


def test_connections_are_indexed_by_workshop():
    connections = Connections()
    connections.add(Connection("s1", "w1", "participant", "p1"))
    connections.add(Connection("s2", "w1", "participant", "p1"))  # a second tab
    connections.add(Connection("s3", "w1", "presenter"))
    connections.add(Connection("s4", "w2", "screen"))
    assert sorted(connections.of_workshop("w1")) == ["s1", "s2", "s3"]
    assert connections.workshop_ids() == {"w1", "w2"}
    assert connections.participants_online("w1") == 1
    assert connections.holds("w2")
    assert connections.remove("s4").role == "screen"
    assert not connections.holds("w2") and connections.of_workshop("w2") == []
    for sid in ("s1", "s2", "s3"):
        connections.remove(sid)
    assert connections.workshop_ids() == set()
    assert connections.remove("s1") is None
    assert connections.participants_online("w1") == 0
