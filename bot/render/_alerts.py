"""Alerts turned into what Discord shows: the post in a followed channel, and the /following list.

A post must make sense to someone who never ran a command: it says what happened, to which
petition, why this channel hears of it, and links to the official page.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

import discord

from bot.i18n import number_words, t
from bot.petitions.alerts import Alert, Subscription
from bot.petitions.countries import country_name
from bot.petitions.model import Petition, side
from bot.petitions.status import STATUS_LABELS, status_label
from bot.petitions.text import fold
from bot.render._base import (
    COLOUR,
    DESCRIPTION_MAX,
    ROWS_PER_PAGE,
    clip,
    colon,
    colour,
    day,
    fit,
    link,
    number_pages,
    official_url,
    safe,
)

ALERT_PRAYER_SHORT = 600
SUMMARY_MAX = 1500


# --- words ------------------------------------------------------------------------------------------


def what_text(events: str, lang: str) -> str:
    """ "government responses", "new petitions and government responses", …"""
    return t(f"alerts.what.{events}", lang)


def target_text(sub: Subscription, lang: str) -> str:
    """What a follow is about, in words: "petitions about China", "petition e-4123", …"""
    if sub.filter == "country":
        return t("alerts.target.country", lang, country=country_name(sub.value, lang))
    if sub.filter == "number":
        return t("alerts.target.number", lang, number=sub.value)
    if sub.filter == "subject":
        return t("alerts.target.subject", lang, subject=safe(clip(sub.label or sub.value, 80)))
    return t("alerts.target.all", lang)


def channel_mention(channel_id: int) -> str:
    return f"<#{channel_id}>"


def follow_reply(sub: Subscription, status: str, lang: str) -> str:
    """The confirmation after /follow: created, already there, or running again."""
    return t(
        f"alerts.{status}",
        lang,
        id=sub.id,
        channel=channel_mention(sub.channel_id),
        what=what_text(sub.events, lang),
        target=target_text(sub, lang),
    )


def unfollow_reply(sub: Subscription, lang: str) -> str:
    return t(
        "alerts.removed",
        lang,
        id=sub.id,
        channel=channel_mention(sub.channel_id),
        what=what_text(sub.events, lang),
        target=target_text(sub, lang),
    )


def _stamp(moment: datetime | None, lang: str) -> str:
    return day(moment, lang) if moment else "—"


def stop_reason(sub: Subscription, lang: str) -> str:
    reason = t(f"alerts.reason.{sub.inactive_reason or 'not_found'}", lang)
    if sub.inactive_detail:
        reason += f" ({safe(clip(sub.inactive_detail, 120))})"
    return reason


def subscription_line(sub: Subscription, lang: str) -> str:
    """One follow in /following: id, channel, what, about what, and whether it runs (and why not)."""
    head = (
        f"`#{sub.id}` {channel_mention(sub.channel_id)} — "
        f"{what_text(sub.events, lang)} · {target_text(sub, lang)}"
    )
    if sub.active:
        state = t("alerts.running", lang, when=_stamp(sub.created_at, lang))
    else:
        state = t("alerts.stopped", lang, when=_stamp(sub.inactive_at, lang), reason=stop_reason(sub, lang))
    return clip(f"{head}\n{state}", 700)


def following_pages(subs: Sequence[Subscription], lang: str) -> list[discord.Embed]:
    """A server's follows, ten to a page."""
    title = t("alerts.following_title", lang)
    if not subs:
        return [fit(discord.Embed(title=title, description=t("alerts.following_none", lang), colour=COLOUR))]
    pages: list[discord.Embed] = []
    for start in range(0, len(subs), ROWS_PER_PAGE):
        lines = [subscription_line(sub, lang) for sub in subs[start : start + ROWS_PER_PAGE]]
        pages.append(
            discord.Embed(title=title, description=clip("\n\n".join(lines), DESCRIPTION_MAX), colour=COLOUR)
        )
    return number_pages(pages, lang)


