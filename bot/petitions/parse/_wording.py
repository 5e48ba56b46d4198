"""The site's fixed wording, read one line at a time, in both languages.

The House writes the same fixed phrases on every details page ("Initiated by …",
"Original language of petition:", "Signed by (Minister or Parliamentary
Secretary):", the History labels…). Those phrases are interpreted here, once, for
every reader of a page: its visible text, its HTML, the export and the listing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from bot.petitions.dates import parse_date
from bot.petitions.errors import BadPetitionNumber
from bot.petitions.model import Bi, Initiator, Kind, Lang
from bot.petitions.numbers import PetitionNumber, parse_number
from bot.petitions.text import collapse, fold

T = TypeVar("T")

_HEADING = re.compile(r"^(e\s*-?\s*\d{1,5}|\d{3}\s*-\s*\d{5})\s*(?:\((.*)\))?$", re.IGNORECASE)


def as_lang(value: str | None) -> Lang | None:
    """The language a caller asked for ("en"/"fr"), or None for anything else."""
    if value in ("en", "fr"):
        return "fr" if value == "fr" else "en"
    return None


def on_side(lang: str, value: T | None) -> Bi[T]:
    """A `Bi` holding `value` on the side of the page's language only."""
    if value is None or value == "" or value == []:
        return Bi()
    return Bi(fr=value) if lang == "fr" else Bi(en=value)


def read_heading(line: str, *, need_subject: bool = True) -> tuple[PetitionNumber, str | None] | None:
    """Number and subject from "e-7775 (Social affairs and equality)"."""
    m = _HEADING.match(collapse(line))
    if not m or (need_subject and m.group(2) is None):
        return None
    try:
        number = parse_number(m.group(1))
    except BadPetitionNumber:
        return None
    return number, collapse(m.group(2)) or None


_KINDS: dict[str, Kind] = {
    "e-petition": "e",
    "electronic petition": "e",
    "paper petition": "paper",
    "petition electronique": "e",
    "petition papier": "paper",
}


def read_kind(line: str) -> Kind | None:
    """The kind named by a type label: "E-petition", "Pétition papier" …"""
    return _KINDS.get(fold(line).strip(" :"))


_INITIATED_EN = re.compile(r"^initiated by\s+(.+)$", re.IGNORECASE)
_INITIATED_FR = re.compile(r"^lanc[ée]+e?\s+par\s+(.+)$", re.IGNORECASE)
_FR_FROM = re.compile(r"\s(?:de\s+|d['’]\s*)")


def read_initiator(line: str) -> Initiator | None:
    """The initiator in "Initiated by Mary Smith from Vancouver, British Columbia"
    or "Lancée par Karri Munn-Venn d'Ottawa (Ontario)".

    The place is split off at the last "from" / "de" / "d'", since names such as
    "Marie de Souza" carry the French particle too.
    """
    text = collapse(line)
    m = _INITIATED_EN.match(text)
    if m:
        name, sep, place = m.group(1).rpartition(" from ")
        if not sep:
            return Initiator(name=m.group(1))
        city, comma, province = place.rpartition(",")
        if not comma:
            return Initiator(name=name.strip(), city=place.strip() or None)
        return Initiator(name=name.strip(), city=city.strip() or None, province=province.strip() or None)
    m = _INITIATED_FR.match(text)
    if m:
        rest = m.group(1)
        splits = list(_FR_FROM.finditer(rest))
        if not splits:
            return Initiator(name=rest)
        cut = splits[-1]
        name, place = rest[: cut.start()].strip(), rest[cut.end() :].strip()
        pm = re.match(r"^(.*?)\s*\(([^()]*)\)\s*$", place)
        if pm:
            return Initiator(name=name, city=pm.group(1) or None, province=pm.group(2).strip() or None)
        return Initiator(name=name, city=place or None)
    return None


_ORIGINAL = re.compile(
    r"^(?:original language of (?:the )?petition|langue d['’]origine de la p[ée]tition)\s*:?\s*(.*)$",
    re.IGNORECASE,
)
_LANG_NAMES: dict[str, Lang] = {"english": "en", "anglais": "en", "french": "fr", "francais": "fr"}


def read_original_language(line: str) -> tuple[bool, Lang | None]:
    """(is this the original-language line, the language it names).

    One French template writes "English" rather than "Anglais"; both are read.
    """
    m = _ORIGINAL.match(collapse(line))
    if not m:
        return False, None
    return True, _LANG_NAMES.get(fold(m.group(1)).strip(" ."))


_HISTORY: dict[str, str] = {
    "open for signature": "opened",
    "opened for signature": "opened",
    "ouverte pour signature": "opened",
    "ouverte aux signatures": "opened",
    "closed for signature": "closed",
    "fermee pour signature": "closed",
    "fermee aux signatures": "closed",
    "presented to the house of commons": "presented",
    "presentee a la chambre des communes": "presented",
    "government response tabled": "response",
    "reponse du gouvernement deposee": "response",
}


