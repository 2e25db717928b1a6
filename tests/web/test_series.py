"""Series of workshops over HTTP: grouping and ungrouping, the page's numbers for known
answers, the anonymity threshold, the Excel file, the next workshop, and who gets in."""

import io
import time

import pytest
from openpyxl import load_workbook

from facilitation.domain.errors import Refusal
from facilitation.retention import purge
from facilitation.workshops import create_workshop
from tests.web.test_organizer import EN, organizer, sign_in

SYMPOSIUM = {
    "language": "en",
    "anonymity_threshold": 3,
    "items": [
        {"kind": "content", "title": "Welcome", "minutes": 2, "config": {"body": "Hello"}},
        {
            "kind": "rating",
            "title": "How helpful was the input?",
            "minutes": 2,
            "config": {"minimum": 1, "maximum": 5},
        },
        {
            "kind": "word_cloud",
            "title": "What stops new ideas?",
            "minutes": 3,
            "config": {"max_entries": 3},
        },
    ],
}


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


def workshop(store, owner, title, date, ratings=(), words=(), rating_title=None, threshold=3):
    """A workshop of the symposium with these ratings and word answers, one per person."""
    definition = {**SYMPOSIUM, "title": title, "planned_date": date}
    definition["anonymity_threshold"] = threshold
    if rating_title:
        items = [dict(item) for item in SYMPOSIUM["items"]]
        items[1]["title"] = rating_title
        definition["items"] = items
    made = create_workshop(store, definition, owner.id)
    _content, rating, cloud = store.items(made.id)
    for number in range(max(len(ratings), len(words))):
        person = store.add_participant(made.id, f"P{number}")
        if number < len(ratings):
            store.save_answer(rating, person.id, ratings[number])
        if number < len(words):
            store.save_answer(cloud, person.id, words[number])
    return made


@pytest.fixture
def runs(store, maria):
    """Three runs, made out of date order; the second has too few ratings to show."""
    third = workshop(store, maria, "Symposium III", "2021-11-04", [5, 4, 4, 5], [["time"]] * 4)
    first = workshop(
        store,
        maria,
        "Symposium I",
        "2021-03-18",
        [3, 4, 5],
        [["time", "rules"], ["rules"], ["fear"]],
    )
    second = workshop(
        store,
        maria,
        "Symposium II",
        "2021-06-10",
        [2, 2],
        [["money"]] * 3,
        rating_title="  how HELPFUL was the input ",
    )
    return first, second, third


def group(client, workshop, **form):
    return client.post(f"/organize/w/{workshop.id}/series", data=form, headers=EN)


def grouped(client, store, runs):
    first, second, third = runs
    assert group(client, first, series="new", title="Symposium 2021").status_code == 302
    series_id = store.workshop(first.id).series_id
    for other in (second, third):
        assert group(client, other, series=series_id).status_code == 302
    return series_id


def test_a_workshop_goes_into_a_new_series_and_out_again(signed_in, store, runs):
    first = runs[0]
    done = group(signed_in, first, series="new", title="  Symposium   2021 ")
    assert done.status_code == 302 and "done=grouped" in done.headers["Location"]
    series = store.series(store.workshop(first.id).series_id)
    assert series.title == "Symposium 2021" and series.owner_id == first.owner_id
    page = signed_in.get(f"/organize/w/{first.id}", headers=EN).text
    assert "Part of the series" in page and f"/organize/series/{series.id}" in page
    library = signed_in.get("/organize/", headers=EN).text
    assert library.count(f'href="/organize/series/{series.id}"') == 2, "row and series list"
    out = signed_in.post(f"/organize/w/{first.id}/series/remove", headers=EN)
    assert out.status_code == 302 and store.workshop(first.id).series_id is None
    assert store.series_owned_by(first.owner_id) == [], "an empty series does not stay"


def test_moving_the_last_workshop_to_another_series_drops_the_empty_one(signed_in, store, runs):
    first, second, _third = runs
    group(signed_in, first, series="new", title="Spring")
    group(signed_in, second, series="new", title="Autumn")
    autumn = store.workshop(second.id).series_id
    spring = store.workshop(first.id).series_id
    assert group(signed_in, first, series=autumn).status_code == 302
    assert [s.title for s in store.series_owned_by(first.owner_id)] == ["Autumn"]
    with pytest.raises(Refusal):
        store.series(spring)


@pytest.mark.parametrize(
    ("form", "text"),
    [
        ({"series": "new", "title": ""}, "Please give the series a name."),
        ({"series": "new", "title": "x" * 201}, "at most 200 characters"),
        ({"series": "no-such-series"}, "not one of your series"),
    ],
)
def test_bad_series_forms_are_refused_readably(signed_in, store, runs, form, text):
    page = group(signed_in, runs[0], **form)
    assert page.status_code == 400 and text in page.text
    assert store.workshop(runs[0].id).series_id is None


