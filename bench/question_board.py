"""The question board under load against a real server; prints fan-out latency and memory.

    .venv/bin/python bench/question_board.py --participants 1000 --questions 200 --upvotes 5000

Starts ``wsgi.py`` (eventlet) on a free port with a fresh database, joins N
participants through the join form and connects them over websocket from
several client processes (one python-socketio process saturates a core at
~20k messages/s, see ../shared/STACK.md); the presenter's receiver has a
process of its own. Within ``--duration`` seconds the participants ask
``--questions`` questions (distinct askers, so the rate limit never bites) and
give ``--upvotes`` upvotes, each on a random public question of someone else
that this participant has not upvoted yet (learnt from the ``questions_changed``
facts every participant receives).

Latency of an upvote = from its ack (which carries the new count) to the first
presenter ``questions_changed`` carrying that question with at least that count.

The participants are not python-socketio clients: that client starts a thread
per received message, and a thousand of them receiving the board's beats need
more than this 2-core machine has, so their own queueing would be measured.
``Fleet`` speaks the same Socket.IO protocol (engine.io 4 over websocket,
through wsproto) for many connections from one reader thread per process.
The presenter is a python-socketio client in its own process.
"""

import argparse
import json
import multiprocessing as mp
import os
import random
import resource
import selectors
import socket
import statistics
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlsplit

import socketio
from wsproto import ConnectionType, WSConnection
from wsproto.events import AcceptConnection, CloseConnection, Ping, Request, TextMessage

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.measure import memory_kb, percentile  # noqa: E402
from facilitation.storage import Store  # noqa: E402
from facilitation.workshops import create_workshop  # noqa: E402
from tests.support import ServerProcess, join  # noqa: E402

BOARD = {
    "title": "Benchmark: question board",
    "language": "de",
    "items": [{"kind": "content", "title": "Fragen", "minutes": 30, "config": {"body": "?"}}],
}

# Questions as a town hall asks them, umlauts and ß included; a number keeps them apart.
TOPICS = [
    "Wie geht es mit dem Homeoffice weiter",
    "Wann kommt die neue Software für die Zeiterfassung",
    "Wer entscheidet über das Budget für Fortbildungen",
    "Warum dauert die Mitzeichnung so lange",
    "Gibt es einen Plan für die Überlastung im Bürgerservice",
    "Wie wird die Straßenreinigung künftig organisiert",
    "Können wir Besprechungen auf 30 Minuten begrenzen",
    "What happens to the open positions in IT",
]