def subscription_choices(
    subs: Sequence[Subscription], current: str, lang: str, channel_names: Mapping[int, str]
) -> list[tuple[str, str]]:
    """Autocomplete for /unfollow: "#3 · #petitions · government responses · petitions about China"."""
    want = fold(current).lstrip("#")
    out: list[tuple[str, str]] = []
    for sub in subs:
        channel = channel_names.get(sub.channel_id) or str(sub.channel_id)
        target = target_text(sub, lang).replace("\\", "")
        name = f"#{sub.id} · #{channel} · {what_text(sub.events, lang)} · {target}"
        if want and want not in fold(name) and want != str(sub.id):
            continue
        out.append((name, str(sub.id)))
    return out[:25]


# --- the post in a followed channel ----------------------------------------------------------------


def _status_text(status_id: object, lang: str) -> str:
    if isinstance(status_id, int) and status_id in STATUS_LABELS:
        return STATUS_LABELS[status_id].get(lang) or str(status_id)
    return t("status.unknown", lang)


def _prayer(p: Petition, lang: str) -> str:
    paragraphs, used = p.prayer.pick(lang)
    if not paragraphs:
        return ""
    text = safe(clip(" ".join(paragraphs), ALERT_PRAYER_SHORT))
    if used and used != lang:
        text += " " + t("only_in", lang, lang=t(f"lang.{used}", lang))
    return text


def alert_embed(alert: Alert, lang: str) -> discord.Embed:
    """The post: what happened (title), the gist (summary or prayer), key facts, and the official link."""
    p = alert.petition
    subject = side(p.subject, lang)
    url = official_url(p, lang)
    title = f"{t(f'alerts.kind.{alert.change.kind}', lang)}{colon(lang)}{p.number}"
    if subject:
        title += f" — {safe(subject)}"
    embed = discord.Embed(title=clip(title, 256), url=url, colour=colour(p.demo))
    embed.description = "\n\n".join(_alert_parts(alert, lang)) or None
    _add_alert_facts(embed, alert, lang)
    embed.add_field(name=t("label.link", lang), value=link(url), inline=False)
    footer = t("alerts.footer", lang, id=alert.subscription.id, target=target_text(alert.subscription, lang))
    if p.demo:
        footer = f"{t('demo', lang)} · {footer}"
    embed.set_footer(text=footer.replace("\\", ""))
    return fit(embed)


def _alert_parts(alert: Alert, lang: str) -> list[str]:
    """The gist: the response's summary, or the status change, or the prayer of a new petition."""
    p = alert.petition
    kind = alert.change.kind
    parts: list[str] = []
    if p.demo:
        parts.append(f"**{t('demo.banner', lang)}**")
    if kind == "response":
        summary = side(p.summary, lang)
        parts.append(
            f"**{t('label.summary', lang)}**\n"
            + (safe(clip(summary, SUMMARY_MAX)) if summary else t("alerts.no_summary", lang))
        )
    elif kind == "status":
        detail = alert.change.detail
        parts.append(
            t(
                "alerts.status_change",
                lang,
                old=safe(_status_text(detail.get("from"), lang)),
                new=safe(_status_text(detail.get("to"), lang)),
            )
        )
    prayer = _prayer(p, lang)
    if prayer and kind != "response":
        parts.append(f"**{t('label.prayer', lang)}**\n{prayer}")
    return parts


def _add_alert_facts(embed: discord.Embed, alert: Alert, lang: str) -> None:
    """When and by whom a response was tabled, the status (unless the title is the change), sponsor and signatures."""
    p = alert.petition
    kind = alert.change.kind
    if kind == "response" and p.response_tabled_on:
        embed.add_field(
            name=t("label.response_tabled", lang), value=day(p.response_tabled_on, lang), inline=True
        )
    if kind == "response" and p.response and p.response.signer:
        embed.add_field(name=t("label.signed_by", lang), value=safe(p.response.signer), inline=True)
    if kind != "status":
        embed.add_field(
            name=t("label.status", lang),
            value=safe(
                status_label(
                    p.status_id, p.status, lang, presented=bool(p.presented_on), answered=p.has_response
                )
            ),
            inline=True,
        )
    if p.sponsor:
        embed.add_field(name=t("label.sponsor", lang), value=safe(p.sponsor.name), inline=True)
    if p.signatures is not None:
        embed.add_field(name=t("label.signatures", lang), value=number_words(p.signatures, lang), inline=True)
