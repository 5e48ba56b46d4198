"""Autocomplete choices for slash-command options, as (name, value) pairs.

Discord asks on every keystroke and gives up after three seconds, so each
provider answers from an index or an in-memory list, returns at most 25
choices with names and values of at most 100 characters, ranks exact and
prefix matches first, and never raises: a failure is logged and gives [].
The command checks the submitted value again, so a choice is only a hint.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import re
import sqlite3
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from rapidfuzz import fuzz

from bot.petitions.cache import cached
from bot.petitions.search import keywords, plain, subjects
from bot.petitions.sponsors import candidates, name_words, score_name, sponsor_roster
from bot.petitions.store import Store
from bot.petitions.text import collapse, fold, visible

log = logging.getLogger(__name__)

MAX_CHOICES = 25
MAX_LEN = 100
Choice = tuple[str, str]

_E_NUMBER = re.compile(r"^(?:#\s*)?e[\s\-_]*(\d{0,5})$")
_PAPER_NUMBER = re.compile(r"^(?:#\s*)?(\d{1,3})(?:[\s\-_/]*(\d{0,5}))?$")
_WORD = re.compile(r"[^\W_]+")


def _clip(text: str, size: int = MAX_LEN) -> str:
    text = collapse(visible(text))
    return text if len(text) <= size else text[: size - 1].rstrip() + "…"


async def guarded(
    what: str, run: Callable[[], Awaitable[Sequence[tuple[str, str]]]], *, seconds: float | None = None
) -> list[Choice]:
    """The one autocomplete guard: at most 25 choices within Discord's sizes, in time, never an exception.

    Autocomplete is only a hint (the command checks the value again), so a slow or failing
    provider gives an empty list and a warning rather than an error. Names lose what a reader
    cannot see and are cut with "…"; repeated values are dropped. The providers here use it, and
    so does the bot for choices it builds itself (`bot.discord_bot.autocomplete_choices`).
    """
    try:
        async with asyncio.timeout(seconds):  # None: no time limit (the CLI, the tests)
            out = await run()
    except Exception:  # autocomplete must answer something, even on a broken store
        log.warning("autocomplete %s failed", what, exc_info=True)
        return []
    seen: set[str] = set()
    unique: list[Choice] = []
    for name, raw in out:
        value = str(raw)
        if value and value not in seen:
            seen.add(value)
            unique.append((_clip(str(name)) or "—", value[:MAX_LEN]))
    return unique[:MAX_CHOICES]


# --- petitions ----------------------------------------------------------------------


def _label(row: sqlite3.Row, lang: str, extra: str = "") -> str:
    """'441-00155 — Foreign affairs' in the reader's language (the other if missing)."""
    number, en, fr = row["number"], row["subject_en"], row["subject_fr"]
    title = (fr or en) if lang == "fr" else (en or fr)
    label = f"{number} — {title}" if title else number
    return f"{label} · {extra}" if extra else label


async def petition_choices(store: Store, current: str, lang: str) -> list[Choice]:
    """Petitions by number prefix ("e-41", "E 41", "441-001") or by words of their subject and keywords."""
    return await guarded("petition", lambda: _petition_choices(store, current or "", lang))


_LABEL_COLS = "number, subject_en, subject_fr"


async def _petition_choices(store: Store, current: str, lang: str) -> list[Choice]:
    text = collapse(current)[:MAX_LEN].lower()
    if not text:
        rows = await store.fetch_all(
            f"SELECT {_LABEL_COLS} FROM petitions ORDER BY last_event DESC, id DESC LIMIT ?",
            [MAX_CHOICES],
        )
        return [(_label(r, lang), r["number"]) for r in rows]
    m = _E_NUMBER.match(text)
    if m:
        return [(_label(r, lang), r["number"]) for r in await _e_numbers(store, m.group(1))]
    m = _PAPER_NUMBER.match(text)
    if m:
        return [
            (_label(r, lang), r["number"]) for r in await _paper_numbers(store, m.group(1), m.group(2) or "")
        ]
    return await _by_words(store, text, lang)


