"""Answers turned into Discord embeds: the one place that formats for Discord.

Two promises hold for everything built here. Petition text is data, not
markup: it is Markdown-escaped and its mentions are neutralised before it goes
into an embed, so a petition that says "@everyone" or "**" shows those
characters and pings no one. And every embed fits Discord's limits (title 256,
description 4096, 25 fields of 1024, 6000 in all): long text is split at
sentence boundaries into pages, and anything cut short says so with "…".
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

import discord

from bot.i18n import history_line, side, status_label, t
from bot.petitions import deadlines
from bot.petitions.backfill import has_details
from bot.petitions.errors import UserFacingError
from bot.petitions.ingest_files import format_size
from bot.petitions.model import Petition
from bot.petitions.numbers import detail_url
from bot.petitions.summary import split_sentences
from bot.petitions.text import collapse, visible

log = logging.getLogger(__name__)

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
PRAYER_SHORT = 700

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


def _split_words(raw: str, limit: int) -> list[str]:
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


def paginate_text(paragraphs: Iterable[str], limit: int = PAGE_TEXT) -> list[str]:
    """Paragraphs escaped and packed into pages of at most `limit` characters.

    A paragraph that does not fit on a page is split between sentences, and a
    sentence longer than a page between words (marked "…"), so no page ever
    ends in the middle of a word without saying so. `Markup` items are ours and
    are kept as they are.
    """
    units: list[tuple[str, bool]] = []  # (text, starts a paragraph)
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
            for piece in _split_words(sentence, limit):
                units.append((piece, first))
                first = False
    pages: list[str] = []
    current = ""
    for text, new_paragraph in units:
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


def number_text(n: int, lang: str) -> str:
    """1,234 in English, 1 234 (narrow no-break space) in French."""
    grouped = f"{n:,}"
    return grouped.replace(",", "\u202f") if lang == "fr" else grouped


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


def _link(url: str) -> str:
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


def _banner(demo: bool, lang: str) -> str:
    return f"**{t('demo.banner', lang)}**\n\n" if demo else ""


def number_pages(embeds: list[discord.Embed], lang: str) -> list[discord.Embed]:
    """Page numbers in the footer of a multi-page answer, then every page fitted."""
    if len(embeds) > 1:
        for i, embed in enumerate(embeds, start=1):
            page = t("label.page", lang, page=i, pages=len(embeds))
            embed.set_footer(text=f"{page} · {embed.footer.text}" if embed.footer.text else page)
    return [fit(e) for e in embeds]


# --- one petition ---------------------------------------------------------------------------


_TRAILING_ENUMERATOR = re.compile(r"\s*(?:\b(?:and|or|et|ou)\s+)?\(?\d{1,2}[.)]$")


def _prayer_short(p: Petition, lang: str) -> str:
    """The prayer in whole sentences up to about 700 characters, "…" when there is more."""
    paragraphs, used = p.prayer.pick(lang)
    if not paragraphs:
        return ""
    text = collapse(" ".join(paragraphs))
    if len(safe(text)) <= PRAYER_SHORT:
        short = safe(text)
    else:
        kept = ""
        for sentence in split_sentences(text):
            candidate = f"{kept} {sentence}".strip()
            if len(safe(candidate)) > PRAYER_SHORT - 2:
                break
            kept = candidate
        # "…; and 4." is an item number, not the end of a sentence: drop it before the ellipsis.
        kept = _TRAILING_ENUMERATOR.sub("", kept).rstrip(" ,;:")
        if len(kept) < PRAYER_SHORT // 3:  # one very long sentence: cut it between words instead
            short = _split_words(text, PRAYER_SHORT)[0]
        else:
            short = safe(kept) + " " + ELLIPSIS
    if used and used != lang:
        short += " " + t("only_in", lang, lang=t(f"lang.{used}", lang))
    return short


def petition_embed(p: Petition, lang: str, today: date) -> discord.Embed:
    """One petition at a glance: who, what, when, where it stands, and the link to the official page."""
    subject = side(p.subject, lang)
    url = official_url(p, lang)
    embed = discord.Embed(
        title=f"{p.number} — {safe(subject)}" if subject else p.number,
        url=url,
        colour=COLOUR_DEMO if p.demo else COLOUR,
    )
    prayer = _prayer_short(p, lang)
    desc = _banner(p.demo, lang)
    if not p.demo and not has_details(p):
        desc += f"*{t('details.loading', lang)}*\n"
    if prayer:
        desc += f"**{t('label.prayer', lang)}**\n{prayer}"
    embed.description = desc or None
    embed.add_field(name=t("label.type", lang), value=t(f"kind.{p.kind}", lang), inline=True)
    embed.add_field(
        name=t("label.status", lang),
        value=safe(
            status_label(p.status_id, p.status, lang, presented=bool(p.presented_on), answered=p.has_response)
        ),
        inline=True,
    )
    if p.signatures is not None:
        embed.add_field(name=t("label.signatures", lang), value=number_text(p.signatures, lang), inline=True)
    if p.sponsor:
        extra = ", ".join(x for x in (p.sponsor.riding, p.sponsor.caucus.pick(lang)[0]) if x)
        embed.add_field(
            name=t("label.sponsor", lang),
            value=safe(p.sponsor.name + (f" ({extra})" if extra else "")),
            inline=True,
        )
    if p.initiator:
        where = ", ".join(x for x in (p.initiator.city, p.initiator.province) if x)
        embed.add_field(
            name=t("label.initiator", lang),
            value=safe(p.initiator.name + (f" ({where})" if where else "")),
            inline=True,
        )
    dates = [
        f"{t(key, lang)}{colon(lang)}{day(value, lang)}"
        for key, value in (
            ("label.opened", p.opened_at),
            ("label.closed", p.closed_at),
            ("label.presented", p.presented_on),
            ("label.response_tabled", p.response_tabled_on),
        )
        if value
    ]
    if dates:
        embed.add_field(name=t("label.dates", lang), value="\n".join(dates), inline=False)
    if p.response is not None and (p.response.header or p.response.signer or p.response.paragraphs):
        lines = []
        header, _ = p.response.header.pick(lang)
        if header:
            lines.append(safe(header))
        if p.response.signer:
            lines.append(f"{t('label.signed_by', lang)}{colon(lang)}{safe(p.response.signer)}")
        embed.add_field(name=t("label.response", lang), value="\n".join(lines) or "—", inline=False)
    clock_text = deadlines.clock_line(deadlines.clock(p, today), lang)
    if clock_text:
        embed.add_field(name=t("label.deadline", lang), value=safe(clock_text), inline=False)
    embed.add_field(name=t("label.link", lang), value=_link(url), inline=False)
    footer = t("label.source", lang)
    if p.demo:
        footer = f"{t('demo', lang)} · {footer}"
    embed.set_footer(text=footer)
    return fit(embed)


def full_text_pages(p: Petition, lang: str) -> list[discord.Embed]:
    """The whereas clauses and the prayer, paged; nothing dropped."""
    grievances, g_used = p.grievances.pick(lang)
    prayer, p_used = p.prayer.pick(lang)
    parts: list[str] = []
    if grievances:
        note = f" {t('only_in', lang, lang=t(f'lang.{g_used}', lang))}" if g_used and g_used != lang else ""
        parts.append(Markup(f"**{t('label.grievances', lang)}**{note}"))
        parts.extend(grievances)
    if prayer:
        note = f" {t('only_in', lang, lang=t(f'lang.{p_used}', lang))}" if p_used and p_used != lang else ""
        parts.append(Markup(f"**{t('label.prayer', lang)}**{note}"))
        parts.extend(prayer)
    texts = paginate_text(parts) or [t("label.text_missing", lang)]
    title = f"{p.number} — {t('label.full_text', lang)}"
    banner = _banner(p.demo, lang)
    return number_pages(
        [
            discord.Embed(
                title=title,
                url=official_url(p, lang),
                description=banner + text,
                colour=COLOUR_DEMO if p.demo else COLOUR,
            )
            for text in texts
        ],
        lang,
    )


# --- the government response ----------------------------------------------------------------


def response_pages(answer: Any, lang: str, today: date) -> list[discord.Embed]:
    """The summary, header, signer and timing first, then the whole response, page by page."""
    p: Petition = answer.petition
    colour = COLOUR_DEMO if p.demo else COLOUR
    subject = side(p.subject, lang)
    title = f"{p.number} — {t('label.response', lang)}"
    first = discord.Embed(title=title, url=official_url(p, lang), colour=colour)
    desc = _banner(p.demo, lang)
    if subject:
        desc += f"*{safe(subject)}*\n\n"
    if answer.summary:
        note = f" {safe(answer.note)}" if answer.note else ""
        desc += f"**{t('label.summary', lang)}**{note}\n{safe(answer.summary)}"
    first.description = desc or None
    if answer.header:
        first.add_field(name=t("label.response", lang), value=safe(answer.header), inline=False)
    if answer.signer:
        first.add_field(name=t("label.signed_by", lang), value=safe(answer.signer), inline=True)
    if answer.tabled_on:
        when = day(answer.tabled_on, lang)
        if answer.answered_in_days is not None:
            when += f" — {t('label.answered_in', lang, days=answer.answered_in_days)}"
        first.add_field(name=t("label.response_tabled", lang), value=when, inline=True)
    clock_text = deadlines.clock_line(deadlines.clock(p, today), lang)
    if clock_text:
        first.add_field(name=t("label.deadline", lang), value=safe(clock_text), inline=False)
    paragraphs = list(answer.paragraphs)
    if answer.paragraphs_lang and answer.paragraphs_lang != lang and paragraphs:
        paragraphs.insert(
            0, Markup(f"*{t('only_in', lang, lang=t(f'lang.{answer.paragraphs_lang}', lang))}*")
        )
    pages = [first]
    for text in paginate_text(paragraphs):
        pages.append(discord.Embed(title=title, url=official_url(p, lang), description=text, colour=colour))
    return number_pages(pages, lang)


# --- lists ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Line:
    """One petition in a list, whatever answer it came from."""

    number: str
    title: str
    status: str
    when: date | None
    demo: bool
    extra: str = ""  # already escaped: a search snippet with highlights, or a deadline line


def line_from_row(row: Any, lang: str) -> Line:
    """From `answers.Row`."""
    title, _ = row.title.pick(lang)
    return Line(
        number=row.number,
        title=title or "",
        status=status_label(
            row.status_id, None, lang, presented=bool(row.presented_on), answered=row.has_response
        ),
        when=row.presented_on or row.last_event,
        demo=bool(row.demo),
    )


def line_from_hit(hit: Any, lang: str, *, demo: bool = False) -> Line:
    """From `search.Hit` (duck-typed: only the fields a list shows)."""
    en, fr = getattr(hit, "title_en", None), getattr(hit, "title_fr", None)
    title = (fr or en) if lang == "fr" else (en or fr)
    when = getattr(hit, "presented_on", None) or getattr(hit, "last_event", None)
    if isinstance(when, str):
        try:
            when = date.fromisoformat(when[:10])
        except ValueError:
            when = None
    return Line(
        number=hit.number,
        title=title or "",
        status=status_label(
            getattr(hit, "status_id", None),
            None,
            lang,
            presented=bool(getattr(hit, "presented_on", None)),
            answered=bool(getattr(hit, "has_response", False)),
        ),
        when=when,
        demo=demo or bool(getattr(hit, "demo", False)),
        extra=_snippet(hit),
    )


def _snippet(hit: Any) -> str:
    marked = getattr(hit, "marked_snippet", None)
    text = marked(safe) if callable(marked) else None
    if text is None:
        text = safe(getattr(hit, "snippet", None) or "")
    return collapse(text)


def line_from_overdue(p: Petition, clk: Any, lang: str) -> Line:
    return Line(
        number=p.number,
        title=side(p.subject, lang),
        status="",
        when=None,
        demo=p.demo,
        extra=safe(deadlines.clock_line(clk, lang)),
    )


def _line_text(line: Line, lang: str) -> str:
    bits = [f"`{line.number}` **{safe(clip(line.title, 150)) or '—'}**"]
    tail = [x for x in (line.status, day(line.when, lang)) if x]
    if line.demo:
        tail.append(t("demo", lang))
    if tail:
        bits.append(" · ".join(tail))
    if line.extra:
        bits.append(f"> {line.extra}" if line.status else line.extra)
    return clip("\n".join(bits), 600)


@dataclass(slots=True)
class Section:
    """A heading and its lines; `total` counts what exists, not only what is shown."""

    heading: str
    lines: list[Line]
    total: int
    count_in_heading: bool = True  # False when the heading already is the count


def count_text(total: int, lang: str, *, exact: bool = True) -> str:
    """"12 petitions"; "300+ petitions" when the search stopped counting."""
    if total == 1 and exact:
        return t("results.one", lang)
    return t("results.count", lang, total=number_text(total, lang) + ("" if exact else "+"))


def note_partial_history(pages: Sequence[discord.Embed], history: Any, lang: str) -> None:
    """Add "the history is still loading" to every page's footer while a backfill is under way."""
    if not history.started or history.complete:
        return
    note = t("history.partial_note", lang, share=f"{100 * history.details_share:.0f}")
    for page in pages:
        footer = page.footer.text if page.footer else None
        page.set_footer(text=clip(f"{footer} · {note}" if footer else note, FOOTER_MAX))


