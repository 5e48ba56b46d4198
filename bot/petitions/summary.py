"""Short extractive summaries of government responses.

A response runs to a page or two; a reader in Discord wants the two or three
sentences that say what the government does or decides. We pick whole sentences
from the text, never rewrite them, and keep their original order, so the summary
can always be checked against the response word for word. Everything here is a
pure function of its input: the same response gives the same summary on every
run, which lets us compute it once at ingest and store it.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain
from typing import NamedTuple

from bot.petitions.model import Bi, Lang, Petition, Response
from bot.petitions.text import fold

log = logging.getLogger(__name__)


def _words(text: str) -> list[str]:
    """Split a space-separated word list (keeps long vocabularies readable)."""
    return text.split()


__all__ = [
    "SummaryText",
    "split_sentences",
    "summarize",
    "summarize_response",
    "summaries_for",
    "summary_note",
]

# --- Sentence splitting --------------------------------------------------------

# Abbreviations after which a full stop never ends a sentence (lower case, no final dot).
_ALWAYS_ABBREV = frozenset(
    # titles
    _words(
        "mr mrs ms dr st ste hon rt prof rev sgt capt lt gen col maj cpl jr sr mm mmes mlle mgr me "
        # Latin and common short forms
        "e.g i.e cf viz vs v approx dept govt inc ltd corp co fig ex p.ex c.-à-d c-à-d c.à.d env mod"
    )
)
# Abbreviations that are only abbreviations when a number follows ("s. 12(6)", "art. 5", "No. 3").
_NUMBERED_ABBREV = frozenset(
    _words(
        "no nos art arts s ss p pp c ch vol para paras sec al n par sect subs r reg chap annexe sched "
        # months, "Jan. 31", "janv. 2022"
        "jan feb mar apr jun jul aug sep sept oct nov dec janv févr fév avr juil juill déc"
    )
)
_DOTTED = re.compile(r"(?:[^\W\d_]{1,3}\.)+[^\W\d_]{1,3}")  # U.S, e.g, i.e, Ph.D, a.m, S.C
_INITIAL = re.compile(r"[A-ZÀ-ÖØ-Þ]")  # "M. Trudeau", "J. Smith"
# "..." alone, else any run of terminal marks; spelled to open with a character class so the
# regex engine can skip quickly to the next candidate (same matches as r"\.\.\.|[.!?…]+").
_TERMINAL = re.compile(r"[.!?…](?:(?<=\.)\.\.|[.!?…]*)")
_CLOSERS = re.compile(r"(?:[\"”’'»)\]]|\s[»”])*")
_CLOSER_CHARS = frozenset("\"”’'»)]")  # what _CLOSERS can start with, white space aside
_OPENING = "«\"“‘'(["
_ASCII_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
_GLUED_NEXT = re.compile(r"[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ]+")


def _starts_sentence(text: str, pos: int) -> bool:
    """Whether the text at `pos` looks like the start of a new sentence."""
    i = pos
    while i < len(text) and text[i] in _OPENING:
        i += 1
        while i < len(text) and text[i] == " ":
            i += 1
    if i >= len(text):
        return False
    ch = text[i]
    return ch.isupper() or ch.isdigit() or ch == "$"


def _is_abbreviation(text: str, dot: int, next_pos: int) -> bool:
    """Whether the full stop at `dot` belongs to an abbreviation rather than ending a sentence.

    `text` is collapsed, so the word before the stop starts after the last space.
    """
    token = text[text.rfind(" ", 0, dot) + 1 : dot].lstrip(_OPENING)
    if len(token) > 1 and token[1] in "'’" and token[0] in _ASCII_LETTERS:
        token = token[2:]  # "l'art." is "art."
    if not token:
        return False
    low = token.lower()
    if low in _ALWAYS_ABBREV:
        return True
    if low in _NUMBERED_ABBREV and next_pos < len(text) and text[next_pos].isdigit():
        return True
    if len(token) == 1:
        return _INITIAL.fullmatch(token) is not None
    return "." in token and _DOTTED.fullmatch(token) is not None


def split_sentences(paragraph: str) -> list[str]:
    """Cut one paragraph into sentences without ever cutting inside an abbreviation.

    A boundary is terminal punctuation (with any closing quotes or guillemets),
    white space, then something that can open a sentence (a capital, a digit, an
    opening quote). Abbreviations, initials, dotted acronyms and decimal numbers
    are not boundaries. Sentences glued together by stripped markup
    ("violence.Canada") are separated too.
    """
    return _split_collapsed(_collapse(paragraph))


def _collapse(text: str | None) -> str:
    """The same as text.collapse(), several times faster.

    str.split() and the regex class \\s agree on every white-space character (NBSP and
    NNBSP included), so splitting and joining with single spaces gives collapse()'s result.
    """
    return " ".join(text.split()) if text else ""


def _split_collapsed(text: str) -> list[str]:
    """split_sentences() of a collapsed text (white space only single spaces)."""
    if not text:
        return []
    cuts: list[int] = []
    for m in _TERMINAL.finditer(text):
        punct = m.group()
        end = m.end()
        if end < len(text) and (text[end] in _CLOSER_CHARS or text[end : end + 2] in (" »", " ”")):
            end = _CLOSERS.match(text, end).end()  # only then can it match more than nothing
        if end < len(text) and text[end] == " ":
            nxt = end + 1
            if not _starts_sentence(text, nxt):
                continue
            if punct == "." and _is_abbreviation(text, m.start(), nxt):
                continue
            if punct in ("...", "…") and m.start() > 0 and text[m.start() - 1] in "[(":
                continue
            cuts.append(end)
        elif end == m.end() and punct in (".", "!", "?") and end < len(text):
            # Glued: "violence.Canada stands" -> two sentences; "Canada.ca" and "U.S.A" are not.
            before = text[max(0, m.start() - 3) : m.start()]
            nm = _GLUED_NEXT.match(text, end)
            if (
                len(before) == 3
                and before.isalpha()
                and before.islower()
                and nm is not None
                and not text.startswith(".", nm.end())
                and not _is_abbreviation(text, m.start(), end)
            ):
                cuts.append(end)
    sentences: list[str] = []
    prev = 0
    for cut in cuts:
        piece = text[prev:cut].strip()
        if piece:
            sentences.append(piece)
        prev = cut
    tail = text[prev:].strip()
    if tail:
        sentences.append(tail)
    return sentences


# --- Scoring -------------------------------------------------------------------
#
# Each feature of a sentence is a family of patterns (a lexicon), defined once and matched
# two ways with the same result. The plain way is one case-insensitive alternation over the
# sentence as written. The quick way serves nearly every real sentence, one made only of
# ordinary characters (ASCII, Latin letters, typographic punctuation; see _UNORDINARY): it
# lower-cases the sentence and lists its words once, then
# - decides a rule that is just a list of whole words by looking them up in that list;
# - runs any other pattern (compiled in lower case, without IGNORECASE) only when one of
#   the words it cannot match without is in the list (or, for a few, a fixed piece of text
#   occurs in the sentence).
# Most rules are ruled out by one set operation instead of a regex scan per rule, which is
# what lets scoring keep up with ingest.


class _Rule(NamedTuple):
    pattern: str
    words: frozenset[str]  # every match contains one of these as a whole word (lower case)
    part: str  # or else: every match contains this text (lower case)
    exact: bool  # the pattern is exactly "one of `words` as a whole word"


_WORD = re.compile(r"\w+")
_ASCII_NON_WORD = str.maketrans({c: " " for c in map(chr, range(128)) if not _WORD.match(c)})
_UPPER_ESCAPE = re.compile(r"\\[A-Z]")


def _exact(words: str) -> _Rule:
    """Any of these whole words (inflections spelled out), decided by a look-up, no regex run."""
    listed = words.split()
    return _Rule(r"\b(?:" + "|".join(listed) + r")\b", frozenset(listed), "", True)


def _gated(pattern: str, words: str = "", part: str = "") -> _Rule:
    """A pattern with its gate: it cannot match unless one of `words` stands in the sentence.

    A gate word must be a whole word (a \\w+ run) of every possible match; where no word
    always is, `part` names a piece of text every match contains. A wrong gate would
    silently hide matches: tests/test_summary.py checks the quick and the plain way agree.
    """
    return _Rule(pattern, frozenset(words.split()), part, False)


class _Lexicon:
    """One feature's rules; `plain` is their case-insensitive alternation, the plain way to match them."""

    __slots__ = ("plain", "rules")

    def __init__(self, *rules: _Rule) -> None:
        for rule in rules:
            if _UPPER_ESCAPE.search(rule.pattern):  # \B, \S, \W, \D would change meaning in lower case
                raise ValueError(f"pattern cannot be lower-cased: {rule.pattern!r}")
            if bool(rule.words) == bool(rule.part) or rule.part != rule.part.lower():
                raise ValueError(f"give lower-case gate words or a gate part for {rule.pattern!r}")
            if any(w != w.lower() or not _WORD.fullmatch(w) for w in rule.words):
                raise ValueError(f"gate words must be lower-case whole words: {sorted(rule.words)}")
        self.rules = rules
        self.plain = re.compile("|".join(f"(?:{r.pattern})" for r in rules), re.IGNORECASE)


