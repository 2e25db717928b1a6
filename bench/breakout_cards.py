"""Breakout group boards under load against a real server; prints card latency and memory.

    .venv/bin/python bench/breakout_cards.py --participants 300 --groups 75 --cards 5 --duration 60

Starts ``wsgi.py`` (eventlet) on a free port with a fresh database and a
workshop with one breakout item (``grouping: {"mode": "count", "count":
--groups}``), joins N participants through the join form and connects them
over websocket with ``Fleet`` (bench/question_board.py: one reader thread per
process for many connections) from several client processes; the presenter
is a python-socketio client in a process of its own. The presenter opens the
item and starts the breakout; every participant learns its group from its
``group_changed`` (``get_state`` if none came). Then, within ``--duration``
seconds, every participant adds ``--cards`` cards (each with a ``client_id``,
at random moments, under random prompts).

Latency of a card, measured for each *other* member of the author's group
(one sample per card and receiving member): from the moment the author sent
``add_card`` to the first ``group_changed`` that member receives whose
``group.cards`` holds the card ("send→member"); the same counted from the
author's ack ("ack→member") isolates the fan-out. All client processes share
one machine, so ``time.time()`` is compared across processes.

Afterwards a fresh presenter connection's ``get_state`` must hold exactly
participants × cards cards, each once, each on its author's group board.
"""

import argparse
import json
import multiprocessing as mp
import os
import random
import resource
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from pathlib import Path

import socketio

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.measure import memory_kb  # noqa: E402
from bench.question_board import Fleet, cpu_seconds, joined_cookie, spread  # noqa: E402
from facilitation.storage import Store  # noqa: E402
from facilitation.workshops import create_workshop  # noqa: E402
from tests.support import ServerProcess  # noqa: E402

PROMPTS = [
    {"id": "p1", "text": "Was hat in den letzten Wochen gut funktioniert?"},
    {"id": "p2", "text": "Wo verlieren wir Zeit und Nerven?"},
    {"id": "p3", "text": "Was probieren wir als Nächstes aus?"},
]

# What groups in a public-administration retrospective write; a marker keeps cards apart.
CARD_TEXTS = [
    "Die kurzen Abstimmungen am Montag helfen",
    "Mitzeichnung dauert zu lange, oft über eine Woche",
    "Formulare doppelt ausfüllen kostet Zeit",
    "Gemeinsame Ablage statt E-Mail-Anhänge",
    "Mehr Mut zu Entscheidungen ohne Gremium",
    "Die Straßenverkehrsbehörde früher einbinden",
    "Schulung für die neue Software für alle",
    "Zuständigkeiten auf einer Seite übersichtlich darstellen",
    "Rückmeldung aus dem Bürgerservice monatlich teilen",
    "Größere Vorhaben in kleine Schritte teilen",
]


def workshop_definition(groups: int, duration: int) -> dict:
    """A one-item workshop: a breakout in ``groups`` groups over the three prompts."""
    return {
        "title": "Benchmark: breakout cards",
        "language": "de",
        "items": [
            {
                "kind": "breakout",
                "title": "Rückblick in Kleingruppen",
                "minutes": duration,
                "config": {
                    "prompts": PROMPTS,
                    "duration": duration,
                    "grouping": {"mode": "count", "count": groups},
                    "private_notes": True,
                },
            }
        ],
    }


def presenter_process(url, workshop, item_id, barriers, results):
    """Open the item, start the breakout, then count ``breakout_groups`` until the run ends."""
    ready, grouped, start, done = barriers
    counts = Counter()
    client = socketio.Client(reconnection=False)

    @client.on("breakout_groups")
    def on_groups(payload):
        counts["messages"] += 1
        counts["groups"] += len(payload["groups"])

    auth = {"role": "presenter", "workshop_id": workshop["id"], "key": workshop["key"]}
    client.connect(url, auth=auth, transports=["websocket"], wait_timeout=30)
    ready.wait(timeout=600)
    began = time.time()
    opened = client.call("open_item", {"item_id": item_id}, timeout=30)
    assert opened["ok"], opened
    breakout = client.call("start_breakout", {"item_id": item_id}, timeout=30)
    assert breakout["ok"], breakout
    start_ms = (time.time() - began) * 1000
    grouped.wait(timeout=120)
    start.wait(timeout=60)
    done.wait(timeout=600)
    time.sleep(2.5)  # the others wait for quiet; late breakout_groups still count
    client.disconnect()
    results.put(("presenter", (dict(counts), start_ms)))