def list_pages(
    title: str,
    sections: Sequence[Section],
    lang: str,
    *,
    intro: str = "",
    per_page: int = ROWS_PER_PAGE,
    demo: bool = False,
) -> list[discord.Embed]:
    """Sections of petitions, `per_page` at a time; each page repeats its section heading."""
    entries: list[tuple[str, str]] = []  # (heading, line)
    for sec in sections:
        heading = f"**{sec.heading}**"
        if sec.count_in_heading:
            heading += f" ({number_text(sec.total, lang)})"
        if len(sec.lines) < sec.total:
            heading += (
                f" — {t('label.showing', lang, shown=len(sec.lines), total=number_text(sec.total, lang))}"
            )
        if not sec.lines:
            entries.append((heading, "—"))
        entries.extend((heading, _line_text(line, lang)) for line in sec.lines)
    pages: list[discord.Embed] = []
    chunk: list[tuple[str, str]] = []

    def flush() -> None:
        if not chunk:
            return
        parts: list[str] = [x for x in (_banner(demo, lang).strip(), intro) if x]
        if parts:
            parts.append("")
        last = None
        for heading, text in chunk:
            if heading != last:
                parts.append(heading)
                last = heading
            parts.append(text)
        pages.append(
            discord.Embed(
                title=title,
                description=clip("\n".join(parts), DESCRIPTION_MAX),
                colour=COLOUR_DEMO if demo else COLOUR,
            )
        )
        chunk.clear()

    size = 0
    for entry in entries:
        grow = len(entry[0]) + len(entry[1]) + 2
        if chunk and (len(chunk) >= per_page or size + grow > PAGE_TEXT):
            flush()
            size = 0
        chunk.append(entry)
        size += grow
    flush()
    if not pages:
        pages.append(discord.Embed(title=title, description=intro or t("results.none", lang), colour=COLOUR))
    return number_pages(pages, lang)


