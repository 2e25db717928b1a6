"""Socket.IO commands of a rehearsal: run the workshop with simulated participants, then
"Go live", which wipes everything the rehearsal produced in one transaction.

The simulated participants are made here like people who join (stored, with a signed
cookie each) and handed to a helper process (``facilitation.rehearsal``) that connects
them as real Socket.IO clients; from then on they go through the same commands as people.
"""

from __future__ import annotations

import json
import subprocess
import sys

from flask import current_app
from flask_babel import force_locale

from ..domain.errors import Refusal
from ..domain.rehearsal import (
    MAX_PEOPLE,
    check_can_rehearse,
    check_rehearsing,
    phrases_for,
    validate_people,
)
from ..messages import problem
from ..security import participant_cookie_name, sign_participant
from .handlers import Reply, command, live
from .live import ITEM_OPENED
from .rooms import PARTICIPANT, PRESENTER, ROLES
from .topics import Presence, fact

# The helper processes of this server process, by workshop id (one per start_rehearsal).
SIMULATORS: dict[str, list[subprocess.Popen]] = {}

REHEARSAL_CHANGED = fact(
    "rehearsal_changed",
    ROLES,
    lambda rehearsing: {"rehearsing": rehearsing},
    "A rehearsal with simulated participants started, or the workshop went live.",
)
REHEARSAL_OVER = fact(
    "rehearsal_over",
    (PARTICIPANT,),
    lambda message: {"code": "rehearsal_over", "message": message},
    "The rehearsal this participant took part in is over; the server then closes the connection.",
    to_connections=True,
)


def _own_url() -> str:
    """This server process's address, for the helper to connect to (it owns the workshop)."""
    host = current_app.config["HOST"]
    host = "127.0.0.1" if host in ("0.0.0.0", "::", "") else host
    return f"http://{host}:{current_app.config['PORT']}"


def _start_simulator(state, workshop, cookies: list[str]) -> None:
    """Start the helper process that connects the simulated participants ``cookies``."""
    arguments = [_own_url(), workshop.id, workshop.language]
    process = subprocess.Popen(
        [sys.executable, "-m", "facilitation.rehearsal", *arguments],
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    assert process.stdin is not None
    process.stdin.write(json.dumps(cookies).encode())
    process.stdin.close()
    SIMULATORS.setdefault(workshop.id, []).append(process)
    # Reaped when it ends (it ends by itself once its connections are closed).
    state.socketio.start_background_task(process.wait)


def stop_simulators(workshop_id: str) -> None:
    """End the helper processes of a workshop's rehearsal that this process started."""
    for process in SIMULATORS.pop(workshop_id, []):
        if process.poll() is None:
            process.terminate()


@command("start_rehearsal", role=PRESENTER)
def start_rehearsal(connection, payload):
    """The presenter starts a rehearsal with ``participants`` simulated people (5 to 200;
    sent again during a rehearsal, it adds that many)."""
    state = live()
    workshop = state.store.workshop(connection.workshop_id)
    count = validate_people(payload.required("participants"))
    joined = state.store.participant_count(workshop.id)
    check_can_rehearse(joined, workshop.rehearsing, workshop.ended_at is not None)
    if joined + count > MAX_PEOPLE:
        raise Refusal("too_many_simulated", maximum=MAX_PEOPLE)
    workshop = state.store.start_rehearsal(workshop)
    name = phrases_for(workshop.language).name
    secret = current_app.config["SECRET_KEY"]
    cookies = []
    for number in range(joined + 1, joined + count + 1):
        person = state.store.add_participant(workshop.id, name.format(number=number))
        value = sign_participant(secret, workshop.id, person.id)
        cookies.append(f"{participant_cookie_name(workshop.id)}={value}")
    _start_simulator(state, workshop, cookies)
    state.broadcaster.mark(workshop.id, Presence())
    return Reply(
        {"rehearsing": True, "participants": joined + count},
        REHEARSAL_CHANGED.to_rooms(workshop.id, REHEARSAL_CHANGED.build(True)),
    )


@command("go_live", role=PRESENTER)
def go_live(connection, payload):
    """The presenter ends the rehearsal: everything it produced goes in one transaction,
    the simulated people are disconnected, and everyone else sees the welcome screen."""
    state = live()
    workshop = state.store.workshop(connection.workshop_id)
    check_rehearsing(workshop.rehearsing)
    stop_simulators(workshop.id)
    sids = [
        sid
        for sid in state.connections.of_workshop(workshop.id)
        if state.connections.get(sid).role == PARTICIPANT
    ]
    for sid in sids:
        state.connections.remove(sid)
    workshop = state.store.go_live(workshop)
    state.forget_workshop(workshop.id)
    state.broadcaster.mark(workshop.id, Presence())
    over = REHEARSAL_OVER.build(_over_message(workshop.language))
    messages = [REHEARSAL_OVER.to(over, sid) for sid in sids]
    messages += state.announce_item(ITEM_OPENED, workshop, None)
    messages += REHEARSAL_CHANGED.to_rooms(workshop.id, REHEARSAL_CHANGED.build(False))
    state.socketio.start_background_task(_disconnect, state, sids)
    return Reply({"rehearsing": False, "removed": len(sids)}, messages)


def _over_message(language: str) -> str:
    """Why a simulated (or rehearsing) participant's connection ends, in ``language``."""
    with force_locale(language):
        return problem("rehearsal_over")["message"]


def _disconnect(state, sids: list[str]) -> None:
    """Close the rehearsal's participant connections once they were told why."""
    state.socketio.sleep(0.3)
    for sid in sids:
        state.socketio.server.disconnect(sid, namespace="/")