def test_nobody_groups_into_a_strangers_series_or_groups_a_workshop_they_do_not_own(
    app, store, signed_in, runs, jan
):
    series_id = grouped(signed_in, store, runs)
    his = create_workshop(store, {**SYMPOSIUM, "title": "Jan's"}, jan.id)
    other = app.test_client()
    sign_in(other, jan.email)
    refused = group(other, his, series=series_id)
    assert refused.status_code == 400 and "not one of your series" in refused.text
    store.share_workshop(runs[0].id, jan.id)
    shared = group(other, runs[0], series="new", title="Mine now")
    assert shared.status_code == 403 and "Only the workshop" in shared.text
    assert other.post(f"/organize/w/{runs[0].id}/series/remove").status_code == 403
    assert store.workshop(runs[0].id).series_id == series_id


def test_the_series_page_shows_each_run_in_date_order_with_its_numbers(signed_in, store, runs):
    series_id = grouped(signed_in, store, runs)
    page = signed_in.get(f"/organize/series/{series_id}", headers=EN)
    assert page.status_code == 200
    text = page.text
    assert text.index("Symposium I<") < text.index("Symposium II<") < text.index("Symposium III<")
    assert "How helpful was the input?" in text and "What stops new ideas?" in text
    assert "<strong>4.0</strong>" in text and "n = 3" in text, "mean of 3, 4, 5"
    assert "<strong>4.5</strong>" in text and "n = 4" in text, "mean of 5, 4, 4, 5"
    assert "rules (2), time (1)" in text or "rules (2), fear (1)" in text
    assert "money (3)" in text and "time (4)" in text
    assert "<svg" in text and 'role="img"' in text and "style=" not in text
    assert "workshop 2: not shown" in text


def test_a_result_below_the_threshold_is_a_dash_with_a_note_never_a_value(signed_in, store, runs):
    series_id = grouped(signed_in, store, runs)
    text = signed_in.get(f"/organize/series/{series_id}", headers=EN).text
    assert "<strong>2.0</strong>" not in text, "the two ratings of run II stay hidden"
    assert "n = 2" not in text
    assert "fewer answers than the anonymity threshold" in text
    note = "workshop's anonymity threshold: the result is not shown"
    assert note in text


def test_a_question_in_one_workshop_only_is_not_compared(signed_in, store, maria, runs):
    lone = create_workshop(
        store,
        {
            "title": "Other",
            "language": "en",
            "items": [{"kind": "rating", "title": "Only here?", "minutes": 1, "config": {}}],
        },
        maria.id,
    )
    series_id = grouped(signed_in, store, runs)
    group(signed_in, lone, series=series_id)
    assert "Only here?" not in signed_in.get(f"/organize/series/{series_id}", headers=EN).text


