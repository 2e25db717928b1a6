"""Two server processes behind a real nginx, joined by a real Redis (docs/deploy.md).

Each workshop lives on one process: nginx sends its Socket.IO requests by the
``workshop`` query (``hash $arg_workshop consistent``), pages go to either process.
Locally the test is skipped when redis-server or nginx is missing; in CI
(``CI=true``, where ``.ci/run`` installs both) it fails instead.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest
import socketio

from facilitation.storage import Store
from facilitation.workshops import create_workshop
from tests.integration.test_organizer_live import Organizer
from tests.support import (
    LiveClient,
    ServerProcess,
    free_port,
    http_request,
    join,
    socket_url,
    wait_for_port,
)

POLL = {
    "title": "Plenary",
    "language": "en",
    "anonymity_threshold": 1,
    "items": [
        {
            "kind": "single_choice",
            "title": "Coffee or tea?",
            "minutes": 2,
            "config": {"options": ["Coffee", "Tea"], "results": "live"},
        }
    ],
}


def _tool(name: str) -> str:
    """The path of a Debian package's server, or skip (fail in CI) when it is missing."""
    found = shutil.which(name) or next(
        (str(p) for p in (Path("/usr/sbin") / name, Path("/usr/bin") / name) if p.exists()), None
    )
    if found is None:
        reason = f"{name} is not installed (Debian package: apt-get install {name})"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{reason}; .ci/run installs it in CI")
        pytest.skip(reason)
    return found


def _start(command: list[str], log: Path) -> subprocess.Popen:
    with open(log, "w") as handle:
        return subprocess.Popen(
            command, stdout=handle, stderr=subprocess.STDOUT, start_new_session=True
        )


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


NGINX = """
worker_processes 1;
error_log {folder}/nginx-error.log warn;
pid {folder}/nginx.pid;
{user}
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {folder}/body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    map $http_upgrade $connection_upgrade {{ default upgrade; '' close; }}
    upstream facilitation_live {{
        hash $arg_workshop consistent;
        {live_servers}
    }}
    upstream facilitation_pages {{
        least_conn;
        {page_servers}
    }}
    server {{
        listen 127.0.0.1:{port};
        location /socket.io/ {{
            proxy_pass http://facilitation_live;
            proxy_http_version 1.1;
            proxy_set_header Upgrade $http_upgrade;
            proxy_set_header Connection $connection_upgrade;
            proxy_set_header Host $http_host;
            proxy_buffering off;
            proxy_next_upstream error timeout;
            proxy_connect_timeout 2s;
            proxy_read_timeout 60s;
        }}
        location / {{
            proxy_pass http://facilitation_pages;
            proxy_set_header Host $http_host;
            proxy_next_upstream error timeout;
        }}
    }}
}}
"""


class Instance:
    """Redis, two server processes on one SQLite file, and nginx in front of them."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.database = folder / "facilitation.db"
        redis_port = free_port()
        self.redis = _start(
            [
                _tool("redis-server"),
                "--port",
                str(redis_port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(folder),
            ],
            folder / "redis.log",
        )
        wait_for_port(redis_port, self.redis, folder / "redis.log")
        self.env = {
            "FACILITATION_MESSAGE_QUEUE": f"redis://127.0.0.1:{redis_port}/0",
            "FACILITATION_JANITOR_INTERVAL": "0.5",
        }
        Store(self.database).close()  # migrate once, before two processes start
        self.ports = [free_port(), free_port()]
        self.servers = [self._server(index) for index in range(2)]
        self.port = free_port()
        user = "user root;" if os.geteuid() == 0 else ""
        for temp in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
            (folder / temp).mkdir(exist_ok=True)
        lines = [f"server 127.0.0.1:{port} max_fails=1 fail_timeout=2s;" for port in self.ports]
        config = folder / "nginx.conf"
        config.write_text(
            NGINX.format(
                folder=folder,
                user=user,
                port=self.port,
                live_servers="\n        ".join(lines),
                page_servers="\n        ".join(lines),
            )
        )
        self.nginx = _start(
            [_tool("nginx"), "-p", str(folder), "-c", str(config), "-g", "daemon off;"],
            folder / "nginx.log",
        )
        wait_for_port(self.port, self.nginx, folder / "nginx.log")
        self.store = Store(self.database)

    def _server(self, index: int) -> ServerProcess:
        return ServerProcess.start(
            self.database,
            self.env,
            port=self.ports[index],
            log=self.folder / f"server-{index}-{time.monotonic_ns()}.log",
        )

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def restart(self, index: int) -> None:
        self.servers[index] = self._server(index)

    def held(self) -> list[int]:
        """How many workshops each process holds in memory (its /healthz)."""
        counts = []
        for server in self.servers:
            if server.process.poll() is not None:
                counts.append(0)
                continue
            status, _, body = http_request(server.url, "GET", "/healthz")
            assert status == 200, body
            counts.append(int(body.split('"workshops_in_memory":')[1].split("}")[0].strip()))
        return counts

    def close(self) -> None:
        self.store.close()
        _stop(self.nginx)
        outputs = [server.stop() for server in self.servers]
        _stop(self.redis)
        for output in outputs:
            assert "Traceback" not in output, output


@pytest.fixture
def instance(tmp_path):
    _tool("redis-server"), _tool("nginx")
    started = Instance(tmp_path)
    yield started
    started.close()


def presenter(instance, workshop) -> LiveClient:
    auth = {"role": "presenter", "workshop_id": workshop.id, "key": workshop.presenter_token}
    return LiveClient(instance.url, auth).connect()


def owner_of(instance, workshop, before: list[int]) -> int:
    """Which process took the workshop on (its count of held workshops went up)."""
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        after = instance.held()
        grew = [index for index in range(2) if after[index] > before[index]]
        if grew:
            assert len(grew) == 1, (before, after)
            return grew[0]
        time.sleep(0.05)
    raise AssertionError("no process took the workshop on")


def placed(instance, count=2, owner_id=None):
    """Workshops with a presenter connected through nginx, until both processes own one:
    ``{process index: (workshop, presenter)}``."""
    owners: dict[int, tuple] = {}
    for _ in range(40):
        workshop = create_workshop(instance.store, POLL, owner_id)
        before = instance.held()
        client = presenter(instance, workshop)
        index = owner_of(instance, workshop, before)
        if index in owners:
            client.close()
            continue
        owners[index] = (workshop, client)
        if len(owners) == count:
            return owners
    raise AssertionError("forty workshops all hashed to one process")


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
