"""What one participant sending maximal frames in a loop does to everyone else's votes.

    .venv/bin/python bench/big_frames.py --voters 20 --seconds 6

eventlet unmasks websocket frames byte by byte, so while it reads a big frame
the whole server waits. For each scenario this starts ``wsgi.py`` (eventlet)
with a fresh database and a message limit, lets ``--voters`` participants
change their vote twice a second (the ack latency is measured), and runs a
flooder process that sends frames just under the limit as fast as it can
(without waiting for acks). Scenarios: no flooder; flooder at the 64 KiB
default; flooder at the old 2 MiB limit with 1 MB frames. Prints ack latency
p50/p99/max and how many big frames the server took in.
"""

import argparse
import json
import multiprocessing as mp
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.measure import percentile  # noqa: E402
from facilitation.storage import Store  # noqa: E402
from facilitation.workshops import create_workshop  # noqa: E402
from tests.support import LiveClient, RawSocket, ServerProcess, join  # noqa: E402

POLL = {
    "title": "Big frames",
    "language": "en",
    "anonymity_threshold": 1,
    "items": [
        {
            "kind": "single_choice",
            "title": "Which?",
            "minutes": 5,
            "config": {"options": ["A", "B", "C"], "results": "live"},
        }
    ],
}


def flooder(url, workshop_id, cookie, frame_bytes, stop, sent):
    """Send vote frames of ``frame_bytes`` bytes without waiting, until ``stop`` is set."""
    raw = RawSocket(url, {"role": "participant", "workshop_id": workshop_id}, cookie)
    padding = "x" * (frame_bytes - 100)
    frame = "42" + json.dumps(["vote", {"item_id": "none", "value": padding}])
    count = 0
    try:
        while not stop.is_set():
            raw.send(frame)
            count += 1
    except Exception:
        pass  # the server closed the connection
    sent.value = count
    raw.close()


def voter(client, item_id, seconds, latencies):
    """Change the vote twice a second for ``seconds``; record each ack's latency in ms."""
    deadline = time.monotonic() + seconds
    options = ["o1", "o2", "o3"]
    number = 0
    while time.monotonic() < deadline:
        started = time.perf_counter()
        ack = client.call("vote", {"item_id": item_id, "value": options[number % 3]}, timeout=30)
        latencies.append((time.perf_counter() - started) * 1000)
        assert ack["ok"] or ack["error"]["code"] == "rate_limited", ack
        number += 1
        time.sleep(max(0.0, 0.5 - (time.perf_counter() - started)))


def scenario(name, limit_bytes, frame_bytes, voters, seconds):
    """One run: a fresh server, the voters, and (with ``frame_bytes``) one flooder."""
    folder = Path(tempfile.mkdtemp(prefix="facilitation-bench-"))
    server = ServerProcess.start(
        folder / "bench.db", {"FACILITATION_MAX_MESSAGE_BYTES": str(limit_bytes)}
    )
    try:
        store = Store(server.database)
        workshop = create_workshop(store, POLL)
        item = store.items(workshop.id)[0]
        store.close()
        presenter = LiveClient(
            server.url,
            {"role": "presenter", "workshop_id": workshop.id, "key": workshop.presenter_token},
        ).connect()
        assert presenter.call("open_item", {"item_id": item.id})["ok"]
        clients = [
            LiveClient(
                server.url,
                {"role": "participant", "workshop_id": workshop.id},
                join(server.url, workshop.join_code),
            ).connect()
            for _ in range(voters)
        ]
        stop, sent = mp.Event(), mp.Value("i", 0)
        flood = None
        if frame_bytes:
            cookie = join(server.url, workshop.join_code)
            flood = mp.Process(
                target=flooder, args=(server.url, workshop.id, cookie, frame_bytes, stop, sent)
            )
            flood.start()
            time.sleep(0.5)
        latencies = []
        threads = [
            threading.Thread(target=voter, args=(client, item.id, seconds, latencies))
            for client in clients
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        stop.set()
        if flood:
            flood.join(timeout=30)
        for client in (presenter, *clients):
            client.close()
    finally:
        output = server.stop()
    assert "Traceback" not in output, output[-3000:]
    frames = f"{sent.value} frames of {frame_bytes // 1024} KiB sent" if frame_bytes else "-"
    print(
        f"{name:<38} votes {len(latencies):>5}  ack p50 {percentile(latencies, 0.5):7.1f} ms"
        f"  p99 {percentile(latencies, 0.99):7.1f} ms  max {max(latencies):7.1f} ms  {frames}",
        flush=True,
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--voters", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=6.0)
    args = parser.parse_args()
    print(f"{args.voters} voters changing their vote twice a second for {args.seconds:g} s")
    scenario("no flooder (64 KiB limit)", 64 * 1024, 0, args.voters, args.seconds)
    scenario(
        "flooder, 64 KiB limit, 63 KiB frames", 64 * 1024, 63 * 1024, args.voters, args.seconds
    )
    scenario(
        "flooder, old 2 MiB limit, 1 MiB frames",
        2 * 1024 * 1024,
        1024 * 1024,
        args.voters,
        args.seconds,
    )


if __name__ == "__main__":
    main()
