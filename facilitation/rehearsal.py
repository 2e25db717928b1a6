"""The simulated participants of a rehearsal, as a helper process of the server.

``python -m facilitation.rehearsal URL WORKSHOP_ID`` reads the participants' cookies (one
JSON list on stdin; the server made the participants and signed the cookies), connects
each as a real Socket.IO client and lets it do what people do, through the same commands:
answer every item with what its kind's ``sample_answer`` proposes, ask and upvote
questions, write cards in breakout rounds. It ends when the server closes the connections
(``go_live`` or the workshop's end or deletion), when the server goes away, or after
``MAX_SECONDS``.
"""

from __future__ import annotations

import contextlib
import heapq
import json
import random
import sys
import threading
import time

import socketio

from .domain.kinds import get_kind
from .domain.rehearsal import (
    ASKING,
    CARDS_PER_PROMPT,
    UPVOTING,
    Phrases,
    answer_delay,
    phrases_for,
)

MAX_SECONDS = 4 * 3600
# People connect spread over this many seconds, as a room fills.
ARRIVAL = 6.0


class Scheduler:
    """One thread that runs every simulated person's next action at its time."""

    def __init__(self):
        self.queue: list = []
        self.counter = 0
        self.ready = threading.Condition()

    def at(self, delay: float, action) -> None:
        """Run ``action()`` in ``delay`` seconds."""
        with self.ready:
            self.counter += 1
            heapq.heappush(self.queue, (time.monotonic() + delay, self.counter, action))
            self.ready.notify()

    def run(self, alive) -> None:
        """Run actions until ``alive()`` says no more."""
        while alive():
            with self.ready:
                if not self.queue:
                    self.ready.wait(0.5)
                    continue
                due, _, action = self.queue[0]
                wait = due - time.monotonic()
                if wait > 0:
                    self.ready.wait(min(wait, 0.5))
                    continue
                heapq.heappop(self.queue)
            # A person whose connection went away simply stops.
            with contextlib.suppress(socketio.exceptions.SocketIOError, TimeoutError):
                action()


