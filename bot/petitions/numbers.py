"""Petition numbers as people type or paste them."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import parse_qs, unquote, urlparse

from bot.petitions.errors import BadPetitionNumber
from bot.petitions.text import hyphens, visible

_PAPER = re.compile(r"^(\d)(\d)(\d)[\s\-_/]*(\d{1,5})$")
_EPET = re.compile(r"^e[\s\-_]*(\d{1,5})$", re.IGNORECASE)
_PREFIX = re.compile(
    r"^(?:#|no\.?|n[o°º]\.?|num(?:ber|éro)?\.?|p[ée]tition(?:\s+(?:no\.?|n[o°º]\.?|number|num[ée]ro))?|:)\s*",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class PetitionNumber:
    text: str
    kind: str
    parliament: int | None = None
    session: int | None = None
    sequence: int = 0

    def __str__(self) -> str:
        return self.text


def parse_number(raw: str) -> PetitionNumber:
    """Canonical number from user input; raises `BadPetitionNumber` otherwise.

    Accepts `441-00155`, `441 00155`, `e-4123`, `E4123`, `#e-4123`,
    `No. 441-00155`, `pétition no 441-00155` and details-page URLs.
    """
    if len(raw or "") > 3000:
        raise BadPetitionNumber("number.bad", value=_shorten(raw[:40]))
    text = _readable(raw or "")
    if not text:
        raise BadPetitionNumber("number.empty")
    if len(text) > 300:
        raise BadPetitionNumber("number.bad", value=text[:40] + "…")
    from_url = _from_url(text)
    if from_url:
        text = from_url
    stripped = text.replace("\u00a0", " ").strip()
    for _ in range(3):
        new = _PREFIX.sub("", stripped, count=1).strip()
        if new == stripped:
            break
        stripped = new
    stripped = stripped.strip(" .,;:()[]")
    m = _EPET.match(stripped)
    if m:
        seq = int(m.group(1))
        if seq > 0:
            return PetitionNumber(f"e-{seq}", "e", sequence=seq)
    m = _PAPER.match(stripped)
    if m and int(m.group(4)) > 0:
        parl = int(m.group(1) + m.group(2))
        sess = int(m.group(3))
        seq = int(m.group(4))
        if parl >= 35 and sess >= 1:
            return PetitionNumber(f"{parl}{sess}-{seq:05d}", "paper", parl, sess, seq)
    raise BadPetitionNumber("number.bad", value=_shorten(text))


def _readable(raw: str) -> str:
    """The number as it reads: no invisible characters (ZWJ, BOM, NUL, bidi), compatibility forms
    folded (fullwidth "４４１－００１５５", "№"), and any dash a plain hyphen."""
    return hyphens(unicodedata.normalize("NFKC", visible(raw))).strip()


def is_number(raw: str) -> bool:
    try:
        parse_number(raw)
    except BadPetitionNumber:
        return False
    return True


def _from_url(text: str) -> str | None:
    if "://" not in text and not text.lower().startswith(("www.", "petitions.", "ourcommons", "noscommunes")):
        return None
    url = urlparse(text if "://" in text else "https://" + text)
    query = parse_qs(url.query)
    for key, values in query.items():
        if key.lower() == "petition" and values:
            return unquote(values[0])
    tail = url.path.rstrip("/").rsplit("/", 1)[-1]
    return unquote(tail) or None


def _shorten(raw: str) -> str:
    raw = " ".join(visible(raw).split())
    return raw if len(raw) <= 40 else raw[:39] + "…"


def detail_url(number: str, lang: str) -> str:
    """The official details page, in the reader's language."""
    if lang == "fr":
        return f"https://www.noscommunes.ca/petitions/fr/Petition/Details?Petition={number}"
    return f"https://www.ourcommons.ca/petitions/en/Petition/Details?Petition={number}"
