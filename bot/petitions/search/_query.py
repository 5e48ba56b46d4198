"""What a user types, turned into words and phrases that can only ever be searched for.

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
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

MAX_QUERY_CHARS = 300  # longer input is cut: nobody types more into a search box
MAX_TERMS = 12  # words + phrases kept from one query
MAX_PHRASE_WORDS = 12

_STOPWORD_TEXT = """
a an and are as at be by for from in into is it of on or the their to with
au aux ce ces d de des du en est et l la le les leur ou par pour qu que qui sur un une
"""
_STOPWORDS = frozenset(_STOPWORD_TEXT.split())
#: Words FTS5 reads as operators when typed in capitals; as a subject or a search they say nothing.
_OPERATORS = frozenset({"and", "or", "not", "near"})
#: A word as the FTS tokenizer cuts it: letters and digits.
WORD = re.compile(r"[^\W_]+")
_SMART_QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"'})
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
# "title:" and friends are FTS5 column filters; people type them from habit, so they are dropped.
_COLUMN_PREFIX = re.compile(r"\b(?:number|title|keywords|body|response|sponsor)\s*:", re.IGNORECASE)


def plain(text: str) -> str:
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
                parts.append(term(w))
        parts += ['"' + " ".join(p) + '"' for p in self.phrases]
        return " AND ".join(parts)

    def stems(self) -> list[str]:
        return [stem(w) for w in self.words]


def term(word: str) -> str:
    """One typed word as an FTS5 term: its stem as a prefix, or the word itself when short."""
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
        tokens = WORD.findall(plain(piece))
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


def unparse(parsed: ParsedQuery) -> str:
    """Text that parses back to `parsed`: to run it again with other filters or a corrected word."""
    return " ".join([*parsed.words, *('"' + " ".join(p) + '"' for p in parsed.phrases)])


def content_words(text: str | None) -> list[str]:
    """The words of `text` that say what to look for: not "the", "et", nor an operator such as "AND"."""
    return [w for w in WORD.findall(plain(text or "")) if w not in _STOPWORDS and w not in _OPERATORS]
