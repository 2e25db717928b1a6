"""Extension objects created once and bound to the app in ``create_app``."""

import hashlib
import hmac

from flask import current_app
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_socketio import SocketIO
from flask_wtf.csrf import CSRFProtect

socketio = SocketIO()
login_manager = LoginManager()
csrf = CSRFProtect()


def client_key() -> str:
    """Whom an HTTP rate limit counts: the client address (with FACILITATION_PROXY_FIX the
    one the proxy saw), as a keyed hash, so that no address is kept even in memory."""
    address = get_remote_address() or ""
    key = current_app.secret_key.encode() if current_app.secret_key else b""
    return hmac.new(key, address.encode(), hashlib.sha256).hexdigest()[:32]


# HTTP rate limits (joins, organizer sign-in, check-ins) per client. Counters live in this
# process's memory, or with FACILITATION_MESSAGE_QUEUE in that Redis, shared by all
# processes (accounts.init_app); never on disk or in logs (Flask-Limiter's log is quiet).
limiter = Limiter(key_func=client_key, default_limits=[])
