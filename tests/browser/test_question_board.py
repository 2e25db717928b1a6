"""The question board in real Chromium: asked on a phone, moderated and pinned by the presenter
through the page, shown on the big screen, upvoted by another phone, answered."""

import re

from playwright.sync_api import expect

from tests.browser import test_accessibility
from tests.browser.conftest import LAPTOP, PHONE

SETTLED = """() => Promise.all(document.getAnimations()
    .filter((animation) => animation.effect.getTiming().iterations !== Infinity)
    .map((animation) => animation.finished.catch(() => null))).then(() => true)"""


# Pages in contexts that let axe-core in (see tests/browser/test_accessibility.py).
axe_page = test_accessibility.open_checked_page


def settled(screenshot, page, name):
    """A screenshot once animations (the pinned question fading in) have finished."""
    page.evaluate(SETTLED)
    screenshot(page, name)


WORKSHOP = {
    "title": "Kaizen impulse",
    "language": "en",
    "items": [
        {
            "kind": "content",
            "title": "Input on Kaizen",
            "minutes": 15,
            "config": {"body": "Kaizen"},
        },
        {
            "kind": "question_board",
            "title": "Your questions to the speaker",
            "minutes": 15,
            "config": {"prompt": "What would you like to know about Kaizen?"},
        },
    ],
}
QUESTION = "How do we start celebrating mistakes when the mayor is watching?"
SECOND = "What is the smallest first step for a team of three?"


def join(open_page, url, workshop, name=""):
    """A participant joins on a phone (English page) and opens the Questions tab."""
    page = open_page(f"{url}/j/{workshop.join_code}", viewport=PHONE, locale="en-US")
    page.get_by_label("Your name (optional)").fill(name)
    page.get_by_role("button", name="Join the workshop").click()
    expect(page.locator("#waiting")).to_be_visible()
    expect(page.locator("#questions-count")).to_have_text(re.compile(r"\(\d+\)"))  # script ran
    return page


def questions_tab(page):
    page.get_by_role("tab", name=re.compile("^Questions")).click()
    expect(page.get_by_role("textbox", name="Your question", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="Ask", exact=True)).to_be_enabled()  # board loaded


def presenter_page(open_page, live, workshop):
    page = open_page(
        f"{live.url}/presenter/{workshop.id}?key={workshop.presenter_token}", LAPTOP, "en-US"
    )
    expect(page.locator("#current-title")).to_have_text("Welcome screen")
    return page


def moderator_card(presenter, text):
    return presenter.locator(".mod-question").filter(has_text=text)


