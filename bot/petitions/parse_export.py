"""The search page's XML export, as an admin downloads it by hand.

The bot never requests exports (they sit behind reCAPTCHA); an admin may feed
one in. No raw export has been seen, only its text content and element names
reported by a third-party parser, so matching is loose: element and attribute
names are compared case-insensitively, values may sit in attributes or child
elements, and unknown elements are ignored.

An export can be large and comes from outside, so it is read in two steps that
never hold the document: `scan_export` streams the file once through expat,
checking it is XML, refusing DTDs (no entity can expand), bounding nesting and
record size, and noting where each record's bytes are and the document's
language; `parse_record` then reads one record's bytes at a time. A caller can
so recognise an unchanged record by its bytes before parsing it.
"""

from __future__ import annotations

import io
import logging
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import BinaryIO
from xml.parsers import expat
from xml.sax.saxutils import quoteattr

from bot.petitions.dates import parse_date, parse_datetime
from bot.petitions.errors import BadPetitionNumber
from bot.petitions.model import (
    PROVINCES,
    STATUS_LABELS,
    Bi,
    Initiator,
    Keyword,
    Kind,
    Lang,
    Petition,
    Sponsor,
)
from bot.petitions.numbers import detail_url, parse_number
from bot.petitions.parse_text import (
    Block,
    as_lang,
    on_side,
    read_heading,
    read_response,
    split_petition_text,
    split_preamble,
)
from bot.petitions.text import collapse, fold

log = logging.getLogger(__name__)

__all__ = [
    "ExportError",
    "ExportRecord",
    "ExportScan",
    "parse_export",
    "parse_record",
    "record_bytes",
    "scan_export",
]

MAX_DEPTH = 200
"""Elements nested deeper than this are refused; a record is about 5 deep."""
MAX_RECORD = 4_000_000
"""A record (or any single tag or comment) larger than this is refused; real ones are a few KB."""


class ExportError(ValueError):
    """The file is not XML, or not a petitions export."""


_TAG = re.compile(r"</?[A-Za-z][\w:.-]*(?:\s[^<>]*)?/?>")
_FR_VALUE = re.compile(
    r"\b(?:janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[uû]t|septembre|octobre|novembre|d[ée]cembre)\s+\d{4}"
    r"|l[ée]gislature|r[ée]ponse du gouvernement|ouverte pour signature",
    re.IGNORECASE,
)


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


@dataclass(frozen=True, slots=True)
class ExportRecord:
    """Where one record's bytes sit in the file."""

    ordinal: int
    line: int
    start: int
    end: int
    """Offset of the end tag, or just past the tag of an empty element (as expat reports it)."""
    namespaces: tuple[tuple[str, str], ...] = ()
    """The prefixes in scope at the record, so its bytes can be read on their own."""

    @property
    def where(self) -> str:
        return f"record {self.ordinal} (line {self.line})"


@dataclass(slots=True)
class ExportScan:
    """What one streaming pass learnt of an export: the records' places and the reading context."""

    lang: Lang
    encoding: str | None
    records: list[ExportRecord] = field(default_factory=list)

    def context(self, record: ExportRecord) -> str:
        """Everything besides its bytes that the reading of `record` depends on."""
        return f"{self.lang}\0{self.encoding or ''}\0{record.namespaces!r}"


_SAMPLED = ("datetime", "statusname", "parliament", "parliamentname")
_SAMPLE_SIZE = 256 * 1024
"""Characters of dates, statuses and parliament labels read for the language (about 2,500 records)."""


