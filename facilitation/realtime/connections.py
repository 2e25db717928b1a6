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
    """The live connections of this server process."""

    def __init__(self):
        self._by_sid: dict[str, Connection] = {}
        self._participant_sids: dict[str, dict[str, set]] = defaultdict(lambda: defaultdict(set))

    def add(self, connection: Connection) -> None:
        """Record a new connection."""
        self._by_sid[connection.sid] = connection
        if connection.role == PARTICIPANT:
            self._participant_sids[connection.workshop_id][connection.participant_id].add(
                connection.sid
            )

    def remove(self, sid: str) -> Connection | None:
        """Forget a connection; return what it was."""
        connection = self._by_sid.pop(sid, None)
        if connection and connection.role == PARTICIPANT:
            by_participant = self._participant_sids[connection.workshop_id]
            by_participant[connection.participant_id].discard(sid)
            if not by_participant[connection.participant_id]:
                del by_participant[connection.participant_id]
            if not by_participant:
                del self._participant_sids[connection.workshop_id]
        return connection

    def of_workshop(self, workshop_id: str) -> list[str]:
        """The sids of every connection (any role) to one workshop."""
        return [sid for sid, c in self._by_sid.items() if c.workshop_id == workshop_id]

    def workshop_ids(self) -> set[str]:
        """The workshops that have at least one connection."""
        return {connection.workshop_id for connection in self._by_sid.values()}

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
