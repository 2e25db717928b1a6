"""The big screen at 40 people: nothing scrolls at 1920×1080 or 1280×720, identical answers
are counted once, what does not fit pages on its own or on the presenter's command, the
question shows its options before results may, and the presenter's controls stay in view on
a 768 px laptop (issue 12)."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import LAPTOP
from tests.browser.test_accessibility import AXE, RUN_AXE, WCAG_21_AA, describe

FULL_HD = {"width": 1920, "height": 1080}
HD = {"width": 1280, "height": 720}
SIZES = (("1080", FULL_HD), ("720", HD))

# 34 answers as 40 people wrote them: some the same but for case and spaces.
SAME = ["Mehr Zeit", "mehr zeit", "Mehr  Zeit ", "MEHR ZEIT", "mehr Zeit"]  # 5 × one answer
TRUST = ["Vertrauen", "vertrauen", "Vertrauen "]  # 3 × another
UNIQUE = [
    "Fehlerkultur in der Verwaltung",
    "Zuständigkeitsüberschneidungen zwischen den Fachbereichen klären",
    "Kurze Wege zur Leitung",
    "Mut, auch mal etwas auszuprobieren, ohne gleich eine Vorlage zu schreiben",
    "Weniger Abstimmungsschleifen",
    "Rückendeckung von oben",
    "Dienstvereinbarungsverhandlungen vereinfachen",
    "Zeit für Reflexion im Team",
    "Ein Budget für kleine Experimente",
    "Offene Türen",
    "Klare Entscheidungsspielräume",
    "Gute Beispiele aus anderen Jugendämtern",
    "Weniger Angst vor der Presse",
    "Fortbildung zu Kaizen",
    "Anerkennung für Verbesserungsvorschläge",
    "Regelmäßige Retrospektiven",
    "Eine Ansprechperson für Ideen",
    "Digitale Akten, die funktionieren",
    "Vertrauensarbeitszeit",
    "Kollegiale Beratung",
    "Fehler ansprechen dürfen, ohne dass es Folgen für die Beurteilung hat",
    "Mehr Austausch zwischen den Teams",
    "Weniger Formulare",
    "Zuhören",
    "Ein Ideenbriefkasten",
    "Verantwortung teilen",
]
ANSWERS = SAME + TRUST + UNIQUE  # 34 answers, 28 different ones
LONG_TITLE = (
    "Was hindert neue Ideen in Ihrer Verwaltung, und welche "
    "Kinder- und Jugendhilfeausschussentscheidungen würden Sie sich trauen?"
)

# Everything shown on the screen is inside the window; nothing in the list spills out of
# its card (sideways or cut off at the bottom) and no card leaves the list.
FITS = """(selector) => {
    const problems = [];
    if (document.documentElement.scrollHeight > window.innerHeight) {
        problems.push("page " + document.documentElement.scrollHeight + " > " + window.innerHeight);
    }
    if (document.documentElement.scrollWidth > window.innerWidth) problems.push("sideways");
    document.querySelectorAll(selector).forEach((card) => {
        if (card.closest(".off-page") || !card.getClientRects().length) return;
        const box = card.getBoundingClientRect();
        const list = card.parentElement.getBoundingClientRect();
        const text = card.textContent;
        if (box.bottom > window.innerHeight + 0.5) problems.push("below the window: " + text);
        if (box.right > list.right + 0.5 || box.left < list.left - 0.5) {
            problems.push("out of its list: " + text);
        }
        if (card.scrollWidth > card.clientWidth + 1) problems.push("too wide: " + card.textContent);
        card.querySelectorAll("*").forEach((part) => {
            if (part.classList.contains("visually-hidden")) return;
            const clips = getComputedStyle(part).overflow === "hidden";
            if (clips && part.scrollHeight > part.clientHeight + 2) {
                problems.push("cut off: " + part.textContent);
            }
        });
    });
    return problems;
}"""


def open_text_workshop(threshold=3):
    return {
        "title": "Kaizen-Impuls",
        "language": "de",
        "anonymity_threshold": threshold,
        "items": [
            {
                "kind": "open_text",
                "title": LONG_TITLE,
                "minutes": 5,
                "config": {"max_length": 280},
            },
            {"kind": "content", "title": "Input", "minutes": 10, "config": {"body": "Kaizen"}},
        ],
    }


def settled(page):
    """Let the cards' fade-in (0.35 s) end before a screenshot."""
    page.wait_for_timeout(500)
    return page


