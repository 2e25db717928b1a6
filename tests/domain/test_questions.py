"""Tests for the question board's domain: text rules, word filter, rate limit, statuses, sorting."""

import pytest

from facilitation.domain.errors import Refusal
from facilitation.domain.questions import (
    ANSWERED,
    DEFAULT_WORD_FILTER,
    HIDDEN,
    MAX_FILTER_ENTRIES,
    MAX_FILTER_ENTRY,
    NEWEST,
    PENDING,
    VISIBLE,
    Board,
    BoardSettings,
    Question,
    RateLimiter,
    answered,
    answered_questions,
    approved,
    changed_settings,
    check_pinnable,
    check_votable,
    clean_asker_name,
    clean_question,
    clean_word_filter,
    edited,
    hidden,
    initial_status,
    matches_filter,
    sorted_questions,
)
from facilitation.messages import MESSAGES


def refusal_of(call, *args, **kwargs) -> Refusal:
    """The Refusal raised by ``call``."""
    with pytest.raises(Refusal) as refusal:
        call(*args, **kwargs)
    return refusal.value


def question(qid="q1", status=VISIBLE, asker="p1", created_at=1.0, **fields) -> Question:
    return Question(qid, "w1", asker, "Why?", status=status, created_at=created_at, **fields)


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, now=1000.0):
        self.now = now

    def __call__(self):
        return self.now


# -- text rules -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("  Why  do we   meet? ", "Why do we meet?"),
        ("First line\nsecond line", "First line\nsecond line"),
        ("One\r\n\r\n\r\nTwo\rThree", "One\nTwo\nThree"),
        ("Tabs\tand  spaces \t here", "Tabs and spaces here"),
        ("  \n  Padded lines  \n\n  ", "Padded lines"),
        ("Wie geht's, Straße? 👩\u200d💻", "Wie geht's, Straße? 👩\u200d💻"),
        ("Ma\u0308dchen", "Mädchen"),
    ],
)
def test_clean_question_trims_and_collapses_spaces_but_keeps_line_breaks(raw, clean):
    assert clean_question(raw, 280) == clean


def test_clean_question_counts_characters_after_tidying():
    assert clean_question("x" * 280, 280) == "x" * 280
    assert clean_question("  " + "x" * 280 + "   ", 280) == "x" * 280
    too_long = refusal_of(clean_question, "x" * 281, 280)
    assert (too_long.code, too_long.params) == ("question_too_long", {"limit": 280})
    assert refusal_of(clean_question, "x" * 1_000_000, 280).code == "question_too_long"
    # A decomposed umlaut is one character once normalised.
    assert len(clean_question("a\u0308" * 280, 280)) == 280


@pytest.mark.parametrize("raw", ["", "   ", "\n\n", " \t \r\n "])
def test_clean_question_refuses_blank_text(raw):
    assert refusal_of(clean_question, raw, 280).code == "question_required"


@pytest.mark.parametrize("raw", [None, 42, 4.2, True, ["Why?"], {"text": "Why?"}])
def test_clean_question_refuses_what_is_not_text(raw):
    assert refusal_of(clean_question, raw, 280).code == "invalid_question"


@pytest.mark.parametrize(
    "raw", ["Bell\x07", "Nul\x00", "Esc\x1b[31m", "\x1c", "evil\u202egnp", "\ud800"]
)
def test_clean_question_refuses_control_characters(raw):
    assert refusal_of(clean_question, raw, 280).code == "invalid_question"


def test_asker_name_is_optional_and_follows_the_display_name_rules():
    assert clean_asker_name(None) is None
    assert clean_asker_name("") is None
    assert clean_asker_name("   ") is None
    assert clean_asker_name("  Jörg   Müller ") == "Jörg Müller"
    assert clean_asker_name("x" * 40) == "x" * 40
    assert refusal_of(clean_asker_name, "x" * 41).code == "name_too_long"
    assert refusal_of(clean_asker_name, "x" * 1_000_000).code == "name_too_long"
    assert refusal_of(clean_asker_name, 7).code == "invalid_name"
    assert refusal_of(clean_asker_name, "A\u202eB").code == "invalid_name"


