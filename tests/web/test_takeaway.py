"""After the end: each participant's takeaway, its calendar files, the Kaizen check behind
its private link, and what the organizer (and the record) see of the check-ins."""

import datetime as dt
import json
import re
import time
import urllib.parse
from zoneinfo import ZoneInfo

import pytest

from facilitation.security import participant_cookie_name, sign_participant
from facilitation.workshops import create_workshop, end_workshop
from tests.exports.every_kind import PRIVATE_NOTE, build_workshop
from tests.web.test_organizer import EN, organizer, sign_in

STEP = "Jeden Montag eine Frage an das Team stellen"
OTHER_STEP = "Die Ablage neu ordnen OTHERSTEP"


@pytest.fixture
def ended(store):
    """The every-kind workshop, with two next steps written, ended."""
    workshop, people = build_workshop(store, participants=6)
    step_item = next(item for item in store.items(workshop.id) if item.kind == "commitment")
    store.save_answer(step_item, people[0].id, {"text": STEP, "shared": False})
    store.save_answer(step_item, people[1].id, {"text": OTHER_STEP, "shared": True})
    end_workshop(store, workshop, time.time())
    return store.workshop(workshop.id), people


def as_participant(client, app, workshop, person):
    """Give ``client`` the signed cookie ``person`` got when joining."""
    client.set_cookie(
        participant_cookie_name(workshop.id),
        sign_participant(app.config["SECRET_KEY"], workshop.id, person.id),
    )
    return client


def takeaway_url(client, workshop) -> str:
    page = client.get(f"/j/{workshop.join_code}", headers=EN)
    return re.search(r'id="takeaway-link" href="http://localhost(/[^"]+)"', page.text).group(1)


def check_in_path(page_text: str) -> str:
    return re.search(r'id="check-link">http://localhost(/check/[^<]+)<', page_text).group(1)


def test_the_takeaway_holds_what_the_participant_did(client, app, ended):
    workshop, people = ended
    url = takeaway_url(as_participant(client, app, workshop, people[0]), workshop)
    page = client.get(url, headers=EN)

    assert page.status_code == 200
    assert STEP in page.text and "Only you can see it." in page.text
    assert OTHER_STEP not in page.text, "another participant's step never shows"
    assert PRIVATE_NOTE in page.text, "their own private note"
    assert "My answers" in page.text and "My cards" in page.text
    assert "Harvested in the plenary" in page.text
    assert "Karte über Größe und Übung 3" in page.text, "a card harvested for everyone"
    assert "Wie fange ich morgen an?" in page.text, "the question they asked"
    for person in people:
        assert person.id not in page.text


def test_the_takeaway_is_self_contained(client, app, ended):
    workshop, people = ended
    url = takeaway_url(as_participant(client, app, workshop, people[0]), workshop)
    page = client.get(url, headers=EN)

    policy = page.headers["Content-Security-Policy"]
    assert re.search(r"script-src 'sha256-[A-Za-z0-9+/=]+'", policy)
    assert re.search(r"style-src 'sha256-[A-Za-z0-9+/=]+'", policy)
    assert "unsafe-inline" not in policy
    assert re.findall(r"<link [^>]*>", page.text) == ['<link rel="icon" href="data:,">']
    assert "<script src" not in page.text
    assert "<img" not in page.text, "nothing to fetch once loaded"


def test_the_takeaway_opens_only_for_its_own_participant(app, ended):
    workshop, people = ended
    own = as_participant(app.test_client(), app, workshop, people[0])
    url = takeaway_url(own, workshop)

    other = as_participant(app.test_client(), app, workshop, people[1])
    assert other.get(url).status_code == 404, "another participant's cookie"
    assert app.test_client().get(url).status_code == 404, "no cookie"
    assert own.get(url[:-3] + "abc").status_code == 404, "a wrong key"
    assert own.get(url).status_code == 200


def test_no_takeaway_before_the_end(client, app, store):
    workshop, people = build_workshop(store, participants=4)
    url = takeaway_url(as_participant(client, app, workshop, people[0]), workshop)
    assert client.get(url).status_code == 404
    end_workshop(store, workshop, time.time())
    assert client.get(url).status_code == 200


