"""docs/protocol.md must name every command, fact and error code the server uses."""

import re
from pathlib import Path

import facilitation  # noqa: F401  (importing registers the handlers)
from facilitation.extensions import socketio
from facilitation.messages import MESSAGES

ROOT = Path(__file__).resolve().parent.parent
PROTOCOL = (ROOT / "docs" / "protocol.md").read_text()
REALTIME = ROOT / "facilitation" / "realtime"


def documented(name: str) -> bool:
    return f"`{name}`" in PROTOCOL


def test_every_command_is_documented(app):
    assert set(socketio.server.handlers["/"]) == {m for m, _h, _ns in socketio.handlers}
    commands = {message for message, _handler, _ns in socketio.handlers} - {
        "connect",
        "disconnect",
        "*",
    }
    assert {"vote", "open_item", "get_state"} <= commands
    missing = sorted(name for name in commands if not documented(name))
    assert not missing, f"commands missing from docs/protocol.md: {missing}"


def test_every_fact_the_server_emits_is_documented():
    source = "\n".join(path.read_text() for path in REALTIME.glob("*.py"))
    facts = set(re.findall(r'announce_item\(\s*"(\w+)"', source))
    facts |= set(re.findall(r'_update\(\s*workshop,[^"]*"(\w+)"', source))
    facts |= set(re.findall(r'messages\.append\(\(\s*"(\w+)"', source))
    facts |= set(re.findall(r'return \[\(\s*"(\w+)"', source))
    assert {"item_opened", "item_closed", "item_reset", "tally", "presence"} <= facts
    assert {"agenda_changed", "item_updated", "item_reopened"} <= facts
    missing = sorted(name for name in facts if not documented(name))
    assert not missing, f"facts missing from docs/protocol.md: {missing}"


def test_every_error_code_is_documented():
    missing = sorted(code for code in MESSAGES if not documented(code))
    assert not missing, f"error codes missing from docs/protocol.md: {missing}"


def test_every_activity_kind_is_documented():
    from facilitation.domain.kinds import kind_names

    missing = [name for name in kind_names() if not documented(name)]
    assert not missing, f"activity kinds missing from docs/protocol.md: {missing}"