def country_pages(answer: Any, lang: str) -> list[discord.Embed]:
    name = answer.name.get(lang) or answer.name.en or answer.code
    sections = [
        Section(
            t("label.primary", lang, country=name),
            [line_from_row(r, lang) for r in answer.primary.rows],
            answer.primary.total,
        ),
        Section(
            t("label.mentioned", lang, country=name),
            [line_from_row(r, lang) for r in answer.mentioned.rows],
            answer.mentioned.total,
        ),
    ]
    intro = ""
    if answer.alternatives:
        intro = t("label.also", lang, items=", ".join(f"`{safe(a)}`" for a in answer.alternatives))
    demo = any(r.demo for r in (*answer.primary.rows, *answer.mentioned.rows))
    return list_pages(
        t("label.country_title", lang, country=f"{name} ({answer.code})"),
        sections,
        lang,
        intro=intro,
        demo=demo,
    )


def search_pages(
    result: Any, query: str, lang: str, demo_numbers: frozenset[str] = frozenset()
) -> list[discord.Embed]:
    """Search hits, or the ways out of an empty result.

    A hit says itself whether it is from the demo set (`Hit.demo`), so no record is loaded
    for that; `demo_numbers` can mark more.
    """
    if getattr(result, "by_meaning", False) or any(getattr(h, "related", False) for h in result.hits):
        return hybrid_search_pages(result, query, lang, demo_numbers)
    title = (
        t("label.search_title", lang, query=clip(safe(query), 120)) if query else t("label.search_all", lang)
    )
    lines = [line_from_hit(h, lang, demo=h.number in demo_numbers) for h in result.hits]
    if not lines:
        intro = t("results.none", lang)
        tips = [_suggestion_text(s, lang) for s in result.suggestions][:10]
        if tips:
            intro += "\n\n**" + t("label.try_instead", lang) + "**\n" + "\n".join(f"• {tip}" for tip in tips)
        return [fit(discord.Embed(title=title, description=intro, colour=COLOUR))]
    section = Section(
        count_text(result.total, lang, exact=getattr(result, "total_exact", True)),
        lines,
        result.total,
        count_in_heading=False,
    )
    return list_pages(title, [section], lang, demo=any(line.demo for line in lines))


