"""The organizer's workspace over HTTP: accounts, the library, new workshops, the editor,
links and keys, sharing, ending and deleting — and that nobody else gets in."""

import io
import re

import pytest

from facilitation.accounts import hash_password
from facilitation.workshops import create_workshop
from tests.conftest import POLL, csrf_token

EN = {"Accept-Language": "en"}
PASSWORD = "a long enough password"


def organizer(store, email, name=""):
    person = store.add_organizer(email, name)
    return store.update_organizer(person, password_hash=hash_password(PASSWORD))


def sign_in(client, email, password=PASSWORD):
    return client.post("/organize/sign-in", data={"email": email, "password": password}, headers=EN)


@pytest.fixture
def maria(store):
    return organizer(store, "maria@example.org", "Maria")


@pytest.fixture
def jan(store):
    return organizer(store, "jan@example.org", "Jan")


@pytest.fixture
def signed_in(client, maria):
    assert sign_in(client, maria.email).status_code == 302
    return client


@pytest.fixture
def hers(store, maria):
    return create_workshop(store, {**POLL, "title": "Kaizen at the city office"}, maria.id)


@pytest.fixture
def his(store, jan):
    return create_workshop(store, {**POLL, "title": "Jan's retrospective"}, jan.id)


# -- accounts ------------------------------------------------------------------


def test_the_one_time_link_sets_a_password_and_signs_in(client, store, app):
    newcomer = store.add_organizer("new@example.org")
    token = store.new_sign_in_link(newcomer)
    page = client.get(f"/organize/welcome/{token}", headers=EN)
    assert page.status_code == 200 and 'value="new@example.org"' in page.text
    assert store.organizer_for_link(token) is not None, "opening the link spends nothing"
    done = client.post(
        f"/organize/welcome/{token}",
        data={"name": "Neu", "email": "new@example.org", "password": PASSWORD, "repeat": PASSWORD},
    )
    assert done.status_code == 302 and done.headers["Location"].endswith("/organize/")
    assert client.get("/organize/", headers=EN).status_code == 200
    assert store.organizer_for_link(token) is None
    again = client.get(f"/organize/welcome/{token}", headers=EN)
    assert again.status_code == 404 and "no longer works" in again.text
    stored = store.organizer_by_email("new@example.org")
    assert stored.password_hash.startswith(("scrypt:", "pbkdf2:")) and PASSWORD not in str(stored)


@pytest.mark.parametrize(
    ("form", "text"),
    [
        ({"password": "short", "repeat": "short"}, "at least 10 characters"),
        ({"password": PASSWORD, "repeat": PASSWORD + "!"}, "not the same"),
        ({"email": "not-an-email"}, "valid e-mail"),
        ({"email": "maria@example.org"}, "already exists"),
        ({"name": "x" * 81}, "at most 80"),
    ],
)
def test_bad_account_forms_are_refused_and_the_link_stays_valid(client, store, maria, form, text):
    newcomer = store.add_organizer("new@example.org")
    token = store.new_sign_in_link(newcomer)
    data = {"name": "", "email": "new@example.org", "password": PASSWORD, "repeat": PASSWORD}
    page = client.post(f"/organize/welcome/{token}", data={**data, **form}, headers=EN)
    assert page.status_code == 400 and text in page.text and 'aria-invalid="true"' in page.text
    assert store.organizer_for_link(token) is not None
    assert not store.organizer_by_email("new@example.org").has_password


def test_a_wrong_password_gets_one_message_that_names_nothing(client, maria):
    for email, password in [(maria.email, "wrong password!"), ("nobody@example.org", PASSWORD)]:
        page = sign_in(client, email, password)
        assert page.status_code == 400
        assert "do not match an account" in page.text
    assert client.get("/organize/").status_code == 302