class _Scanner:
    """expat handlers for `scan_export`: no text is kept, only places, depth and a language sample."""

    def __init__(self, max_depth: int, max_record: int) -> None:
        self.max_depth = max_depth
        self.max_record = max_record
        self.parser = expat.ParserCreate(namespace_separator="}")
        self.parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
        self.parser.StartDoctypeDeclHandler = self._doctype
        self.parser.EntityDeclHandler = self._entity
        self.parser.XmlDeclHandler = self._xml_decl
        self.parser.StartNamespaceDeclHandler = self._ns_start
        self.parser.EndNamespaceDeclHandler = self._ns_end
        self.parser.StartElementHandler = self._start
        self.parser.EndElementHandler = self._end
        self.encoding: str | None = None
        self.root = ""
        self.depth = 0
        self.records: list[ExportRecord] = []
        self._ns: dict[str, list[str]] = {}
        self._ns_now: tuple[tuple[str, str], ...] | None = ()
        # The record being read: its start, depth, line, and [depth, looks like a record] per open <petition>.
        self._unit: tuple[int, int, int, tuple[tuple[str, str], ...]] | None = None
        self._petitions: list[list[int]] = []
        # The language sample: text of the *DateTime, StatusName and Parliament elements, up to
        # _SAMPLE_SIZE of it (an export follows the language of the page it came from).
        self.french = False
        self._sampling = True
        self._sample_depth = 0
        self._sample: list[str] = []
        self._sampled = 0
        self._texts: list[str] = []  # samples not searched yet: searched together, as one joined text
        self._texts_size = 0
        self._attr_french = False

    def _doctype(self, *_: object) -> None:
        raise ExportError(
            "the file declares a DTD (<!DOCTYPE>); exports never do, and its entities could expand without bound"
        )

    def _entity(self, *_: object) -> None:
        raise ExportError("the file declares XML entities; exports never do")

    def _xml_decl(self, _version: str | None, encoding: str | None, _standalone: int) -> None:
        self.encoding = encoding.lower() if encoding else None

    def _ns_start(self, prefix: str | None, uri: str) -> None:
        self._ns.setdefault(prefix or "", []).append(uri)
        self._ns_now = None

    def _ns_end(self, prefix: str | None) -> None:
        stack = self._ns.get(prefix or "")
        if stack:
            stack.pop()
        self._ns_now = None

    def _namespaces(self) -> tuple[tuple[str, str], ...]:
        if self._ns_now is None:
            self._ns_now = tuple(sorted((k, v[-1]) for k, v in self._ns.items() if v))
        return self._ns_now

    def _start(self, name: str, attrs: dict[str, str]) -> None:
        self.depth += 1
        parser = self.parser
        if self.depth > self.max_depth:
            raise ExportError(
                f"elements are nested more than {self.max_depth} deep (line {parser.CurrentLineNumber})"
            )
        local = name.rpartition("}")[2].lower()
        if self.depth == 1:
            self.root = local
        if self._unit is None:
            if local == "petition":
                here = parser.CurrentByteIndex
                self._unit = (here, self.depth, parser.CurrentLineNumber, self._namespaces())
                self._petitions = [[self.depth, int(_names_a_record(attrs))]]
        else:
            if parser.CurrentByteIndex - self._unit[0] > self.max_record:
                self._too_large()
            if local == "petition":
                self._petitions.append([self.depth, int(_names_a_record(attrs))])
            elif local in ("petitionnumber", "title"):
                for entry in self._petitions:
                    entry[1] = 1
        if self._sampling:
            if self._sample_depth:
                self._sample_depth += 1
            elif local.endswith(_SAMPLED):
                self._sample_depth = 1
                self._sample = []
                parser.CharacterDataHandler = self._sample.append
            if attrs and not self._sampled and not self._attr_french:
                self._attr_french = _FR_VALUE.search(" ".join(attrs.values())) is not None

    def _end(self, _name: str) -> None:
        if self._unit is not None and self._petitions[-1][0] == self.depth:
            depth, looks = self._petitions.pop()
            if self._petitions:
                if looks:
                    raise ExportError(
                        f"record {len(self.records) + 1} (line {self._unit[2]}) holds another petition record; "
                        "exports never nest records"
                    )
            else:
                start, _, line, namespaces = self._unit
                end = self.parser.CurrentByteIndex
                if end - start > self.max_record:
                    self._too_large()
                if looks:
                    self.records.append(ExportRecord(len(self.records) + 1, line, start, end, namespaces))
                self._unit = None
        if self._sample_depth:
            self._sample_depth -= 1
            if not self._sample_depth:
                self.parser.CharacterDataHandler = None
                text = collapse(_TAG.sub("", "".join(self._sample)))
                if text:
                    self._sampled += len(text)
                    self._texts.append(text)
                    self._texts_size += len(text)
                    if self._texts_size > 64 * 1024 or self._sampled > _SAMPLE_SIZE:
                        self._search_samples()
                        self._sampling = not self.french and self._sampled <= _SAMPLE_SIZE
        self.depth -= 1

    def _too_large(self) -> None:
        assert self._unit is not None
        raise ExportError(
            f"record {len(self.records) + 1} (line {self._unit[2]}) is larger than {self.max_record / 1e6:.3g} MB; "
            "no petition record is that large"
        )

    def _search_samples(self) -> None:
        if _FR_VALUE.search(" ".join(self._texts)):
            self.french = True
        self._texts = self._texts[-1:]  # a value cut between two searches is still seen whole
        self._texts_size = len(self._texts[0]) if self._texts else 0

    @property
    def lang(self) -> Lang:
        if not self.french and self._texts:
            self._search_samples()
        if self.french:
            return "fr"
        return "fr" if not self._sampled and self._attr_french else "en"


