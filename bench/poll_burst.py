"""Answers from many participants against a real server; prints join time, latency, CPU, memory.

    .venv/bin/python bench/poll_burst.py --kind single_choice --participants 2000 --spread 0

Starts the product (``wsgi.py`` on eventlet) on a free port with a fresh
database, then the bare stack (bench/bare_stack.py: the least a durable vote
costs on Flask-SocketIO, eventlet and SQLite) with the same load, and compares
the two (``--server product|bare|both``). Each run joins N participants as a
browser does, form then socket: the voter processes post the join form
concurrently, then open their websockets concurrently. The clients are
python-socketio ``AsyncClient``s spread over several processes (one process
saturates a core at ~20k messages/s, see ../shared/STACK.md), and the
presenter's receiver has a process of its own. On the start signal every
participant votes once at a random moment within ``--spread`` seconds; with 0
all votes are sent at once. Latency of an answer = from sending it to the first
presenter ``tally`` received after its ack (an upper bound). The final tally is
timed from the last vote sent and from the start signal; the server's CPU time
over the burst is divided by the number of votes.
"""

import argparse
import asyncio
import contextlib
import multiprocessing as mp
import random
import resource
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.measure import cpu_seconds, listen_overflows, memory_kb, percentile  # noqa: E402
from facilitation.storage import Store  # noqa: E402
from facilitation.workshops import create_workshop  # noqa: E402
from tests.support import ServerProcess, free_port, wait_for_port  # noqa: E402

# German keywords of the kind "What stops new ideas?" gathers, umlauts and ß included.
WORDS = [
    *[
        "Angst",
        "Hierarchie",
        "Vorschriften",
        "Zeitdruck",
        "Rechtssicherheit",
        "Zuständigkeit",
        "Silos",
    ],
    *[
        "Routine",
        "Budget",
        "Personalmangel",
        "Misstrauen",
        "Kontrolle",
        "Perfektionismus",
        "Abstimmung",
    ],
    *[
        "Datenschutz",
        "Formulare",
        "Gewohnheit",
        "Risiko",
        "Haftung",
        "Bürokratie",
        "Mut",
        "Führung",
    ],
    *["Fehlerkultur", "Vertrauen", "Ressourcen", "Digitalisierung", "Gremien", "Mitzeichnung"],
    *["Aktenlage", "Überlastung", "Straße", "Größe"],
]

KINDS = {
    "single_choice": (
        {"options": ["Hide", "Fix quietly", "Talk", "Learn", "Celebrate"]},
        lambda rng: rng.choice(["o1", "o2", "o3", "o4", "o5"]),
    ),
    "word_cloud": (
        {"max_entries": 3},
        lambda rng: rng.sample(WORDS, rng.randint(1, 3)),
    ),
}

# Settings of the product for a load test from one address (facilitation/config.py).
# The product as installed (socket rate limits on), but joins from one address unlimited.
PRODUCT_ENV = {
    "FACILITATION_LOAD_DEMO": "true",
    "FACILITATION_JOIN_RATE_LIMIT": "1000000 per minute",
    "FACILITATION_MAX_CONNECTIONS": "20000",
}
# How long any one phase may take before the run is given up (a crashed process
# would otherwise leave the others waiting at a barrier for ever).
PHASE_TIMEOUT = 300
# Seconds of connected idleness over which the server's idle CPU use is measured.
IDLE_SAMPLE = 1.0


@dataclass(frozen=True)
class Target:
    """The server under test and the one workshop's ids, as a client needs them."""

    url: str
    workshop_id: str
    join_code: str
    key: str
    item_id: str
    server_pid: int

    @property
    def socket_url(self) -> str:
        """The Socket.IO URL with the workshop in the query (nginx routes on ``$arg_workshop``)."""
        return f"{self.url}/?workshop={self.workshop_id}"


def raise_open_files_limit() -> None:
    """Lift the soft limit on open files to the hard one: 5,000 sockets need 5,000 files.

    Child processes (the server, the clients) inherit it.
    """
    _soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))