_FILTER_OPTION = {
    "status_ids": "opt.status",
    "kind": "opt.type",
    "parliament": "opt.parliament",
    "sponsor": "opt.sponsor",
    "subject": "opt.subject",
    "date_from": "opt.from",
    "date_to": "opt.to",
    "has_response": "opt.answered",
    "country": "opt.country",
}


def _suggestion_text(s: Any, lang: str) -> str:
    """A way out of an empty search, in the reader's words (a string, or a `search.Suggestion`)."""
    if isinstance(s, str):
        return safe(clip(s, 200))
    kind = getattr(s, "kind", "")
    value = str(getattr(s, "value", s))
    count = number_text(int(getattr(s, "count", 0) or 0), lang)
    if kind == "drop_filter":
        key = _FILTER_OPTION.get(value)
        name = t(key, lang) if key else value
        return t("search.suggest.drop_filter", lang, value=name, count=count)
    if kind in ("spelling", "title"):
        return t(f"search.suggest.{kind}", lang, value=safe(clip(value, 150)), count=count)
    return safe(clip(value, 200))


# --- search by meaning (issue 11): results found by meaning, related petitions, status -----------------


def _related_line(hit: Any, lang: str) -> Line:
    """A petition found by meaning rather than by its words: marked "related" beside its status."""
    line = line_from_hit(hit, lang)
    tag = t("search.related_tag", lang)
    return replace(line, status=f"{line.status} · {tag}" if line.status else tag)


