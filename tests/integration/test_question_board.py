"""The question board over real Socket.IO connections to a real server process."""

import json
import queue
import re
import time
from contextlib import closing

from facilitation.storage import Store

BOARD = {
    "title": "Town hall",
    "language": "en",
    "items": [{"kind": "content", "title": "Welcome", "minutes": 2, "config": {"body": "Hi"}}],
}


def ask(client, text, **extra):
    """Ask ``text``; return the ack's question (the ack must be ok)."""
    ack = client.call("ask_question", {"text": text, **extra})
    assert ack["ok"], ack
    return ack["question"]


def refused(ack, code):
    """Whether ``ack`` is a refusal with ``code`` and a readable message."""
    return ack["ok"] is False and ack["error"]["code"] == code and bool(ack["error"]["message"])


def change(client, predicate, timeout=5):
    """The first ``questions_changed`` satisfying ``predicate`` (earlier facts are dropped)."""
    return client.wait_for("questions_changed", predicate, timeout=timeout)


def listing(question_id, **expected):
    """A predicate: the fact lists ``question_id`` with the ``expected`` fields."""

    def matches(payload):
        for question in payload["questions"]:
            if question["id"] == question_id:
                return all(question.get(key) == value for key, value in expected.items())
        return False

    return matches


def removing(question_id):
    """A predicate: the fact takes ``question_id`` back."""
    return lambda payload: question_id in payload["removed"]


def everything(client, until, timeout=5):
    """Every event ``client`` received, up to the first ``questions_changed`` matching ``until``."""
    seen = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            name, payload = client.events.get(timeout=max(0.01, deadline - time.monotonic()))
        except queue.Empty:
            continue
        seen.append((name, payload))
        if name == "questions_changed" and until(payload):
            return seen
    raise AssertionError("the closing fact did not arrive")


def sync(presenter, *clients):
    """Pin and unpin: once each client saw the unpin, every earlier beat reached it."""
    first = ask_visible(presenter, clients)
    assert presenter.call("pin_question", {"question_id": first})["ok"]
    assert presenter.call("pin_question", {"question_id": None})["ok"]


def ask_visible(presenter, clients):
    """Any public question id on the board."""
    return next(
        q["id"] for q in presenter.state()["board"]["questions"] if q["status"] == "visible"
    )


def ids(questions):
    return {question["id"] for question in questions}


def participant_ids(server, workshop):
    """Every participant id of ``workshop`` (they must never appear in a payload)."""
    with closing(Store(server.database)) as store:
        rows = store.db.query("SELECT id FROM participants WHERE workshop_id = ?", [workshop.id])
        return [row["id"] for row in rows]


def test_asking_upvoting_once_and_taking_the_vote_back(live, server):
    workshop = live.workshop(BOARD)
    presenter, screen = live.presenter(workshop), live.screen(workshop)
    anna, ben = live.participant(workshop, "Anna"), live.participant(workshop, "Ben")

    mine = ask(anna, "  Who takes   the minutes?\n\n\nAnd where? ", name="Anna")
    assert mine["text"] == "Who takes the minutes?\nAnd where?"
    assert mine["status"] == "visible" and mine["votes"] == 0 and mine["name"] == "Anna"
    assert mine["edited"] is False and mine["answered_at"] is None
    assert isinstance(mine["created_at"], int) and mine["created_at"] > 1e12
    anonymous = ask(ben, "And who brings coffee?")
    assert anonymous["name"] is None
    qid = mine["id"]

    moderated = change(presenter, listing(qid))
    entry = next(q for q in moderated["questions"] if q["id"] == qid)
    assert entry["filtered"] is False
    assert moderated["pinned"] is None and moderated["open"] is True
    assert "filtered" not in next(q for q in change(ben, listing(qid))["questions"])

    assert ben.call("upvote_question", {"question_id": qid}) == {
        "ok": True,
        "question_id": qid,
        "voted": True,
        "votes": 1,
    }
    assert ben.call("upvote_question", {"question_id": qid})["votes"] == 1
    assert refused(anna.call("upvote_question", {"question_id": qid}), "own_question")
    change(presenter, listing(qid, votes=1))
    change(screen, listing(qid, votes=1))
    assert ben.state()["board"]["voted"] == [qid]

    assert ben.call("unvote_question", {"question_id": qid}) == {
        "ok": True,
        "question_id": qid,
        "voted": False,
        "votes": 0,
    }
    assert ben.call("unvote_question", {"question_id": qid})["votes"] == 0
    change(presenter, listing(qid, votes=0))
    assert ben.state()["board"]["voted"] == []

    state = anna.state()["board"]
    assert ids(state["questions"]) == {qid, anonymous["id"]}
    assert [q["id"] for q in state["mine"]] == [qid]
    assert state["open"] is True and state["max_length"] == 280 and state["pinned"] is None
    assert "word_filter" not in state and "premoderation" not in state
    presenter_state = presenter.state()["board"]
    assert presenter_state["using_default_filter"] is True
    assert "idiot" in presenter_state["word_filter"] and presenter_state["premoderation"] is False

    sync(presenter, anna, ben, screen)
    dumps = json.dumps(
        [presenter.state(), screen.state(), anna.state()]
        + [everything(c, lambda p: p["pinned"] is None) for c in (presenter, screen, anna, ben)]
    )
    for participant_id in participant_ids(server, workshop):
        assert participant_id not in dumps
    assert "Ben" not in dumps, "a name only where the asker gave it (Ben's own snapshot aside)"