# -- the word filter ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "words", "found"),
    [
        ("You are an IDIOT!", ["idiot"], "idiot"),
        ("idiotic plan", ["idiot"], None),
        ("Das ist Scheiße.", ["scheiße"], "scheiße"),
        ("Das ist SCHEISSE.", ["scheiße"], "scheiße"),
        ("Scheißegal, oder?", ["scheiß*"], "scheiß*"),
        ("So ein Ärger", ["ärger"], "ärger"),
        ("So ein A\u0308rger", ["ärger"], "ärger"),
        ("Ärgerlich", ["ärger"], None),
        ("Ödepp und Depperl", ["depp"], None),
        ("du Depp!", ["depp"], "depp"),
        ("Barsch grillen", ["arsch"], None),
        ("Arsch-Geige", ["arsch"], "arsch"),
        ("fucking hell", ["fuck*"], "fuck*"),
        ("the motherfucking rule", ["fuck*"], None),
        ("son  of a\nbitch", ["son of a bitch"], "son of a bitch"),
        ("Großes Lob", ["groß"], None),
        ("Ganz groß", ["gross"], "gross"),
        ("harmless", [], None),
        ("harmless", ["*", ""], None),
    ],
)
def test_matches_filter_finds_whole_words_and_prefixes(text, words, found):
    assert matches_filter(text, words) == found


def test_the_default_filter_knows_german_and_english_words():
    assert matches_filter("Was für ein Arschloch", DEFAULT_WORD_FILTER) == "arschloch"
    assert matches_filter("This is bullshit", DEFAULT_WORD_FILTER) == "bullshit"
    assert matches_filter("Wie klappt die Übergabe?", DEFAULT_WORD_FILTER) is None
    assert matches_filter("Wer schließt die Tür im Büro?", DEFAULT_WORD_FILTER) is None
    assert all(word == word.lower() for word in DEFAULT_WORD_FILTER)


def test_initial_status_queues_under_premoderation_and_on_filter_hits():
    assert initial_status(BoardSettings(), "A fair question") == (VISIBLE, False)
    assert initial_status(BoardSettings(), "Who is the idiot here?") == (PENDING, True)
    assert initial_status(BoardSettings(premoderation=True), "Fair") == (PENDING, False)
    assert initial_status(BoardSettings(word_filter=()), "idiot") == (VISIBLE, False)
    assert initial_status(BoardSettings(word_filter=("budget",)), "Budget?") == (PENDING, True)


def test_word_filter_lists_are_tidied_and_limited():
    assert clean_word_filter(None) is None
    assert clean_word_filter([]) == ()
    assert clean_word_filter([" Idiot ", "idiot", "", "  ", "ÄRGER", "Schei\u00dfe*"]) == (
        "idiot",
        "ärger",
        "scheiße*",
    )
    assert clean_word_filter(["x" * MAX_FILTER_ENTRY]) == ("x" * MAX_FILTER_ENTRY,)
    too_long = refusal_of(clean_word_filter, ["x" * (MAX_FILTER_ENTRY + 1)])
    assert (too_long.code, too_long.params) == ("entry_too_long", {"limit": MAX_FILTER_ENTRY})
    words = [f"w{n}" for n in range(MAX_FILTER_ENTRIES + 1)]
    assert len(clean_word_filter(words[:-1])) == MAX_FILTER_ENTRIES
    assert refusal_of(clean_word_filter, words).code == "too_many_entries"
    for bad in ("idiot", {"a": 1}, [1], [None], ["a\nb"], ["\x00"]):
        assert refusal_of(clean_word_filter, bad).code == "invalid_payload"


