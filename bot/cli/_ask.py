"""`petitionbot ask`: a question in plain English or French, answered as /ask answers it (issue 12;
the reading lives in `bot/petitions/understand/`)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from bot.cli._output import jsonable, message, render_petition, wrap
from bot.cli._store import ask, meaning_of, today
from bot.i18n import t
from bot.petitions import deadlines, validate
from bot.petitions.model import Petition, side
from bot.petitions.status import status_label
from bot.petitions.store import Store
from bot.settings import Settings

if TYPE_CHECKING:
    from bot.petitions.understand import Answer, Item, Vocabulary


async def cmd_ask(args: argparse.Namespace, settings: Settings) -> int:
    """The /ask answer as text, or with --json the reading's fields, `understood` and `results`."""
    from bot import understood
    from bot.petitions import understand

    question = validate.question(" ".join(args.question))
    day = today(args)

    async def go(store: Store) -> tuple[Answer, Vocabulary, str]:
        vocab = await understand.vocabulary(store)
        reading = understand.read(question, vocab, day, lang=args.lang or "en")
        lang = args.lang or reading.lang
        meaning = None if args.keywords_only else meaning_of(store, settings)
        result = await understand.answer(store, reading, day, lang=lang, limit=args.limit, meaning=meaning)
        return result, vocab, lang

    result, vocab, lang = await ask(args, settings, go)
    line = understood.understood_line(result, lang, vocab)
    others = [
        {**alt.as_dict(), "label": understood.reading_text(alt, lang, vocab)}
        for alt in result.reading.alternatives
    ]
    if args.json:
        payload = {
            **result.reading.as_dict(),
            "understood": line,
            "total": result.found,
            "results": _results(result, lang, day),
            "alternatives": others,
        }
        if result.error is not None:
            payload["error"] = message(result.error, lang)
        print(json.dumps(payload, ensure_ascii=False, indent=2))
        return 1 if result.error is not None else 0
    print(line)
    if result.error is not None:
        print(message(result.error, lang), file=sys.stderr)
        return 1
    print(_text(result, lang, day))
    if others:
        print()
        print(t("ask.other_readings", lang))
        for other in others:
            print(f"  → {other['label']}")
    return 0


def _results(result: Answer, lang: str, day: date) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    p = result.petition
    if p is not None:
        out.append(_petition_entry(result, p, lang, day))
    for item in [*result.items, *result.mentioned]:
        if p is not None and item.number == p.number:
            continue
        title, _ = item.title.pick(lang)
        entry = {
            "number": item.number,
            "title": title or "",
            "status": status_label(
                item.status_id, None, lang, presented=bool(item.presented_on), answered=item.has_response
            ),
            "presented_on": jsonable(item.presented_on),
            "last_event": jsonable(item.last_event),
            "has_response": item.has_response,
            "demo": item.demo,
        }
        if item.primary is not None:
            entry["primary"] = item.primary
        if item.clock is not None:
            entry["deadline"] = deadlines.clock_line(item.clock, lang)
        out.append(entry)
    return out


def _petition_entry(result: Answer, p: Petition, lang: str, day: date) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "number": p.number,
        "title": side(p.subject, lang),
        "status": status_label(
            p.status_id, p.status, lang, presented=p.presented_on is not None, answered=p.has_response
        ),
        "presented_on": jsonable(p.presented_on),
        "response_tabled_on": jsonable(p.response_tabled_on),
        "has_response": p.has_response,
        "demo": p.demo,
        "deadline": deadlines.clock_line(deadlines.clock(p, day), lang),
    }
    if result.response is not None:
        r = result.response
        entry["response"] = {
            "summary": r.summary,
            "summary_lang": r.summary_lang,
            "header": r.header,
            "signer": r.signer,
            "tabled_on": jsonable(r.tabled_on),
            "answered_in_days": r.answered_in_days,
        }
    return entry


def _text(result: Answer, lang: str, day: date) -> str:
    from bot.understood import help_text

    if result.kind in ("help", "none"):
        return help_text(lang)
    if result.kind == "response" and result.response is not None:
        return _response_text(result, lang)
    if result.kind == "petition" and result.petition is not None:
        text = render_petition(result.petition, lang, day)
        return text + ("\n" + t("ask.no_response_yet", lang) if result.no_response else "")
    lines: list[str] = []
    if result.no_response:
        lines.append(t("ask.none_answered", lang) if result.items else t("ask.no_response_yet", lang))
    if result.mentioned or result.mentioned_total:
        from bot.petitions.countries import country_name

        name = country_name(result.reading.country or "", lang)
        lines.append(t("label.primary", lang, country=name) + f": {result.total}")
        lines.extend(_rows(result.items, lang) or ["  —"])
        lines.append(t("label.mentioned", lang, country=name) + f": {result.mentioned_total}")
        lines.extend(_rows(result.mentioned, lang) or ["  —"])
        return "\n".join(lines)
    if not result.items and not result.total:
        lines.append(t("results.none", lang))
    elif result.total == 1 and result.exact:
        lines.append(t("results.one", lang))
    else:
        lines.append(t("results.count", lang, total=f"{result.total}{'' if result.exact else '+'}"))
    lines.extend(_rows(result.items, lang))
    return "\n".join(lines)


def _response_text(result: Answer, lang: str) -> str:
    assert result.response is not None
    r, p = result.response, result.response.petition
    lines = [f"{p.number} — {side(p.subject, lang)}"]
    if p.demo:
        lines.append(f"[{t('demo.banner', lang)}]")
    for value in (r.header, r.signer and f"{t('label.signed_by', lang)}: {r.signer}"):
        if value:
            lines.append(value)
    if r.tabled_on:
        lines.append(f"{t('label.response_tabled', lang)}: {r.tabled_on.isoformat()}")
    lines.append(f"{t('label.summary', lang)}:" + (f" {r.note}" if r.note else ""))
    lines.append(wrap(r.summary))
    rest = [i for i in result.items if i.number != p.number]
    if rest:
        lines.append("")
        lines.extend(_rows(rest, lang))
    return "\n".join(lines)


def _rows(items: Sequence[Item], lang: str) -> list[str]:
    out = []
    for item in items:
        title, _ = item.title.pick(lang)
        when = item.presented_on or item.last_event
        status = status_label(
            item.status_id, None, lang, presented=bool(item.presented_on), answered=item.has_response
        )
        line = f"  {item.number:<10} {title or ''} — {status}" + (f" ({when})" if when else "")
        if item.clock is not None:
            line += f" — {deadlines.clock_line(item.clock, lang)}"
        out.append(line + (f" [{t('demo', lang)}]" if item.demo else ""))
    return out
