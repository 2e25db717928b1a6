"""A rating scale and a word cloud answered on a phone and shown on the big screen, in Chromium."""

from playwright.sync_api import expect

from tests.browser.conftest import LAPTOP, PHONE

WORKSHOP = {
    "title": "Culture of mistakes",
    "language": "en",
    "anonymity_threshold": 1,
    "items": [
        {
            "kind": "rating",
            "title": "How safe is it to admit a mistake in your team?",
            "minutes": 3,
            "config": {
                "minimum": 0,
                "maximum": 10,
                "low_label": "not safe at all",
                "high_label": "completely safe",
                "results": "presenter",
            },
        },
        {
            "kind": "word_cloud",
            "title": "One word for a good culture of mistakes?",
            "minutes": 3,
            "config": {"max_entries": 3, "results": "presenter"},
        },
    ],
}

# Words with very different counts, as forty people in a workshop would send them.
CROWD = [
    ["Trust", "Openness", "Learning"],
    ["trust", "Courage", "Feedback"],
    ["Trust", "Psychological safety", "Curiosity"],
    ["Openness", "Transparency", "Respect"],
    ["Learning", "Trust", "Patience"],
    ["Fehlerkultur", "Vertrauen", "Mut"],
    ["Vertrauen", "Offenheit", "Lernen"],
    ["Trust", "Humility", "Listening"],
    ["Courage", "Support", "Honesty"],
    ["Psychological safety", "Growth mindset", "Kaizen"],
    ["Vertrauen", "Wertschätzung", "Zuhören"],
    ["Trust", "Reflection", "Experimentation"],
    ["Openness", "Blameless retrospectives", "Curiosity"],
    ["Learning", "Resilience", "Empathy"],
    ["Transparency", "Accountability", "Dialogue"],
    ["Mut", "Neugier", "Geduld"],
    ["Trust", "Leadership by example", "Safety"],
    ["Respect", "Kindness", "Teamwork"],
    ["Feedback", "Coaching", "Improvement"],
    ["Vertrauen", "Verantwortung", "Austausch"],
    ["Courage", "Clarity", "Trust"],
    ["Learning", "Celebrate failures", "Humor"],
    ["Psychological safety", "Inclusion", "Diversity"],
    ["Straße", "STRASSE", "Kontinuierliche Verbesserung"],
    ["Fehlerfreundlichkeit", "Lernende Organisation", "Sicherheit"],
    ["Openness", "Appreciation", "Ownership"],
    ["Openness", "Vulnerability", "Shared goals"],
    ["Trust", "Curiosity", "Fail forward"],
    ["Learning", "Mentoring", "Post-mortems"],
    ["Transparency", "Open door", "Zusammenhalt"],
]


def join(open_page, url, workshop, name=""):
    """A participant on a phone, in English."""
    page = open_page(f"{url}/j/{workshop.join_code}", viewport=PHONE, locale="en-US")
    page.get_by_label("Your name (optional)").fill(name)
    page.get_by_role("button", name="Join the workshop").click()
    expect(page.locator("#waiting")).to_be_visible()
    return page


def settle(page):
    """Wait until every running transition (bars, words moving) has finished."""
    page.evaluate(
        """async () => {
            await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
            await Promise.all(document.getAnimations().filter(
                (animation) => animation.effect.getTiming().iterations !== Infinity
            ).map((animation) => animation.finished.catch(() => null)));
        }"""
    )


WORD_BOXES = """() => {
    const cloud = document.querySelector('.word-cloud').getBoundingClientRect();
    return Array.from(document.querySelectorAll('.wc-word')).map((word) => {
        const box = word.getBoundingClientRect();
        return {key: word.dataset.key, left: box.left - cloud.left, top: box.top - cloud.top,
                right: box.right - cloud.left, bottom: box.bottom - cloud.top,
                size: parseFloat(getComputedStyle(word).fontSize),
                cloudWidth: cloud.width, cloudHeight: cloud.height};
    });
}"""


def word_boxes(page):
    """Each word's box relative to the cloud, once the words stopped moving."""
    settle(page)
    return {box["key"]: box for box in page.evaluate(WORD_BOXES)}