def test_changed_settings_takes_only_what_is_given():
    settings = BoardSettings()
    assert changed_settings(settings) == settings
    closed = changed_settings(settings, open=False, premoderation=True)
    assert (closed.open, closed.premoderation) == (False, True)
    custom = changed_settings(closed, word_filter=["Budget"])
    assert custom.effective_filter == ("budget",) and not custom.using_default_filter
    assert changed_settings(custom, word_filter=None).using_default_filter
    assert changed_settings(custom, word_filter=[]).effective_filter == ()
    assert refusal_of(changed_settings, settings, word_filter="x").code == "invalid_payload"


def test_settings_survive_their_json_column_and_ignore_garbage():
    settings = BoardSettings(open=False, premoderation=True, word_filter=("straße", "ärger*"))
    assert BoardSettings.from_json(settings.to_json()) == settings
    assert BoardSettings.from_json(BoardSettings(word_filter=()).to_json()).word_filter == ()
    assert BoardSettings.from_json(None) == BoardSettings()
    assert BoardSettings.from_json("not json") == BoardSettings()
    assert BoardSettings.from_json("[1, 2]") == BoardSettings()
    garbage = '{"open": "no", "max_length": -3, "rate_limit": true, "word_filter": [1]}'
    assert BoardSettings.from_json(garbage) == BoardSettings()


# -- the rate limit -------------------------------------------------------------


def test_rate_limiter_allows_five_a_minute_and_says_how_long_to_wait():
    clock = Clock()
    limiter = RateLimiter(5, 60, clock)
    for second in range(5):
        clock.now = 1000.0 + second * 10
        limiter.check("p1")
    clock.now = 1045.0
    refused = refusal_of(limiter.check, "p1")
    assert (refused.code, refused.params) == ("rate_limited", {"seconds": 15})
    limiter.check("p2")  # others are not affected

    clock.now = 1059.5
    assert refusal_of(limiter.check, "p1").params == {"seconds": 1}
    clock.now = 1060.0  # the first question is a minute old now
    limiter.check("p1")
    assert refusal_of(limiter.check, "p1").params == {"seconds": 10}


def test_refused_attempts_do_not_extend_the_wait():
    clock = Clock()
    limiter = RateLimiter(2, 60, clock)
    limiter.check("p1")
    limiter.check("p1")
    for _ in range(10):
        clock.now += 5
        refusal_of(limiter.check, "p1")
    clock.now = 1060.0
    limiter.check("p1")


# -- statuses and permissions ---------------------------------------------------


def test_status_transitions():
    queued = question(status=PENDING, filtered=True)
    public = approved(queued)
    assert (public.status, public.filtered) == (VISIBLE, True)
    assert approved(public) is public

    done = answered(public, True, 50.0)
    assert (done.status, done.answered_at) == (ANSWERED, 50.0)
    assert answered(done, True, 99.0) is done, "answering again keeps the first time"
    reopened = answered(done, False, 60.0)
    assert (reopened.status, reopened.answered_at) == (VISIBLE, None)

    gone = hidden(done)
    assert gone.status == HIDDEN
    assert approved(gone).status == VISIBLE and approved(gone).answered_at is None
    for private in (queued, gone):
        assert refusal_of(answered, private, True, 1.0).code == "question_not_public"
        assert refusal_of(answered, private, False, 1.0).code == "question_not_public"
        assert refusal_of(check_pinnable, private).code == "question_not_public"
    check_pinnable(public)
    check_pinnable(done)


def test_editing_marks_the_question_edited_for_good():
    original = question()
    assert edited(original, "Why?") is original
    changed = edited(original, "Why now?")
    assert (changed.text, changed.edited) == ("Why now?", True)
    assert edited(changed, "Why?").edited is True


def test_participants_vote_on_public_questions_of_others_only():
    for status in (VISIBLE, ANSWERED):
        check_votable(question(status=status), "p2")
        assert refusal_of(check_votable, question(status=status), "p1").code == "own_question"
    for status in (PENDING, HIDDEN):
        assert refusal_of(check_votable, question(status=status), "p2").code == "unknown_question"
        assert refusal_of(check_votable, question(status=status), "p1").code == "own_question"