def test_a_question_travels_from_phone_through_moderation_to_the_big_screen(
    live, open_page, screenshot
):
    workshop = live.workshop(WORKSHOP)
    presenter = presenter_page(open_page, live, workshop)
    screen = open_page(f"{live.url}/screen/{workshop.id}?key={workshop.screen_token}", LAPTOP)
    asker = join(open_page, live.url, workshop, "Anna")

    # The presenter switches pre-moderation on in the Questions panel.
    presenter.get_by_role("tab", name=re.compile("^Questions")).click()
    premoderation = presenter.get_by_label("Approve each question before it appears")
    expect(premoderation).not_to_be_checked()
    premoderation.check()
    expect(premoderation).to_be_checked()
    expect(presenter.locator(".mod-error")).to_be_hidden()

    # A participant asks from the phone, with their name.
    questions_tab(asker)
    asker.get_by_role("textbox", name="Your question", exact=True).fill(QUESTION)
    expect(asker.locator(".board-counter")).to_contain_text(f"{len(QUESTION)} / 280")
    asker.get_by_label("Show my name").check()
    expect(asker.get_by_label("Name shown with your question")).to_have_value("Anna")
    asker.get_by_role("button", name="Ask", exact=True).click()
    expect(asker.locator(".board-status")).to_contain_text("once the facilitator approves it")
    expect(asker.get_by_role("textbox", name="Your question", exact=True)).to_have_value("")
    mine = asker.locator(".board-list-mine .question")
    expect(mine).to_have_count(1)
    expect(mine).to_contain_text(QUESTION)
    expect(mine).to_contain_text("Waiting for approval")
    expect(asker.locator(".board-list-open .question")).to_have_count(0)

    # It waits in the presenter's queue; the tab shows how many wait.
    queued = presenter.locator(".mod-list-pending .mod-question")
    expect(queued).to_have_count(1)
    expect(queued).to_contain_text(QUESTION)
    expect(queued).to_contain_text("Anna")
    expect(presenter.locator("#questions-waiting")).to_contain_text("1")
    settled(screenshot, presenter, "board-presenter-queue-laptop")

    queued.get_by_role("button", name="Approve").click()
    expect(queued).to_have_count(0)
    expect(presenter.locator("#questions-waiting")).to_be_hidden()
    card = presenter.locator(".mod-list-open .mod-question").filter(has_text=QUESTION)
    expect(card).to_be_visible()

    # The asker now sees it on the board, marked as theirs, without an upvote button.
    own = asker.locator(".board-list-open .question").filter(has_text=QUESTION)
    expect(own).to_contain_text("Your question")
    expect(own.get_by_role("button", name=re.compile("Upvote"))).to_have_count(0)
    expect(asker.locator(".board-list-mine .question")).to_have_count(0)
    expect(asker.get_by_role("tab", name=re.compile("^Questions"))).to_contain_text("(1)")

    # Pinned from the presenter page, it covers the big screen.
    card.get_by_role("button", name="Show on screen").click()
    overlay = screen.locator("#now-discussing")
    expect(overlay).to_be_visible()
    expect(overlay.locator(".now-discussing-text")).to_have_text(QUESTION)
    expect(overlay.locator(".now-discussing-name")).to_have_text("Anna")
    expect(screen.locator("#lobby")).to_be_hidden()
    expect(presenter.locator("#pinned-notice")).to_contain_text(QUESTION)
    expect(card.get_by_role("button", name="Remove from screen")).to_be_visible()
    expect(own).to_contain_text("Now discussing")
    settled(screenshot, screen, "board-screen-pinned-laptop")

    # A second participant upvotes it; the presenter sees the count.
    voter = join(open_page, live.url, workshop)
    questions_tab(voter)
    other = voter.locator(".board-list-open .question").filter(has_text=QUESTION)
    upvote = other.get_by_role("button", name=re.compile("Upvote"))
    expect(upvote).to_have_attribute("aria-pressed", "false")
    expect(upvote).to_contain_text("0")
    upvote.click()
    expect(upvote).to_have_attribute("aria-pressed", "true")
    expect(upvote).to_contain_text("1")
    expect(card.locator(".mod-votes")).to_contain_text("1")
    expect(own.locator(".vote-tally")).to_contain_text("1")

    # The voter asks too (no pre-moderation on their side of the screen: it just waits).
    voter.get_by_role("textbox", name="Your question", exact=True).fill(SECOND)
    voter.get_by_role("textbox", name="Your question", exact=True).press("Control+Enter")
    expect(voter.locator(".board-list-mine .question")).to_contain_text("Waiting for approval")
    settled(screenshot, voter, "board-participant-phone")
    presenter.locator(".mod-list-pending .mod-question").get_by_role(
        "button", name="Approve"
    ).click()
    expect(presenter.locator(".mod-list-open .mod-question")).to_have_count(2)
    # Top sort: the upvoted question stays first; Newest puts the later one first.
    expect(presenter.locator(".mod-list-open .mod-question").first).to_contain_text(QUESTION)
    presenter.locator(".mod-questions").get_by_text("Newest").click()
    expect(presenter.locator(".mod-list-open .mod-question").first).to_contain_text(SECOND)
    settled(screenshot, presenter, "board-presenter-panel-laptop")

    # Undoing the upvote counts down again.
    upvote.click()
    expect(upvote).to_have_attribute("aria-pressed", "false")
    expect(card.locator(".mod-votes")).to_contain_text("0")

    # Answered questions move to the Answered tab everywhere.
    card.get_by_role("button", name="Mark answered").click()
    expect(presenter.locator(".mod-list-answered .mod-question")).to_have_count(1)
    expect(voter.locator(".board-list-open .question").filter(has_text=QUESTION)).to_have_count(0)
    answered_tab = voter.get_by_role("tab", name=re.compile("^Answered"))
    expect(answered_tab).to_contain_text("(1)")
    answered_tab.click()
    expect(answered_tab).to_have_attribute("aria-selected", "true")
    answered = voter.locator(".board-list-answered .question")
    expect(answered).to_have_count(1)
    expect(answered).to_contain_text(QUESTION)
    expect(voter.locator("#board-panel-open")).to_be_hidden()

    # Unpinned, the big screen shows what it showed before.
    presenter.locator("#pinned-notice").get_by_role("button", name="Remove from screen").click()
    expect(overlay).to_be_hidden()
    expect(screen.locator("#lobby")).to_be_visible()
    expect(presenter.locator("#pinned-notice")).to_be_hidden()