def poll(kind: str) -> dict:
    """A one-item workshop with a poll of ``kind``."""
    config, _answer = KINDS[kind]
    return {
        "title": "Benchmark",
        "language": "en",
        "items": [{"kind": kind, "title": "What stops new ideas?", "minutes": 5, "config": config}],
    }


def start_product(folder: Path, kind: str) -> tuple[ServerProcess, Target]:
    """The product on a fresh database (with the demo), and a workshop with one poll."""
    server = ServerProcess.start(folder / "product.db", PRODUCT_ENV)
    store = Store(server.database)
    workshop = create_workshop(store, poll(kind))
    item = store.items(workshop.id)[0]
    target = Target(
        server.url,
        workshop.id,
        workshop.join_code,
        workshop.presenter_token,
        item.id,
        server.process.pid,
    )
    return server, target


def start_bare(folder: Path) -> tuple[ServerProcess, Target]:
    """bench/bare_stack.py on a fresh database, with ids chosen here."""
    port = free_port()
    database = folder / "bare.db"
    ids = {
        "workshop": "w" + secrets.token_hex(4),
        "join_code": secrets.token_hex(3).upper(),
        "key": secrets.token_urlsafe(16),
        "item": "i" + secrets.token_hex(4),
    }
    log = Path(str(database) + ".log")
    # name=value: a key may begin with "-", which argparse would take for an option.
    command = [sys.executable, str(ROOT / "bench" / "bare_stack.py"), f"--port={port}"]
    command += [f"--database={database}", f"--workshop={ids['workshop']}"]
    command += [f"--join-code={ids['join_code']}", f"--key={ids['key']}", f"--item={ids['item']}"]
    with open(log, "w") as handle:
        process = subprocess.Popen(command, cwd=ROOT, stdout=handle, stderr=subprocess.STDOUT)
    wait_for_port(port, process, log)
    server = ServerProcess(process, port, database, log)
    target = Target(
        server.url, ids["workshop"], ids["join_code"], ids["key"], ids["item"], process.pid
    )
    return server, target


async def in_thread(barrier) -> None:
    """Wait at a multiprocessing barrier without stopping this process's event loop."""
    await asyncio.get_running_loop().run_in_executor(None, barrier.wait, PHASE_TIMEOUT)


async def join_form(http, target: Target, limit) -> tuple[str | None, str | None]:
    """Post the join form as a browser does; (participant cookie, None) or (None, why not)."""
    async with limit:
        try:
            async with http.post(
                f"{target.url}/j/{target.join_code}",
                data={"display_name": ""},
                allow_redirects=False,
            ) as response:
                await response.read()
                if response.status != 302:
                    return None, f"HTTP {response.status}"
                cookies = response.headers.getall("Set-Cookie", [])
                if not cookies:
                    return None, "no cookie"
                return cookies[0].split(";", 1)[0], None
        except Exception as error:
            return None, type(error).__name__


async def connect(target: Target, auth: dict, cookie: str | None, limit):
    """A connected AsyncClient (websocket only, no reconnection), or the reason it failed."""
    import socketio

    # The cookie goes straight into the websocket request's headers: given as
    # ``headers`` it would pass through aiohttp's cookie jar, which keeps cookies
    # for IP addresses only when told to.
    extra = {"headers": {"Cookie": cookie}} if cookie else {}
    client = socketio.AsyncClient(reconnection=False, websocket_extra_options=extra)
    async with limit:
        try:
            await client.connect(
                target.socket_url, auth=auth, transports=["websocket"], wait_timeout=30
            )
        except Exception as error:
            await client.disconnect()
            return None, type(error).__name__
    return client, None


