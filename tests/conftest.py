"""Fixtures: an in-process app for pages and CLI, a real server process for the live parts."""

import pytest

from facilitation import create_app
from facilitation.storage import Store
from facilitation.workshops import create_workshop
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
