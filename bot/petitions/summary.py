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

from bot.petitions.model import Bi, Lang, Petition, Response
from bot.petitions.text import collapse, fold

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
_TERMINAL = re.compile(r"\.\.\.|[.!?…]+")
_CLOSERS = re.compile(r"(?:[\"”’'»)\]]|\s[»”])*")
_OPENING = "«\"“‘'(["
_ELISION = re.compile(r"^[a-zA-Z]['’]")  # "l'art." is "art."
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
    """Whether the full stop at `dot` belongs to an abbreviation rather than ending a sentence."""
    start = dot
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    token = _ELISION.sub("", text[start:dot].lstrip(_OPENING))
    if not token:
        return False
    low = token.lower()
    if low in _ALWAYS_ABBREV:
        return True
    if low in _NUMBERED_ABBREV and next_pos < len(text) and text[next_pos].isdigit():
        return True
    if _INITIAL.fullmatch(token):
        return True
    return bool(_DOTTED.fullmatch(token))


def split_sentences(paragraph: str) -> list[str]:
    """Cut one paragraph into sentences without ever cutting inside an abbreviation.

    A boundary is terminal punctuation (with any closing quotes or guillemets),
    white space, then something that can open a sentence (a capital, a digit, an
    opening quote). Abbreviations, initials, dotted acronyms and decimal numbers
    are not boundaries. Sentences glued together by stripped markup
    ("violence.Canada") are separated too.
    """
    text = collapse(paragraph)
    if not text:
        return []
    cuts: list[int] = []
    for m in _TERMINAL.finditer(text):
        punct = m.group()
        end = _CLOSERS.match(text, m.end()).end()
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


def _rx(*parts: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in parts), re.IGNORECASE)


