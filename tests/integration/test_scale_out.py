"""Two server processes behind a real nginx, joined by a real Redis (docs/deploy.md).

Each workshop lives on one process: nginx sends its Socket.IO requests by the
``workshop`` query (``hash $arg_workshop consistent``), pages go to either process.
Locally the test is skipped when redis-server or nginx is missing; in CI
(``CI=true``, where ``.ci/run`` installs both) it fails instead.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import redis
import socketio

from facilitation.realtime.cluster import CHANNEL
from tests.instance import placed
from tests.integration.test_organizer_live import Organizer
from tests.support import LiveClient, join, socket_url


class Participant:
    """A participant's socket through nginx that reconnects by itself, as a page does."""

    def __init__(self, instance, workshop, join_url: str):
        self.cookie = join(join_url, workshop.join_code)
        self.auth = {"role": "participant", "workshop_id": workshop.id}
        self.sio = socketio.Client(
            reconnection=True, reconnection_delay=0.1, reconnection_delay_max=0.5
        )
        # The library leaves a dropped websocket's socket open when it reconnects.
        self.sio.on("disconnect", self._dropped)
        self.sio.connect(
            socket_url(instance.url, self.auth),
            headers={"Cookie": self.cookie},
            auth=self.auth,
            transports=["websocket"],
            wait_timeout=5,
        )

    def vote(self, item_id: str, value: str, timeout: float = 5):
        return self.sio.call("vote", {"item_id": item_id, "value": value}, timeout=timeout)

    def state(self) -> dict:
        ack = self.sio.call("get_state", {}, timeout=5)
        assert ack["ok"], ack
        return ack["state"]

    def _dropped(self, reason=None):
        if reason != self.sio.reason.CLIENT_DISCONNECT:
            self._close_websocket()

    def _close_websocket(self):
        websocket = getattr(self.sio.eio, "ws", None)
        if websocket is not None:
            websocket.shutdown()

    def close(self):
        self.sio.disconnect()
        self._close_websocket()


def test_workshops_land_on_different_processes_and_each_runs_end_to_end(instance):
    owners = placed(instance)
    for index, (workshop, host) in owners.items():
        item = instance.store.items(workshop.id)[0]
        assert host.call("open_item", {"item_id": item.id})["ok"]
        # The join form is served by the other process; the socket goes to the owner.
        other = instance.servers[1 - index].url
        people = [Participant(instance, workshop, other) for _ in range(3)]
        for number, person in enumerate(people):
            ack = person.vote(item.id, "o1" if number else "o2")
            assert ack["ok"], ack
        tally = host.wait_for("tally", lambda payload: payload["answers"] == 3)
        assert counts(tally["results"]) == {"o1": 2, "o2": 1}
        for person in people:
            person.close()
        host.close()
    # Each process holds exactly its own workshop.
    assert instance.held() == [1, 1]
    # Whatever else arrives on the processes' channel is ignored (the servers' logs are
    # checked for tracebacks when the instance stops).
    channel = redis.Redis.from_url(instance.env["FACILITATION_MESSAGE_QUEUE"])
    for junk in (
        "not json",
        "[1, 2]",
        '{"change": "deleted"}',
        '{"change": "x", "workshop_id": 1}',
    ):
        assert channel.publish(CHANNEL, junk) == 2  # both processes listen
    survivor = Participant(instance, owners[0][0], instance.url)
    assert survivor.state()["workshop"]["id"] == owners[0][0].id
    survivor.close()
    channel.close()