def test_an_uptime_monitor_may_ask_for_the_sign_in_page_with_head(app, maria):
    client = app.test_client()
    answer = client.head("/organize/sign-in", headers=EN)
    assert answer.status_code == 200 and answer.data == b""
    assert answer.headers["Content-Type"].startswith("text/html")
    # HEAD is no sign-in attempt: the limit of ten wrong ones is untouched.
    statuses = [sign_in(client, maria.email, "wrong password!").status_code for _ in range(10)]
    assert statuses == [400] * 10


def test_sign_in_attempts_are_limited_with_a_readable_message(app, maria):
    client = app.test_client()
    statuses = [sign_in(client, maria.email, "wrong password!").status_code for _ in range(12)]
    assert statuses[:10] == [400] * 10 and statuses[10:] == [429, 429]
    refused = sign_in(client, maria.email)
    assert refused.status_code == 429 and "Please wait a minute" in refused.text


def test_signing_out_ends_the_session(signed_in):
    assert signed_in.post("/organize/sign-out").status_code == 302
    assert signed_in.get("/organize/").status_code == 302


def test_a_new_password_signs_out_other_sessions(app, store, maria):
    other = app.test_client()
    assert sign_in(other, maria.email).status_code == 302
    store.update_organizer(maria, password_hash=hash_password("another password 2"))
    assert other.get("/organize/").status_code == 302


def test_forms_without_a_csrf_token_are_refused(signed_in, store, hers):
    refused = signed_in.post(f"/organize/w/{hers.id}/end", csrf=False, headers=EN)
    assert refused.status_code == 400 and "This form has expired" in refused.text
    assert store.workshop(hers.id).ended_at is None
    forged = signed_in.post(
        f"/organize/w/{hers.id}/delete", data={"csrf_token": "forged"}, csrf=False
    )
    assert forged.status_code == 400 and store.workshop(hers.id)
    presenter_form = signed_in.post(
        f"/presenter/{hers.id}/items/new?key={hers.presenter_token}&kind=content",
        data={"title": "x", "minutes": "1", "body": "y"},
        csrf=False,
    )
    assert presenter_form.status_code == 400 and len(store.items(hers.id)) == 3


# -- who sees what -----------------------------------------------------------


def workshop_routes(workshop):
    item = "ITEM"
    base = f"/organize/w/{workshop.id}"
    return [
        ("GET", base),
        ("GET", f"{base}/agenda"),
        ("GET", f"{base}/agenda.yaml"),
        ("GET", f"{base}/export.xlsx"),
        ("GET", f"{base}/export.zip"),
        ("GET", f"{base}/export.json"),
        ("GET", f"{base}/export.pdf"),
        ("GET", f"{base}/record"),
        ("GET", f"{base}/handout"),
        ("GET", f"{base}/delete"),
        ("GET", f"{base}/items/new"),
        ("GET", f"{base}/items/{item}/edit"),
        ("POST", f"{base}/settings"),
        ("POST", f"{base}/items/new?kind=content"),
        ("POST", f"{base}/items/{item}/edit"),
        ("POST", f"{base}/items/{item}/delete"),
        ("POST", f"{base}/items/{item}/duplicate"),
        ("POST", f"{base}/items/{item}/move"),
        ("POST", f"{base}/order"),
        ("POST", f"{base}/rotate/presenter"),
        ("POST", f"{base}/share"),
        ("POST", f"{base}/unshare/someone"),
        ("POST", f"{base}/end"),
        ("POST", f"{base}/delete"),
        ("POST", f"{base}/save-template"),
        ("POST", f"{base}/series"),
        ("POST", f"{base}/series/remove"),
    ]


def _call(client, method, path):
    if method == "GET":
        return client.get(path)
    return client.post(path, data={"title": "x", "email": "maria@example.org"})


def test_every_workshop_route_needs_a_session(client, store, hers):
    item = store.items(hers.id)[0].id
    for method, path in workshop_routes(hers):
        response = _call(client, method, path.replace("ITEM", item))
        assert response.status_code == 302, (method, path)
        assert "/organize/sign-in" in response.headers["Location"]
    for path in ("/organize/", "/organize/new"):
        assert client.get(path).status_code == 302
    assert store.workshop(hers.id).ended_at is None