def participant_process(url, workshop, item_id, cookies, first, cards, duration, barriers, results):
    """Connect this share (global numbers ``first``, ``first + step``...), then add cards."""
    ready, grouped, start, done = barriers
    offset, step = first
    lock = threading.Lock()
    group_of: dict[int, str] = {}  # local connection -> its group id
    seen: dict[int, dict] = defaultdict(dict)  # local connection -> {card id: first receipt}
    pending: dict[int, tuple] = {}  # ack id -> (kind, local connection, client id, sent)
    sent_cards = []  # (global author, client id, card id, sent, acked, ok)
    facts = Counter()
    last_fact = [time.time()]

    def on_event(index, name, message):
        if name != "group_changed":
            return
        now = time.time()
        group = json.loads(message[2:])[1]["group"]
        with lock:
            facts["group_changed"] += 1
            last_fact[0] = now
            if group is None:
                return
            group_of[index] = group["id"]
            mine = seen[index]
            for card in group["cards"]:
                if card["id"] not in mine:
                    mine[card["id"]] = now

    def on_ack(index, ack_id, ack):
        now = time.time()
        with lock:
            kind, _index, client_id, sent = pending.pop(ack_id)
            if kind == "state":
                my_group = ack.get("state", {}).get("breakout", {}).get("my_group")
                if my_group is not None and index not in group_of:
                    group_of[index] = my_group["id"]
                return
            card_id = ack["card"]["id"] if ack.get("ok") else None
            sent_cards.append(
                (offset + index * step, client_id, card_id, sent, now, bool(ack.get("ok")))
            )
            if not ack.get("ok"):
                facts["refusal " + ack.get("error", {}).get("code", "?")] += 1

    def send(index, event, payload, kind, client_id=None):
        with lock:
            sent = time.time()
            ack_id = fleet.emit(index, event, payload)
            pending[ack_id] = (kind, index, client_id, sent)

    fleet = Fleet(
        url, {"role": "participant", "workshop_id": workshop["id"]}, cookies, on_event, on_ack
    )
    count = len(cookies)
    ready.wait(timeout=600)

    # Everyone waits for their group; whoever has none after 10 s asks for a snapshot.
    deadline = time.time() + 10
    while time.time() < deadline and len(group_of) < count:
        time.sleep(0.05)
    for index in range(count):
        if index not in group_of:
            send(index, "get_state", {}, "state")
    deadline = time.time() + 20
    while time.time() < deadline and len(group_of) < count:
        time.sleep(0.05)
    grouped.wait(timeout=120)

    rng = random.Random()
    schedule = sorted(
        (rng.uniform(0, duration), index, n) for index in range(count) for n in range(cards)
    )
    start.wait(timeout=60)
    began = time.time()
    for at, index, n in schedule:
        delay = began + at - time.time()
        if delay > 0:
            time.sleep(delay)
        author = offset + index * step
        client_id = f"bench-{author}-{n}"
        payload = {
            "item_id": item_id,
            "prompt_id": rng.choice(PROMPTS)["id"],
            "text": f"{rng.choice(CARD_TEXTS)} [{client_id}]",
            "client_id": client_id,
        }
        send(index, "add_card", payload, "card", client_id)

    # Until every ack is in (at most 60 s), then until no group_changed came for 2 s.
    deadline = time.time() + 60
    while time.time() < deadline and pending:
        time.sleep(0.05)
    done.wait(timeout=120)
    deadline = time.time() + 30
    while time.time() < deadline and time.time() - last_fact[0] < 2:
        time.sleep(0.1)
    with lock:
        groups = {offset + index * step: group for index, group in group_of.items()}
        receipts = [
            (offset + index * step, card_id, at)
            for index, cards_seen in seen.items()
            for card_id, at in cards_seen.items()
        ]
        results.put(
            (
                "participants",
                (groups, list(sent_cards), receipts, dict(facts), len(pending), began),
            )
        )
    fleet.close()


