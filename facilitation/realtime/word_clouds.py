"""Word-cloud moderation: the presenter hides a word (every answer that has it) from the cloud.

Answers of a word cloud carry no id in its results, so ``hide_answer`` could not
reach them from the cloud; ``hide_word`` names the word instead.
"""

from ..domain.errors import Refusal
from ..domain.kinds.word_cloud import MAX_ENTRY, WordCloud, contains_word, tidy
from .handlers import command, live
from .rooms import PRESENTER
from .topics import Tally


@command("hide_word", role=PRESENTER)
def hide_word(connection, payload):
    """The presenter hides a word from the cloud for everyone else (``hidden: false`` shows
    it again); presenter and screen get the next ``tally``."""
    state = live()
    workshop = state.store.workshop(connection.workshop_id)
    item = state.store.item(workshop.id, payload.item_id())
    if item.kind != WordCloud.name:
        raise Refusal("not_word_cloud")
    word = payload.text("word")
    if not tidy(word) or len(word) > MAX_ENTRY * 8:
        raise Refusal("invalid_payload", field="word")
    hidden = payload.optional_bool("hidden")
    state.tallies.get(item)
    having = [a for a in state.store.answers(item.id) if contains_word(a.value, word)]
    if not having:
        raise Refusal("unknown_answer")
    changed = False
    for before in having:
        if before.hidden != hidden:
            after = state.store.set_answer_hidden(item, before.id, hidden)
            changed |= state.tallies.apply(item, before, after)
    if changed:
        state.broadcaster.mark(workshop.id, Tally(item.id))
    return {"item_id": item.id, "word": tidy(word), "hidden": hidden, "answers": len(having)}
