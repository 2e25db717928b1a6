"""What the schema itself says about the tables: which rows belong to a workshop."""

from __future__ import annotations

from graphlib import TopologicalSorter

from sqlite_utils import Database


def tables_by_workshop(db: Database) -> list[str]:
    """The tables whose rows go with their workshop, in an order they can be deleted in.

    Every table with a ``workshop_id`` column, children before the parents their
    foreign keys point to, and ``workshops`` last. Derived from the schema, so a
    table a migration adds is deleted with its workshop without being listed here.
    (``series`` has no ``workshop_id``: ``SeriesStorage`` drops one with its last
    workshop.)
    """
    owned = {table.name for table in db.tables if "workshop_id" in table.columns_dict}
    owned.discard("workshops")
    parents = {
        name: {fk.other_table for fk in db.table(name).foreign_keys if fk.other_table in owned}
        - {name}
        for name in sorted(owned)
    }
    parents_first = list(TopologicalSorter(parents).static_order())
    return [*reversed(parents_first), "workshops"]