def screen_at(open_page, live, workshop, viewport):
    return open_page(
        f"{live.url}/screen/{workshop.id}?key={workshop.screen_token}", viewport, "en-US"
    )


def page_line(page):
    """("page", "pages") from the screen's "Page 1 of 3" line."""
    text = page.locator(".screen-pager-label").text_content()
    found = re.fullmatch(r"Page (\d+) of (\d+)", text.strip())
    assert found, text
    return int(found.group(1)), int(found.group(2))


def shown_cards(page):
    return page.locator(".open-text-card:not(.off-page)")


def test_forty_people_answering_open_text_fit_the_screen_grouped_and_paged(
    live, open_page, screenshot
):
    workshop = live.workshop(open_text_workshop())
    item = next(item for item in live.items(workshop) if item.kind == "open_text")
    presenter = live.presenter(workshop)
    people = [live.participant(workshop) for _ in range(40)]
    assert presenter.call("open_item", {"item_id": item.id})["ok"]
    for person, text in zip(people, ANSWERS, strict=False):
        assert person.call("vote", {"item_id": item.id, "value": text})["ok"]

    for size, viewport in SIZES:
        screen = screen_at(open_page, live, workshop, viewport)
        expect(screen.locator(".results-summary")).to_have_text("34 answers")
        expect(screen.locator(".open-text-card")).to_have_count(28)
        # Identical answers are one card with how many sent them.
        expect(screen.locator(".open-text-card", has_text="Mehr Zeit")).to_have_count(1)
        same = screen.locator(".open-text-card", has_text=re.compile("^mehr Zeit", re.I))
        expect(same.locator(".tag-count")).to_have_text("5 times")
        expect(screen.locator(".open-text-card", has_text=re.compile("^Vertrauen"))).to_have_count(
            2
        )
        three = screen.locator(".tag-count", has_text="3 times")
        expect(screen.locator(".open-text-card", has=three)).to_have_text(re.compile("^Vertrauen"))
        # The long title shrinks to at most two lines of its full size.
        title_lines = screen.evaluate(
            """() => {
                const title = document.getElementById("screen-title");
                const shrunk = title.style.fontSize;
                title.style.fontSize = "";
                const full = parseFloat(getComputedStyle(title).lineHeight);
                const height = () => title.getBoundingClientRect().height;
                const lines = height() / full;
                title.style.fontSize = shrunk;
                return { full: lines, shrunk: height() / full, size: shrunk };
            }"""
        )
        assert title_lines["full"] > 2, "the title is long enough to need shrinking"
        assert title_lines["shrunk"] <= 2.05, title_lines
        assert screen.evaluate(FITS, ".open-text-card") == [], size
        screenshot(settled(screen), f"screen-open-text-40-{size}")

        # Pages: every card is on one, each page fits, and the page line says where we are.
        page, pages = page_line(screen)
        assert (page, pages) == (1, pages)
        assert pages >= 2, f"all 28 cards on one page at {size}?"
        seen = set()
        for number in range(1, pages + 1):
            if number > 1:
                presenter.call("turn_screen_page", {"item_id": item.id})
                expect(screen.locator(".screen-pager-label")).to_have_text(
                    f"Page {number} of {pages}"
                )
            assert screen.evaluate(FITS, ".open-text-card") == [], (size, number)
            seen.update(shown_cards(screen).all_text_contents())
        assert len(seen) == 28
        # After the last page comes the first again.
        presenter.call("turn_screen_page", {"item_id": item.id})
        expect(screen.locator(".screen-pager-label")).to_have_text(f"Page 1 of {pages}")
        # The newest answer is on the first page.
        expect(shown_cards(screen).first).to_contain_text("Verantwortung teilen")

    # A highlighted answer goes large above the wall; what is left still fits, paged.
    results = presenter.state()["item"]["results"]
    longest = max(results["texts"], key=lambda entry: len(entry["text"]))
    assert presenter.call("highlight_answer", {"item_id": item.id, "answer_id": longest["id"]})[
        "ok"
    ]
    expect(screen.locator(".open-text-spotlight-text")).to_have_text(longest["text"])
    expect(screen.locator(".open-text-card")).to_have_count(27)
    assert screen.evaluate(FITS, ".open-text-card, .open-text-spotlight") == []
    screenshot(settled(screen), "screen-open-text-40-highlight-720")

    # Pages also turn on their own (every 9 seconds).
    expect(screen.locator(".screen-pager-label")).to_have_text(
        re.compile("Page 2 of"), timeout=12_000
    )

    # The presenter's close, reveal and next stay in view on a 768 px laptop however long the
    # wall of 34 answers is, at the top of the page and scrolled down.
    cockpit = open_page(
        f"{live.url}/presenter/{workshop.id}?key={workshop.presenter_token}", LAPTOP, "en-US"
    )
    expect(cockpit.locator(".open-text-card")).to_have_count(34)
    assert cockpit.evaluate("document.documentElement.scrollHeight") > 2 * LAPTOP["height"]
    buttons = [
        cockpit.get_by_role("button", name="Close poll"),
        cockpit.get_by_role("button", name="Show results to everyone"),
        cockpit.get_by_role("button", name="Reset poll"),
        cockpit.get_by_role("button", name="Next page on the big screen"),
        cockpit.get_by_role("button", name="Next →"),
    ]
    for scrolled in (0, 1200):
        cockpit.evaluate(f"window.scrollTo(0, {scrolled})")
        for button in buttons:
            expect(button).to_be_in_viewport(ratio=1)
        screenshot(settled(cockpit), f"presenter-long-item-1366x768-scrolled-{scrolled}")
    cockpit.get_by_role("button", name="Next page on the big screen").click()
    expect(screen.locator(".screen-pager-label")).not_to_have_text(re.compile("Page 2 of"))
    cockpit.get_by_role("button", name="Close poll").click()
    expect(cockpit.get_by_role("button", name="Reopen poll")).to_be_in_viewport(ratio=1)


