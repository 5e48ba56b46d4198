"""The petition record shared by parsers, store, answers and renderers.

One record serves both kinds of petition. Text that the House publishes in two
languages is held in a `Bi` pair; a side that was never seen stays `None`, so a
reader can tell "known only in English" from "empty".
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Generic, Literal, TypeVar
from zoneinfo import ZoneInfo

from bot.i18n import t

TORONTO = ZoneInfo("America/Toronto")
Lang = Literal["en", "fr"]
LANGS: tuple[Lang, Lang] = ("en", "fr")

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Bi(Generic[T]):
    """A value in English and French; either side may be unknown."""

    en: T | None = None
    fr: T | None = None

    def get(self, lang: str) -> T | None:
        return self.en if lang == "en" else self.fr

    def pick(self, lang: str) -> tuple[T | None, Lang | None]:
        """The value in `lang`, else in the other language, with the language used."""
        first: Lang = "fr" if lang == "fr" else "en"
        other: Lang = "en" if first == "fr" else "fr"
        for candidate in (first, other):
            value = self.get(candidate)
            if value:
                return value, candidate
        return None, None

    def merge(self, other: Bi[T]) -> Bi[T]:
        """Each side from `other` where it is known there, else from `self`."""
        return Bi(
            en=other.en if other.en else self.en,
            fr=other.fr if other.fr else self.fr,
        )

    def known(self) -> list[Lang]:
        return [lang for lang in LANGS if self.get(lang)]

    def __bool__(self) -> bool:
        return bool(self.en) or bool(self.fr)


def no_text() -> Bi[str]:
    """An empty text on both sides (a typed default for dataclass fields)."""
    return Bi()


def no_lines() -> Bi[list[str]]:
    """An empty list of lines on both sides (a typed default for dataclass fields)."""
    return Bi()


def side(value: Bi[Any], lang: str) -> str:
    """The text in the reader's language, else the other one with a note saying so."""
    text, used = value.pick(lang)
    if not text:
        return ""
    text = " ".join(text) if isinstance(text, list) else str(text)
    if used and used != lang:
        text += " " + t("only_in", lang, lang=t(f"lang.{used}", lang))
    return text


@dataclass(frozen=True, slots=True)
class Keyword:
    id: int | None
    name: Bi[str]


@dataclass(frozen=True, slots=True)
class Initiator:
    name: str
    city: str | None = None
    province: str | None = None


@dataclass(frozen=True, slots=True)
class Sponsor:
    name: str
    person_id: int | None = None
    riding: str | None = None
    caucus: Bi[str] = field(default_factory=no_text)
    province: Bi[str] = field(default_factory=no_text)


@dataclass(frozen=True, slots=True)
class Response:
    header: Bi[str] = field(default_factory=no_text)
    signer: str | None = None
    paragraphs: Bi[list[str]] = field(default_factory=no_lines)


Kind = Literal["paper", "e"]


