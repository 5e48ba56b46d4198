"""Planning a full-text query, and ranking the newest matches without bm25.

bm25() weighs each query term by reading *every* petition that holds it (its IDF),
whatever the LIMIT, so the plan says what bm25 would cost (from the vocabulary's
counts); when that is too much, the newest matches are ranked here with a bm25-like
score that takes term weights from the vocabulary's document counts and column hits
from the short columns (number, title, keywords, sponsor).
"""

from __future__ import annotations

import functools
import math
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass

from bot.petitions.search._limits import Limits
from bot.petitions.search._query import WORD, ParsedQuery, plain, stem
from bot.petitions.search._vocab import Vocabulary

# bm25 weights, in the FTS column order: number, title, keywords, body, response, sponsor.
WEIGHTS = (4.0, 10.0, 8.0, 1.0, 0.5, 3.0)
# Endings that make the plural or feminine of a stem (see `stem`); a common word is
# matched as these forms of itself rather than as a prefix.
_FORM_ENDINGS = ("", "s", "x", "e", "es", "ee", "ees", "y", "ies", "l", "ux")
_PREFIX_INDEX = 4  # the FTS table's longest indexed prefix (prefix = '2 3 4'): shorter ones are cheap
K1 = 1.2  # bm25's term-frequency saturation, for the ranking done here
# Column weights for the ranking done here, from WEIGHTS: number, title, keywords, sponsor.
# Body and response are not read; every match holds each term somewhere, which counts 1.
_SHORT_WEIGHTS = (WEIGHTS[0], WEIGHTS[1], WEIGHTS[2], WEIGHTS[5])


@dataclass(frozen=True, slots=True)
class Unit:
    """One thing every match holds: a word (as indexed forms, or a prefix) or a phrase."""

    exact: frozenset[str] = frozenset()
    prefix: str = ""
    phrase: tuple[str, ...] = ()
    docs: int | None = None  # at most this many petitions hold it (None: unknown)
    least: int = 0  # at least this many petitions hold it

    @property
    def numeric(self) -> bool:
        """Could a petition number hold it (numbers read as words like "441", "00155", "e")?"""
        words = {*self.exact, *self.phrase} | ({self.prefix} if self.prefix else set())
        return any(w.isdigit() or w == "e" for w in words)

    def found_in(self, tokens: tuple[str, ...], token_set: frozenset[str]) -> bool:
        if self.phrase:
            n, first = len(self.phrase), self.phrase[0]
            if first not in token_set:
                return False
            return any(
                tokens[i] == first and tokens[i : i + n] == self.phrase for i in range(len(tokens) - n + 1)
            )
        if self.prefix:
            return any(t.startswith(self.prefix) for t in tokens)
        return not self.exact.isdisjoint(token_set)


@dataclass(slots=True)
class Plan:
    fts: str
    units: list[Unit]
    cost: int | None  # petitions bm25 would read to weigh the terms (None: unknown, assume many)
    rows: int = 0  # petitions indexed, from the vocabulary (0: unknown)

    @property
    def bound(self) -> int | None:
        """At most this many petitions match (None: unknown)."""
        known = [u.docs for u in self.units if u.docs is not None]
        return min(known) if known else None

    def idf(self, unit: Unit) -> float:
        """bm25's inverse document frequency from the vocabulary's counts; 1.0 without them."""
        if not self.rows or unit.docs is None:
            return 1.0
        n = min(unit.docs, self.rows)
        return max(math.log((self.rows - n + 0.5) / (n + 0.5)), 1e-6)


def _quoted(terms: Sequence[str]) -> str:
    inner = [f'"{t.replace(chr(34), chr(34) * 2)}"' for t in terms]
    return inner[0] if len(inner) == 1 else "(" + " OR ".join(inner) + ")"