class Person:
    """One simulated participant: a real Socket.IO client with a participant cookie."""

    def __init__(self, room: Room, cookie: str):
        self.room = room
        self.cookie = cookie
        self.rng = random.Random()
        self.answered: set[str] = set()
        self.carded: set[str] = set()
        self.items: dict[str, dict] = {}  # the items seen, by id (for a breakout's prompts)
        self.sio = socketio.Client(reconnection=True, reconnection_attempts=5)
        self.sio.on("connect", lambda: room.joined(self))
        self.sio.on("item_opened", self.on_item)
        self.sio.on("item_reopened", self.on_item)
        self.sio.on("breakout_changed", self.on_round)
        self.sio.on("disconnect", self.on_disconnect)

    def connect(self) -> None:
        """Connect and act on what is shown now."""
        name, value = self.cookie.split("=", 1)
        self.sio.connect(
            self.room.url,
            headers={"Cookie": f"{name}={value}"},
            auth={"role": "participant", "workshop_id": self.room.workshop_id},
            transports=["websocket"],
            wait_timeout=10,
        )
        ack = self.sio.call("get_state", {}, timeout=10)
        if ack.get("ok"):
            self.on_item(ack["state"])
            if ack["state"].get("breakout"):
                self.on_round(ack["state"]["breakout"])

    def on_disconnect(self, *reason) -> None:
        """The server closed the connection for good (the rehearsal is over) or went away."""
        self.room.left(self)

    def on_item(self, payload) -> None:
        """An item was opened: answer it a little later (and maybe ask a question)."""
        item = payload.get("item") if isinstance(payload, dict) else None
        if not item:
            return
        self.items[item["id"]] = item
        kind = get_kind(item["kind"])
        if kind.collects_answers and item["id"] not in self.answered and item["status"] == "open":
            self.answered.add(item["id"])
            value = kind.sample_answer(item["config"], self.rng, self.room.phrases)
            self.room.scheduler.at(answer_delay(self.rng), lambda: self.vote(item["id"], value))
        if kind.name == "breakout":
            self.room.scheduler.at(1.0, lambda: self.look_at_round(item["id"]))
        if self.rng.random() < ASKING:
            question = self.rng.choice(self.room.phrases.questions)
            self.room.scheduler.at(answer_delay(self.rng) * 2, lambda: self.ask(question))
        if self.rng.random() < UPVOTING:
            self.room.scheduler.at(answer_delay(self.rng) * 3, self.upvote)

    def vote(self, item_id: str, value) -> None:
        self.sio.call("vote", {"item_id": item_id, "value": value}, timeout=10)

    def ask(self, text: str) -> None:
        self.sio.call("ask_question", {"text": text}, timeout=10)

    def upvote(self) -> None:
        """Upvote one question on the board that is not one's own."""
        ack = self.sio.call("get_state", {}, timeout=10)
        board = ack.get("state", {}).get("board") if ack.get("ok") else None
        others = [q for q in (board or {}).get("questions", []) if not q.get("mine")]
        if others:
            question = self.rng.choice(others)
            self.sio.call("upvote_question", {"question_id": question["id"]}, timeout=10)

    def on_round(self, view) -> None:
        """A breakout round changed: once it runs, write a few cards on one's group board."""
        if isinstance(view, dict) and view.get("status") == "running":
            self.room.scheduler.at(1.0, lambda: self.look_at_round(view["item_id"]))

    def look_at_round(self, item_id: str) -> None:
        ack = self.sio.call("get_breakout", {"item_id": item_id}, timeout=10)
        view = ack.get("breakout") if ack.get("ok") else None
        if not view or view.get("status") != "running" or not view.get("my_group"):
            return
        item = self.items.get(item_id)
        if item_id in self.carded or item is None:
            return
        self.carded.add(item_id)
        for prompt in (p["id"] for p in item["config"].get("prompts", [])):
            for _ in range(self.rng.randint(*CARDS_PER_PROMPT)):
                text = self.rng.choice(self.room.phrases.cards)
                payload = {"item_id": item_id, "prompt_id": prompt, "text": text}
                self.room.scheduler.at(answer_delay(self.rng) * 2, lambda p=payload: self.card(p))

    def card(self, payload: dict) -> None:
        client_id = f"sim-{self.rng.getrandbits(64):016x}"
        self.sio.call("add_card", {**payload, "client_id": client_id}, timeout=10)


class Room:
    """The simulated participants of one workshop."""

    def __init__(self, url: str, workshop_id: str, language: str, cookies: list[str]):
        self.url = url
        self.workshop_id = workshop_id
        self.phrases: Phrases = phrases_for(language)
        self.scheduler = Scheduler()
        self.people = [Person(self, cookie) for cookie in cookies]
        self.connected = 0
        self.lock = threading.Lock()
        self.started = time.monotonic()

    def joined(self, person: Person) -> None:
        with self.lock:
            self.connected += 1

    def left(self, person: Person) -> None:
        with self.lock:
            self.connected -= 1

    def alive(self) -> bool:
        if time.monotonic() - self.started > MAX_SECONDS:
            return False
        with self.lock:
            return self.connected > 0 or time.monotonic() - self.started < ARRIVAL + 15

    def run(self) -> None:
        """Connect everyone (spread over ``ARRIVAL`` seconds), then act until the end."""
        for index, person in enumerate(self.people):
            delay = ARRIVAL * index / max(1, len(self.people))
            self.scheduler.at(delay, lambda p=person: self.arrive(p))
        self.scheduler.run(self.alive)
        for person in self.people:
            if person.sio.connected:
                person.sio.disconnect()

    def arrive(self, person: Person) -> None:
        try:
            person.connect()
        except socketio.exceptions.ConnectionError:
            return


def main(argv: list[str]) -> int:
    """``URL WORKSHOP_ID LANGUAGE`` with the cookies as a JSON list on stdin."""
    if len(argv) != 3:
        print("usage: python -m facilitation.rehearsal URL WORKSHOP_ID LANGUAGE", file=sys.stderr)
        return 2
    url, workshop_id, language = argv
    cookies = json.loads(sys.stdin.read())
    Room(url, workshop_id, language, cookies).run()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
