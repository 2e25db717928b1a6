"""Live results in memory, with the database as the durable record."""

from ..domain.kinds import get_kind
from ..domain.workshop import AgendaItem


class LiveTallies:
    """One tally per activity, loaded from storage once and then moved per answer."""

    def __init__(self, store):
        self.store = store
        self._tallies = {}

    def get(self, item: AgendaItem):
        """The tally for ``item``, counting stored answers the first time it is needed."""
        if item.id not in self._tallies:
            kind = get_kind(item.kind)
            self._tallies[item.id] = kind.new_tally(item.config, self.store.answers(item.id))
        return self._tallies[item.id]

    def results(self, item: AgendaItem) -> dict | None:
        """The aggregate for ``item`` as presenter and screen see it."""
        kind = get_kind(item.kind)
        if not kind.collects_answers:
            return None
        return kind.results(item.config, self.get(item))

    def forget_workshop(self, item_ids) -> None:
        """Drop tallies of deleted items."""
        for item_id in item_ids:
            self._tallies.pop(item_id, None)
