"""What every screen shares: Discord's embed limits, escaping, cutting, paging and small formatters.

Petition text is data, not markup: `safe` makes it inert before it goes into an embed, and `fit`
clips an embed to Discord's limits, so every other module of the package can build freely.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

import discord

from bot.i18n import t
from bot.petitions import deadlines
from bot.petitions.errors import UserFacingError
from bot.petitions.model import Petition
from bot.petitions.numbers import detail_url
from bot.petitions.summary import split_sentences
from bot.petitions.text import collapse, visible

TITLE_MAX = 256
DESCRIPTION_MAX = 4096
FIELDS_MAX = 25
FIELD_NAME_MAX = 256
FIELD_VALUE_MAX = 1024
FOOTER_MAX = 2048
AUTHOR_MAX = 256
EMBED_TOTAL_MAX = 6000
CONTENT_MAX = 2000

PAGE_TEXT = 3500  # text per page of a long document, leaving room for title, footer and banner
ROWS_PER_PAGE = 10

COLOUR = discord.Colour(0x8C2432)  # Commons green would be the Senate's; the Commons uses this red
COLOUR_DEMO = discord.Colour(0x7F8C8D)
COLOUR_ERROR = discord.Colour(0xC0392B)

ELLIPSIS = "…"


class Markup(str):
    """Text we wrote ourselves (headings, labels): not escaped again."""


# --- escaping and cutting ---------------------------------------------------------------


def safe(text: str | None) -> str:
    """Petition text, or anything a user typed that is shown back, made inert.

    What a reader cannot see is removed first (`text.visible`: NUL, controls, bidi overrides and
    isolates, zero-width characters), then Markdown is escaped, every "<" is escaped so that no
    `<t:…>` timestamp, `<@…>` mention, `<#…>` channel, `</…>` command or `<:…>` emoji renders,
    and mentions are broken with a zero-width space (AllowedMentions.none() already keeps them
    from pinging; this keeps "@everyone" from even looking like one).
    """
    if not text:
        return ""
    escaped = discord.utils.escape_markdown(visible(text)).replace("<", "\\<")
    return discord.utils.escape_mentions(escaped)


def clip(text: str, limit: int) -> str:
    """`text` in at most `limit` characters, cut at a word boundary and marked with "…"."""
    if len(text) <= limit:
        return text
    if limit <= 1:
        return ELLIPSIS[:limit]
    room = limit - 1
    cut = text[:room]
    space = max(cut.rfind(" "), cut.rfind("\n"))
    if space > room // 3:
        cut = cut[:space]
    # A trailing backslash would escape our ellipsis; a dangling opener looks broken.
    cut = cut.rstrip(' \n,;:-–—(«"“\\')
    return cut + ELLIPSIS


def split_words(raw: str, limit: int) -> list[str]:
    """A sentence longer than a page, escaped, in pieces cut between words; each but the last ends in "…".

    Cutting happens on the raw text, before escaping, so a cut can never separate a
    backslash from the character it escapes.
    """
    pieces: list[str] = []
    current = ""
    for word in raw.split(" "):
        candidate = f"{current} {word}" if current else word
        if len(safe(candidate)) + 1 <= limit:
            current = candidate
            continue
        if current:
            pieces.append(safe(current) + ELLIPSIS)
        while len(safe(word)) + 1 > limit:  # one "word" longer than a page (a URL, say)
            size = min(len(word), limit - 1)
            while size > 1 and len(safe(word[:size])) + 1 > limit:
                size -= 1
            pieces.append(safe(word[:size]) + ELLIPSIS)
            word = word[size:]
        current = word
    if current:
        pieces.append(safe(current))
    return pieces


def _units(paragraphs: Iterable[str], limit: int) -> list[tuple[str, bool]]:
    """Paragraphs escaped, as (text, starts a paragraph), each at most `limit` long."""
    units: list[tuple[str, bool]] = []
    for para in paragraphs:
        if isinstance(para, Markup):
            units.append((str(para), True))
            continue
        plain = collapse(para)
        if not plain:
            continue
        escaped = safe(plain)
        if len(escaped) <= limit:
            units.append((escaped, True))
            continue
        first = True
        for sentence in split_sentences(plain) or [plain]:
            for piece in split_words(sentence, limit):
                units.append((piece, first))
                first = False
    return units


def paginate_text(paragraphs: Iterable[str], limit: int = PAGE_TEXT) -> list[str]:
    """Paragraphs escaped and packed into pages of at most `limit` characters.

    A paragraph that does not fit on a page is split between sentences, and a
    sentence longer than a page between words (marked "…"), so no page ever
    ends in the middle of a word without saying so. `Markup` items are ours and
    are kept as they are.
    """
    pages: list[str] = []
    current = ""
    for text, new_paragraph in _units(paragraphs, limit):
        joined = f"{current}{chr(10) * 2 if new_paragraph else ' '}{text}" if current else text
        if len(joined) <= limit:
            current = joined
        else:
            pages.append(current)
            current = text
    if current:
        pages.append(current)
    return pages


def fit(embed: discord.Embed) -> discord.Embed:
    """Clip every part of an embed to Discord's limits, shrinking the description first."""
    if embed.title:
        embed.title = clip(embed.title, TITLE_MAX)
    if embed.description:
        embed.description = clip(embed.description, DESCRIPTION_MAX)
    fields = embed.fields[:FIELDS_MAX]
    embed.clear_fields()
    for f in fields:
        embed.add_field(
            name=clip(f.name or "—", FIELD_NAME_MAX) or "—",
            value=clip(f.value or "—", FIELD_VALUE_MAX) or "—",
            inline=bool(f.inline),
        )
    if embed.footer.text:
        embed.set_footer(text=clip(embed.footer.text, FOOTER_MAX), icon_url=embed.footer.icon_url)
    overflow = len(embed) - EMBED_TOTAL_MAX
    if overflow > 0 and embed.description:
        embed.description = clip(embed.description, max(1, len(embed.description) - overflow))
        overflow = len(embed) - EMBED_TOTAL_MAX
    while overflow > 0 and embed.fields:
        embed.remove_field(len(embed.fields) - 1)
        overflow = len(embed) - EMBED_TOTAL_MAX
    return embed


