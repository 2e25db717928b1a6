"""Live results in memory, with the database as the durable record."""

from ..domain.kinds import Answer, get_kind
from ..domain.workshop import AgendaItem


class LiveTallies:
    """One tally per activity, loaded from storage once and then moved per answer."""

    def __init__(self, store):
        self.store = store
        self._tallies = {}
        self._items_of: dict[str, set] = {}  # workshop id -> ids of its items with a tally

    def get(self, item: AgendaItem):
        """The tally for ``item``, counting stored answers the first time it is needed."""
        if item.id not in self._tallies:
            kind = get_kind(item.kind)
            self._tallies[item.id] = kind.new_tally(item.config, self.store.answers(item.id))
            self._items_of.setdefault(item.workshop_id, set()).add(item.id)
        return self._tallies[item.id]

    def apply(self, item: AgendaItem, previous: Answer | None, current: Answer | None) -> bool:
        """Move one participant's answer; return whether the results changed."""
        return get_kind(item.kind).apply(self.get(item), previous, current)

    def answer_count(self, item: AgendaItem) -> int:
        """How many participants answered ``item``."""
        return get_kind(item.kind).answer_count(self.get(item))

    def results(self, item: AgendaItem, moderator: bool) -> dict | None:
        """The aggregate for ``item``; ``moderator`` includes what is hidden from others."""
        kind = get_kind(item.kind)
        if not kind.collects_answers:
            return None
        return kind.results(item, self.get(item), moderator)

    def forget(self, item_id: str) -> None:
        """Drop a tally (after a reset or delete); it is counted again from storage when needed."""
        self._tallies.pop(item_id, None)

    def forget_workshop(self, workshop_id: str) -> None:
        """Drop every tally of one workshop (deleted, ended or idle)."""
        for item_id in self._items_of.pop(workshop_id, ()):
            self._tallies.pop(item_id, None)

    def workshop_ids(self) -> set[str]:
        """The workshops that have at least one tally in memory."""
        return set(self._items_of)
