"""Full-text search over petitions, with filters and "did you mean" help.

What a user types is never handed to FTS5 as syntax. It is cut into words and
"quoted phrases" here and rebuilt as a query in which every word is a quoted
string, so operators, column prefixes, stray quotes or emoji can only ever be
searched for, never break the query.

Light stemming happens on the query side only (the index holds words as
written, accents folded by the tokenizer). Each unquoted word is folded
(lower case, no accents), loses a plural or feminine ending (`-s`, `-x`, `-e`,
`-es`, `-ies`, `-aux`), and becomes a prefix query. So "refugees", "refugee"
and "réfugiés" become `refuge*`/`refugi*` and meet the singular and plural
forms. Quoted phrases are matched exactly (accents still folded).

A query that is a petition number (`441-00155`, `e 4123`) returns that
petition alone, if the filters let it through.

Speed at 100k petitions comes from never touching every match, and from
never asking FTS5 for work whose cost grows with the corpus:

- bm25() weighs each query term by reading *every* petition that holds it
  (its IDF), whatever the LIMIT, so "Government of Canada" costs a pass over
  ~95k petitions. bm25 is used only when the vocabulary shows that all the
  query's terms are rare (`BM25_BUDGET`); the total is then exact.
- Otherwise the newest matches are walked in rowid order (cheap, lazy) up to
  `RANK_WINDOW` of them and ranked here with a bm25-like score that takes
  term weights from the vocabulary's document counts and column hits from the
  short columns (number, title, keywords, sponsor). A window that was not
  exhausted makes the total a lower bound (`total_exact=False`).
- Filters: few petitions passing (a sponsor, country, subject, keyword, rare
  status) are listed from their indexes and FTS5 tests its matches against
  that list in memory (complete); broad ones are tested on the newest
  `FILTERED_SCAN` matches, and a parliament first narrows the walk to its band
  of ids. A join that reads a petition per match is never run over them all.
- The FTS vocabulary (migration 002, read into memory in the background by
  `warm()` and after changes) turns a long stem into the few indexed words it
  stands for, `("refugee" OR "refugees")`, which FTS5 walks lazily where a
  prefix query merges every doclist first. A stem that stands for many words
  with many petitions between them is cut down to the typed word's own forms
  (`"government"` and `"governments"`, not `"government"*`). Until the
  vocabulary is current, plain prefix queries are used (slower, never wrong).
- Snippets are cut here, one compiled regex per query, for the page's hits
  only, over the first `SNIPPET_SCAN` characters of a column.
"""

from __future__ import annotations

import asyncio
import bisect
import functools
import logging
import math
import re
import sqlite3
import time
import unicodedata
import weakref
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field, fields
from datetime import date
from typing import Any, Literal, TypeVar

from rapidfuzz import fuzz, process

from bot.petitions.numbers import is_number, parse_number
from bot.petitions.store import Store
from bot.petitions.text import fold

log = logging.getLogger(__name__)

MAX_QUERY_CHARS = 300  # longer input is cut: nobody types more into a search box
MAX_TERMS = 12  # words + phrases kept from one query
MAX_PHRASE_WORDS = 12
RANK_WINDOW = 300  # newest matches ranked when bm25 would be too costly
FILTERED_WINDOW = 100  # matches ranked when filters apply and bm25 would be too costly
FILTERED_SCAN = 1000  # newest matches tested against broad filters
FEW = 3000  # petitions passing a filter below which they are listed from its index
STATUS_SORT = 10_000  # petitions of several statuses that a filter-only list sorts on the status index
SUBJECT_FEW = 500  # a subject with at most this many petitions is listed by reading them, not by a walk
BM25_BUDGET = 500  # petitions bm25 may read to weigh the query's terms (sum over terms)
PREFIX_BUDGET = 20_000  # petitions a prefix query may merge before it is cut to the word's own forms
COUNT_CAP = 1000  # filter-only totals are counted up to here
MAX_EXPANSIONS = 12  # indexed words a long stem may stand for before a prefix query is cheaper
VOCAB_REFRESH = 10.0  # seconds at least between background rebuilds of the vocabulary

# bm25 weights, in the FTS column order: number, title, keywords, body, response, sponsor.
WEIGHTS = (4.0, 10.0, 8.0, 1.0, 0.5, 3.0)
_BM25 = "bm25(petition_fts, {})".format(", ".join(str(w) for w in WEIGHTS))

_STOPWORD_TEXT = """
a an and are as at be by for from in into is it of on or the their to with
au aux ce ces d de des du en est et l la le les leur ou par pour qu que qui sur un une
"""
_STOPWORDS = frozenset(_STOPWORD_TEXT.split())
#: Words FTS5 reads as operators when typed in capitals; as a subject or a search they say nothing.
_OPERATORS = frozenset({"and", "or", "not", "near"})
_WORD = re.compile(r"[^\W_]+")
_SMART_QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"'})
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
# "title:" and friends are FTS5 column filters; people type them from habit, so they are dropped.
_COLUMN_PREFIX = re.compile(r"\b(?:number|title|keywords|body|response|sponsor)\s*:", re.IGNORECASE)


# --- public types -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SearchFilters:
    status_ids: tuple[int, ...] = ()
    kind: str | None = None
    parliament: int | None = None
    session: int | None = None
    sponsor: str | None = None
    subject: str | None = None
    keyword: str | None = None
    date_from: date | None = None  # on the petition's latest event (last_event)
    date_to: date | None = None
    has_response: bool | None = None
    country: str | None = None  # ISO 3166 alpha-2

    def active(self) -> list[str]:
        """Names of the filters that are set, in declaration order."""
        return [f.name for f in fields(self) if getattr(self, f.name) not in (None, ())]

    def without(self, name: str) -> SearchFilters:
        default = () if name == "status_ids" else None
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        values[name] = default
        return SearchFilters(**values)


