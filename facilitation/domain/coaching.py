"""A small library of coaching questions for breakout prompts, tagged by purpose.

Solution-oriented questions in the spirit of the Kaizen symposium: they ask
about what works and what people can do, not about whose fault it was. The
texts are English msgids; the web layer shows them in the page's language.
"""

from .kinds.base import N_

CHECK_IN = "check_in"
REFLECT = "reflect"
ROOM_TO_ACT = "room_to_act"
NEXT_STEP = "next_step"

PURPOSES = (
    (CHECK_IN, N_("Check-in")),
    (REFLECT, N_("Reflect on what happened")),
    (ROOM_TO_ACT, N_("Find room to act")),
    (NEXT_STEP, N_("Next small step")),
)

QUESTIONS = (
    (CHECK_IN, N_("What is on your mind as you arrive in this group?")),
    (CHECK_IN, N_("What would make this conversation worthwhile for you?")),
    (CHECK_IN, N_("On a scale from 1 to 10, how much room to decide do you feel in your work?")),
    (REFLECT, N_("What went well recently, and what did you contribute to it?")),
    (REFLECT, N_("Think of a recent mistake: what did it teach you or your team?")),
    (REFLECT, N_("What from the input talk stayed with you, and why?")),
    (REFLECT, N_("When did a mistake in your team last lead to an improvement?")),
    (ROOM_TO_ACT, N_("Where do you have room to decide that you don't use yet?")),
    (ROOM_TO_ACT, N_("What would you try if mistakes were allowed?")),
    (ROOM_TO_ACT, N_("What is within your control here, and what is not?")),
    (ROOM_TO_ACT, N_("Who could support you, and what would you ask them for?")),
    (NEXT_STEP, N_("What small step will you take next week?")),
    (NEXT_STEP, N_("How will you notice that things have improved a little?")),
    (NEXT_STEP, N_("What will you stop doing, start doing, keep doing?")),
    (NEXT_STEP, N_("Whom will you tell about your next step, and when?")),
)


def library() -> list[dict]:
    """The purposes in order, each with its questions (untranslated msgids)."""
    return [
        {"purpose": purpose, "label": label, "questions": [q for p, q in QUESTIONS if p == purpose]}
        for purpose, label in PURPOSES
    ]
