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
