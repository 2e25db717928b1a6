"""Entry point: eventlet's monkey-patching must happen before anything else is imported."""

import os
import warnings

os.environ.setdefault("EVENTLET_NO_GREENDNS", "yes")
if os.environ.get("FACILITATION_ASYNC_MODE", "eventlet").strip('"') == "eventlet":
    # eventlet warns on import that it is in bug-fix mode; we chose it knowingly (STACK.md).
    warnings.filterwarnings(
        "ignore", message=r"\s*Eventlet is deprecated", category=DeprecationWarning
    )
    import eventlet

    eventlet.monkey_patch()

from facilitation import create_app  # noqa: E402
from facilitation.server import serve  # noqa: E402

app = create_app()

if __name__ == "__main__":
    serve(app)