def test_vote_counts_reach_participants_coalesced(live):
    workshop = live.workshop(BOARD)
    presenter, screen, anna = (
        live.presenter(workshop),
        live.screen(workshop),
        live.participant(workshop),
    )
    voters = [live.participant(workshop) for _ in range(6)]
    qid = ask(anna, "Lunch at noon?")["id"]
    change(screen, listing(qid))
    time.sleep(1)
    for count, voter in enumerate(voters, start=1):
        assert voter.call("upvote_question", {"question_id": qid})["votes"] == count

    seen = everything(screen, listing(qid, votes=6))
    assert change(presenter, listing(qid, votes=6))["questions"][0]["votes"] == 6
    # Votes reach participants and screens at most once a second: here the
    # first vote at once, the rest together a second later.
    assert len([name for name, _ in seen if name == "questions_changed"]) <= 3
    assert ids(anna.state()["board"]["questions"]) == {qid}


def test_hidden_and_queued_questions_never_reach_others(live):
    workshop = live.workshop(BOARD)
    presenter, screen = live.presenter(workshop), live.screen(workshop)
    anna, ben, cem = (live.participant(workshop) for _ in range(3))

    public = ask(anna, "What is the budget?")
    change(ben, listing(public["id"]))
    filtered = ask(cem, "Is the boss an idiot?")
    assert filtered["status"] == "pending"
    queued = change(presenter, listing(filtered["id"], status="pending", filtered=True))
    assert queued["removed"] == []

    assert presenter.call("hide_question", {"question_id": public["id"]})["question"]["status"] == (
        "hidden"
    )
    for client in (ben, screen):
        assert change(client, removing(public["id"]))["questions"] == []
    assert change(presenter, listing(public["id"], status="hidden"))["removed"] == []
    assert refused(ben.call("upvote_question", {"question_id": public["id"]}), "unknown_question")

    for client in (ben, screen):
        assert client.state()["board"]["questions"] == []
    assert [q["status"] for q in anna.state()["board"]["mine"]] == ["hidden"]
    assert [q["id"] for q in cem.state()["board"]["mine"]] == [filtered["id"]]
    assert ids(presenter.state()["board"]["questions"]) == {public["id"], filtered["id"]}

    ask(anna, "A harmless one")
    sync(presenter, ben, screen)
    for client in (ben, screen):
        received = json.dumps(everything(client, lambda p: p["pinned"] is None))
        assert filtered["id"] not in received and "idiot" not in received
        assert "What is the budget?" not in received


def test_premoderation_queues_for_the_presenter_until_approved(live):
    workshop = live.workshop(BOARD)
    presenter, screen = live.presenter(workshop), live.screen(workshop)
    anna, ben = live.participant(workshop), live.participant(workshop)

    ack = presenter.call("set_board", {"premoderation": True})
    assert ack["ok"] and ack["premoderation"] is True and ack["open"] is True
    change(presenter, lambda p: p["premoderation"] is True)

    question = ask(anna, "Can we start later?")
    assert question["status"] == "pending"
    change(presenter, listing(question["id"], status="pending", filtered=False))
    assert ben.state()["board"]["questions"] == []
    assert refused(ben.call("upvote_question", {"question_id": question["id"]}), "unknown_question")
    assert refused(
        presenter.call("pin_question", {"question_id": question["id"]}), "question_not_public"
    )
    assert refused(
        presenter.call("answer_question", {"question_id": question["id"]}), "question_not_public"
    )

    approved = presenter.call("approve_question", {"question_id": question["id"]})
    assert approved["ok"] and approved["question"]["status"] == "visible"
    for client in (ben, screen, anna):
        change(client, listing(question["id"], status="visible"))
    assert ids(ben.state()["board"]["questions"]) == {question["id"]}
    assert ben.call("upvote_question", {"question_id": question["id"]})["votes"] == 1