class Fleet:
    """Many Socket.IO participant connections served by one reader thread.

    ``on_event(index, name, payload_text)`` gets every fact; ``on_ack(index,
    ack_id, ack)`` every acknowledgement, both on the reader thread.
    """

    def __init__(self, url: str, auth: dict, cookies: list, on_event, on_ack):
        parts = urlsplit(url)
        self.address = (parts.hostname, parts.port)
        self.auth = json.dumps(auth)
        self.on_event, self.on_ack = on_event, on_ack
        self.selector = selectors.DefaultSelector()
        self.connections = [self._connect(cookie) for cookie in cookies]
        self.locks = [threading.Lock() for _ in self.connections]
        self.buffers = [""] * len(self.connections)
        self.next_id = 0
        for index, (sock, _ws) in enumerate(self.connections):
            self.selector.register(sock, selectors.EVENT_READ, index)
        self.running = True
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _connect(self, cookie: str):
        sock = socket.create_connection(self.address, timeout=30)
        ws = WSConnection(ConnectionType.CLIENT)
        host = f"{self.address[0]}:{self.address[1]}"
        target = "/socket.io/?EIO=4&transport=websocket"
        sock.sendall(ws.send(Request(host, target, extra_headers=[(b"cookie", cookie.encode())])))
        opened = connected = False
        text = ""
        while not connected:
            data = sock.recv(65536)
            if not data:
                raise ConnectionError("server closed the connection while connecting")
            ws.receive_data(data)
            for event in ws.events():
                if isinstance(event, AcceptConnection):
                    opened = True
                elif isinstance(event, TextMessage):
                    text += event.data
                    if not event.message_finished:
                        continue
                    message, text = text, ""
                    if message.startswith("0"):  # engine.io open: send the Socket.IO connect
                        sock.sendall(ws.send(TextMessage("40" + self.auth)))
                    elif message.startswith("40"):
                        connected = True
                    elif message.startswith("44"):
                        raise ConnectionError(f"refused: {message}")
        assert opened
        sock.settimeout(None)
        return sock, ws

    def emit(self, index: int, event: str, payload: dict) -> int:
        """Send a command from connection ``index``; return the ack id to expect."""
        with self.locks[index]:
            self.next_id += 1
            ack_id = self.next_id
            sock, ws = self.connections[index]
            packet = f"42{ack_id}" + json.dumps([event, payload])
            sock.sendall(ws.send(TextMessage(packet)))
        return ack_id

    def _send(self, index: int, text: str) -> None:
        with self.locks[index]:
            sock, ws = self.connections[index]
            sock.sendall(ws.send(TextMessage(text)))

    def _read(self) -> None:
        while self.running:
            for key, _mask in self.selector.select(timeout=0.5):
                index = key.data
                sock, ws = self.connections[index]
                data = sock.recv(262144)
                if not data:
                    self.selector.unregister(sock)
                    continue
                with self.locks[index]:
                    ws.receive_data(data)
                    events = list(ws.events())
                for event in events:
                    if isinstance(event, TextMessage):
                        self.buffers[index] += event.data
                        if event.message_finished:
                            message, self.buffers[index] = self.buffers[index], ""
                            self._packet(index, message)
                    elif isinstance(event, Ping):
                        with self.locks[index]:
                            sock.sendall(ws.send(event.response()))
                    elif isinstance(event, CloseConnection):
                        self.selector.unregister(sock)

    def _packet(self, index: int, message: str) -> None:
        if message == "2":  # engine.io ping
            self._send(index, "3")
        elif message.startswith("42"):
            name_end = message.index('"', 4)
            self.on_event(index, message[4:name_end], message)
        elif message.startswith("43"):
            bracket = message.index("[")
            self.on_ack(index, int(message[2:bracket]), json.loads(message[bracket:])[0])

    def close(self) -> None:
        """Close every connection."""
        self.running = False
        self.reader.join(timeout=2)
        for sock, _ws in self.connections:
            sock.close()


def joined_cookie(url: str, join_code: str) -> str:
    """Join through the form, trying again if the server is too busy to answer in time."""
    for attempt in range(3):
        try:
            return join(url, join_code)
        except TimeoutError:
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time a process has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def connect(url: str, auth: dict, cookie: str | None, on_change) -> socketio.Client:
    """A websocket client that hands every ``questions_changed`` to ``on_change``."""
    client = socketio.Client(reconnection=False)
    client.on("questions_changed", on_change)
    headers = {"Cookie": cookie} if cookie else {}
    client.connect(url, headers=headers, auth=auth, transports=["websocket"], wait_timeout=30)
    return client


def presenter_process(url, workshop, duration, ready, start, results):
    """Record every ``questions_changed`` as (receipt time, {question id: votes})."""
    received = []

    def on_change(payload):
        received.append((time.time(), {q["id"]: q["votes"] for q in payload["questions"]}))

    client = connect(
        url,
        {"role": "presenter", "workshop_id": workshop["id"], "key": workshop["key"]},
        None,
        on_change,
    )
    ready.wait()
    start.wait()
    time.sleep(duration + 5)
    state = client.call("get_state", timeout=30)["state"]["board"]
    client.disconnect()
    final = {q["id"]: q["votes"] for q in state["questions"]}
    results.put(("presenter", (received, final)))