# Who acts: Canada, the Government, a department or minister ("Global Affairs Canada" contains "Canada").
_SUBJECT = _Lexicon(
    _exact("canada"),
    _gated(r"\b(?:the|our|federal) government\b", words="government"),
    _gated(r"\bgovernment of canada\b", words="government"),
    _gated(r"\b(?:the|le|la) minist(?:er|re|ère)\b", words="minister ministre ministère"),
    _gated(r"\bthe department\b", words="department"),
    _exact("we"),
    _gated(r"\b(?:le|du) gouvernement\b", words="gouvernement"),
    _exact("nous"),
    _exact("rcmp cbsa ircc grc asfc eccc aspc phac"),
)
# What it does or decides.
_ACTION = _Lexicon(
    # English
    _gated(r"\b(?:is|are) (?:also |firmly |fully |deeply )?committed to\b", words="committed"),
    _gated(r"\bremains? (?:\w+ly )?(?:committed|determined|ready|prepared|seized)\b", words="remain remains"),
    _exact("will"),
    # any perfect or simple past right after the actor: "has secured", "Canada published"
    _gated(
        r"(?:\bCanada|\bgovernment|\bdepartment|\bminister|\bwe|\bit|\)|\b[A-Z]{2,5})\s(?:\w+ly\s)?(?:has|have)\s"
        r"(?:\w+ly\s)?(?:\w+ed|taken|made|given|sent|set|built|held|led|begun|brought|paid|won)\b",
        words="has have",
    ),
    _gated(
        r"(?:\bCanada|\bgovernment|\bdepartment|\bminister|\bwe)\s(?:\w+ly\s)?\w+ed\b",
        words="canada government department minister we",
    ),
    _exact("shall"),
    _gated(r"\bcontinues? to\b", words="continue continues"),
    _gated(
        r"\b(?:has|have) (?:also )?(?:raised|taken|invested|introduced|announced|provided|imposed|launched|"
        r"established|committed|made|implemented|worked|called|expressed|urged|allocated|increased|extended|"
        r"adopted|signed|appointed|tabled|passed|enacted|banned|approved|renewed|reiterated|engaged|"
        r"continued|created|delivered|funded|supported|amended|strengthened|expanded|lowered|reduced)\b",
        words="has have",
    ),
    _gated(r"\brais(?:e|es|ed|ing) (?:\w+ ){0,3}concerns?\b", words="concern concerns"),
    _gated(r"\bdoes not hesitate to\b", words="hesitate"),
    _gated(r"\bcall(?:s|ed)? (?:on|upon|for)\b", words="call calls called"),
    _exact("urges urged"),
    _exact("invests invested investing"),
    _exact("announced introduced launched established imposed allocated enacted tabled"),
    _gated(
        r"\b(?:is|are) (?:working|taking|investing|providing|monitoring|reviewing|consulting|engaging|"
        r"exploring|supporting|funding|developing|implementing|pressing|prepared to|determined to|"
        r"moving forward)\b",
        words="working taking investing providing monitoring reviewing consulting engaging exploring "
        "supporting funding developing implementing pressing prepared determined moving",
    ),
    _gated(r"\bworks? (?:closely )?(?:with|to)\b", words="work works"),
    _exact("condemn condemns condemned"),
    _exact("encourages encouraged"),
    _exact("supports"),
    _exact("provides provided"),
    _gated(r"\b(?:has|have) no plans?\b", words="plan plans"),
    _gated(r"\bdoes not (?:intend|plan|support)\b", words="intend plan support"),
    _gated(r"\bintends? to\b", words="intend intends"),
    _gated(r"\bplans? to\b", words="plan plans"),
    _exact("monitors monitoring"),
    _exact("recognises recognizes"),
    _exact("expresses expressed"),
    _exact("advocates advocated"),
    _gated(r"\bpress(?:es|ed) for\b", words="presses pressed"),
    _exact("funds"),
    # French
    _gated(r"\bs['’]engage\b", words="engage"),
    _gated(r"\bs['’]est engagé", words="est"),
    _gated(r"\best (?:déterminé|résolu|engagé|prêt)", words="est"),
    _exact("continuera continueront"),
    _gated(r"\bcontinue (?:de|à|d['’])", words="continue"),
    _gated(r"\ba continué\b", words="continué"),
    _gated(r"\bn['’]hésite pas\b", words="hésite"),
    _exact("exprime exprimer exprimé exprimant"),
    _exact("souleve soulevé soulever soulève soulèvé soulèver"),
    _exact("demande demandé demander"),
    _exact("appelle appelant"),
    _exact("exhorte"),
    _exact("investi investit investira investir"),
    _exact("annonce annoncé annoncera"),
    _gated(
        r"\ba (?:présenté|déposé|mis en place|lancé|établi|imposé|pris|fourni|adopté|accordé|alloué|"
        r"renouvelé|réitéré|accueilli|encouragé|exprimé|condamné|signé|nommé|prolongé|augmenté|interdit|"
        r"élargi|modifié|créé|financé|versé)\b",
        words="présenté déposé mis lancé établi imposé pris fourni adopté accordé alloué renouvelé réitéré "
        "accueilli encouragé exprimé condamné signé nommé prolongé augmenté interdit élargi modifié créé "
        "financé versé",
    ),
    _gated(
        r"\b(?:réitéré|encouragé|accueilli favorablement|condamné)\b",
        words="réitéré encouragé accueilli condamné",
    ),
    _gated(
        r"(?:\bCanada|\bgouvernement|\bministre|\bministère|\bil|\belle|\b[A-Z]{2,5})\s(?:a|ont)\s(?!été\b)"
        r"(?:\w+ment\s)?\w+(?:é|i|u|is|it|ert)\b",
        words="a ont",
    ),
    _exact("travaille travaillent travaillera"),
    _exact("collabore collaborent collaborera"),
    _gated(r"\bprend des mesures\b", words="mesures"),
    _exact("impose"),
    _exact("encourage"),
    _exact("condamne"),
    _exact("surveille surveillera"),
    _exact("fournit"),
    _exact("appuie"),
    _exact("soutient"),
    _exact("entretient"),
    _exact("souligne"),
    _exact("entend"),
    _exact("prévoit"),
    _gated(r"\bn['’]a pas l['’]intention\b", words="intention"),
    _exact("demeurera demeureront"),
    _gated(r"\breste (?:prêt|résolu|déterminé|engagé)", words="reste"),
    _exact("poursuit poursuivra poursuivront"),
    _gated(
        r"\b(?:va|vont) (?:investir|continuer|présenter|mettre|prendre|travailler)\b",
        words="investir continuer présenter mettre prendre travailler",
    ),
    _exact("mettra fera prendra veillera investira présentera suivra"),
)
_STRONG = _Lexicon(
    _gated(r"\b(?:is|are) (?:also |firmly |fully |deeply )?committed to\b", words="committed"),
    _gated(r"\bremains? committed\b", words="committed"),
    _gated(r"\bwill continue\b", words="continue"),
    _gated(r"\bcall(?:s|ed)? (?:on|upon|for)\b", words="call calls called"),
    _gated(r"\b(?:has|have) raised\b", words="raised"),
    _gated(r"\bdoes not intend\b", words="intend"),
    _gated(r"\bdoes not hesitate to\b", words="hesitate"),
    _gated(r"\b(?:has|have) no plans?\b", words="plan plans"),
    _gated(r"\bs['’]engage\b", words="engage"),
    _exact("continuera"),
    _gated(r"\bn['’]hésite pas\b", words="hésite"),
    _gated(r"\bn['’]a pas l['’]intention\b", words="intention"),
    _gated(r"\best déterminé\b", words="déterminé"),
)
_CHANNELS = _Lexicon(
    _gated(r"\bbilateral(?:ly)?\b[^.]{0,40}\bmultilateral(?:ly)?\b", words="bilateral bilaterally"),
    _gated(
        r"\bbilatéra(?:ux|les?|l)\b[^.]{0,40}\bmultilatéra(?:ux|les?|l)\b",
        words="bilatéraux bilatérale bilatérales bilatéral",
    ),
)
_CONCRETE = _Lexicon(
    _gated(r"\$\s?\d", part="$"),
    _gated(r"\d\s?\$", part="$"),
    _exact("million billion milliard milliards"),
    _gated(r"\b(?:Bill|projet de loi) [CS]-\d+", words="bill loi"),
)
# Openers that only thank, acknowledge or introduce.
_BOILERPLATE = _Lexicon(
    _gated(r"\bthank(?:s| you)\b", words="thanks thank"),
    _exact("grateful gratitude"),
    _exact("reconnaissant reconnaissante reconnaissance"),
    _gated(
        r"\bappreciates?\b[^.]{0,80}\b(?:opportunity|petition|concerns?|interest|views)\b",
        words="appreciate appreciates",
    ),
    _gated(r"\b(?:is|are|am) (?:pleased|happy|glad) to\b", words="pleased happy glad"),
    _gated(r"\bwould like to\b", words="like"),
    _gated(r"\btake this opportunity\b", words="opportunity"),
    _gated(r"\bremerci", part="remerci"),
    _exact("merci"),
    _gated(r"\best (?:heureux|heureuse|ravie?) de\b", words="heureux heureuse ravi ravie"),
    _gated(r"\ba le plaisir\b", words="plaisir"),
    _gated(r"\bprofite de l['’]occasion\b", words="occasion"),
    _gated(r"\bje tiens à\b", words="tiens"),
    _gated(r"\bapprécie (?:l['’]occasion|la possibilité|l['’]intérêt)\b", words="apprécie"),
    _gated(r"\bsouhaite répondre\b", words="répondre"),
)
_SOFT_BOILERPLATE = _Lexicon(
    _exact("petitioner petitioners"),
    _gated(r"\bthis petition\b", words="petition"),
    _gated(r"\backnowledges? the concerns?\b", words="acknowledge acknowledges"),
    _exact("pétitionnaires"),
    _gated(r"\b(?:la présente|cette) pétition\b", words="pétition"),
    _gated(r"\bprend acte\b", words="acte"),
    _gated(r"\bcomprend les préoccupations\b", words="préoccupations"),
    _gated(r"\bis of (?:paramount|utmost|great) importance\b", words="importance"),
    _gated(r"\b(?:is|are) fundamental\b", words="fundamental"),
    _gated(r"\bsont fondamentales?\b", words="fondamentale fondamentales"),
    _gated(r"\best fondamental", part="fondamental"),
    _exact("condolences"),
    _exact("condoléances"),
    _exact("mourn mourns"),
    _gated(r"\bsympath", part="sympath"),
)
# What a sentence says besides who acts, as bits.
_F_BOILERPLATE, _F_ACTION, _F_STRONG, _F_CHANNELS, _F_CONCRETE, _F_SOFT = 1, 2, 4, 8, 16, 32
_FLAGGED = (
    (_F_BOILERPLATE, _BOILERPLATE),
    (_F_ACTION, _ACTION),
    (_F_STRONG, _STRONG),
    (_F_CHANNELS, _CHANNELS),
    (_F_CONCRETE, _CONCRETE),
    (_F_SOFT, _SOFT_BOILERPLATE),
)