def test_the_board_as_the_current_activity(live, open_page, screenshot):
    workshop = live.workshop(WORKSHOP)
    presenter = live.presenter(workshop)
    board_item = next(item for item in live.items(workshop) if item.kind == "question_board")
    for number, text in enumerate(
        [
            "Who decides what counts as a mistake?",
            "How long until a team notices the difference?",
            "Is Kaizen compatible with strict public procurement rules and audits?",
        ]
    ):
        asker = live.participant(workshop)
        ack = asker.call("ask_question", {"text": text})
        assert ack["ok"], ack
        for _ in range(number):
            assert live.participant(workshop).call(
                "upvote_question", {"question_id": ack["question"]["id"]}
            )["ok"]

    phone = join(open_page, live.url, workshop)
    screen = open_page(f"{live.url}/screen/{workshop.id}?key={workshop.screen_token}", LAPTOP)
    cockpit = presenter_page(open_page, live, workshop)
    assert presenter.call("open_item", {"item_id": board_item.id})["ok"]

    # Participants: the board is the activity, with its prompt; the tabs step aside.
    expect(phone.get_by_role("heading", name="Your questions to the speaker")).to_be_visible()
    expect(phone.locator("#stage .board-prompt")).to_have_text(
        "What would you like to know about Kaizen?"
    )
    expect(phone.locator("#stage .board-ask")).to_be_visible()
    expect(phone.locator("#page-tabs")).to_be_hidden()
    expect(phone.locator("#stage .board-list-open .question")).to_have_count(3)
    expect(phone.locator("#stage .board-list-open .question").first).to_contain_text(
        "Is Kaizen compatible"
    )

    # Big screen and presenter: the top questions by votes.
    rows = screen.locator(".board-top-row")
    expect(rows).to_have_count(3)
    expect(rows.first).to_contain_text("Is Kaizen compatible")
    expect(rows.first.locator(".board-top-count")).to_have_text("2")
    expect(cockpit.locator("#current-body .board-top-row")).to_have_count(3)
    settled(screenshot, screen, "board-screen-top-laptop")
    settled(screenshot, phone, "board-activity-phone")

    # A vote from the phone reorders the screen.
    last = phone.locator("#stage .board-list-open .question").filter(has_text="Who decides")
    last.get_by_role("button", name=re.compile("Upvote")).click()
    expect(screen.locator(".board-top-row").nth(1)).to_contain_text("Who decides")

    # The next item gives the board back to the Questions tab.
    assert presenter.call("open_item", {"item_id": None})["ok"]
    expect(phone.locator("#waiting")).to_be_visible()
    expect(phone.locator("#page-tabs")).to_be_visible()
    questions_tab(phone)
    expect(phone.locator("#board-home .board-list-open .question")).to_have_count(3)


def test_tabs_work_by_keyboard_and_new_questions_show_a_badge(live, open_page):
    workshop = live.workshop(WORKSHOP)
    phone = join(open_page, live.url, workshop)
    activity = phone.get_by_role("tab", name=re.compile("^Activity"))
    questions = phone.get_by_role("tab", name=re.compile("^Questions"))
    expect(activity).to_have_attribute("aria-selected", "true")
    expect(questions).to_have_attribute("tabindex", "-1")
    expect(questions).to_contain_text("(0)")  # connected: the snapshot is in

    other = live.participant(workshop)
    assert other.call("ask_question", {"text": "Where do I find the slides?"})["ok"]
    expect(phone.locator("#questions-badge")).to_have_text("1 new")
    expect(questions).to_contain_text("(1)")

    activity.focus()
    phone.keyboard.press("ArrowRight")
    expect(questions).to_be_focused()
    expect(questions).to_have_attribute("aria-selected", "true")
    expect(phone.locator("#panel-questions")).to_be_visible()
    expect(phone.locator("#panel-activity")).to_be_hidden()
    expect(phone.locator("#questions-badge")).to_be_hidden()
    phone.keyboard.press("Home")
    expect(activity).to_be_focused()
    expect(phone.locator("#panel-activity")).to_be_visible()
    phone.keyboard.press("End")
    expect(questions).to_be_focused()


