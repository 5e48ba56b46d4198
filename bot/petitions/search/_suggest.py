"""Ways out of an empty result: drop a filter, fix a word, or a close subject or keyword.

How many petitions another query would find is asked of the caller (`count`, the search
itself without this help), so suggestions do not depend on how a search runs.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from rapidfuzz import fuzz, process

from bot.petitions.cache import cached
from bot.petitions.search._filters import keywords, subjects
from bot.petitions.search._query import ParsedQuery, stem, term, unparse
from bot.petitions.search._types import SearchFilters, Suggestion
from bot.petitions.search._vocab import Vocabulary, vocabulary
from bot.petitions.store import Store
from bot.petitions.text import fold

log = logging.getLogger(__name__)

#: How many petitions a query finds with these filters.
Count = Callable[[str, SearchFilters], Awaitable[int]]


async def suggest(
    store: Store, parsed: ParsedQuery, filters: SearchFilters, count: Count
) -> list[Suggestion]:
    """Ways out of an empty result: drop a filter, fix a word, or a close subject/keyword."""
    out: list[Suggestion] = []
    try:
        active = filters.active()
        alone_total = 0
        if active:
            alone_total = await count(unparse(parsed), SearchFilters())
            out.extend(await _dropped_filters(parsed, filters, count, alone_total))
        if parsed.words and not alone_total:  # words that find something alone are spelled fine
            fixed = await _spelling(store, parsed, filters, count)
            if fixed is not None:
                out.append(fixed)
        out.extend(await _close_titles(store, parsed))
    except Exception:  # suggestions are a courtesy; an empty result must still be returned
        log.warning("search suggestions failed", exc_info=True)
    return out


async def _dropped_filters(
    parsed: ParsedQuery, filters: SearchFilters, count: Count, alone_total: int
) -> list[Suggestion]:
    """The filters to drop, when the words alone (`alone_total` petitions) find something."""
    active = filters.active()
    if not alone_total:
        return []
    if len(active) == 1:
        return [Suggestion("drop_filter", active[0], str(alone_total), alone_total)]
    out: list[Suggestion] = []
    for name in active[:3]:
        relaxed = await count(unparse(parsed), filters.without(name))
        if relaxed:
            out.append(Suggestion("drop_filter", name, str(relaxed), relaxed))
    return out or [Suggestion("drop_filter", "all", str(alone_total), alone_total)]


async def _spelling(
    store: Store, parsed: ParsedQuery, filters: SearchFilters, count: Count
) -> Suggestion | None:
    vocab = await vocabulary(store)
    changed: list[tuple[str, str]] = []
    words = list(parsed.words)
    for i, word in enumerate(words):
        if word.isdigit() or len(word) < 3:
            continue
        if _indexed(vocab, word) or await probe(store, term(word), 1):
            continue
        fix = correct(word, vocab)
        if fix and fix != word:
            changed.append((word, fix))
            words[i] = fix
    if not changed:
        return None
    query = unparse(ParsedQuery(tuple(words), parsed.phrases))
    total = await count(query, filters)
    if not total:
        return None
    detail = ", ".join(f"{a} → {b}" for a, b in changed)
    return Suggestion("spelling", query, detail, total)


def _indexed(vocab: Vocabulary, word: str) -> bool:
    """Does the vocabulary hold a word starting with this word's stem (what `term` would match)?

    Asked before the store: a prefix query on a common stem ("famil", 100,000 petitions) merges
    every matching doclist before it can stop at one row, 16 ms; the vocabulary answers at once.
    It may lag a fresh write by a few seconds, so "no" is checked against the store.
    """
    s = stem(word)
    if len(s) < 3 or s.isdigit():
        return word in vocab.docs
    lo, hi = vocab.span(s)
    return hi > lo


async def probe(store: Store, fts: str, cap: int) -> int:
    """How many petitions match `fts`, counting no further than `cap`."""
    return int(
        await store.fetch_value(
            "SELECT count(*) AS matches FROM (SELECT 1 FROM petition_fts WHERE petition_fts MATCH ? LIMIT ?)",
            [fts, cap],
            default=0,
        )
    )


def correct(word: str, vocab: Vocabulary) -> str | None:
    """The indexed word closest to `word` (same first letter), preferring frequent words."""
    bucket = vocab.by_letter.get(word[:1])
    if not bucket:
        return None
    choices = [t for t in bucket if abs(len(t) - len(word)) <= 2]
    found = process.extract(word, choices, scorer=fuzz.ratio, limit=5, score_cutoff=75)
    if not found:
        return None
    best = max(found, key=lambda f: (f[1], vocab.docs.get(f[0], 0)))
    return best[0]


async def _title_names(store: Store) -> tuple[list[str], list[str], list[int]]:
    """Subjects and keywords in both languages: (folded, as written, petitions); cached."""

    async def build() -> tuple[list[str], list[str], list[int]]:
        names: dict[str, int] = {}
        for en, fr, n in await subjects(store):
            for v in (en, fr):
                if v:
                    names[v] = names.get(v, 0) + n
        for _k, en, fr, n in await keywords(store):
            for v in (en, fr):
                if v:
                    names[v] = names.get(v, 0) + n
        written = sorted(names, key=lambda k: -names[k])
        return [fold(k) for k in written], written, [names[k] for k in written]

    return await cached(store, "title-names", build)


async def _close_titles(store: Store, parsed: ParsedQuery) -> list[Suggestion]:
    text = " ".join([*parsed.words, *(" ".join(p) for p in parsed.phrases)])
    if len(text) < 3:
        return []
    folded, written, counts = await _title_names(store)
    found = process.extract(text, folded, scorer=fuzz.WRatio, limit=3, score_cutoff=80)
    return [Suggestion("title", written[i], "", counts[i]) for _f, _s, i in found]