class _QuickIndex:
    """Every lexicon's rules filed under their gate words (the quick way, see above).

    One set intersection with a sentence's words finds the few rules worth running.
    """

    __slots__ = ("exact", "gated", "words", "parts")

    def __init__(self) -> None:
        exact: dict[str, int] = {}
        gated: dict[str, list[tuple[int, re.Pattern[str]]]] = {}
        parts: list[tuple[int, str, re.Pattern[str]]] = []
        for bit, lexicon in ((0, _SUBJECT), *_FLAGGED):  # bit 0: who acts, which needs a position
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
        leftmost, except that the search stops at the first one before _OPENS_AT: the score
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
                    if subject_at < 0 or subject_at >= _OPENS_AT:
                        m = pattern.search(low)
                        if m is not None and (subject_at < 0 or m.start() < subject_at):
                            subject_at = m.start()
                elif not flags & bit and pattern.search(low) is not None:
                    flags |= bit
        for bit, part, pattern in self.parts:
            if not flags & bit and part in low and pattern.search(low) is not None:
                flags |= bit
        return flags, subject_at


def _plain_features(sentence: str) -> tuple[int, int]:
    """The same as _QuickIndex.features, the plain way, for any sentence."""
    flags = 0
    for bit, lexicon in _FLAGGED:
        if lexicon.plain.search(sentence) is not None:
            flags |= bit
    m = _SUBJECT.plain.search(sentence)
    return flags, -1 if m is None else m.start()


