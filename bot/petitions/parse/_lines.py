"""A details page read from its visible lines: a saved excerpt, the demo seed, or the text of the
HTML, which `parse_details` reads this way too so that a markup change degrades to text reading
instead of to missing fields.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from bot.petitions.dates import parse_date, parse_datetime
from bot.petitions.model import Initiator, Keyword, Kind, Lang, Petition, Sponsor
from bot.petitions.numbers import PetitionNumber
from bot.petitions.parse._page import PageError, finish
from bot.petitions.parse._petition_text import Block, read_response, split_petition_text, split_preamble
from bot.petitions.parse._wording import (
    Presented,
    as_lang,
    detect_lang,
    history_key,
    on_side,
    read_heading,
    read_initiator,
    read_kind,
    read_member_lines,
    read_original_language,
    read_presented,
    read_signer,
    response_header_lang,
    signature_total,
)
from bot.petitions.text import collapse, fold

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


# --- The line walker ---------------------------------------------------------------------


@dataclass(slots=True)
class _Walk:
    """What the walker has read so far, and the section of the page it is in."""

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
    state: str = "intro"  # then petition, response, history, sponsor, signatures or tail
    keyword_mode: bool = False
    current: str | None = None

    def feed(self, line: str) -> None:
        """One collapsed line of the page, in page order."""
        if not line:
            if self.state == "sponsor" and self.member_lines:
                self.state = "tail"
            return
        bare = _BULLET.sub("", line)
        bullet = bare != line
        if not bare:
            return
        if self._switch_section(bare):
            return
        if self.state == "intro" and self._read_intro(bare):
            return
        self._keep(bare, bullet)

    def _switch_section(self, bare: str) -> bool:
        """Whether `bare` is one of the site's fixed phrases that open or end a section, or a heading
        that says nothing."""
        key = history_key(bare)
        if key:
            self.state, self.current = "history", key
            self.history.setdefault(key, [])
            return True
        photo = _PHOTO.match(bare)
        if photo:
            self.state = "sponsor"
            self.member_name = collapse(photo.group(1))
            return True
        if fold(bare) in _MEMBER_HEADINGS:
            self.state = "sponsor"
            return True
        total = signature_total(bare)
        if total is not None:
            self.state, self.signatures = "signatures", total
            return True
        if self.state in ("intro", "petition") and (response_header_lang(bare) or read_signer(bare)):
            self.state = "response"
            self.response_lines.append(bare)
            return True
        if _is_end_marker(bare):
            if self.state != "signatures":
                self.state = "tail"
            return True
        return fold(bare) in _SKIP_HEADINGS

    def _read_intro(self, bare: str) -> bool:
        """Whether `bare` was an intro line (keywords, type, initiator, language); if not, the
        petition text has started."""
        if fold(bare).rstrip(" :") in _KEYWORD_LABELS:
            self.keyword_mode = True
            return True
        kind = read_kind(bare)
        if kind:
            self.kind_label, self.keyword_mode = kind, False
            return True
        initiator = read_initiator(bare)
        if initiator:
            self.initiator, self.keyword_mode = initiator, False
            return True
        is_lang_line, original = read_original_language(bare)
        if is_lang_line:
            self.original_language, self.state = original, "petition"
            return True
        if self.keyword_mode:
            self.keywords.append(bare)
            return True
        self.state = "petition"
        return False

    def _keep(self, bare: str, bullet: bool) -> None:
        """A line of the section the walker is in."""
        if self.state == "petition":
            self.blocks.append(Block(bare, bullet=bullet))
        elif self.state == "response":
            self.response_lines.append(bare)
        elif self.state == "history" and self.current:
            self.history[self.current].append(bare)
        elif self.state == "sponsor":
            self.member_lines.append(bare)
        elif self.state == "signatures":
            row = _PROVINCE_ROW.match(bare)
            if row:
                self.by_province[collapse(row.group(1))] = int(re.sub(r"\D", "", row.group(2)))


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
    for line in cleaned[start + 1 :]:
        w.feed(line)
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