def test_the_excel_file_holds_the_same_table(signed_in, store, runs):
    series_id = grouped(signed_in, store, runs)
    response = signed_in.get(f"/organize/series/{series_id}/export.xlsx", headers=EN)
    assert response.status_code == 200
    assert 'filename="symposium-2021.xlsx"' in response.headers["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.data)).active
    header = [cell.value for cell in sheet[1]]
    assert header[:4] == ["No.", "Workshop", "Date", "Participants joined"]
    assert "How helpful was the input? (mean)" in header
    assert "What stops new ideas? (top words)" in header
    assert sheet.freeze_panes == "C2" and sheet["A1"].font.bold
    mean = header.index("How helpful was the input? (mean)") + 1
    assert [sheet.cell(row, 2).value for row in (2, 3, 4)] == [
        "Symposium I",
        "Symposium II",
        "Symposium III",
    ]
    assert sheet.cell(2, mean).value == 4.0 and sheet.cell(2, mean).data_type == "n"
    assert sheet.cell(2, mean).number_format == "0.0"
    assert sheet.cell(2, mean + 1).value == 3
    assert sheet.cell(3, mean).value == "—" and sheet.cell(3, mean + 1).value is None
    assert sheet.cell(2, 4).value == 3 and sheet.cell(2, 3).value.year == 2021
    assert sheet.column_dimensions["B"].width > 8


def test_a_new_workshop_of_the_series_copies_the_last_one_into_the_series(signed_in, store, runs):
    series_id = grouped(signed_in, store, runs)
    done = signed_in.post(f"/organize/series/{series_id}/new", headers=EN)
    assert done.status_code == 302 and "/agenda" in done.headers["Location"]
    copy_id = done.headers["Location"].split("/w/")[1].split("/")[0]
    copy = store.workshop(copy_id)
    last = runs[2]
    assert copy.series_id == series_id and copy.title == "Symposium III (copy)"
    assert copy.planned_date is None and store.participant_count(copy.id) == 0
    assert copy.join_code != last.join_code and copy.presenter_token != last.presenter_token
    assert [i.title for i in store.items(copy.id)] == [i.title for i in store.items(last.id)]
    assert all(not store.answers(item.id) for item in store.items(copy.id))


def test_the_series_goes_with_its_last_deleted_or_purged_workshop(app, signed_in, store, runs):
    first, second, third = runs
    series_id = grouped(signed_in, store, runs)
    signed_in.post(f"/organize/w/{first.id}/delete")
    store.delete_workshop(second.id)
    assert store.series(series_id).title == "Symposium 2021"
    ended = store.end_workshop(store.workshop(third.id), [], time.time() - 400 * 86400)
    store.update_workshop(ended, retention_days=1)
    assert third.id in purge(app)
    assert store.db["series"].count == 0
    assert signed_in.get(f"/organize/series/{series_id}").status_code == 404


def series_routes(series_id):
    base = f"/organize/series/{series_id}"
    return [("GET", base), ("GET", f"{base}/export.xlsx"), ("POST", f"{base}/new")]


def test_series_routes_need_a_session(app, signed_in, store, runs):
    series_id = grouped(signed_in, store, runs)
    stranger = app.test_client()
    for method, path in series_routes(series_id):
        response = stranger.open(path, method=method)
        assert response.status_code == 302 and "/organize/sign-in" in response.headers["Location"]


def test_a_strangers_series_and_an_unknown_one_answer_404(app, signed_in, store, runs, jan):
    series_id = grouped(signed_in, store, runs)
    other = app.test_client()
    sign_in(other, jan.email)
    for wanted in (series_id, "no-such-series", "x" * 300):
        for method, path in series_routes(wanted):
            assert other.open(path, method=method).status_code == 404, (method, path)
    assert len(store.series_workshops(series_id)) == 3
    assert series_id not in other.get("/organize/", headers=EN).text


def test_a_co_organizer_sees_the_series_through_the_shared_workshop_only(
    app, signed_in, store, runs, jan
):
    series_id = grouped(signed_in, store, runs)
    store.share_workshop(runs[2].id, jan.id)
    other = app.test_client()
    sign_in(other, jan.email)
    page = other.get(f"/organize/series/{series_id}", headers=EN).text
    assert "Symposium III" in page and "Symposium I<" not in page
    assert "2 workshops of this series are not shared with you" in page
    assert "New workshop of the series" not in page
    assert f"/organize/series/{series_id}" in other.get("/organize/", headers=EN).text
    assert other.post(f"/organize/series/{series_id}/new").status_code == 403
    sheet = load_workbook(
        io.BytesIO(other.get(f"/organize/series/{series_id}/export.xlsx").data)
    ).active
    assert [sheet.cell(row, 2).value for row in (2, 3)] == ["Symposium III", None]


def test_series_forms_need_the_csrf_token(signed_in, store, runs):
    series_id = grouped(signed_in, store, runs)
    assert signed_in.post(f"/organize/series/{series_id}/new", csrf=False).status_code == 400
    refused = signed_in.post(f"/organize/w/{runs[0].id}/series/remove", csrf=False)
    assert refused.status_code == 400 and store.workshop(runs[0].id).series_id == series_id


def with_check_ins(store, owner, title, date, statuses, threshold=3):
    """A run with a next-step item: everyone wrote a step, these checked in."""
    definition = {
        "title": title,
        "language": "en",
        "planned_date": date,
        "anonymity_threshold": threshold,
        "items": [{"kind": "commitment", "title": "My next small step", "minutes": 2}],
    }
    made = create_workshop(store, definition, owner.id)
    (step,) = store.items(made.id)
    for number, status in enumerate(statuses):
        person = store.add_participant(made.id, "")
        store.save_answer(step, person.id, {"text": f"Step {number}", "shared": False})
        if status:
            offered = store.offer_check_in(made.id, person.id, f"hash-{made.id}-{number}")
            store.save_check_in(offered, status, "")
    return made


def test_the_series_follows_the_kaizen_check_across_workshops(signed_in, store, maria):
    first = with_check_ins(store, maria, "Run I", "2021-03-18", ["done", "done", "partly", None])
    second = with_check_ins(store, maria, "Run II", "2021-06-10", ["done", None, None])
    assert group(signed_in, first, series="new", title="Checks").status_code == 302
    series_id = store.workshop(first.id).series_id
    group(signed_in, second, series=series_id)

    text = signed_in.get(f"/organize/series/{series_id}", headers=EN).text
    assert "Kaizen check: steps done (percent of check-ins)" in text
    assert "<strong>66.7</strong>" in text, "2 of 3 check-ins done"
    assert "3 of 4 checked in: 2 done, 1 partly, 0 not yet" in text
    assert "1 of 3 checked in (fewer than 3" in text, "run II: below the threshold"
    sheet = load_workbook(
        io.BytesIO(signed_in.get(f"/organize/series/{series_id}/export.xlsx").data)
    ).active
    header = [cell.value for cell in sheet[1]]
    done = header.index("Kaizen check: steps done (percent of check-ins)") + 1
    assert sheet.cell(2, done).value == 66.7 and sheet.cell(3, done).value == "—"