_QUICK = _QuickIndex()


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
    cased = {ch for _, lex in ((0, _SUBJECT), *_FLAGGED) for r in lex.rules for ch in r.pattern.lower()}
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


_UNORDINARY, _FOLDED = _ordinary_characters()
_LETTERS = re.compile(r"[a-z]{5,}")
_STEM = 6


def _focus_stems(focus: Sequence[str] | None) -> frozenset[str]:
    """The first letters of each longer word of `focus`, folded (what a sentence's words are compared to)."""
    if not focus:
        return frozenset()
    text = " ".join(focus)
    if text.isascii():
        letters = text.lower()
    elif _UNORDINARY.search(text) is None:
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
_HEADER = re.compile(r"^(?:response by|réponse d[eu'’ ]|réponse de la|signed by|signé par)", re.IGNORECASE)
_CLEAN_ENDINGS = frozenset(".!?…;:»\"”’')]")
_THRESHOLD = 3.0
_OPENS_AT = 40  # an actor named before this position opens the sentence


def _ends_cleanly(sentence: str) -> bool:
    """Whether the sentence ends on terminal punctuation or a closing mark."""
    if sentence.endswith("\n"):  # as the regex "[…]$" would, ignore one final newline
        sentence = sentence[:-1]
    return sentence[-1:] in _CLEAN_ENDINGS


