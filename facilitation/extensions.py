"""Extension objects created once and bound to the app in ``create_app``."""

from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_socketio import SocketIO
from flask_wtf.csrf import CSRFProtect

socketio = SocketIO()
login_manager = LoginManager()
csrf = CSRFProtect()
# HTTP rate limits (joins, organizer sign-in) per client address: with FACILITATION_PROXY_FIX
# the address is the one the proxy saw. Counters live in this process's memory only: never
# written to disk or to logs (accounts.init_app keeps Flask-Limiter's own log quiet).
limiter = Limiter(key_func=get_remote_address, storage_uri="memory://", default_limits=[])
