"""facilitation: run live, reflective workshops from a presenter view."""

from pathlib import Path

from flask import Flask

from . import accounts, cli, config, i18n, realtime, security, web
from .extensions import socketio
from .links import Links
from .retention import Retention
from .storage import Store

ROOT = Path(__file__).resolve().parent.parent

__all__ = ["create_app", "socketio"]


def create_app(test_config: dict | None = None) -> Flask:
    """Build the Flask app with storage, languages, web pages and the realtime layer."""
    app = Flask(
        __name__,
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
        instance_path=str(ROOT / "instance"),
    )
    config.init_app(app, test_config)
    app.extensions["facilitation.store"] = Store(app.config["DATABASE"])
    app.extensions["facilitation.links"] = Links(app.config)
    app.extensions["facilitation.retention"] = Retention(app.config)
    i18n.init_app(app)
    security.init_app(app)
    accounts.init_app(app)
    web.init_app(app)
    realtime.init_app(app, socketio)
    cli.init_app(app)
    security.wrap_wsgi(app)
    return app