_ANAPHORA = re.compile(
    r"^(?:Since then|Depuis lors|Depuis,|In addition|Furthermore|De plus|En outre)\b", re.IGNORECASE
)
_ANAPHORA_INITIALS = frozenset("sdife")  # what an ordinary sentence opening with one begins with
_PRONOUN = re.compile(r"^(?:It|They|Il|Elle|Ils|Elles|Celui-ci|Celle-ci)\b")


def _score(sentence: str, focus: frozenset[str], after_actor: bool = False) -> tuple[float, bool]:
    """How much a sentence says what the government does or decides (higher is better).

    `after_actor` says the previous sentence named the government, so an opening
    "It"/"Il" stands for it. Also returns whether this sentence names the government
    itself (or continues with such a pronoun), which is `after_actor` for the next one.
    `sentence` is collapsed (single spaces), as every sentence from the splitter is.
    """
    low = sentence.lower()
    words: list[str] | None = None
    if sentence.isascii():
        words = low.translate(_ASCII_NON_WORD).split()  # the same as _WORD.findall(low), quicker
        flags, subject_at = _QUICK.features(low, words)
    elif _UNORDINARY.search(sentence) is None:
        words = _WORD.findall(low)
        flags, subject_at = _QUICK.features(low, words)
    else:  # rare characters: the plain case-insensitive patterns on the text as written
        flags, subject_at = _plain_features(sentence)
    pronoun = after_actor and subject_at < 0 and _PRONOUN.match(sentence) is not None
    names_actor = subject_at >= 0 or pronoun
    if flags & _F_BOILERPLATE:
        return -10.0, names_actor
    if pronoun:
        subject_at = 0
    action = flags & _F_ACTION
    score = 0.0
    if subject_at >= 0 and action:
        score += 4.0
        if subject_at < _OPENS_AT:  # the actor opens the sentence
            score += 1.0
    elif action:
        score += 1.5
    elif subject_at >= 0:
        score += 1.0
    if flags & _F_STRONG:
        score += 1.0
    if flags & _F_CHANNELS:
        score += 3.0
    if flags & _F_CONCRETE:
        score += 0.5
    if flags & _F_SOFT:
        score -= 2.0
    if (words is None or low[:1] in _ANAPHORA_INITIALS) and _ANAPHORA.match(sentence):
        # "Since then, …" makes no sense once lifted out
        score -= 2.0
    if sentence.count(" ") < 5:  # fewer than six words
        score -= 1.0
    if not _ends_cleanly(sentence):
        score -= 1.0
    if focus:
        if words is None:
            stems = {w[:_STEM] for w in _LETTERS.findall(fold(sentence))}
            score += min(2.0, 0.5 * len(stems & focus))
        else:
            stems_in_focus = focus.intersection(chain.from_iterable(map(_WORD_STEMS.__getitem__, words)))
            score += min(2.0, 0.5 * len(stems_in_focus))
    return score, names_actor


