"""The end of a live workshop, with a real server: the closing fact, each participant's
takeaway behind their own cookie, the check-in link, and an access log without secrets."""

import re

import requests

from facilitation.storage import Store
from tests.support import join

STEPS = {
    "title": "Kaizen impulse",
    "language": "en",
    "items": [
        {
            "kind": "single_choice",
            "title": "Where do you start?",
            "minutes": 2,
            "config": {"options": ["With the team", "With myself"]},
        },
        {"kind": "commitment", "title": "My next small step", "minutes": 3, "config": {}},
    ],
}


def page(server, path, cookie=None):
    cookies = dict([cookie.split("=", 1)]) if cookie else None
    return requests.get(server.url + path, cookies=cookies, headers={"Accept-Language": "en"})


def test_after_the_end_each_participant_opens_their_own_takeaway(live, server):
    workshop = live.workshop(STEPS)
    choice, step = live.items(workshop)
    presenter = live.presenter(workshop)
    anna_cookie = join(server.url, workshop.join_code, "Anna")
    anna = live.participant(workshop, cookie=anna_cookie)
    ben_cookie = join(server.url, workshop.join_code)
    ben = live.participant(workshop, cookie=ben_cookie)

    presenter.call("open_item", {"item_id": choice.id})
    assert anna.call("vote", {"item_id": choice.id, "value": "o2"})["ok"]
    presenter.call("open_item", {"item_id": step.id})
    value = {"text": "Ask one open question every Monday", "shared": True}
    assert anna.call("vote", {"item_id": step.id, "value": value})["ok"]
    assert ben.call("vote", {"item_id": step.id, "value": {"text": "Tidy up", "shared": False}})[
        "ok"
    ]
    assert presenter.call("end_workshop")["ok"]
    assert anna.wait_for("workshop_ended")["ended_at"]

    lobby = page(server, f"/j/{workshop.join_code}", anna_cookie).text
    path = re.search(r'id="takeaway-link" href="http://[^/]+(/[^"]+)"', lobby).group(1)
    takeaway = page(server, path, anna_cookie)
    assert takeaway.status_code == 200
    assert "With myself" in takeaway.text and "Ask one open question every Monday" in takeaway.text
    assert "Tidy up" not in takeaway.text
    assert page(server, path, ben_cookie).status_code == 404, "Ben's cookie, Anna's takeaway"
    assert page(server, path).status_code == 404

    check = re.search(r'id="check-link">http://[^/]+(/check/[^<]+)<', takeaway.text).group(1)
    saved = requests.post(
        server.url + check,
        data={"status": "done", "learned": "It works"},
        headers={"Accept-Language": "en"},
    )
    assert saved.status_code == 200 and "your check-in is saved" in saved.text
    store = Store(server.database)
    try:
        assert [c.status for c in store.check_ins(workshop.id)] == ["done"]
    finally:
        store.close()

    log = server.log.read_text(errors="replace")
    token = check.rsplit("/", 1)[1]
    key = path.rsplit("/", 1)[1]
    assert token not in log and key not in log, "the access log cuts secrets from paths"
    assert "/check/…" in log
