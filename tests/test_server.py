"""The server's own pieces: websocket unmasking for eventlet."""

import os
import random

from eventlet import websocket

from facilitation.server import apply_mask


def test_unmasking_gives_what_eventlets_own_does():
    original = websocket.RFC6455WebSocket.__dict__["_apply_mask"].__func__
    rng = random.Random(7)
    for length in (0, 1, 3, 4, 5, 17, 1000):
        data = os.urandom(length)
        mask = tuple(rng.randrange(256) for _ in range(4))
        for offset in (0, 1, 2, 3, 6):
            expected = original(data, mask, length=length, offset=offset)
            assert apply_mask(data, mask, length=length, offset=offset) == expected
        assert apply_mask(data, mask) == original(data, mask)


def test_the_access_log_writes_no_one_time_link_and_no_query(caplog):
    from facilitation.server import AccessLog

    def app(environ, start_response):
        start_response("200 OK", [])
        return [b""]

    logged = AccessLog(app)
    for path, query in [("/organize/welcome/s3cr3t-token-value", ""), ("/presenter/w1", "key=k3y")]:
        environ = {"REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": query}
        with caplog.at_level("INFO", logger="facilitation.access"):
            logged(environ, lambda status, headers, exc_info=None: None)
    text = caplog.text
    assert "GET /organize/welcome/… 200" in text and "GET /presenter/w1 200" in text
    assert "s3cr3t" not in text and "k3y" not in text