class _Candidate(NamedTuple):
    index: int
    text: str
    score: float


def _candidates(paragraphs: Sequence[str], focus: frozenset[str]) -> list[_Candidate]:
    sentences: list[str] = []
    for paragraph in paragraphs:
        text = _collapse(paragraph)
        if not text or _HEADER.match(text):
            continue
        sentences.extend(_split_collapsed(text))
    # A response cut short by the source ends in a fragment; never show it.
    if sentences and not _ends_cleanly(sentences[-1]) and sentences[-1][-1:].isalnum():
        log.debug("dropping unterminated last fragment %r", sentences[-1][-40:])
        sentences.pop()
    out: list[_Candidate] = []
    after_actor = False
    for i, sentence in enumerate(sentences):
        score, after_actor = _score(sentence, focus, after_actor)
        out.append(_Candidate(i, sentence, score))
    return out


def _truncate(sentence: str, max_chars: int) -> str:
    """Cut one over-long sentence at a word boundary and mark the cut."""
    room = max(1, max_chars - 1)
    cut = sentence[:room]
    space = cut.rfind(" ")
    if space > room // 3:
        cut = cut[:space]
    return cut.rstrip(' ,;:-–—(«"“') + "…"


def summarize(
    paragraphs: Sequence[str],
    lang: str,
    max_sentences: int = 3,
    max_chars: int = 600,
    focus: Sequence[str] | None = None,
) -> str:
    """The sentences of a response that state what the government does or decides.

    Whole sentences only, in their original order, at most `max_sentences` and
    `max_chars` (joined by single spaces). When the best sentences do not fit, the
    lower-scored ones give way; a single sentence longer than `max_chars` is the
    only thing ever cut, at a word boundary and marked with "…". `focus` (say the
    petition's prayer) slightly favours sentences that answer what was asked.
    `lang` is accepted for the callers' clarity; the rules cover both languages.
    """
    del lang  # both languages' rules apply to any text; mislabelled text still works
    if max_sentences < 1 or max_chars < 1:
        return ""
    candidates = _candidates(paragraphs, _focus_stems(focus))
    if not candidates:
        return ""
    ranked = sorted(candidates, key=lambda c: (-c.score, c.index))
    pool = [c for c in ranked if c.score >= _THRESHOLD]
    if not pool:
        # Nothing clearly states an action: fall back to the best sentence that is not a thank-you.
        pool = [c for c in ranked if c.score > -10.0][:1] or ranked[:1]
    best = pool[0]
    if len(best.text) > max_chars:
        return _truncate(best.text, max_chars)
    chosen = [best]
    used = len(best.text)
    for cand in pool[1:]:
        if len(chosen) >= max_sentences:
            break
        if used + 1 + len(cand.text) <= max_chars:
            chosen.append(cand)
            used += 1 + len(cand.text)
    chosen.sort(key=lambda c: c.index)
    return " ".join(c.text for c in chosen)


