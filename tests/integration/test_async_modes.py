"""The async mode is a setting: the same workshop runs on a threading-mode server."""

from concurrent.futures import ThreadPoolExecutor

import pytest

from facilitation.storage import Store
from facilitation.workshops import create_workshop
from tests.conftest import POLL
from tests.support import LiveClient, ServerProcess, http_request, join


@pytest.fixture(scope="module")
def threading_server(tmp_path_factory):
    database = tmp_path_factory.mktemp("threading") / "facilitation.db"
    server = ServerProcess.start(database, {"FACILITATION_ASYNC_MODE": "threading"})
    yield server
    server.stop()


def test_concurrent_votes_on_a_threading_server_give_the_right_tally(threading_server):
    server = threading_server
    store = Store(server.database)
    workshop = create_workshop(store, POLL)
    item = next(item for item in store.items(workshop.id) if item.kind == "single_choice")
    store.close()
    presenter = LiveClient(
        server.url,
        {"role": "presenter", "workshop_id": workshop.id, "key": workshop.presenter_token},
    ).connect()
    assert presenter.call("open_item", {"item_id": item.id})["ok"]
    assert http_request(server.url, "GET", f"/presenter/{workshop.id}?key=x")[0] == 404

    participants = [
        LiveClient(
            server.url,
            {"role": "participant", "workshop_id": workshop.id},
            join(server.url, workshop.join_code),
        ).connect()
        for _ in range(12)
    ]
    options = [option["id"] for option in item.config["options"]]

    def vote(index):
        client = participants[index]
        for round_number in range(3):
            value = options[(index + round_number) % 3]
            assert client.call("vote", {"item_id": item.id, "value": value})["ok"]
        return options[(index + 2) % 3]

    with ThreadPoolExecutor(max_workers=12) as pool:
        final_votes = list(pool.map(vote, range(12)))

    expected = {option: final_votes.count(option) for option in options}

    def counts(payload):
        return {o["id"]: o["count"] for o in payload["results"]["options"]}

    presenter.wait_for("tally", lambda p: counts(p) == expected)
    assert counts({"results": presenter.state()["item"]["results"]}) == expected
    # Stop the server first: werkzeug answers a client's close handshake only
    # after a few seconds, which would dominate this test's run time.
    output = server.stop()
    for client in [presenter, *participants]:
        client.close()
    assert "Traceback" not in output, output
    assert "127.0.0.1 -" not in output, "request lines with client addresses must not be logged"
    assert "key=" not in output
