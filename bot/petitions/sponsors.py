"""Members of Parliament who sponsor petitions, found by the names people type.

People write "genuis", "Kwan J", "kwan, jenny", "Jnoes" or forget an accent or a dash;
all of those should land on the right member. Names are compared word by word after
folding, so order, punctuation and initials do not matter. A typo anywhere in a word is
forgiven when it is a few edits at most (OSA distance: insert, delete, substitute, or swap
two neighbouring letters), scaled by the word's length so that "Wong" never becomes "Wang"
nor "Poilievre" "Poirier". The distinct sponsor list is small (a few hundred members) and
kept in memory, with an index of its words, until the store journals a new change; a
look-up never reads petitions.
"""

from __future__ import annotations

import bisect
import logging
import re
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from bot.petitions.cache import cached
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


@dataclass(frozen=True, slots=True)
class Roster:
    """Every distinct sponsor, most petitions first, with an index of the words of their names."""

    everyone: list[_Sponsor]
    words: list[str]  # every distinct name word (joined pairs included), sorted
    holders: list[tuple[int, ...]]  # for each word, the sponsors (indexes) whose name holds it
    keys: list[str]  # each sponsor's `key`, in the order of `everyone`


async def sponsor_roster(store: Store) -> Roster:
    """Every distinct sponsor (one per member id) and the word index, built once per change of the store."""

    async def build() -> Roster:
        sql = "SELECT sponsor_id, sponsor_name, petitions FROM sponsor_counts"  # kept by Store.upsert
        by_id: dict[Any, list[tuple[str, int]]] = {}
        for row in await store.fetch_all(sql):
            pid, name = row["sponsor_id"] or None, row["sponsor_name"]
            by_id.setdefault(pid if pid is not None else ("name", fold(name)), []).append(
                (name, row["petitions"])
            )
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
        holders: dict[str, list[int]] = {}
        for i, sponsor in enumerate(out):
            for word in sponsor.words:
                if not holders.setdefault(word, []) or holders[word][-1] != i:
                    holders[word].append(i)
        words = sorted(holders)
        return Roster(out, words, [tuple(holders[w]) for w in words], [s.key for s in out])

    return await cached(store, "sponsors", build)


def typo_budget(word: str) -> int:
    """Edits forgiven in a typed name word: none up to three letters, one swap of neighbouring
    letters in four ("Kawn"), one edit in five to eight ("Jnoes", "Gzaan"), two from nine."""
    if len(word) <= 3:
        return 0
    return 1 if len(word) <= 8 else 2


def _swapped(a: str, b: str) -> bool:
    if len(a) != len(b):
        return False
    diff = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
    return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]


def _typo_score(q: str, w: str) -> float:
    """0, or how well `w` explains `q` as a typo: 96 scaled by the share of letters kept.

    Swaps are forgiven anywhere. Other edits of a short word must leave its first letter
    alone: a different first letter in a short name is mostly another name ("Zhang" is not
    "Chang", "Lim" not "Kim"), rarely a slip of the finger.
    """
    budget = typo_budget(q)
    if not budget:
        return 0.0
    d = OSA.distance(q, w, score_cutoff=budget)
    if d > budget:
        return 0.0
    if not _swapped(q, w) and (len(q) == 4 or (len(q) < 7 and q[0] != w[0])):
        return 0.0
    return 96.0 * (1.0 - d / max(len(q), len(w)))


def score_name(query_words: list[str], sponsor: _Sponsor) -> float:
    """0–100: how well the typed words name this sponsor.

    Typed words are also tried run together, for a slip next to an apostrophe or a dash
    ("DA'mours" for D'Amours, "S-tOnge" for St-Onge).
    """
    if len(query_words) > 1:
        return max(_score_words(query_words, sponsor), _score_words(["".join(query_words)], sponsor))
    return _score_words(query_words, sponsor)


def _score_words(query_words: list[str], sponsor: _Sponsor) -> float:
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
                s = _typo_score(q, w)
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
    roster = await sponsor_roster(store)
    if text.isdigit():
        return [
            SponsorMatch(s.name, s.person_id, s.petitions, 100.0)
            for s in roster.everyone
            if s.person_id == int(text)
        ]
    words = name_words(text)
    scored = [(score_name(words, s), s) for s in candidates(words, roster)]
    good = [(sc, s) for sc, s in scored if sc >= MIN_SCORE]
    good.sort(key=lambda x: (-x[0], -x[1].petitions, x[1].name))
    return [SponsorMatch(s.name, s.person_id, s.petitions, round(sc, 1)) for sc, s in good[: max(0, limit)]]


def candidates(words: list[str], roster: Roster) -> list[_Sponsor]:
    """Sponsors worth scoring word by word, from the word index (C-speed, no petition read).

    A sponsor is a candidate when one of its words starts with a typed word, is within that
    word's typo budget, or when the name is close as a whole.
    """
    if not words:
        return []
    picked: set[int] = set()
    for q in {*words, "".join(words)}:
        i = bisect.bisect_left(roster.words, q)
        while i < len(roster.words) and roster.words[i].startswith(q):
            picked.update(roster.holders[i])
            i += 1
        budget = typo_budget(q)
        if budget:
            for _word, _d, j in process.extract(
                q, roster.words, scorer=OSA.distance, score_cutoff=budget, limit=None
            ):
                picked.update(roster.holders[j])
    whole = " ".join(words)
    for _name, _score, i in process.extract(
        whole, roster.keys, scorer=fuzz.token_set_ratio, limit=30, score_cutoff=60
    ):
        picked.add(i)
    return [roster.everyone[i] for i in sorted(picked)]