@dataclass(slots=True)
class Hit:
    number: str
    title_en: str | None
    title_fr: str | None
    status_id: int | None
    presented_on: str | None
    last_event: str | None
    has_response: bool
    snippet: str | None = None
    score: float = 0.0  # lower is better, as with bm25()
    demo: bool = False  # from the shipped demo set, so a list can say so without loading the record
    related: bool = False  # no keyword hit: found by meaning (bot/petitions/meaning), shown as related
    # The snippet with the matched words between \x02 and \x03, for renderers
    # that want to highlight them after escaping the text (see `marked_snippet`).
    snippet_marked: str | None = field(default=None, repr=False)

    def title(self, lang: str) -> str:
        first, second = (self.title_fr, self.title_en) if lang == "fr" else (self.title_en, self.title_fr)
        return first or second or ""

    def marked_snippet(
        self, escape: Callable[[str], str], open_: str = "**", close: str = "**"
    ) -> str | None:
        """The snippet with each matched word wrapped in `open_`/`close`, the rest escaped."""
        if self.snippet_marked is None:
            return None
        out: list[str] = []
        for i, part in enumerate(re.split(r"[\x02\x03]", self.snippet_marked)):
            if part:
                out.append(f"{open_}{escape(part)}{close}" if i % 2 else escape(part))
        return "".join(out)


SuggestionKind = Literal["spelling", "title", "drop_filter"]


@dataclass(frozen=True, slots=True)
class Suggestion:
    kind: SuggestionKind
    value: str  # the query to run instead, the title to look for, or the filter's name
    detail: str = ""  # e.g. the word that was corrected, or how many results dropping the filter gives
    count: int = 0


@dataclass(slots=True)
class SearchResult:
    hits: list[Hit]
    total: int
    query_used: str  # the FTS5 expression actually run ("" for filters only)
    suggestions: list[Suggestion] = field(default_factory=list)
    total_exact: bool = True  # False: at least `total` petitions match
    sponsor_used: str | None = None  # the sponsor name a fuzzy sponsor filter resolved to
    by_meaning: bool = False  # no petition holds the words: every hit is close in meaning instead


# --- per-store caches ---------------------------------------------------------------

T = TypeVar("T")
_caches: weakref.WeakKeyDictionary[Store, dict[str, tuple[int, float, Any]]] = weakref.WeakKeyDictionary()


async def last_change_id(store: Store) -> int:
    async with store.conn.execute("SELECT coalesce(max(id), 0) FROM changes") as cur:
        row = await cur.fetchone()
    return int(row[0]) if row else 0


async def cached(store: Store, name: str, build: Callable[[], Awaitable[T]]) -> T:
    """`build()` once per change of the store (by its last change id).

    Derived lists (sponsors, subjects, keywords) only change when a petition
    is written, and every write journals a change, so the id is a free key.
    """
    change = await last_change_id(store)
    slot = _caches.setdefault(store, {})
    hit = slot.get(name)
    if hit is not None and hit[0] == change:
        return hit[2]
    value = await build()
    slot[name] = (change, time.monotonic(), value)
    return value


# --- query parsing -----------------------------------------------------------------


