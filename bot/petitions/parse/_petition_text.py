"""The texts a petition page prints: the petition (addressee, preamble, grievances, prayer) and the
government's response.

Every source format gives them as paragraphs in page order; they are cut apart here, the same way
for all, and no sentence is ever rewritten.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from bot.petitions.model import Response
from bot.petitions.parse._wording import on_side, read_signer, response_header_lang
from bot.petitions.text import collapse, fold


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