async def _e_numbers(store: Store, digits: str) -> list[sqlite3.Row]:
    """e-petitions whose sequence starts with `digits`, shortest (exact) first."""
    if not digits:
        return await store.fetch_all(
            f"SELECT {_LABEL_COLS} FROM petitions WHERE kind = 'e' ORDER BY last_event DESC, id DESC LIMIT ?",
            [MAX_CHOICES],
        )
    if int(digits) == 0:
        return []
    out: list[sqlite3.Row] = []
    base = int(digits)
    for extra in range(0, 6 - len(digits)):
        if len(out) >= MAX_CHOICES:
            break
        lo, hi = base * 10**extra, (base + 1) * 10**extra - 1
        if extra <= 2:
            numbers = [f"e-{n}" for n in range(lo, hi + 1)]
            marks = ",".join("?" * len(numbers))
            sql = f"SELECT {_LABEL_COLS} FROM petitions WHERE number IN ({marks}) ORDER BY seq LIMIT ?"
            out += await store.fetch_all(sql, [*numbers, MAX_CHOICES - len(out)])
        else:  # "e-4" + 3 more digits: walk the text index over the range instead of listing it
            sql = (
                f"SELECT {_LABEL_COLS} FROM petitions WHERE number >= ? AND number < ? "
                "AND length(number) = ? ORDER BY number LIMIT ?"
            )
            out += await store.fetch_all(
                sql, [f"e-{lo}", f"e-{hi + 1}", len(f"e-{lo}"), MAX_CHOICES - len(out)]
            )
    return out


async def _paper_numbers(store: Store, head: str, tail: str) -> list[sqlite3.Row]:
    """Paper petitions (and presented e-petitions) whose number starts like `head-tail`."""
    # "44" -> 441-…, 442-…; "441-001" -> 441-001xx
    prefix = f"{head}-{tail}" if len(head) == 3 and tail else head
    upper = prefix[:-1] + chr(ord(prefix[-1]) + 1)
    exact: list[sqlite3.Row] = []
    if len(head) == 3 and tail:
        number = f"{head}-{int(tail):05d}" if int(tail) else None
        if number:
            exact = await store.fetch_all(
                f"SELECT {_LABEL_COLS} FROM petitions WHERE number = ? OR presented_number = ? LIMIT 2",
                [number, number],
            )
    rows = await store.fetch_all(
        f"SELECT {_LABEL_COLS} FROM petitions WHERE number >= ? AND number < ? ORDER BY number LIMIT ?",
        [prefix, upper, MAX_CHOICES],
    )
    if len(rows) < MAX_CHOICES:
        rows += await store.fetch_all(
            f"SELECT {_LABEL_COLS} FROM petitions WHERE presented_number >= ? AND presented_number < ? "
            "ORDER BY presented_number LIMIT ?",
            [prefix, upper, MAX_CHOICES - len(rows)],
        )
    return exact + rows


_CANDIDATES = 80  # petitions FTS5 hands over for the full prefixes to be checked here


async def _by_words(store: Store, text: str, lang: str) -> list[Choice]:
    """Petitions whose subject or keywords hold words starting with what was typed.

    FTS5 finds candidates through its 2–4 letter prefix index (cheap at any
    size); the full prefixes are then checked here on the few candidates.

    A trailing one-letter word is a prefix still being typed ("Social affairs and e",
    "Parlement e"). FTS5 has no one-letter prefix index, so the other words find the
    candidates and the letter is checked here; only when that leaves nothing among a full page
    of candidates is the letter put to FTS5 too, as the two-letter starts of the subject and
    keyword words it begins.
    """
    words = [w for w in _WORD.findall(plain(text)) if w][:6]
    if not words:
        return []
    trailing = len(words[-1]) == 1
    complete = words[:-1] if trailing else words
    terms = [f'"{w[:4]}"*' if len(w) >= 2 else f'"{w}"' for w in complete]
    if complete:
        rows = await _fts_candidates(store, terms)
        ranked = _ranked(rows, words, lang)
        if ranked or not trailing or len(rows) < _CANDIDATES:
            return ranked
    heads = await _title_heads(store, words[-1])
    if not heads:
        return []
    letter = "(" + " OR ".join([f'"{words[-1]}"', *(f'"{h}"*' for h in heads)]) + ")"
    return _ranked(await _fts_candidates(store, [*terms, letter]), words, lang)