async def vote(client, item_id: str, value, at: float, began: float):
    """Answer at ``began + at``; (sent, acked, ok) with ok None when no ack came."""
    import socketio

    delay = began + at - time.time()
    if delay > 0:
        await asyncio.sleep(delay)
    sent = time.time()
    try:
        ack = await client.call("vote", {"item_id": item_id, "value": value}, timeout=120)
        ok = bool(isinstance(ack, dict) and ack.get("ok"))
    except socketio.exceptions.TimeoutError:
        ok = None
    return sent, time.time(), ok


async def voters(target, count, kind, spread, concurrency, barriers, measured, results):
    """Join ``count`` participants (form, then socket), then answer once each."""
    import aiohttp

    go, forms_done, ready, start = barriers
    limit = asyncio.Semaphore(concurrency)
    await in_thread(go)
    connector = aiohttp.TCPConnector(limit=concurrency)
    # No cookie jar: every form post must come from a new browser, not the last one joined.
    async with aiohttp.ClientSession(
        connector=connector, cookie_jar=aiohttp.DummyCookieJar()
    ) as http:
        joined = await asyncio.gather(*(join_form(http, target, limit) for _ in range(count)))
    await in_thread(forms_done)
    auth = {"role": "participant", "workshop_id": target.workshop_id}
    cookies = [cookie for cookie, _ in joined if cookie]
    connected = await asyncio.gather(*(connect(target, auth, c, limit) for c in cookies))
    clients = [client for client, _ in connected if client]
    failures = {
        "form": Counter(why for _, why in joined if why),
        "socket": Counter(why for _, why in connected if why),
    }
    results.put(("joined", len(clients), failures))
    await in_thread(ready)
    await in_thread(start)
    began = time.time()
    rng = random.Random()
    answer = KINDS[kind][1]
    timings = await asyncio.gather(
        *(
            vote(client, target.item_id, answer(rng), rng.uniform(0, spread), began)
            for client in clients
        )
    )
    results.put(("voters", timings))
    # Stay connected until the figures are taken: 5,000 disconnects at once cost the
    # server seconds (python-socketio walks every room per disconnect), which would
    # otherwise be charged to the votes.
    await asyncio.get_running_loop().run_in_executor(None, measured.wait, PHASE_TIMEOUT)
    await asyncio.gather(*(client.disconnect() for client in clients))


async def presenter(target, barriers, expected, results):
    """Open the item, then receive tallies until the count of connected voters arrives.

    Reports the (receipt time, answers) pairs since the start signal, and the
    server's CPU time read the moment the final tally came in.
    """
    import socketio

    client = socketio.AsyncClient(reconnection=False)
    seen = {"recording": False, "tallies": [], "final_cpu": None}
    final = asyncio.Event()

    @client.on("tally")
    def tally(payload):
        if not seen["recording"]:
            return
        seen["tallies"].append((time.time(), payload["answers"]))
        if payload["answers"] >= expected.value and not final.is_set():
            seen["final_cpu"] = cpu_seconds(target.server_pid)
            final.set()

    auth = {"role": "presenter", "workshop_id": target.workshop_id, "key": target.key}
    await client.connect(target.socket_url, auth=auth, transports=["websocket"], wait_timeout=30)
    ack = await client.call("open_item", {"item_id": target.item_id}, timeout=30)
    assert ack["ok"], ack
    go, forms_done, ready, start = barriers
    for barrier in (go, forms_done, ready):
        await in_thread(barrier)
    await in_thread(start)
    seen["recording"] = True
    with contextlib.suppress(TimeoutError):  # then the report says it never came
        await asyncio.wait_for(final.wait(), timeout=180)
    results.put(("presenter", seen["tallies"], seen["final_cpu"]))
    await client.disconnect()


def event_loop_process(main, *args):
    """A client process: an event loop of its own running ``main(*args)`` (voters, the
    presenter's receiver), with enough open files for thousands of sockets."""
    raise_open_files_limit()
    asyncio.run(main(*args))