# --- Responses and petitions ----------------------------------------------------


def _other(lang: str) -> Lang:
    return "en" if lang == "fr" else "fr"


_NOTES: dict[tuple[str, str], str] = {
    ("en", "fr"): "Response available only in French.",
    ("fr", "en"): "Réponse disponible en anglais seulement.",
}


def summary_note(lang_requested: str, lang_used: str) -> str | None:
    """The note, in the reader's language, that the response exists only in the other language."""
    if lang_requested == lang_used:
        return None
    return _NOTES.get((lang_requested, lang_used))


@dataclass(frozen=True, slots=True)
class SummaryText:
    """A summary and the language it is written in.

    `translated_note` is true when the reader asked for the other language and
    the response exists only in this one, so the caller must add `note`.
    """

    text: str
    lang: Lang
    translated_note: bool = False

    @property
    def note(self) -> str | None:
        if not self.translated_note:
            return None
        return summary_note(_other(self.lang), self.lang)


def summarize_response(
    response: Response | None,
    lang: str,
    max_sentences: int = 3,
    max_chars: int = 600,
) -> SummaryText | None:
    """Summarize the response in `lang`, or in the other language if it exists only there.

    None when the response has no text in either language.
    """
    if response is None:
        return None
    for used in ("fr", "en") if lang == "fr" else ("en", "fr"):
        paragraphs = response.paragraphs.get(used)
        if not paragraphs:
            continue
        text = summarize(paragraphs, used, max_sentences=max_sentences, max_chars=max_chars)
        if text:
            return SummaryText(text=text, lang=used, translated_note=used != lang)
    return None


def summaries_for(petition: Petition, max_sentences: int = 3, max_chars: int = 600) -> Bi[str]:
    """Both languages' summaries, for storing at ingest; a side is None without text in that language."""
    response = petition.response
    if response is None:
        return Bi()
    sides: dict[str, str | None] = {}
    for lang in ("en", "fr"):
        paragraphs = response.paragraphs.get(lang)
        text = None
        if paragraphs:
            prayer = petition.prayer.get(lang) or None
            text = summarize(paragraphs, lang, max_sentences, max_chars, focus=prayer) or None
        sides[lang] = text
    return Bi(en=sides["en"], fr=sides["fr"])
