"""Realtime layer: Socket.IO handlers, rooms and the coalescing broadcaster."""

# Imported before any ``socketio.init_app`` so the handlers land in
# ``socketio.handlers``, which Flask-SocketIO replays for every app it serves.
from . import breakout_rounds, breakouts, handlers, questions  # noqa: F401  (commands register on import)
from .live import Live


def init_app(app, socketio):
    """Bind Socket.IO to the app with our settings and create the live state."""
    socketio.init_app(
        app,
        async_mode=app.config["ASYNC_MODE"],
        max_http_buffer_size=app.config["MAX_MESSAGE_BYTES"],
        ping_interval=20,
        ping_timeout=20,
    )
    state = Live(
        app.extensions["facilitation.store"],
        socketio,
        app.config["BROADCAST_INTERVAL"],
        app.extensions["facilitation.links"],
        app.extensions["facilitation.retention"],
    )
    breakout_rounds.install(state)
    app.extensions["facilitation.live"] = state