def assert_readable_cloud(boxes, smallest):
    """No word overlaps another or leaves the cloud, and none is smaller than ``smallest`` px."""
    listed = list(boxes.values())
    for box in listed:
        assert box["size"] >= smallest, box
        assert box["left"] >= -1 and box["right"] <= box["cloudWidth"] + 1, box
        assert box["top"] >= -1 and box["bottom"] <= box["cloudHeight"] + 1, box
    for index, one in enumerate(listed):
        for other in listed[index + 1 :]:
            overlap_x = min(one["right"], other["right"]) - max(one["left"], other["left"])
            overlap_y = min(one["bottom"], other["bottom"]) - max(one["top"], other["top"])
            assert overlap_x <= 1 or overlap_y <= 1, (one, other)


def test_a_rating_from_a_phone_reaches_the_big_screen(live, open_page, screenshot):
    workshop = live.workshop(WORKSHOP)
    rating = live.items(workshop)[0]
    presenter = live.presenter(workshop)
    screen = open_page(
        f"{live.url}/screen/{workshop.id}?key={workshop.screen_token}", LAPTOP, "en-US"
    )
    phone = join(open_page, live.url, workshop, "Anna")

    assert presenter.call("open_item", {"item_id": rating.id})["ok"]
    expect(phone.get_by_role("heading", name=rating.title)).to_be_visible()
    expect(phone.get_by_role("radio")).to_have_count(11)
    expect(phone.get_by_role("radio", name="0 – not safe at all")).to_be_visible()
    expect(phone.locator(".rating-end.high")).to_contain_text("completely safe")
    for step in phone.locator(".rating-step").all():
        box = step.bounding_box()
        assert box["width"] >= 44 and box["height"] >= 44, box
    assert phone.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    expect(screen.locator(".results-count")).to_have_text("0 answers")
    screenshot(phone, "rating-phone")

    phone.get_by_text("8", exact=True).click()
    expect(phone.locator(".poll-status")).to_contain_text("Your answer is saved")
    expect(phone.get_by_role("radio", name="8", exact=True)).to_be_checked()

    column = screen.locator('.rating-column[data-value="8"]')
    expect(column.locator(".rating-column-count")).to_have_text("1")
    expect(column).to_contain_text("8: 1 vote, 100 %")
    expect(screen.locator(".rating-stat.mean")).to_contain_text("8.0")
    expect(screen.locator(".rating-stat.median")).to_contain_text("8")
    expect(screen.locator('.rating-column[data-value="7"] .rating-column-count')).to_have_text("0")
    settle(screen)
    bar = screen.locator('.rating-column[data-value="8"] .rating-column-bar').bounding_box()
    assert bar["height"] > 100, "the only answer's bar fills its column"
    screenshot(screen, "rating-screen-laptop")

    # Keyboard: the arrow key moves the answer, which is sent once the participant pauses;
    # the focus stays on the scale while it is sent.
    phone.get_by_role("radio", name="8", exact=True).focus()
    phone.keyboard.press("ArrowRight")
    expect(phone.get_by_role("radio", name="9", exact=True)).to_be_checked()
    expect(column.locator(".rating-column-count")).to_have_text("0")
    expect(screen.locator('.rating-column[data-value="9"] .rating-column-count')).to_have_text("1")
    expect(screen.locator(".rating-stat.mean")).to_contain_text("9.0")
    expect(phone.locator(".poll-status")).to_contain_text("Your answer is saved")
    assert phone.evaluate("document.activeElement.value") == "9"
    screenshot(phone, "rating-answered-phone")