@dataclass(frozen=True, slots=True)
class Petition:
    number: str
    kind: Kind
    parliament: int | None = None
    session: int | None = None
    presented_number: str | None = None
    status_id: int | None = None
    status: Bi[str] = field(default_factory=no_text)
    subject: Bi[str] = field(default_factory=no_text)
    keywords: tuple[Keyword, ...] = ()
    original_language: Lang | None = None
    addressee: Bi[str] = field(default_factory=no_text)
    initiator: Initiator | None = None
    sponsor: Sponsor | None = None
    opened_at: datetime | None = None
    closed_at: datetime | None = None
    certified_on: date | None = None
    presented_on: date | None = None
    response_tabled_on: date | None = None
    signatures: int | None = None
    signatures_by_province: dict[str, int] = field(default_factory=dict)
    # "We, the undersigned citizens of Canada, draw the attention of the House of Commons to the
    # following:" on paper petitions: the petition's framing, not one of its grievances.
    preamble: Bi[str] = field(default_factory=no_text)
    grievances: Bi[list[str]] = field(default_factory=no_lines)
    prayer: Bi[list[str]] = field(default_factory=no_lines)
    response: Response | None = None
    summary: Bi[str] = field(default_factory=no_text)
    url: Bi[str] = field(default_factory=no_text)
    fetched_at: datetime | None = None
    demo: bool = False

    @property
    def has_response(self) -> bool:
        return self.response is not None and bool(self.response.paragraphs)

    def merge(self, other: Petition) -> Petition:
        """Combine two views of one petition (say its EN and FR pages).

        Bilingual fields are merged side by side; for plain fields the value in
        `other` wins where it is known.
        """
        if other.number != self.number:
            raise ValueError(f"cannot merge {self.number} with {other.number}")
        values: dict[str, Any] = {}
        for f in dataclasses.fields(self):
            mine, theirs = getattr(self, f.name), getattr(other, f.name)
            if isinstance(mine, Bi):
                values[f.name] = mine.merge(theirs)
            elif f.name == "response":
                values[f.name] = _merge_response(mine, theirs)
            elif f.name == "sponsor":
                values[f.name] = _merge_sponsor(mine, theirs)
            elif f.name == "keywords":
                values[f.name] = _merge_keywords(mine, theirs)
            elif f.name == "demo":
                values[f.name] = mine or theirs
            elif theirs in (None, {}, ()):
                values[f.name] = mine
            else:
                values[f.name] = theirs
        return Petition(**values)

    def to_dict(self) -> dict[str, Any]:
        data = _encode(self)
        if not self.preamble:
            del data["preamble"]  # encoded (and hashed) as before the field existed
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Petition:
        return _decode_petition(data)

    def content_hash(self) -> str:
        """A digest of what the petition says, ignoring when it was fetched."""
        return digest_of(self.to_dict())


def _merge_response(a: Response | None, b: Response | None) -> Response | None:
    if a is None or b is None:
        return b or a
    return Response(
        header=a.header.merge(b.header),
        signer=b.signer or a.signer,
        paragraphs=a.paragraphs.merge(b.paragraphs),
    )


def _merge_sponsor(a: Sponsor | None, b: Sponsor | None) -> Sponsor | None:
    if a is None or b is None:
        return b or a
    return Sponsor(
        name=b.name or a.name,
        person_id=b.person_id or a.person_id,
        riding=b.riding or a.riding,
        caucus=a.caucus.merge(b.caucus),
        province=a.province.merge(b.province),
    )


def _merge_keywords(a: tuple[Keyword, ...], b: tuple[Keyword, ...]) -> tuple[Keyword, ...]:
    """Pair keywords by id where both have one, else by position."""
    if not a or not b:
        return b or a
    by_id = {k.id: k for k in a if k.id is not None}
    merged: list[Keyword] = []
    for i, kw in enumerate(b):
        twin = by_id.get(kw.id) if kw.id is not None else None
        if twin is None and len(a) == len(b):
            twin = a[i]
        merged.append(
            Keyword(kw.id or (twin.id if twin else None), twin.name.merge(kw.name) if twin else kw.name)
        )
    return tuple(merged)


# --- JSON encoding (the snapshot format) --------------------------------------


_FIELDS: dict[type, tuple[str, ...]] = {}
_SCALARS = (str, int, float, bool, type(None))


def _encode(value: Any) -> Any:
    if isinstance(value, _SCALARS):
        return value
    if isinstance(value, Bi):
        return {"en": _encode(value.en), "fr": _encode(value.fr)}
    if isinstance(value, (list, tuple)):
        return [_encode(v) for v in value]
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _encode(v) for k, v in value.items()}
    names = _FIELDS.get(type(value))
    if names is None and dataclasses.is_dataclass(value):
        names = _FIELDS[type(value)] = tuple(f.name for f in dataclasses.fields(value))
    if names is not None:
        return {name: _encode(getattr(value, name)) for name in names}
    return value


