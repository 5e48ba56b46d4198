"""Members of Parliament who sponsor petitions, found by the names people type.

People write "genuis", "Kwan J", "kwan, jenny" or forget an accent or a dash;
all of those should land on the right member. Names are compared word by word
after folding, so order, punctuation and initials do not matter, and small
typos are forgiven with rapidfuzz. The distinct sponsor list is small (a few
hundred members) and kept in memory until the store journals a new change.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz, process

from bot.petitions.search import cached
from bot.petitions.store import Store
from bot.petitions.text import fold

log = logging.getLogger(__name__)

MIN_SCORE = 70.0
_NON_WORD = re.compile(r"[^0-9a-z]+")
_HONORIFICS = frozenset({"hon", "honourable", "the", "mr", "mrs", "ms", "dr", "l", "mp", "depute", "deputee"})


@dataclass(frozen=True, slots=True)
class SponsorMatch:
    name: str
    person_id: int | None
    petitions: int
    score: float


@dataclass(frozen=True, slots=True)
class _Sponsor:
    name: str
    person_id: int | None
    petitions: int
    # Folded name words, plus each adjacent pair joined ("d entremont" -> "dentremont").
    words: tuple[str, ...]
    key: str  # folded words sorted, for whole-name equality


def name_words(text: str) -> list[str]:
    """Folded words of a name, punctuation and honorifics dropped."""
    return [w for w in _NON_WORD.split(fold(text)) if w and w not in _HONORIFICS]


async def sponsor_list(store: Store) -> list[_Sponsor]:
    """Every distinct sponsor with its petition count; one entry per member id."""

    async def build() -> list[_Sponsor]:
        sql = (
            "SELECT sponsor_id, sponsor_name, count(*) FROM petitions "
            "WHERE sponsor_name IS NOT NULL GROUP BY sponsor_id, sponsor_name"
        )
        async with store.conn.execute(sql) as cur:
            rows = list(await cur.fetchall())
        by_id: dict[Any, list[tuple[str, int]]] = {}
        for pid, name, n in rows:
            by_id.setdefault(pid if pid is not None else ("name", fold(name)), []).append((name, n))
        out = []
        for key, names in by_id.items():
            name = max(names, key=lambda x: x[1])[0]  # the spelling used most often
            words = name_words(name)
            joined = [a + b for a, b in zip(words, words[1:], strict=False)]
            out.append(
                _Sponsor(
                    name=name,
                    person_id=key if isinstance(key, int) else None,
                    petitions=sum(n for _, n in names),
                    words=tuple(words + joined),
                    key=" ".join(sorted(words)),
                )
            )
        out.sort(key=lambda s: (-s.petitions, s.name))
        return out

    return await cached(store, "sponsors", build)


def score_name(query_words: list[str], sponsor: _Sponsor) -> float:
    """0–100: how well the typed words name this sponsor."""
    if not query_words:
        return 0.0
    if " ".join(sorted(query_words)) == sponsor.key:
        return 100.0
    total = 0.0
    for q in query_words:
        best = 0.0
        for w in sponsor.words:
            if q == w:
                s = 96.0
            elif len(q) == 1 and w.startswith(q):
                s = 85.0  # an initial
            elif len(q) >= 2 and w.startswith(q):
                s = 80.0 + 12.0 * len(q) / len(w)
            else:
                s = fuzz.ratio(q, w) if len(q) >= 3 else 0.0
                s = s if s >= 75 else 0.0
            best = max(best, s)
        if best == 0.0:
            return 0.0
        total += best
    score = total / len(query_words)
    if all(len(q) == 1 for q in query_words):
        score -= 20.0  # initials alone say little
    return score


async def find_sponsors(store: Store, query: str, limit: int = 5) -> list[SponsorMatch]:
    """Sponsors whose name best fits `query`, best first (a member id also works)."""
    text = (query or "").strip()[:100]
    if not text:
        return []
    everyone = await sponsor_list(store)
    if text.isdigit():
        return [
            SponsorMatch(s.name, s.person_id, s.petitions, 100.0)
            for s in everyone
            if s.person_id == int(text)
        ]
    words = name_words(text)
    scored = [(score_name(words, s), s) for s in _candidates(words, everyone)]
    good = [(sc, s) for sc, s in scored if sc >= MIN_SCORE]
    good.sort(key=lambda x: (-x[0], -x[1].petitions, x[1].name))
    return [SponsorMatch(s.name, s.person_id, s.petitions, round(sc, 1)) for sc, s in good[: max(0, limit)]]


def _candidates(words: list[str], everyone: list[_Sponsor]) -> list[_Sponsor]:
    """Sponsors worth scoring word by word: a shared word start, or close as a whole (C-speed)."""
    if not words:
        return []
    heads = {w[:2] for w in words if len(w) >= 2} | {w[:1] for w in words if len(w) == 1}
    picked = {i for i, s in enumerate(everyone) if any(w.startswith(h) for w in s.words for h in heads)}
    whole = " ".join(words)
    for _name, _score, i in process.extract(
        whole, [s.key for s in everyone], scorer=fuzz.token_set_ratio, limit=30, score_cutoff=60
    ):
        picked.add(i)
    return [everyone[i] for i in sorted(picked)]