def test_the_word_filter_sends_questions_to_the_queue(live):
    workshop = live.workshop(BOARD)
    presenter, ben = live.presenter(workshop), live.participant(workshop)
    anna = live.participant(workshop)

    assert ask(anna, "Why is this SCHEISSE?")["status"] == "pending"
    assert ask(anna, "Wer schließt ab?")["status"] == "visible"

    ack = presenter.call("set_board", {"word_filter": ["Budget", " kürzung* "]})
    assert ack["word_filter"] == ["budget", "kürzung*"]
    assert ack["using_default_filter"] is False
    assert ask(anna, "Die Kürzungen beim Budget?")["status"] == "pending"
    assert ask(anna, "Why is this scheisse?")["status"] == "visible"

    assert presenter.call("set_board", {"word_filter": []})["word_filter"] == []
    assert ask(anna, "Budget again?")["status"] == "visible"
    reset = presenter.call("set_board", {"word_filter": None})
    assert reset["using_default_filter"] is True and "idiot" in reset["word_filter"]
    assert len(ben.state()["board"]["questions"]) == 3


def test_the_sixth_question_in_a_minute_is_refused(live):
    workshop = live.workshop(BOARD)
    anna, ben = live.participant(workshop), live.participant(workshop)
    for number in range(5):
        ask(anna, f"Question {number}?")
    ack = anna.call("ask_question", {"text": "One more?"})
    assert refused(ack, "rate_limited")
    assert re.search(r"\b(59|60)\b", ack["error"]["message"]), "the message says when to try again"
    assert ack["error"]["retry_after"] in (59, 60)
    assert len(anna.state()["board"]["mine"]) == 5
    ask(ben, "Others may still ask?")


def test_a_closed_board_refuses_questions_but_keeps_them(live):
    workshop = live.workshop(BOARD)
    presenter, anna, ben = (
        live.presenter(workshop),
        live.participant(workshop),
        live.participant(workshop),
    )
    question = ask(anna, "Still there?")
    assert presenter.call("set_board", {"open": False})["open"] is False
    change(ben, lambda p: p["open"] is False)
    assert refused(anna.call("ask_question", {"text": "Late?"}), "board_closed")
    assert ben.call("upvote_question", {"question_id": question["id"]})["votes"] == 1
    state = ben.state()["board"]
    assert state["open"] is False and ids(state["questions"]) == {question["id"]}


def test_reconnecting_restores_the_board_own_votes_and_own_pending_question(live):
    workshop = live.workshop(BOARD)
    presenter, ben = live.presenter(workshop), live.participant(workshop)
    anna = live.participant(workshop, "Anna")
    others = ask(ben, "Where is the agenda?")
    assert anna.call("upvote_question", {"question_id": others["id"]})["ok"]
    assert presenter.call("set_board", {"premoderation": True})["ok"]
    pending = ask(anna, "Can I ask privately?", client_id="draft-1")
    cookie = anna.cookie
    anna.close()

    again = live.participant(workshop, cookie=cookie)
    board = again.state()["board"]
    assert ids(board["questions"]) == {others["id"]}
    assert board["voted"] == [others["id"]]
    assert [(q["id"], q["status"]) for q in board["mine"]] == [(pending["id"], "pending")]
    assert next(q for q in board["questions"])["votes"] == 1

    replayed = again.call("ask_question", {"text": "Can I ask privately?", "client_id": "draft-1"})
    assert replayed["ok"] and replayed["question"]["id"] == pending["id"]
    assert len(presenter.state()["board"]["questions"]) == 2


def test_a_replayed_ask_is_stored_once(live):
    workshop = live.workshop(BOARD)
    presenter, anna = live.presenter(workshop), live.participant(workshop)
    first = ask(anna, "Once?", client_id="n-1")
    again = ask(anna, "Once?", client_id="n-1")
    assert again == first
    other = ask(anna, "Once?", client_id="n-2")
    assert other["id"] != first["id"]
    assert len(presenter.state()["board"]["questions"]) == 2
    for _ in range(5):
        ask(anna, "Once?", client_id="n-1")  # replays do not count against the rate limit


