"""The petition details page (HTML, English or French).

Two readings of the same page are combined: the markup (the only source of
keyword ids and the MP's PersonId) and the page's visible text, read by the
walker in `parse_text`. The markup wins where it gave a value; the text fills the
rest. Parts whose markup was only reported, never seen (the government response,
paper-petition text), therefore still come through if the markup differs.
"""

from __future__ import annotations

import logging
import re
from dataclasses import replace
from datetime import datetime

from selectolax.lexbor import LexborHTMLParser, LexborNode

from bot.petitions.dates import parse_date, parse_datetime
from bot.petitions.model import Keyword, Kind, Lang, Petition, Response, Sponsor
from bot.petitions.numbers import PetitionNumber
from bot.petitions.parse_text import (
    Block,
    PageError,
    Presented,
    derive_status,
    detect_lang,
    finish,
    history_key,
    on_side,
    read_heading,
    read_initiator,
    read_kind,
    read_lines,
    read_member_lines,
    read_original_language,
    read_presented,
    read_signer,
    response_header_lang,
    signature_total,
    split_petition_text,
    split_preamble,
)
from bot.petitions.text import collapse

log = logging.getLogger(__name__)

__all__ = ["PageError", "check_markup", "html_lines", "parse_details"]

_BLOCK_TAGS = {
    "address", "article", "aside", "blockquote", "caption", "dd", "details", "dialog", "div", "dl", "dt",
    "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
    "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot",
    "th", "thead", "tr", "ul",
}  # fmt: skip
_SKIP_TAGS = {
    "script",
    "style",
    "noscript",
    "template",
    "head",
    "svg",
    "select",
    "option",
    "button",
    "iframe",
}
_CELL_TAGS = {"td", "th"}
_RESPONSE_CLASSES = ("pet-reponse", "pet-response")
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


# --- Page checks ------------------------------------------------------------------------

MAX_NESTING = 200
"""Open elements a page may nest; a details page nests about 30."""
MAX_TAGS = 20_000
"""Tags a page may hold (start and end tags); a details page holds about 2,000, a listing fragment 2,500."""

_VOID = {
    "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "image", "img", "input",
    "keygen", "link", "meta", "param", "source", "track", "wbr",
}  # fmt: skip
# Closed by their next sibling, so they never nest deeply on their own.
_IMPLIED_END = {
    "body", "caption", "colgroup", "dd", "dt", "head", "html", "li", "optgroup", "option", "p", "rb", "rp",
    "rt", "rtc", "tbody", "td", "tfoot", "th", "thead", "tr",
}  # fmt: skip
_FORMATTING = {
    "a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u",
}  # fmt: skip
# HTML tags that end <svg> or <math> content (and are then read as HTML again).
_BREAKOUT = {
    "b", "big", "blockquote", "body", "br", "center", "code", "dd", "div", "dl", "dt", "em", "embed", "font",
    "h1", "h2", "h3", "h4", "h5", "h6", "head", "hr", "i", "img", "li", "listing", "menu", "meta", "nobr",
    "ol", "p", "pre", "ruby", "s", "small", "span", "strike", "strong", "sub", "sup", "table", "tt", "u",
    "ul", "var",
}  # fmt: skip
_RAW_TEXT = {"iframe", "noembed", "noframes", "script", "style", "textarea", "title", "xmp"}
_MARKUP_TOKEN = re.compile(r"<(?:(!--)|(/?)([A-Za-z][^\s/>]*))")
_RAW_END: dict[str, re.Pattern[str]] = {
    name: re.compile(rf"</{name}[\s/>]", re.IGNORECASE) for name in _RAW_TEXT
}


