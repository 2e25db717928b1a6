"""Several server processes behind nginx, joined by Redis: K workshops of M participants vote in
bursts; prints per-workshop final tallies, vote → presenter latency, votes a second, memory.

    .venv/bin/python bench/scale_out.py --processes 2 --workshops 4 --participants 500
    .venv/bin/python bench/scale_out.py --direct ...   # one process, no nginx, no Redis

Starts redis-server, N product processes on one SQLite file and nginx with the shipped
site's routing (tests/instance.py, deploy/nginx/facilitation.conf), or with ``--direct``
one process on its own. Each workshop has ``--bursts`` polls; in each burst the
presenters open the next poll and every participant answers it, all at once
(``--spread 0``) or within ``--spread`` seconds. Clients are python-socketio
AsyncClients in several processes (bench/poll_burst.py), the presenters in one
process of their own.

- final tally: for each workshop and burst, from the workshop's last vote sent to the
  first presenter ``tally`` that counts every vote;
- vote → presenter: from sending a vote to the first ``tally`` of its poll received
  after its ack (an upper bound, as in poll_burst.py);
- votes a second: all votes of a burst over the time from its start to the last
  workshop's final tally;
- memory: each server process's peak (VmHWM) and its CPU time during the bursts.
"""

import argparse
import asyncio
import json
import multiprocessing as mp
import random
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.measure import cpu_seconds, memory_kb, percentile  # noqa: E402
from bench.poll_burst import (  # noqa: E402
    KINDS,
    PHASE_TIMEOUT,
    PRODUCT_ENV,
    Target,
    connect,
    event_loop_process,
    in_thread,
    join_form,
    raise_open_files_limit,
    vote,
)
from facilitation.workshops import create_workshop  # noqa: E402
from tests.instance import Instance  # noqa: E402
from tests.support import LiveClient, ServerProcess, http_request  # noqa: E402


def workshop_with_polls(kind: str, bursts: int, number: int) -> dict:
    """A workshop with one poll of ``kind`` per burst."""
    config, _answer = KINDS[kind]
    return {
        "title": f"Scale-out {number + 1}",
        "language": "en",
        "items": [
            {"kind": kind, "title": f"Burst {burst + 1}", "minutes": 5, "config": config}
            for burst in range(bursts)
        ],
    }


async def voters(shares, kind, spread, concurrency, barriers, results):
    """Join this process's share of each workshop (form, then socket), then answer one poll
    per burst, every participant of every workshop at once."""
    import aiohttp

    joined_barrier, bursts = barriers[0], barriers[1:]
    limit = asyncio.Semaphore(concurrency)
    connector = aiohttp.TCPConnector(limit=concurrency)
    async with aiohttp.ClientSession(
        connector=connector, cookie_jar=aiohttp.DummyCookieJar()
    ) as http:
        forms = [
            (target, await asyncio.gather(*(join_form(http, target, limit) for _ in range(count))))
            for target, count, _items in shares
        ]
    clients = []  # (workshop index, client)
    for index, (target, joined) in enumerate(forms):
        auth = {"role": "participant", "workshop_id": target.workshop_id}
        cookies = [cookie for cookie, _ in joined if cookie]
        made = await asyncio.gather(*(connect(target, auth, c, limit) for c in cookies))
        clients += [(index, client) for client, _ in made if client]
    results.put(("joined", len(clients)))
    await in_thread(joined_barrier)
    rng = random.Random()
    answer = KINDS[kind][1]
    for burst, (opened, start) in enumerate(zip(bursts[::2], bursts[1::2], strict=True)):
        await in_thread(opened)
        await in_thread(start)
        began = time.time()
        timings = await asyncio.gather(
            *(
                vote(client, shares[index][2][burst], answer(rng), rng.uniform(0, spread), began)
                for index, client in clients
            )
        )
        results.put(("votes", burst, [(clients[i][0], *t) for i, t in enumerate(timings)]))
    await asyncio.sleep(1)
    await asyncio.gather(*(client.disconnect() for _, client in clients))


