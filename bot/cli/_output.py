"""What the commands print: a petition in plain text, rows of a list, JSON, and one-line errors."""

from __future__ import annotations

import json
import sys
import textwrap
from collections.abc import Sequence
from dataclasses import asdict, is_dataclass
from datetime import date, datetime
from typing import Any

from bot.i18n import t
from bot.petitions import answers, deadlines
from bot.petitions.backfill import has_details
from bot.petitions.errors import UserFacingError
from bot.petitions.model import Bi, Petition, side
from bot.petitions.numbers import detail_url
from bot.petitions.search import Hit
from bot.petitions.status import STATUS_LABELS, status_label
from bot.petitions.text import collapse, visible

WRAP = 100


def jsonable(value: Any) -> Any:
    if isinstance(value, Bi):
        return {"en": jsonable(value.en), "fr": jsonable(value.fr)}
    if is_dataclass(value) and not isinstance(value, type):
        if isinstance(value, Petition):
            return value.to_dict()
        return {k: jsonable(v) for k, v in asdict(value).items()}
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    return value


def emit_json(value: Any) -> None:
    print(json.dumps(jsonable(value), ensure_ascii=False, indent=2))


def message(exc: UserFacingError, lang: str) -> str:
    """The error as one line a terminal shows as it is: what the user typed comes back without
    controls, escape sequences or bidi overrides (`text.visible`)."""
    params = {k: plain(v) if isinstance(v, str) else v for k, v in exc.params.items()}
    line = t(exc.key, lang, **params)
    if exc.suggestions:
        line += " " + t("suggest", lang, items=", ".join(plain(str(s)) for s in exc.suggestions[:5]))
    return plain(line)


def plain(text: str) -> str:
    return collapse(visible(text))


def fail(exc: UserFacingError, lang: str) -> int:
    print(message(exc, lang), file=sys.stderr)
    return 1


def wrap(text: str, indent: str = "  ") -> str:
    return textwrap.fill(text, WRAP, initial_indent=indent, subsequent_indent=indent)


def render_petition(p: Petition, lang: str, today: date) -> str:
    """The record as a reader wants it at a glance, in plain text."""
    title = side(p.subject, lang)
    lines = [f"{p.number} — {title}" if title else p.number]
    if p.demo:
        lines.append(f"[{t('demo.banner', lang)}]")
    elif not has_details(p):
        lines.append(f"[{t('details.loading', lang)}]")
    lines.append(f"{t('label.type', lang)}: {t('kind.' + p.kind, lang)}")
    lines.append(
        f"{t('label.status', lang)}: {status_label(p.status_id, p.status, lang, presented=p.presented_on is not None, answered=p.has_response)}"
    )
    lines.extend(_people(p, lang))
    lines.extend(_dates(p, lang, today))
    prayer, _used = p.prayer.pick(lang)
    if prayer:
        lines.append(f"{t('label.prayer', lang)}:")
        short = " ".join(prayer)
        if len(short) > 600:
            short = short[:600].rsplit(" ", 1)[0] + " …"
        lines.append(wrap(short))
    if p.response:
        header = side(p.response.header, lang)
        if header:
            lines.append(f"{t('label.response', lang)}: {header}")
        if p.response.signer:
            lines.append(f"{t('label.signed_by', lang)}: {p.response.signer}")
    url, _ = p.url.pick(lang)
    lines.append(f"{t('label.link', lang)}: {p.url.get(lang) or detail_url(p.number, lang) or url}")
    return "\n".join(lines)


def _people(p: Petition, lang: str) -> list[str]:
    lines = []
    if p.sponsor:
        extra = ", ".join(x for x in (p.sponsor.riding, p.sponsor.caucus.pick(lang)[0]) if x)
        lines.append(f"{t('label.sponsor', lang)}: {p.sponsor.name}" + (f" ({extra})" if extra else ""))
    if p.initiator:
        where = ", ".join(x for x in (p.initiator.city, p.initiator.province) if x)
        lines.append(f"{t('label.initiator', lang)}: {p.initiator.name}" + (f" ({where})" if where else ""))
    return lines


def _dates(p: Petition, lang: str, today: date) -> list[str]:
    lines = []
    for key, value in (
        ("label.opened", p.opened_at),
        ("label.closed", p.closed_at),
        ("label.presented", p.presented_on),
        ("label.response_tabled", p.response_tabled_on),
    ):
        if value is not None:
            shown = value.strftime("%Y-%m-%d %H:%M") if isinstance(value, datetime) else value.isoformat()
            lines.append(f"{t(key, lang)}: {shown}")
    if p.presented_number and p.presented_number != p.number:
        lines.append(f"  ({p.presented_number})")
    if p.signatures is not None:
        lines.append(f"{t('label.signatures', lang)}: {p.signatures}")
    if p.presented_on:
        lines.append(f"{t('label.deadline', lang)}: {deadlines.clock_line(deadlines.clock(p, today), lang)}")
    return lines


def rows(found: Sequence[answers.Row], lang: str) -> list[str]:
    out = []
    for r in found:
        title, _ = r.title.pick(lang)
        when = r.presented_on or r.last_event
        demo = f" [{t('demo', lang)}]" if r.demo else ""
        status = STATUS_LABELS[r.status_id].get(lang) if r.status_id in STATUS_LABELS else ""
        out.append(
            f"  {r.number:<10} {title or ''}"
            + (f" — {status}" if status else "")
            + (f" ({when})" if when else "")
            + demo
        )
    return out


def related_text(hits: Sequence[Hit], lang: str) -> str:
    lines = [f"{t('related.cli_heading', lang)}:"]
    for hit in hits:
        title = (hit.title_fr if lang == "fr" else hit.title_en) or hit.title_en or hit.title_fr or ""
        lines.append(f"  {hit.number:<10} {title}" + (f" ({hit.presented_on})" if hit.presented_on else ""))
    if not hits:
        lines.append(f"  {t('related.none', lang)}")
    return "\n".join(lines)
