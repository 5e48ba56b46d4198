"""A details page read from its visible text, and the site's wording in both languages.

The House writes the same fixed phrases on every details page ("Initiated by …",
"Original language of petition:", "Signed by (Minister or Parliamentary
Secretary):", the History labels…). Those phrases are interpreted here, once:
`parse_text_page` walks the lines of a page's visible text (a saved excerpt, the
demo seed), and `parse_details` runs the same walker over the text of the HTML to
fill whatever the markup did not give. Markup changes then degrade to text
reading instead of to missing fields.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import TypeVar

from bot.petitions.dates import parse_date, parse_datetime
from bot.petitions.errors import BadPetitionNumber
from bot.petitions.model import (
    STATUS_LABELS,
    TORONTO,
    Bi,
    Initiator,
    Keyword,
    Kind,
    Lang,
    Petition,
    Response,
    Sponsor,
)
from bot.petitions.numbers import PetitionNumber, detail_url, parse_number
from bot.petitions.text import collapse, fold

log = logging.getLogger(__name__)

T = TypeVar("T")

__all__ = [
    "Block",
    "PageError",
    "Presented",
    "as_lang",
    "derive_status",
    "detect_lang",
    "finish",
    "history_key",
    "on_side",
    "parse_text_page",
    "read_heading",
    "read_initiator",
    "read_kind",
    "read_lines",
    "read_member_lines",
    "read_original_language",
    "read_presented",
    "read_response",
    "read_signer",
    "response_header_lang",
    "signature_total",
    "split_petition_text",
    "split_preamble",
]


class PageError(ValueError):
    """Not a details page: garbage, a search page, a challenge page, a cut-off body.

    Distinct from an empty body, which the site sends for an unpublished number
    and which callers treat as "not found".
    """


# --- Small readers of one line -------------------------------------------------------------

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


_PHOTO = re.compile(r"^photo\s*[-–—:]\s*(.+)$", re.IGNORECASE)
_BULLET = re.compile(r"^[•◦▪●·\u2022\u25e6\u25aa\u2023\u2043]\s*")
_MEMBER_HEADINGS = {"member of parliament", "depute", "deputee", "depute(e)", "deputee ou depute"}
_SKIP_HEADINGS = {"petition details", "details de la petition", "history", "historique"}
_KEYWORD_LABELS = {"keywords", "keyword", "mots-cles", "mots cles", "mot-cle"}
_END_MARKERS = (
    "only validated signatures",
    "seules les signatures",
    "disclaimer regarding petitions",
    "avis de non-responsabilite",
    "avis de non responsabilite",
    "sign the petition",
    "signer la petition",
    "subscribe to rss",
    "s'abonner",
    "province / territory",
    "province / territoire",
    "province/territory",
    "province/territoire",
)
_PROVINCE_ROW = re.compile(r"^([^\d]{2,60}?)\s+(\d[\d,\u00a0\u202f]*)$")


def _is_end_marker(line: str) -> bool:
    f = fold(line)
    return f.startswith(_END_MARKERS) or f == "signatures"


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


# --- The petition text -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Block:
    """One paragraph or list item of the petition text, in page order.

    `role` is set when the markup already says what the block is ("addressee"
    for the `h3`, "grievance" for `ul.whereas` items).
    """

    text: str
    bullet: bool = False
    role: str | None = None


_WHEREAS_LABELS = {"whereas", "attendu que", "considerant que"}
_LEAD_IN = re.compile(
    r"^(?:therefore|wherefore|we\b|nous\b|your petitioners|vos petitionnaires|les petitionnaires"
    r"|par consequent|a ces causes|en consequence|the undersigned|les soussignes)"
)
_GRIEVANCE = re.compile(r"^(?:whereas|attendu que|attendu qu'|considerant que|that\b)")


def _looks_like_addressee(text: str) -> bool:
    f = fold(text)
    return len(text) < 250 and f.startswith(("petition", "to the ", "a la ", "au ", "aux ", "a l'"))


def split_petition_text(blocks: Iterable[Block]) -> tuple[str | None, list[str], list[str]]:
    """(addressee, grievances, prayer) from the petition text.

    The prayer starts at the lead-in ("We, the undersigned … call upon …",
    "Therefore we …", "Nous, soussignés …"); everything before it that is not the
    addressee, including a "draw the attention of the House to the following"
    preamble, counts as grievances. A bare "Whereas:" label is dropped; no text
    is ever rewritten.
    """
    items = [b for b in blocks if collapse(b.text)]
    addressee = None
    for b in items:
        if b.role == "addressee":
            addressee = collapse(b.text)
            break
    items = [b for b in items if b.role != "addressee"]
    if addressee is None and items and not items[0].bullet and _looks_like_addressee(items[0].text):
        addressee = collapse(items[0].text)
        items = items[1:]
    # The list right after a "Whereas:" label is grievances even when the lead-in
    # that would end it was cut off (excerpts, truncated exports).
    marked: list[Block] = []
    after_label = False
    for b in items:
        if fold(b.text).rstrip(" :") in _WHEREAS_LABELS:
            after_label = True
            continue
        if after_label and b.bullet:
            marked.append(replace(b, role=b.role or "grievance"))
            continue
        after_label = False
        marked.append(b)
    items = marked

    def is_lead_in(b: Block) -> bool:
        f = fold(b.text)
        return b.role != "grievance" and not b.bullet and bool(_LEAD_IN.match(f)) and "attention" not in f

    lead = next((i for i, b in enumerate(items) if is_lead_in(b)), None)
    if lead is None:
        last = None
        for i, b in enumerate(items):
            if b.role == "grievance" or _GRIEVANCE.match(fold(b.text)):
                last = i
        lead = 0 if last is None else last + 1
    grievances = [collapse(b.text) for i, b in enumerate(items) if i < lead or b.role == "grievance"]
    prayer = [collapse(b.text) for i, b in enumerate(items) if i >= lead and b.role != "grievance"]
    return addressee, grievances, prayer


# "We, the undersigned citizens of Canada, draw the attention of the House of Commons to the
# following:", "Nous, soussignés, citoyens du Canada, attirons l'attention de la Chambre des
# communes sur ce qui suit :", "The petitioners draw the attention of the House to the following".
_PREAMBLE = re.compile(
    r"^(?:we\b|nous\b|(?:the|your|les|vos)\s+(?:undersigned|petitioners|soussign[ée]e?s?|p[ée]titionnaires)\b)"
    r"[^:;]{0,300}?\battention\b[^:;]{0,200}?"
    r"(?:\bthe\s+following\b|\bce\s+qui\s+suit\b|\bles\s+(?:faits|points)\s+suivants\b)\s*[:.]?",
    re.IGNORECASE,
)


def split_preamble(grievances: list[str], prayer: list[str]) -> tuple[str | None, list[str], list[str]]:
    """(preamble, grievances, prayer): the "draw the attention of the House … to the following"
    sentence of a paper petition taken out of the text it opens.

    It opens the grievances (or, with none, the prayer). When the page runs it into the first
    grievance ("… to the following: THAT …"), the rest of that paragraph stays a grievance.
    """
    for texts in (grievances, prayer):
        if texts:
            m = _PREAMBLE.match(texts[0])
            if m is None:
                return None, grievances, prayer
            rest = texts[0][m.end() :].strip()
            remaining = ([rest] if rest else []) + texts[1:]
            preamble = texts[0][: m.end()].strip()
            if texts is grievances:
                return preamble, remaining, prayer
            return preamble, grievances, remaining
    return None, grievances, prayer


def read_response(lines: Iterable[str], page_lang: str) -> Response | None:
    """Header, signer and paragraphs from the lines of a response block.

    The paragraphs go on the side of the header's language: responses are
    sometimes only in English, even on French pages.
    """
    header: str | None = None
    signer: str | None = None
    paragraphs: list[str] = []
    for raw in lines:
        line = collapse(raw)
        if not line:
            continue
        if header is None and not paragraphs and response_header_lang(line):
            header = line
        elif signer is None and not paragraphs and read_signer(line):
            signer = read_signer(line)
        else:
            paragraphs.append(line)
    if header is None and signer is None and not paragraphs:
        return None
    lang = (response_header_lang(header) if header else None) or page_lang
    return Response(header=on_side(lang, header), signer=signer, paragraphs=on_side(lang, paragraphs or None))


# --- Language and status -----------------------------------------------------------------

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


def derive_status(p: Petition) -> Petition:
    """Fill the status when the source did not state one.

    Details pages never print a status. From what they do show: a tabled response
    means 223; a closing time still ahead of `fetched_at` means 207 (open).
    Anything else (closed, not certified, dissolved…) cannot be told apart, so
    the status stays unknown. Without `fetched_at` "open" is never guessed, so
    the result does not depend on the clock.
    """
    if p.status_id is not None or p.status:
        return p
    status_id: int | None = None
    if p.has_response or p.response_tabled_on:
        status_id = 223
    elif p.fetched_at and p.closed_at:
        now = p.fetched_at if p.fetched_at.tzinfo else p.fetched_at.replace(tzinfo=TORONTO)
        if p.closed_at > now and (p.opened_at is None or p.opened_at <= now):
            status_id = 207
    if status_id is None:
        return p
    return replace(p, status_id=status_id, status=STATUS_LABELS[status_id])


# --- The line walker ---------------------------------------------------------------------


@dataclass(slots=True)
class _Walk:
    lang: Lang
    number: PetitionNumber
    subject: str | None
    kind_label: Kind | None = None
    keywords: list[str] = field(default_factory=list)
    initiator: Initiator | None = None
    original_language: Lang | None = None
    blocks: list[Block] = field(default_factory=list)
    response_lines: list[str] = field(default_factory=list)
    history: dict[str, list[str]] = field(default_factory=dict)
    member_name: str | None = None
    member_lines: list[str] = field(default_factory=list)
    signatures: int | None = None
    by_province: dict[str, int] = field(default_factory=dict)


def read_lines(
    lines: Iterable[str],
    lang: Lang,
    *,
    url: str | None = None,
    fetched_at: datetime | None = None,
) -> Petition:
    """A petition from the visible lines of a details page, in page order.

    Lines before the heading ("Skip to main content", menus) are ignored; after
    it the walker moves through intro, petition text, response, History, MP and
    signatures, switching on the site's fixed phrases.
    """
    cleaned = [collapse(x) for x in lines]
    found = next(((i, h) for i, line in enumerate(cleaned) if (h := read_heading(line))), None)
    if found is None:
        raise PageError("no petition heading such as 'e-1234 (Subject)' was found")
    start, (number, subject) = found
    w = _Walk(lang=lang, number=number, subject=subject)
    state = "intro"
    keyword_mode = False
    current: str | None = None
    for line in cleaned[start + 1 :]:
        if not line:
            if state == "sponsor" and w.member_lines:
                state = "tail"
            continue
        bare = _BULLET.sub("", line)
        bullet = bare != line
        if not bare:
            continue
        key = history_key(bare)
        if key:
            state, current = "history", key
            w.history.setdefault(key, [])
            continue
        photo = _PHOTO.match(bare)
        if photo:
            state = "sponsor"
            w.member_name = collapse(photo.group(1))
            continue
        if fold(bare) in _MEMBER_HEADINGS:
            state = "sponsor"
            continue
        total = signature_total(bare)
        if total is not None:
            state, w.signatures = "signatures", total
            continue
        if state in ("intro", "petition") and (response_header_lang(bare) or read_signer(bare)):
            state = "response"
            w.response_lines.append(bare)
            continue
        if _is_end_marker(bare):
            if state != "signatures":
                state = "tail"
            continue
        if fold(bare) in _SKIP_HEADINGS:
            continue
        if state == "intro":
            if fold(bare).rstrip(" :") in _KEYWORD_LABELS:
                keyword_mode = True
                continue
            kind = read_kind(bare)
            if kind:
                w.kind_label, keyword_mode = kind, False
                continue
            initiator = read_initiator(bare)
            if initiator:
                w.initiator, keyword_mode = initiator, False
                continue
            is_lang_line, original = read_original_language(bare)
            if is_lang_line:
                w.original_language, state = original, "petition"
                continue
            if keyword_mode:
                w.keywords.append(bare)
                continue
            state = "petition"
        if state == "petition":
            w.blocks.append(Block(bare, bullet=bullet))
        elif state == "response":
            w.response_lines.append(bare)
        elif state == "history" and current:
            w.history[current].append(bare)
        elif state == "sponsor":
            w.member_lines.append(bare)
        elif state == "signatures":
            row = _PROVINCE_ROW.match(bare)
            if row:
                w.by_province[collapse(row.group(1))] = int(re.sub(r"\D", "", row.group(2)))
    return _assemble(w, url=url, fetched_at=fetched_at)


def _assemble(w: _Walk, *, url: str | None, fetched_at: datetime | None) -> Petition:
    lang = w.lang
    addressee, grievances, prayer = split_petition_text(w.blocks)
    preamble, grievances, prayer = split_preamble(grievances, prayer)
    hist = {k: "\n".join(v) for k, v in w.history.items()}
    presented = read_presented(hist["presented"], lang) if "presented" in hist else Presented()
    sponsor = None
    if w.member_name or w.member_lines:
        lines = list(w.member_lines)
        name = w.member_name
        if name is None and lines:
            name, lines = lines[0], lines[1:]
        riding, caucus, province = read_member_lines(lines, name)
        sponsor = Sponsor(
            name=name or "",
            riding=riding or presented.riding,
            caucus=on_side(lang, caucus),
            province=on_side(lang, province),
        )
    elif presented.member:
        sponsor = Sponsor(name=presented.member, riding=presented.riding)
    return finish(
        number=w.number,
        kind_label=w.kind_label,
        lang=lang,
        subject=w.subject,
        keywords=tuple(Keyword(None, on_side(lang, k)) for k in w.keywords),
        original_language=w.original_language,
        addressee=addressee,
        initiator=w.initiator,
        sponsor=sponsor,
        opened_at=parse_datetime(hist.get("opened"), lang),
        closed_at=parse_datetime(hist.get("closed"), lang),
        certified_on=parse_date(hist.get("certified"), lang),
        presented=presented,
        response_tabled_on=parse_date(hist.get("response"), lang),
        signatures=w.signatures,
        by_province=w.by_province,
        preamble=preamble,
        grievances=grievances,
        prayer=prayer,
        response=read_response(w.response_lines, lang),
        url=url,
        fetched_at=fetched_at,
    )


def finish(
    *,
    number: PetitionNumber,
    kind_label: Kind | None,
    lang: Lang,
    subject: str | None,
    keywords: tuple[Keyword, ...],
    original_language: Lang | None,
    addressee: str | None,
    initiator: Initiator | None,
    sponsor: Sponsor | None,
    opened_at: datetime | None,
    closed_at: datetime | None,
    certified_on: date | None,
    presented: Presented,
    response_tabled_on: date | None,
    signatures: int | None,
    by_province: dict[str, int],
    grievances: list[str],
    prayer: list[str],
    response: Response | None,
    url: str | None,
    fetched_at: datetime | None,
    preamble: str | None = None,
) -> Petition:
    """Build the record from what a details page showed (shared by the HTML reader).

    The kind follows the number ("e-" is always an e-petition); a type label that
    disagrees is logged. `presented_number` is kept only when it differs from the
    petition's own number, i.e. for e-petitions, whose parliament and session it
    also gives.
    """
    kind: Kind = "e" if number.kind == "e" else "paper"
    if kind_label and kind_label != kind:
        log.warning("petition %s is labelled %s on its page", number.text, kind_label)
    presented_number = presented.number if presented.number and presented.number != number.text else None
    parliament, session = number.parliament, number.session
    if presented_number and parliament is None:
        try:
            pn = parse_number(presented_number)
            parliament, session = pn.parliament, pn.session
        except BadPetitionNumber:
            pass
    petition = Petition(
        number=number.text,
        kind=kind,
        parliament=parliament,
        session=session,
        presented_number=presented_number,
        subject=on_side(lang, subject),
        keywords=keywords,
        original_language=original_language,
        addressee=on_side(lang, addressee),
        initiator=initiator,
        sponsor=sponsor,
        opened_at=opened_at,
        closed_at=closed_at,
        certified_on=certified_on,
        presented_on=presented.on,
        response_tabled_on=response_tabled_on,
        signatures=signatures,
        signatures_by_province=dict(by_province),
        preamble=on_side(lang, preamble),
        grievances=on_side(lang, grievances or None),
        prayer=on_side(lang, prayer or None),
        response=response,
        url=on_side(lang, url or detail_url(number.text, lang)),
        fetched_at=fetched_at,
    )
    return derive_status(petition)


def parse_text_page(
    text: str,
    *,
    lang: str | None = None,
    url: str | None = None,
    fetched_at: datetime | None = None,
) -> Petition:
    """A petition from a details page's visible text (saved excerpts, the demo seed).

    The language is read from the text's fixed phrases unless given. Excerpts may
    be cut short; whatever is there is read.
    """
    if not text or not text.strip():
        raise PageError("the text is empty")
    page_lang = as_lang(lang) or detect_lang(text) or _lang_from_url(url) or "en"
    return read_lines(text.splitlines(), page_lang, url=url, fetched_at=fetched_at)


def _lang_from_url(url: str | None) -> Lang | None:
    if not url:
        return None
    low = url.lower()
    if "/fr/" in low or "noscommunes" in low:
        return "fr"
    if "/en/" in low or "ourcommons" in low:
        return "en"
    return None