def test_pinning_reaches_the_screen_and_leaving_the_board_unpins(live):
    workshop = live.workshop(BOARD)
    presenter, screen, anna = (
        live.presenter(workshop),
        live.screen(workshop),
        live.participant(workshop),
    )
    question = ask(anna, "What comes next?")

    ack = presenter.call("pin_question", {"question_id": question["id"]})
    assert ack["ok"] and ack["pinned"]["id"] == question["id"]
    shown = change(screen, lambda p: (p["pinned"] or {}).get("id") == question["id"])
    assert shown["pinned"]["text"] == "What comes next?"
    assert screen.state()["board"]["pinned"]["id"] == question["id"]

    assert presenter.call("pin_question", {"question_id": None}) == {"ok": True, "pinned": None}
    change(screen, lambda p: p["pinned"] is None)

    assert presenter.call("pin_question", {"question_id": question["id"]})["ok"]
    change(screen, lambda p: p["pinned"] is not None)
    assert presenter.call("hide_question", {"question_id": question["id"]})["ok"]
    hidden = change(screen, lambda p: p["pinned"] is None)
    assert question["id"] in hidden["removed"]
    assert screen.state()["board"]["pinned"] is None


def test_answered_edited_and_deleted_questions(live):
    workshop = live.workshop(BOARD)
    presenter, anna, ben = (
        live.presenter(workshop),
        live.participant(workshop),
        live.participant(workshop),
    )
    question = ask(anna, "Whats the plan?")
    qid = question["id"]
    assert ben.call("upvote_question", {"question_id": qid})["ok"]

    done = presenter.call("answer_question", {"question_id": qid})["question"]
    assert done["status"] == "answered" and done["answered_at"] >= done["created_at"]
    change(ben, listing(qid, status="answered"))
    assert ben.call("unvote_question", {"question_id": qid})["votes"] == 0, "answered: votable"
    back = presenter.call("answer_question", {"question_id": qid, "answered": False})
    assert back["question"]["status"] == "visible" and back["question"]["answered_at"] is None
    change(ben, listing(qid, status="visible"))

    edit = presenter.call("edit_question", {"question_id": qid, "text": " What's the plan? "})
    assert edit["question"]["text"] == "What's the plan?" and edit["question"]["edited"] is True
    change(ben, listing(qid, text="What's the plan?", edited=True))
    assert [q["edited"] for q in anna.state()["board"]["mine"]] == [True]

    assert presenter.call("delete_question", {"question_id": qid}) == {
        "ok": True,
        "question_id": qid,
    }
    change(ben, removing(qid))
    change(presenter, removing(qid))
    assert anna.state()["board"]["mine"] == []
    assert refused(presenter.call("delete_question", {"question_id": qid}), "unknown_question")


def test_presenter_commands_are_refused_for_participants_and_screens(live):
    workshop = live.workshop(BOARD)
    presenter, screen, anna = (
        live.presenter(workshop),
        live.screen(workshop),
        live.participant(workshop),
    )
    question = ask(anna, "Mine?")
    payloads = {
        "approve_question": {"question_id": question["id"]},
        "hide_question": {"question_id": question["id"]},
        "delete_question": {"question_id": question["id"]},
        "answer_question": {"question_id": question["id"]},
        "edit_question": {"question_id": question["id"], "text": "Changed"},
        "pin_question": {"question_id": question["id"]},
        "set_board": {"open": False},
    }
    for event, payload in payloads.items():
        for client in (anna, screen):
            assert refused(client.call(event, payload), "presenter_only"), (event, client.auth)
    for event in ("ask_question", "upvote_question", "unvote_question"):
        payload = {"text": "Hi"} if event == "ask_question" else {"question_id": question["id"]}
        for client in (presenter, screen):
            assert refused(client.call(event, payload), "participant_only"), event
    board = presenter.state()["board"]
    assert board["open"] is True and board["pinned"] is None
    assert [(q["text"], q["status"]) for q in board["questions"]] == [("Mine?", "visible")]