def _plain(text: str) -> str:
    """Lower case without accents, the way the FTS tokenizer sees letters."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def stem(word: str) -> str:
    """Strip one plural and one feminine/silent ending from a folded word.

    Deliberately light: the result is used as a prefix, so under-stemming only
    costs a few misses and over-stemming only a few extra matches.
    """
    w = word
    if len(w) <= 3 or w.isdigit():
        return w
    if w.endswith("ies") and len(w) > 5:
        return w[:-3]  # policies -> polic*, matches policy
    if w.endswith("aux") and len(w) > 5:
        return w[:-2]  # animaux -> anima*, matches animal
    if w.endswith(("s", "x")) and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    if w.endswith("e") and len(w) > 3:
        w = w[:-1]  # refugee -> refuge*, réfugiée -> refugie*, taxe -> tax*
    return w


@dataclass(frozen=True, slots=True)
class ParsedQuery:
    words: tuple[str, ...]  # folded words as typed (unquoted part)
    phrases: tuple[tuple[str, ...], ...]

    @property
    def empty(self) -> bool:
        return not self.words and not self.phrases

    def fts(self, words: Sequence[str] | None = None, expand: dict[str, list[str]] | None = None) -> str:
        """The safe FTS5 expression: every word and phrase is a quoted string.

        `expand` maps a stem to the indexed words it stands for; such a stem
        becomes `("w1" OR "w2" ...)` instead of a prefix query, which FTS5 can
        walk lazily instead of merging every doclist up front.
        """
        expand = expand or {}
        parts = []
        for w in self.words if words is None else words:
            found = expand.get(stem(w))
            if found:
                parts.append(
                    "(" + " OR ".join(f'"{t}"' for t in found) + ")" if len(found) > 1 else f'"{found[0]}"'
                )
            else:
                parts.append(_term(w))
        parts += ['"' + " ".join(p) + '"' for p in self.phrases]
        return " AND ".join(parts)

    def stems(self) -> list[str]:
        return [stem(w) for w in self.words]


def _term(word: str) -> str:
    s = stem(word)
    if len(s) < 3 or s.isdigit():
        return f'"{word}"'
    return f'"{s}"*'


def parse_query(raw: str) -> ParsedQuery:
    """Words and "phrases" from free text; whatever it holds."""
    text = _CONTROL.sub(" ", (raw or "")[:MAX_QUERY_CHARS]).translate(_SMART_QUOTES)
    text = _COLUMN_PREFIX.sub(" ", text)
    words: list[str] = []
    phrases: list[tuple[str, ...]] = []
    pieces = text.split('"')
    if len(pieces) % 2 == 0:  # an unmatched quote: the last one is just a character
        last = pieces.pop()
        pieces[-1] += " " + last
    for i, piece in enumerate(pieces):
        tokens = _WORD.findall(_plain(piece))
        if i % 2 and len(tokens) > 1:
            phrases.append(tuple(tokens[:MAX_PHRASE_WORDS]))
        else:
            words.extend(tokens)
    content = [w for w in words if w not in _STOPWORDS]
    if content or phrases:
        words = content
    unique = list(dict.fromkeys(words))
    budget = max(0, MAX_TERMS - len(phrases[:MAX_TERMS]))
    return ParsedQuery(tuple(unique[:budget]), tuple(phrases[:MAX_TERMS]))


def content_words(text: str | None) -> list[str]:
    """The words of `text` that say what to look for: not "the", "et", nor an operator such as "AND"."""
    return [w for w in _WORD.findall(_plain(text or "")) if w not in _STOPWORDS and w not in _OPERATORS]


# --- filters -------------------------------------------------------------------------


@dataclass(slots=True)
class _Where:
    sql: str
    params: list[Any]
    row_sql: str = ""  # the same conditions, faster where each petition's row is read anyway
    impossible: bool = False  # a filter named something that does not exist
    sponsor_used: str | None = None
    covered: bool = True  # every condition can be tested on petitions_recent_filters
    few: bool = False  # few petitions pass (a sponsor, a country, a rare status): list them by index
    id_span: tuple[int, int] | None = None  # every petition passing has an id in this range
    status_ids: list[int] = field(default_factory=list)
    status_count: int = 0  # petitions with those statuses (and of the kind asked for)
    known_total: int | None = None  # how many pass, when the store's counts say it (status and kind only)


async def _where(store: Store, filters: SearchFilters) -> _Where:
    """SQL conditions on alias `p` (petitions) for the filters that are set."""
    parts: list[str] = []
    params: list[Any] = []
    out = _Where("", params)
    row_test = ""  # the subject as a test of the row's own columns (see `_Where.row_sql`)
    if filters.status_ids:
        parts.append(f"p.status_id IN ({','.join('?' * len(filters.status_ids))})")
        out.status_ids = [int(s) for s in filters.status_ids]
        params.extend(out.status_ids)
        out.status_count = await _status_count(store, out.status_ids, filters.kind)
        out.few = out.status_count <= FEW
        out.impossible = out.status_count == 0  # nobody has it (a paper petition "open for signature")
        if set(filters.active()) <= {"status_ids", "kind"}:
            out.known_total = out.status_count
    if filters.kind:
        parts.append("p.kind = ?")
        params.append(filters.kind)
    if filters.parliament is not None:
        parts.append("p.parliament = ?")
        params.append(filters.parliament)
        out.id_span = await _parliament_span(store, int(filters.parliament))
    if filters.session is not None:
        parts.append("p.session = ?")
        params.append(filters.session)
    if filters.has_response is not None:
        parts.append("p.has_response = ?")
        params.append(int(filters.has_response))
    if filters.date_from:
        parts.append("p.last_event >= ?")
        params.append(filters.date_from.isoformat())
    if filters.date_to:
        parts.append("p.last_event <= ?")
        params.append(filters.date_to.isoformat())
    if filters.country or filters.sponsor or filters.keyword:
        out.covered = False
    if filters.subject:
        names = await resolve_subject(store, filters.subject)
        if not names:
            out.impossible = True
        else:
            # The subject's petitions as a set of ids, read from the two subject indexes alone; a
            # list then walks the recency index testing ids, so no record is read to filter or sort.
            marks = ",".join("?" * len(names))
            parts.append(
                f"p.id IN (SELECT id FROM petitions WHERE subject_en IN ({marks}) "
                f"UNION ALL SELECT id FROM petitions WHERE subject_fr IN ({marks}))"
            )
            # Where the row is read anyway (full-text matches joined to petitions), testing its
            # columns is five times faster than building the id set of a large subject each time.
            row_test = f"(p.subject_en IN ({marks}) OR p.subject_fr IN ({marks}))"
            subject_at = len(parts) - 1
            params.extend(names)
            params.extend(names)
            count = await _subject_count(store, names)
            out.few = out.few or count <= SUBJECT_FEW
            if set(filters.active()) == {"subject"}:
                out.known_total = count
    out.few = out.few or not out.covered
    if filters.country:
        parts.append("p.number IN (SELECT c.number FROM petition_countries c WHERE c.code = ?)")
        params.append(filters.country.strip().upper())
    if filters.sponsor:
        from bot.petitions.sponsors import find_sponsors

        found = await find_sponsors(store, filters.sponsor, limit=1)
        if not found:
            out.impossible = True
        else:
            out.sponsor_used = found[0].name
            if found[0].person_id is not None:
                parts.append("p.sponsor_id = ?")
                params.append(found[0].person_id)
            else:
                parts.append("p.sponsor_name = ?")
                params.append(found[0].name)
    if filters.keyword:
        folded = await resolve_keyword(store, filters.keyword)
        if not folded:
            out.impossible = True
        else:
            marks = ",".join("?" * len(folded))
            parts.append(
                f"p.number IN (SELECT k.number FROM petition_keywords k WHERE k.folded IN ({marks}))"
            )
            params.extend(folded)
    out.sql = " AND ".join(parts)
    if row_test:
        parts[subject_at] = row_test
    out.row_sql = " AND ".join(parts)
    return out


async def _subject_count(store: Store, names: Sequence[str]) -> int:
    """Petitions filed under any of these subject spellings, from the counts the store keeps."""
    marks = ",".join("?" * len(names))
    rows = await _rows(
        store,
        f"SELECT coalesce(sum(petitions), 0) FROM subject_counts WHERE subject_en IN ({marks}) "
        f"OR subject_fr IN ({marks})",
        [*names, *names],
    )
    return int(rows[0][0])


async def _status_count(store: Store, status_ids: Sequence[int], kind: str | None) -> int:
    """Petitions with these statuses (and of this kind), from the counts the store keeps."""
    marks = ",".join("?" * len(status_ids))
    cond, params = (" AND kind = ?", [kind]) if kind else ("", [])
    rows = await _rows(
        store,
        f"SELECT coalesce(sum(petitions), 0) FROM status_counts WHERE status_id IN ({marks}){cond}",
        [*status_ids, *params],
    )
    return int(rows[0][0])


async def _parliament_span(store: Store, parliament: int) -> tuple[int, int] | None:
    """The lowest and highest petition id of a parliament, cached until the next change.

    Petitions are stored roughly in the order they appear, so a parliament is a
    narrow band of ids: full-text matches outside it are skipped by FTS5 itself
    instead of being read one by one and turned away.
    """

    async def build() -> tuple[int, int] | None:
        rows = await _rows(
            store,
            "SELECT min(id), max(id) FROM petitions INDEXED BY petitions_parl_seq WHERE parliament = ?",
            [parliament],
        )
        return (int(rows[0][0]), int(rows[0][1])) if rows and rows[0][0] is not None else None

    return await cached(store, f"parliament-span:{parliament}", build)


async def subjects(store: Store) -> list[tuple[str | None, str | None, int]]:
    """Distinct (subject_en, subject_fr, petitions), cached until the next change."""

    async def build() -> list[tuple[str | None, str | None, int]]:
        sql = "SELECT subject_en, subject_fr, petitions FROM subject_counts"  # kept by Store.upsert
        async with store.conn.execute(sql) as cur:
            return [(r[0] or None, r[1] or None, r[2]) for r in await cur.fetchall()]

    return await cached(store, "subjects", build)


async def keywords(store: Store) -> list[tuple[str, str | None, str | None, int]]:
    """Distinct keywords as (folded, name_en, name_fr, petitions), cached until the next change."""

    async def build() -> list[tuple[str, str | None, str | None, int]]:
        sql = "SELECT folded, name_en, name_fr, petitions FROM keyword_counts"  # kept by Store.upsert
        async with store.conn.execute(sql) as cur:
            return [(r[0], r[1] or None, r[2] or None, r[3]) for r in await cur.fetchall()]

    return await cached(store, "keywords", build)


async def resolve_subject(store: Store, text: str) -> list[str]:
    """Stored subject spellings (either language) that `text` names, accent- and case-blind."""
    want = fold(text)
    out: list[str] = []
    for en, fr, _n in await subjects(store):
        if want in (fold(en), fold(fr)):
            out.extend(v for v in (en, fr) if v)
    return sorted(set(out))


async def resolve_keyword(store: Store, text: str) -> list[str]:
    want = fold(text)
    return [k for k, en, fr, _n in await keywords(store) if want in (k, fold(en), fold(fr))]


# --- search --------------------------------------------------------------------------

_HIT_COLUMNS = (
    "p.id, p.number, p.subject_en, p.subject_fr, p.status_id, p.presented_on, p.last_event, p.has_response, "
    "p.demo"
)
_HIT_WIDTH = 9  # columns in _HIT_COLUMNS; what a query selects after them starts here


def _hit(row: Any, score: float = 0.0) -> Hit:
    return Hit(
        number=row[1],
        title_en=row[2],
        title_fr=row[3],
        status_id=row[4],
        presented_on=row[5],
        last_event=row[6],
        has_response=bool(row[7]),
        score=score,
        demo=bool(row[8]),
    )


async def _rows(store: Store, sql: str, params: Sequence[Any]) -> list[Any]:
    return list(await store.conn.execute_fetchall(sql, params))


async def search(
    store: Store,
    query: str,
    filters: SearchFilters = SearchFilters(),  # noqa: B008 - frozen, never mutated
    *,
    limit: int = 10,
    offset: int = 0,
) -> SearchResult:
    """Petitions matching `query` and `filters`, best first; never raises on odd input."""
    return await _search(store, query, filters, limit=limit, offset=offset, help_=True)


async def _search(
    store: Store, query: str, filters: SearchFilters, *, limit: int, offset: int, help_: bool
) -> SearchResult:
    limit = max(1, min(int(limit), 100))
    offset = max(0, int(offset))
    parsed = parse_query(query)
    where = await _where(store, filters)
    number = _as_number(query)
    if number is not None:  # a petition number: that petition, not text that happens to mention it
        return await _number_result(store, number, where, filters, offset, help_)
    if where.impossible:
        result = SearchResult([], 0, parsed.fts())
    elif parsed.empty:
        result = await _filters_only(store, where, limit, offset)
    else:
        result = await _full_text(store, parsed, where, limit, offset, rank=help_)
    result.sponsor_used = where.sponsor_used
    if help_ and not result.hits and offset == 0 and (not parsed.empty or filters.active()):
        result.suggestions = await suggest(store, parsed, filters)
    return result


def _as_number(query: str) -> str | None:
    text = (query or "").strip()
    if not text or len(text) > 300 or not is_number(text):
        return None
    return parse_number(text).text


async def _number_result(
    store: Store, number: str, where: _Where, filters: SearchFilters, offset: int, help_: bool
) -> SearchResult:
    """The petition with that number (as filed or as presented), if the filters let it through."""
    # Found by its unique indexes first, then checked against the filters by id: left to
    # itself, the planner may prefer a filter's index and read a whole parliament.
    found = await _rows(
        store,
        "SELECT id FROM petitions WHERE number = ? UNION ALL SELECT id FROM petitions WHERE presented_number = ?",
        [number, number],
    )
    rows: list[Any] = []
    if found and not where.impossible:
        cond = f" AND {where.sql}" if where.sql else ""
        rows = await _rows(
            store,
            f"SELECT {_HIT_COLUMNS} FROM petitions p WHERE p.id = ?{cond}",
            [found[0][0], *where.params],
        )
    if rows:
        hits = [_hit(rows[0])] if offset == 0 else []
        return SearchResult(hits, 1, "", sponsor_used=where.sponsor_used)
    result = SearchResult([], 0, "", sponsor_used=where.sponsor_used)
    active = filters.active()
    if help_ and active and found:
        result.suggestions = [Suggestion("drop_filter", active[0] if len(active) == 1 else "all", number, 1)]
    return result


async def _filters_only(store: Store, where: _Where, limit: int, offset: int) -> SearchResult:
    cond = f"WHERE {where.sql}" if where.sql else ""
    # Broad filters (status, kind, parliament, response, dates) are tested on the slim
    # recency index; without statistics SQLite would rather read every record of a parliament.
    source = "petitions p INDEXED BY petitions_recent_filters" if where.covered else "petitions p"
    if where.covered and where.status_ids and (len(where.status_ids) == 1 or where.status_count <= STATUS_SORT):
        # A status that is not the most common would walk much of the recency index to fill a page
        # (all of it to count a rare pairing of status and kind). Its own index holds the date and
        # the broad filters: one status is listed in date order from it, a few are sorted there.
        source = "petitions p INDEXED BY petitions_status"
    # The page's ids from the index first; only those rows are read.
    rows = await _rows(
        store,
        f"SELECT {_HIT_COLUMNS} FROM (SELECT p.id, p.last_event FROM {source} {cond} "
        "ORDER BY p.last_event DESC, p.id DESC LIMIT ? OFFSET ?) AS page "
        "CROSS JOIN petitions p ON p.id = page.id ORDER BY page.last_event DESC, page.id DESC",
        [*where.params, limit, offset],
    )
    if where.known_total is not None:
        return SearchResult([_hit(r) for r in rows], where.known_total, "")
    counted = await _rows(
        store,
        f"SELECT count(*) FROM (SELECT 1 FROM {source} {cond} LIMIT ?)",
        [*where.params, COUNT_CAP + 1],
    )
    total = counted[0][0]
    return SearchResult([_hit(r) for r in rows], min(total, COUNT_CAP), "", total_exact=total <= COUNT_CAP)


async def probe(store: Store, fts: str, cap: int) -> int:
    """How many petitions match `fts`, counting no further than `cap`."""
    rows = await _rows(
        store,
        "SELECT count(*) FROM (SELECT 1 FROM petition_fts WHERE petition_fts MATCH ? LIMIT ?)",
        [fts, cap],
    )
    return int(rows[0][0])


async def _floor(store: Store, fts: str, window: int, span: tuple[int, int] | None = None) -> int | None:
    """The rowid just below the `window` newest matches (within `span`), or None when there are no more."""
    cond, params = ("", []) if span is None else (" AND rowid BETWEEN ? AND ?", list(span))
    rows = await _rows(
        store,
        f"SELECT rowid FROM petition_fts WHERE petition_fts MATCH ?{cond} ORDER BY rowid DESC LIMIT 1 OFFSET ?",
        [fts, *params, window],
    )
    return int(rows[0][0]) if rows else None


# --- planning a full-text query ---------------------------------------------------------

# Endings that make the plural or feminine of a stem (see `stem`); a common word is
# matched as these forms of itself rather than as a prefix.
_FORM_ENDINGS = ("", "s", "x", "e", "es", "ee", "ees", "y", "ies", "l", "ux")
_PREFIX_INDEX = 4  # the FTS table's longest indexed prefix (prefix = '2 3 4'): shorter ones are cheap
K1 = 1.2  # bm25's term-frequency saturation, for the ranking done here
# Column weights for the ranking done here, from WEIGHTS: number, title, keywords, sponsor.
# Body and response are not read; every match holds each term somewhere, which counts 1.
_SHORT_WEIGHTS = (WEIGHTS[0], WEIGHTS[1], WEIGHTS[2], WEIGHTS[5])


@dataclass(frozen=True, slots=True)
class _Unit:
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
class _Plan:
    fts: str
    units: list[_Unit]
    cost: int | None  # petitions bm25 would read to weigh the terms (None: unknown, assume many)
    rows: int = 0  # petitions indexed, from the vocabulary (0: unknown)

    @property
    def bound(self) -> int | None:
        """At most this many petitions match (None: unknown)."""
        known = [u.docs for u in self.units if u.docs is not None]
        return min(known) if known else None

    def idf(self, unit: _Unit) -> float:
        """bm25's inverse document frequency from the vocabulary's counts; 1.0 without them."""
        if not self.rows or unit.docs is None:
            return 1.0
        n = min(unit.docs, self.rows)
        return max(math.log((self.rows - n + 0.5) / (n + 0.5)), 1e-6)


def _quoted(terms: Sequence[str]) -> str:
    inner = [f'"{t.replace(chr(34), chr(34) * 2)}"' for t in terms]
    return inner[0] if len(inner) == 1 else "(" + " OR ".join(inner) + ")"


def plan_query(parsed: ParsedQuery, vocab: Vocabulary | None) -> _Plan:
    """The FTS5 expression to run, what each part matches, and what bm25 would cost.

    Without a current vocabulary every long stem is a prefix query and the cost
    is unknown, which is slower but never misses a word indexed a moment ago.
    """
    parts: list[str] = []
    units: list[_Unit] = []
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
            units.append(_Unit(exact=frozenset({word}), docs=n, least=n or 0))
        elif vocab is None or any(c.isdigit() for c in s):
            parts.append(f'"{s}"*')
            units.append(_Unit(prefix=s))
        else:
            lo, hi = vocab.span(s)
            merged = vocab.cum[hi] - vocab.cum[lo]
            forms: list[str] = []
            if len(s) >= 5 and 0 < hi - lo <= MAX_EXPANSIONS:
                forms = vocab.terms[lo:hi]
            elif len(s) > _PREFIX_INDEX and merged > PREFIX_BUDGET:
                # A prefix longer than the prefix index would merge a huge doclist: the word's own forms.
                forms = sorted(
                    {s + e for e in _FORM_ENDINGS if vocab.docs.get(s + e)} | {word} & vocab.docs.keys()
                )
            if forms:
                counts = [vocab.docs[t] for t in forms]
                parts.append(_quoted(forms))
                units.append(_Unit(exact=frozenset(forms), docs=sum(counts), least=max(counts)))
            else:
                parts.append(f'"{s}"*')
                units.append(_Unit(prefix=s, docs=merged, least=vocab.docs.get(s, 0)))
    for phrase in parsed.phrases:
        known = [n for n in (docs_of(w) for w in phrase) if n is not None]
        parts.append('"' + " ".join(phrase) + '"')
        units.append(_Unit(phrase=phrase, docs=min(known) if known else None))
    for unit in units:
        cost = None if cost is None or unit.docs is None else cost + unit.docs
    return _Plan(" AND ".join(parts), units, cost, vocab.rows if vocab else 0)


@functools.lru_cache(maxsize=8192)
def _tokens(text: str) -> tuple[tuple[str, ...], frozenset[str]]:
    """Words of a short column as the FTS tokenizer sees them (titles and keywords repeat a lot)."""
    found = tuple(_WORD.findall(_plain(text)))
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


# --- full-text search --------------------------------------------------------------------


async def _current_vocabulary(store: Store) -> Vocabulary | None:
    """The vocabulary when it matches the store's last change, else None (and a rebuild is started)."""
    have = _vocab.get(store)
    if have is None:
        return None
    change = await last_change_id(store)
    if have[0] != change:
        _maybe_refresh(store, change)
        return None
    return have[2]


