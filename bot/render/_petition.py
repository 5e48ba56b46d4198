"""One petition: the card at a glance, its full text, and the government's response, page by page."""

from __future__ import annotations

import re
from datetime import date

import discord

from bot.i18n import number_words, t
from bot.petitions import deadlines
from bot.petitions.answers import ResponseAnswer
from bot.petitions.backfill import has_details
from bot.petitions.model import Petition, side
from bot.petitions.status import status_label
from bot.petitions.summary import split_sentences
from bot.petitions.text import collapse
from bot.render._base import (
    ELLIPSIS,
    Markup,
    banner,
    colon,
    colour,
    day,
    fit,
    link,
    number_pages,
    official_url,
    paginate_text,
    safe,
    split_words,
)

PRAYER_SHORT = 700

_TRAILING_ENUMERATOR = re.compile(r"\s*(?:\b(?:and|or|et|ou)\s+)?\(?\d{1,2}[.)]$")


def _only_in(used: str | None, lang: str) -> str:
    """ " (available in English only)" when the text is in the other language, else ""."""
    return f" {t('only_in', lang, lang=t(f'lang.{used}', lang))}" if used and used != lang else ""


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
            short = split_words(text, PRAYER_SHORT)[0]
        else:
            short = safe(kept) + " " + ELLIPSIS
    return short + _only_in(used, lang)


def petition_embed(p: Petition, lang: str, today: date) -> discord.Embed:
    """One petition at a glance: who, what, when, where it stands, and the link to the official page."""
    subject = side(p.subject, lang)
    url = official_url(p, lang)
    embed = discord.Embed(
        title=f"{p.number} — {safe(subject)}" if subject else p.number,
        url=url,
        colour=colour(p.demo),
    )
    embed.description = _card_description(p, lang) or None
    _add_facts(embed, p, lang)
    _add_dates(embed, p, lang)
    _add_response(embed, p, lang)
    clock_text = deadlines.clock_line(deadlines.clock(p, today), lang)
    if clock_text:
        embed.add_field(name=t("label.deadline", lang), value=safe(clock_text), inline=False)
    embed.add_field(name=t("label.link", lang), value=link(url), inline=False)
    footer = t("label.source", lang)
    if p.demo:
        footer = f"{t('demo', lang)} · {footer}"
    embed.set_footer(text=footer)
    return fit(embed)


def _card_description(p: Petition, lang: str) -> str:
    """The demo banner, "details loading" while the record is only a listing line, and the prayer."""
    desc = banner(p.demo, lang)
    if not p.demo and not has_details(p):
        desc += f"*{t('details.loading', lang)}*\n"
    prayer = _prayer_short(p, lang)
    if prayer:
        desc += f"**{t('label.prayer', lang)}**\n{prayer}"
    return desc


def _add_facts(embed: discord.Embed, p: Petition, lang: str) -> None:
    """Type, status, signatures, sponsor and initiator, side by side."""
    embed.add_field(name=t("label.type", lang), value=t(f"kind.{p.kind}", lang), inline=True)
    embed.add_field(
        name=t("label.status", lang),
        value=safe(
            status_label(p.status_id, p.status, lang, presented=bool(p.presented_on), answered=p.has_response)
        ),
        inline=True,
    )
    if p.signatures is not None:
        embed.add_field(name=t("label.signatures", lang), value=number_words(p.signatures, lang), inline=True)
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


def _add_dates(embed: discord.Embed, p: Petition, lang: str) -> None:
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


def _add_response(embed: discord.Embed, p: Petition, lang: str) -> None:
    """The response's header and signer; the text itself is behind the "Response" button."""
    if p.response is None or not (p.response.header or p.response.signer or p.response.paragraphs):
        return
    lines = []
    header, _ = p.response.header.pick(lang)
    if header:
        lines.append(safe(header))
    if p.response.signer:
        lines.append(f"{t('label.signed_by', lang)}{colon(lang)}{safe(p.response.signer)}")
    embed.add_field(name=t("label.response", lang), value="\n".join(lines) or "—", inline=False)


def full_text_pages(p: Petition, lang: str) -> list[discord.Embed]:
    """The whereas clauses and the prayer, paged; nothing dropped."""
    grievances, g_used = p.grievances.pick(lang)
    prayer, p_used = p.prayer.pick(lang)
    parts: list[str] = []
    if grievances:
        parts.append(Markup(f"**{t('label.grievances', lang)}**{_only_in(g_used, lang)}"))
        parts.extend(grievances)
    if prayer:
        parts.append(Markup(f"**{t('label.prayer', lang)}**{_only_in(p_used, lang)}"))
        parts.extend(prayer)
    texts = paginate_text(parts) or [t("label.text_missing", lang)]
    title = f"{p.number} — {t('label.full_text', lang)}"
    head = banner(p.demo, lang)
    return number_pages(
        [
            discord.Embed(
                title=title, url=official_url(p, lang), description=head + text, colour=colour(p.demo)
            )
            for text in texts
        ],
        lang,
    )


# --- the government response ----------------------------------------------------------------


def response_pages(answer: ResponseAnswer, lang: str, today: date) -> list[discord.Embed]:
    """The summary, header, signer and timing first, then the whole response, page by page."""
    p = answer.petition
    title = f"{p.number} — {t('label.response', lang)}"
    first = _response_first_page(answer, title, lang, today)
    paragraphs = list(answer.paragraphs)
    if answer.paragraphs_lang and answer.paragraphs_lang != lang and paragraphs:
        paragraphs.insert(
            0, Markup(f"*{t('only_in', lang, lang=t(f'lang.{answer.paragraphs_lang}', lang))}*")
        )
    pages = [first]
    for text in paginate_text(paragraphs):
        pages.append(
            discord.Embed(title=title, url=official_url(p, lang), description=text, colour=colour(p.demo))
        )
    return number_pages(pages, lang)


def _response_first_page(answer: ResponseAnswer, title: str, lang: str, today: date) -> discord.Embed:
    p = answer.petition
    first = discord.Embed(title=title, url=official_url(p, lang), colour=colour(p.demo))
    subject = side(p.subject, lang)
    desc = banner(p.demo, lang)
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
    return first