def test_another_organizer_never_sees_an_unshared_workshop(app, store, signed_in, hers, his):
    item = store.items(his.id)[0].id
    before = store.export_workshop(his.id)
    for method, path in workshop_routes(his):
        response = _call(signed_in, method, path.replace("ITEM", item))
        assert response.status_code == 404, (method, path)
    assert store.export_workshop(his.id) == before
    assert store.workshop(his.id).presenter_token == his.presenter_token
    library = signed_in.get("/organize/", headers=EN).text
    assert "Kaizen at the city office" in library and "Jan&#39;s retrospective" not in library
    new_page = signed_in.get("/organize/new", headers=EN).text
    assert his.id not in new_page
    copied = signed_in.post("/organize/new", data={"source": "copy", "workshop": his.id})
    assert copied.status_code == 404


def test_a_presenter_key_opens_no_organizer_page(client, store, hers):
    for method, path in workshop_routes(hers):
        path = path.replace("ITEM", store.items(hers.id)[0].id)
        joiner = "&" if "?" in path else "?"
        response = _call(client, method, f"{path}{joiner}key={hers.presenter_token}")
        assert response.status_code == 302, (method, path)


def test_a_shared_workshop_is_seen_and_edited_by_the_co_organizer(app, store, maria, jan, hers):
    owner = app.test_client()
    sign_in(owner, maria.email)
    assert (
        owner.post(f"/organize/w/{hers.id}/share", data={"email": "JAN@example.org"}).status_code
        == 302
    )
    co = app.test_client()
    sign_in(co, jan.email)
    assert "Kaizen at the city office" in co.get("/organize/", headers=EN).text
    assert co.get(f"/organize/w/{hers.id}", headers=EN).status_code == 200
    saved = co.post(
        f"/organize/w/{hers.id}/settings",
        data={"title": "Renamed by Jan", "language": "en", "anonymity_threshold": "3"},
    )
    assert saved.status_code == 302 and store.workshop(hers.id).title == "Renamed by Jan"
    refused = co.post(f"/organize/w/{hers.id}/delete", headers=EN)
    assert refused.status_code == 403 and "owner" in refused.text
    assert co.post(f"/organize/w/{hers.id}/unshare/{jan.id}").status_code == 302
    assert co.get(f"/organize/w/{hers.id}").status_code == 404


@pytest.mark.parametrize(
    ("email", "text"),
    [
        ("nobody@example.org", "no organizer"),
        ("maria@example.org", "already organize"),
        ("x", "valid"),
    ],
)
def test_sharing_with_nobody_or_oneself_is_refused(signed_in, store, hers, email, text):
    page = signed_in.post(f"/organize/w/{hers.id}/share", data={"email": email}, headers=EN)
    assert page.status_code == 400 and text in page.text
    assert store.co_organizers(hers.id) == []


# -- the library -----------------------------------------------------------------


def test_the_library_lists_searches_and_sorts(signed_in, store, maria):
    for title, date in [("Beta", "2027-02-01"), ("Alpha", "2027-03-01"), ("Gamma", None)]:
        workshop = create_workshop(store, {**POLL, "title": title, "planned_date": date}, maria.id)
        if title == "Beta":
            store.add_participant(workshop.id, "")
    page = signed_in.get("/organize/", headers=EN).text
    assert re.findall(r">(Alpha|Beta|Gamma)</a>", page) == ["Alpha", "Beta", "Gamma"]
    by_title = signed_in.get("/organize/?sort=title&dir=desc", headers=EN).text
    assert re.findall(r">(Alpha|Beta|Gamma)</a>", by_title) == ["Gamma", "Beta", "Alpha"]
    by_joined = signed_in.get("/organize/?sort=joined&dir=desc", headers=EN).text
    assert re.findall(r">(Alpha|Beta|Gamma)</a>", by_joined)[0] == "Beta"
    found = signed_in.get("/organize/?q=alp", headers=EN).text
    assert re.findall(r">(Alpha|Beta|Gamma)</a>", found) == ["Alpha"] and "1 workshop" in found
    assert "Draft" in page and "30 days after the end" in page and "Mar 1, 2027" in page
    odd = signed_in.get("/organize/?sort=%27;drop&dir=sideways&q=" + "x" * 500, headers=EN)
    assert odd.status_code == 200


