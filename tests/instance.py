"""Several server processes on one SQLite file, joined by a real Redis, behind a real nginx
(docs/deploy.md), for the scale-out tests; skipped locally when redis-server or nginx is
missing, failing in CI (``CI=true``), where ``.ci/run`` installs both."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

from facilitation.storage import Store
from facilitation.workshops import create_workshop
from tests.support import LiveClient, ServerProcess, free_port, http_request, wait_for_port

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


# The test's nginx around what production runs: the shipped site's upstreams, maps and
# locations (deploy/nginx/facilitation.conf), with the test's ports, plain HTTP on
# 127.0.0.1 and its files in the test's folder.
SITE = Path(__file__).resolve().parent.parent / "deploy" / "nginx" / "facilitation.conf"
NGINX = """
worker_processes 1;
error_log {folder}/nginx-error.log warn;
pid {folder}/nginx.pid;
{user}
worker_rlimit_nofile {files};
events {{ worker_connections {connections}; }}
http {{
    client_body_temp_path {folder}/body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
{shipped}
    access_log {folder}/nginx-access.log facilitation;
    server {{
        listen 127.0.0.1:{port};
{locations}
    }}
}}
"""


def shipped_site(ports: list[int]) -> tuple[str, str]:
    """The shipped site's http-level blocks (with ``ports`` as the upstream servers; a
    failed process is retried after 2 s instead of 5) and its HTTPS server's locations."""
    text = re.sub(r"(?m)^\s*#.*$", "", SITE.read_text())
    blocks = re.findall(r"(?ms)^(?:upstream|map) [^{]*\{.*?^\}", text)
    blocks += re.findall(r"(?ms)^log_format .*?;", text)
    servers = "".join(
        f"    server 127.0.0.1:{port} max_fails=1 fail_timeout=2s;\n" for port in ports
    )
    shipped = "\n".join(
        re.sub(r"(?m)^\s*server 127\.0\.0\.1:\d+[^;]*;\n", "", block)[:-1] + servers + "}"
        if block.startswith("upstream")
        else block
        for block in blocks
    )
    https = text[text.rindex("server_name") :]
    locations = re.findall(r"(?ms)^    location [^{]*\{.*?^    \}", https)
    assert blocks and len(locations) == 2, "the shipped site changed shape; update this test"
    return shipped, "\n".join(locations)


class Instance:
    """Redis, server processes on one SQLite file (two unless told), and nginx in front.

    ``extra_env``: more settings for the processes; ``connections``: nginx's per worker,
    two per participant (bench/scale_out.py raises both).
    """

    def __init__(
        self,
        folder: Path,
        processes: int = 2,
        extra_env: dict | None = None,
        connections: int = 1024,
    ):
        self.redis = self.nginx = None
        self.servers: list[ServerProcess] = []
        try:
            self._begin(folder, processes, extra_env, connections)
        except BaseException:
            self._end()  # what did start must not outlive a failed start
            raise

    def _begin(
        self, folder: Path, processes: int, extra_env: dict | None, connections: int
    ) -> None:
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
            # Slow on purpose: deletions must arrive over the channel, not from the sweep.
            "FACILITATION_JANITOR_INTERVAL": "30",
            # As in deploy/facilitation.env.example: one proxy's X-Forwarded-* are trusted.
            "FACILITATION_PROXY_FIX": "1",
            **(extra_env or {}),
        }
        Store(self.database).close()  # migrate once, before the processes start
        self.ports = [free_port() for _ in range(processes)]
        for index in range(processes):
            self.servers.append(self._server(index))
        self.port = free_port()
        user = "user root;" if os.geteuid() == 0 else ""
        for temp in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
            (folder / temp).mkdir(exist_ok=True)
        shipped, locations = shipped_site(self.ports)
        config = folder / "nginx.conf"
        config.write_text(
            NGINX.format(
                folder=folder,
                user=user,
                port=self.port,
                shipped=shipped,
                locations=locations,
                connections=connections,
                files=2 * connections + 64,
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

    def _end(self) -> list[str]:
        if self.nginx is not None:
            _stop(self.nginx)
        outputs = [server.stop() for server in self.servers]
        if self.redis is not None:
            _stop(self.redis)
        return outputs

    def close(self) -> None:
        self.store.close()
        outputs = self._end()
        for output in outputs:
            assert "Traceback" not in output, output
        # The shipped log format: paths without query strings (keys travel there), no
        # client addresses.
        logged = (self.folder / "nginx-access.log").read_text()
        assert "/socket.io/" in logged
        assert "?" not in logged and "key=" not in logged and "127.0.0.1" not in logged


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
        grew = [index for index in range(len(after)) if after[index] > before[index]]
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


def unrouted_process(instance) -> int:
    """The process nginx sends a connection to that names no workshop (the hash of "")."""
    workshop = create_workshop(instance.store, POLL)
    auth = {"role": "screen", "workshop_id": workshop.id, "key": workshop.screen_token}
    before = instance.held()
    client = LiveClient(instance.url, auth)
    client.sio.connect(instance.url, auth=auth, transports=["websocket"], wait_timeout=5)
    index = owner_of(instance, workshop, before)
    client.close()
    return index
