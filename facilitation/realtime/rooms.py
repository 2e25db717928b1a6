"""Socket.IO room names: the one helper that builds them."""

PARTICIPANT = "participant"
PRESENTER = "presenter"
SCREEN = "screen"
ROLES = (PARTICIPANT, PRESENTER, SCREEN)


def room(workshop_id: str, role: str) -> str:
    """The room of everyone with ``role`` in one workshop."""
    return f"workshop:{workshop_id}:{role}"