# -- new workshops ---------------------------------------------------------------


def test_a_workshop_from_a_template_belongs_to_its_creator(signed_in, store, maria):
    page = signed_in.get("/organize/new?language=en", headers=EN).text
    names = re.findall(r'name="template" value="([a-z0-9-]+)"', page)
    assert len(names) >= 5
    created = signed_in.post(
        "/organize/new", data={"source": "template", "template": names[0], "language": "en"}
    )
    assert created.status_code == 302 and "/agenda" in created.headers["Location"]
    workshop = store.workshops_of(maria.id)[-1]
    assert workshop.language == "en" and len(store.items(workshop.id)) >= 3


def test_a_blank_workshop_needs_a_title(signed_in, store, maria):
    refused = signed_in.post("/organize/new", data={"source": "blank", "title": " "}, headers=EN)
    assert refused.status_code == 400 and "Please give a title" in refused.text
    assert store.workshops_of(maria.id) == []
    made = signed_in.post(
        "/organize/new", data={"source": "blank", "title": "Empty", "language": "de"}
    )
    assert made.status_code == 302
    assert [w.title for w in store.workshops_of(maria.id)] == ["Empty"]


def upload(client, text, name="agenda.yaml"):
    return client.post(
        "/organize/new",
        data={"source": "upload", "agenda": (io.BytesIO(text.encode()), name)},
        content_type="multipart/form-data",
        headers=EN,
    )


def test_an_uploaded_agenda_file_becomes_a_workshop(signed_in, store, maria):
    text = (
        "title: From a file\nlanguage: en\nitems:\n"
        "  - kind: content\n    title: Hello\n    minutes: 5\n    config:\n      body: Hi\n"
    )
    assert upload(signed_in, text).status_code == 302
    (workshop,) = store.workshops_of(maria.id)
    assert workshop.title == "From a file" and store.items(workshop.id)[0].title == "Hello"


def test_a_broken_agenda_file_names_line_and_column_and_stores_nothing(signed_in, store, maria):
    page = upload(signed_in, "title: Broken\nitems:\n  - kind: content\n    title: [unclosed\n")
    assert page.status_code == 400
    assert re.search(r"Line \d+, column \d+", page.text), page.text
    bad_item = "title: Bad\nitems:\n  - kind: content\n    title: ''\n"
    assert "Activity 1" in upload(signed_in, bad_item).text
    assert "Please choose an agenda file" in upload(signed_in, "", name="").text
    assert store.workshops_of(maria.id) == []


def test_a_copy_gets_new_keys_and_code_and_no_answers(signed_in, store, maria, hers):
    participant = store.add_participant(hers.id, "")
    poll = store.items(hers.id)[1]
    store.save_answer(poll, participant.id, "o1")
    assert (
        signed_in.post("/organize/new", data={"source": "copy", "workshop": hers.id}).status_code
        == 302
    )
    copy = next(w for w in store.workshops_of(maria.id) if w.id != hers.id)
    assert copy.title == "Kaizen at the city office (copy)"
    assert copy.join_code != hers.join_code and copy.presenter_token != hers.presenter_token
    assert copy.moderator_token != hers.moderator_token
    assert [i.title for i in store.items(copy.id)] == [i.title for i in store.items(hers.id)]
    assert store.participant_count(copy.id) == 0
    assert all(store.answers(item.id) == [] for item in store.items(copy.id))