def run(server_kind: str, args) -> dict:
    """One server under the load of ``args``: print its figures and return the headline ones."""
    folder = Path(tempfile.mkdtemp(prefix="facilitation-bench-"))
    if server_kind == "product":
        server, target = start_product(folder, args.kind)
    else:
        server, target = start_bare(folder)
    pid = server.process.pid
    try:
        idle_kb = memory_kb(pid, "VmRSS")
        context = mp.get_context("spawn")
        barriers = tuple(context.Barrier(args.processes + 2) for _ in range(4))
        go, forms_done, ready, start = barriers
        measured = context.Event()
        expected = context.Value("i", args.participants)
        results = context.Queue()
        shares = [len(range(i, args.participants, args.processes)) for i in range(args.processes)]
        workers = [
            context.Process(
                target=event_loop_process, args=(presenter, target, barriers, expected, results)
            )
        ] + [
            context.Process(
                target=event_loop_process,
                args=(
                    voters,
                    target,
                    share,
                    args.kind,
                    args.spread,
                    args.concurrency,
                    barriers,
                    measured,
                    results,
                ),
            )
            for share in shares
        ]
        for worker in workers:
            worker.start()

        go.wait(PHASE_TIMEOUT)
        join_began, join_cpu, overflows = time.time(), cpu_seconds(pid), listen_overflows()
        forms_done.wait(PHASE_TIMEOUT)
        forms_at = time.time()
        ready.wait(PHASE_TIMEOUT)
        connected_at = time.time()
        join_cpu = cpu_seconds(pid) - join_cpu
        overflows = listen_overflows() - overflows
        connected, failures = 0, {"form": Counter(), "socket": Counter()}
        for _ in shares:
            _kind, count, failed = results.get(timeout=PHASE_TIMEOUT)
            connected += count
            for phase in failures:
                failures[phase].update(failed[phase])
        expected.value = connected
        connected_kb = memory_kb(pid, "VmRSS")
        # What the server spends doing nothing with everyone connected (beats, pings):
        # over a spread of seconds it is part of the CPU time charged to the votes.
        idle_cpu = cpu_seconds(pid)
        time.sleep(IDLE_SAMPLE)
        idle_rate = (cpu_seconds(pid) - idle_cpu) / IDLE_SAMPLE
        cpu_before = cpu_seconds(pid)
        started = time.time()
        start.wait(PHASE_TIMEOUT)

        tallies, votes, final_cpu = [], [], None
        for _ in workers:
            message = results.get(timeout=PHASE_TIMEOUT)
            if message[0] == "presenter":
                _kind, tallies, final_cpu = message
            else:
                votes.extend(message[1])
        peak_kb = memory_kb(pid, "VmHWM")
        measured.set()
        for worker in workers:
            worker.join(timeout=30)
    finally:
        server.stop()

    latencies = []
    for sent, acked, _ok in votes:
        seen = next((at for at, _answers in tallies if at >= acked), None)
        if seen is not None:
            latencies.append((seen - sent) * 1000)
    final = next((at for at, answers in tallies if answers >= connected), None)
    refused = sum(1 for *_, ok in votes if ok is False)
    unanswered = sum(1 for *_, ok in votes if ok is None)
    acks = [(acked - sent) * 1000 for sent, acked, _ in votes]
    last_sent = max((sent for sent, _, _ in votes), default=started)

    figures = {
        "join": connected_at - join_began,
        "final_after_last": final - last_sent if final else None,
        "cpu_per_vote": (final_cpu - cpu_before) / len(votes) if final_cpu and votes else None,
        "peak_mb": peak_kb / 1024,
    }
    print(f"server                  {server_kind} (pid {pid})")
    print(f"poll kind               {args.kind}")
    print(
        f"participants            {args.participants} over {args.spread:g} s "
        f"({args.processes} client processes, {args.concurrency} joins at once each)"
    )
    print(
        f"joins (form + socket)   forms {forms_at - join_began:.2f} s, sockets "
        f"{connected_at - forms_at:.2f} s, total {figures['join']:.2f} s for {connected} "
        f"connected; server CPU {join_cpu * 1000 / max(1, connected):.2f} ms a join"
    )
    if overflows:
        print(f"  accept queue full     {overflows} times (machine-wide; a retried SYN each)")
    for phase, counts in failures.items():
        if counts:
            print(f"  {phase} failures          {dict(counts)}")
    print(f"answers acked / refused {len(votes) - refused - unanswered} / {refused}")
    if unanswered:
        print(f"  no ack within 120 s   {unanswered}")
    print(f"tally messages received {len(tallies)} (coalesced)")
    if final:
        print(
            f"final tally after       {figures['final_after_last']:.2f} s after the last vote "
            f"was sent ({final - started:.2f} s from the start signal, last vote sent at "
            f"{last_sent - started:.2f} s)"
        )
    else:
        print("final tally             never arrived")
    if acks:
        print(
            f"answer ack  p50/p95/p99 {percentile(acks, 0.5):.1f} / "
            f"{percentile(acks, 0.95):.1f} / {percentile(acks, 0.99):.1f} ms"
        )
    if latencies:
        print(
            f"answer→tally p50/p95/p99 {percentile(latencies, 0.5):.1f} / "
            f"{percentile(latencies, 0.95):.1f} / {percentile(latencies, 0.99):.1f} ms "
            f"(mean {statistics.mean(latencies):.1f})"
        )
    if figures["cpu_per_vote"] is not None:
        print(
            f"server CPU per vote     {figures['cpu_per_vote'] * 1000:.3f} ms "
            f"({final_cpu - cpu_before:.2f} s for {len(votes)} votes, start to final tally; "
            f"{(final_cpu - cpu_before - idle_rate * (final - started)) * 1000 / len(votes):.3f}"
            f" ms above the idle {idle_rate * 100:.0f}% of a core)"
        )
    idle = "idle with demo" if server_kind == "product" else "idle"
    print(
        f"server memory           {idle} {idle_kb / 1024:.0f} MB, "
        f"connected {connected_kb / 1024:.0f} MB, peak {peak_kb / 1024:.0f} MB"
    )
    print(flush=True)
    return figures


