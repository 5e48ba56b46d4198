"""The search page's XML export, as an admin downloads it by hand, read record by record.

The bot never requests exports (they sit behind reCAPTCHA); an admin may feed
one in. No raw export has been seen, only its text content and element names
reported by a third-party parser, so matching is loose: element and attribute
names are compared case-insensitively, values may sit in attributes or child
elements, and unknown elements are ignored.
"""

from __future__ import annotations

import io
import logging
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import datetime
from xml.sax.saxutils import quoteattr

from bot.petitions.dates import parse_date, parse_datetime
from bot.petitions.errors import BadPetitionNumber
from bot.petitions.model import PROVINCES, Bi, Initiator, Keyword, Kind, Lang, Petition, Response, Sponsor
from bot.petitions.numbers import PetitionNumber, detail_url, parse_number
from bot.petitions.parse._export_scan import (
    TAG,
    ExportError,
    ExportRecord,
    ExportScan,
    record_bytes,
    scan_export,
)
from bot.petitions.parse._petition_text import Block, read_response, split_petition_text, split_preamble
from bot.petitions.parse._wording import on_side, read_heading
from bot.petitions.status import STATUS_LABELS
from bot.petitions.text import collapse, fold

log = logging.getLogger(__name__)


def parse_export(
    xml: str | bytes,
    *,
    lang: str | None = None,
    fetched_at: datetime | None = None,
) -> list[Petition]:
    """Every petition record in an export held in memory, in file order.

    The language (the export follows the page it was downloaded from) is read
    from the values, e.g. French month names or "44e législature", unless given.
    """
    if isinstance(xml, str):
        xml = re.sub(r"^\s*<\?xml[^>]*\?>", "", xml)  # a str cannot carry an encoding declaration
        raw = xml.encode("utf-8")
    else:
        raw = xml
    fh = io.BytesIO(raw)
    scan = scan_export(fh, lang=lang)
    petitions: list[Petition] = []
    for record in scan.records:
        petition = parse_record(record_bytes(fh, record), scan, record, fetched_at=fetched_at)
        if petition is not None:
            petitions.append(petition)
    return petitions


def parse_record(
    raw: bytes, scan: ExportScan, record: ExportRecord, *, fetched_at: datetime | None = None
) -> Petition | None:
    """One record from its bytes (see `record_bytes`); None when it has no readable number."""
    declarations = "".join(
        f" xmlns:{prefix}={quoteattr(uri)}" if prefix else f" xmlns={quoteattr(uri)}"
        for prefix, uri in record.namespaces
    )
    encoding = scan.encoding or "utf-8"
    head = f'<?xml version="1.0" encoding="{encoding}"?><petitionbot-record{declarations}>'
    try:
        wrapper = ET.fromstring(head.encode(encoding, "xmlcharrefreplace") + raw + b"</petitionbot-record>")
    except (ET.ParseError, LookupError) as exc:
        raise ExportError(f"{record.where} is not XML ({exc})") from exc
    if len(wrapper) != 1:
        raise ExportError(f"{record.where} cannot be read on its own")
    return _record(wrapper[0], scan.lang, fetched_at)


# --- Loose element access ----------------------------------------------------------------


def _name(el: ET.Element) -> str:
    tag = el.tag if isinstance(el.tag, str) else ""
    return tag.rsplit("}", 1)[-1].lower()


def _attr(el: ET.Element, *names: str) -> str | None:
    wanted = {n.lower() for n in names}
    for key, value in el.attrib.items():
        if key.rsplit("}", 1)[-1].lower() in wanted and value.strip():
            return value.strip()
    return None


def _descendants(el: ET.Element, *names: str) -> Iterator[ET.Element]:
    wanted = {n.lower() for n in names}
    for child in el.iter():
        if child is not el and _name(child) in wanted:
            yield child


def _first(el: ET.Element, *names: str) -> ET.Element | None:
    return next(_descendants(el, *names), None)


