"""The least a durable vote costs on our stack: a bare server for bench/poll_burst.py.

    .venv/bin/python bench/bare_stack.py --port 5001 --database /tmp/bare.db \
        --workshop W --join-code C --key K --item I

The same stack as the product (Flask, Flask-SocketIO on eventlet, SQLite) doing
only what a vote needs and nothing else: joining through ``POST /j/<code>``
(one INSERT, a signed cookie, a 302), connecting (cookie or presenter key, one
room), ``vote`` (one ``INSERT ... ON CONFLICT DO UPDATE`` committed before the
ack, an in-memory tally, the workshop marked dirty), ``open_item`` (an ok) and a
beat every 0.2 s sending one ``tally`` to the presenter room when dirty. It
speaks the subset of docs/protocol.md that poll_burst.py uses, so the bench
drives it unchanged with ``--server bare``; the one workshop's ids come from
the command line. Compare the product's cost per vote with this one's: what is
above it is ours to spend or save.
"""

import os
import warnings

os.environ.setdefault("EVENTLET_NO_GREENDNS", "yes")
warnings.filterwarnings("ignore", message=r"\s*Eventlet is deprecated", category=Warning)
import eventlet  # noqa: E402

eventlet.monkey_patch()

import argparse  # noqa: E402
import json  # noqa: E402
import secrets  # noqa: E402
import sqlite3  # noqa: E402
import time  # noqa: E402
from collections import Counter  # noqa: E402

from flask import Flask, redirect, request  # noqa: E402
from flask_socketio import ConnectionRefusedError, SocketIO, join_room  # noqa: E402
from itsdangerous import BadSignature, URLSafeSerializer  # noqa: E402

BEAT = 0.2  # seconds, as the product's BROADCAST_INTERVAL


def parse_args():
    """The port, the database and the one workshop's ids (chosen by the bench)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--database", required=True)
    parser.add_argument("--workshop", required=True)
    parser.add_argument("--join-code", required=True)
    parser.add_argument("--key", required=True, help="the presenter's key")
    parser.add_argument("--item", required=True)
    return parser.parse_args()


def open_database(path: str) -> sqlite3.Connection:
    """SQLite as the product sets it up: WAL, synchronous=NORMAL."""
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    db.execute("CREATE TABLE IF NOT EXISTS participants (id TEXT PRIMARY KEY, joined_at REAL)")
    db.execute(
        "CREATE TABLE IF NOT EXISTS answers (item_id TEXT, participant_id TEXT, value TEXT,"
        " answered_at REAL, PRIMARY KEY (item_id, participant_id))"
    )
    return db


def create_app(args):
    """The Flask app and its SocketIO object with the product's transport settings."""
    app = Flask(__name__)
    app.secret_key = secrets.token_hex(32)
    socketio = SocketIO(
        app,
        async_mode="eventlet",
        max_http_buffer_size=64 * 1024,
        ping_interval=20,
        ping_timeout=20,
    )
    db = open_database(args.database)
    signer = URLSafeSerializer(app.secret_key, salt="bare.participant")
    cookie_name = f"fac_p_{args.workshop}"
    presenters = f"{args.workshop}:presenter"
    participants = f"{args.workshop}:participant"
    connections: dict[str, str] = {}  # sid -> participant id
    votes: dict[str, object] = {}  # participant id -> value, of the one item
    counts: Counter = Counter()
    state = {"dirty": False, "current": None}

    @app.post("/j/<code>")
    def join(code):
        """Register a participant durably and remember them in a signed cookie."""
        if code != args.join_code:
            return "unknown workshop", 404
        participant_id = secrets.token_urlsafe(9)
        db.execute("INSERT INTO participants VALUES (?, ?)", [participant_id, time.time()])
        response = redirect(f"/j/{code}")
        response.set_cookie(
            cookie_name, signer.dumps([args.workshop, participant_id]), httponly=True
        )
        return response

    @socketio.on("connect")
    def connect(auth=None):
        """Participants by their cookie, the presenter by the key; each joins one room."""
        auth = auth if isinstance(auth, dict) else {}
        if auth.get("workshop_id") != args.workshop:
            raise ConnectionRefusedError("unknown_workshop")
        if auth.get("role") == "presenter":
            if not secrets.compare_digest(str(auth.get("key")), args.key):
                raise ConnectionRefusedError("invalid_token")
            join_room(presenters)
            return
        try:
            _workshop, participant_id = signer.loads(request.cookies.get(cookie_name, ""))
        except BadSignature:
            raise ConnectionRefusedError("not_joined") from None
        connections[request.sid] = participant_id
        join_room(participants)

    @socketio.on("disconnect")
    def disconnect(*_reason):
        """Forget the connection."""
        connections.pop(request.sid, None)

    @socketio.on("open_item")
    def open_item(payload=None):
        """The presenter opens the one item."""
        state["current"] = (payload or {}).get("item_id")
        return {"ok": True, "current_item_id": state["current"]}

    @socketio.on("vote")
    def vote(payload=None):
        """Store the answer (committed before the ack), move the tally, mark it dirty."""
        participant_id = connections.get(request.sid)
        if participant_id is None:
            return {"ok": False, "error": {"code": "not_connected"}}
        if not isinstance(payload, dict) or payload.get("item_id") != state["current"]:
            return {"ok": False, "error": {"code": "item_not_open"}}
        value = payload.get("value")
        db.execute(
            "INSERT INTO answers VALUES (?, ?, ?, ?) ON CONFLICT (item_id, participant_id)"
            " DO UPDATE SET value = excluded.value, answered_at = excluded.answered_at",
            [state["current"], participant_id, json.dumps(value), time.time()],
        )
        previous = votes.get(participant_id)
        counts.subtract(words(previous))
        counts.update(words(value))
        votes[participant_id] = value
        state["dirty"] = True
        return {"ok": True, "item_id": state["current"], "value": value}

    def beat():
        """Every 0.2 s, one aggregate to the presenter room when something changed."""
        while True:
            socketio.sleep(BEAT)
            if state["dirty"]:
                state["dirty"] = False
                top = dict(counts.most_common(50))
                tally = {"item_id": state["current"], "answers": len(votes), "counts": top}
                socketio.emit("tally", tally, to=presenters)

    socketio.start_background_task(beat)
    return app, socketio


def words(value) -> list:
    """What one answer counts towards: an option id, or each word of a list."""
    if value is None:
        return []
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def main():
    """Serve until terminated, with ``max_size`` and the listen backlog raised as
    facilitation/server.py does (so that joins compare like with like)."""
    import eventlet.wsgi

    args = parse_args()
    app, _socketio = create_app(args)
    print(f"bare stack on http://{args.host}:{args.port}", flush=True)
    listener = eventlet.listen((args.host, args.port), backlog=1024)
    eventlet.wsgi.server(listener, app, log_output=False, max_size=20000)


if __name__ == "__main__":
    main()