def harvest_workshop():
    return {
        "title": "Kaizen reflection",
        "language": "en",
        "items": [
            {
                "kind": "breakout",
                "title": "Reflexion in Kleingruppen mit coachenden Fragen",
                "minutes": 10,
                "config": {
                    "prompts": [
                        "Where do you have room to decide that you don't use yet?",
                        "What would you try if mistakes were allowed?",
                        "What small step will you take next week?",
                    ],
                    "duration": 10,
                    "grouping": {"mode": "size", "size": 3},
                },
            },
        ],
    }


CARDS = [
    ("p1", "Decide small purchases in the team without asking the head of department first"),
    ("p1", "Reorganise our weekly meeting ourselves"),
    ("p2", "Publish a draft before it is perfect and ask the citizens what they think of it"),
    ("p2", "Try a paperless case conference for a month"),
    ("p2", "Invite the youth council to our planning day"),
    ("p3", "Ask one colleague what slows them down, and really listen"),
    ("p3", "Write down one mistake a week and what we learned from it"),
    ("p3", "Block an hour on Friday for improving one process"),
]


def test_eight_harvested_cards_fit_the_screen(live, open_page, screenshot):
    workshop = live.workshop(harvest_workshop())
    item = live.items(workshop)[0]
    presenter = live.presenter(workshop)
    people = [live.participant(workshop, name) for name in ("Anna", "Ben", "Cem", "Dana")]
    assert presenter.call("open_item", {"item_id": item.id})["ok"]
    assert presenter.call("start_breakout", {"item_id": item.id})["ok"]
    for index, (prompt, text) in enumerate(CARDS):
        person = people[index % len(people)]
        reply = person.call("add_card", {"item_id": item.id, "prompt_id": prompt, "text": text})
        assert reply["ok"], reply
        card_id = reply["card"]["id"]
        assert presenter.call("harvest_card", {"item_id": item.id, "card_id": card_id})["ok"]
    assert presenter.call("end_breakout", {"item_id": item.id})["ok"]

    for size, viewport in SIZES:
        screen = screen_at(open_page, live, workshop, viewport)
        expect(screen.locator(".bo-harvest-card")).to_have_count(8)
        expect(screen.locator(".bo-harvest-prompt")).to_have_count(3)
        assert screen.evaluate(FITS, ".bo-harvest-card") == [], size
        shown = screen.locator(".bo-harvest-card:not(.off-page)").count()
        pager = screen.locator(".screen-pager")
        if shown < 8:
            # What does not fit is on the next page, not below the window.
            page, pages = page_line(screen)
            assert page == 1 and pages >= 2
            presenter.call("turn_screen_page", {"item_id": item.id})
            expect(pager).to_contain_text(f"Page 2 of {pages}")
            assert screen.evaluate(FITS, ".bo-harvest-card") == [], size
        else:
            expect(pager).to_be_hidden()
        screenshot(settled(screen), f"screen-harvest-8-{size}")


