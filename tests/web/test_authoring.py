"""Writing the agenda from the presenter side: plain forms with errors next to their field."""

import json

import pytest

from facilitation.workshops import create_workshop
from tests.conftest import POLL


@pytest.fixture
def workshop(store):
    return create_workshop(store, POLL)


def url(workshop, path=""):
    return f"/presenter/{workshop.id}/items{path}?key={workshop.presenter_token}"


EN = {"Accept-Language": "en"}


def test_the_kind_chooser_lists_every_poll_kind(client, workshop):
    page = client.get(url(workshop, "/new"), headers=EN)
    assert page.status_code == 200
    assert "Single choice" in page.text and "kind=content" in page.text


def test_adding_a_poll_appends_it_to_the_agenda(client, workshop, store):
    response = client.post(
        url(workshop, "/new") + "&kind=single_choice",
        data={
            "title": "Coffee or tea?",
            "minutes": "3",
            "options": "Coffee\nTea\n\n",
            "results": "live",
            "changeable": "on",
        },
    )
    assert response.status_code == 302
    added = store.items(workshop.id)[-1]
    assert (added.title, added.minutes, added.status) == ("Coffee or tea?", 3, "pending")
    assert [o["label"] for o in added.config["options"]] == ["Coffee", "Tea"]
    assert added.config["results"] == "live" and added.config["changeable"] is True


@pytest.mark.parametrize(
    ("form", "field", "text"),
    [
        ({"title": "", "minutes": "3", "options": "A\nB"}, "title", "Please give a title"),
        ({"title": "Q", "minutes": "-1", "options": "A\nB"}, "minutes", "whole number"),
        ({"title": "Q", "minutes": "abc", "options": "A\nB"}, "minutes", "whole number"),
        ({"title": "Q", "minutes": "3", "options": "Only one"}, "options", "between 2 and 12"),
        ({"title": "Q", "minutes": "3", "options": "Yes\nyes"}, "options", "appears twice"),
        (
            {"title": "Q", "minutes": "3", "options": "A\nB", "results": "everyone"},
            "results",
            "not valid",
        ),
    ],
)
def test_invalid_forms_are_shown_again_with_the_problem(client, workshop, store, form, field, text):
    before = len(store.items(workshop.id))
    response = client.post(url(workshop, "/new") + "&kind=single_choice", data=form, headers=EN)
    assert response.status_code == 400
    assert text in response.text
    assert 'role="alert"' in response.text
    assert len(store.items(workshop.id)) == before, "nothing is stored from an invalid form"
    assert f'value="{form["title"]}"' in response.text, "what was typed stays in the form"


def test_only_pending_items_can_be_edited_or_deleted(client, workshop, store):
    first, poll, last = store.items(workshop.id)
    page = client.get(url(workshop, f"/{poll.id}/edit"), headers=EN)
    assert "Hide them\nFix them quietly\nLearn together" in page.text
    response = client.post(
        url(workshop, f"/{poll.id}/edit"),
        data={"title": "New question?", "minutes": "4", "options": "Up\nDown", "results": "hidden"},
    )
    assert response.status_code == 302
    edited = store.item(workshop.id, poll.id)
    assert edited.title == "New question?" and edited.config["results"] == "hidden"
    assert edited.config["changeable"] is False, "an unticked checkbox means no"

    store.set_current_item(workshop, first.replace(status="pending", opened_at=1.0))
    store.save_item(last.replace(status="closed"))
    refused = client.post(url(workshop, f"/{last.id}/delete"), headers=EN)
    assert refused.status_code == 400 and "not started yet" in refused.text
    assert client.post(url(workshop, f"/{first.id}/delete")).status_code == 400
    assert client.post(url(workshop, f"/{poll.id}/delete")).status_code == 302
    assert [item.id for item in store.items(workshop.id)] == [first.id, last.id]
    assert [item.position for item in store.items(workshop.id)] == [0, 1]