def _text(el: ET.Element | None) -> str:
    if el is None:
        return ""
    return collapse(TAG.sub("", "".join(el.itertext())))


def _value(el: ET.Element, *names: str) -> str | None:
    """An attribute of `el` or the text of its first descendant with one of `names`."""
    found = _attr(el, *names)
    if found:
        return found
    node = _first(el, *names)
    if node is None:
        return None
    return _text(node) or None


# --- One record --------------------------------------------------------------------------


def _record(el: ET.Element, lang: Lang, fetched_at: datetime | None) -> Petition | None:
    title = _value(el, "title")
    number_words = _value(el, "petitionnumber")
    heading = read_heading(title, need_subject=False) if title else None
    subject = heading[1] if heading else None
    try:
        number = parse_number(number_words or (heading[0].text if heading else ""))
    except BadPetitionNumber:
        log.warning("export record without a readable petition number (%r)", number_words or title)
        return None
    if subject is None and title and not heading:
        subject = title

    status_id = _int(_value(el, "statusid"))
    parliament, session = _parliament(el, number)
    addressee, grievances, prayer = _prayer(el)
    preamble, grievances, prayer = split_preamble(list(grievances or []), list(prayer or []))
    kind: Kind = "e" if number.kind == "e" else "paper"
    return Petition(
        number=number.text,
        kind=kind,
        parliament=parliament,
        session=session,
        status_id=status_id,
        status=_status(el, lang, status_id),
        subject=on_side(lang, subject),
        keywords=_keywords(el, lang),
        addressee=on_side(lang, addressee),
        initiator=_initiator(el),
        sponsor=_sponsor(el, lang),
        opened_at=parse_datetime(_value(el, "signatureopeningdatetime"), lang),
        closed_at=parse_datetime(_value(el, "signatureclosingdatetime"), lang),
        certified_on=parse_date(_value(el, "certificationdatetime"), lang),
        presented_on=parse_date(_value(el, "presenteddatetime"), lang),
        response_tabled_on=parse_date(_value(el, "governmentresponsedatetime"), lang),
        signatures=_int(_attr(el, "signaturecount") or _direct_value(el, "signaturecount")),
        signatures_by_province=_by_province(el, lang),
        preamble=on_side(lang, preamble),
        grievances=on_side(lang, grievances or None),
        prayer=on_side(lang, prayer or None),
        response=_response(el, lang),
        url=on_side(lang, detail_url(number.text, lang)),
        fetched_at=fetched_at,
    )


def _status(el: ET.Element, lang: Lang, status_id: int | None) -> Bi[str]:
    """Our labels for the id, with the export's own name on the side of its language."""
    status_name = _value(el, "statusname")
    status = STATUS_LABELS.get(status_id, Bi()) if status_id is not None else Bi()
    if status_name:
        status = status.merge(on_side(lang, status_name))
    return status


def _parliament(el: ET.Element, number: PetitionNumber) -> tuple[int | None, int | None]:
    """(parliament, session): a paper number says them; an e-petition's record must."""
    parliament, session = number.parliament, number.session
    if parliament is None:
        parliament = _int(_deep_attr(el, "parliamentnumber"))
        if parliament is None:
            label = _value(el, "parliament", "parliamentname")
            m = re.search(r"\d+", label or "")
            parliament = _int(m.group(0)) if m else None
        session = _int(_deep_attr(el, "session"))
    return parliament, session


def _response(el: ET.Element, lang: Lang) -> Response | None:
    response_el = _first(el, "response")
    if response_el is None:
        return None
    return read_response(_lines(response_el), lang)


def _int(text: str | None) -> int | None:
    digits = re.sub(r"\D", "", text or "")
    if len(digits.lstrip("0")) > 18:  # SQLite stores 64-bit integers; no count or id is that long
        raise ExportError(f"the number {digits[:24]}… is too large")
    return int(digits) if digits else None


