"""The SearchAsync listing: JSON whose `html` holds one page of petitions.

This is the only discovery source that works without a reCAPTCHA token, so a
wrong answer (an HTML page, a challenge, `success: false`) must stop the
caller rather than look like an empty page: those raise `ListingError`.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from selectolax.lexbor import LexborHTMLParser, LexborNode

from bot.petitions.dates import parse_date, parse_datetime
from bot.petitions.errors import BadPetitionNumber
from bot.petitions.model import Bi, Keyword, Kind, Lang, Petition, Sponsor
from bot.petitions.numbers import detail_url, parse_number
from bot.petitions.parse._wording import as_lang, detect_lang, on_side
from bot.petitions.status import STATUS_LABELS, Status
from bot.petitions.text import collapse, fold

log = logging.getLogger(__name__)

_ELLIPSIS = re.compile(r"\s*(?:\.\.\.|…)\s*$")
_KEYWORD_ID = re.compile(r"[?&]keyword=(\d+)", re.IGNORECASE)
_PAGE_LINK = re.compile(r"[?&]page=(\d+)", re.IGNORECASE)


class ListingError(ValueError):
    """The answer is not a listing: not JSON, `success` false, or HTML that is not one.

    An HTML page or captcha where JSON was expected means the site wants a
    token; the caller should stop and back off, never retry around it.
    """


@dataclass(frozen=True, slots=True)
class Refiner:
    """One option of a listing filter (type, keyword, sponsor) with its count."""

    code: str
    value: str
    name: str
    count: int | None = None


@dataclass(frozen=True, slots=True)
class ListingRow:
    number: str
    kind: Kind
    lang: Lang
    subject: str | None = None
    keywords: tuple[Keyword, ...] = ()
    status_label: str | None = None
    status_id: int | None = None
    until: datetime | None = None
    status_date: date | None = None
    sponsor_name: str | None = None
    sponsor_id: int | None = None
    signatures: int | None = None
    data_id: str | None = None

    def to_petition(self, lang: str | None = None, fetched_at: datetime | None = None) -> Petition:
        """The partial record this row tells; details pages fill in the rest.

        The "until" time is the closing time only for open petitions (the only
        status seen in the listing), so it becomes `closed_at` only for those.
        """
        side = as_lang(lang) or self.lang
        parliament = session = None
        try:
            parsed = parse_number(self.number)
            parliament, session = parsed.parliament, parsed.session
        except BadPetitionNumber:
            pass
        status = STATUS_LABELS.get(self.status_id, Bi()) if self.status_id is not None else Bi()
        if self.status_label:
            status = status.merge(on_side(self.lang, self.status_label))
        sponsor = Sponsor(name=self.sponsor_name, person_id=self.sponsor_id) if self.sponsor_name else None
        return Petition(
            number=self.number,
            kind=self.kind,
            parliament=parliament,
            session=session,
            status_id=self.status_id,
            status=status,
            subject=on_side(self.lang, self.subject),
            keywords=self.keywords,
            sponsor=sponsor,
            closed_at=self.until if self.status_id == Status.OPEN else None,
            signatures=self.signatures,
            url=on_side(side, detail_url(self.number, side)),
            fetched_at=fetched_at,
        )


@dataclass(frozen=True, slots=True)
class Listing:
    rows: list[ListingRow]
    total: int | None = None
    page: int | None = None
    pages: int | None = None
    first: int | None = None
    last: int | None = None
    lang: Lang = "en"
    refiners: dict[str, list[Refiner]] = field(default_factory=dict)

    @property
    def is_last_page(self) -> bool:
        if self.page is not None and self.pages is not None:
            return self.page >= self.pages
        return not self.rows


def status_id_for(label: str | None) -> int | None:
    """The status id whose English or French label reads like `label`."""
    key = fold(label)
    if not key:
        return None
    for status_id, names in STATUS_LABELS.items():
        if key in (fold(names.en), fold(names.fr)):
            return int(status_id)  # a plain int, as every source stores it
    return None


def parse_listing(payload: str | bytes | dict[str, Any], *, lang: str | None = None) -> Listing:
    """One page of the listing from the SearchAsync answer (raw body or decoded JSON)."""
    data = _json(payload)
    if data.get("success") is not True:
        raise ListingError(f"the listing answer says success={data.get('success')!r}")
    html = data.get("html")
    if not isinstance(html, str):
        raise ListingError("the listing answer has no html fragment")
    tree = LexborHTMLParser(html)
    rows_nodes = tree.css("tr.Pub")
    pager = tree.css_first(".PagingMessage")
    count = tree.css_first(".refiners-results-count")
    if not rows_nodes and pager is None and count is None:
        raise ListingError("the html fragment is not a listing (no rows, pager or result count)")

    page_lang = as_lang(lang) or _listing_lang(tree) or "en"
    refiners = _refiners(tree)
    sponsor_ids = {fold(r.name): r.value for r in refiners.get("sponsor", [])}

    rows = [row for node in rows_nodes if (row := _row(node, page_lang, sponsor_ids)) is not None]

    first = last = total = page = pages = None
    if pager is not None:
        numbers = [int(n) for n in re.findall(r"\d+", collapse(pager.text(deep=True)))]
        if len(numbers) >= 5:
            first, last, total, page, pages = numbers[:5]
        elif len(numbers) >= 3:
            first, last, total = numbers[:3]
    if total is None and count is not None:
        m = re.search(r"\d[\d,\s]*", collapse(count.text(deep=True)))
        total = int(re.sub(r"\D", "", m.group(0))) if m else None
    if pages is None:
        hrefs = (a.attributes.get("href") or "" for a in tree.css(".PageRow a[href], nav a[href]"))
        links = [int(m.group(1)) for m in map(_PAGE_LINK.search, hrefs) if m]
        pages = max(links) if links else None
    return Listing(
        rows=rows,
        total=total,
        page=page,
        pages=pages,
        first=first,
        last=last,
        lang=page_lang,
        refiners=refiners,
    )


def _json(payload: str | bytes | dict[str, Any]) -> dict[str, Any]:
    if isinstance(payload, dict):
        return payload
    text = payload.decode("utf-8-sig", errors="replace") if isinstance(payload, bytes) else payload
    stripped = (text or "").lstrip()
    if not stripped:
        raise ListingError("the listing answer is empty")
    if stripped.startswith("<"):
        low = stripped[:5000].lower()
        what = "a captcha or challenge page" if "captcha" in low or "challenge" in low else "an HTML page"
        raise ListingError(f"got {what} where the listing JSON was expected")
    try:
        data = json.loads(stripped)
    except json.JSONDecodeError as exc:
        raise ListingError(f"the listing answer is not JSON ({exc.msg})") from exc
    if not isinstance(data, dict):
        raise ListingError("the listing answer is not a JSON object")
    return data


def _listing_lang(tree: LexborHTMLParser) -> Lang | None:
    heads = " ".join(fold(th.text(deep=True)) for th in tree.css("table.table-search th"))
    if "petition" in heads and ("membre" in heads or "depute" in heads or "mots" in heads):
        return "fr"
    if "keywords" in heads or "member of parliament" in heads:
        return "en"
    return detect_lang(tree.body.text(deep=True) if tree.body else "")


def _refiners(tree: LexborHTMLParser) -> dict[str, list[Refiner]]:
    found: dict[str, list[Refiner]] = {}
    seen: set[tuple[str, str]] = set()
    for option in tree.css("div.ro[data-val]"):
        code = option.attributes.get("data-code") or ""
        value = option.attributes.get("data-val") or ""
        if not code or not value or (code, value) in seen:
            continue
        seen.add((code, value))
        name_node = option.css_first(".ro-name")
        count_node = option.css_first(".ro-count")
        digits = re.sub(r"\D", "", count_node.text(deep=True)) if count_node is not None else ""
        found.setdefault(code, []).append(
            Refiner(
                code=code,
                value=value,
                name=collapse(name_node.text(deep=True)) if name_node is not None else "",
                count=int(digits) if digits else None,
            )
        )
    return found


def _row(node: LexborNode, lang: Lang, sponsor_ids: dict[str, str]) -> ListingRow | None:
    cells = node.css("td")
    if len(cells) < 6:
        log.debug("skipping a listing row with %d cells", len(cells))
        return None
    title = cells[0].css_first("a.publicationTitleSearch") or cells[0].css_first("a")
    number_words = ""
    subject = None
    if title is not None:
        spans = title.css("span")
        if spans:
            number_words = collapse(spans[0].text(deep=True))
            subject = collapse(" ".join(s.text(deep=True) for s in spans[1:])) or None
        if not number_words:
            m = re.search(r"Petition=([^&]+)", title.attributes.get("href") or "", re.IGNORECASE)
            number_words = m.group(1) if m else ""
    try:
        number = parse_number(number_words)
    except BadPetitionNumber:
        log.warning("listing row with an unreadable number %r", number_words)
        return None

    keywords: list[Keyword] = []
    for a in cells[1].css("a"):
        name = collapse(a.text(deep=True))
        full = collapse(a.attributes.get("title"))
        if full and _ELLIPSIS.search(name):
            name = full
        if not name:
            continue
        m = _KEYWORD_ID.search(a.attributes.get("href") or "")
        keywords.append(Keyword(int(m.group(1)) if m else None, on_side(lang, name)))

    status_cell = cells[3]
    label_node = status_cell.css_first("span")
    label = collapse(label_node.text(deep=True)) if label_node is not None else None
    cell_text = collapse(status_cell.text(deep=True))
    rest = cell_text[len(label) :] if label and cell_text.startswith(label) else cell_text

    sponsor = collapse(cells[4].text(deep=True)) or None
    digits = re.sub(r"\D", "", cells[5].text(deep=True))
    kind: Kind = "e" if number.kind == "e" else "paper"
    sponsor_id = sponsor_ids.get(fold(sponsor)) if sponsor else None
    return ListingRow(
        number=number.text,
        kind=kind,
        lang=lang,
        subject=subject,
        keywords=tuple(keywords),
        status_label=label or None,
        status_id=status_id_for(label),
        until=parse_datetime(rest, lang),
        status_date=parse_date(rest, lang),
        sponsor_name=sponsor,
        sponsor_id=int(sponsor_id) if sponsor_id and sponsor_id.isdigit() else None,
        signatures=int(digits) if digits else None,
        data_id=node.attributes.get("data-id"),
    )