async def _fts_candidates(store: Store, terms: list[str]) -> list[sqlite3.Row]:
    """The newest petitions whose subject or keywords match every FTS term."""
    fts = "{title keywords} : (" + " AND ".join(terms) + ")"
    sql = (
        "SELECT p.number AS number, p.subject_en AS subject_en, p.subject_fr AS subject_fr, "
        "f.title AS title, f.keywords AS keywords "
        "FROM (SELECT rowid, title, keywords FROM petition_fts WHERE petition_fts MATCH ? "
        "ORDER BY rowid DESC LIMIT ?) AS f CROSS JOIN petitions p ON p.id = f.rowid "
    )
    return await store.fetch_all(sql, [fts, _CANDIDATES])


@functools.lru_cache(maxsize=8192)
def _folded(text: str) -> str:
    """A subject or keyword text as FTS5 sees its letters (these texts repeat, hence the cache)."""
    return plain(text)


def _word_starts(words: list[str]) -> list[re.Pattern[str]]:
    """One pattern per typed word: that word at the start of a word (a letter or digit not preceded by one)."""
    return [re.compile(r"(?<![^\W_])" + re.escape(w)) for w in words]


def _ranked(rows: list[sqlite3.Row], words: list[str], lang: str) -> list[Choice]:
    """Candidates holding a word that starts with each typed word, title matches first."""
    starts = _word_starts(words)
    in_titles, in_keywords = [], []
    for row in rows:
        title, kws = _folded(row["title"] or ""), _folded(row["keywords"] or "")
        if all(p.search(title) for p in starts):
            in_titles.append(row)
        elif all(p.search(title) or p.search(kws) for p in starts):
            in_keywords.append(row)
    # newest stored first within each rank; labels only for the choices Discord will show
    shown = in_titles[:MAX_CHOICES]
    out = [(_label(r, lang), r["number"]) for r in shown]
    for r in in_keywords[: MAX_CHOICES - len(shown)]:
        out.append((_label(r, lang, _matched_keyword(r["keywords"] or "", starts)), r["number"]))
    return out


async def _title_heads(store: Store, letter: str) -> list[str]:
    """Two-letter starts of the subject and keyword words (as FTS5 sees them) that begin with `letter`."""

    async def build() -> frozenset[str]:
        names = [n for en, fr, _ in await subjects(store) for n in (en, fr) if n]
        names += [n for _, en, fr, _ in await keywords(store) for n in (en, fr) if n]
        return frozenset(w[:2] for n in names for w in _WORD.findall(plain(n)) if len(w) >= 2)

    return sorted(h for h in await cached(store, "title-heads", build) if h.startswith(letter))


def _matched_keyword(keywords_text: str, starts: list[re.Pattern[str]]) -> str:
    for part in re.split(r"\s\n\s|\n", keywords_text):
        if any(p.search(_folded(part)) for p in starts):
            return part.strip()
    return ""


# --- sponsors, subjects, countries -----------------------------------------------------


async def sponsor_choices(store: Store, current: str, lang: str) -> list[Choice]:
    """Members who sponsored petitions; the value is the member id when known."""
    return await guarded("sponsor", lambda: _sponsor_choices(store, current or "", lang))


