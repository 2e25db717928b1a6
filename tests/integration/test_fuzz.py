"""A seeded fuzz run over every documented command: each message gets an ack with a
documented code, and a refused one changes nothing anyone can see.

Odd payloads (wrong types, huge numbers, lone surrogates, control characters,
deep nesting, long strings) are mixed with plausible ones built from real ids,
so that commands also succeed and move the workshop through its states.
"""

import random

import pytest

import facilitation  # noqa: F401  (importing registers the handlers)
from facilitation.extensions import socketio
from facilitation.messages import MESSAGES
from facilitation.storage import Store
from facilitation.workshops import create_workshop
from tests.support import LiveClient, ServerProcess, join

SEED = 20261201
MESSAGES_TO_SEND = 2500

WORKSHOP = {
    "title": "Fuzz",
    "language": "en",
    "items": [
        {"kind": "content", "title": "Hello", "minutes": 1, "config": {"body": "Hi"}},
        {"kind": "single_choice", "title": "One", "minutes": 1, "config": {"options": ["A", "B"]}},
        {
            "kind": "multiple_choice",
            "title": "Many",
            "minutes": 1,
            "config": {"options": ["A", "B", "C"]},
        },
        {"kind": "rating", "title": "Rate", "minutes": 1, "config": {}},
        {"kind": "word_cloud", "title": "Words", "minutes": 1, "config": {}},
        {"kind": "open_text", "title": "Text", "minutes": 1, "config": {}},
        {"kind": "ranking", "title": "Rank", "minutes": 1, "config": {"options": ["A", "B"]}},
        {"kind": "points", "title": "Points", "minutes": 1, "config": {"options": ["A", "B"]}},
        {"kind": "question_board", "title": "Questions", "minutes": 1, "config": {}},
        {
            "kind": "breakout",
            "title": "Groups",
            "minutes": 5,
            "config": {"prompts": ["What?"], "grouping": {"mode": "size", "size": 2}},
        },
    ],
}

FIELDS = [
    "item_id", "value", "answer_id", "hidden", "threshold", "question_id", "text", "name",
    "client_id", "answered", "open", "premoderation", "word_filter", "grouping", "minutes",
    "number", "group_id", "card_id", "harvested", "video_link", "prompt_id",
]  # fmt: skip

ODD_VALUES = [
    None, True, False, 0, -1, 1, 2, 50, 10**120, -(10**60), 1.5, -0.0, 1e308, "", " ", "o1",
    "\ud800", "a\udfffb", "\x00", "\x07bell", "\u202eevil", "x" * 5000, "Grüße ß", [], [[[]]],
    {}, {"a": {"b": {"c": {}}}}, ["o1", "o1"], [1, 2, 3], {"o1": 5}, {"o1": [1, 1]},
    "{workshop}", "https://example.org/{group}", "https://example.org/{evil}",
]  # fmt: skip


# Values that fit some field of some command, so that commands also succeed.
PLAUSIBLE = {
    "value": ["o1", ["o1", "o2"], 3, ["kaizen"], "A thought", ["o1", "o2"], {"o1": 60, "o2": 40}],
    "hidden": [True, False],
    "threshold": [1, 2, 5],
    "text": ["Why?", "A card", "A note"],
    "name": [None, "Anna"],
    "answered": [True, False],
    "open": [True, False],
    "premoderation": [True, False],
    "word_filter": [None, [], ["bad"]],
    "grouping": [{"mode": "size", "size": 2}, {"mode": "count", "count": 2}],
    "minutes": [1, 5],
    "harvested": [True, False],
    "video_link": ["", "https://meet.example.org/{workshop}-{group}"],
}


def nested(depth):
    value = []
    for _ in range(depth):
        value = [value]
    return value


@pytest.fixture(scope="module")
def fuzz_server(tmp_path_factory):
    """A server of its own, command rate limits off so that every message reaches a handler."""
    database = tmp_path_factory.mktemp("fuzz") / "fuzz.db"
    server = ServerProcess.start(database, {"FACILITATION_SOCKET_RATE_LIMITS": "false"})
    yield server
    output = server.stop()
    assert "Traceback" not in output, output[-5000:]


# Fields that change on their own as the server's clock runs: the clock itself, and the
# time plan and time spent, which count from it (a workshop not begun ends "now + plan").
CLOCK_FIELDS = {"server_time", "time", "spent_seconds"}


def without_clock(value):
    """A snapshot without the fields that change on their own (the server's clock)."""
    if isinstance(value, dict):
        return {k: without_clock(v) for k, v in value.items() if k not in CLOCK_FIELDS}
    if isinstance(value, list):
        return [without_clock(v) for v in value]
    return value