def digest_of(payload: dict[str, Any]) -> str:
    """`content_hash` of an already encoded record (its fetch time left out)."""
    fetched = payload.pop("fetched_at", None)
    try:
        raw = json.dumps(payload, sort_keys=True, ensure_ascii=False)
    finally:
        payload["fetched_at"] = fetched
    return hashlib.sha256(raw.encode()).hexdigest()


def _bi(data: Any) -> Bi[Any]:
    if not data:
        return Bi()
    return Bi(en=data.get("en"), fr=data.get("fr"))


def _dt(text: str | None) -> datetime | None:
    if not text:
        return None
    value = datetime.fromisoformat(text)
    return value if value.tzinfo else value.replace(tzinfo=TORONTO)


def _d(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _decode_petition(d: dict[str, Any]) -> Petition:
    sponsor = d.get("sponsor")
    initiator = d.get("initiator")
    response = d.get("response")
    return Petition(
        number=d["number"],
        kind=d["kind"],
        parliament=d.get("parliament"),
        session=d.get("session"),
        presented_number=d.get("presented_number"),
        status_id=d.get("status_id"),
        status=_bi(d.get("status")),
        subject=_bi(d.get("subject")),
        keywords=tuple(Keyword(k.get("id"), _bi(k.get("name"))) for k in d.get("keywords") or ()),
        original_language=d.get("original_language"),
        addressee=_bi(d.get("addressee")),
        initiator=Initiator(**initiator) if initiator else None,
        sponsor=Sponsor(
            name=sponsor["name"],
            person_id=sponsor.get("person_id"),
            riding=sponsor.get("riding"),
            caucus=_bi(sponsor.get("caucus")),
            province=_bi(sponsor.get("province")),
        )
        if sponsor
        else None,
        opened_at=_dt(d.get("opened_at")),
        closed_at=_dt(d.get("closed_at")),
        certified_on=_d(d.get("certified_on")),
        presented_on=_d(d.get("presented_on")),
        response_tabled_on=_d(d.get("response_tabled_on")),
        signatures=d.get("signatures"),
        signatures_by_province=dict(d.get("signatures_by_province") or {}),
        preamble=_bi(d.get("preamble")),
        grievances=_bi(d.get("grievances")),
        prayer=_bi(d.get("prayer")),
        response=Response(
            header=_bi(response.get("header")),
            signer=response.get("signer"),
            paragraphs=_bi(response.get("paragraphs")),
        )
        if response
        else None,
        summary=_bi(d.get("summary")),
        url=_bi(d.get("url")),
        fetched_at=_dt(d.get("fetched_at")),
        demo=bool(d.get("demo", False)),
    )


# --- Provinces and territories -------------------------------------------------

PROVINCES: dict[str, Bi[str]] = {
    "AB": Bi("Alberta", "Alberta"),
    "BC": Bi("British Columbia", "Colombie-Britannique"),
    "MB": Bi("Manitoba", "Manitoba"),
    "NB": Bi("New Brunswick", "Nouveau-Brunswick"),
    "NL": Bi("Newfoundland and Labrador", "Terre-Neuve-et-Labrador"),
    "NS": Bi("Nova Scotia", "Nouvelle-Écosse"),
    "NT": Bi("Northwest Territories", "Territoires du Nord-Ouest"),
    "NU": Bi("Nunavut", "Nunavut"),
    "ON": Bi("Ontario", "Ontario"),
    "PE": Bi("Prince Edward Island", "Île-du-Prince-Édouard"),
    "QC": Bi("Quebec", "Québec"),
    "SK": Bi("Saskatchewan", "Saskatchewan"),
    "YT": Bi("Yukon", "Yukon"),
}
"""The codes the XML export uses, with the names the English and French pages print: the one
catalogue of province names (parsing, statistics and charts all read it)."""

_PROVINCE_CODES: dict[str, str] = {
    key.casefold(): code
    for code, names in PROVINCES.items()
    for key in (code, names.en or "", names.fr or "")
}


def province_code(name: str) -> str | None:
    """The code of a province named as either page prints it ("Quebec", "Québec") or by its code."""
    return _PROVINCE_CODES.get(" ".join(name.split()).casefold())