# -- sorting ----------------------------------------------------------------------


def test_top_sorts_by_votes_then_older_first_and_newest_by_time():
    questions = [
        question("a", created_at=1),
        question("b", created_at=2),
        question("c", created_at=3),
    ]
    votes = {"a": 1, "b": 3, "c": 1}
    assert [q.id for q in sorted_questions(questions, votes)] == ["b", "a", "c"]
    assert [q.id for q in sorted_questions(questions, {})] == ["a", "b", "c"]
    assert [q.id for q in sorted_questions(questions, votes, NEWEST)] == ["c", "b", "a"]
    with pytest.raises(ValueError):
        sorted_questions(questions, votes, "random")


def test_answered_tab_lists_answered_questions_latest_answer_first():
    questions = [
        question("a", status=ANSWERED, answered_at=10.0),
        question("b", status=VISIBLE),
        question("c", status=ANSWERED, answered_at=30.0),
        question("d", status=HIDDEN, answered_at=40.0),
    ]
    assert [q.id for q in answered_questions(questions)] == ["c", "a"]


# -- the board in memory ---------------------------------------------------------


def test_board_counts_votes_and_knows_who_may_name_which_question():
    board = Board(
        "w1",
        questions=[question("a"), question("b", status=PENDING, asker="p2")],
        votes={"a": 2, "gone": 5},
        pinned_id="a",
    )
    assert board.votes == {"a": 2, "b": 0}
    assert board.pinned.id == "a"
    assert board.question_for("b", "p2").id == "b"
    assert refusal_of(board.question_for, "b", "p1").code == "unknown_question"
    assert refusal_of(board.question, "nope").code == "unknown_question"
    assert refusal_of(board.question, 5).code == "unknown_question"
    assert board.count_vote("a", 1) == 3
    assert board.count_vote("b", -1) == 0
    assert [q.id for q in board.public()] == ["a"]
    assert [q.id for q in board.own("p2")] == ["b"]


def test_board_drops_the_pin_when_its_question_leaves():
    board = Board("w1", questions=[question("a"), question("b")], pinned_id="a")
    assert board.update(answered(board.question("a"), True, 5.0)) is False
    assert board.pinned_id == "a"
    assert board.update(hidden(board.question("a"))) is True
    assert board.pinned is None
    board.pin(board.question("b"))
    assert board.remove("b") is True and board.pinned is None
    assert refusal_of(board.pin, board.question("a")).code == "question_not_public"
    assert Board("w1", questions=[question("a", status=HIDDEN)], pinned_id="a").pinned is None


def test_board_finds_a_replayed_ask_by_participant_and_client_id():
    board = Board("w1", questions=[question("a", client_id="n1")])
    assert board.replayed("p1", "n1").id == "a"
    assert board.replayed("p2", "n1") is None
    assert board.replayed("p1", None) is None
    board.remove("a")
    assert board.replayed("p1", "n1") is None


def test_board_announces_removals_only_to_those_who_saw_the_question():
    board = Board("w1", questions=[question("a"), question("b", status=PENDING)])
    board.add(question("c", status=PENDING))
    shown, removed = board.announce(["b", "c"])
    assert (shown, removed) == ([], []), "queued questions were never public"

    board.update(approved(board.question("c")))
    shown, removed = board.announce(["c"])
    assert [q.id for q in shown] == ["c"] and removed == []

    board.update(hidden(board.question("a")))
    board.remove("c")
    shown, removed = board.announce(["a", "c"])
    assert shown == [] and sorted(removed) == ["a", "c"]
    assert board.announce(["a"]) == ([], []), "taken back once"


def test_every_question_board_code_has_a_message():
    codes = {
        "board_closed",
        "question_required",
        "question_too_long",
        "invalid_question",
        "rate_limited",
        "unknown_question",
        "own_question",
        "question_not_public",
        "too_many_entries",
        "entry_too_long",
    }
    assert codes <= set(MESSAGES)