def test_save_as_template_then_use_and_delete_it(signed_in, store, maria, hers):
    assert signed_in.post(f"/organize/w/{hers.id}/save-template").status_code == 302
    (saved,) = store.saved_templates(maria.id)
    page = signed_in.get("/organize/new", headers=EN).text
    assert "Your templates" in page and "Kaizen at the city office" in page
    signed_in.post("/organize/new", data={"source": "saved", "template": saved["id"]})
    assert len(store.workshops_of(maria.id)) == 2
    missing = signed_in.post(
        "/organize/new", data={"source": "saved", "template": "nope"}, headers=EN
    )
    assert missing.status_code == 400
    assert signed_in.post(f"/organize/templates/{saved['id']}/delete").status_code == 302
    assert store.saved_templates(maria.id) == []


def test_unknown_sources_and_templates_are_refused(signed_in, store, maria):
    for data in ({"source": "magic"}, {"source": "template", "template": "nope"}, {}):
        assert signed_in.post("/organize/new", data=data, headers=EN).status_code == 400
    assert store.workshops_of(maria.id) == []


# -- the editor ----------------------------------------------------------------------


def test_settings_are_saved_and_bad_ones_named(signed_in, store, hers):
    form = {
        "title": "Kaizen, second run",
        "language": "de",
        "planned_date": "2027-03-18",
        "planned_start": "09:30",
        "planned_minutes": "15",
        "anonymity_threshold": "5",
        "video_link": "https://meet.example.org/{workshop}-{group}",
        "retention_days": "14",
    }
    assert signed_in.post(f"/organize/w/{hers.id}/settings", data=form).status_code == 302
    saved = store.workshop(hers.id)
    assert (saved.title, saved.planned_date, saved.planned_start, saved.planned_minutes) == (
        "Kaizen, second run",
        "2027-03-18",
        "09:30",
        15,
    )
    assert (saved.anonymity_threshold, saved.retention_days, saved.language) == (5, 14, "de")
    assert store.video_link(hers.id) == "https://meet.example.org/{workshop}-{group}"
    editor = signed_in.get(f"/organize/w/{hers.id}/agenda", headers=EN).text
    assert "17 min planned" in editor and "ends at 09:47" in editor
    assert "runs 2 min past the planned 15 min" in editor and "from 09:32" in editor
    for field, value, text in [
        ("planned_date", "2027-02-30", "YYYY-MM-DD"),
        ("planned_start", "25:00", "HH:MM"),
        ("retention_days", "0", "from 1 to 3650"),
        ("anonymity_threshold", "99", "from 1 to 50"),
        ("video_link", "javascript:alert(1)", "https://"),
        ("title", "", "Please give a title"),
        ("language", "fr", "not valid"),
    ]:
        page = signed_in.post(
            f"/organize/w/{hers.id}/settings", data={**form, field: value}, headers=EN
        )
        assert page.status_code == 400 and text in page.text, field
        assert 'aria-invalid="true"' in page.text, field
    assert store.workshop(hers.id) == saved


def test_items_are_added_edited_duplicated_moved_and_deleted(signed_in, store, hers):
    base = f"/organize/w/{hers.id}"
    chooser = signed_in.get(f"{base}/items/new", headers=EN).text
    assert "Single choice" in chooser and f"{base}/items/new?kind=content" in chooser.replace(
        "&amp;", "&"
    )
    added = signed_in.post(
        f"{base}/items/new?kind=content", data={"title": "Break", "minutes": "10", "body": "Coffee"}
    )
    assert added.status_code == 302 and added.headers["Location"].endswith(f"{base}/agenda")
    titles = lambda: [item.title for item in store.items(hers.id)]  # noqa: E731
    assert titles()[-1] == "Break"
    welcome = store.items(hers.id)[0]
    assert signed_in.post(f"{base}/items/{welcome.id}/duplicate").status_code == 302
    assert titles()[:2] == ["Welcome", "Welcome"]
    copy = store.items(hers.id)[1]
    assert copy.id != welcome.id and copy.config == welcome.config
    assert (
        signed_in.post(f"{base}/items/{copy.id}/move", data={"direction": "down"}).status_code
        == 302
    )
    assert titles()[1:3] == ["How does your team deal with mistakes?", "Welcome"]
    first = store.items(hers.id)[0]
    refused = signed_in.post(f"{base}/items/{first.id}/move", data={"direction": "up"}, headers=EN)
    assert refused.status_code == 400 and "cannot move further" in refused.text
    edit = signed_in.post(
        f"{base}/items/{first.id}/edit", data={"title": "Hello", "minutes": "3", "body": "Hi"}
    )
    assert edit.status_code == 302 and titles()[0] == "Hello"
    bad = signed_in.post(
        f"{base}/items/{first.id}/edit", data={"title": "", "minutes": "3"}, headers=EN
    )
    assert bad.status_code == 400 and titles()[0] == "Hello"
    assert signed_in.post(f"{base}/items/{first.id}/delete").status_code == 302
    assert "Hello" not in titles()
    assert signed_in.post(f"{base}/items/nope/duplicate").status_code == 404