def hybrid_search_pages(
    result: Any, query: str, lang: str, demo_numbers: frozenset[str] = frozenset()
) -> list[discord.Embed]:
    """Keyword hits, then the petitions related by meaning under their own heading, each marked; when no
    petition holds the words, the closest in meaning, with a line that says so (`SearchResult.by_meaning`)."""
    title = (
        t("label.search_title", lang, query=clip(safe(query), 120)) if query else t("label.search_all", lang)
    )
    words = [line_from_hit(h, lang, demo=h.number in demo_numbers) for h in result.hits if not h.related]
    near = [_related_line(h, lang) for h in result.hits if h.related]
    intro = ""
    sections: list[Section] = []
    if getattr(result, "by_meaning", False):
        intro = t("search.by_meaning", lang)
        tips = [_suggestion_text(s, lang) for s in result.suggestions if getattr(s, "kind", "") == "spelling"]
        if tips:
            intro += "\n" + tips[0]
        sections.append(Section(t("search.by_meaning_heading", lang), near, len(near), count_in_heading=False))
    else:
        exact = getattr(result, "total_exact", True)
        sections.append(Section(count_text(result.total, lang, exact=exact), words, result.total, count_in_heading=False))
        if near:
            sections.append(Section(t("search.related_heading", lang), near, len(near), count_in_heading=False))
    demo = any(line.demo for line in (*words, *near))
    return list_pages(title, sections, lang, intro=intro, demo=demo)