def _deep_attr(el: ET.Element, name: str) -> str | None:
    for node in el.iter():
        found = _attr(node, name)
        if found:
            return found
    return None


def _direct_value(el: ET.Element, name: str) -> str | None:
    """A child element's text, not looking inside nested province counts."""
    for child in el:
        if _name(child) == name.lower():
            return _text(child) or None
    return None


def _lines(el: ET.Element) -> list[str]:
    """Text of `el` split where elements start and end, tags inside text removed."""
    out: list[str] = []

    def add(text: str | None) -> None:
        line = collapse(TAG.sub("", text or ""))
        if line:
            out.append(line)

    add(el.text)
    for child in el:
        add("".join(child.itertext()))
        add(child.tail)
    return out


def _prayer(el: ET.Element) -> tuple[str | None, list[str], list[str]]:
    node = _first(el, "prayer")
    if node is None:
        return None, [], []
    blocks: list[Block] = []
    head: list[str] = [node.text or ""]
    in_head = True

    def add(text: str | None, role: str | None = None) -> None:
        line = collapse(TAG.sub("", text or ""))
        if line:
            blocks.append(Block(line, role=role))

    for child in node:
        name = _name(child)
        if name == "addressee" and in_head:
            head.append("".join(child.itertext()))
            head.append(child.tail or "")
            continue
        if in_head:
            in_head = False
            add(" ".join(head), role="addressee" if _is_addressee(" ".join(head)) else None)
        if name in ("grievances", "whereas"):
            if name == "whereas":
                add("".join(child.itertext()), role="grievance")
            else:
                add(child.text)
                for item in child:
                    role = "grievance" if _name(item) == "whereas" else None
                    add("".join(item.itertext()), role=role)
                    add(item.tail)
        else:
            add("".join(child.itertext()))
        add(child.tail)
    if in_head:
        add(" ".join(head), role="addressee" if _is_addressee(" ".join(head)) else None)
    return split_petition_text(blocks)


def _is_addressee(text: str) -> bool:
    line = collapse(TAG.sub("", text))
    return (
        bool(line)
        and len(line) < 250
        and fold(line).startswith(("petition", "to the", "a la", "au ", "aux "))
    )


def _keywords(el: ET.Element, lang: Lang) -> tuple[Keyword, ...]:
    found: list[Keyword] = []
    for term in _descendants(el, "term"):
        name = _text(term)
        if name:
            found.append(Keyword(_int(_attr(term, "id", "termid", "keywordid")), on_side(lang, name)))
    return tuple(found)


def _initiator(el: ET.Element) -> Initiator | None:
    first = _value(el, "petitionerfirstname") or ""
    last = _value(el, "petitionerlastname") or ""
    name = collapse(f"{first} {last}")
    return Initiator(name=name) if name else None


def _sponsor(el: ET.Element, lang: Lang) -> Sponsor | None:
    node = _first(el, "sponsor")
    if node is None:
        return None
    name = collapse(f"{_value(node, 'firstname') or ''} {_value(node, 'lastname') or ''}")
    if not name:
        name = _text(node) if len(node) == 0 else ""
    if not name:
        return None
    code = (_value(node, "provincecode") or "").upper()
    province = PROVINCES.get(code) or on_side(lang, code or None)
    return Sponsor(
        name=name,
        person_id=_int(_attr(node, "personid", "id", "affiliationid") or _value(node, "personid")),
        riding=_value(node, "constituency", "riding"),
        caucus=on_side(lang, _value(node, "caucus")),
        province=province,
    )


def _by_province(el: ET.Element, lang: Lang) -> dict[str, int]:
    counts: dict[str, int] = {}
    for node in el.iter():
        if node is el:
            continue
        code = _attr(node, "province", "provincecode")
        count = _int(_attr(node, "signaturecount"))
        if code and count is not None:
            names = PROVINCES.get(code.upper())
            label = (names.get(lang) if names else None) or code
            counts[label] = counts.get(label, 0) + count
    return counts
