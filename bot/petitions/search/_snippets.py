"""Short extracts around the matched words of a page of hits.

Snippets are cut here, one compiled regex per query, for the page's hits only, over
the first `SNIPPET_SCAN` characters of a column, rather than by FTS5's snippet(): the
costly part runs for the shown page only and the marks are ours to escape.
"""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from collections.abc import Sequence

from bot.petitions.search._query import ParsedQuery
from bot.petitions.search._types import Hit
from bot.petitions.store import Store

SNIPPET_WORDS = 24
SNIPPET_SCAN = 4000  # characters of a column looked at for a snippet: the opening says what it asks


async def add_snippets(store: Store, parsed: ParsedQuery, hits: list[Hit], ids: list[int]) -> None:
    """Set each hit's snippet from the first of its body, response and keywords that holds a match."""
    if not hits:
        return
    marks = ",".join("?" * len(ids))
    cut = SNIPPET_SCAN
    texts = await store.fetch_all(
        f"SELECT rowid AS id, substr(body, 1, {cut}) AS body, substr(response, 1, {cut}) AS response, "
        f"substr(keywords, 1, {cut}) AS keywords FROM petition_fts WHERE rowid IN ({marks})",
        ids,
    )
    by_id = {t["id"]: (t["body"], t["response"], t["keywords"]) for t in texts}
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
