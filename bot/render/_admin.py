"""The bot and the store as a whole: /about, /admin status, search by meaning, and /stats in words."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

import discord

from bot.charts import Words
from bot.i18n import history_line, number_words, t
from bot.petitions.backfill import HistoryStatus
from bot.petitions.health import SourceHealth
from bot.petitions.ingest_files import format_size
from bot.petitions.meaning import MeaningStatus
from bot.petitions.store import StoreStats
from bot.render._base import COLOUR, banner, clip, colour, fit, safe


def when_text(iso: str | None, lang: str) -> str:
    """A stored ISO timestamp as a Discord timestamp (shown in the reader's own time zone)."""
    if not iso:
        return t("about.never", lang)
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        return safe(iso)
    return f"{discord.utils.format_dt(moment, 'f')} ({discord.utils.format_dt(moment, 'R')})"


def size_text(size: int, lang: str) -> str:
    """Bytes as "1.5 MB", or "1,5 Mo" in French."""
    text = format_size(size)
    if lang != "fr":
        return text
    text = text.replace(".", ",")
    for en, fr in (("GB", "Go"), ("MB", "Mo"), ("KB", "ko"), ("bytes", "octets")):
        text = text.replace(en, fr)
    return text


def about_embed(stats: StoreStats, lang: str, history: HistoryStatus | None = None) -> discord.Embed:
    embed = discord.Embed(title=t("about.title", lang), description=t("about.what", lang), colour=COLOUR)
    embed.add_field(name=t("about.source_label", lang), value=t("about.source", lang), inline=False)
    embed.add_field(
        name=t("about.freshness_label", lang),
        value=t(
            "about.freshness",
            lang,
            count=number_words(stats.petitions, lang),
            demo=number_words(stats.demo, lang),
            when=when_text(stats.last_refresh, lang),
        ),
        inline=False,
    )
    if history is not None:
        embed.add_field(name=t("about.history_label", lang), value=history_line(history, lang), inline=False)
    embed.add_field(name=t("about.usage_label", lang), value=t("about.usage", lang), inline=False)
    return fit(embed)


# --- /admin status ------------------------------------------------------------------------------


def status_embed(
    stats: StoreStats,
    lang: str,
    *,
    guilds: int,
    latency_ms: int,
    uptime: str,
    refresh_minutes: int,
    extensions: Sequence[str],
    failed: Sequence[str],
    alerts: Mapping[str, Any] | None = None,
    history: HistoryStatus | None = None,
    backfill_line: str | None = None,
    version: str | None = None,
    db_size: int | None = None,
    source: SourceHealth | None = None,
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
                count=number_words(stats.petitions, lang),
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
    _add_status_fields(embed, lang, alerts, history, backfill_line, source, meaning_search)
    ext = ", ".join(f"`{e}`" for e in extensions) or "—"
    if failed:
        ext += "\n" + t("admin.reload_failed", lang, failed=", ".join(f"`{e}`" for e in failed))
    # Last, because when an embed must shrink `fit` drops fields from the end.
    embed.add_field(name=t("admin.extensions", lang), value=ext, inline=False)
    return fit(embed)


def _add_status_fields(
    embed: discord.Embed,
    lang: str,
    alerts: Mapping[str, Any] | None,
    history: HistoryStatus | None,
    backfill_line: str | None,
    source: SourceHealth | None,
    meaning_search: str | None,
) -> None:
    """The history, the petitions site, the alerts and search by meaning, each in a field of its own."""
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
        embed.add_field(
            name=t("admin.alerts", lang), value=t("admin.alerts_line", lang, **alerts), inline=False
        )
    embed.add_field(
        name=t("admin.meaning_label", lang),
        value=meaning_search or t("admin.meaning_off", lang),
        inline=False,
    )


def _moment(when: datetime, lang: str) -> str:
    return when_text(when.isoformat(), lang)


def _last_refresh(source: SourceHealth, lang: str) -> str:
    if source.refreshed_at is None:
        return t("admin.last_refresh_none", lang)
    key = "admin.last_refresh_ok" if source.refresh_ok else "admin.last_refresh_failed"
    line = safe(clip(source.refresh_line or "—", 600))
    return t(key, lang, when=_moment(source.refreshed_at, lang), line=line)


def _source_health(source: SourceHealth, lang: str) -> str:
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


def meaning_status_line(status: MeaningStatus, lang: str) -> str:
    """The `/admin status` line on search by meaning (`meaning.MeaningStatus`)."""
    state = status.state.value
    if state == "disabled":
        return t("admin.meaning_disabled", lang)
    if state == "missing":
        return t("admin.meaning_off", lang)
    if state == "failed":
        return t("admin.meaning_failed", lang, error=safe(clip(status.error or "?", 200)))
    return t(
        "admin.meaning_on",
        lang,
        vectors=number_words(status.vectors, lang),
        petitions=number_words(status.petitions, lang),
        model=safe(status.model),
        state=t(f"admin.meaning_{state}", lang),
    )


# --- statistics (the charts themselves are drawn by bot/charts) ----------------------------------


def chart_embed(words: Words, filename: str) -> discord.Embed:
    """The figures of a chart in words (`charts.Words`), so a screen reader gets everything the picture
    shows; the picture is the attachment `filename`."""
    embed = discord.Embed(title=safe(words.title), colour=colour(words.demo))
    desc = banner(words.demo, words.lang) + f"**{safe(words.heading)}**\n"
    desc += "\n".join(safe(line) for line in words.summary)
    embed.description = desc + "\n" + safe(words.alt)
    for heading, lines in words.sections:
        inline = all(len(line) <= 40 for line in lines)
        embed.add_field(name=safe(heading), value="\n".join(safe(line) for line in lines), inline=inline)
    embed.set_image(url=f"attachment://{filename}")
    embed.set_footer(text=words.footer)
    return fit(embed)