def verify(url, workshop, participants, cards, groups_of) -> list[str]:
    """Check a fresh presenter snapshot: every card once, on its author's board."""
    client = socketio.Client(reconnection=False)
    auth = {"role": "presenter", "workshop_id": workshop["id"], "key": workshop["key"]}
    client.connect(url, auth=auth, transports=["websocket"], wait_timeout=30)
    state = client.call("get_state", timeout=60)["state"]
    client.disconnect()
    breakout = state["breakout"]
    stored = [(group["id"], card) for group in breakout["group_details"] for card in group["cards"]]
    ids = Counter(card["id"] for _group, card in stored)
    markers = Counter(card["text"].rsplit("[", 1)[-1].rstrip("]") for _group, card in stored)
    expected = {f"bench-{author}-{n}" for author in range(participants) for n in range(cards)}
    wrong_board = sum(
        1
        for group_id, card in stored
        if groups_of.get(int(card["text"].rsplit("-", 2)[-2])) != group_id
    )
    sizes = Counter(len(group["members"]) for group in breakout["group_details"])
    return [
        f"server holds            {len(stored)} cards (expected {participants * cards}; "
        f"round says {breakout['cards']}), status {breakout['status']}",
        f"                        duplicate ids {sum(n - 1 for n in ids.values())}, "
        f"stored twice {sum(n - 1 for n in markers.values())}, "
        f"lost {len(expected - set(markers))}, on another board {wrong_board}",
        f"groups                  {len(breakout['group_details'])} "
        f"(sizes: {', '.join(f'{n} × {size}' for size, n in sorted(sizes.items()))})",
    ]