def choice_workshop(results, threshold):
    return {
        "title": "Check-in",
        "language": "en",
        "anonymity_threshold": threshold,
        "items": [
            {
                "kind": "single_choice",
                "title": "How does your team deal with mistakes?",
                "minutes": 5,
                "config": {
                    "options": ["Hide them", "Fix them quietly", "Learn together"],
                    "results": results,
                },
            },
            {
                "kind": "rating",
                "title": "How much room to decide do you have?",
                "minutes": 2,
                "config": {"low_label": "none", "high_label": "a lot"},
            },
        ],
    }


def test_the_screen_shows_the_options_until_results_may_be_shown(live, open_page, screenshot):
    # Results for presenter and screen: the options at once, the bars with the first answer.
    workshop = live.workshop(choice_workshop("presenter", 1))
    choice, rating = live.items(workshop)
    presenter = live.presenter(workshop)
    anna = live.participant(workshop, "Anna")
    screen = screen_at(open_page, live, workshop, HD)
    assert presenter.call("open_item", {"item_id": choice.id})["ok"]
    options = screen.locator(".pending-option")
    expect(options).to_have_text(["Hide them", "Fix them quietly", "Learn together"])
    expect(screen.locator(".results-count")).to_have_text("0 answers")
    screenshot(settled(screen), "screen-pending-options-720")
    assert anna.call("vote", {"item_id": choice.id, "value": "o3"})["ok"]
    expect(screen.locator('.bar-row[data-option="o3"] .bar-figures')).to_have_text("1 · 100 %")
    expect(options).to_have_count(0)

    # The rating shows its scale.
    assert presenter.call("open_item", {"item_id": rating.id})["ok"]
    expect(screen.locator(".rating-pending-step")).to_have_text(["1", "2", "3", "4", "5"])
    expect(screen.locator(".rating-pending .rating-ends")).to_contain_text("a lot")

    # Below the anonymity threshold the options stay, with the reason, until enough answered.
    workshop = live.workshop(choice_workshop("live", 3))
    choice = live.items(workshop)[0]
    presenter = live.presenter(workshop)
    people = [live.participant(workshop) for _ in range(3)]
    screen = screen_at(open_page, live, workshop, FULL_HD)
    assert presenter.call("open_item", {"item_id": choice.id})["ok"]
    options = screen.locator(".pending-option")
    expect(options).to_have_count(3)
    for person in people[:2]:
        assert person.call("vote", {"item_id": choice.id, "value": "o1"})["ok"]
    expect(screen.locator(".results-count")).to_have_text("2 answers")
    expect(screen.locator(".results-notice")).to_contain_text("once 3 people have answered")
    expect(options).to_have_count(3)
    expect(screen.locator(".bar-row")).to_have_count(0)
    screenshot(settled(screen), "screen-pending-threshold-1080")
    assert people[2].call("vote", {"item_id": choice.id, "value": "o2"})["ok"]
    expect(screen.locator('.bar-row[data-option="o1"] .bar-figures')).to_have_text("2 · 67 %")
    expect(options).to_have_count(0)