def test_typed_text_survives_a_reload_and_a_replayed_question_is_stored_once(live, open_page):
    workshop = live.workshop(WORKSHOP)
    phone = join(open_page, live.url, workshop)
    questions_tab(phone)
    phone.get_by_role("textbox", name="Your question", exact=True).fill(
        "Half a thought that must not get lost"
    )
    expect(phone.locator(".board-unsent")).to_be_visible()
    phone.reload()
    expect(phone.get_by_role("textbox", name="Your question", exact=True)).to_have_value(
        "Half a thought that must not get lost"
    )

    # The same client_id twice (a replay after a lost ack) from this participant is one question.
    cookie = next(c for c in phone.context.cookies() if c["name"].startswith("fac_p_"))
    same = live.participant(workshop, cookie=f"{cookie['name']}={cookie['value']}")
    payload = {"text": "Asked once, sent twice", "client_id": "replayed-123"}
    first, second = same.call("ask_question", payload), same.call("ask_question", payload)
    assert first["ok"] and second["ok"]
    assert first["question"]["id"] == second["question"]["id"]
    expect(phone.locator(".board-list-open .question")).to_have_count(1)


def test_a_question_whose_ack_was_lost_is_sent_again_and_stored_once(live, open_page):
    """The server stores the question, its ack is lost with the connection; after the
    reconnect the page sends it again with the same client_id and the server keeps one."""
    workshop = live.workshop(WORKSHOP)
    phone = join(open_page, live.url, workshop)
    dropped = []

    def cut_after_ask(client):
        server = client.connect_to_server()
        asked = {}

        def from_page(message):
            found = re.match(r'42(\d+)\["ask_question"', str(message))
            if found and not dropped:
                asked["ack"] = "43" + found.group(1) + "["
            server.send(message)

        def from_server(message):
            if asked.get("ack") and str(message).startswith(asked["ack"]):
                dropped.append(message)  # the ack is lost ...
                asked.clear()
                client.close()  # ... with the connection
                return
            client.send(message)

        client.on_message(from_page)
        server.on_message(from_server)

    phone.route_web_socket(re.compile(r"/socket\.io/"), cut_after_ask)
    phone.reload()  # the page's socket now goes through the route
    questions_tab(phone)
    phone.get_by_role("textbox", name="Your question", exact=True).fill("Sent once, acked late")
    phone.get_by_role("button", name="Ask", exact=True).click()
    expect(phone.locator(".board-status")).to_contain_text("on the board", timeout=15000)
    assert len(dropped) == 1
    expect(phone.locator(".board-list-open .question")).to_have_count(1)
    texts = [q["text"] for q in live.presenter(workshop).state()["board"]["questions"]]
    assert texts == ["Sent once, acked late"]


def test_closed_asking_and_the_word_filter_from_the_presenter_page(live, open_page):
    workshop = live.workshop(WORKSHOP)
    presenter = presenter_page(open_page, live, workshop)
    phone = join(open_page, live.url, workshop)
    questions_tab(phone)
    presenter.get_by_role("tab", name=re.compile("^Questions")).click()

    asking = presenter.get_by_label("Participants can ask questions")
    expect(asking).to_be_checked()
    phone.get_by_role("textbox", name="Your question", exact=True).fill("Typed before closing")
    asking.uncheck()
    expect(phone.locator(".board-closed")).to_be_visible()
    expect(phone.locator(".board-ask")).to_be_hidden()
    asking.check()
    expect(phone.get_by_role("textbox", name="Your question", exact=True)).to_have_value(
        "Typed before closing"
    )
    expect(phone.get_by_role("textbox", name="Your question", exact=True)).to_be_enabled()

    presenter.locator(".mod-filter summary").click()
    words = presenter.get_by_label("Filtered words")
    expect(words).not_to_have_value("")
    expect(presenter.locator(".mod-filter-state")).to_contain_text("default list")
    words.fill("bureaucracy\nred tape*")
    presenter.get_by_role("button", name="Save list").click()
    expect(presenter.locator(".mod-filter-state")).to_contain_text("your list, 2 words")

    phone.get_by_role("textbox", name="Your question", exact=True).fill("Why so much Bureaucracy?")
    phone.get_by_role("button", name="Ask", exact=True).click()
    expect(phone.locator(".board-status")).to_contain_text("once the facilitator approves it")
    held = presenter.locator(".mod-list-pending .mod-question")
    expect(held).to_contain_text("Why so much Bureaucracy?")
    expect(held.locator(".tag-filtered")).to_be_visible()

    # Inline edit, then hide and delete (with the browser's confirmation).
    held.get_by_role("button", name="Approve").click()
    card = moderator_card(presenter, "Bureaucracy")
    card.get_by_role("button", name="Edit").click()
    editor = card.get_by_label("Edit the question")
    expect(editor).to_be_focused()
    editor.fill("Why so much paperwork?")
    card.get_by_role("button", name="Save").click()
    card = moderator_card(presenter, "paperwork")
    expect(card).to_contain_text("edited")
    expect(phone.locator(".board-list-open .question")).to_contain_text("Why so much paperwork?")
    card.get_by_role("button", name="Hide").click()
    expect(phone.locator(".board-list-open .question")).to_have_count(0)
    expect(phone.locator(".board-list-mine .question")).to_contain_text("Not shown on the board")
    presenter.get_by_role("tab", name=re.compile("^Hidden")).click()
    hidden = presenter.locator(".mod-list-hidden .mod-question")
    expect(hidden).to_have_count(1)
    presenter.once("dialog", lambda dialog: dialog.accept())
    hidden.get_by_role("button", name="Delete").click()
    expect(hidden).to_have_count(0)
    expect(presenter.locator(".mod-counts")).to_contain_text("0 open")

    presenter.get_by_role("button", name="Reset to defaults").click()
    expect(presenter.locator(".mod-filter-state")).to_contain_text("default list")