RELATED_PER_PAGE = 5


def related_pages(p: Petition, hits: Sequence[Any], lang: str) -> list[discord.Embed]:
    """The petitions nearest one petition in meaning, five a page."""
    title = t("label.related_title", lang, number=p.number)
    if not hits:
        return [fit(discord.Embed(title=title, description=t("related.none", lang), colour=COLOUR))]
    lines = [line_from_hit(h, lang) for h in hits]
    section = Section(count_text(len(lines), lang), lines, len(lines), count_in_heading=False)
    return list_pages(
        title,
        [section],
        lang,
        intro=t("related.intro", lang, number=p.number),
        per_page=RELATED_PER_PAGE,
        demo=any(line.demo for line in lines),
    )


def meaning_status_line(status: Any, lang: str) -> str:
    """The `/admin status` line on search by meaning (`meaning.MeaningStatus`)."""
    state = getattr(status.state, "value", str(status.state))
    if state == "disabled":
        return t("admin.meaning_disabled", lang)
    if state == "missing":
        return t("admin.meaning_off", lang)
    if state == "failed":
        return t("admin.meaning_failed", lang, error=safe(clip(status.error or "?", 200)))
    return t(
        "admin.meaning_on",
        lang,
        vectors=number_text(status.vectors, lang),
        petitions=number_text(status.petitions, lang),
        model=safe(status.model),
        state=t(f"admin.meaning_{state}", lang),
    )


def sponsor_pages(mp: Any, page: Any, lang: str) -> list[discord.Embed]:
    name = getattr(mp, "name", str(mp))
    lines = [line_from_row(r, lang) for r in page.rows]
    section = Section(count_text(page.total, lang), lines, page.total, count_in_heading=False)
    return list_pages(
        t("label.sponsor_title", lang, name=safe(name)),
        [section],
        lang,
        demo=any(line.demo for line in lines),
    )


def overdue_pages(
    late: Sequence[tuple[Petition, Any]], lang: str, total: int | None = None
) -> list[discord.Embed]:
    """The most overdue first; `total` (all that are overdue) when `late` is only the first of them."""
    if not late:
        return [
            fit(
                discord.Embed(
                    title=t("label.overdue_title", lang), description=t("overdue.none", lang), colour=COLOUR
                )
            )
        ]
    lines = [line_from_overdue(p, c, lang) for p, c in late]
    total = max(total or 0, len(lines))
    section = Section(count_text(total, lang), lines, total, count_in_heading=False)
    return list_pages(t("label.overdue_title", lang), [section], lang, demo=any(p.demo for p, _ in late))


# --- statistics (the charts themselves are drawn by bot/charts.py) ----------------------------------


