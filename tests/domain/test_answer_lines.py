"""Every kind renders a participant's own answer as lines of text for their takeaway."""

from babel.support import NullTranslations

from facilitation.domain.kinds import get_kind
from facilitation.exports.content import translations

ENGLISH = NullTranslations()


def lines(kind, config, value, catalog=ENGLISH):
    kind = get_kind(kind)
    return kind.answer_lines(kind.validate_config(config), value, catalog)


def test_choices_become_their_labels():
    config = {"options": ["Hide them", "Fix them", "Learn together"]}
    assert lines("single_choice", config, "o3") == ["Learn together"]
    assert lines("multiple_choice", config, ["o1", "o3"]) == ["Hide them", "Learn together"]
    assert lines("ranking", config, ["o3", "o1", "o2"]) == [
        "1. Learn together",
        "2. Hide them",
        "3. Fix them",
    ]


def test_a_quiz_answer_says_whether_it_was_right():
    config = {"options": ["Kaizen", "Kanban"], "correct": ["o1"]}
    assert lines("quiz", config, "o1") == ["Kaizen", "Right answer"]
    assert lines("quiz", config, "o2", translations("de")) == ["Kanban", "Nicht richtig"]


def test_ratings_name_their_scale_and_points_their_count():
    assert lines("rating", {}, 4) == ["4 on the scale from 1 to 5"]
    config = {"options": ["Time", "Money", "Trust"], "total": 10}
    assert lines("points", config, {"o1": 1, "o2": 0, "o3": 9}) == [
        "Time: 1 point",
        "Trust: 9 points",
    ]


def test_grid_word_cloud_and_open_text():
    config = {
        "items": ["Pilot"],
        "x": {"label": "Effort", "minimum": 1, "maximum": 5},
        "y": {"label": "Impact", "minimum": 1, "maximum": 5},
    }
    assert lines("grid", config, {"o1": [2, 5]}) == ["Pilot: Effort 2, Impact 5"]
    assert lines("word_cloud", {}, ["trust", "time"]) == ["trust, time"]
    assert lines("open_text", {}, "Ask first.\nThen act.") == ["Ask first.\nThen act."]