def main():
    wall = time.time()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=300)
    parser.add_argument("--groups", type=int, default=75)
    parser.add_argument("--cards", type=int, default=5, help="cards per participant")
    parser.add_argument("--duration", type=float, default=60.0, help="seconds for all cards")
    parser.add_argument("--processes", type=int, default=3, help="participant client processes")
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="facilitation-bench-"))
    server = ServerProcess.start(folder / "bench.db", {"FACILITATION_LOAD_DEMO": "false"})
    try:
        idle_kb = memory_kb(server.process.pid, "VmRSS")
        store = Store(server.database)
        minutes = max(15, int(args.duration // 60) + 5)  # the clock never runs out mid-run
        workshop = create_workshop(store, workshop_definition(args.groups, minutes))
        item = store.items(workshop.id)[0]
        store.close()
        joined = time.time()
        cookies = [joined_cookie(server.url, workshop.join_code) for _ in range(args.participants)]
        print(f"joined {args.participants} participants in {time.time() - joined:.1f} s")
        info = {"id": workshop.id, "key": workshop.presenter_token}

        context = mp.get_context("spawn")
        barriers = tuple(context.Barrier(args.processes + 2) for _ in range(4))
        ready, grouped, start, done = barriers
        results = context.Queue()
        workers = [
            context.Process(
                target=presenter_process, args=(server.url, info, item.id, barriers, results)
            )
        ] + [
            context.Process(
                target=participant_process,
                args=(
                    server.url,
                    info,
                    item.id,
                    cookies[n :: args.processes],
                    (n, args.processes),
                    args.cards,
                    args.duration,
                    barriers,
                    results,
                ),
            )
            for n in range(args.processes)
        ]
        connecting = time.time()
        for worker in workers:
            worker.start()
        ready.wait(timeout=600)
        connected_after = time.time() - connecting
        connected_kb = memory_kb(server.process.pid, "VmRSS")
        grouping = time.time()
        grouped.wait(timeout=120)
        grouped_after = time.time() - grouping
        load = os.getloadavg()[0]
        cpu_before = cpu_seconds(server.process.pid)
        start.wait(timeout=60)
        started = time.time()
        done.wait(timeout=args.duration + 120)

        groups_of, cards, receipts, facts = {}, [], {}, Counter()
        presenter, start_ms, unanswered = {}, 0.0, 0
        for _ in workers:
            kind, data = results.get(timeout=120)
            if kind == "presenter":
                presenter, start_ms = data
            else:
                groups_of.update(data[0])
                cards.extend(data[1])
                for receiver, card_id, at in data[2]:
                    receipts[(receiver, card_id)] = at
                facts.update(data[3])
                unanswered += data[4]
        finished = time.time()
        server_cpu = cpu_seconds(server.process.pid) - cpu_before
        for worker in workers:
            worker.join(timeout=60)
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        clients_cpu = children.ru_utime + children.ru_stime

        members = defaultdict(list)
        for participant, group_id in groups_of.items():
            members[group_id].append(participant)
        from_send, from_ack, missing, expected = [], [], 0, 0
        acked = [card for card in cards if card[5]]
        for author, _client_id, card_id, sent, ack_at, _ok in acked:
            for member in members[groups_of.get(author)]:
                if member == author:
                    continue
                expected += 1
                at = receipts.get((member, card_id))
                if at is None:
                    missing += 1
                else:
                    from_send.append((at - sent) * 1000)
                    from_ack.append((at - ack_at) * 1000)
        acks = [(ack_at - sent) * 1000 for *_, sent, ack_at, _ok in cards]
        last_ack = max((ack_at for *_, ack_at, _ok in cards), default=started)
        peak_kb = memory_kb(server.process.pid, "VmHWM")
        checks = verify(server.url, info, args.participants, args.cards, groups_of)

        print(
            f"participants            {args.participants} ({args.processes} client processes, "
            f"connected in {connected_after:.1f} s); {len(groups_of)} know their group"
        )
        print(
            f"breakout started        ack after {start_ms:.0f} ms; every participant knew "
            f"its group {grouped_after:.1f} s after all had connected"
        )
        print(
            f"cards sent/acked        {len(cards) + unanswered} / {len(acked)} "
            f"(refused {len(cards) - len(acked)}, without an ack {unanswered})"
        )
        print(f"last card acked after   {last_ack - started:.1f} s (target {args.duration:g} s)")
        print(
            f"card seen by members    {expected - missing} of {expected} "
            f"(card, other member) pairs; missing {missing}"
        )
        if acks:
            print(f"add_card ack   p50/p95/p99 {spread(acks)}")
        if from_send:
            print(f"send→member    p50/p95/p99 {spread(from_send)}")
            print(f"ack→member     p50/p95/p99 {spread(from_ack)}")
        print(
            f"group_changed           {facts['group_changed']} received by participants "
            f"({facts['group_changed'] / max(1, args.participants):.1f} each)"
        )
        print(
            f"breakout_groups         {presenter.get('messages', 0)} received by the presenter "
            f"({presenter.get('groups', 0)} group views in them)"
        )
        for line in checks:
            print(line)
        refusals = {name: n for name, n in facts.items() if name.startswith("refusal")}
        if refusals:
            print(f"refusals                {refusals}")
        print(
            f"server memory           idle {idle_kb / 1024:.0f} MB, connected "
            f"{connected_kb / 1024:.0f} MB, peak (VmHWM) {peak_kb / 1024:.0f} MB"
        )
        print(
            f"server CPU              {server_cpu:.1f} s in {finished - started:.1f} s "
            f"(cards phase and the wait for the last facts; load average at the start "
            f"{load:.1f} on {os.cpu_count()} cores)"
        )
        print(f"client processes CPU    {clients_cpu:.1f} s (connecting included)")
        print(f"wall time               {time.time() - wall:.1f} s in all")
    finally:
        printed = server.stop()
        if "Traceback" in printed:
            print("server printed a traceback:\n" + printed[-3000:])


if __name__ == "__main__":
    main()