def test_organizer_actions_on_the_other_process_reach_the_owners_connections(instance):
    organizer = Organizer(instance.servers[0], instance.store, "organizer@example.org")
    owners = placed(instance, owner_id=organizer.id)
    (index, (workshop, host)), (doomed_index, (doomed, doomed_host)) = owners.items()
    organizer.close()
    organizer = Organizer(instance.servers[1 - index], instance.store, "organizer@example.org")
    person = Participant(instance, workshop, instance.url)

    # The presenter key is rotated on the process that does not hold the workshop.
    organizer.post(f"/organize/w/{workshop.id}/rotate/presenter", page=f"/organize/w/{workshop.id}")
    fact = host.wait_for("key_rotated")
    assert fact["code"] == "key_rotated"
    deadline = time.monotonic() + 5
    while host.sio.connected and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not host.sio.connected
    # The participant of that workshop is untouched: only the presenter key changed.
    assert person.state()["workshop"]["id"] == workshop.id

    # A workshop held by the other process is deleted here (organizer on the process that
    # holds `workshop`, not `doomed`): the owner tells its presenter and closes it.
    organizer_here = Organizer(instance.servers[index], instance.store, "organizer@example.org")
    page = f"/organize/w/{doomed.id}/delete"
    organizer_here.post(page, page=page)
    fact = doomed_host.wait_for("workshop_deleted")
    assert fact["code"] == "workshop_deleted"
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and (
        doomed_host.sio.connected or instance.held()[doomed_index]
    ):
        time.sleep(0.05)
    assert not doomed_host.sio.connected
    assert instance.held()[doomed_index] == 0
    person.close()
    organizer.close()
    organizer_here.close()


def test_a_killed_process_hands_its_workshop_over_and_no_acknowledged_vote_is_lost(instance):
    owners = placed(instance, count=1)
    ((index, (workshop, host)),) = owners.items()
    host.close()
    item = instance.store.items(workshop.id)[0]
    auth = {"role": "presenter", "workshop_id": workshop.id, "key": workshop.presenter_token}
    people = [Participant(instance, workshop, instance.url) for _ in range(8)]
    watcher = LiveClient(instance.url, auth).connect()
    assert watcher.call("open_item", {"item_id": item.id})["ok"]
    acked = sum(person.vote(item.id, "o1")["ok"] for person in people[:5])
    assert acked == 5

    os.kill(instance.servers[index].process.pid, signal.SIGKILL)
    instance.servers[index].process.wait()
    # Every participant reconnects through nginx, to the other process, which loads the
    # workshop from SQLite; the last three vote there.
    for person in people[5:]:
        ack = _retry(lambda person=person: person.vote(item.id, "o2"))
        assert ack["ok"], ack
    survivor = LiveClient(instance.url, auth).connect()
    state = survivor.state()
    assert state["item"]["answers"] == 8
    assert counts(state["item"]["results"]) == {"o1": 5, "o2": 3}
    assert instance.held()[1 - index] == 1
    for person in people:
        assert _retry(person.state)["my_answers"][item.id] in ("o1", "o2")

    # The process comes back: nginx sends the workshop to it again, the survivor lets go
    # (its connections reconnect there) and nothing is counted twice or lost.
    instance.restart(index)
    time.sleep(2.2)  # nginx retries the process once fail_timeout has passed
    late = Participant(instance, workshop, instance.url)
    assert late.vote(item.id, "o2")["ok"]
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and instance.held() != _only(index):
        time.sleep(0.1)
    assert instance.held() == _only(index)
    for person in people:
        _retry(person.state)
    last = LiveClient(instance.url, auth).connect()
    final = last.state()
    assert final["item"]["answers"] == 9
    assert counts(final["item"]["results"]) == {"o1": 5, "o2": 4}
    for client in [*people, late, last, survivor, watcher]:
        client.close()


def counts(results: dict) -> dict:
    """A choice poll's counts by option id."""
    return {option["id"]: option["count"] for option in results["options"]}


def _only(index: int) -> list[int]:
    """Held counts when only process ``index`` holds the one workshop."""
    return [1 if i == index else 0 for i in range(2)]


def _retry(action, timeout: float = 15):
    """``action()`` until it stops failing because the connection is being re-established."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            return action()
        except (socketio.exceptions.TimeoutError, socketio.exceptions.BadNamespaceError):
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def test_a_workshop_deleted_on_the_command_line_is_closed_at_once_by_its_process(instance):
    ((_index, (workshop, host)),) = placed(instance, count=1).items()
    env = {
        **os.environ,
        **instance.env,
        "FACILITATION_DATABASE": str(instance.database),
        "FACILITATION_SECRET_KEY": "integration-test-secret",
    }
    done = subprocess.run(
        [sys.executable, "-m", "flask", "--app", "facilitation", "delete", workshop.id, "--yes"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    # Well before the janitor's next sweep (30 s here): the message came over Redis.
    fact = host.wait_for("workshop_deleted", timeout=3)
    assert fact["code"] == "workshop_deleted"
    deadline = time.monotonic() + 3
    while host.sio.connected and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not host.sio.connected
    host.close()
