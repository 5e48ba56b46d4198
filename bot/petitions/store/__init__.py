"""The petition store: one SQLite file, one connection owner.

Every batch of writes is one transaction: a batch is in the file whole or not
at all, and the change journal is written in that same transaction, so an
alert can never be lost or announced for a record that was rolled back.

Other modules read through `Store.fetch_one` / `fetch_all` / `fetch_value` (rows read by
column name) and write inside `async with store.transaction() as conn:` or through its methods.
What they derive from a store (vocabularies, name lists) lives on `store.derived`.

- `_store.py`: the `Store` (life cycle, transactions, reads) and `Derived`;
- `_write.py`: a batch merged, compared and written, with its counts and journal;
- `_rows.py`: a record as the tables hold it (columns, full-text row, journal entries);
- `_schema.py`: the numbered migrations (`bot/petitions/migrations/`);
- `_types.py`: what the store takes and gives back.
"""

from bot.petitions.store._rows import fts_columns, last_event
from bot.petitions.store._schema import latest_schema_version
from bot.petitions.store._store import Derived, Store
from bot.petitions.store._types import (
    CHUNK,
    HISTORY_AFTER,
    Change,
    CountryLink,
    Prepared,
    StoreStats,
    UpsertResult,
)

__all__ = [
    "CHUNK",
    "HISTORY_AFTER",
    "Change",
    "CountryLink",
    "Derived",
    "Prepared",
    "Store",
    "StoreStats",
    "UpsertResult",
    "fts_columns",
    "last_event",
    "latest_schema_version",
]
