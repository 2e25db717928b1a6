"""Workshop content keeps its language on a page in another one (WCAG 3.1.2).

A German workshop on an English page: its title and texts carry ``lang="de"``, the page's
own words do not; the live pages hand the workshop's language to their scripts in
``data-content-lang``. When both languages are the same, nothing is marked.
"""

import re
import time

import pytest
from markupsafe import escape

from facilitation.workshops import create_workshop, end_workshop
from tests.conftest import POLL
from tests.exports.every_kind import build_workshop
from tests.web.test_organizer import organizer, sign_in
from tests.web.test_takeaway import STEP, as_participant, check_in_path, takeaway_url

EN = {"Accept-Language": "en-US"}
DE = {"Accept-Language": "de-DE"}
GERMAN = {**POLL, "title": "Fehlerkultur im Amt", "language": "de"}
TITLE = re.escape(GERMAN["title"])


@pytest.fixture
def german(store):
    return create_workshop(store, GERMAN)


def live_pages(client, workshop):
    """Participant (joined), presenter, moderator and big screen, in the client's language."""
    client.post(f"/j/{workshop.join_code}", data={"display_name": ""})
    return {
        "participant": f"/j/{workshop.join_code}",
        "presenter": f"/presenter/{workshop.id}?key={workshop.presenter_token}",
        "moderator": f"/moderator/{workshop.id}?key={workshop.moderator_token}",
        "screen": f"/screen/{workshop.id}?key={workshop.screen_token}",
    }


def test_the_live_pages_mark_the_workshop_title_and_tell_their_scripts(client, german):
    for role, path in live_pages(client, german).items():
        page = client.get(path, headers=EN).text
        assert '<html lang="en">' in page, role
        assert 'data-content-lang="de"' in page, role
        assert re.search(rf'class="workshop-title" lang="de">{TITLE}<', page), role
    lobby = client.get(live_pages(client, german)["screen"], headers=EN).text
    assert re.search(rf'<h1 lang="de">{TITLE}</h1>', lobby)
    waiting = client.get(f"/j/{german.join_code}", headers=EN).text
    assert re.search(rf'<h1 lang="de">{TITLE}</h1>', waiting)


def test_the_page_own_words_are_not_marked(client, german):
    page = client.get(live_pages(client, german)["presenter"], headers=EN).text
    assert 'lang="de">Presenter<' not in page
    assert not re.search(r'<(button|label|p)[^>]* lang="de"', page)


def test_nothing_is_marked_when_page_and_workshop_share_the_language(client, german):
    for role, path in live_pages(client, german).items():
        page = client.get(path, headers=DE).text
        assert '<html lang="de">' in page, role
        assert re.search(rf'class="workshop-title">{TITLE}<', page), role
        marked = re.findall(r'<(\w+)[^>]* lang="de"', page)
        assert marked == ["html", "span"], (role, marked)  # the page itself and the DE switch


def test_the_organizer_agenda_marks_the_workshop_title(client, store):
    maria = organizer(store, "maria@example.org")
    workshop = create_workshop(store, GERMAN, maria.id)
    assert sign_in(client, maria.email).status_code == 302
    agenda = client.get(f"/organize/w/{workshop.id}/agenda", headers=EN).text
    assert re.search(rf'lang="de">{TITLE}</a>', agenda)
    assert 'class="editor-title" lang="de">Welcome<' in agenda


def test_the_takeaway_and_the_check_in_mark_the_workshop_content(client, app, store):
    workshop, people = build_workshop(store, participants=4, language="de")
    step_item = next(item for item in store.items(workshop.id) if item.kind == "commitment")
    store.save_answer(step_item, people[0].id, {"text": STEP, "shared": False})
    end_workshop(store, workshop, time.time())
    workshop = store.workshop(workshop.id)
    url = takeaway_url(as_participant(client, app, workshop, people[0]), workshop)
    page = client.get(url, headers=EN).text
    assert '<html lang="en">' in page
    assert re.search(rf'<h1 lang="de">{re.escape(str(escape(workshop.title)))}</h1>', page)
    assert re.search(r'<h3><span lang="de">[^<]+</span> <span class="kind">', page)
    check_in = client.get(check_in_path(page), headers=EN).text
    assert re.search(
        rf'class="workshop-title" lang="de">{re.escape(str(escape(workshop.title)))}<', check_in
    )
    assert f'From the workshop “<span lang="de">{escape(workshop.title)}</span>” on' in check_in
    german_page = client.get(url, headers=DE).text
    assert re.search(rf"<h1>{re.escape(str(escape(workshop.title)))}</h1>", german_page)