def test_dragging_sends_the_new_order_as_json(signed_in, store, hers):
    ids = [item.id for item in store.items(hers.id)]
    token = csrf_token(signed_in)
    url = f"/organize/w/{hers.id}/order"
    done = signed_in.post(url, json={"order": ids[::-1]}, headers={"X-CSRFToken": token})
    assert done.status_code == 200 and done.json == {"ok": True}
    assert [item.id for item in store.items(hers.id)] == ids[::-1]
    for payload in ({"order": ids[:2]}, {"order": "x"}, [1], {"order": [1, 2, 3]}):
        refused = signed_in.post(url, json=payload, headers={"X-CSRFToken": token, **EN})
        assert refused.status_code == 400 and refused.json["error"]["code"] == "invalid_order"
    assert signed_in.post(url, json={"order": ids}).status_code == 400, "no CSRF token"
    assert [item.id for item in store.items(hers.id)] == ids[::-1]


def test_started_items_stay_locked_and_in_place(signed_in, store, hers):
    first, poll, last = store.items(hers.id)
    store.set_current_item(hers, poll.replace(status="open", opened_at=1.0))
    base = f"/organize/w/{hers.id}"
    for action, data in [("move", {"direction": "up"}), ("delete", {}), ("edit", {"title": "x"})]:
        assert signed_in.post(f"{base}/items/{poll.id}/{action}", data=data).status_code == 400
    moved = signed_in.post(f"{base}/items/{first.id}/move", data={"direction": "down"})
    assert moved.status_code == 400
    token = csrf_token(signed_in)
    swapped = signed_in.post(
        f"{base}/order",
        json={"order": [poll.id, first.id, last.id]},
        headers={"X-CSRFToken": token},
    )
    assert swapped.status_code == 400
    assert [i.id for i in store.items(hers.id)] == [first.id, poll.id, last.id]
    editor = signed_in.get(f"{base}/agenda", headers=EN).text
    assert "started, locked" in editor
    assert signed_in.post(f"{base}/items/{poll.id}/duplicate").status_code == 302


# -- links, keys, handout, end, delete ----------------------------------------------


def test_the_workshop_page_shows_every_link_and_a_qr_code(signed_in, hers):
    page = signed_in.get(f"/organize/w/{hers.id}", headers=EN).text
    for secret in (hers.presenter_token, hers.moderator_token, hers.screen_token, hers.join_code):
        assert secret in page
    assert page.count("<svg") == 4, "a QR code for each of the four links"
    assert f"/moderator/{hers.id}?key=" in page


def test_rotating_a_key_replaces_only_that_link(signed_in, client, store, hers):
    assert signed_in.post(f"/organize/w/{hers.id}/rotate/presenter").status_code == 302
    rotated = store.workshop(hers.id)
    assert rotated.presenter_token != hers.presenter_token
    assert rotated.screen_token == hers.screen_token
    assert client.get(f"/presenter/{hers.id}?key={hers.presenter_token}").status_code == 404
    assert client.get(f"/presenter/{hers.id}?key={rotated.presenter_token}").status_code == 200
    assert signed_in.post(f"/organize/w/{hers.id}/rotate/participant").status_code == 404


