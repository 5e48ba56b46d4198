"""Values derived from a store (name lists, subjects, keywords), kept until it next changes.

They live on the store (`store.derived`), so they go when it closes. Every write journals a
change, so the last change id is a free key: no list is ever served stale.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TypeVar

from bot.petitions.store import Store

T = TypeVar("T")


async def cached(store: Store, name: str, build: Callable[[], Awaitable[T]]) -> T:
    """`build()` once per change of the store (by its last change id)."""
    change = await store.last_change_id()
    key = f"cached:{name}"
    have = store.derived.values.get(key)
    if have is not None and have[0] == change:
        return have[1]
    value = await build()
    store.derived.values[key] = (change, value)
    return value
