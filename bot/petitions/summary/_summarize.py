"""Choosing a response's sentences, and the summaries a reader or the store asks for."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from bot.i18n import t
from bot.petitions.model import Bi, Lang, Petition, Response
from bot.petitions.summary._scoring import HEADER, THRESHOLD, ends_cleanly, focus_stems, score_sentence
from bot.petitions.summary._sentences import collapse, split_collapsed

log = logging.getLogger(__name__)


class _Candidate(NamedTuple):
    index: int
    text: str
    score: float


def _candidates(paragraphs: Sequence[str], focus: frozenset[str]) -> list[_Candidate]:
    sentences: list[str] = []
    for paragraph in paragraphs:
        text = collapse(paragraph)
        if not text or HEADER.match(text):
            continue
        sentences.extend(split_collapsed(text))
    # A response cut short by the source ends in a fragment; never show it.
    if sentences and not ends_cleanly(sentences[-1]) and sentences[-1][-1:].isalnum():
        log.debug("dropping unterminated last fragment %r", sentences[-1][-40:])
        sentences.pop()
    out: list[_Candidate] = []
    after_actor = False
    for i, sentence in enumerate(sentences):
        score, after_actor = score_sentence(sentence, focus, after_actor)
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
    candidates = _candidates(paragraphs, focus_stems(focus))
    if not candidates:
        return ""
    ranked = sorted(candidates, key=lambda c: (-c.score, c.index))
    pool = [c for c in ranked if c.score >= THRESHOLD]
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


def summary_note(lang_requested: str, lang_used: str) -> str | None:
    """The note, in the reader's language, that the response exists only in the other language."""
    if lang_requested == lang_used or {lang_requested, lang_used} != {"en", "fr"}:
        return None
    return t("summary.other_language_only", lang_requested)


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