LONG_BODY = "\n\n".join(
    [
        "Kaizen heißt: viele kleine Verbesserungen, jeden Tag, von allen. Fehler sind dabei "
        "keine Schande, sondern der Rohstoff, aus dem Verbesserungen entstehen."
    ]
    * 7
)


def other_views_workshop():
    return {
        "title": "Kaizen-Impuls für Leitungskräfte der Kinder- und Jugendhilfe",
        "language": "de",
        "items": [
            {"kind": "content", "title": "Input", "minutes": 10, "config": {"body": LONG_BODY}},
            {
                "kind": "question_board",
                "title": "Ihre Fragen an die Referentin",
                "minutes": 10,
                "config": {"prompt": "Fragen Sie, was Sie schon immer wissen wollten."},
            },
        ],
    }


def test_lobby_content_and_question_board_fit_the_screen(live, open_page, screenshot):
    workshop = live.workshop(other_views_workshop())
    content, questions = live.items(workshop)
    presenter = live.presenter(workshop)
    people = [live.participant(workshop) for _ in range(6)]
    for number in range(18):
        text = f"Frage {number + 1}: Wie gehen wir mit Fehlern in der Verwaltungsleitung um?"
        assert people[number % 6].call("ask_question", {"text": text})["ok"]
    screens = [screen_at(open_page, live, workshop, viewport) for _size, viewport in SIZES]
    for (size, _viewport), screen in zip(SIZES, screens, strict=True):
        expect(screen.locator(".lobby-code")).to_be_visible()
        assert screen.evaluate(FITS, ".none") == [], size
        screenshot(settled(screen), f"screen-lobby-{size}")

    assert presenter.call("open_item", {"item_id": content.id})["ok"]
    for (size, _viewport), screen in zip(SIZES, screens, strict=True):
        expect(screen.locator(".content-body p")).to_have_count(7)
        assert screen.evaluate(FITS, ".content-body p") == [], size
        screenshot(settled(screen), f"screen-content-long-{size}")

    assert presenter.call("open_item", {"item_id": questions.id})["ok"]
    for (size, _viewport), screen in zip(SIZES, screens, strict=True):
        expect(screen.locator(".board-top-row")).to_have_count(18)
        assert screen.evaluate(FITS, ".board-top-row") == [], size
        page, pages = page_line(screen)
        assert page == 1 and pages >= 2, size
        screenshot(settled(screen), f"screen-questions-18-{size}")
    presenter.call("turn_screen_page", {"item_id": questions.id})
    for (size, _viewport), screen in zip(SIZES, screens, strict=True):
        expect(screen.locator(".screen-pager-label")).to_contain_text("Page 2 of")
        assert screen.evaluate(FITS, ".board-top-row") == [], size