def participant_process(url, workshop, cookies, asks, upvotes, duration, ready, start, results):
    """Connect this share of participants; ask and upvote on a random schedule."""
    known: list[str] = []
    known_set: set[str] = set()
    facts = [0]
    pending: dict[int, tuple] = {}
    own: dict[int, str] = {}
    timings, asked = [], []
    lock = threading.Lock()

    def on_event(index, name, message):
        if name != "questions_changed":
            return
        facts[0] += 1
        if index == 0:  # one connection per process reads the facts: the ids to upvote
            payload = json.loads(message[2:])[1]
            with lock:
                for question in payload["questions"]:
                    if question["id"] not in known_set:
                        known_set.add(question["id"])
                        known.append(question["id"])

    def on_ack(index, ack_id, ack):
        now = time.time()
        with lock:
            kind, sent, question_id = pending.pop(ack_id)
        if kind == "ask":
            asked.append((sent, now, ack["ok"]))
            if ack["ok"]:
                own[index] = ack["question"]["id"]
        else:
            timings.append((question_id, ack.get("votes"), sent, now, ack["ok"]))

    fleet = Fleet(
        url, {"role": "participant", "workshop_id": workshop["id"]}, cookies, on_event, on_ack
    )
    rng = random.Random()
    voted: dict[int, set] = defaultdict(set)
    count = len(cookies)

    def send(index, event, payload, kind, question_id=None):
        with lock:
            sent = time.time()
            ack_id = fleet.emit(index, event, payload)
            pending[ack_id] = (kind, sent, question_id)

    ready.wait()
    start.wait()
    began = time.time()
    schedule = [(rng.uniform(0, duration * 0.6), "ask", i) for i in rng.sample(range(count), asks)]
    schedule += [(rng.uniform(0.5, duration), "upvote", None) for _ in range(upvotes)]
    schedule.sort(key=lambda entry: entry[0])
    for at, action, index in schedule:
        delay = began + at - time.time()
        if delay > 0:
            time.sleep(delay)
        if action == "ask":
            text = f"{rng.choice(TOPICS)} (#{index})?"
            send(index, "ask_question", {"text": text}, "ask")
            continue
        for _attempt in range(1000):
            with lock:
                question_id = known[rng.randrange(len(known))] if known else None
            voter = rng.randrange(count)
            if question_id is None:
                time.sleep(0.02)
            elif question_id != own.get(voter) and question_id not in voted[voter]:
                voted[voter].add(question_id)
                send(voter, "upvote_question", {"question_id": question_id}, "upvote", question_id)
                break
    time.sleep(3)
    with lock:
        results.put(("participants", (list(timings), list(asked), facts[0], len(pending))))
    fleet.close()


