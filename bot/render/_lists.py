"""Lists of petitions: by country, by sponsor, search results, related petitions, the overdue, /ask.

Every list goes through `list_pages`: sections with a heading and a count, ten lines a page, each
page repeating its section heading, so a long answer can be paged without losing its bearings.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

import discord

from bot.i18n import number_words, suggestion_line, t
from bot.petitions import deadlines
from bot.petitions.answers import CountryAnswer, Page, Row
from bot.petitions.backfill import HistoryStatus
from bot.petitions.countries import country_name
from bot.petitions.model import Petition, side
from bot.petitions.search import Hit, SearchResult, Suggestion
from bot.petitions.sponsors import SponsorMatch
from bot.petitions.status import status_label
from bot.petitions.text import collapse
from bot.petitions.understand import Answer, Item
from bot.render._base import (
    COLOUR,
    DESCRIPTION_MAX,
    FOOTER_MAX,
    PAGE_TEXT,
    ROWS_PER_PAGE,
    banner,
    clip,
    colour,
    day,
    fit,
    number_pages,
    safe,
)
from bot.render._petition import petition_embed, response_pages
from bot.understood import help_text

RELATED_PER_PAGE = 5


@dataclass(frozen=True, slots=True)
class Line:
    """One petition in a list, whatever answer it came from."""

    number: str
    title: str
    status: str
    when: date | None
    demo: bool
    extra: str = ""  # already escaped: a search snippet with highlights, or a deadline line


def line_from_row(row: Row, lang: str) -> Line:
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


def line_from_hit(hit: Hit, lang: str, *, demo: bool = False) -> Line:
    """From `search.Hit`: only the fields a list shows."""
    en, fr = hit.title_en, hit.title_fr
    title = (fr or en) if lang == "fr" else (en or fr)
    return Line(
        number=hit.number,
        title=title or "",
        status=status_label(
            hit.status_id,
            None,
            lang,
            presented=bool(hit.presented_on),
            answered=bool(hit.has_response),
        ),
        when=_iso_day(hit.presented_on or hit.last_event),
        demo=demo or bool(hit.demo),
        extra=_snippet(hit),
    )


def _iso_day(when: str | date | None) -> date | None:
    """A hit's date, stored as ISO text; a value that is no date shows no date."""
    if isinstance(when, str):
        try:
            return date.fromisoformat(when[:10])
        except ValueError:
            return None
    return when


def _snippet(hit: Hit) -> str:
    text = hit.marked_snippet(safe)
    if text is None:
        text = safe(hit.snippet or "")
    return collapse(text)


def line_from_overdue(p: Petition, clk: deadlines.Clock, lang: str) -> Line:
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
    """ "12 petitions"; "300+ petitions" when the search stopped counting."""
    if total == 1 and exact:
        return t("results.one", lang)
    return t("results.count", lang, total=number_words(total, lang) + ("" if exact else "+"))


def note_partial_history(pages: Sequence[discord.Embed], history: HistoryStatus, lang: str) -> None:
    """Add "the history is still loading" to every page's footer while a backfill is under way."""
    if not history.started or history.complete:
        return
    note = t("history.partial_note", lang, share=f"{100 * history.details_share:.0f}")
    for page in pages:
        footer = page.footer.text if page.footer else None
        page.set_footer(text=clip(f"{footer} · {note}" if footer else note, FOOTER_MAX))


# --- paging ---------------------------------------------------------------------------------


def _entries(sections: Sequence[Section], lang: str) -> list[tuple[str, str]]:
    """Every line as (its section's heading, its text); an empty section shows "—"."""
    entries: list[tuple[str, str]] = []
    for sec in sections:
        heading = f"**{sec.heading}**"
        if sec.count_in_heading:
            heading += f" ({number_words(sec.total, lang)})"
        if len(sec.lines) < sec.total:
            heading += (
                f" — {t('label.showing', lang, shown=len(sec.lines), total=number_words(sec.total, lang))}"
            )
        if not sec.lines:
            entries.append((heading, "—"))
        entries.extend((heading, _line_text(line, lang)) for line in sec.lines)
    return entries


def _chunks(entries: list[tuple[str, str]], per_page: int) -> list[list[tuple[str, str]]]:
    """Entries `per_page` at a time, fewer when their text would not fit on a page."""
    chunks: list[list[tuple[str, str]]] = []
    chunk: list[tuple[str, str]] = []
    size = 0
    for entry in entries:
        grow = len(entry[0]) + len(entry[1]) + 2
        if chunk and (len(chunk) >= per_page or size + grow > PAGE_TEXT):
            chunks.append(chunk)
            chunk, size = [], 0
        chunk.append(entry)
        size += grow
    if chunk:
        chunks.append(chunk)
    return chunks


def _page_text(chunk: list[tuple[str, str]], intro: str, demo: bool, lang: str) -> str:
    """One page: the banner and intro, then its lines, each section heading before its first line."""
    parts: list[str] = [x for x in (banner(demo, lang).strip(), intro) if x]
    if parts:
        parts.append("")
    last = None
    for heading, text in chunk:
        if heading != last:
            parts.append(heading)
            last = heading
        parts.append(text)
    return clip("\n".join(parts), DESCRIPTION_MAX)


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
    pages = [
        discord.Embed(title=title, description=_page_text(chunk, intro, demo, lang), colour=colour(demo))
        for chunk in _chunks(_entries(sections, lang), per_page)
    ]
    if not pages:
        pages.append(discord.Embed(title=title, description=intro or t("results.none", lang), colour=COLOUR))
    return number_pages(pages, lang)


