"""Socket.IO room names: the one helper that builds them."""

PARTICIPANT = "participant"
PRESENTER = "presenter"
MODERATOR = "moderator"
SCREEN = "screen"
ROLES = (PARTICIPANT, PRESENTER, MODERATOR, SCREEN)
# Who moderates the question board and the breakout groups: the presenter and a
# moderator. A moderator never drives the agenda and sees results like the screen.
STAFF = (PRESENTER, MODERATOR)


def room(workshop_id: str, role: str) -> str:
    """The room of everyone with ``role`` in one workshop."""
    return f"workshop:{workshop_id}:{role}"