async def _full_text(
    store: Store, parsed: ParsedQuery, where: _Where, limit: int, offset: int, *, rank: bool = True
) -> SearchResult:
    """Matches of the words and phrases, best first; `rank=False` wants the total only (suggestions)."""
    plan = plan_query(parsed, await _current_vocabulary(store))
    try:
        if plan.cost is not None and plan.cost <= BM25_BUDGET:
            result, ids = await _ranked_by_bm25(store, plan, where, limit, offset)
        else:
            result, ids = await _ranked_recent(store, plan, where, limit, offset, rank=rank)
    except sqlite3.OperationalError:  # should not happen: every term is quoted
        log.warning("FTS rejected a built query %r", plan.fts, exc_info=True)
        return SearchResult([], 0, plan.fts)
    if rank:
        await _add_snippets(store, parsed, result.hits, ids)
    return result


async def _ranked_by_bm25(
    store: Store, plan: _Plan, where: _Where, limit: int, offset: int
) -> tuple[SearchResult, list[int]]:
    """Every match ranked by bm25; only for queries whose terms are all rare, so the total is exact."""
    cond = f" AND {where.row_sql}" if where.row_sql else ""
    params: list[Any] = [plan.fts, *where.params]
    # Filters sit in the WHERE clause, so bm25() runs only for rows that pass them; bm25()
    # only works where FTS5 drives the row, hence the materialized CTE before the window count.
    sql = (
        f"WITH m AS MATERIALIZED (SELECT p.id AS id, p.last_event AS last_event, {_BM25} AS score "
        "FROM petition_fts CROSS JOIN petitions p ON p.id = petition_fts.rowid "
        f"WHERE petition_fts MATCH ?{cond}), "
        "top AS (SELECT id, score, last_event, count(*) OVER () AS total FROM m "
        "ORDER BY score, last_event DESC, id DESC LIMIT ? OFFSET ?) "
        f"SELECT {_HIT_COLUMNS}, top.score, top.total FROM top CROSS JOIN petitions p ON p.id = top.id "
        "ORDER BY top.score, top.last_event DESC, top.id DESC"
    )
    rows = await _rows(store, sql, [*params, limit, offset])
    hits = [_hit(r, score=r[_HIT_WIDTH]) for r in rows]
    if rows:
        total = rows[0][_HIT_WIDTH + 1]
    elif offset:
        counted = await _rows(
            store,
            "SELECT count(*) FROM petition_fts CROSS JOIN petitions p ON p.id = petition_fts.rowid "
            f"WHERE petition_fts MATCH ?{cond}",
            params,
        )
        total = counted[0][0]
    else:
        total = 0
    return SearchResult(hits, total, plan.fts), [r[0] for r in rows]


