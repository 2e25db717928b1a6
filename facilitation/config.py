"""Settings: defaults here, then ``instance/config.py``, then FACILITATION_* environment.

Every setting can be given in the environment with the prefix, e.g.
``FACILITATION_DATABASE=/srv/facilitation.db`` or ``FACILITATION_PORT=8080``.
"""

import os
import secrets
from pathlib import Path

DEFAULTS = {
    "HOST": "127.0.0.1",
    "PORT": 5000,
    # Base for printed and displayed links, e.g. "https://workshops.example.org";
    # without it, links use the address the request came in on.
    "PUBLIC_URL": None,
    # eventlet, gevent or threading: the only place the async mode is chosen.
    "ASYNC_MODE": "eventlet",
    # Seconds between aggregate updates to presenter and screen (coalescing).
    "BROADCAST_INTERVAL": 0.2,
    "MAX_CONNECTIONS": 10000,
    # Connections the kernel queues for the server before it accepts them; a large room
    # joining at once overflowed eventlet's default of 50.
    "LISTEN_BACKLOG": 1024,
    # Several server processes behind nginx (docs/deploy.md): the Redis that joins them,
    # e.g. "redis://127.0.0.1:6379/0". It carries Socket.IO's facts between processes,
    # the changes one process makes to a workshop another one holds, and the HTTP rate
    # limits' counters. None: one process, everything in its memory (``make run``).
    "MESSAGE_QUEUE": None,
    # Largest Socket.IO message; bigger ones close the connection. eventlet unmasks
    # websocket frames byte by byte (1 MB blocks everyone for ~0.6 s), so keep it small.
    "MAX_MESSAGE_BYTES": 64 * 1024,
    # Largest HTTP request body (forms); bigger ones get a 413 page.
    "MAX_CONTENT_LENGTH": 1024 * 1024,
    # Number of reverse proxies in front of the server whose X-Forwarded-* headers
    # are trusted (werkzeug's ProxyFix); 0: none, the request is taken as it came.
    "PROXY_FIX": 0,
    # Joins per client address (after PROXY_FIX); a room behind one NAT must fit.
    "JOIN_RATE_LIMIT": "120 per minute",
    # Whether socket commands are rate limited (realtime/rate_limits.py); off only for load tests.
    "SOCKET_RATE_LIMITS": True,
    # Seconds without any connection after which a workshop's live state (tallies,
    # board, breakout rounds) leaves memory; it is loaded again when needed.
    "EVICT_AFTER": 600,
    # Seconds between checks for workshops deleted by another process and for idle ones.
    "JANITOR_INTERVAL": 2.0,
    "LOAD_DEMO": True,
    "DEMO_LANGUAGE": "de",
    "PARTICIPANT_COOKIE_DAYS": 30,
    # Days a workshop's answers are kept after it ended (each workshop may say otherwise).
    "RETENTION_DAYS": 30,
    # The time zone of planned dates and start times, and of dates shown to people.
    "TIMEZONE": "Europe/Berlin",
    # Sign-in attempts per client address (Flask-Limiter notation).
    "SIGN_IN_LIMIT": "10 per minute",
    # Who runs this instance, named as the controller in the privacy notice and in the
    # accessibility statement, e.g. "Stadt Musterstadt, Jugendamt". None: not named yet.
    "OPERATOR_NAME": None,
    # Where people report accessibility barriers: an e-mail address or an http(s) URL.
    # None: the statement says the operator has not named a contact yet.
    "ACCESSIBILITY_CONTACT": None,
    # ISO date (YYYY-MM-DD) of the last accessibility test (axe-core suite plus a manual
    # check), shown in the accessibility statement; update it after each check.
    "ACCESSIBILITY_TESTED_ON": "2026-12-01",
    # Where people ask about their data and exercise their rights: e-mail address or URL.
    "PRIVACY_CONTACT": None,
}


def init_app(app, test_config=None):
    """Load settings into ``app.config`` and make sure a persistent secret key exists."""
    app.config.from_mapping(DEFAULTS)
    app.config["DATABASE"] = str(Path(app.instance_path) / "facilitation.db")
    app.config.from_pyfile("config.py", silent=True)
    app.config.from_prefixed_env("FACILITATION")
    if test_config:
        app.config.from_mapping(test_config)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = _instance_secret(Path(app.config["DATABASE"]).parent)


def _instance_secret(folder: Path) -> str:
    """Read the secret next to the database, creating it once, so cookies survive restarts."""
    path = folder / "secret_key"
    if path.exists():
        return path.read_text().strip()
    folder.mkdir(parents=True, exist_ok=True)
    secret = secrets.token_hex(32)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(secret)
    return secret
