"""Whether a record parsed from any format can be stored as it is.

SQLite holds 64-bit integers; text must be valid Unicode; every field must have the type the rest
of the program expects (a snapshot can say anything). Each check names what is wrong in words.
"""

from __future__ import annotations

from typing import Any

from bot.petitions.errors import BadPetitionNumber
from bot.petitions.ingest_files._limits import one_line
from bot.petitions.model import Bi, Petition
from bot.petitions.numbers import parse_number
from bot.petitions.text import has_broken_unicode

_INT64 = 2**63


def petition_problem(p: Petition) -> str | None:
    """Why a parsed record cannot be stored as it is, or None; the first problem found wins."""
    problem = _number_problem(p) or _kind_problem(p) or _integer_problem(p)
    if problem:
        return problem
    strings, problem = _strings(p)
    if problem:
        return problem
    if not isinstance(p.demo, bool):
        return "demo is not true or false"
    if has_broken_unicode("\n".join(strings)):
        return "it holds text that is not valid Unicode (a lone surrogate)"
    return None


def _number_problem(p: Petition) -> str | None:
    """The number must be one, written as the site writes it (the store's key)."""
    try:
        canonical = parse_number(p.number).text
    except BadPetitionNumber:
        return f"the number {one_line(repr(p.number), 40)} is not a petition number"
    if canonical != p.number:
        return f"the number {one_line(repr(p.number), 40)} is not written as the site writes it ({canonical})"
    return None


def _kind_problem(p: Petition) -> str | None:
    if p.kind not in ("paper", "e"):
        return f"the kind {one_line(repr(p.kind), 20)} is neither 'paper' nor 'e'"
    return None


def _integer_problem(p: Petition) -> str | None:
    """Every whole number must be an int that SQLite can hold."""
    ints: list[tuple[str, Any]] = [
        ("parliament", p.parliament),
        ("session", p.session),
        ("status_id", p.status_id),
        ("signatures", p.signatures),
        *(("keyword id", kw.id) for kw in p.keywords),
        *(("signatures by province", n) for n in p.signatures_by_province.values()),
    ]
    if p.sponsor is not None:
        ints.append(("sponsor person_id", p.sponsor.person_id))
    for name, value in ints:
        if value is None:
            continue
        if type(value) is not int:
            return f"{name} is not a whole number"
        if not -_INT64 <= value < _INT64:
            return f"{name} is too large to store (more than 18 digits)"
    return None


def _strings(p: Petition) -> tuple[list[Any], str | None]:
    """(every text of the record, why one is not text or a list is not a list of paragraphs)."""
    strings: list[Any] = [t for t in _texts(p) if t is not None]
    for name, pair, is_list in _bilingual(p):
        for side in (pair.en, pair.fr):
            if side is None:
                continue
            if is_list:
                if not isinstance(side, list):
                    return strings, f"{name} is not a list of paragraphs"
                strings.extend(side)
            else:
                strings.append(side)
    if not all(isinstance(t, str) for t in strings):
        return strings, "a text field holds something that is not text"
    return strings, None


def _texts(p: Petition) -> list[Any]:
    """The record's single-language texts, None where absent."""
    texts: list[Any] = [p.presented_number, p.original_language, *p.signatures_by_province]
    if p.initiator is not None:
        texts += [p.initiator.name, p.initiator.city, p.initiator.province]
    if p.sponsor is not None:
        texts += [p.sponsor.name, p.sponsor.riding]
    if p.response is not None:
        texts.append(p.response.signer)
    return texts


def _bilingual(p: Petition) -> list[tuple[str, Bi[Any], bool]]:
    """(name, pair, holds a list of paragraphs) for each bilingual field of the record."""
    bilingual: list[tuple[str, Bi[Any], bool]] = [
        ("status", p.status, False),
        ("subject", p.subject, False),
        ("addressee", p.addressee, False),
        ("summary", p.summary, False),
        ("url", p.url, False),
        ("preamble", p.preamble, False),
        ("grievances", p.grievances, True),
        ("prayer", p.prayer, True),
        *(("keyword", kw.name, False) for kw in p.keywords),
    ]
    if p.sponsor is not None:
        bilingual += [
            ("sponsor caucus", p.sponsor.caucus, False),
            ("sponsor province", p.sponsor.province, False),
        ]
    if p.response is not None:
        bilingual += [
            ("response header", p.response.header, False),
            ("response", p.response.paragraphs, True),
        ]
    return bilingual