# Who acts: Canada, the Government, a department or minister ("Global Affairs Canada" contains "Canada").
_SUBJECT = _rx(
    r"\bCanada\b",
    r"\b(?:the|our|federal) government\b",
    r"\bgovernment of canada\b",
    r"\b(?:the|le|la) minist(?:er|re|ère)\b",
    r"\bthe department\b",
    r"\bwe\b",
    r"\b(?:le|du) gouvernement\b",
    r"\bnous\b",
    r"\b(?:RCMP|CBSA|IRCC|GRC|ASFC|ECCC|ASPC|PHAC)\b",
)
# What it does or decides.
_ACTION = _rx(
    # English
    r"\b(?:is|are) (?:also |firmly |fully |deeply )?committed to\b",
    r"\bremains? (?:\w+ly )?(?:committed|determined|ready|prepared|seized)\b",
    r"\bwill\b",
    # any perfect or simple past right after the actor: "has secured", "Canada published"
    r"(?:\bCanada|\bgovernment|\bdepartment|\bminister|\bwe|\bit|\)|\b[A-Z]{2,5})\s(?:\w+ly\s)?(?:has|have)\s"
    r"(?:\w+ly\s)?(?:\w+ed|taken|made|given|sent|set|built|held|led|begun|brought|paid|won)\b",
    r"(?:\bCanada|\bgovernment|\bdepartment|\bminister|\bwe)\s(?:\w+ly\s)?\w+ed\b",
    r"\bshall\b",
    r"\bcontinues? to\b",
    r"\b(?:has|have) (?:also )?(?:raised|taken|invested|introduced|announced|provided|imposed|launched|"
    r"established|committed|made|implemented|worked|called|expressed|urged|allocated|increased|extended|"
    r"adopted|signed|appointed|tabled|passed|enacted|banned|approved|renewed|reiterated|engaged|"
    r"continued|created|delivered|funded|supported|amended|strengthened|expanded|lowered|reduced)\b",
    r"\brais(?:e|es|ed|ing) (?:\w+ ){0,3}concerns?\b",
    r"\bdoes not hesitate to\b",
    r"\bcall(?:s|ed)? (?:on|upon|for)\b",
    r"\burg(?:es|ed)\b",
    r"\binvest(?:s|ed|ing)\b",
    r"\b(?:announced|introduced|launched|established|imposed|allocated|enacted|tabled)\b",
    r"\b(?:is|are) (?:working|taking|investing|providing|monitoring|reviewing|consulting|engaging|"
    r"exploring|supporting|funding|developing|implementing|pressing|prepared to|determined to|"
    r"moving forward)\b",
    r"\bworks? (?:closely )?(?:with|to)\b",
    r"\bcondemn(?:s|ed)?\b",
    r"\bencourag(?:es|ed)\b",
    r"\bsupports\b",
    r"\bprovid(?:es|ed)\b",
    r"\b(?:has|have) no plans?\b",
    r"\bdoes not (?:intend|plan|support)\b",
    r"\bintends? to\b",
    r"\bplans? to\b",
    r"\bmonitor(?:s|ing)\b",
    r"\brecogni[sz]es\b",
    r"\bexpress(?:es|ed)\b",
    r"\badvocat(?:es|ed)\b",
    r"\bpress(?:es|ed) for\b",
    r"\bfunds\b",
    # French
    r"\bs['’]engage\b",
    r"\bs['’]est engagé",
    r"\best (?:déterminé|résolu|engagé|prêt)",
    r"\bcontinuer(?:a|ont)\b",
    r"\bcontinue (?:de|à|d['’])",
    r"\ba continué\b",
    r"\bn['’]hésite pas\b",
    r"\bexprim(?:e|er|é|ant)\b",
    r"\bsoul[eè]v(?:e|é|er)\b",
    r"\bdemand(?:e|é|er)\b",
    r"\bappel(?:le|ant)\b",
    r"\bexhorte\b",
    r"\binvesti(?:t|ra|r)?\b",
    r"\bannonc(?:e|é|era)\b",
    r"\ba (?:présenté|déposé|mis en place|lancé|établi|imposé|pris|fourni|adopté|accordé|alloué|"
    r"renouvelé|réitéré|accueilli|encouragé|exprimé|condamné|signé|nommé|prolongé|augmenté|interdit|"
    r"élargi|modifié|créé|financé|versé)\b",
    r"\b(?:réitéré|encouragé|accueilli favorablement|condamné)\b",
    r"(?:\bCanada|\bgouvernement|\bministre|\bministère|\bil|\belle|\b[A-Z]{2,5})\s(?:a|ont)\s(?!été\b)"
    r"(?:\w+ment\s)?\w+(?:é|i|u|is|it|ert)\b",
    r"\btravaill(?:e|ent|era)\b",
    r"\bcollabor(?:e|ent|era)\b",
    r"\bprend des mesures\b",
    r"\bimpose\b",
    r"\bencourage\b",
    r"\bcondamne\b",
    r"\bsurveill(?:e|era)\b",
    r"\bfournit\b",
    r"\bappuie\b",
    r"\bsoutient\b",
    r"\bentretient\b",
    r"\bsouligne\b",
    r"\bentend\b",
    r"\bprévoit\b",
    r"\bn['’]a pas l['’]intention\b",
    r"\bdemeurer(?:a|ont)\b",
    r"\breste (?:prêt|résolu|déterminé|engagé)",
    r"\bpoursui(?:t|vra|vront)\b",
    r"\b(?:va|vont) (?:investir|continuer|présenter|mettre|prendre|travailler)\b",
    r"\b(?:mettra|fera|prendra|veillera|investira|présentera|suivra)\b",
)
_STRONG = _rx(
    r"\b(?:is|are) (?:also |firmly |fully |deeply )?committed to\b",
    r"\bremains? committed\b",
    r"\bwill continue\b",
    r"\bcall(?:s|ed)? (?:on|upon|for)\b",
    r"\b(?:has|have) raised\b",
    r"\bdoes not intend\b",
    r"\bdoes not hesitate to\b",
    r"\b(?:has|have) no plans?\b",
    r"\bs['’]engage\b",
    r"\bcontinuera\b",
    r"\bn['’]hésite pas\b",
    r"\bn['’]a pas l['’]intention\b",
    r"\best déterminé\b",
)
_CHANNELS = _rx(
    r"\bbilateral(?:ly)?\b[^.]{0,40}\bmultilateral(?:ly)?\b",
    r"\bbilatéra(?:ux|les?|l)\b[^.]{0,40}\bmultilatéra(?:ux|les?|l)\b",
)
_CONCRETE = _rx(
    r"\$\s?\d", r"\d\s?\$", r"\b(?:million|billion|milliards?)\b", r"\b(?:Bill|projet de loi) [CS]-\d+"
)
# Openers that only thank, acknowledge or introduce.
_BOILERPLATE = _rx(
    r"\bthank(?:s| you)\b",
    r"\bgrat(?:eful|itude)\b",
    r"\breconnaissan(?:t|te|ce)\b",
    r"\bappreciates?\b[^.]{0,80}\b(?:opportunity|petition|concerns?|interest|views)\b",
    r"\b(?:is|are|am) (?:pleased|happy|glad) to\b",
    r"\bwould like to\b",
    r"\btake this opportunity\b",
    r"\bremerci",
    r"\bmerci\b",
    r"\best (?:heureux|heureuse|ravie?) de\b",
    r"\ba le plaisir\b",
    r"\bprofite de l['’]occasion\b",
    r"\bje tiens à\b",
    r"\bapprécie (?:l['’]occasion|la possibilité|l['’]intérêt)\b",
    r"\bsouhaite répondre\b",
)
_SOFT_BOILERPLATE = _rx(
    r"\bpetitioners?\b",
    r"\bthis petition\b",
    r"\backnowledges? the concerns?\b",
    r"\bpétitionnaires\b",
    r"\b(?:la présente|cette) pétition\b",
    r"\bprend acte\b",
    r"\bcomprend les préoccupations\b",
    r"\bis of (?:paramount|utmost|great) importance\b",
    r"\b(?:is|are) fundamental\b",
    r"\bsont fondamentales?\b",
    r"\best fondamental",
    r"\bcondolences\b",
    r"\bcondoléances\b",
    r"\bmourns?\b",
    r"\bsympath",
)
# A header or signer line that leaked into the paragraphs.
_HEADER = re.compile(r"^(?:response by|réponse d[eu'’ ]|réponse de la|signed by|signé par)", re.IGNORECASE)
_ENDS_CLEANLY = re.compile(r"[.!?…;:»\"”’')\]]$")

