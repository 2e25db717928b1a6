"""Extension objects created once and bound to the app in ``create_app``."""

import logging

from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_socketio import SocketIO

socketio = SocketIO()

# HTTP rate limits (joins; organizer login) per client address: with FACILITATION_PROXY_FIX
# the address is the one the proxy saw. Counters stay in this process's memory; they are
# never written to disk. Flask-Limiter logs each refusal with its key (the address) at INFO,
# so its logger only passes warnings on.
limiter = Limiter(key_func=get_remote_address, storage_uri="memory://", headers_enabled=False)
logging.getLogger("flask-limiter").setLevel(logging.WARNING)