async def _ranked_recent(
    store: Store, plan: _Plan, where: _Where, limit: int, offset: int, *, rank: bool = True
) -> tuple[SearchResult, list[int]]:
    """The newest matches (filters applied), ranked here; never reads more than a window of them."""
    want = max(RANK_WINDOW if not where.sql else FILTERED_WINDOW, offset + limit)
    # To rank, the short columns come with each match: number, title and keywords from the
    # index's content table (c0-c2; through petition_fts the long text would be read too), and
    # the sponsor from the row already joined for its date.
    columns = ", c.c0, c.c1, c.c2, p.sponsor_name" if rank else ""
    content = " CROSS JOIN petition_fts_content c ON c.id = petition_fts.rowid" if rank else ""
    select = (
        f"SELECT petition_fts.rowid, p.last_event{columns} FROM petition_fts "
        f"CROSS JOIN petitions p ON p.id = petition_fts.rowid{content} "
    )
    order = "ORDER BY petition_fts.rowid DESC LIMIT ?"
    floor = None
    if where.sql and where.few:
        # Few petitions pass (a sponsor, a country, a rare status): their ids come cheaply from
        # their indexes, and FTS5 tests each match against that list in memory, where a join
        # would read a whole petition per match. Complete, so the total is exact.
        found = await _rows(
            store,
            f"{select}WHERE petition_fts MATCH ? "
            f"AND +petition_fts.rowid IN (SELECT p.id FROM petitions p WHERE {where.sql}) {order}",
            [plan.fts, *where.params, want + 1],
        )
    else:
        cond, params = "", [plan.fts]
        if where.sql:
            # Broad filters (status, kind, dates, response) pass many of the newest matches;
            # they are tested on those only. A parliament is a band of ids, skipped to by FTS5.
            cond, params = f" AND {where.row_sql}", [plan.fts, *where.params]
            if where.id_span:
                cond += " AND petition_fts.rowid BETWEEN ? AND ?"
                params += where.id_span
            bound = plan.bound
            if bound is None or bound > FILTERED_SCAN:
                floor = await _floor(store, plan.fts, FILTERED_SCAN, where.id_span)
            if floor is not None:
                cond += " AND petition_fts.rowid > ?"
                params.append(floor)
        # FTS5 walks rowids newest first and stops at the LIMIT: no doclist is read whole.
        found = await _rows(
            store,
            f"{select}WHERE petition_fts MATCH ?{cond} {order}",
            [*params, want + 1],
        )
    complete = floor is None and len(found) <= want
    found = found[:want]
    ranked = _rank(plan, found) if rank and offset < len(found) else [(r[0], 0.0) for r in found if not rank]
    page = ranked[offset : offset + limit]
    hits: list[Hit] = []
    if page:
        ids = [i for i, _ in page]
        marks = ",".join("?" * len(ids))
        rows = await _rows(store, f"SELECT {_HIT_COLUMNS} FROM petitions p WHERE p.id IN ({marks})", ids)
        by_id = {r[0]: r for r in rows}
        page = [(i, score) for i, score in page if i in by_id]  # a petition deleted meanwhile
        hits = [_hit(by_id[i], score=score) for i, score in page]
    total, exact = len(found), complete
    if not complete and not where.sql and len(plan.units) == 1:
        # One word alone: the vocabulary knows how many petitions hold it (exactly, for one form).
        unit = plan.units[0]
        total = max(total, unit.least)
        exact = len(unit.exact) == 1 and unit.docs == unit.least
    return SearchResult(hits, total, plan.fts, total_exact=exact), [i for i, _ in page]