def chart_embed(words: Any, filename: str) -> discord.Embed:
    """The figures of a chart in words (`charts.Words`), so a screen reader gets everything the picture
    shows; the picture is the attachment `filename`."""
    embed = discord.Embed(title=safe(words.title), colour=COLOUR_DEMO if words.demo else COLOUR)
    desc = _banner(words.demo, words.lang) + f"**{safe(words.heading)}**\n"
    desc += "\n".join(safe(line) for line in words.summary)
    embed.description = desc + "\n" + safe(words.alt)
    for heading, lines in words.sections:
        inline = all(len(line) <= 40 for line in lines)
        embed.add_field(name=safe(heading), value="\n".join(safe(line) for line in lines), inline=inline)
    embed.set_image(url=f"attachment://{filename}")
    embed.set_footer(text=words.footer)
    return fit(embed)


# --- about and status ---------------------------------------------------------------------------


def when_text(iso: str | None, lang: str) -> str:
    """A stored ISO timestamp as a Discord timestamp (shown in the reader's own time zone)."""
    if not iso:
        return t("about.never", lang)
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        return safe(iso)
    return f"{discord.utils.format_dt(moment, 'f')} ({discord.utils.format_dt(moment, 'R')})"


def about_embed(stats: Any, lang: str, history: Any = None) -> discord.Embed:
    embed = discord.Embed(title=t("about.title", lang), description=t("about.what", lang), colour=COLOUR)
    embed.add_field(name=t("about.source_label", lang), value=t("about.source", lang), inline=False)
    embed.add_field(
        name=t("about.freshness_label", lang),
        value=t(
            "about.freshness",
            lang,
            count=number_text(stats.petitions, lang),
            demo=number_text(stats.demo, lang),
            when=when_text(stats.last_refresh, lang),
        ),
        inline=False,
    )
    if history is not None:
        embed.add_field(name=t("about.history_label", lang), value=history_line(history, lang), inline=False)
    embed.add_field(name=t("about.usage_label", lang), value=t("about.usage", lang), inline=False)
    return fit(embed)


def status_embed(
    stats: Any,
    lang: str,
    *,
    guilds: int,
    latency_ms: int,
    uptime: str,
    refresh_minutes: int,
    extensions: Sequence[str],
    failed: Sequence[str],
    alerts: dict[str, Any] | None = None,
    history: Any = None,
    backfill_line: str | None = None,
    version: str | None = None,
    db_size: int | None = None,
    source: Any = None,
    meaning_search: str | None = None,
) -> discord.Embed:
    """What a server manager checks first: the store, the bot, the site, the alerts, this build.

    `source` is the bot's `SourceHealth`; `meaning_search` the line on search by meaning
    (`meaning_status_line`), "off (not installed)" when none is given.
    """
    embed = discord.Embed(title=t("admin.status_title", lang), colour=COLOUR)
    embed.description = "\n".join(
        [
            t(
                "admin.status_store",
                lang,
                count=number_text(stats.petitions, lang),
                demo=stats.demo,
                answered=stats.with_response,
                when=when_text(stats.last_refresh, lang),
            ),
            t("admin.status_bot", lang, guilds=guilds, latency=latency_ms, uptime=uptime),
            t("admin.status_refresh", lang, minutes=refresh_minutes)
            if refresh_minutes
            else t("admin.status_refresh_off", lang),
            t(
                "admin.status_build",
                lang,
                version=safe(version or "—"),
                size=size_text(db_size, lang) if db_size is not None else "—",
            ),
        ]
    )
    if history is not None:
        value = history_line(history, lang)
        if backfill_line:
            value += f"\n{safe(backfill_line)}"
        embed.add_field(name=t("about.history_label", lang), value=value, inline=False)
    if source is not None:
        embed.add_field(
            name=t("admin.last_refresh_label", lang), value=_last_refresh(source, lang), inline=False
        )
        embed.add_field(name=t("admin.source_label", lang), value=_source_health(source, lang), inline=False)
    if alerts is not None:
        embed.add_field(name=t("admin.alerts", lang), value=t("admin.alerts_line", lang, **alerts), inline=False)
    embed.add_field(
        name=t("admin.meaning_label", lang),
        value=meaning_search or t("admin.meaning_off", lang),
        inline=False,
    )
    ext = ", ".join(f"`{e}`" for e in extensions) or "—"
    if failed:
        ext += "\n" + t("admin.reload_failed", lang, failed=", ".join(f"`{e}`" for e in failed))
    # Last, because when an embed must shrink `fit` drops fields from the end.
    embed.add_field(name=t("admin.extensions", lang), value=ext, inline=False)
    return fit(embed)