def test_board_states_meet_wcag_21_aa(live, axe_page):
    """axe-core on the board's states: participant tab, presenter panel, big screen."""
    workshop = live.workshop(WORKSHOP)
    presenter = live.presenter(workshop)
    assert presenter.call("set_board", {"premoderation": True})["ok"]
    others = [live.participant(workshop) for _ in range(2)]
    ids = []
    for client, text in zip(
        others, ["What is Kaizen in one sentence?", "Can we start tomorrow?"], strict=True
    ):
        ids.append(client.call("ask_question", {"text": text, "name": "Jo"})["question"]["id"])
    for question_id in ids:
        assert presenter.call("approve_question", {"question_id": question_id})["ok"]
    assert presenter.call("answer_question", {"question_id": ids[1]})["ok"]
    assert others[1].call("ask_question", {"text": "Still waiting in the queue"})["ok"]

    for viewport, size in ((PHONE, "phone"), (LAPTOP, "laptop")):
        audit = test_accessibility.Audit(size)
        phone = axe_page(f"{live.url}/j/{workshop.join_code}", viewport)
        phone.locator("#display_name").fill("Anna")
        phone.locator("form button[type=submit]").click()
        expect(phone.locator("#questions-count")).to_have_text("(1)")  # connected
        phone.locator("#tab-questions").click()
        phone.locator("#board-text").fill("My own question")
        phone.locator(".board-send").click()
        expect(phone.locator(".board-list-mine .question")).to_have_count(1)
        phone.locator(".board-list-open .upvote").first.click()
        expect(phone.locator('.upvote[aria-pressed="true"]')).to_have_count(1)
        audit.check(phone, "participant: questions tab")

        cockpit = axe_page(
            f"{live.url}/presenter/{workshop.id}?key={workshop.presenter_token}", viewport
        )
        cockpit.locator("#side-tab-questions").click()
        cockpit.locator(".mod-filter summary").click()
        expect(cockpit.locator(".mod-list-pending .mod-question").nth(1)).to_be_visible()
        audit.check(cockpit, "presenter: questions panel with queue and word filter")

        screen = axe_page(f"{live.url}/screen/{workshop.id}?key={workshop.screen_token}", viewport)
        assert presenter.call("pin_question", {"question_id": ids[0]})["ok"]
        expect(screen.locator("#now-discussing")).to_be_visible()
        expect(cockpit.locator("#pinned-notice")).to_be_visible()
        audit.check(screen, "screen: pinned question")
        audit.check(cockpit, "presenter: pinned notice")

        board_item = next(i for i in live.items(workshop) if i.kind == "question_board")
        assert presenter.call("pin_question", {"question_id": None})["ok"]
        assert presenter.call("open_item", {"item_id": board_item.id})["ok"]
        expect(screen.locator(".board-top-row").first).to_be_visible()
        expect(phone.locator("#stage .board-ask")).to_be_visible()
        audit.check(screen, "screen: top questions")
        audit.check(phone, "participant: board as the activity")
        assert presenter.call("open_item", {"item_id": None})["ok"]
        assert presenter.call("set_board", {"open": False})["ok"]
        phone.locator("#tab-questions").click()
        expect(phone.locator(".board-closed")).to_be_visible()
        audit.check(phone, "participant: asking closed")
        assert presenter.call("set_board", {"open": True})["ok"]
        audit.assert_clean()