async def presenters(targets, items, expected, barriers, results):
    """One presenter per workshop: open each burst's poll, record every tally after it."""
    import socketio

    joined_barrier, bursts = barriers[0], barriers[1:]
    tallies = defaultdict(list)  # (workshop, item) -> [(received, answers)]
    clients = []
    for index, target in enumerate(targets):
        client = socketio.AsyncClient(reconnection=False)

        def on_tally(payload, index=index):
            tallies[(index, payload["item_id"])].append((time.time(), payload["answers"]))

        client.on("tally", on_tally)
        auth = {"role": "presenter", "workshop_id": target.workshop_id, "key": target.key}
        await client.connect(
            target.socket_url, auth=auth, transports=["websocket"], wait_timeout=30
        )
        clients.append(client)
    await in_thread(joined_barrier)
    for burst, (opened, start) in enumerate(zip(bursts[::2], bursts[1::2], strict=True)):
        for client, workshop_items in zip(clients, items, strict=True):
            ack = await client.call("open_item", {"item_id": workshop_items[burst]}, timeout=60)
            assert ack["ok"], ack
        await in_thread(opened)
        await in_thread(start)
        deadline = time.time() + 180
        wanted = [(index, workshop_items[burst]) for index, workshop_items in enumerate(items)]
        while time.time() < deadline and not all(
            any(answers >= expected[index] for _, answers in tallies[key])
            for index, key in zip(range(len(items)), wanted, strict=True)
        ):
            await asyncio.sleep(0.02)
        results.put(("tallies", burst, dict(tallies)))
    await asyncio.gather(*(client.disconnect() for client in clients))


def start(args, folder: Path):
    """(URL the clients use, server processes, store, what to stop at the end)."""
    env = {**PRODUCT_ENV, "FACILITATION_LOAD_DEMO": "false"}
    if args.direct:
        server = ServerProcess.start(folder / "facilitation.db", env)
        from facilitation.storage import Store

        return server.url, [server], Store(server.database), lambda: server.stop()
    connections = 2 * args.workshops * args.participants + 1024  # client + upstream each
    instance = Instance(folder, processes=args.processes, extra_env=env, connections=connections)
    return instance.url, instance.servers, instance.store, instance.close