_THRESHOLD = 3.0
_STEM = 6


def _focus_stems(focus: Sequence[str] | None) -> frozenset[str]:
    if not focus:
        return frozenset()
    words = re.findall(r"[a-z]{5,}", fold(" ".join(focus)))
    return frozenset(w[:_STEM] for w in words)


_ANAPHORA = re.compile(r"^(?:Since then|Depuis lors|Depuis,|In addition|Furthermore|De plus|En outre)\b", re.IGNORECASE)
_PRONOUN = re.compile(r"^(?:It|They|Il|Elle|Ils|Elles|Celui-ci|Celle-ci)\b")


def _score(sentence: str, focus: frozenset[str], after_actor: bool = False) -> float:
    """How much a sentence says what the government does or decides (higher is better).

    `after_actor` says the previous sentence named the government, so an opening
    "It"/"Il" stands for it.
    """
    if _BOILERPLATE.search(sentence):
        return -10.0
    subject = _SUBJECT.search(sentence) or (_PRONOUN.match(sentence) if after_actor else None)
    action = _ACTION.search(sentence)
    score = 0.0
    if subject and action:
        score += 4.0
        if subject.start() < 40:  # the actor opens the sentence
            score += 1.0
    elif action:
        score += 1.5
    elif subject:
        score += 1.0
    if _STRONG.search(sentence):
        score += 1.0
    if _CHANNELS.search(sentence):
        score += 3.0
    if _CONCRETE.search(sentence):
        score += 0.5
    if _SOFT_BOILERPLATE.search(sentence):
        score -= 2.0
    if _ANAPHORA.match(sentence):  # "Since then, …" makes no sense once lifted out
        score -= 2.0
    words = len(sentence.split())
    if words < 6:
        score -= 1.0
    if not _ENDS_CLEANLY.search(sentence):
        score -= 1.0
    if focus:
        overlap = {w[:_STEM] for w in re.findall(r"[a-z]{5,}", fold(sentence))} & focus
        score += min(2.0, 0.5 * len(overlap))
    return score


@dataclass(frozen=True, slots=True)
class _Candidate:
    index: int
    text: str
    score: float


def _candidates(paragraphs: Sequence[str], focus: frozenset[str]) -> list[_Candidate]:
    sentences: list[str] = []
    for paragraph in paragraphs:
        text = collapse(paragraph)
        if not text or _HEADER.match(text):
            continue
        sentences.extend(split_sentences(text))
    # A response cut short by the source ends in a fragment; never show it.
    if sentences and not _ENDS_CLEANLY.search(sentences[-1]) and sentences[-1][-1:].isalnum():
        log.debug("dropping unterminated last fragment %r", sentences[-1][-40:])
        sentences.pop()
    out: list[_Candidate] = []
    after_actor = False
    for i, sentence in enumerate(sentences):
        out.append(_Candidate(i, sentence, _score(sentence, focus, after_actor)))
        after_actor = bool(_SUBJECT.search(sentence)) or (after_actor and bool(_PRONOUN.match(sentence)))
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
