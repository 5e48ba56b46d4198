"""Questions in plain English or French, understood deterministically and offline (`/ask`).

`read()` turns a question into a `Reading` (what is asked, about which petitions) against the
store's own `Vocabulary` (its MPs, subjects and keywords); `answer()` answers a reading with the
functions of `bot.petitions.answers`, inventing nothing. No model, no network, no discord.
"""

from __future__ import annotations

from datetime import date

from bot.petitions.store import Store
from bot.petitions.understand._answer import Answer, AnswerKind, Item, answer, filters_of, rank_by_words
from bot.petitions.understand._parse import MAX_ALTERNATIVES, read
from bot.petitions.understand._question import MAX_READ, normalise
from bot.petitions.understand._reading import (
    FIELDS,
    INTENTS,
    STATUSES,
    Intent,
    Period,
    PetitionType,
    Reading,
    Status,
)
from bot.petitions.understand._vocab import Vocabulary, signer_numbers, vocabulary


async def ask(
    store: Store,
    question: str,
    today: date,
    *,
    lang: str = "en",
    answer_lang: str | None = None,
    limit: int = 10,
    meaning: object = None,
) -> Answer:
    """Read `question` against the store's vocabulary and answer it.

    `lang` is the language to assume when the question does not show its own; the answer is in the
    question's language unless `answer_lang` says otherwise.
    """
    reading = read(question, await vocabulary(store), today, lang=lang)
    return await answer(store, reading, today, lang=answer_lang or reading.lang, limit=limit, meaning=meaning)


async def warm(store: Store) -> None:
    """Build the vocabulary now (the first build reads every response signer: about 1.5 s at 100,000
    petitions), so the first question is answered at once."""
    await vocabulary(store)


__all__ = [
    "FIELDS",
    "INTENTS",
    "MAX_ALTERNATIVES",
    "MAX_READ",
    "STATUSES",
    "Answer",
    "AnswerKind",
    "Intent",
    "Item",
    "Period",
    "PetitionType",
    "Reading",
    "Status",
    "Vocabulary",
    "answer",
    "ask",
    "filters_of",
    "normalise",
    "rank_by_words",
    "read",
    "signer_numbers",
    "vocabulary",
    "warm",
]
