"""The search page's XML export, streamed once without holding the document.

An export can be large and comes from outside, so `scan_export` streams the file
once through expat, checking it is XML, refusing DTDs (no entity can expand),
bounding nesting and record size, and noting where each record's bytes are and
the document's language; `record_bytes` then hands one record's bytes at a time to
`parse_record`. A caller can so recognise an unchanged record by its bytes before
parsing it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import BinaryIO
from xml.parsers import expat

from bot.petitions.model import Lang
from bot.petitions.parse._wording import as_lang
from bot.petitions.text import collapse

MAX_EXPORT_DEPTH = 200
"""Elements nested deeper than this are refused; a record is about 5 deep."""
MAX_EXPORT_RECORD = 4_000_000
"""A record (or any single tag or comment) larger than this is refused; real ones are a few KB."""


class ExportError(ValueError):
    """The file is not XML, or not a petitions export."""


TAG = re.compile(r"</?[A-Za-z][\w:.-]*(?:\s[^<>]*)?/?>")
"""Markup left inside a value (escaped HTML in an export's text); removed wherever text is read."""
_FR_VALUE = re.compile(
    r"\b(?:janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[uû]t|septembre|octobre|novembre|d[ée]cembre)\s+\d{4}"
    r"|l[ée]gislature|r[ée]ponse du gouvernement|ouverte pour signature",
    re.IGNORECASE,
)


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
                text = collapse(TAG.sub("", "".join(self._sample)))
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
    max_depth: int = MAX_EXPORT_DEPTH,
    max_record: int = MAX_EXPORT_RECORD,
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