def spread(values, unit="ms"):
    """p50 / p95 / p99 (and max) of ``values``."""
    return (
        f"{percentile(values, 0.5):.1f} / {percentile(values, 0.95):.1f} / "
        f"{percentile(values, 0.99):.1f} {unit} (max {max(values):.1f})"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=1000)
    parser.add_argument("--questions", type=int, default=200)
    parser.add_argument("--upvotes", type=int, default=5000)
    parser.add_argument("--duration", type=float, default=30.0, help="seconds for all of it")
    parser.add_argument("--processes", type=int, default=4, help="client processes")
    parser.add_argument(
        "--interval", type=float, default=None, help="FACILITATION_BROADCAST_INTERVAL (s)"
    )
    args = parser.parse_args()
    if args.questions > args.participants:
        parser.error("--questions: one question per participant at most")

    folder = Path(tempfile.mkdtemp(prefix="facilitation-bench-"))
    settings = {"FACILITATION_LOAD_DEMO": "false"}
    if args.interval is not None:
        settings["FACILITATION_BROADCAST_INTERVAL"] = str(args.interval)
    server = ServerProcess.start(folder / "bench.db", settings)
    try:
        idle_kb = memory_kb(server.process.pid, "VmRSS")
        store = Store(server.database)
        workshop = create_workshop(store, BOARD)
        store.close()
        joined = time.time()
        cookies = [joined_cookie(server.url, workshop.join_code) for _ in range(args.participants)]
        print(f"joined {args.participants} participants in {time.time() - joined:.1f} s")
        shares = [cookies[i :: args.processes] for i in range(args.processes)]
        asks = [args.questions // args.processes] * args.processes
        upvotes = [args.upvotes // args.processes] * args.processes
        for i in range(args.questions % args.processes):
            asks[i] += 1
        for i in range(args.upvotes % args.processes):
            upvotes[i] += 1
        info = {"id": workshop.id, "key": workshop.presenter_token}

        context = mp.get_context("spawn")
        ready = context.Barrier(args.processes + 2)
        start = context.Barrier(args.processes + 2)
        results = context.Queue()
        workers = [
            context.Process(
                target=presenter_process,
                args=(server.url, info, args.duration, ready, start, results),
            )
        ] + [
            context.Process(
                target=participant_process,
                args=(
                    server.url,
                    info,
                    share,
                    asks[n],
                    upvotes[n],
                    args.duration,
                    ready,
                    start,
                    results,
                ),
            )
            for n, share in enumerate(shares)
        ]
        connecting = time.time()
        for worker in workers:
            worker.start()
        ready.wait(timeout=600)
        connected_after = time.time() - connecting
        connected_kb = memory_kb(server.process.pid, "VmRSS")
        load = os.getloadavg()[0]
        cpu_before = cpu_seconds(server.process.pid)
        started = time.time()
        start.wait()

        presenter_facts, final_counts, timings, asked = [], {}, [], []
        participant_facts = unanswered = 0
        for _ in workers:
            kind, data = results.get(timeout=args.duration + 300)
            if kind == "presenter":
                presenter_facts, final_counts = data
            else:
                timings.extend(data[0])
                asked.extend(data[1])
                participant_facts += data[2]
                unanswered += data[3]
        finished = time.time()
        server_cpu = cpu_seconds(server.process.pid) - cpu_before
        for worker in workers:
            worker.join(timeout=60)
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        clients_cpu = children.ru_utime + children.ru_stime
        peak_kb = memory_kb(server.process.pid, "VmHWM")

        seen = defaultdict(list)  # question id -> [(receipt time, votes)] in order
        for at, counts in presenter_facts:
            for question_id, votes in counts.items():
                seen[question_id].append((at, votes))
        latencies, missing = [], 0
        for question_id, votes, _sent, acked, ok in timings:
            if not ok:
                continue
            arrival = next((at for at, n in seen[question_id] if n >= votes), None)
            if arrival is None:
                missing += 1
            else:
                latencies.append((arrival - acked) * 1000)
        ok_votes = sum(1 for *_, ok in timings if ok)
        acks = [(acked - sent) * 1000 for _q, _v, sent, acked, _ok in timings]
        ask_acks = [(acked - sent) * 1000 for sent, acked, _ok in asked]
        last_upvote = max((acked for *_, acked, _ok in timings), default=started)

        print(f"participants            {args.participants} ({args.processes} client processes,")
        print(f"                        connected in {connected_after:.1f} s)")
        print(
            f"questions acked/refused {sum(1 for *_, ok in asked if ok)} / "
            f"{sum(1 for *_, ok in asked if not ok)}"
        )
        print(
            f"upvotes acked/refused   {ok_votes} / {len(timings) - ok_votes}"
            f" (commands without an ack: {unanswered})"
        )
        print(f"last upvote acked after {last_upvote - started:.1f} s (target {args.duration:g} s)")
        print(f"votes on the board      {sum(final_counts.values())} (presenter snapshot)")
        print(f"presenter facts         {len(presenter_facts)} questions_changed")
        print(
            f"participant facts       {participant_facts} questions_changed in all "
            f"({participant_facts / max(1, args.participants):.0f} per participant)"
        )
        if ask_acks:
            print(f"ask ack     p50/p95/p99 {spread(ask_acks)}")
        if acks:
            print(f"upvote ack  p50/p95/p99 {spread(acks)}")
        if latencies:
            print(
                f"ack→presenter p50/p95/p99 {spread(latencies)}, "
                f"mean {statistics.mean(latencies):.1f} ms; never seen: {missing}"
            )
        print(
            f"server memory           idle {idle_kb / 1024:.0f} MB, connected "
            f"{connected_kb / 1024:.0f} MB, peak (VmHWM) {peak_kb / 1024:.0f} MB"
        )
        print(
            f"server CPU              {server_cpu:.1f} s in {finished - started:.1f} s "
            f"(load average at the start {load:.1f} on {os.cpu_count()} cores)"
        )
        print(f"client processes CPU    {clients_cpu:.1f} s (connecting included)")
    finally:
        printed = server.stop()
        if "Traceback" in printed:
            print("server printed a traceback:\n" + printed[-3000:])


if __name__ == "__main__":
    main()
