"""Questions and asker names are shown as text, never run: script-injection payloads, approved by
the presenter, appear verbatim on the presenter page, the big screen and participants' phones,
and nothing in them executes or becomes an element."""

import re

from playwright.sync_api import expect

from tests.browser.conftest import LAPTOP, PHONE

SETTLED = """() => Promise.all(document.getAnimations()
    .filter((animation) => animation.effect.getTiming().iterations !== Infinity)
    .map((animation) => animation.finished.catch(() => null))).then(() => true)"""


def settled(screenshot, page, name):
    """A screenshot once animations (the pinned question fading in) have finished."""
    page.evaluate(SETTLED)
    screenshot(page, name)


WORKSHOP = {
    "title": "Injection check",
    "language": "en",
    "items": [
        {"kind": "content", "title": "Input", "minutes": 5, "config": {"body": "Kaizen"}},
        {"kind": "question_board", "title": "Questions", "minutes": 10, "config": {}},
    ],
}

# Each one would set window.__xss or open a dialog if it ever reached the DOM as markup.
PAYLOADS = [
    "<script>window.__xss=1</script>",
    '<img src=x onerror="window.__xss=1">',
    '<svg onload="window.__xss=1">',
    "<svg><script>window.__xss=1</script></svg>",
    "<svg><animate onbegin=window.__xss=1 attributeName=x dur=1s>",
    "<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=1>",
    '<iframe src="javascript:window.__xss=1"></iframe>',
    '<a href="javascript:window.__xss=1">click me</a>',
    "javascript:window.__xss=1",
    "<body onload=window.__xss=1>",
    "<details open ontoggle=window.__xss=1>",
    "<input autofocus onfocus=window.__xss=1>",
    '"><img src=x onerror=window.__xss=1>',
    "'><script>alert(1)</script>",
    "</textarea><script>window.__xss=1</script>",
    "</title><script>window.__xss=1</script>",
    "&lt;script&gt;window.__xss=1&lt;/script&gt;",
    "%3Cscript%3Ewindow.__xss=1%3C/script%3E",
    "&#x3C;img src=x onerror=window.__xss=1&#x3E;",
    "&#60;script&#62;alert(1)&#60;/script&#62;",
    "<scr<script>ipt>window.__xss=1</scr</script>ipt>",
    "<img src=x onerror=window.__xss=1//",
    "<<script>script>alert(1)<</script>/script>",
    "{{7*7}}",
    "${7*7}",
    "{{constructor.constructor('window.__xss=1')()}}",
    "<%= 7*7 %> #{7*7} [[7*7]]",
    "`${alert(1)}`",
    "＜script＞window.__xss=1＜/script＞",
    "<scr\u200bipt>window.__xss=1</scr\u200bipt>",
    "<ѕcript>window.__xss=1</ѕcript>",
    "e\u0301<b>bold?</b> 👩\u200d💻<i>italic?</i>",
    "<style>body{display:none}</style>",
    "<link rel=stylesheet href=//evil.example/x.css>",
    '<meta http-equiv="refresh" content="0;url=javascript:window.__xss=1">',
    '<object data="javascript:window.__xss=1">',
    '<embed src="data:text/html,<script>window.__xss=1</script>">',
    '<video><source onerror="window.__xss=1">',
    '<noscript><p title="</noscript><img src=x onerror=window.__xss=1>">',
    "<template><script>window.__xss=1</script></template>",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "First line\n<script>window.__xss=1</script>\n  last   line",
]
NAMES = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "{{7*7}}",
    "${7*7}",
    "&lt;b&gt;bold&lt;/b&gt;",
    "%3Cb%3E",
    '"><b>x</b>',
    "javascript:alert(1)",
    "＜script＞",
    "<a href=javascript:alert(1)>me</a>",
]
TYPED = [  # through the phone's form: (question, name)
    ("<img src=x onerror=alert('typed')> typed on a phone", "<b onmouseover=alert(1)>Bo</b>"),
    ("{{7*7}} and ${7*7} typed &amp; sent", "&#x3C;i&#x3E;"),
]
RATE_LIMIT = 5  # questions per participant per minute (BoardSettings.rate_limit)
DANGEROUS = (
    "script, img, svg, math, iframe, object, embed, a, style, link, meta, video, audio, source,"
    " body, template, noscript, b, i, table, mglyph,"
    " input:not([type=checkbox]):not([type=radio]):not(.board-name),"
    " textarea:not(.board-text):not(.mod-edit-text):not(.mod-filter-words),"
    " details:not(.mod-filter)"
)
TEXT_NODES = (
    ".question-text, .question-name, .now-discussing-text, .now-discussing-name,"
    " .pinned-notice-text, .board-top-name"
)
# Inside these only our own markup may exist; the screen's QR code (an SVG) is outside them.
BOARD_ROOTS = ".board, .mod-board, #current-body, #pinned-notice, #now-discussing, #screen-body"


