"""Refusals: the errors a user can cause, as values with a stable code."""


class Refusal(Exception):
    """A request the workshop's rules turn down.

    ``code`` is stable and documented in docs/protocol.md; ``params`` fill the
    translated message that the web layer looks up for the code.
    """

    def __init__(self, code: str, **params):
        super().__init__(code)
        self.code = code
        self.params = params

    def __repr__(self):
        return f"Refusal({self.code!r}, {self.params!r})"