def _rank(plan: _Plan, found: Sequence[Any]) -> list[tuple[int, float]]:
    """(id, score) best first from rows (id, last event, number, title, keywords, sponsor).

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
        key = (held(r[2]) if numeric else nothing, held(r[3]), held(r[4]), held(r[5]))
        score = scores.get(key)
        if score is None:
            score = scores[key] = _score(idfs, key)
        scored.append((r[0], r[1] or "", score))
    scored.sort(key=lambda x: x[0], reverse=True)  # stable sorts: id, then event, then score decide
    scored.sort(key=lambda x: x[1], reverse=True)
    scored.sort(key=lambda x: x[2])
    return [(i, score) for i, _, score in scored]


# --- snippets --------------------------------------------------------------------------

SNIPPET_WORDS = 24


async def _add_snippets(store: Store, parsed: ParsedQuery, hits: list[Hit], ids: list[int]) -> None:
    """Short extracts around the matched words, built here rather than by FTS5's snippet()

    so the costly part runs for the shown page only and the marks are ours to escape.
    """
    if not hits:
        return
    marks = ",".join("?" * len(ids))
    cut = SNIPPET_SCAN
    texts = await _rows(
        store,
        f"SELECT rowid, substr(body, 1, {cut}), substr(response, 1, {cut}), substr(keywords, 1, {cut}) "
        f"FROM petition_fts WHERE rowid IN ({marks})",
        ids,
    )
    by_id = {t[0]: t[1:] for t in texts}
    stems = tuple(s for s in parsed.stems() if s)
    exact = tuple(w for p in parsed.phrases for w in p)
    if not stems and not exact:
        return
    for hit, rowid in zip(hits, ids, strict=True):
        for column in by_id.get(rowid, ()):
            marked = make_snippet(column or "", stems, exact)
            if marked:
                hit.snippet_marked = marked
                hit.snippet = marked.replace("\x02", "").replace("\x03", "")
                break


def _letter_classes(last: int) -> dict[str, str]:
    """For each ASCII letter, a regex class with its accented forms up to code point `last` (é, È, ç...)."""
    forms: dict[str, set[str]] = {c: {c, c.upper()} for c in "abcdefghijklmnopqrstuvwxyz"}
    for cp in range(0xC0, last + 1):
        ch = chr(cp)
        base = unicodedata.normalize("NFD", ch)[0].lower()
        if base in forms:
            forms[base].add(ch)
    return {c: "[" + "".join(sorted(v)) + "]" for c, v in forms.items()}


# Classes of Latin-1 letters only (French, Spanish, German...) compile in a quarter of a
# millisecond; with Latin Extended letters (ā, ș, ő) a class needs a 64k-wide table and costs
# several. The wide ones are built only for a text that holds such a letter.
_LETTERS = _letter_classes(0xFF)
_WIDE_LETTERS = _letter_classes(0x24F)
_WIDE = re.compile("[\u0100-\u024f]")
SNIPPET_SCAN = 4000  # characters of a column looked at for a snippet: the opening says what it asks


@functools.lru_cache(maxsize=256)
def _pattern(stems: tuple[str, ...], exact: tuple[str, ...], wide: bool = False) -> re.Pattern[str] | None:
    """One regex for a query's words, built once per query (a page of hits shares it)."""
    letters = _WIDE_LETTERS if wide else _LETTERS

    def loose(word: str) -> str:
        return "".join(letters.get(c, re.escape(c)) for c in word)

    parts = [loose(s) + r"\w*" for s in stems if s] + [loose(w) + r"\b" for w in exact if w]
    if not parts:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + ")", re.IGNORECASE)


