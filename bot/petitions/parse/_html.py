"""HTML as the parsers need it: markup refused before a parser sees it when its nesting is absurd,
and the visible text of a node as lines or as the paragraphs of a petition.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborNode

from bot.petitions.parse._page import PageError
from bot.petitions.parse._petition_text import Block
from bot.petitions.parse._wording import read_signer, response_header_lang
from bot.petitions.text import collapse

# --- Markup refused before parsing -------------------------------------------------------

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


class _OpenElements:
    """The stack of open elements as a browser builds it, with how many of each name are open."""

    __slots__ = ("count", "foreign", "stack")

    def __init__(self) -> None:
        self.stack: list[str] = []
        self.count: dict[str, int] = {}
        self.foreign = 0  # inside <svg> or <math>, where "/>" closes an element

    def close(self, name: str) -> None:
        """An end tag closes the element it names, if one is open."""
        if not self.count.get(name):
            return
        if name in _FORMATTING:  # misnested formatting: the blocks opened inside stay open
            index = len(self.stack) - 1 - self.stack[::-1].index(name)
            del self.stack[index]
            self.count[name] -= 1
            return
        while self.stack:
            if self._pop() == name:
                break

    def open(self, name: str, slash: bool) -> None:
        """A start tag (`slash` when it ends with "/>")."""
        while self.foreign and name in _BREAKOUT:
            self._pop()
        self_closing = slash and (self.foreign or name in ("svg", "math"))
        if name in _VOID or name in _IMPLIED_END or self_closing:
            return
        self.stack.append(name)
        self.count[name] = self.count.get(name, 0) + 1
        self.foreign += name in ("svg", "math")

    def _pop(self) -> str:
        top = self.stack.pop()
        self.count[top] -= 1
        self.foreign -= top in ("svg", "math")
        return top


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
    elements = _OpenElements()
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
        if m.group(2):
            elements.close(name)
            continue
        if name in _RAW_TEXT:
            end_tag = _RAW_END[name].search(text, pos)
            if end_tag is None:
                return
            pos = end_tag.end()
            continue
        if name == "plaintext":
            return
        elements.open(name, text[close - 1] == "/")
        if len(elements.stack) > max_nesting:
            raise PageError(
                f"the page nests elements more than {max_nesting} deep (near character {m.start():,}); "
                "no petition page does"
            )


# --- Visible text ------------------------------------------------------------------------

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


def petition_blocks(node: LexborNode) -> list[Block]:
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
