"""Who is connected: one record per Socket.IO connection, kept in memory."""

from collections import defaultdict
from dataclasses import dataclass

from .rooms import PARTICIPANT


@dataclass(frozen=True)
class Connection:
    """A socket connection, bound at connect time to a workshop and a role."""

    sid: str
    workshop_id: str
    role: str
    participant_id: str | None = None


class Connections:
    """The live connections of this server process.

    Indexed by workshop, so that nothing a connect, a vote or a beat does walks over
    every connection of the process (5,000 and more).
    """

    def __init__(self):
        self._by_sid: dict[str, Connection] = {}
        self._of_workshop: dict[str, set[str]] = {}
        self._participant_sids: dict[str, dict[str, set]] = defaultdict(lambda: defaultdict(set))

    def add(self, connection: Connection) -> None:
        """Record a new connection."""
        self._by_sid[connection.sid] = connection
        self._of_workshop.setdefault(connection.workshop_id, set()).add(connection.sid)
        if connection.role == PARTICIPANT:
            self._participant_sids[connection.workshop_id][connection.participant_id].add(
                connection.sid
            )

    def remove(self, sid: str) -> Connection | None:
        """Forget a connection; return what it was."""
        connection = self._by_sid.pop(sid, None)
        if connection is None:
            return None
        sids = self._of_workshop[connection.workshop_id]
        sids.discard(sid)
        if not sids:
            del self._of_workshop[connection.workshop_id]
        if connection.role == PARTICIPANT:
            by_participant = self._participant_sids[connection.workshop_id]
            by_participant[connection.participant_id].discard(sid)
            if not by_participant[connection.participant_id]:
                del by_participant[connection.participant_id]
            if not by_participant:
                del self._participant_sids[connection.workshop_id]
        return connection

    def of_workshop(self, workshop_id: str) -> list[str]:
        """The sids of every connection (any role) to one workshop."""
        return list(self._of_workshop.get(workshop_id, ()))

    def workshop_ids(self) -> set[str]:
        """The workshops that have at least one connection."""
        return set(self._of_workshop)

    def holds(self, workshop_id: str) -> bool:
        """Whether any connection of this process belongs to the workshop."""
        return workshop_id in self._of_workshop

    def get(self, sid: str) -> Connection | None:
        """The connection for ``sid``, if it is still connected."""
        return self._by_sid.get(sid)

    def online_participant_ids(self, workshop_id: str) -> set[str]:
        """Ids of the participants with at least one open connection."""
        return set(self._participant_sids.get(workshop_id, ()))

    def sids_of(self, workshop_id: str, participant_id: str) -> list[str]:
        """The open connections (tabs, devices) of one participant."""
        return list(self._participant_sids.get(workshop_id, {}).get(participant_id, ()))

    def participants_online(self, workshop_id: str) -> int:
        """Distinct participants with at least one open connection (tabs count once)."""
        return len(self._participant_sids.get(workshop_id, ()))