def make_snippet(
    text: str, stems: Sequence[str], exact: Sequence[str] = (), words: int = SNIPPET_WORDS
) -> str:
    """About `words` words of `text` around its best cluster of matches, matches between \\x02 and \\x03.

    One regex over the raw text (accented letters folded by character classes)
    keeps this cheap enough to run on every hit of a page.
    """
    if not text:
        return ""
    text = text[:SNIPPET_SCAN]
    pattern = _pattern(tuple(stems), tuple(exact), _WIDE.search(text) is not None)
    return _snippet_of(text, pattern, words) if pattern is not None else ""


def _snippet_of(text: str, pattern: re.Pattern[str], words: int = SNIPPET_WORDS) -> str:
    if not text:
        return ""
    text = text[:SNIPPET_SCAN]
    spans = [m.span() for m in pattern.finditer(text)]
    if not spans:
        return ""
    reach = words * 7  # characters, roughly `words` words
    best, best_count = 0, 0
    ends = [e for _, e in spans]
    for i, (start, _) in enumerate(spans):
        count = bisect.bisect_right(ends, start + reach) - i
        if count > best_count:
            best, best_count = i, count
    start = max(0, spans[best][0] - reach // 4)
    end = min(len(text), start + reach)
    if start:
        cut = text.find(" ", start, spans[best][0])
        start = cut + 1 if cut != -1 else start
    if end < len(text):
        cut = text.rfind(" ", max(start, spans[best][1]), end)
        end = cut if cut != -1 else end
    out, at = [], start
    for s, e in spans:
        if s < start or e > end:
            continue
        out.append(text[at:s])
        out.append("\x02" + text[s:e] + "\x03")
        at = e
    out.append(text[at:end])
    body = " ".join("".join(out).split())
    return ("… " if start else "") + body + (" …" if end < len(text) else "")


# --- suggestions ------------------------------------------------------------------------


async def suggest(store: Store, parsed: ParsedQuery, filters: SearchFilters) -> list[Suggestion]:
    """Ways out of an empty result: drop a filter, fix a word, or a close subject/keyword."""
    out: list[Suggestion] = []
    try:
        active = filters.active()
        alone_total = 0
        if active:
            alone = await _search(store, _unparse(parsed), SearchFilters(), limit=1, offset=0, help_=False)
            alone_total = alone.total
            if alone.total and len(active) == 1:
                out.append(Suggestion("drop_filter", active[0], str(alone.total), alone.total))
            elif alone.total:
                for name in active[:3]:
                    relaxed = await _search(
                        store, _unparse(parsed), filters.without(name), limit=1, offset=0, help_=False
                    )
                    if relaxed.total:
                        out.append(Suggestion("drop_filter", name, str(relaxed.total), relaxed.total))
                if not out:
                    out.append(Suggestion("drop_filter", "all", str(alone.total), alone.total))
        if parsed.words and not alone_total:  # words that find something alone are spelled fine
            fixed = await _spelling(store, parsed, filters)
            if fixed is not None:
                out.append(fixed)
        out.extend(await _close_titles(store, parsed))
    except Exception:  # suggestions are a courtesy; an empty result must still be returned
        log.warning("search suggestions failed", exc_info=True)
    return out


def _unparse(parsed: ParsedQuery) -> str:
    return " ".join([*parsed.words, *('"' + " ".join(p) + '"' for p in parsed.phrases)])


async def _spelling(store: Store, parsed: ParsedQuery, filters: SearchFilters) -> Suggestion | None:
    vocab = await vocabulary(store)
    changed: list[tuple[str, str]] = []
    words = list(parsed.words)
    for i, word in enumerate(words):
        if word.isdigit() or len(word) < 3:
            continue
        if await probe(store, _term(word), 1):
            continue
        fix = correct(word, vocab)
        if fix and fix != word:
            changed.append((word, fix))
            words[i] = fix
    if not changed:
        return None
    query = _unparse(ParsedQuery(tuple(words), parsed.phrases))
    result = await _search(store, query, filters, limit=1, offset=0, help_=False)
    if not result.total:
        return None
    detail = ", ".join(f"{a} → {b}" for a, b in changed)
    return Suggestion("spelling", query, detail, result.total)


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


# The vocabulary: the terms of the FTS index with their petition counts, as the
# store keeps them in `search_terms` (the counts fts5vocab gives, without walking
# the whole index). It is read once, off the main connection when the database is
# a file, and read again in the background after changes. It serves spelling
# suggestions (stale is fine) and prefix expansion (only when fresh, so a new
# word is never missed).


@dataclass(slots=True)
class Vocabulary:
    terms: list[str]  # sorted
    docs: dict[str, int]  # term -> petitions holding it
    by_letter: dict[str, list[str]]
    cum: list[int] = field(default_factory=lambda: [0])  # cum[i]: petitions summed over terms[:i]
    rows: int = 0  # petitions indexed

    def span(self, prefix: str) -> tuple[int, int]:
        """The slice of `terms` that start with `prefix`."""
        lo = bisect.bisect_left(self.terms, prefix)
        return lo, bisect.bisect_left(self.terms, prefix + "\U0010ffff", lo)


_vocab: weakref.WeakKeyDictionary[Store, tuple[int, float, Vocabulary]] = weakref.WeakKeyDictionary()
_vocab_tasks: weakref.WeakKeyDictionary[Store, asyncio.Task[None]] = weakref.WeakKeyDictionary()


async def vocabulary(store: Store) -> Vocabulary:
    """The vocabulary, built now if there is none yet, else possibly a little stale."""
    have = _vocab.get(store)
    if have is None:
        await _refresh_vocabulary(store, await last_change_id(store))
        return _vocab[store][2]
    _maybe_refresh(store, await last_change_id(store))
    return have[2]


def _maybe_refresh(store: Store, change: int) -> None:
    have = _vocab.get(store)
    if have is None or have[0] == change or store in _vocab_tasks:
        return
    if time.monotonic() - have[1] < VOCAB_REFRESH:
        return
    task = asyncio.create_task(_refresh_quietly(store, change))
    _vocab_tasks[store] = task
    task.add_done_callback(lambda _t: _vocab_tasks.pop(store, None))


async def _refresh_quietly(store: Store, change: int) -> None:
    try:
        await _refresh_vocabulary(store, change)
    except Exception:  # a background rebuild; searches fall back to prefix queries meanwhile
        log.warning("search vocabulary rebuild failed", exc_info=True)


async def warm(store: Store) -> None:
    """Build the vocabulary ahead of the first search (call at startup, in the background)."""
    await _refresh_vocabulary(store, await last_change_id(store))


async def _refresh_vocabulary(store: Store, change: int) -> None:
    started = time.monotonic()
    path = str(store.path)
    if path == ":memory:" or not store.path.exists():
        rows = [(r[0], r[1]) for r in await store.conn.execute_fetchall(_VOCAB_SQL)]
        counted = await store.conn.execute_fetchall(_ROWS_SQL)
        petitions = int(list(counted)[0][0])
    else:
        rows, petitions = await asyncio.to_thread(_read_vocab, path)
    rows.sort()
    by_letter: dict[str, list[str]] = {}
    cum = [0]
    for term, docs in rows:
        by_letter.setdefault(term[0], []).append(term)
        cum.append(cum[-1] + docs)
    vocab = Vocabulary([t for t, _ in rows], dict(rows), by_letter, cum, petitions)
    _vocab[store] = (change, time.monotonic(), vocab)
    log.info("search vocabulary: %d terms in %.0f ms", len(rows), (time.monotonic() - started) * 1000)


_VOCAB_SQL = "SELECT term, docs FROM search_terms"
"""The counts of petition_vocab (3+ characters, no digit), kept by the store as it writes (migration 008):
reading them costs milliseconds where petition_vocab walks every posting of the index."""


_ROWS_SQL = "SELECT count(*) FROM petitions"


def _read_vocab(path: str) -> tuple[list[tuple[str, int]], int]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
    try:
        terms = [(r[0], r[1]) for r in conn.execute(_VOCAB_SQL)]
        return terms, int(conn.execute(_ROWS_SQL).fetchone()[0])
    finally:
        conn.close()


# --- filters and hits for other rankers (search by meaning, bot/petitions/meaning) --------------


@dataclass(frozen=True, slots=True)
class FilterClause:
    """The filters as SQL conditions on alias `p` (petitions), resolved once: fuzzy sponsor names,
    subjects and keywords become exact values, as keyword search uses them."""

    sql: str
    params: tuple[Any, ...]
    impossible: bool  # a filter names something that does not exist: nothing passes
    few: bool  # few petitions pass (a sponsor, a country, a rare status): cheap to list them all
    sponsor_used: str | None


async def filter_clause(store: Store, filters: SearchFilters) -> FilterClause:
    where = await _where(store, filters)
    return FilterClause(where.sql, tuple(where.params), where.impossible, where.few, where.sponsor_used)


async def hits_by_id(store: Store, ids: Sequence[int]) -> dict[int, Hit]:
    """The list rows of these petitions by id; ids no longer stored are left out."""
    out: dict[int, Hit] = {}
    for i in range(0, len(ids), 500):
        chunk = list(ids[i : i + 500])
        marks = ",".join("?" * len(chunk))
        for row in await _rows(store, f"SELECT {_HIT_COLUMNS} FROM petitions p WHERE p.id IN ({marks})", chunk):
            out[int(row[0])] = _hit(row)
    return out