# --- lists by country and by sponsor, the overdue ----------------------------------------------


def country_pages(answer: CountryAnswer, lang: str) -> list[discord.Embed]:
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


def sponsor_pages(mp: SponsorMatch, page: Page, lang: str) -> list[discord.Embed]:
    lines = [line_from_row(r, lang) for r in page.rows]
    section = Section(count_text(page.total, lang), lines, page.total, count_in_heading=False)
    return list_pages(
        t("label.sponsor_title", lang, name=safe(mp.name)),
        [section],
        lang,
        demo=any(line.demo for line in lines),
    )


def overdue_pages(
    late: Sequence[tuple[Petition, deadlines.Clock]], lang: str, total: int | None = None
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


# --- search ---------------------------------------------------------------------------------------


def _search_title(query: str, lang: str) -> str:
    return (
        t("label.search_title", lang, query=clip(safe(query), 120)) if query else t("label.search_all", lang)
    )


def search_pages(
    result: SearchResult, query: str, lang: str, demo_numbers: frozenset[str] = frozenset()
) -> list[discord.Embed]:
    """Search hits, or the ways out of an empty result.

    A hit says itself whether it is from the demo set (`Hit.demo`), so no record is loaded
    for that; `demo_numbers` can mark more.
    """
    if result.by_meaning or any(h.related for h in result.hits):
        return hybrid_search_pages(result, query, lang, demo_numbers)
    title = _search_title(query, lang)
    lines = [line_from_hit(h, lang, demo=h.number in demo_numbers) for h in result.hits]
    if not lines:
        intro = t("results.none", lang)
        tips = [_suggestion_text(s, lang) for s in result.suggestions][:10]
        if tips:
            intro += "\n\n**" + t("label.try_instead", lang) + "**\n" + "\n".join(f"• {tip}" for tip in tips)
        return [fit(discord.Embed(title=title, description=intro, colour=COLOUR))]
    section = Section(
        count_text(result.total, lang, exact=result.total_exact),
        lines,
        result.total,
        count_in_heading=False,
    )
    return list_pages(title, [section], lang, demo=any(line.demo for line in lines))


def _suggestion_text(s: str | Suggestion, lang: str) -> str:
    """A way out of an empty search, in the reader's words (a string, or a `search.Suggestion`)."""
    if isinstance(s, str):
        return safe(clip(s, 200))
    return suggestion_line(s.kind, str(s.value), int(s.count or 0), lang, lambda v: safe(clip(v, 150)))


# --- search by meaning (issue 11): results found by meaning, related petitions -----------------


def _related_line(hit: Hit, lang: str) -> Line:
    """A petition found by meaning rather than by its words: marked "related" beside its status."""
    line = line_from_hit(hit, lang)
    tag = t("search.related_tag", lang)
    return replace(line, status=f"{line.status} · {tag}" if line.status else tag)


def hybrid_search_pages(
    result: SearchResult, query: str, lang: str, demo_numbers: frozenset[str] = frozenset()
) -> list[discord.Embed]:
    """Keyword hits, then the petitions related by meaning under their own heading, each marked; when no
    petition holds the words, the closest in meaning, with a line that says so (`SearchResult.by_meaning`)."""
    title = _search_title(query, lang)
    words = [line_from_hit(h, lang, demo=h.number in demo_numbers) for h in result.hits if not h.related]
    near = [_related_line(h, lang) for h in result.hits if h.related]
    intro = ""
    sections: list[Section] = []
    if result.by_meaning:
        intro = t("search.by_meaning", lang)
        tips = [_suggestion_text(s, lang) for s in result.suggestions if s.kind == "spelling"]
        if tips:
            intro += "\n" + tips[0]
        sections.append(
            Section(t("search.by_meaning_heading", lang), near, len(near), count_in_heading=False)
        )
    else:
        exact = result.total_exact
        sections.append(
            Section(count_text(result.total, lang, exact=exact), words, result.total, count_in_heading=False)
        )
        if near:
            sections.append(
                Section(t("search.related_heading", lang), near, len(near), count_in_heading=False)
            )
    demo = any(line.demo for line in (*words, *near))
    return list_pages(title, sections, lang, intro=intro, demo=demo)


def related_pages(p: Petition, hits: Sequence[Hit], lang: str) -> list[discord.Embed]:
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


# --- /ask (issue 12): an answer to a question in plain words, after its "understood as" line ---------


def ask_pages(answer: Answer, lang: str, today: date) -> list[discord.Embed]:
    """The embeds that answer a question (`understand.Answer`); the "understood as" line is the
    message's content, above them (`understood.understood_line`)."""
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
    sections = _ask_sections(answer, lang)
    demo = any(line.demo for sec in sections for line in sec.lines)
    return list_pages(t("ask.title", lang), sections, lang, intro=intro, demo=demo)


def _ask_sections(answer: Answer, lang: str) -> list[Section]:
    """A country's own petitions and those that only mention it apart, as /country shows them."""
    lines = [_ask_line(item, lang) for item in answer.items]
    if not (answer.mentioned or answer.mentioned_total):
        return [
            Section(
                count_text(answer.total, lang, exact=answer.exact),
                lines,
                answer.total,
                count_in_heading=False,
            )
        ]
    name = country_name(answer.reading.country or "", lang)
    return [
        Section(t("label.primary", lang, country=name), lines, answer.total),
        Section(
            t("label.mentioned", lang, country=name),
            [_ask_line(item, lang) for item in answer.mentioned],
            answer.mentioned_total,
        ),
    ]


def _ask_line(item: Item, lang: str) -> Line:
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