def test_the_calendar_files_remind_one_two_and_four_weeks_later(client, app, ended):
    workshop, people = ended
    url = takeaway_url(as_participant(client, app, workshop, people[0]), workshop)
    page = client.get(url, headers=EN).text
    links = re.findall(
        r'href="data:text/calendar;charset=utf-8,([^"]+)"[^>]*data-weeks="(\d)"', page
    )
    assert [weeks for _, weeks in links] == ["1", "2", "4"]
    check = check_in_path(page)
    # The day the workshop ended where the instance is (not where the test machine is).
    zone = ZoneInfo(app.config["TIMEZONE"])
    ended_day = dt.datetime.fromtimestamp(workshop.ended_at, zone).strftime("%Y%m%d")
    for encoded, weeks in links:
        ics = urllib.parse.unquote(encoded.replace("&amp;", "&"))
        unfolded = ics.replace("\r\n ", "")
        assert unfolded.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
        assert "SUMMARY:Check: my next small step\r\n" in unfolded
        assert check in unfolded and "Jeden Montag eine Frage" in unfolded
        start = re.search(r"DTSTART;VALUE=DATE:(\d{8})", unfolded).group(1)
        day = dt.datetime.strptime(ended_day, "%Y%m%d").date() + dt.timedelta(weeks=int(weeks))
        assert start == day.strftime("%Y%m%d")


def test_without_a_step_there_is_no_check_in(client, app, store, ended):
    workshop, _people = ended
    latecomer = store.add_participant(workshop.id, "")
    url = takeaway_url(as_participant(client, app, workshop, latecomer), workshop)
    page = client.get(url, headers=EN).text
    assert "You did not write a next step in this workshop." in page
    assert "/check/" not in page and "text/calendar" not in page


def test_the_check_in_link_records_how_it_went(client, app, store, ended):
    workshop, people = ended
    url = takeaway_url(as_participant(client, app, workshop, people[0]), workshop)
    path = check_in_path(client.get(url, headers=EN).text)

    stranger = app.test_client()  # the link alone opens it: no cookie, no account
    page = stranger.get(path, headers=EN)
    assert page.status_code == 200 and STEP in page.text
    saved = stranger.post(path, data={"status": "done", "learned": "Fragen öffnen Türen"})
    assert saved.status_code == 303
    page = stranger.get(saved.headers["Location"], headers=EN)
    assert "your check-in is saved" in page.text
    assert 'value="done" checked' in page.text and "Fragen öffnen Türen" in page.text
    check_in = store.check_in_of(workshop.id, people[0].id)
    assert (check_in.status, check_in.learned) == ("done", "Fragen öffnen Türen")
    # A later visit may change it.
    stranger.post(path, data={"status": "partly", "learned": ""})
    assert store.check_in_of(workshop.id, people[0].id).status == "partly"


@pytest.mark.parametrize(
    ("form", "message"),
    [
        ({"status": "finished"}, "Please choose: done, partly or not yet."),
        ({}, "Please choose: done, partly or not yet."),
        ({"status": "done", "learned": "x" * 201}, "at most 200 characters"),
        ({"status": "done", "learned": "bell\x07"}, "Please use plain text"),
    ],
)
def test_a_bad_check_in_is_refused_and_changes_nothing(client, app, store, ended, form, message):
    workshop, people = ended
    url = takeaway_url(as_participant(client, app, workshop, people[0]), workshop)
    path = check_in_path(client.get(url, headers=EN).text)

    page = client.post(path, data=form, headers=EN)
    assert page.status_code == 400 and message in page.text
    assert store.check_in_of(workshop.id, people[0].id).status is None


def test_unknown_and_deleted_check_ins_are_not_found(client, app, store, ended):
    workshop, people = ended
    url = takeaway_url(as_participant(client, app, workshop, people[0]), workshop)
    path = check_in_path(client.get(url, headers=EN).text)
    assert client.get("/check/" + "A" * 32).status_code == 404
    assert client.post("/check/short", data={"status": "done"}).status_code == 404
    store.delete_workshop(workshop.id)
    assert client.get(path).status_code == 404
    assert store.db["check_ins"].count == 0, "check-ins go with their workshop"


