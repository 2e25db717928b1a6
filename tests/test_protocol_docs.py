"""docs/protocol.md must name every command, fact and error code the server registers."""

import re
from pathlib import Path

import facilitation  # noqa: F401  (importing registers the handlers and their facts)
from facilitation.extensions import socketio
from facilitation.messages import MESSAGES
from facilitation.realtime.rooms import ROLES
from facilitation.realtime.topics import COMMANDS, FACTS

ROOT = Path(__file__).resolve().parent.parent
PROTOCOL = (ROOT / "docs" / "protocol.md").read_text()
# The names in the headings that describe commands ("### `next_item`, `previous_item` — ...").
HEADINGS = {
    name
    for heading in re.findall(r"^###+ (.*)$", PROTOCOL, re.MULTILINE)
    for name in re.findall(r"`(\w+)`", heading)
}


def fact_rows(text: str) -> set[str]:
    """The first column of the fact tables (those headed ``| event | to | payload |``)."""
    names, in_table = set(), False
    for line in text.splitlines():
        if line.startswith("| event | to |"):
            in_table = True
        elif not line.startswith("|"):
            in_table = False
        elif in_table:
            names.update(re.findall(r"^\| `(\w+)` \|", line))
    return names


FACT_ROWS = fact_rows(PROTOCOL)


def documented(name: str) -> bool:
    return f"`{name}`" in PROTOCOL


def test_every_registered_command_is_a_handler_and_documented(app):
    assert set(socketio.server.handlers["/"]) == {m for m, _h, _ns in socketio.handlers}
    handlers = {message for message, _handler, _ns in socketio.handlers}
    assert set(COMMANDS) == handlers - {"connect", "disconnect", "*"}
    assert {"vote", "open_item", "get_state", "ask_question", "add_card"} <= set(COMMANDS)
    missing = sorted(name for name in COMMANDS if name not in HEADINGS)
    assert not missing, f"commands without a heading in docs/protocol.md: {missing}"
    for command in COMMANDS.values():
        assert command.doc, f"command {command.name} has no docstring"
        assert command.roles is None or set(command.roles) <= set(ROLES)


def test_every_registered_fact_is_documented():
    assert {"item_opened", "item_closed", "item_reset", "tally", "presence"} <= set(FACTS)
    assert {"agenda_changed", "item_updated", "item_reopened", "questions_changed"} <= set(FACTS)
    assert {"breakout_changed", "group_changed", "workshop_deleted", "key_rotated"} <= set(FACTS)
    missing = sorted(name for name in FACTS if name not in FACT_ROWS)
    assert not missing, f"facts without a row in the fact tables of docs/protocol.md: {missing}"
    for fact in FACTS.values():
        assert fact.doc and callable(fact.build), fact.name
        assert fact.audience and set(fact.audience) <= set(ROLES), fact.name


def test_no_fact_is_documented_that_the_server_does_not_register():
    assert set(FACTS) == FACT_ROWS


def test_every_error_code_is_documented():
    missing = sorted(code for code in MESSAGES if not documented(code))
    assert not missing, f"error codes missing from docs/protocol.md: {missing}"


def test_every_activity_kind_is_documented():
    from facilitation.domain.kinds import kind_names

    missing = [name for name in kind_names() if not documented(name)]
    assert not missing, f"activity kinds missing from docs/protocol.md: {missing}"