def test_a_word_cloud_from_phones_reaches_the_big_screen(live, open_page, screenshot):
    workshop = live.workshop(WORKSHOP)
    cloud_item = live.items(workshop)[1]
    presenter = live.presenter(workshop)
    screen = open_page(
        f"{live.url}/screen/{workshop.id}?key={workshop.screen_token}", LAPTOP, "en-US"
    )
    phone = join(open_page, live.url, workshop, "Berta")

    assert presenter.call("open_item", {"item_id": cloud_item.id})["ok"]
    expect(phone.get_by_role("heading", name=cloud_item.title)).to_be_visible()
    entries = phone.get_by_role("textbox")
    expect(entries).to_have_count(3)
    expect(phone.get_by_label("Word or phrase 1")).to_be_visible()

    # Typed but unsent text survives a reload.
    entries.nth(0).fill("Psychological safety")
    entries.nth(1).fill("Trust")
    phone.reload()
    expect(phone.get_by_label("Word or phrase 1")).to_have_value("Psychological safety")
    expect(phone.get_by_label("Word or phrase 2")).to_have_value("Trust")
    screenshot(phone, "word-cloud-phone")

    phone.get_by_role("button", name="Send").click()
    expect(phone.locator(".poll-status")).to_contain_text("Your answer is saved")
    expect(phone.get_by_label("Word or phrase 3")).to_have_value("")

    trust = screen.locator('.wc-word[data-key="trust"]')
    expect(trust).to_have_text("Trust")
    expect(screen.locator('.wc-word[data-key="psychological safety"]')).to_be_visible()
    expect(screen.locator(".word-cloud-results ol")).to_contain_text("Trust: 1 mention")
    expect(screen.locator(".word-cloud-results .results-summary")).to_contain_text(
        "2 different words"
    )
    boxes = word_boxes(screen)
    assert_readable_cloud(boxes, 40)
    screenshot(screen, "word-cloud-screen-laptop-first")

    # Thirty people later: sixty different words with very different counts.
    for words in CROWD:
        ack = live.participant(workshop).call("vote", {"item_id": cloud_item.id, "value": words})
        assert ack["ok"], ack
    expect(screen.locator(".word-cloud-results .results-summary")).to_contain_text(
        f"{len(CROWD) + 1} of"
    )
    expect(trust).to_have_attribute("data-count", "10")
    expect(screen.locator(".word-cloud-results ol")).to_contain_text("Trust: 10 mentions")
    expect(screen.locator(".wc-word")).to_have_count(60)
    boxes = word_boxes(screen)
    assert_readable_cloud(boxes, 12)
    assert boxes["trust"]["size"] == max(box["size"] for box in boxes.values())
    assert boxes["trust"]["size"] >= 2.5 * boxes["kaizen"]["size"]
    assert boxes["straße"]["size"] == boxes["strasse"]["size"]
    bottom = screen.evaluate("document.querySelector('.word-cloud').getBoundingClientRect().bottom")
    assert bottom <= LAPTOP["height"], "the whole cloud fits on the big screen without scrolling"
    # It fits by its own layout, not by the screen's zoom: a zoom would change its width in its
    # own pixels with every update, and a new width lays all words out afresh.
    own_width = screen.evaluate("document.querySelector('.word-cloud').clientWidth")
    assert abs(own_width - boxes["trust"]["cloudWidth"]) <= 1, "the screen must not zoom the cloud"
    screenshot(screen, "word-cloud-screen-laptop")

    # A new word finds a free place; the others stay where they were.
    assert live.participant(workshop).call(
        "vote", {"item_id": cloud_item.id, "value": ["Gelassenheit"]}
    )["ok"]
    expect(screen.locator('.wc-word[data-key="gelassenheit"]')).to_be_visible()
    after = word_boxes(screen)
    width = boxes["trust"]["cloudWidth"]
    moved = [
        key
        for key, box in boxes.items()
        if abs(after[key]["left"] - box["left"]) + abs(after[key]["top"] - box["top"])
        > width * 0.05
    ]
    assert len(moved) <= 3, f"words jumped around: {moved}"
    assert_readable_cloud(after, 12)

    small = open_page(
        f"{live.url}/screen/{workshop.id}?key={workshop.screen_token}", PHONE, "en-US"
    )
    expect(small.locator(".wc-word")).to_have_count(61)
    assert_readable_cloud(word_boxes(small), 12)
    sticking_out = small.evaluate(
        """() => Array.from(document.querySelectorAll('.word-cloud-results, .word-cloud-results *'))
            .filter((node) => node.getBoundingClientRect().right > window.innerWidth)
            .map((node) => node.className)"""
    )
    assert sticking_out == [], "the cloud must not scroll sideways on a phone"
    screenshot(small, "word-cloud-screen-phone")