def test_malformed_payloads_get_error_acks_and_change_nothing(live, server):
    workshop, other = live.workshop(BOARD), live.workshop(BOARD)
    presenter, anna, ben = (
        live.presenter(workshop),
        live.participant(workshop),
        live.participant(workshop),
    )
    question = ask(anna, "The one question")
    qid = question["id"]
    foreign = ask(live.participant(other), "Elsewhere")["id"]
    assert presenter.call("set_board", {"premoderation": True})["ok"]
    pending = ask(anna, "Queued")["id"]
    before = presenter.state()["board"]
    # Messages are at most 64 KiB (FACILITATION_MAX_MESSAGE_BYTES): "largest" is the
    # largest text that still fits, "long" one that is far over every field's limit.
    largest, long = "x" * 60_000, "x" * 20_000

    participant_cases = [
        ("ask_question", "text", "invalid_payload"),
        ("ask_question", ["Why?"], "invalid_payload"),
        ("ask_question", {}, "invalid_payload"),
        ("ask_question", {"text": None}, "invalid_question"),
        ("ask_question", {"text": 42}, "invalid_question"),
        ("ask_question", {"text": ["Why?"]}, "invalid_question"),
        ("ask_question", {"text": "Bell\x07"}, "invalid_question"),
        ("ask_question", {"text": "   \n "}, "question_required"),
        ("ask_question", {"text": "x" * 281}, "question_too_long"),
        ("ask_question", {"text": largest}, "question_too_long"),
        ("ask_question", {"text": "Fine?", "name": 5}, "invalid_name"),
        ("ask_question", {"text": "Fine?", "name": "x" * 41}, "name_too_long"),
        ("ask_question", {"text": "Fine?", "name": long}, "name_too_long"),
        ("ask_question", {"text": "Fine?", "client_id": 5}, "invalid_payload"),
        ("ask_question", {"text": "Fine?", "client_id": long}, "invalid_payload"),
        ("upvote_question", {}, "invalid_payload"),
        ("upvote_question", {"question_id": None}, "invalid_payload"),
        ("upvote_question", {"question_id": 7}, "invalid_payload"),
        ("upvote_question", {"question_id": "nope"}, "unknown_question"),
        ("upvote_question", {"question_id": foreign}, "unknown_question"),
        ("upvote_question", {"question_id": pending}, "unknown_question"),
        ("upvote_question", {"question_id": largest}, "unknown_question"),
        ("unvote_question", {"question_id": {"id": qid}}, "invalid_payload"),
        ("unvote_question", {"question_id": foreign}, "unknown_question"),
    ]
    for event, payload, code in participant_cases:
        ack = ben.call(event, payload)
        assert refused(ack, code), (event, str(payload)[:80], ack)

    presenter_cases = [
        ("approve_question", {}, "invalid_payload"),
        ("approve_question", {"question_id": 5}, "invalid_payload"),
        ("approve_question", {"question_id": "nope"}, "unknown_question"),
        ("approve_question", {"question_id": foreign}, "unknown_question"),
        ("hide_question", {"question_id": long}, "unknown_question"),
        ("delete_question", {"question_id": foreign}, "unknown_question"),
        ("delete_question", "qid", "invalid_payload"),
        ("answer_question", {"question_id": qid, "answered": "yes"}, "invalid_payload"),
        ("answer_question", {"question_id": qid, "answered": None}, "invalid_payload"),
        ("edit_question", {"question_id": qid}, "invalid_payload"),
        ("edit_question", {"question_id": qid, "text": 5}, "invalid_question"),
        ("edit_question", {"question_id": qid, "text": " "}, "question_required"),
        ("edit_question", {"question_id": qid, "text": long}, "question_too_long"),
        ("edit_question", {"question_id": foreign, "text": "Mine now"}, "unknown_question"),
        ("pin_question", {}, "invalid_payload"),
        ("pin_question", {"question_id": ["a"]}, "invalid_payload"),
        ("pin_question", {"question_id": foreign}, "unknown_question"),
        ("pin_question", {"question_id": pending}, "question_not_public"),
        ("set_board", [True], "invalid_payload"),
        ("set_board", {"open": "no"}, "invalid_payload"),
        ("set_board", {"premoderation": 0}, "invalid_payload"),
        ("set_board", {"open": False, "word_filter": "idiot"}, "invalid_payload"),
        ("set_board", {"word_filter": [1]}, "invalid_payload"),
        ("set_board", {"word_filter": ["x" * 41]}, "entry_too_long"),
        ("set_board", {"word_filter": [largest]}, "entry_too_long"),
        ("set_board", {"word_filter": [f"w{n}" for n in range(201)]}, "too_many_entries"),
    ]
    for event, payload, code in presenter_cases:
        ack = presenter.call(event, payload)
        assert refused(ack, code), (event, str(payload)[:80], ack)

    assert server.alive()
    assert presenter.state()["board"] == before
    assert ids(ben.state()["board"]["questions"]) == {qid}