def check_in_everyone(app, store, workshop, people, answers):
    """Let each of ``people`` open their takeaway and check in with ``answers``."""
    step_item = next(item for item in store.items(workshop.id) if item.kind == "commitment")
    for person, (status, learned) in zip(people, answers, strict=True):
        store.save_answer(
            step_item, person.id, {"text": f"Schritt {person.number}", "shared": False}
        )
        client = as_participant(app.test_client(), app, workshop, person)
        path = check_in_path(client.get(takeaway_url(client, workshop), headers=EN).text)
        assert client.post(path, data={"status": status, "learned": learned}).status_code == 303


@pytest.fixture
def signed_in(client, store, ended):
    maria = organizer(store, "maria@example.org", "Maria")
    store.db["workshops"].update(ended[0].id, {"owner_id": maria.id})
    assert sign_in(client, maria.email).status_code == 302
    return client


def test_below_the_threshold_the_organizer_sees_only_how_many_checked_in(
    signed_in, app, store, ended
):
    workshop, people = ended
    check_in_everyone(app, store, workshop, people[:2], [("done", "SECRETLINE"), ("partly", "")])
    page = signed_in.get(f"/organize/w/{workshop.id}", headers=EN).text
    assert "2 of 6 checked in" in page, "everyone of the six wrote a step"
    assert "SECRETLINE" not in page and "from 3 check-ins on" in page
    record = signed_in.get(f"/organize/w/{workshop.id}/record").text
    assert "SECRETLINE" not in record
    exported = json.loads(signed_in.get(f"/organize/w/{workshop.id}/export.json").data)
    assert exported["check_ins"] == {"steps": 6, "checked": 2, "shown": False}


def test_the_organizer_sees_the_aggregate_and_the_learnings(signed_in, app, store, ended):
    workshop, people = ended
    answers = [
        ("done", "Kleine Schritte wirken"),
        ("done", ""),
        ("partly", "Zeit fehlt"),
        ("not_yet", ""),
    ]
    check_in_everyone(app, store, workshop, people[:4], answers)
    page = signed_in.get(f"/organize/w/{workshop.id}", headers=EN).text
    assert "4 of 6 checked in" in page
    assert re.search(r"<span>done</span> <strong>2</strong>", page)
    assert re.search(r"<span>partly done</span> <strong>1</strong>", page)
    assert "Kleine Schritte wirken" in page and "Zeit fehlt" in page
    record = signed_in.get(f"/organize/w/{workshop.id}/record").text
    assert "4 von 6 haben sich zurückgemeldet: 2 erledigt, 1 teilweise, 1 noch nicht" in record
    assert "Kleine Schritte wirken" in record

    follow_up = signed_in.post(f"/organize/w/{workshop.id}/follow-up")
    assert follow_up.status_code == 302
    new_id = follow_up.headers["Location"].split("/w/")[1].split("/")[0]
    first = store.items(new_id)[0]
    assert first.kind == "content"
    assert "4 von 6 haben sich zurückgemeldet" in first.config["body"]
    assert "– Kleine Schritte wirken" in first.config["body"]
    assert not store.answers_of(new_id, people[0].id), "a copy carries no answers"


def test_the_presenter_downloads_results_with_its_key(client, store):
    workshop = create_workshop(store, {"title": "T", "language": "en", "items": []})
    base = f"/presenter/{workshop.id}"
    page = client.get(f"{base}?key={workshop.presenter_token}", headers=EN).text
    assert f"{base}/export.xlsx?key={workshop.presenter_token}" in page
    assert client.get(f"{base}/export.xlsx?key={workshop.presenter_token}").status_code == 200
    assert client.get(f"{base}/record?key={workshop.presenter_token}").status_code == 200
    assert client.get(f"{base}/export.json?key={workshop.screen_token}").status_code == 404
    assert client.get(f"{base}/export.json").status_code == 404
    assert client.get(f"{base}/export.exe?key={workshop.presenter_token}").status_code == 404
