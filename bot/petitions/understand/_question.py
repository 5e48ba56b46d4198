"""The question before it is read: one clean line, its language, its cue words' typos, its number.

These steps need nothing from the store: they only tidy the text and take what cannot be
anything else (a petition number), so the steps after them see plain words.
"""

from __future__ import annotations

import re
import unicodedata

from rapidfuzz import process
from rapidfuzz.distance import OSA

from bot.petitions.errors import BadPetitionNumber
from bot.petitions.numbers import parse_number
from bot.petitions.text import collapse, hyphens, visible
from bot.petitions.understand import _lexicon as lex
from bot.petitions.understand._tokens import Token, Tokens

MAX_READ = 400  # characters of a question read; nobody asks more in one breath

_FENCES = re.compile(r"`{1,3}|[*_~|>]{1,3}|<[@#:!/][^>]*>")
_SHORTHAND = [
    (re.compile(r"\bw/o\b", re.I), " without "),
    (re.compile(r"\bw/(?=\s|\w)", re.I), " with "),
    (re.compile(r"\bb/c\b", re.I), " because "),
    (re.compile(r"&"), " and "),
    (re.compile(r"\bgov(?:t|'t)?\.?(?='s|\b)", re.I), "government"),
]
_E_NUMBER = re.compile(r"(?<![\w-])e ?-? ?(\d{1,5})(?![\d-])", re.I)
_PAPER_NUMBER = re.compile(r"(?<![\w-])(\d{3})(?:[ _/-]+(\d{1,5})|(\d{5}))(?![\d-])")
_URL = re.compile(r"(?:https?://|www\.)\S+", re.I)
_PREFIXED = re.compile(
    r"(?:#|\bno\.?|\bn[o°º]\.?|\bnum[eé]ro|\bnumber|\bp[ée]tition)\s*#?\s*(\d{3,5})\b", re.I
)
_YEARLIKE = re.compile(r"(?:19[5-9]\d|20\d\d)$")


def normalise(question: str) -> str:
    """The question as one clean line: no invisible characters, Markdown or mentions, plain dashes."""
    text = unicodedata.normalize("NFKC", visible(question or ""))[: MAX_READ * 2]
    text = hyphens(text).replace("\u2019", "'").replace("\u2018", "'")
    text = _FENCES.sub(" ", text)
    for pattern, replacement in _SHORTHAND:
        text = pattern.sub(replacement, text)
    return collapse(text)[:MAX_READ]


def detect_lang(tokens: Tokens, default: str) -> str:
    """The question's language; a short or mixed one ("e-4123 status?") keeps the reader's (`default`).

    A word only one language has ("bonjour", "which") counts twice, a word both may use once,
    an accent once; the other language must lead by two.
    """
    score = {"en": 0, "fr": 0}
    for token in tokens.items:
        word = token.folded
        if word != token.surface.lower():
            score["fr"] += 1  # an accent
        for lang, weak, strong in (
            ("en", lex.ENGLISH, lex.ENGLISH_ONLY),
            ("fr", lex.FRENCH, lex.FRENCH_ONLY),
        ):
            score[lang] += 2 if word in strong else 1 if word in weak else 0
    default = "fr" if default == "fr" else "en"
    other = "en" if default == "fr" else "fr"
    return other if score[other] - score[default] >= 2 else default


def fix_cue_typos(tokens: Tokens) -> None:
    """A cue word mistyped ("petiton", "goverment", "reponce") is still that word."""
    for i, token in enumerate(tokens.items):
        word = token.folded
        if len(word) < 6 or word in lex.TYPO_TARGETS or word in lex.NOT_TOPICS or not word.isalpha():
            continue
        budget = 1 if len(word) < 9 else 2
        hit = process.extractOne(word, lex.TYPO_TARGETS, scorer=OSA.distance, score_cutoff=budget)
        if hit is not None and hit[0][0] == word[0]:
            tokens.items[i] = Token(token.surface, hit[0], token.start, token.end)
    tokens.take(0, 0)  # forget the joined text built before the fixes


def find_number(text: str, tokens: Tokens) -> str | None:
    """The first petition number, canonical; its words taken (the 4123 of e-4123 is no year)."""
    candidates: list[tuple[int, int, str]] = []
    for m in _URL.finditer(text):
        candidates.append((m.start(), m.end(), m.group()))
    for m in _E_NUMBER.finditer(text):
        candidates.append((m.start(), m.end(), f"e-{m.group(1)}"))
    for m in _PAPER_NUMBER.finditer(text):
        candidates.append((m.start(), m.end(), m.group(1) + "-" + (m.group(2) or m.group(3))))
    for m in _PREFIXED.finditer(text):
        if not _YEARLIKE.match(m.group(1)) or m.group().startswith("#"):
            candidates.append((m.start(1), m.end(), f"e-{m.group(1)}"))
    for start, end, raw in sorted(candidates, key=lambda c: (c[0], -c[1])):
        try:
            number = parse_number(raw).text
        except BadPetitionNumber:
            continue
        for i, token in enumerate(tokens.items):
            if token.start < end and token.end > start:
                tokens.take(i, i + 1)
        return number
    return None