def test_the_handout_is_in_the_workshops_language(signed_in, store, maria):
    german = create_workshop(
        store,
        {**POLL, "language": "de", "planned_date": "2027-03-18", "planned_start": "10:00"},
        maria.id,
    )
    page = signed_in.get(f"/organize/w/{german.id}/handout", headers=EN).text
    assert 'lang="de"' in page and "Sie sind eingeladen" in page and german.join_code in page
    assert "<svg" in page and "18.03.2027, 10:00" in page


def test_the_agenda_downloads_as_yaml_that_imports_again(signed_in, store, maria, hers):
    response = signed_in.get(f"/organize/w/{hers.id}/agenda.yaml")
    assert response.status_code == 200
    assert "attachment" in response.headers["Content-Disposition"]
    assert response.headers["Content-Disposition"].endswith('kaizen-at-the-city-office.yaml"')
    assert upload(signed_in, response.text).status_code == 302
    again = store.workshops_of(maria.id)[-1]
    assert signed_in.get(f"/organize/w/{again.id}/agenda.yaml").text == response.text


def test_ending_records_the_end_and_starts_the_retention_clock(signed_in, store, hers):
    assert signed_in.post(f"/organize/w/{hers.id}/end").status_code == 302
    ended = store.workshop(hers.id)
    assert ended.ended_at is not None
    page = signed_in.get(f"/organize/w/{hers.id}", headers=EN).text
    assert "Ended" in page and "End workshop</button>" not in page
    again = signed_in.post(f"/organize/w/{hers.id}/end", headers=EN)
    assert again.status_code == 400 and "has ended" in again.text


def test_deleting_asks_naming_the_workshop_then_removes_everything(signed_in, store, hers):
    participant = store.add_participant(hers.id, "")
    store.save_answer(store.items(hers.id)[1], participant.id, "o1")
    ask = signed_in.get(f"/organize/w/{hers.id}/delete", headers=EN).text
    assert "Delete “Kaizen at the city office”?" in ask and "1 participant" in ask
    done = signed_in.post(f"/organize/w/{hers.id}/delete")
    assert done.status_code == 302
    assert "deleted" in signed_in.get(done.headers["Location"], headers=EN).text
    for table in ("workshops", "agenda_items", "participants", "answers"):
        assert store.db[table].count == 0, table
    assert signed_in.get(f"/organize/w/{hers.id}").status_code == 404


# -- the participant's side ---------------------------------------------------------


def test_join_and_participant_pages_say_when_answers_are_deleted(client, store, maria):
    planned = create_workshop(
        store,
        {**POLL, "planned_date": "2027-03-18", "planned_start": "10:00", "retention_days": 7},
        maria.id,
    )
    page = client.get(f"/j/{planned.join_code}", headers=EN).text
    assert "Your answers will be deleted on March 26, 2027." in page
    undated = create_workshop(store, POLL, maria.id)
    assert (
        "deleted 30 days after the workshop ends"
        in client.get(f"/j/{undated.join_code}", headers=EN).text
    )
    client.post(f"/j/{planned.join_code}", data={"display_name": ""})
    assert "deleted on March 26, 2027" in client.get(f"/j/{planned.join_code}", headers=EN).text


# -- the command line -------------------------------------------------------------------