async def _sponsor_choices(store: Store, current: str, lang: str) -> list[Choice]:
    roster = await sponsor_roster(store)
    petitions_word = "pétitions" if lang == "fr" else "petitions"

    def choice(s: Any) -> Choice:
        return (f"{s.name} ({s.petitions} {petitions_word})", str(s.person_id) if s.person_id else s.name)

    words = name_words(current[:MAX_LEN])
    if not words:
        return [choice(s) for s in roster.everyone[:MAX_CHOICES]]
    whole = " ".join(words)
    ranked = []
    for s in candidates(words, roster):
        folded = " ".join(name_words(s.name))
        if folded == whole:
            tier = 0
        elif folded.startswith(whole) or any(w.startswith(whole) for w in s.words):
            tier = 1
        else:
            sc = score_name(words, s)
            if sc < 70:
                continue
            tier = 2 if sc >= 85 else 3
            ranked.append((tier, -sc, -s.petitions, s.name, s))
            continue
        ranked.append((tier, 0.0, -s.petitions, s.name, s))
    ranked.sort(key=lambda x: x[:4])
    return [choice(x[4]) for x in ranked[:MAX_CHOICES]]


async def subject_choices(store: Store, current: str, lang: str) -> list[Choice]:
    """Subjects (and keywords) in the reader's language; the value is the subject text."""
    return await guarded("subject", lambda: _subject_choices(store, current or "", lang))


async def _subject_names(store: Store, lang: str) -> list[tuple[str, str, int]]:
    """(name in `lang`, folded name, petitions), subjects first then keywords; cached."""

    async def build() -> list[tuple[str, str, int]]:
        counts: dict[str, int] = {}
        for en, fr, n in await subjects(store):
            name = (fr or en) if lang == "fr" else (en or fr)
            if name:
                counts[name] = counts.get(name, 0) + n
        out = sorted(((k, fold(k), n) for k, n in counts.items()), key=lambda x: (-x[2], x[1]))
        return out

    return await cached(store, f"subject-names-{lang}", build)


async def _subject_choices(store: Store, current: str, lang: str) -> list[Choice]:
    names = await _subject_names(store, lang)
    want = fold(current[:MAX_LEN])
    if not want:
        return [(n, n) for n, _, _ in names[:MAX_CHOICES]]
    ranked = []
    for name, folded, count in names:
        if folded == want:
            tier, sc = 0, 100.0
        elif folded.startswith(want):
            tier, sc = 1, 100.0
        elif any(w.startswith(want) for w in folded.split()):
            tier, sc = 2, 100.0
        else:
            sc = fuzz.partial_ratio(want, folded) if len(want) >= 3 else 0.0
            if sc < 75:
                continue
            tier = 3
        ranked.append((tier, -sc, -count, folded, name))
    ranked.sort(key=lambda x: x[:4])
    return [(x[4], x[4]) for x in ranked[:MAX_CHOICES]]


async def keyword_choices(store: Store, current: str, lang: str) -> list[Choice]:
    """Keywords in the reader's language; the value is the keyword as stored (folded)."""

    async def run() -> list[Choice]:
        items = await keywords(store)
        want = fold((current or "")[:MAX_LEN])
        ranked = []
        for key, en, fr, n in items:
            name = (fr or en) if lang == "fr" else (en or fr)
            if not name:
                continue
            folded = fold(name)
            if not want or folded == want or key == want:
                tier = 0
            elif folded.startswith(want):
                tier = 1
            elif any(w.startswith(want) for w in folded.split()):
                tier = 2
            else:
                continue
            ranked.append((tier, -n, folded, name, key))
        ranked.sort(key=lambda x: x[:3])
        return [(x[3], x[4]) for x in ranked[:MAX_CHOICES]]

    return await guarded("keyword", run)


async def country_choices(current: str, lang: str) -> list[Choice]:
    """Countries by name in either language or by ISO code (bot.petitions.countries does the matching)."""

    async def run() -> list[Choice]:
        from bot.petitions.countries import country_choices as find  # written alongside; imported late

        return list(find(current or "", lang, MAX_CHOICES))

    return await guarded("country", run)