def placed_workshops(args, url, servers, store, definition) -> list:
    """``args.workshops`` workshops, spread evenly over the processes unless ``--as-hashed``.

    nginx places a workshop by the hash of its id: four workshops land all on one of
    two processes one time in eight. To measure what N processes carry, workshops are
    made until each process owns its share (seen in /healthz after a presenter
    connected through nginx); the others are deleted.
    """
    if args.as_hashed or len(servers) == 1:
        return [create_workshop(store, definition(n)) for n in range(args.workshops)]
    share = -(-args.workshops // len(servers))
    owned: dict[int, list] = {index: [] for index in range(len(servers))}
    for number in range(50 * args.workshops):
        if sum(len(mine) for mine in owned.values()) == args.workshops:
            break
        workshop = create_workshop(store, definition(number))
        before = [workshops_held(server) for server in servers]
        auth = {"role": "presenter", "workshop_id": workshop.id, "key": workshop.presenter_token}
        presenter = LiveClient(url, auth).connect()
        after = before
        deadline = time.time() + 5
        while after == before and time.time() < deadline:
            time.sleep(0.05)
            after = [workshops_held(server) for server in servers]
        presenter.close()
        index = next(i for i in range(len(servers)) if after[i] > before[i])
        if len(owned[index]) < share:
            owned[index].append(workshop)
        else:
            store.delete_workshop(workshop.id)
    return [workshop for mine in owned.values() for workshop in mine]


def workshops_held(server) -> int:
    """How many workshops a server process holds in memory (its /healthz)."""
    _status, _headers, body = http_request(server.url, "GET", "/healthz")
    return json.loads(body)["workshops_in_memory"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--processes", type=int, default=2, help="server processes")
    parser.add_argument("--direct", action="store_true", help="one process, no nginx")
    parser.add_argument("--workshops", type=int, default=4)
    parser.add_argument("--participants", type=int, default=250, help="per workshop")
    parser.add_argument("--bursts", type=int, default=3)
    parser.add_argument("--spread", type=float, default=0.0)
    parser.add_argument("--kind", choices=sorted(KINDS), default="single_choice")
    parser.add_argument("--clients", type=int, default=4, help="voter processes")
    parser.add_argument("--concurrency", type=int, default=50, help="joins in flight each")
    parser.add_argument(
        "--as-hashed", action="store_true", help="keep where nginx puts them, even if uneven"
    )
    args = parser.parse_args()
    if args.direct:
        args.processes = 1
    raise_open_files_limit()

    folder = Path(tempfile.mkdtemp(prefix="facilitation-scale-"))
    url, servers, store, stop = start(args, folder)
    try:
        targets, items = [], []

        def definition(number):
            return workshop_with_polls(args.kind, args.bursts, number)

        for workshop in placed_workshops(args, url, servers, store, definition):
            polls = [item.id for item in store.items(workshop.id)]
            targets.append(
                Target(url, workshop.id, workshop.join_code, workshop.presenter_token, polls[0], 0)
            )
            items.append(polls)
        context = mp.get_context("spawn")
        barriers = tuple(context.Barrier(args.clients + 2) for _ in range(1 + 2 * args.bursts))
        results = context.Queue()
        counts = [
            [len(range(c, args.participants, args.clients)) for _ in targets]
            for c in range(args.clients)
        ]
        expected = [args.participants] * len(targets)
        workers = [
            context.Process(
                target=event_loop_process,
                args=(presenters, targets, items, expected, barriers, results),
            )
        ] + [
            context.Process(
                target=event_loop_process,
                args=(
                    voters,
                    [
                        (target, count, workshop_items)
                        for target, count, workshop_items in zip(
                            targets, counts[c], items, strict=True
                        )
                    ],
                    args.kind,
                    args.spread,
                    args.concurrency,
                    barriers,
                    results,
                ),
            )
            for c in range(args.clients)
        ]
        join_began = time.time()
        for worker in workers:
            worker.start()
        joined = sum(results.get(timeout=PHASE_TIMEOUT)[1] for _ in range(args.clients))
        barriers[0].wait(PHASE_TIMEOUT)
        join_time = time.time() - join_began
        pids = [server.process.pid for server in servers]
        held = [workshops_held(server) for server in servers]
        cpu_before = [cpu_seconds(pid) for pid in pids]

        votes, tallies, starts = defaultdict(list), {}, {}
        for burst in range(args.bursts):
            barriers[1 + 2 * burst].wait(PHASE_TIMEOUT)
            starts[burst] = time.time()
            barriers[2 + 2 * burst].wait(PHASE_TIMEOUT)
            for _ in range(args.clients + 1):
                message = results.get(timeout=PHASE_TIMEOUT)
                if message[0] == "votes":
                    votes[message[1]].extend(message[2])
                else:
                    tallies[message[1]] = message[2]
        cpu_used = [cpu_seconds(pid) - before for pid, before in zip(pids, cpu_before, strict=True)]
        peaks = [memory_kb(pid, "VmHWM") / 1024 for pid in pids]
        for worker in workers:
            worker.join(timeout=30)
    finally:
        stop()

    finals, latencies, rates, refused = [], [], [], 0
    for burst in range(args.bursts):
        last_final = None
        for index in range(len(targets)):
            item_id = items[index][burst]
            received = tallies[burst].get((index, item_id), [])
            mine = [v for v in votes[burst] if v[0] == index]
            refused += sum(1 for *_, ok in mine if not ok)
            final = next((at for at, n in received if n >= expected[index]), None)
            last_sent = max(sent for _, sent, _, _ in mine)
            if final is not None:
                finals.append(final - last_sent)
                last_final = max(last_final or final, final)
            for _, sent, acked, _ok in mine:
                seen = next((at for at, _ in received if at >= acked), None)
                if seen is not None:
                    latencies.append((seen - sent) * 1000)
        if last_final is not None:
            rates.append(len(votes[burst]) / (last_final - starts[burst]))

    total = args.workshops * args.participants
    mode = "one process, direct" if args.direct else f"{args.processes} processes behind nginx"
    print(f"setup                   {mode}, {args.clients} client processes")
    print(
        f"load                    {args.workshops} workshops × {args.participants} participants"
        f" ({joined} of {total} connected in {join_time:.1f} s, client start-up included),"
        f" {args.bursts} bursts of"
        f" {args.kind} over {args.spread:g} s"
    )
    print(f"workshops per process   {held}")
    print(f"votes refused/unacked   {refused}")
    if finals:
        print(
            f"final tally per workshop after its last vote: p50 {percentile(finals, 0.5):.2f} s,"
            f" max {max(finals):.2f} s ({len(finals)} of {args.workshops * args.bursts})"
        )
    if latencies:
        print(
            f"vote → presenter        p50/p95/p99 {percentile(latencies, 0.5):.0f} / "
            f"{percentile(latencies, 0.95):.0f} / {percentile(latencies, 0.99):.0f} ms"
            f" (mean {statistics.mean(latencies):.0f})"
        )
    if rates:
        print(
            f"votes a second          {statistics.mean(rates):.0f} (burst start to last final"
            f" tally, mean of {len(rates)} bursts)"
        )
    votes_total = sum(len(v) for v in votes.values())
    for number, (peak, cpu) in enumerate(zip(peaks, cpu_used, strict=True)):
        print(
            f"process {number + 1}               peak {peak:.0f} MB, CPU {cpu:.2f} s in the bursts"
            f" ({cpu * 1000 / max(1, votes_total):.3f} ms per vote of all)"
        )
    print(
        f"server CPU per vote     {sum(cpu_used) * 1000 / max(1, votes_total):.3f} ms"
        " (all processes, bursts only)"
    )


if __name__ == "__main__":
    main()