def check_markup(text: str, *, max_nesting: int = MAX_NESTING, max_tags: int = MAX_TAGS) -> None:
    """Refuse markup whose nesting is absurd before an HTML parser sees it.

    HTML parsers search the stack of open elements at every block tag, so a
    page of 200,000 nested `<div>`s takes minutes, and the text walkers here
    recurse once per level. This pass estimates that stack as a browser would
    build it (void elements, elements closed by their next sibling, raw text,
    end tags that close what they match) in time linear in the page, and
    raises `PageError` when it grows past `max_nesting` or the page holds more
    than `max_tags` tags.
    """
    stack: list[str] = []
    open_count: dict[str, int] = {}
    foreign = 0  # inside <svg> or <math>, where "/>" closes an element
    tags = 0
    pos = 0
    while m := _MARKUP_TOKEN.search(text, pos):
        if m.group(1):  # a comment
            end = text.find("-->", m.end())
            if end < 0:
                return
            pos = end + 3
            continue
        close = text.find(">", m.end())
        if close < 0:
            return
        pos = close + 1
        tags += 1
        if tags > max_tags:
            raise PageError(f"the page holds more than {max_tags:,} tags; no petition page is that large")
        name = m.group(3).lower()
        if m.group(2):  # an end tag closes the element it names, if one is open
            if not open_count.get(name):
                continue
            if name in _FORMATTING:  # misnested formatting: the blocks opened inside stay open
                index = len(stack) - 1 - stack[::-1].index(name)
                del stack[index]
                open_count[name] -= 1
                continue
            while stack:
                top = stack.pop()
                open_count[top] -= 1
                foreign -= top in ("svg", "math")
                if top == name:
                    break
            continue
        if name in _RAW_TEXT:
            end_tag = _RAW_END[name].search(text, pos)
            if end_tag is None:
                return
            pos = end_tag.end()
            continue
        if name == "plaintext":
            return
        while foreign and name in _BREAKOUT:
            top = stack.pop()
            open_count[top] -= 1
            foreign -= top in ("svg", "math")
        self_closing = text[close - 1] == "/" and (foreign or name in ("svg", "math"))
        if name in _VOID or name in _IMPLIED_END or self_closing:
            continue
        stack.append(name)
        open_count[name] = open_count.get(name, 0) + 1
        foreign += name in ("svg", "math")
        if len(stack) > max_nesting:
            raise PageError(
                f"the page nests elements more than {max_nesting} deep (near character {m.start():,}); "
                "no petition page does"
            )


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


# --- Visible text ------------------------------------------------------------------------


def html_lines(node: LexborNode) -> list[str]:
    """The visible text of `node` as lines, roughly as a browser shows it.

    Block elements and `<br>` break lines, list items get a "•" as in the
    saved text excerpts, table cells of a row share a line, and images give
    their alt text ("Photo - Jenny Kwan").
    """
    out: list[str] = []
    buf: list[str] = []

    def flush() -> None:
        line = collapse("".join(buf))
        buf.clear()
        if line:
            out.append(line)

    def walk(parent: LexborNode) -> None:
        for child in parent.iter(include_text=True):
            if child.is_text_node:
                buf.append(child.text_content or "")
                continue
            if not child.is_element_node:
                continue
            tag = child.tag
            if tag in _SKIP_TAGS:
                continue
            if tag == "br":
                flush()
            elif tag == "img":
                alt = collapse(child.attributes.get("alt"))
                if alt:
                    flush()
                    out.append(alt)
            elif tag in _CELL_TAGS:
                buf.append(" ")
                walk(child)
                buf.append(" ")
            elif tag in _BLOCK_TAGS:
                flush()
                if tag == "li":
                    buf.append("• ")
                walk(child)
                flush()
            else:
                walk(child)

    walk(node)
    flush()
    return out


def _classes(node: LexborNode) -> str:
    return (node.attributes.get("class") or "").lower()


def _is_response_node(node: LexborNode) -> bool:
    classes = _classes(node)
    return any(c in classes for c in _RESPONSE_CLASSES)


def _blocks(node: LexborNode) -> list[Block]:
    """The paragraphs and list items of the petition text, with what the markup says of them."""
    out: list[Block] = []
    buf: list[str] = []

    def flush() -> None:
        line = collapse("".join(buf))
        buf.clear()
        if line:
            out.append(Block(line))

    def walk(parent: LexborNode, in_whereas: bool) -> None:
        for child in parent.iter(include_text=True):
            if child.is_text_node:
                buf.append(child.text_content or "")
                continue
            if not child.is_element_node:
                continue
            tag = child.tag
            if tag in _SKIP_TAGS or _is_response_node(child):
                continue
            if tag == "br":
                flush()
            elif tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
                flush()
                line = collapse(child.text(deep=True))
                if line:
                    out.append(Block(line, role="addressee" if tag == "h3" else None))
            elif tag == "li":
                flush()
                line = collapse(child.text(deep=True))
                if line:
                    out.append(Block(line, bullet=True, role="grievance" if in_whereas else None))
            elif tag in _BLOCK_TAGS:
                flush()
                whereas = in_whereas or (tag in ("ul", "ol") and "whereas" in _classes(child))
                walk(child, whereas)
                flush()
            else:
                walk(child, in_whereas)

    walk(node, False)
    flush()
    # A response printed inside the petition panel without its reported class
    # ends the petition text; the text walker reads it as the response.
    for i, block in enumerate(out):
        if not block.bullet and (response_header_lang(block.text) or read_signer(block.text)):
            return out[:i]
    return out


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

    addressee, preamble, grievances, prayer = None, None, [], []
    prayer_node = (
        root.css_first(".pet-prayer")
        or root.css_first(".pet-details-text")
        or root.css_first("#accordion1-collapse-item-1")
    )
    if prayer_node is not None:
        addressee, grievances, prayer = split_petition_text(_blocks(prayer_node))
        preamble, grievances, prayer = split_preamble(grievances, prayer)

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
