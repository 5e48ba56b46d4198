"""Cutting a paragraph into sentences without ever cutting inside an abbreviation."""

from __future__ import annotations

import re


def _words(text: str) -> list[str]:
    """Split a space-separated word list (keeps long vocabularies readable)."""
    return text.split()


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
    return split_collapsed(collapse(paragraph))


def collapse(text: str | None) -> str:
    """The same as text.collapse(), several times faster.

    str.split() and the regex class \\s agree on every white-space character (NBSP and
    NNBSP included), so splitting and joining with single spaces gives collapse()'s result.
    """
    return " ".join(text.split()) if text else ""


def split_collapsed(text: str) -> list[str]:
    """split_sentences() of a collapsed text (white space only single spaces)."""
    if not text:
        return []
    cuts: list[int] = []
    for m in _TERMINAL.finditer(text):
        punct = m.group()
        end = m.end()
        if end < len(text) and (text[end] in _CLOSER_CHARS or text[end : end + 2] in (" »", " ”")):
            closers = _CLOSERS.match(text, end)  # only then can it match more than nothing
            end = closers.end() if closers else end  # (it always matches, if only nothing)
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