def watch(page):
    """Record dialogs on `page` from here on; the reload runs every script again under watch."""
    dialogs = []

    def on_dialog(dialog):
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.reload()
    return dialogs


def assert_inert(page, dialogs):
    """No dialog, no marker, and no element inside the board that question text could have made."""
    assert dialogs == [], dialogs
    assert page.evaluate("typeof window.__xss") == "undefined"
    made = page.evaluate(
        """([roots, dangerous, texts]) => {
            const found = [];
            document.querySelectorAll(roots).forEach((root) => {
                const report = (node) => found.push(node.outerHTML.slice(0, 80));
                root.querySelectorAll(dangerous).forEach(report);
                root.querySelectorAll(texts).forEach((node) => {
                    if (node.childElementCount) report(node);
                });
            });
            return found;
        }""",
        [BOARD_ROOTS, DANGEROUS, TEXT_NODES],
    )
    assert made == [], made
    assert page.evaluate("document.body.innerText.length") > 0  # no <style> blanked the page


def shown_texts(page, selector):
    """textContent of every visible element matching `selector`."""
    return page.eval_on_selector_all(
        selector, "nodes => nodes.filter((n) => n.checkVisibility()).map((n) => n.textContent)"
    )


def test_injection_payloads_are_shown_as_text_everywhere(live, open_page, screenshot):
    workshop = live.workshop(WORKSHOP)
    presenter = live.presenter(workshop)
    assert presenter.call("set_board", {"premoderation": True})["ok"]

    # Quickly, through real Socket.IO clients: every payload as a question, with a payload name.
    expected = {}  # question id -> (text, name) as the server stored them
    asker = None
    for index, payload in enumerate(PAYLOADS):
        if index % RATE_LIMIT == 0:
            asker = live.participant(workshop)
        ack = asker.call("ask_question", {"text": payload, "name": NAMES[index % len(NAMES)]})
        assert ack["ok"], (payload, ack)
        question = ack["question"]
        assert question["status"] == "pending"
        expected[question["id"]] = (question["text"], question["name"])
    assert len(PAYLOADS) >= 30 and len(NAMES) >= 10

    # A couple through the phone's form, with "Show my name".
    phone = open_page(f"{live.url}/j/{workshop.join_code}", PHONE, "en-US")
    phone.get_by_label("Your name (optional)").fill("<script>alert('join')</script>")
    phone.get_by_role("button", name="Join the workshop").click()
    # The join posts and redirects; reloading before the live page is there races that navigation.
    expect(phone.get_by_role("tab", name=re.compile("^Questions"))).to_be_visible()
    phone_dialogs = watch(phone)
    phone.get_by_role("tab", name=re.compile("^Questions")).click()
    ask = phone.get_by_role("textbox", name="Your question", exact=True)
    for text, name in TYPED:
        expect(phone.get_by_role("button", name="Ask", exact=True)).to_be_enabled()
        ask.fill(text)
        phone.get_by_label("Show my name").check()
        phone.get_by_label("Name shown with your question").fill(name)
        phone.get_by_role("button", name="Ask", exact=True).click()
        expect(ask).to_have_value("")
    mine = phone.locator(".board-list-mine .question")
    expect(mine).to_have_count(len(TYPED))

    # The presenter approves everything: one through the page, the rest through the client.
    cockpit = open_page(
        f"{live.url}/presenter/{workshop.id}?key={workshop.presenter_token}", LAPTOP, "en-US"
    )
    cockpit_dialogs = watch(cockpit)
    cockpit.get_by_role("tab", name=re.compile("^Questions")).click()
    queue = cockpit.locator(".mod-list-pending .mod-question")
    expect(queue).to_have_count(len(PAYLOADS) + len(TYPED))
    queue.first.get_by_role("button", name="Approve").click()
    expect(queue).to_have_count(len(PAYLOADS) + len(TYPED) - 1)
    for question in presenter.state()["board"]["questions"]:
        if question["status"] == "pending":
            assert presenter.call("approve_question", {"question_id": question["id"]})["ok"]
        expected[question["id"]] = (question["text"], question["name"])
    assert len(expected) == len(PAYLOADS) + len(TYPED)
    texts = sorted(text for text, _name in expected.values())
    names = sorted(name for _text, name in expected.values())
    for text, name in TYPED:
        assert text in texts and name in names

    # Presenter: every question and name verbatim in the Open list.
    expect(cockpit.locator(".mod-list-open .mod-question")).to_have_count(len(expected))
    assert sorted(shown_texts(cockpit, ".mod-list-open .question-text")) == texts
    assert sorted(shown_texts(cockpit, ".mod-list-open .question-name")) == names
    assert_inert(cockpit, cockpit_dialogs)

    # Participant: the same on the phone, in the Open tab.
    expect(phone.locator(".board-list-open .question")).to_have_count(len(expected))
    assert sorted(shown_texts(phone, ".board-list-open .question-text")) == texts
    assert sorted(shown_texts(phone, ".board-list-open .question-name")) == names
    settled(screenshot, phone, "injection-participant-phone")
    assert_inert(phone, phone_dialogs)

    # Big screen: every question in turn pinned very large, with its name.
    screen = open_page(f"{live.url}/screen/{workshop.id}?key={workshop.screen_token}", LAPTOP)
    screen_dialogs = watch(screen)
    for question_id, (text, name) in expected.items():
        assert presenter.call("pin_question", {"question_id": question_id})["ok"]
        screen.wait_for_function(
            """([text, name]) => {
                const box = document.getElementById("now-discussing");
                return !box.hidden
                    && box.querySelector(".now-discussing-text").textContent === text
                    && box.querySelector(".now-discussing-name").textContent === name;
            }""",
            arg=[text, name],
        )
    assert shown_texts(screen, ".now-discussing-text") == [text]
    assert shown_texts(cockpit, "#pinned-notice-text") == [text]
    settled(screenshot, screen, "injection-screen-pinned-laptop")
    assert_inert(screen, screen_dialogs)
    assert_inert(cockpit, cockpit_dialogs)

    # The question_board item on the big screen: the top questions, verbatim.
    assert presenter.call("pin_question", {"question_id": None})["ok"]
    board_item = next(item for item in live.items(workshop) if item.kind == "question_board")
    assert presenter.call("open_item", {"item_id": board_item.id})["ok"]
    expect(screen.locator("#now-discussing")).to_be_hidden()
    rows = screen.locator(".board-top-row")
    expect(rows).to_have_count(30)  # the top 30, paged where they do not fit (screen_pager.js)
    expect(rows.first).to_be_visible()
    top = shown_texts(screen, ".board-top-row .question-text")
    assert len(top) >= 3  # as many as fit on the screen without scrolling
    assert screen.evaluate("document.documentElement.scrollHeight <= window.innerHeight")
    for shown in top:
        assert shown in texts
    for shown in shown_texts(screen, ".board-top-name"):
        assert shown in names
    settled(screenshot, screen, "injection-screen-top-laptop")
    assert_inert(screen, screen_dialogs)

    # The phone, now with the board as its activity, and after a reload.
    expect(phone.locator("#stage .board-list-open .question")).to_have_count(len(expected))
    phone.reload()
    expect(phone.locator("#stage .board-list-open .question")).to_have_count(len(expected))
    assert sorted(shown_texts(phone, "#stage .board-list-open .question-text")) == texts
    assert_inert(phone, phone_dialogs)
    assert_inert(cockpit, cockpit_dialogs)
