"""Entry point: eventlet's monkey-patching must happen before anything else is imported."""

import os
import warnings

os.environ.setdefault("EVENTLET_NO_GREENDNS", "yes")
if os.environ.get("FACILITATION_ASYNC_MODE", "eventlet").strip('"') == "eventlet":
    # eventlet warns on import that it is in bug-fix mode; we chose it knowingly (STACK.md).
    # Its EventletDeprecationWarning derives from Warning, not from DeprecationWarning.
    warnings.filterwarnings("ignore", message=r"\s*Eventlet is deprecated", category=Warning)
    import eventlet

    eventlet.monkey_patch()

import sys  # noqa: E402

from facilitation import create_app  # noqa: E402
from facilitation.server import serve  # noqa: E402
from facilitation.storage import StorageProblem  # noqa: E402

try:
    app = create_app()
    if __name__ == "__main__":
        serve(app)
except StorageProblem as problem:
    # One line with what to do, not a traceback: the database is damaged or read-only.
    sys.exit(f"facilitation cannot start: {problem}")
