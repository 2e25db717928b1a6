"""Fixtures: an in-process app for pages and CLI, a real server process for the live parts."""

import re

import pytest
from flask.testing import FlaskClient

from facilitation import create_app
from facilitation.storage import Store
from facilitation.workshops import create_workshop
from tests.instance import instance  # noqa: F401  (several processes behind nginx)
from tests.support import LiveClient, ServerProcess, join

POLL = {
    "title": "Test workshop",
    "language": "en",
    "items": [
        {"kind": "content", "title": "Welcome", "minutes": 2, "config": {"body": "Hello"}},
        {
            "kind": "single_choice",
            "title": "How does your team deal with mistakes?",
            "minutes": 5,
            "config": {"options": ["Hide them", "Fix them quietly", "Learn together"]},
        },
        {"kind": "content", "title": "Input", "minutes": 10, "config": {"body": "Kaizen"}},
    ],
}


CSRF_FIELD = re.compile(r'name="csrf_token" value="([^"]+)"')


def csrf_token(client) -> str:
    """The CSRF token of the client's session, read from a page as a browser would."""
    page = client.get("/organize/sign-in", follow_redirects=True)
    return CSRF_FIELD.search(page.text).group(1)


class FormClient(FlaskClient):
    """Flask's test client that sends the session's CSRF token with every form it posts,
    like a browser that loaded the form first; ``csrf=False`` posts without one."""

    def open(self, *args, csrf=True, **kwargs):
        data = kwargs.get("data")
        if (
            csrf
            and kwargs.get("method") == "POST"
            and (data is None or isinstance(data, dict))
            and "csrf_token" not in (data or {})
            and "json" not in kwargs
        ):
            kwargs["data"] = {**(data or {}), "csrf_token": csrf_token(self)}
        return super().open(*args, **kwargs)


@pytest.fixture
def app(tmp_path):
    """A fresh app on its own database, in threading mode (no monkey-patching in pytest)."""
    app = create_app(
        {
            "TESTING": True,
            "DATABASE": str(tmp_path / "app.db"),
            "SECRET_KEY": "unit-test-secret",
            "ASYNC_MODE": "threading",
        }
    )
    app.test_client_class = FormClient
    yield app
    app.extensions["facilitation.store"].close()


@pytest.fixture
def client(app):
    """Flask's test client."""
    return app.test_client()


@pytest.fixture
def runner(app):
    """Flask's CLI runner."""
    return app.test_cli_runner()


@pytest.fixture
def store(app):
    """The app's storage."""
    return app.extensions["facilitation.store"]


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    """One real server process for the whole session; each test makes its own workshop."""
    database = tmp_path_factory.mktemp("server") / "facilitation.db"
    process = ServerProcess.start(database)
    yield process
    output = process.stop()
    assert "Traceback" not in output, output


@pytest.fixture
def live(server):
    """Create workshops in the server's database and connect real clients to them."""
    clients = []
    store = Store(server.database)

    class Live:
        url = server.url
        storage = store  # the server's database, for what a test must set up or read back

        def workshop(self, definition=POLL):
            return create_workshop(store, definition)

        def items(self, workshop):
            return store.items(workshop.id)

        def presenter(self, workshop, key=None):
            return self._client(
                {
                    "role": "presenter",
                    "workshop_id": workshop.id,
                    "key": key or workshop.presenter_token,
                }
            )

        def screen(self, workshop):
            return self._client(
                {"role": "screen", "workshop_id": workshop.id, "key": workshop.screen_token}
            )

        def participant(self, workshop, name="", cookie=None):
            cookie = cookie or join(server.url, workshop.join_code, name)
            return self._client({"role": "participant", "workshop_id": workshop.id}, cookie)

        def _client(self, auth, cookie=None):
            live_client = LiveClient(server.url, auth, cookie)
            clients.append(live_client)
            return live_client.connect()

    yield Live()
    for live_client in clients:
        live_client.close()
    store.close()