TWELVE = [f"Möglichkeit {n}: Verwaltungsmodernisierung im Jugendamt" for n in range(1, 13)]
IDS = [f"o{n}" for n in range(1, 13)]
BIGGEST = [
    ("single_choice", {"options": TWELVE}, "o1"),
    ("multiple_choice", {"options": TWELVE, "max_choices": None}, IDS),
    ("ranking", {"options": TWELVE}, IDS),
    ("points", {"options": TWELVE, "total": 100}, {"o1": 60, "o12": 40}),
    ("rating", {"minimum": 0, "maximum": 10, "low_label": "gar nicht", "high_label": "sehr"}, 7),
    (
        "grid",
        {
            "x": {"label": "Aufwand", "minimum": 1, "maximum": 10},
            "y": {"label": "Nutzen", "minimum": 1, "maximum": 10},
            "items": TWELVE,
        },
        {f"o{n}": [n % 10 + 1, (n * 3) % 10 + 1] for n in range(1, 13)},
    ),
    ("word_cloud", {"max_entries": 3}, ["Zeit", "Vertrauen", "Verwaltungsvorschriften"]),
]


def test_every_poll_at_its_biggest_fits_the_screen(live, open_page, screenshot):
    workshop = live.workshop(
        {
            "title": "Größte Umfragen",
            "language": "de",
            "anonymity_threshold": 1,
            "items": [
                {"kind": kind, "title": f"{kind}: {LONG_TITLE}", "minutes": 2, "config": config}
                for kind, config, _value in BIGGEST
            ],
        }
    )
    items = live.items(workshop)
    presenter = live.presenter(workshop)
    person = live.participant(workshop)
    screens = [screen_at(open_page, live, workshop, viewport) for _size, viewport in SIZES]
    for item, (kind, _config, value) in zip(items, BIGGEST, strict=True):
        assert presenter.call("open_item", {"item_id": item.id})["ok"]
        reply = person.call("vote", {"item_id": item.id, "value": value})
        assert reply["ok"], (kind, reply)
        for (size, _viewport), screen in zip(SIZES, screens, strict=True):
            expect(screen.locator("#screen-title")).to_contain_text(kind)
            expect(screen.locator(".results-notice")).to_have_count(0)
            screen.wait_for_timeout(300)
            problems = screen.evaluate(FITS, "#screen-body *")
            screenshot(settled(screen), f"screen-{kind}-biggest-{size}")
            assert [p for p in problems if p.startswith("page")] == [], (kind, size)


@pytest.mark.parametrize("locale", ["en-US", "de-DE"])
def test_the_new_screen_states_meet_wcag_21_aa(live, browser, locale):
    """The options before results, grouped and paged answers, the page line: axe-core finds
    nothing, at any impact, in German and English."""
    workshop = live.workshop(open_text_workshop(threshold=3))
    poll, _ = live.items(workshop)
    choice_workshop_ = live.workshop(choice_workshop("presenter", 3))
    choice, _rating = live.items(choice_workshop_)
    found = []

    def audit(page, state):
        if not page.evaluate("typeof window.axe !== 'undefined'"):
            page.add_script_tag(path=str(AXE))
        found.extend(f"{state}:\n{describe(v)}" for v in page.evaluate(RUN_AXE, WCAG_21_AA))

    context = browser.new_context(viewport=HD, locale=locale, bypass_csp=True)
    screen = context.new_page()
    screen.goto(f"{live.url}/screen/{choice_workshop_.id}?key={choice_workshop_.screen_token}")
    assert live.presenter(choice_workshop_).call("open_item", {"item_id": choice.id})["ok"]
    expect(screen.locator(".pending-option")).to_have_count(3)
    audit(screen, "options before results")

    presenter = live.presenter(workshop)
    screen.goto(f"{live.url}/screen/{workshop.id}?key={workshop.screen_token}")
    assert presenter.call("open_item", {"item_id": poll.id})["ok"]
    for number in range(30):
        person = live.participant(workshop, f"P{number}")
        text = "Mehr Zeit" if number % 5 == 0 else f"Antwort Nummer {number} mit etwas Text"
        assert person.call("vote", {"item_id": poll.id, "value": text})["ok"]
    expect(screen.locator(".screen-pager-label")).to_be_visible(timeout=10000)
    settled(screen)
    audit(screen, "grouped and paged answers")
    context.close()
    assert not found, "\n\n".join(found)
