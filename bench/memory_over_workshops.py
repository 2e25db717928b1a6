"""The server's memory over many workshops run one after another; prints RSS as it goes.

    .venv/bin/python bench/memory_over_workshops.py --workshops 200 --participants 20

For each scenario this starts ``wsgi.py`` (eventlet) with a fresh database and
runs ``--workshops`` small workshops one after another: a presenter and
``--participants`` participants connect, everyone answers a poll, asks a
question and upvotes one, then all disconnect. With eviction the live state
of a workshop leaves memory ``FACILITATION_EVICT_AFTER`` (here 1) seconds after
its last connection; without it (EVICT_AFTER one day) everything stays, as
before. Prints RSS and the workshops held in memory (from /healthz) every
``--every`` workshops.
"""

import argparse
import json
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.measure import memory_kb  # noqa: E402
from facilitation.storage import Store  # noqa: E402
from facilitation.workshops import create_workshop  # noqa: E402
from tests.support import LiveClient, ServerProcess, http_request, join  # noqa: E402

WORKSHOP = {
    "title": "Memory",
    "language": "en",
    "items": [
        {
            "kind": "single_choice",
            "title": "Which?",
            "minutes": 5,
            "config": {"options": ["A", "B", "C"], "results": "live"},
        },
        {"kind": "word_cloud", "title": "Words", "minutes": 5, "config": {}},
    ],
}


def one_workshop(server, store, participants, pool):
    """Run one workshop from its first connection to its last disconnect."""
    workshop = create_workshop(store, WORKSHOP)
    poll, cloud = store.items(workshop.id)
    presenter = LiveClient(
        server.url,
        {"role": "presenter", "workshop_id": workshop.id, "key": workshop.presenter_token},
    ).connect()
    assert presenter.call("open_item", {"item_id": poll.id})["ok"]

    def participate(number):
        client = LiveClient(
            server.url,
            {"role": "participant", "workshop_id": workshop.id},
            join(server.url, workshop.join_code),
        ).connect()
        assert client.call("vote", {"item_id": poll.id, "value": "o" + str(number % 3 + 1)})["ok"]
        asked = client.call("ask_question", {"text": f"Question {number}?"})
        return client, asked["question"]["id"]

    joined = list(pool.map(participate, range(participants)))
    for number, (client, _question) in enumerate(joined):
        other = joined[(number + 1) % len(joined)][1]
        client.call("upvote_question", {"question_id": other})
    assert presenter.call("open_item", {"item_id": cloud.id})["ok"]
    for number, (client, _question) in enumerate(joined):
        client.call("vote", {"item_id": cloud.id, "value": [f"word{number}", "shared"]})
    presenter.state()
    for client, _question in joined:
        client.close()
    presenter.close()


def held(server) -> int:
    _status, _headers, body = http_request(server.url, "GET", "/healthz")
    return json.loads(body)["workshops_in_memory"]


def scenario(name, evict_after, workshops, participants, every):
    folder = Path(tempfile.mkdtemp(prefix="facilitation-bench-"))
    server = ServerProcess.start(
        folder / "bench.db",
        {
            "FACILITATION_EVICT_AFTER": str(evict_after),
            "FACILITATION_JANITOR_INTERVAL": "0.5",
            "FACILITATION_SOCKET_RATE_LIMITS": "false",
        },
    )
    store = Store(server.database)
    started = time.monotonic()
    print(f"\n{name}")
    print(f"{'workshops':>10} {'RSS MB':>8} {'in memory':>10} {'seconds':>8}", flush=True)
    try:
        with ThreadPoolExecutor(max_workers=10) as pool:
            for number in range(1, workshops + 1):
                one_workshop(server, store, participants, pool)
                if number % every == 0 or number == 1:
                    time.sleep(1.5)  # let the janitor sweep what has been idle for a second
                    rss = memory_kb(server.process.pid, "VmRSS") / 1024
                    elapsed = time.monotonic() - started
                    print(
                        f"{number:>10} {rss:>8.1f} {held(server):>10} {elapsed:>8.0f}",
                        flush=True,
                    )
    finally:
        store.close()
        output = server.stop()
    assert "Traceback" not in output, output[-3000:]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workshops", type=int, default=200)
    parser.add_argument("--participants", type=int, default=20)
    parser.add_argument("--every", type=int, default=25)
    args = parser.parse_args()
    print(
        f"{args.workshops} workshops one after another, {args.participants} participants each"
        " (a poll, a word cloud, a question and an upvote each)"
    )
    scenario("with eviction (EVICT_AFTER=1)", 1, args.workshops, args.participants, args.every)
    scenario(
        "without eviction (EVICT_AFTER one day)",
        86400,
        args.workshops,
        args.participants,
        args.every,
    )


if __name__ == "__main__":
    main()