class Pool:
    """Real ids seen so far, to build payloads that get past the first checks."""

    def __init__(self):
        self.ids = {"item_id": [], "question_id": [], "group_id": [], "card_id": []}
        self.ids |= {"answer_id": [], "prompt_id": [], "number": [1, 2, 3]}

    def learn(self, state):
        self.ids["item_id"] = [item["id"] for item in state["agenda"]["items"]]
        self.ids["question_id"] = [q["id"] for q in state["board"]["questions"]] or ["none"]
        breakout = state.get("breakout") or {}
        groups = breakout.get("group_details") or []
        self.ids["group_id"] = [g["id"] for g in groups] or ["none"]
        self.ids["card_id"] = [c["id"] for g in groups for c in g["cards"]] or ["none"]
        item = state.get("item") or {}
        prompts = (item.get("config") or {}).get("prompts") or []
        self.ids["prompt_id"] = [p["id"] for p in prompts] or ["none"]
        results = item.get("results") or {}
        texts = results.get("texts") or []
        self.ids["answer_id"] = [t["id"] for t in texts] or ["none"]


def payload_for(rng, pool):
    """A payload: mostly a dict of known fields with real or odd values, sometimes no dict."""
    shape = rng.random()
    if shape < 0.08:
        return rng.choice([None, "text", 42, [1, 2], nested(rng.randint(1, 200)), True])
    payload = {}
    clean = rng.random() < 0.4  # only real ids and plausible values
    for field in rng.sample(FIELDS, rng.randint(0, 4)):
        if field in pool.ids and pool.ids[field] and (clean or rng.random() < 0.7):
            payload[field] = rng.choice(pool.ids[field])
        elif field in PLAUSIBLE and (clean or rng.random() < 0.6):
            payload[field] = rng.choice(PLAUSIBLE[field])
        elif not clean:
            payload[field] = rng.choice(ODD_VALUES)
    if rng.random() < 0.5 and pool.ids["item_id"]:
        payload["item_id"] = rng.choice(pool.ids["item_id"])
    if not clean and rng.random() < 0.1:
        payload[rng.choice(["__proto__", "", "x" * 100])] = rng.choice(ODD_VALUES)
    return payload


def test_every_command_answers_with_a_documented_code_and_refusals_change_nothing(fuzz_server):
    rng = random.Random(SEED)
    store = Store(fuzz_server.database)
    workshop = create_workshop(store, WORKSHOP)
    store.close()
    url = fuzz_server.url
    presenter = LiveClient(
        url, {"role": "presenter", "workshop_id": workshop.id, "key": workshop.presenter_token}
    ).connect()
    screen = LiveClient(
        url, {"role": "screen", "workshop_id": workshop.id, "key": workshop.screen_token}
    ).connect()
    participants = [
        LiveClient(
            url, {"role": "participant", "workshop_id": workshop.id}, join(url, workshop.join_code)
        ).connect()
        for _ in range(3)
    ]
    clients = [presenter, screen, *participants]
    commands = sorted(
        {name for name, _handler, _ns in socketio.handlers} - {"connect", "disconnect", "*"}
    )
    names = commands + ["no_such_command", "connect", "disconnect", "*", "", "x" * 200]
    pool = Pool()
    pool.learn(presenter.state())
    refused = succeeded = 0
    try:
        for number in range(MESSAGES_TO_SEND):
            sender = rng.choice(clients)
            event = rng.choice(names)
            payload = payload_for(rng, pool)
            if number % 20 == 0:
                pool.learn(presenter.state())
            watched = [sender, presenter] if sender is not presenter else [presenter]
            before = [without_clock(client.state()) for client in watched]
            ack = sender.call(event, payload) if payload is not None else sender.call(event)
            where = f"message {number} (seed {SEED}): {event!r} {repr(payload)[:300]} -> {ack!r}"
            assert isinstance(ack, dict) and isinstance(ack.get("ok"), bool), where
            if ack["ok"]:
                succeeded += 1
                continue
            refused += 1
            error = ack["error"]
            assert error["code"] in MESSAGES and error["code"] != "internal_error", where
            assert isinstance(error["message"], str) and error["message"], where
            after = [without_clock(client.state()) for client in watched]
            assert after == before, where
        assert all(client.sio.connected for client in clients)
    finally:
        for client in clients:
            client.close()
    assert succeeded > 50 and refused > 1000, (succeeded, refused)
