"""The petition details page (HTML, English or French).

Two readings of the same page are combined: the markup (the only source of
keyword ids and the MP's PersonId) and the page's visible text, read by the
line walker (`read_lines`). The markup wins where it gave a value; the text fills
the rest. Parts whose markup was only reported, never seen (the government
response, paper-petition text), therefore still come through if the markup differs.
"""

from __future__ import annotations

import logging
import re
from dataclasses import replace
from datetime import datetime

from selectolax.lexbor import LexborHTMLParser, LexborNode

from bot.petitions.dates import parse_date, parse_datetime
from bot.petitions.model import Initiator, Keyword, Kind, Lang, Petition, Response, Sponsor
from bot.petitions.numbers import PetitionNumber
from bot.petitions.parse._html import check_markup, html_lines, petition_blocks
from bot.petitions.parse._lines import read_lines
from bot.petitions.parse._page import PageError, derive_status, finish
from bot.petitions.parse._petition_text import split_petition_text, split_preamble
from bot.petitions.parse._wording import (
    Presented,
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
from bot.petitions.text import collapse

log = logging.getLogger(__name__)

_CLOSING_HTML = re.compile(r"</html\s*>", re.IGNORECASE)
_PERSON_ID = re.compile(r"\((\d+)\)")
_KEYWORD_ID = re.compile(r"[?&]keyword=(\d+)", re.IGNORECASE)


def parse_details(
    html: str | bytes,
    *,
    url: str | None = None,
    fetched_at: datetime | None = None,
) -> Petition | None:
    """The petition on a details page, or None for an empty body.

    The site answers an unpublished number with HTTP 200 and an empty body, so
    empty means "not found". Anything that is not a whole details page raises
    `PageError`: a search page, a captcha or challenge page, garbage, or a body
    cut off before `</html>` (a half page would silently drop the History and
    the response).
    """
    text = html.decode("utf-8-sig", errors="replace") if isinstance(html, bytes) else html
    if not text or not text.strip():
        return None
    check_markup(text)
    tree = LexborHTMLParser(text)
    h1, heading = _find_heading(tree)
    if h1 is None or heading is None:
        raise PageError(_why_not_details(tree, text))
    if not _CLOSING_HTML.search(text):
        raise PageError("the page is cut short (no closing </html>)")
    root = _content_root(h1, tree)
    lang = _page_lang(tree, root, url)

    try:
        from_text: Petition | None = read_lines(html_lines(root), lang, url=url, fetched_at=fetched_at)
    except PageError:
        from_text = None
    from_markup = _from_markup(tree, root, heading, lang, url=url, fetched_at=fetched_at)
    if from_text is None or from_text.number != from_markup.number:
        return from_markup
    return derive_status(from_text.merge(from_markup))


# --- Is it a details page ---------------------------------------------------------------


def _find_heading(
    tree: LexborHTMLParser,
) -> tuple[LexborNode | None, tuple[PetitionNumber, str | None] | None]:
    for h1 in tree.css("h1"):
        heading = read_heading(h1.text(deep=True), need_subject=False)
        if heading:
            return h1, heading
    return None, None


def _why_not_details(tree: LexborHTMLParser, text: str) -> str:
    """A reason an admin or a log reader can act on.

    Every real page loads the reCAPTCHA script, so only a visible challenge
    (widget, challenge form, a title saying so) counts as a captcha page.
    """
    if tree.css_first("#SearchForm"):
        return "this is the petitions search page, not a petition's details page"
    title_node = tree.css_first("title")
    title = (title_node.text(deep=True) if title_node is not None else "").lower()
    challenge = tree.css_first(".g-recaptcha, #challenge-form, .cf-challenge, iframe[src*='recaptcha']")
    if challenge is not None or any(w in title for w in ("captcha", "challenge", "robot", "just a moment")):
        return "this is a challenge (captcha) page, not a petition's details page"
    if "<" not in text:
        return "this is not HTML"
    if "<html" in text.lower() and not _CLOSING_HTML.search(text):
        return "the page is cut short before the petition heading"
    return "no petition heading such as 'e-1234 (Subject)' on the page"


def _content_root(h1: LexborNode, tree: LexborHTMLParser) -> LexborNode:
    node = h1.parent
    while node is not None:
        if node.tag == "main":
            return node
        node = node.parent
    return tree.body or h1


def _page_lang(tree: LexborHTMLParser, root: LexborNode, url: str | None) -> Lang:
    html_node = tree.css_first("html")
    attrs = html_node.attributes if html_node is not None else {}
    declared = (attrs.get("lang") or attrs.get("xml:lang") or "").lower()
    if declared.startswith("fr"):
        return "fr"
    if declared.startswith("en"):
        return "en"
    guessed = detect_lang("\n".join(html_lines(root)))
    if guessed:
        return guessed
    low = (url or "").lower()
    return "fr" if "/fr/" in low or "noscommunes" in low else "en"


# --- The markup -------------------------------------------------------------------------


def _from_markup(
    tree: LexborHTMLParser,
    root: LexborNode,
    heading: tuple[PetitionNumber, str | None],
    lang: Lang,
    *,
    url: str | None,
    fetched_at: datetime | None,
) -> Petition:
    number, subject = heading
    kind_label, initiator, original = _intro(root)
    addressee, preamble, grievances, prayer = _petition_panel(root)
    history = _history(root)
    presented = read_presented(history["presented"], lang) if "presented" in history else Presented()
    total, by_province = _signatures(root)
    return finish(
        number=number,
        kind_label=kind_label,
        lang=lang,
        subject=subject,
        keywords=_keywords(root, lang),
        original_language=original,
        addressee=addressee,
        initiator=initiator,
        sponsor=_sponsor(root, lang, presented),
        opened_at=parse_datetime(history.get("opened"), lang),
        closed_at=parse_datetime(history.get("closed"), lang),
        certified_on=parse_date(history.get("certified"), lang),
        presented=presented,
        response_tabled_on=parse_date(history.get("response"), lang),
        signatures=total,
        by_province=by_province,
        preamble=preamble,
        grievances=grievances,
        prayer=prayer,
        response=_response(root, lang),
        url=url,
        fetched_at=fetched_at,
    )


def _intro(root: LexborNode) -> tuple[Kind | None, Initiator | None, Lang | None]:
    """(type label, initiator, original language) from the intro block above the petition."""
    intro = root.css_first(".introDetails")
    kind_label: Kind | None = None
    initiator = None
    original: Lang | None = None
    if intro is not None:
        icon = intro.css_first(".icon")
        if icon is not None:
            kind_label = read_kind(icon.text(deep=True))
            if kind_label is None and "icon-television" in (icon.html or ""):
                kind_label = "e"
        for line in html_lines(intro):
            initiator = initiator or read_initiator(line)
            seen, value = read_original_language(line)
            if seen and value:
                original = value
    return kind_label, initiator, original


def _petition_panel(root: LexborNode) -> tuple[str | None, str | None, list[str], list[str]]:
    """(addressee, preamble, grievances, prayer) from the petition panel."""
    addressee, preamble, grievances, prayer = None, None, [], []
    prayer_node = (
        root.css_first(".pet-prayer")
        or root.css_first(".pet-details-text")
        or root.css_first("#accordion1-collapse-item-1")
    )
    if prayer_node is not None:
        addressee, grievances, prayer = split_petition_text(petition_blocks(prayer_node))
        preamble, grievances, prayer = split_preamble(grievances, prayer)
    return addressee, preamble, grievances, prayer


def _keywords(root: LexborNode, lang: Lang) -> tuple[Keyword, ...]:
    found: list[Keyword] = []
    for a in root.css("ul.pi-keywords a"):
        name = collapse(a.text(deep=True))
        if not name:
            continue
        m = _KEYWORD_ID.search(a.attributes.get("href") or "")
        found.append(Keyword(int(m.group(1)) if m else None, on_side(lang, name)))
    return tuple(found)


def _history(root: LexborNode) -> dict[str, str]:
    dl = (
        root.css_first(".history-section dl")
        or root.css_first("#accordion1-collapse-item-3 dl")
        or root.css_first("dl")
    )
    found: dict[str, str] = {}
    if dl is None:
        return found
    key: str | None = None
    for node in dl.traverse():
        if node.tag not in ("dt", "dd"):
            continue
        if node.tag == "dt":
            key = history_key(node.text(deep=True))
        elif key and key not in found:
            found[key] = "\n".join(html_lines(node))
    return found


def _sponsor(root: LexborNode, lang: Lang, presented: Presented) -> Sponsor | None:
    node = root.css_first("#DetailsMember") or root.css_first(".member-details")
    if node is None:
        if presented.member:
            return Sponsor(name=presented.member, riding=presented.riding)
        return None
    name: str | None = None
    person_id: int | None = None
    link = node.css_first("a[href]")
    if link is not None:
        name = collapse(link.text(deep=True)) or None
        m = _PERSON_ID.search(link.attributes.get("href") or "")
        person_id = int(m.group(1)) if m else None
    if name is None:
        photo = root.css_first(".member-photo img")
        alt = collapse(photo.attributes.get("alt")) if photo is not None else ""
        name = re.sub(r"^photo\s*[-–—:]\s*", "", alt, flags=re.IGNORECASE) or None
    lines = html_lines(node)
    if link is None and name is None and lines:
        name, lines = lines[0], lines[1:]
    riding, caucus, province = read_member_lines(lines, name)
    if not name:
        return None
    return Sponsor(
        name=name,
        person_id=person_id,
        riding=riding or presented.riding,
        caucus=on_side(lang, caucus),
        province=on_side(lang, province),
    )


def _signatures(root: LexborNode) -> tuple[int | None, dict[str, int]]:
    total = None
    for h2 in root.css("h2"):
        total = signature_total(h2.text(deep=True))
        if total is not None:
            break
    by_province: dict[str, int] = {}
    for row in root.css("table.epetition-table tr"):
        cells = [collapse(td.text(deep=True)) for td in row.css("td")]
        if len(cells) >= 2 and cells[0] and re.fullmatch(r"[\d,\s]+", cells[1]):
            by_province[cells[0]] = int(re.sub(r"\D", "", cells[1]))
    if total is None and by_province:
        total = sum(by_province.values())
    return total, by_province


def _response(root: LexborNode, page_lang: Lang) -> Response | None:
    """The reported `div.pet-reponse` block(s); the text walker covers other markup."""
    merged: Response | None = None
    for node in root.css(".pet-reponse, .pet-response"):
        declared = (node.attributes.get("language") or node.attributes.get("lang") or "").lower()
        title = node.css_first("h3.title") or node.css_first(".title") or node.css_first("h3")
        header = collapse(title.text(deep=True)) if title is not None else None
        lines = html_lines(node)
        if not header:
            header = next((x for x in lines if response_header_lang(x)), None)
        signer = next((s for s in (read_signer(x) for x in lines) if s), None)
        para_nodes = node.css("p.rep-para") or node.css(".rep-paras p")
        paras = [collapse(p.text(deep=True)) for p in para_nodes]
        paras = [p for p in paras if p]
        if not paras:
            paras = [x for x in lines if x != header and not read_signer(x)]
        lang: Lang
        if declared.startswith(("en", "fr")):
            lang = "fr" if declared.startswith("fr") else "en"
        else:
            lang = (response_header_lang(header) if header else None) or page_lang
        found = Response(header=on_side(lang, header), signer=signer, paragraphs=on_side(lang, paras or None))
        merged = (
            found
            if merged is None
            else replace(
                merged,
                header=merged.header.merge(found.header),
                signer=merged.signer or found.signer,
                paragraphs=merged.paragraphs.merge(found.paragraphs),
            )
        )
    return merged