def plan_query(parsed: ParsedQuery, vocab: Vocabulary | None) -> Plan:
    """The FTS5 expression to run, what each part matches, and what bm25 would cost.

    Without a current vocabulary every long stem is a prefix query and the cost
    is unknown, which is slower but never misses a word indexed a moment ago.
    """
    parts: list[str] = []
    units: list[Unit] = []
    cost: int | None = 0

    def docs_of(word: str) -> int | None:
        if vocab is None or len(word) < 3 or any(c.isdigit() for c in word):
            return None
        return vocab.docs.get(word, 0)

    for word in parsed.words:
        s = stem(word)
        if len(s) < 3 or s.isdigit():
            n = docs_of(word)
            parts.append(_quoted([word]))
            units.append(Unit(exact=frozenset({word}), docs=n, least=n or 0))
        elif vocab is None or any(c.isdigit() for c in s):
            parts.append(f'"{s}"*')
            units.append(Unit(prefix=s))
        else:
            part, unit = _word_in_vocabulary(word, s, vocab)
            parts.append(part)
            units.append(unit)
    for phrase in parsed.phrases:
        known = [n for n in (docs_of(w) for w in phrase) if n is not None]
        parts.append('"' + " ".join(phrase) + '"')
        units.append(Unit(phrase=phrase, docs=min(known) if known else None))
    for unit in units:
        cost = None if cost is None or unit.docs is None else cost + unit.docs
    return Plan(" AND ".join(parts), units, cost, vocab.rows if vocab else 0)


def _word_in_vocabulary(word: str, s: str, vocab: Vocabulary) -> tuple[str, Unit]:
    """A long stem `s` of `word` as the indexed words it stands for, or as a prefix query."""
    lo, hi = vocab.span(s)
    merged = vocab.cum[hi] - vocab.cum[lo]
    forms: list[str] = []
    if len(s) >= 5 and 0 < hi - lo <= Limits.MAX_EXPANSIONS:
        forms = vocab.terms[lo:hi]
    elif len(s) > _PREFIX_INDEX and merged > Limits.PREFIX_BUDGET:
        # A prefix longer than the prefix index would merge a huge doclist: the word's own forms.
        forms = sorted({s + e for e in _FORM_ENDINGS if vocab.docs.get(s + e)} | {word} & vocab.docs.keys())
    if forms:
        counts = [vocab.docs[t] for t in forms]
        return _quoted(forms), Unit(exact=frozenset(forms), docs=sum(counts), least=max(counts))
    return f'"{s}"*', Unit(prefix=s, docs=merged, least=vocab.docs.get(s, 0))


@functools.lru_cache(maxsize=8192)
def _tokens(text: str) -> tuple[tuple[str, ...], frozenset[str]]:
    """Words of a short column as the FTS tokenizer sees them (titles and keywords repeat a lot)."""
    found = tuple(WORD.findall(plain(text)))
    return found, frozenset(found)


def _score(idfs: Sequence[float], held: Sequence[Sequence[bool]]) -> float:
    """bm25 in spirit: per term, its weight times a saturated count of the short columns that hold it.

    `held[k][u]` says whether short column k holds unit u. Lower is better, like bm25();
    body and response only count as "somewhere".
    """
    total = 0.0
    for u, idf in enumerate(idfs):
        freq = 1.0 + sum(weight for weight, flags in zip(_SHORT_WEIGHTS, held, strict=True) if flags[u])
        total += idf * freq * (K1 + 1) / (freq + K1)
    return -total


def rank_matches(plan: Plan, found: Sequence[sqlite3.Row]) -> list[tuple[int, float]]:
    """(id, score) best first from rows of columns id, last_event, c0-c2 (number, title, keywords)
    and sponsor_name.

    Ties go to the latest event, then the newest petition. Which units a text holds, and the
    score of each pattern of holdings, are worked out once per query: titles, keywords and
    sponsors repeat across a window.
    """
    units = plan.units
    idfs = [plan.idf(u) for u in units]
    nothing = (False,) * len(units)
    holds: dict[str, tuple[bool, ...]] = {}
    scores: dict[tuple[tuple[bool, ...], ...], float] = {}

    def held(text: str | None) -> tuple[bool, ...]:
        if not text:
            return nothing
        flags = holds.get(text)
        if flags is None:
            tokens, token_set = _tokens(text)
            flags = tuple([u.found_in(tokens, token_set) for u in units]) if tokens else nothing
            holds[text] = flags
        return flags

    # Most queries hold no number: the number column, unique to each petition, is then skipped.
    numeric = any(u.numeric for u in units)
    scored = []
    for r in found:
        key = (held(r["c0"]) if numeric else nothing, held(r["c1"]), held(r["c2"]), held(r["sponsor_name"]))
        score = scores.get(key)
        if score is None:
            score = scores[key] = _score(idfs, key)
        scored.append((r["id"], r["last_event"] or "", score))
    scored.sort(key=lambda x: x[0], reverse=True)  # stable sorts: id, then event, then score decide
    scored.sort(key=lambda x: x[1], reverse=True)
    scored.sort(key=lambda x: x[2])
    return [(i, score) for i, _, score in scored]