def _moment(when: datetime, lang: str) -> str:
    return when_text(when.isoformat(), lang)


def _last_refresh(source: Any, lang: str) -> str:
    if source.refreshed_at is None:
        return t("admin.last_refresh_none", lang)
    key = "admin.last_refresh_ok" if source.refresh_ok else "admin.last_refresh_failed"
    line = safe(clip(source.refresh_line or "—", 600))
    return t(key, lang, when=_moment(source.refreshed_at, lang), line=line)


def _source_health(source: Any, lang: str) -> str:
    if source.error and source.error_at:
        error = safe(clip(source.error, 400))
        lines = [t("admin.source_error", lang, when=_moment(source.error_at, lang), error=error)]
    else:
        lines = [t("admin.source_ok", lang)]
    if source.captcha_at:
        lines.append(t("admin.captcha_seen", lang, when=_moment(source.captcha_at, lang)))
    else:
        lines.append(t("admin.captcha_none", lang))
    return "\n".join(lines)


def size_text(size: int, lang: str) -> str:
    """Bytes as "1.5 MB", or "1,5 Mo" in French."""
    text = format_size(size)
    if lang != "fr":
        return text
    text = text.replace(".", ",")
    for en, fr in (("GB", "Go"), ("MB", "Mo"), ("KB", "ko"), ("bytes", "octets")):
        text = text.replace(en, fr)
    return text


# --- /ask (issue 12): an answer to a question in plain words, after its "understood as" line ---------


def ask_pages(answer: Any, lang: str, today: date) -> list[discord.Embed]:
    """The embeds that answer a question (`understand.Answer`); the "understood as" line is the
    message's content, above them (`understood.understood_line`)."""
    from bot.understood import help_text

    kind = answer.kind
    if kind in ("help", "none"):
        embed = discord.Embed(title=t("ask.title", lang), description=help_text(lang), colour=COLOUR)
        return [fit(embed)]
    if kind == "response" and answer.response is not None:
        return response_pages(answer.response, lang, today)
    if kind == "petition" and answer.petition is not None:
        return [petition_embed(answer.petition, lang, today)]
    intro = ""
    if answer.no_response:
        intro = t("ask.none_answered", lang) if answer.items else t("ask.no_response_yet", lang)
    if kind == "count":
        total = f"**{count_text(answer.found, lang, exact=answer.exact)}**"
        intro = "\n".join(x for x in (total, intro) if x)
    lines = [_ask_line(item, lang) for item in answer.items]
    if answer.mentioned or answer.mentioned_total:
        from bot.petitions.countries import country_name

        name = country_name(answer.reading.country or "", lang)
        sections = [
            Section(t("label.primary", lang, country=name), lines, answer.total),
            Section(
                t("label.mentioned", lang, country=name),
                [_ask_line(item, lang) for item in answer.mentioned],
                answer.mentioned_total,
            ),
        ]
    else:
        sections = [
            Section(count_text(answer.total, lang, exact=answer.exact), lines, answer.total, count_in_heading=False)
        ]
    demo = any(line.demo for sec in sections for line in sec.lines)
    return list_pages(t("ask.title", lang), sections, lang, intro=intro, demo=demo)


def _ask_line(item: Any, lang: str) -> Line:
    title, _ = item.title.pick(lang)
    clock = deadlines.clock_line(item.clock, lang) if item.clock is not None else ""
    return Line(
        number=item.number,
        title=title or "",
        status=status_label(
            item.status_id, None, lang, presented=bool(item.presented_on), answered=item.has_response
        ),
        when=item.presented_on or item.last_event,
        demo=item.demo,
        extra=safe(clock) if clock else "",
    )


# --- end of /ask ---