def test_authoring_needs_the_presenter_key(client, workshop, store):
    item = store.items(workshop.id)[1]
    wrong = f"/presenter/{workshop.id}/items/new?key={workshop.screen_token}&kind=single_choice"
    assert client.get(wrong).status_code == 404
    assert client.post(wrong, data={"title": "x"}).status_code == 404
    edit = f"/presenter/{workshop.id}/items/{item.id}/edit?key=nope"
    assert client.post(edit, data={"title": "x"}).status_code == 404
    assert client.get(url(workshop, "/new") + "&kind=nonsense").status_code == 404
    assert client.get(url(workshop, "/unknown-item/edit")).status_code == 404


def test_cli_imports_an_agenda_file_and_names_the_problem(runner, store, tmp_path):
    good = tmp_path / "good.json"
    good.write_text(json.dumps({**POLL, "anonymity_threshold": 5}))
    result = runner.invoke(args=["import", str(good)])
    assert result.exit_code == 0, result.output
    assert "Presenter:" in result.output
    assert store.workshops()[-1].anonymity_threshold == 5

    bad = tmp_path / "bad.json"
    items = [{"kind": "single_choice", "title": "Q", "config": {"options": ["A", "a"]}}]
    bad.write_text(json.dumps({"title": "T", "items": items}))
    result = runner.invoke(args=["import", str(bad)])
    assert result.exit_code != 0 and "appears twice" in result.output
    broken = tmp_path / "broken.json"
    broken.write_text("{not json")
    assert "not valid JSON" in runner.invoke(args=["import", str(broken)]).output
    assert len(store.workshops()) == 1


VALID_FORMS = {
    "content": {"body": "First.\n\nSecond."},
    "single_choice": {"options": "Yes\nNo"},
    "multiple_choice": {"options": "A\nB\nC", "min_choices": "1", "max_choices": "2"},
    "quiz": {"options": "1990\n*1995\n2000"},
    "rating": {"minimum": "0", "maximum": "10", "low_label": "never", "high_label": "always"},
    "word_cloud": {"max_entries": "2"},
    "open_text": {"max_length": "200", "placeholder": "Your thought"},
    "ranking": {"options": "Time\nMoney\nCourage"},
    "points": {"options": "A\nB", "total": "100"},
    "breakout": {
        "prompt_1": "Where do you have room to decide?",
        "prompt_3": "What small step will you take next week?",
        "duration": "12",
        "grouping_mode": "choose",
        "group_names": "Team A\nTeam B\nTeam C",
        "group_capacity": "5",
        "private_notes": "on",
    },
    "grid": {
        "items": "Buddy system\nOnline training",
        "x_label": "Effort",
        "x_minimum": "1",
        "x_maximum": "10",
        "y_label": "Impact",
        "y_minimum": "1",
        "y_maximum": "10",
    },
    "commitment": {"placeholder": "One thing I will try on Monday"},
    "question_board": {"prompt": "What would you like to ask?"},
}

INVALID_FORMS = {
    "content": {"body": "x" * 5001},
    "single_choice": {"options": ""},
    "multiple_choice": {"options": "A\nB", "max_choices": "9"},
    "quiz": {"options": "A\nB"},
    "rating": {"minimum": "1", "maximum": "2"},
    "word_cloud": {"max_entries": "7"},
    "open_text": {"max_length": "5"},
    "ranking": {"options": "Only"},
    "points": {"options": "A\nB", "total": "5"},
    "grid": {"items": "", "x_label": "", "y_label": ""},
    "breakout": {"prompt_1": "Same?", "prompt_2": "same?", "duration": "10"},
    "commitment": {"placeholder": "x" * 121},
    "question_board": {"prompt": "x" * 201},
}


