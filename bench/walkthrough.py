"""The canonical workshop run through with simulated participants, screenshotted and measured.

    .venv/bin/python bench/walkthrough.py --participants 40 --out /tmp/walkthrough

Starts ``wsgi.py`` on a fresh database with the demo workshop (the Kaizen impulse, in
German), rehearses it with ``--participants`` simulated people (real Socket.IO clients in
the server's helper process), and walks through every agenda item in real Chromium:
the presenter at 1366×768, the big screen at 1920×1080 and 1280×720 and one phone at
390×844. For each item it waits until the simulated people have answered (breakouts:
the round runs, cards are written, three are picked for the screen; the question
board: one question is pinned), saves the screenshots and prints, per view, the page's
scroll height against the window's height and whether the presenter's action buttons
are in view. At the end it ends the workshop and screenshots the closing views.
"""

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from facilitation.domain.demo import demo_workshop  # noqa: E402
from facilitation.storage import Store  # noqa: E402
from facilitation.workshops import create_workshop  # noqa: E402
from tests.support import LiveClient, ServerProcess  # noqa: E402

VIEWS = {
    "presenter": {"width": 1366, "height": 768},
    "screen-1080": {"width": 1920, "height": 1080},
    "screen-720": {"width": 1280, "height": 720},
    "phone": {"width": 390, "height": 844},
}
CHROMIUM = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def heights(page) -> str:
    """The page's scroll height against its window, e.g. "1012/1080"."""
    return page.evaluate("() => document.documentElement.scrollHeight + '/' + window.innerHeight")


def in_view(page, selector: str) -> str:
    """Whether the first visible element of ``selector`` lies inside the window."""
    return page.evaluate(
        """(selector) => {
            const node = Array.from(document.querySelectorAll(selector))
                .find((each) => each.offsetParent !== null);
            if (!node) return "-";
            const box = node.getBoundingClientRect();
            return box.top >= 0 && box.bottom <= window.innerHeight ? "yes" : "NO";
        }""",
        selector,
    )


def answered(presenter: LiveClient, expected: int, timeout: float) -> int:
    """Wait until ``expected`` answers are in (or ``timeout``); return the count."""
    deadline = time.monotonic() + timeout
    count = 0
    while time.monotonic() < deadline:
        item = presenter.state()["item"]
        count = item.get("answers", 0) if item else 0
        if count >= expected:
            break
        time.sleep(1)
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=40)
    parser.add_argument("--out", default=os.path.join(tempfile.gettempdir(), "walkthrough"))
    parser.add_argument("--wait", type=float, default=20.0, help="seconds to wait for answers")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    database = Path(tempfile.mkdtemp()) / "walkthrough.db"
    server = ServerProcess.start(database, {"FACILITATION_LOAD_DEMO": "false"})
    store = Store(database)
    workshop = create_workshop(store, demo_workshop("de"))
    items = store.items(workshop.id)
    presenter = LiveClient(
        server.url,
        {"role": "presenter", "workshop_id": workshop.id, "key": workshop.presenter_token},
    ).connect()
    ack = presenter.call("start_rehearsal", {"participants": args.participants})
    assert ack["ok"], ack
    print(f"{args.participants} simulated participants; screenshots in {out}")
    print(
        f"{'item':<44} {'answers':>8} {'screen 1080':>12} {'screen 720':>11} {'presenter':>10} "
        f"{'close/next':>11}"
    )
    urls = {
        "presenter": f"{server.url}/presenter/{workshop.id}?key={workshop.presenter_token}",
        "screen-1080": f"{server.url}/screen/{workshop.id}?key={workshop.screen_token}",
        "screen-720": f"{server.url}/screen/{workshop.id}?key={workshop.screen_token}",
        "phone": f"{server.url}/j/{workshop.join_code}",
    }
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM)
            pages = {}
            for name, viewport in VIEWS.items():
                context = browser.new_context(viewport=viewport, locale="de-DE")
                pages[name] = context.new_page()
                pages[name].goto(urls[name])
            pages["phone"].locator("form button[type=submit]").click()
            time.sleep(8)  # the simulated people arrive
            for index, item in enumerate(items, 1):
                assert presenter.call("open_item", {"item_id": item.id})["ok"]
                count = ""
                if item.kind == "breakout":
                    assert presenter.call("start_breakout", {"item_id": item.id})["ok"]
                    time.sleep(args.wait)
                    groups = presenter.state()["breakout"]["group_details"]
                    cards = [card for group in groups for card in group["cards"]]
                    for card in cards[:8]:
                        presenter.call(
                            "harvest_card",
                            {"item_id": item.id, "card_id": card["id"], "harvested": True},
                        )
                    count = f"{len(cards)} cards"
                    time.sleep(1)
                elif item.kind == "question_board":
                    time.sleep(3)
                    questions = presenter.state()["board"]["questions"]
                    if questions:
                        presenter.call("pin_question", {"question_id": questions[0]["id"]})
                    count = f"{len(questions)} qs"
                    time.sleep(1)
                elif item.kind != "content":
                    count = str(answered(presenter, args.participants, args.wait))
                time.sleep(1.5)
                shown = {}
                for name, page in pages.items():
                    page.screenshot(path=str(out / f"{index:02d}-{item.kind}-{name}.png"))
                    shown[name] = heights(page)
                action = "/".join(
                    in_view(pages["presenter"], selector) for selector in ("#close-item", "#next")
                )
                print(
                    f"{index:>2} {item.title[:41]:<41} {count:>8} {shown['screen-1080']:>12} "
                    f"{shown['screen-720']:>11} {shown['presenter']:>10} {action:>11}"
                )
                if item.kind == "breakout":
                    presenter.call("end_breakout", {"item_id": item.id})
                if item.kind == "question_board":
                    presenter.call("pin_question", {"question_id": None})
            assert presenter.call("end_workshop")["ok"]
            time.sleep(2)
            for name, page in pages.items():
                page.screenshot(path=str(out / f"99-ended-{name}.png"))
            browser.close()
    finally:
        presenter.close()
        store.close()
        output = server.stop()
        if "Traceback" in output:
            print(output[-3000:])


if __name__ == "__main__":
    main()