def _names_a_record(attrs: dict[str, str]) -> bool:
    return any(
        key.rpartition("}")[2].lower() in ("title", "petitionnumber") and value.strip()
        for key, value in attrs.items()
    )


def scan_export(
    fh: BinaryIO,
    *,
    lang: str | None = None,
    max_depth: int = MAX_DEPTH,
    max_record: int = MAX_RECORD,
    max_size: int | None = None,
    block: int = 1024 * 1024,
) -> ExportScan:
    """One streaming pass over an export: where its records are, and its language.

    Memory stays bounded whatever the file: no text is kept, and a single tag,
    comment or record larger than `max_record` is refused (expat must hold a
    whole tag). Raises `ExportError` for anything that is not a sound export.
    """
    fh.seek(0)
    scanner = _Scanner(max_depth, max_record)
    parser = scanner.parser
    fed = 0
    try:
        while chunk := fh.read(block):
            fed += len(chunk)
            if max_size is not None and fed > max_size:
                raise ExportError(f"the file is larger than {max_size:,} bytes")
            parser.Parse(chunk, False)
            if fed - max(parser.CurrentByteIndex, 0) > max_record:
                raise ExportError(
                    f"a single tag, comment or declaration near line {parser.CurrentLineNumber} "
                    f"is larger than {max_record / 1e6:.3g} MB"
                )
        if not fed or not _has_content(fh, fed):
            raise ExportError("the file is empty")
        parser.Parse(b"", True)
    except expat.ExpatError as exc:
        raise ExportError(f"the file is not XML ({exc})") from exc
    if not scanner.records and "petition" not in scanner.root:
        raise ExportError(f"the XML is not a petitions export (root element <{scanner.root}>)")
    return ExportScan(lang=as_lang(lang) or scanner.lang, encoding=scanner.encoding, records=scanner.records)


def _has_content(fh: BinaryIO, size: int) -> bool:
    """Whether a file that expat found no element in holds anything but white space."""
    if size > 64 * 1024:
        return True
    fh.seek(0)
    return bool(fh.read().strip())


_START_TAG = re.compile(rb"""<[^\s/>]+(?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*\s*(/?)>""")


def record_bytes(fh: BinaryIO, record: ExportRecord) -> bytes:
    """The record's exact bytes, from its start tag to the end of its end tag."""
    fh.seek(record.start)
    span = record.end - record.start
    data = fh.read(span + 1024)
    tag = _START_TAG.match(data)
    if tag is None:
        raise ExportError(f"{record.where}: its start tag cannot be read")
    if tag.group(1):  # <Petition …/>: expat reports its end just past the tag
        return data[: tag.end()]
    close = data.find(b">", span)
    if close < 0:
        raise ExportError(f"{record.where}: its end tag cannot be read")
    return data[: close + 1]


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
    return collapse(_TAG.sub("", "".join(el.itertext())))


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
    number_text = _value(el, "petitionnumber")
    heading = read_heading(title, need_subject=False) if title else None
    subject = heading[1] if heading else None
    try:
        number = parse_number(number_text or (heading[0].text if heading else ""))
    except BadPetitionNumber:
        log.warning("export record without a readable petition number (%r)", number_text or title)
        return None
    if subject is None and title and not heading:
        subject = title

    status_id = _int(_value(el, "statusid"))
    status_name = _value(el, "statusname")
    status = STATUS_LABELS.get(status_id, Bi()) if status_id is not None else Bi()
    if status_name:
        status = status.merge(on_side(lang, status_name))

    parliament, session = number.parliament, number.session
    if parliament is None:
        parliament = _int(_deep_attr(el, "parliamentnumber"))
        if parliament is None:
            label = _value(el, "parliament", "parliamentname")
            m = re.search(r"\d+", label or "")
            parliament = _int(m.group(0)) if m else None
        session = _int(_deep_attr(el, "session"))

    addressee, grievances, prayer = _prayer(el)
    preamble, grievances, prayer = split_preamble(list(grievances or []), list(prayer or []))
    response_el = _first(el, "response")
    response = None
    if response_el is not None:
        response = read_response(_lines(response_el), lang)

    kind: Kind = "e" if number.kind == "e" else "paper"
    return Petition(
        number=number.text,
        kind=kind,
        parliament=parliament,
        session=session,
        status_id=status_id,
        status=status,
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
        response=response,
        url=on_side(lang, detail_url(number.text, lang)),
        fetched_at=fetched_at,
    )


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
        line = collapse(_TAG.sub("", text or ""))
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
        line = collapse(_TAG.sub("", text or ""))
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
    line = collapse(_TAG.sub("", text))
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
