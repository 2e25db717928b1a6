"""Answers from many participants against a real server; prints latency and memory.

    .venv/bin/python bench/poll_burst.py --kind word_cloud --participants 500 --spread 5

Starts ``wsgi.py`` (eventlet) on a free port with a fresh database, joins N
participants through the join form, connects them over websocket from several
client processes (one python-socketio process saturates a core at ~20k
messages/s, see ../shared/STACK.md), puts the presenter's receiver in a process
of its own, and lets every participant vote once at a random moment within
``--spread`` seconds (0: all at once). Latency of an answer = from sending it
to the first presenter ``tally`` received after its ack (an upper bound).
"""

import argparse
import multiprocessing as mp
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.measure import memory_kb, percentile  # noqa: E402
from facilitation.storage import Store  # noqa: E402
from facilitation.workshops import create_workshop  # noqa: E402
from tests.support import LiveClient, ServerProcess, join  # noqa: E402

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


def poll(kind: str) -> dict:
    """A one-item workshop with a poll of ``kind``."""
    config, _answer = KINDS[kind]
    return {
        "title": "Benchmark",
        "language": "en",
        "items": [{"kind": kind, "title": "What stops new ideas?", "minutes": 5, "config": config}],
    }


def presenter_process(url, workshop, item_id, expected, ready, start, results):
    """Receive tallies until the final count arrives; report (receipt time, answers) pairs."""
    client = LiveClient(
        url, {"role": "presenter", "workshop_id": workshop["id"], "key": workshop["key"]}
    ).connect()
    assert client.call("open_item", {"item_id": item_id})["ok"]
    ready.wait()
    start.wait()
    received = []
    deadline = time.time() + 120
    while time.time() < deadline:
        payload = client.wait_for("tally", timeout=max(0.1, deadline - time.time()))
        received.append((time.time(), payload["answers"]))
        if payload["answers"] >= expected:
            break
    client.close()
    results.put(("presenter", received))


def voter_process(url, workshop, item_id, cookies, kind, spread, ready, start, results):
    """Connect this share of participants, then answer once each at a random moment."""
    clients = [
        LiveClient(url, {"role": "participant", "workshop_id": workshop["id"]}, cookie).connect()
        for cookie in cookies
    ]
    ready.wait()
    start.wait()
    began = time.time()
    rng = random.Random()
    answer = KINDS[kind][1]
    schedule = sorted(
        ((rng.uniform(0, spread), index) for index in range(len(clients))), key=lambda s: s[0]
    )
    timings = []
    for at, index in schedule:
        delay = began + at - time.time()
        if delay > 0:
            time.sleep(delay)
        sent = time.time()
        ack = clients[index].call("vote", {"item_id": item_id, "value": answer(rng)})
        timings.append((sent, time.time(), ack["ok"]))
    results.put(("voters", timings))
    time.sleep(1)
    for client in clients:
        client.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kind", choices=sorted(KINDS), default="word_cloud")
    parser.add_argument("--participants", type=int, default=500)
    parser.add_argument("--spread", type=float, default=5.0, help="seconds over which votes come")
    parser.add_argument("--processes", type=int, default=4, help="client processes for voters")
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="facilitation-bench-"))
    server = ServerProcess.start(folder / "bench.db", {"FACILITATION_LOAD_DEMO": "true"})
    try:
        idle_kb = memory_kb(server.process.pid, "VmRSS")
        store = Store(server.database)
        workshop = create_workshop(store, poll(args.kind))
        item = store.items(workshop.id)[0]
        cookies = [join(server.url, workshop.join_code) for _ in range(args.participants)]
        shares = [cookies[i :: args.processes] for i in range(args.processes)]
        info = {"id": workshop.id, "key": workshop.presenter_token}

        context = mp.get_context("spawn")
        ready = context.Barrier(args.processes + 2)
        start = context.Barrier(args.processes + 2)
        results = context.Queue()
        workers = [
            context.Process(
                target=presenter_process,
                args=(server.url, info, item.id, args.participants, ready, start, results),
            )
        ] + [
            context.Process(
                target=voter_process,
                args=(
                    server.url,
                    info,
                    item.id,
                    share,
                    args.kind,
                    args.spread,
                    ready,
                    start,
                    results,
                ),
            )
            for share in shares
        ]
        for worker in workers:
            worker.start()
        ready.wait()
        connected_kb = memory_kb(server.process.pid, "VmRSS")
        started = time.time()
        start.wait()

        tallies, votes = [], []
        for _ in workers:
            kind, data = results.get(timeout=180)
            if kind == "presenter":
                tallies = data
            else:
                votes.extend(data)
        for worker in workers:
            worker.join(timeout=30)
        peak_kb = memory_kb(server.process.pid, "VmHWM")

        latencies = []
        for sent, acked, _ok in votes:
            seen = next((at for at, _answers in tallies if at >= acked), None)
            if seen is not None:
                latencies.append((seen - sent) * 1000)
        final = next((at for at, answers in tallies if answers >= args.participants), None)
        failed = sum(1 for *_, ok in votes if not ok)
        acks = [(acked - sent) * 1000 for sent, acked, _ in votes]

        print(f"poll kind               {args.kind}")
        print(
            f"participants            {args.participants} over {args.spread:g} s "
            f"({args.processes} client processes)"
        )
        print(f"answers acked / refused {len(votes) - failed} / {failed}")
        print(f"tally messages received {len(tallies)} (coalesced)")
        if final:
            print(f"final tally after       {final - started:.2f} s from the start signal")
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
        print(
            f"server memory           idle with demo {idle_kb / 1024:.0f} MB, "
            f"connected {connected_kb / 1024:.0f} MB, peak {peak_kb / 1024:.0f} MB"
        )
    finally:
        server.stop()


if __name__ == "__main__":
    main()
