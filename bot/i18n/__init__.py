"""Every sentence the bot and the CLI show, in English and French.

Plain data and one lookup function. It imports nothing of the bot, so every layer may use it: the
core names its sentences here too (deadlines, summaries), and the CLI and the Discord translator
share the same words.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from bot.i18n._catalogue import STRINGS as STRINGS

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Term:
    """A word of a message that is itself translated when the message is shown (an option's name).

    The core names sentences by key and never picks a language; a parameter that is a
    `Term` is looked up here in the reader's language, like the sentence itself.
    """

    key: str


def t(key: str, lang: str = "en", /, **params: Any) -> str:
    """The sentence `key` in `lang` (French for "fr…", English otherwise)."""
    side = "fr" if lang and lang.lower().startswith("fr") else "en"
    entry = STRINGS.get(key)
    if entry is None:
        log.warning("missing string %r", key)
        return key
    template = entry.get(side) or entry["en"]
    params = {k: t(v.key, lang) if isinstance(v, Term) else v for k, v in params.items()}
    try:
        return template.format(**params)
    except (KeyError, IndexError):
        log.warning("string %r misses a parameter", key)
        return template


def lang_of(locale: object) -> str:
    """'fr' for any French locale, 'en' otherwise."""
    value = str(getattr(locale, "value", locale) or "")
    return "fr" if value.lower().startswith("fr") else "en"


def number_words(value: int, lang: str) -> str:
    """12,000 in English, 12 000 in French: the one number format of every screen.

    French groups thousands with a narrow no-break space (U+202F), as its typography asks; the
    number never breaks across lines.
    """
    text = f"{value:,}"
    return text.replace(",", "\u202f") if lang == "fr" else text


def history_line(status: Any, lang: str) -> str:
    """One line on how much of the petition history the store holds (`backfill.HistoryStatus`)."""
    if not status.started:
        return t("history.not_started", lang, listed=number_words(status.listed, lang))
    if status.complete:
        return t("history.complete", lang, listed=number_words(status.details_done, lang))
    expected = max(status.expected or 0, status.listed)
    return t(
        "history.line",
        lang,
        listed=number_words(status.listed, lang),
        expected=number_words(expected, lang),
        done=number_words(status.details_done, lang),
        share=f"{100 * status.details_share:.0f}",
    )


FILTER_NAMES = {
    "status_ids": "opt.status",
    "kind": "opt.type",
    "parliament": "opt.parliament",
    "session": "opt.session",
    "sponsor": "opt.sponsor",
    "subject": "opt.subject",
    "keyword": "opt.keyword",
    "date_from": "opt.from",
    "date_to": "opt.to",
    "has_response": "opt.answered",
    "country": "opt.country",
}
"""A search filter (`search.SearchFilters` field) by the option name the reader typed it under."""


def suggestion_line(kind: str, value: str, count: int, lang: str, clean: Callable[[str], str] = str) -> str:
    """A way out of an empty search (`search.Suggestion`) in the reader's words: another spelling, a
    subject or keyword, or the results without a filter. `clean` readies words from the user or the
    store for where they are shown (Markdown in Discord, one plain line in a terminal)."""
    amount = number_words(count, lang)
    one = ".one" if count == 1 else ""
    if kind == "drop_filter":
        if value == "all":
            return t(f"search.suggest.drop_all{one}", lang, count=amount)
        key = FILTER_NAMES.get(value)
        name = t(key, lang) if key else clean(value)
        return t(f"search.suggest.drop_filter{one}", lang, value=name, count=amount)
    if kind in ("spelling", "title"):
        return t(f"search.suggest.{kind}{one}", lang, value=clean(value), count=amount)
    return clean(value)


# --- charts ---------------------------------------------------------------------------------------


def parliament_name(number: int | None, lang: str) -> str:
    """A Parliament by its number, as each language writes it: "44th Parliament", "44e législature"."""
    if number is None:
        return t("responses.parliament_unknown", lang)
    if lang == "fr":
        return f"{number}{'re' if number == 1 else 'e'} législature"
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix} Parliament"