def test_every_kind_has_a_working_authoring_form(client, workshop, store):
    from facilitation.domain.kinds import kind_names

    authorable = set(VALID_FORMS)
    assert authorable == set(kind_names()) == set(INVALID_FORMS)
    for kind in sorted(authorable):
        new = url(workshop, "/new") + f"&kind={kind}"
        assert client.get(new, headers=EN).status_code == 200, kind
        before = len(store.items(workshop.id))

        bad = client.post(
            new, data={"title": "Q", "minutes": "3", **INVALID_FORMS[kind]}, headers=EN
        )
        assert bad.status_code == 400, kind
        assert 'role="alert"' in bad.text and "aria-invalid" in bad.text, kind
        assert len(store.items(workshop.id)) == before, kind

        good = client.post(
            new,
            data={
                "title": f"A {kind}",
                "minutes": "3",
                "results": "live",
                "changeable": "on",
                **VALID_FORMS[kind],
            },
        )
        assert good.status_code == 302, (kind, good.text[:2000])
        item = store.items(workshop.id)[-1]
        assert (item.kind, item.title) == (kind, f"A {kind}")
        edit = client.get(url(workshop, f"/{item.id}/edit"), headers=EN)
        assert edit.status_code == 200 and f'value="A {kind}"' in edit.text, kind
        resubmitted = client.post(
            url(workshop, f"/{item.id}/edit"),
            data={
                "title": f"A {kind}",
                "minutes": "3",
                "results": "live",
                "changeable": "on",
                **VALID_FORMS[kind],
            },
        )
        assert resubmitted.status_code == 302, kind
        assert store.item(workshop.id, item.id).config == item.config, kind


def test_a_new_next_step_waits_for_the_presenter_before_the_screen_shows_it(client, workshop):
    page = client.get(url(workshop, "/new") + "&kind=commitment", headers=EN).text
    assert 'value="hidden" checked' in " ".join(page.split())
    single = client.get(url(workshop, "/new") + "&kind=single_choice", headers=EN).text
    assert 'value="presenter" checked' in " ".join(single.split())


def test_notes_and_timers_are_set_in_the_form_and_shown_again(client, workshop, store):
    response = client.post(
        url(workshop, "/new") + "&kind=single_choice",
        data={
            "title": "Ready?",
            "minutes": "2",
            "options": "Yes\nNo",
            "countdown": "on",
            "auto_close": "on",
            "notes": "Mention the pilot.\r\nThen wait.",
        },
    )
    assert response.status_code == 302
    added = store.items(workshop.id)[-1]
    assert (added.countdown, added.auto_close) == (True, True)
    assert added.notes == "Mention the pilot.\nThen wait."
    page = client.get(url(workshop, f"/{added.id}/edit"), headers=EN)
    assert "Mention the pilot." in page.text
    assert page.text.count("checked") >= 2


def test_content_has_a_countdown_but_cannot_close_itself(client, workshop, store):
    form = client.get(url(workshop, "/new") + "&kind=content", headers=EN)
    assert 'name="countdown"' in form.text and 'name="auto_close"' not in form.text
    response = client.post(
        url(workshop, "/new") + "&kind=content",
        data={"title": "Talk", "minutes": "5", "body": "x", "countdown": "on", "auto_close": "on"},
    )
    assert response.status_code == 302
    added = store.items(workshop.id)[-1]
    assert (added.countdown, added.auto_close) == (True, False)


@pytest.mark.parametrize(
    ("form", "text"),
    [
        ({"minutes": "0", "countdown": "on"}, "A countdown needs planned minutes."),
        ({"minutes": "3", "notes": "x" * 2001}, "at most 2000 characters"),
    ],
)
def test_bad_notes_and_timers_are_shown_next_to_their_field(client, workshop, form, text):
    response = client.post(
        url(workshop, "/new") + "&kind=single_choice",
        data={"title": "Q", "options": "A\nB", **form},
        headers=EN,
    )
    assert response.status_code == 400
    assert text in response.text
    assert 'aria-invalid="true"' in response.text