def history_key(label: str) -> str | None:
    """Which History entry a `dt` label (or text line) names, in either language.

    Keys: opened, closed, presented, response, certified. Certification labels
    were never seen; any label starting "Certified"/"Certifiée" is accepted.
    """
    f = fold(label).strip(" :")
    if f in _HISTORY:
        return _HISTORY[f]
    if re.match(r"^certifie(e)?\b|^certified\b", f) and len(f) < 60:
        return "certified"
    return None


_PRESENTED_NO = re.compile(
    r"\(\s*(?:petition\s+)?(?:p[ée]tition\s+)?(?:no\.?|n[o°º]\.?|number|num[ée]ro)\s*(\d{3}-\d{5})\s*\)",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Presented:
    """The "Presented to the House of Commons" History value, taken apart."""

    member: str | None = None
    riding: str | None = None
    on: date | None = None
    number: str | None = None


def read_presented(value: str, lang: str | None = None) -> Presented:
    """Member, riding, date and number from "Damien Kurek (Battle River—Crowfoot)"
    + "April 15, 2021 (Petition No. 432-00808)"."""
    text = collapse(value)
    number = None
    m = _PRESENTED_NO.search(text)
    if m:
        number = m.group(1)
        text = collapse(text[: m.start()] + " " + text[m.end() :])
    else:
        loose = re.search(r"\b(\d{3}-\d{5})\b", text)
        number = loose.group(1) if loose else None
    on = parse_date(text, lang)
    member = riding = None
    mm = re.match(r"^(.*?)\s*\(([^()]+)\)", text)
    if mm and mm.group(1) and parse_date(mm.group(1)) is None:
        member, riding = collapse(mm.group(1)), collapse(mm.group(2))
    return Presented(member=member, riding=riding, on=on, number=number)


def response_header_lang(line: str) -> Lang | None:
    """The language of a "Response by …" / "Réponse de la ministre …" header, else None."""
    f = fold(line)
    if history_key(line):
        return None  # "Réponse du gouvernement déposée" is a History label
    if f.startswith("response by ") or f.startswith("response from "):
        return "en"
    if re.match(r"^reponse (?:de |du |des |d')", f):
        return "fr"
    return None


_SIGNER = re.compile(r"^(?:signed by|sign[ée] par)\b[^:]*:\s*(.+)$", re.IGNORECASE)


def read_signer(line: str) -> str | None:
    """The name in "Signed by (Minister or Parliamentary Secretary): X" / "Signé par (…) : X"."""
    m = _SIGNER.match(collapse(line))
    if not m:
        return None
    return collapse(m.group(1)) or None


_TOTAL = re.compile(r"^(\d[\d\s,.\u00a0\u202f]*)\s*signatures?$", re.IGNORECASE)


def signature_total(line: str) -> int | None:
    """29 from the "29 signatures " heading."""
    m = _TOTAL.match(collapse(line))
    if not m:
        return None
    digits = re.sub(r"\D", "", m.group(1))
    return int(digits) if digits else None


def read_member_lines(lines: list[str], name: str | None) -> tuple[str | None, str | None, str | None]:
    """(riding, caucus, province) from the lines of the MP block; each may be missing.

    The caucus line is the one that says "Caucus" ("New Democratic Party Caucus",
    "Caucus Conservateur"); the riding comes before it, the province after.
    """
    key = fold(name) if name else None
    rest = [collapse(x) for x in lines if collapse(x) and fold(x) != key]
    caucus_at = next((i for i, x in enumerate(rest) if "caucus" in fold(x).split()), None)
    if caucus_at is None:
        padded = [*rest[:3], None, None, None]
        return padded[0], padded[1], padded[2]
    riding = rest[caucus_at - 1] if caucus_at > 0 else None
    province = rest[caucus_at + 1] if caucus_at + 1 < len(rest) else None
    return riding, rest[caucus_at], province


# --- The page's language ---------------------------------------------------------------

_FR_MARKERS = (
    "passer au contenu",
    "langue d'origine",
    "petition papier",
    "petition electronique",
    "lancee par",
    "attendu que",
    "seules les signatures",
    "ouverte pour signature",
    "presentee a la chambre",
    "signe par (ministre",
    "resultats",
    "nous, soussignes",
)
_EN_MARKERS = (
    "skip to main content",
    "original language of petition",
    "paper petition",
    "e-petition",
    "initiated by",
    "whereas",
    "only validated signatures",
    "open for signature",
    "presented to the house",
    "signed by (minister",
    "results found",
    "we, the undersigned",
)


def detect_lang(text: str) -> Lang | None:
    """The page's language from the fixed phrases it contains.

    French pages carry one English line ("Start of content"), so phrases are
    counted rather than the first one found trusted.
    """
    f = fold(text[:200_000])
    fr = sum(f.count(m) for m in _FR_MARKERS)
    en = sum(f.count(m) for m in _EN_MARKERS)
    if fr == en:
        return None
    return "fr" if fr > en else "en"
