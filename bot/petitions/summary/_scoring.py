"""Scoring a sentence: how much it says what the government does or decides.

The quick way and the plain way of matching the lexicons (see `_lexicons`) live here, with
the character classes that decide which one a sentence can take.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import chain

from bot.petitions.summary._lexicons import (
    F_ACTION,
    F_BOILERPLATE,
    F_CHANNELS,
    F_CONCRETE,
    F_SOFT,
    F_STRONG,
    FLAGGED,
    SUBJECT,
    WORD,
)
from bot.petitions.text import fold

_ASCII_NON_WORD = str.maketrans({c: " " for c in map(chr, range(128)) if not WORD.match(c)})


class _QuickIndex:
    """Every lexicon's rules filed under their gate words (the quick way, see `_lexicons`).

    One set intersection with a sentence's words finds the few rules worth running.
    """

    __slots__ = ("exact", "gated", "words", "parts")

    def __init__(self) -> None:
        exact: dict[str, int] = {}
        gated: dict[str, list[tuple[int, re.Pattern[str]]]] = {}
        parts: list[tuple[int, str, re.Pattern[str]]] = []
        for bit, lexicon in ((0, SUBJECT), *FLAGGED):  # bit 0: who acts, which needs a position
            for rule in lexicon.rules:
                if rule.exact and bit:
                    for word in rule.words:
                        exact[word] = exact.get(word, 0) | bit
                    continue
                compiled = re.compile(rule.pattern.lower())
                for word in rule.words:
                    gated.setdefault(word, []).append((bit, compiled))
                if rule.part:
                    parts.append((bit, rule.part, compiled))
        self.exact = exact
        self.gated = {word: tuple(found) for word, found in gated.items()}
        self.words = frozenset(exact) | frozenset(gated)
        self.parts = tuple(parts)

    def features(self, low: str, words: list[str]) -> tuple[int, int]:
        """The feature bits of an ordinary sentence, and where it names an actor (-1: nowhere).

        `low` is the sentence lower-cased and `words` its \\w+ runs. The position is the
        leftmost, except that the search stops at the first one before OPENS_AT: the score
        only asks whether an actor is named and whether one opens the sentence.
        """
        hits = self.words.intersection(words)
        flags = 0
        for word in hits:
            flags |= self.exact.get(word, 0)
        subject_at = -1
        for word in hits:
            for bit, pattern in self.gated.get(word, ()):
                if not bit:
                    if subject_at < 0 or subject_at >= OPENS_AT:
                        m = pattern.search(low)
                        if m is not None and (subject_at < 0 or m.start() < subject_at):
                            subject_at = m.start()
                elif not flags & bit and pattern.search(low) is not None:
                    flags |= bit
        for bit, part, pattern in self.parts:
            if not flags & bit and part in low and pattern.search(low) is not None:
                flags |= bit
        return flags, subject_at


def plain_features(sentence: str) -> tuple[int, int]:
    """The same as _QuickIndex.features, the plain way, for any sentence."""
    flags = 0
    for bit, lexicon in FLAGGED:
        if lexicon.plain.search(sentence) is not None:
            flags |= bit
    m = SUBJECT.plain.search(sentence)
    return flags, -1 if m is None else m.start()


_QUICK = _QuickIndex()


def quick_features(low: str, words: list[str]) -> tuple[int, int]:
    """The quick way on its own, for the test that checks it agrees with `plain_features`."""
    return _QUICK.features(low, words)


def _ordinary_characters() -> tuple[re.Pattern[str], dict[int, str]]:
    """Find the characters the quick way handles exactly, and what fold() makes of each.

    Candidates are the Latin letters and typographic punctuation real responses use. One
    qualifies when lower-casing it gives one character that case-insensitive matching
    treats as that same character (not so for "ſ", "ı", "İ"), that is a word character,
    digit or space exactly when the original is one, and that fold() treats like the
    original; and, if it is not a word character, when fold() turns it into something that
    is not empty and has no letter a-z (so it still separates words). Returns a pattern
    finding any other non-ASCII character, and fold() of each ordinary character (a space
    for white space, which fold() collapses).
    """
    # Every letter the lower-cased patterns spell, and all of a-z ("[a-z]{2,5}" names no letter).
    cased = {ch for _, lex in ((0, SUBJECT), *FLAGGED) for r in lex.rules for ch in r.pattern.lower()}
    cased = {ch for ch in cased if ch.isalpha()} | set("abcdefghijklmnopqrstuvwxyz")
    any_pattern_letter = re.compile(f"[{''.join(sorted(cased))}]", re.IGNORECASE)
    word, digit, space = (re.compile(c) for c in (r"\w", r"\d", r"\s"))
    ascii_letter = re.compile("[a-z]")

    def folded(ch: str) -> str:
        return " " if ch.isspace() else fold(ch)

    candidates = {chr(c) for c in (*range(0xA0, 0x180), *range(0x2000, 0x2070), 0x20AC)}
    ordinary: dict[int, str] = {}
    for ch in sorted(candidates):
        low = ch.lower()
        if len(low) != 1 or not (low.isascii() or low in candidates):
            continue
        if bool(any_pattern_letter.fullmatch(ch)) != (low in cased):
            continue
        if any(bool(c.fullmatch(ch)) != bool(c.fullmatch(low)) for c in (word, digit, space)):
            continue
        if folded(ch) != folded(low):
            continue
        if not word.fullmatch(ch) and (not folded(ch) or ascii_letter.search(folded(ch))):
            continue
        ordinary[ord(ch)] = folded(ch)
    # A capital qualifies only if its small letter does, so a lower-cased ordinary text is ordinary.
    ordinary = {
        c: f for c, f in ordinary.items() if chr(c).lower().isascii() or ord(chr(c).lower()) in ordinary
    }
    allowed = "".join(re.escape(chr(c)) for c in sorted(ordinary))
    return re.compile(f"[^\\x00-\\x7f{allowed}]"), ordinary


UNORDINARY, _FOLDED = _ordinary_characters()
_LETTERS = re.compile(r"[a-z]{5,}")
_STEM = 6


def focus_stems(focus: Sequence[str] | None) -> frozenset[str]:
    """The first letters of each longer word of `focus`, folded (what a sentence's words are compared to)."""
    if not focus:
        return frozenset()
    text = " ".join(focus)
    if text.isascii():
        letters = text.lower()
    elif UNORDINARY.search(text) is None:
        # fold() works character by character (apart from collapsing white space, which never
        # joins or splits a run of letters), so a look-up per character gives the same runs.
        letters = text.lower().translate(_FOLDED)
    else:
        letters = fold(text)
    return frozenset(w[:_STEM] for w in _LETTERS.findall(letters))


class _WordStems(dict[str, frozenset[str]]):
    """The focus stems each word of an ordinary lower-cased sentence holds (usually one or none).

    Ordinary characters between words fold to no letter, so a sentence's stems are the
    union of its words'. Cached, and bounded: words repeat across responses far more than
    sentences do.
    """

    limit = 50_000

    def __missing__(self, word: str) -> frozenset[str]:
        letters = word if word.isascii() else word.translate(_FOLDED)
        stems = frozenset(w[:_STEM] for w in _LETTERS.findall(letters))
        if len(self) >= self.limit:
            self.clear()
        self[word] = stems
        return stems


_WORD_STEMS = _WordStems()


# A header or signer line that leaked into the paragraphs.
HEADER = re.compile(r"^(?:response by|réponse d[eu'’ ]|réponse de la|signed by|signé par)", re.IGNORECASE)
_CLEAN_ENDINGS = frozenset(".!?…;:»\"”’')]")
THRESHOLD = 3.0
OPENS_AT = 40  # an actor named before this position opens the sentence


def ends_cleanly(sentence: str) -> bool:
    """Whether the sentence ends on terminal punctuation or a closing mark."""
    if sentence.endswith("\n"):  # as the regex "[…]$" would, ignore one final newline
        sentence = sentence[:-1]
    return sentence[-1:] in _CLEAN_ENDINGS


_ANAPHORA = re.compile(
    r"^(?:Since then|Depuis lors|Depuis,|In addition|Furthermore|De plus|En outre)\b", re.IGNORECASE
)
_ANAPHORA_INITIALS = frozenset("sdife")  # what an ordinary sentence opening with one begins with
_PRONOUN = re.compile(r"^(?:It|They|Il|Elle|Ils|Elles|Celui-ci|Celle-ci)\b")


def score_sentence(sentence: str, focus: frozenset[str], after_actor: bool = False) -> tuple[float, bool]:
    """How much a sentence says what the government does or decides (higher is better).

    `after_actor` says the previous sentence named the government, so an opening
    "It"/"Il" stands for it. Also returns whether this sentence names the government
    itself (or continues with such a pronoun), which is `after_actor` for the next one.
    `sentence` is collapsed (single spaces), as every sentence from the splitter is.
    """
    low = sentence.lower()
    words: list[str] | None = None
    if sentence.isascii():
        words = low.translate(_ASCII_NON_WORD).split()  # the same as WORD.findall(low), quicker
        flags, subject_at = _QUICK.features(low, words)
    elif UNORDINARY.search(sentence) is None:
        words = WORD.findall(low)
        flags, subject_at = _QUICK.features(low, words)
    else:  # rare characters: the plain case-insensitive patterns on the text as written
        flags, subject_at = plain_features(sentence)
    pronoun = after_actor and subject_at < 0 and _PRONOUN.match(sentence) is not None
    names_actor = subject_at >= 0 or pronoun
    if flags & F_BOILERPLATE:
        return -10.0, names_actor
    if pronoun:
        subject_at = 0
    action = flags & F_ACTION
    score = 0.0
    if subject_at >= 0 and action:
        score += 4.0
        if subject_at < OPENS_AT:  # the actor opens the sentence
            score += 1.0
    elif action:
        score += 1.5
    elif subject_at >= 0:
        score += 1.0
    if flags & F_STRONG:
        score += 1.0
    if flags & F_CHANNELS:
        score += 3.0
    if flags & F_CONCRETE:
        score += 0.5
    if flags & F_SOFT:
        score -= 2.0
    if (words is None or low[:1] in _ANAPHORA_INITIALS) and _ANAPHORA.match(sentence):
        # "Since then, …" makes no sense once lifted out
        score -= 2.0
    if sentence.count(" ") < 5:  # fewer than six words
        score -= 1.0
    if not ends_cleanly(sentence):
        score -= 1.0
    if focus:
        if words is None:
            stems = {w[:_STEM] for w in _LETTERS.findall(fold(sentence))}
            score += min(2.0, 0.5 * len(stems & focus))
        else:
            stems_in_focus = focus.intersection(chain.from_iterable(map(_WORD_STEMS.__getitem__, words)))
            score += min(2.0, 0.5 * len(stems_in_focus))
    return score, names_actor