def content(text: str) -> str:
    """A plain message body within the 2000-character limit."""
    return clip(text, CONTENT_MAX)


# --- small formatters ---------------------------------------------------------------------


def day(d: date | datetime | None, lang: str) -> str:
    if d is None:
        return ""
    if isinstance(d, datetime):
        d = d.date()
    return deadlines.format_date(d, lang)


def official_url(p: Petition, lang: str) -> str:
    """The official page in the reader's language (the French site for French readers)."""
    mine = p.url.get("fr" if lang == "fr" else "en")
    return mine or detail_url(p.number, "fr" if lang == "fr" else "en")


def link(url: str) -> str:
    """A Markdown link that shows the address without its scheme."""
    shown = url.split("://", 1)[-1]
    return f"[{clip(shown, 120)}]({url})"


def error_message(exc: UserFacingError, lang: str) -> str:
    """A domain error as the short sentence a user sees, with what they may have meant."""
    params = {
        k: safe(v) if isinstance(v, str) and not isinstance(v, Markup) else v for k, v in exc.params.items()
    }
    text = t(exc.key, lang, **params)
    if exc.suggestions:
        items = ", ".join(f"`{clip(visible(str(s)).replace('`', ''), 60)}`" for s in exc.suggestions[:5])
        text += "\n" + t("suggest", lang, items=items)
    return content(text)


def colon(lang: str) -> str:
    """French puts a space before the colon."""
    return " : " if lang == "fr" else ": "


def banner(demo: bool, lang: str) -> str:
    """The "demo data" warning that opens every description built from the demo set."""
    return f"**{t('demo.banner', lang)}**\n\n" if demo else ""


def colour(demo: bool) -> discord.Colour:
    return COLOUR_DEMO if demo else COLOUR


def number_pages(embeds: list[discord.Embed], lang: str) -> list[discord.Embed]:
    """Page numbers in the footer of a multi-page answer, then every page fitted."""
    if len(embeds) > 1:
        for i, embed in enumerate(embeds, start=1):
            page = t("label.page", lang, page=i, pages=len(embeds))
            embed.set_footer(text=f"{page} · {embed.footer.text}" if embed.footer.text else page)
    return [fit(e) for e in embeds]