def compare(product: dict, bare: dict) -> None:
    """The headline figures of both servers side by side, with product/bare."""

    def row(label, key, shown):
        mine, least = product[key], bare[key]
        if mine is None or least is None:
            print(f"{label:<28} {'-':>12} {'-':>12}")
            return
        ratio = f"{mine / least:.2f}×" if least else "-"
        print(f"{label:<28} {shown(mine):>12} {shown(least):>12} {ratio:>14}")

    print(f"{'comparison':<28} {'product':>12} {'bare':>12} {'product/bare':>14}")
    row("final tally after last vote", "final_after_last", lambda s: f"{s:.2f} s")
    row("server CPU per vote", "cpu_per_vote", lambda s: f"{s * 1000:.3f} ms")
    row("peak memory", "peak_mb", lambda mb: f"{mb:.0f} MB")
    row("join time (form + socket)", "join", lambda s: f"{s:.2f} s")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kind", choices=sorted(KINDS), default="word_cloud")
    parser.add_argument("--participants", type=int, default=500)
    parser.add_argument("--spread", type=float, default=5.0, help="seconds over which votes come")
    parser.add_argument("--processes", type=int, default=4, help="client processes for voters")
    parser.add_argument(
        "--concurrency",
        type=int,
        default=25,
        # eventlet.listen's backlog is 50: 4 x 50 joins in flight overflowed it hundreds
        # of times at 2,000 participants, each a second's SYN retransmit.
        help="joins in flight per voter process (forms, then sockets)",
    )
    parser.add_argument("--server", choices=["product", "bare", "both"], default="both")
    args = parser.parse_args()
    raise_open_files_limit()

    servers = ["product", "bare"] if args.server == "both" else [args.server]
    figures = {server: run(server, args) for server in servers}
    if args.server == "both":
        compare(figures["product"], figures["bare"])


if __name__ == "__main__":
    main()