def test_organizer_commands_add_reset_and_list(runner, store):
    added = runner.invoke(args=["organizer", "add", "Eva@Example.org", "--name", "Eva"])
    assert added.exit_code == 0, added.output
    link = re.search(r"http://\S+/organize/welcome/(\S+)", added.output)
    assert link and store.organizer_for_link(link.group(1)).email == "eva@example.org"
    duplicate = runner.invoke(args=["organizer", "add", "eva@example.org"])
    assert duplicate.exit_code != 0 and "already exists" in duplicate.output
    reset = runner.invoke(args=["organizer", "reset", "eva@example.org"])
    new_link = re.search(r"/organize/welcome/(\S+)", reset.output).group(1)
    assert store.organizer_for_link(link.group(1)) is None and store.organizer_for_link(new_link)
    assert runner.invoke(args=["organizer", "reset", "nobody@example.org"]).exit_code != 0
    listing = runner.invoke(args=["organizer", "list"]).output
    assert "eva@example.org\tEva\tinvited" in listing


def test_first_start_creates_an_organizer_with_a_link_until_a_password_is_set(app, store):
    from facilitation.accounts import ensure_first_organizer

    orphan = create_workshop(store, POLL)
    first, link = ensure_first_organizer(app)
    assert link and "/organize/welcome/" in link
    assert store.workshop(orphan.id).owner_id == first.id
    again, second_link = ensure_first_organizer(app)
    assert again.id == first.id and second_link != link
    assert store.organizer_for_link(link.rsplit("/", 1)[1]) is None
    store.update_organizer(first, password_hash=hash_password(PASSWORD))
    assert ensure_first_organizer(app)[1] is None
    assert len(store.organizers()) == 1


def test_purge_deletes_what_is_past_its_retention(runner, store, maria):
    old = create_workshop(store, {**POLL, "title": "Old"}, maria.id)
    store.end_workshop(old, [], now=1.0)
    fresh = create_workshop(store, {**POLL, "title": "Fresh"}, maria.id)
    result = runner.invoke(args=["purge"])
    assert result.exit_code == 0 and "deleted 1 workshop" in result.output
    assert [w.title for w in store.workshops()] == ["Fresh"]
    assert store.workshop(fresh.id)


def test_deleting_leaves_nothing_in_the_servers_memory(signed_in, app, store, hers):
    live = app.extensions["facilitation.live"]
    poll = store.items(hers.id)[1]
    with live.lock:
        live.tallies.get(poll)
        live.board(hers.id)
        live.broadcaster.mark(hers.id, ("presence",))
    assert poll.id in live.tallies._tallies and hers.id in live.boards
    assert signed_in.post(f"/organize/w/{hers.id}/delete").status_code == 302
    assert poll.id not in live.tallies._tallies
    assert hers.id not in live.boards and hers.id not in live.broadcaster._pending
    assert all(b.round.workshop_id != hers.id for b in live.breakouts.values())


def test_imported_workshops_belong_to_an_organizer(runner, store, maria, jan, tmp_path):
    agenda = tmp_path / "agenda.yaml"
    agenda.write_text("title: Imported\nitems: []\n")
    assert runner.invoke(args=["import", str(agenda)]).exit_code == 0
    assert runner.invoke(args=["import", str(agenda), "--owner", "JAN@example.org"]).exit_code == 0
    owners = [w.owner_id for w in store.workshops()]
    assert owners == [maria.id, jan.id]
    refused = runner.invoke(args=["import", str(agenda), "--owner", "nobody@example.org"])
    assert refused.exit_code != 0 and "no organizer" in refused.output
    assert len(store.workshops()) == 2


def test_a_move_needs_a_direction_up_or_down(signed_in, store, hers):
    ids = [item.id for item in store.items(hers.id)]
    for data in ({}, {"direction": "sideways"}):
        page = signed_in.post(f"/organize/w/{hers.id}/items/{ids[0]}/move", data=data, headers=EN)
        assert page.status_code == 400 and "direction" in page.text
    assert [item.id for item in store.items(hers.id)] == ids
    moved = signed_in.post(f"/organize/w/{hers.id}/items/{ids[0]}/move", data={"direction": "down"})
    assert moved.headers["Location"].endswith(f"moved={ids[0]}&direction=down")
    page = signed_in.get(moved.headers["Location"], headers=EN).text
    assert 'data-moved="down"' in page
