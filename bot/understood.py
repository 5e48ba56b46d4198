"""How `/ask` says what it understood, in the reader's language, for Discord and the CLI alike.

Every answer starts with one line, "Understood as: Petitions about Kazakhstan with a government
response, in 2022 (2 found)", so a reader sees at once whether the question was read right; the
close readings are offered under the answer with the same words (`reading_text`). The sentences
are in `bot.i18n` (keys `ask.*`); this module only puts them together. No discord import.
"""

from __future__ import annotations

from datetime import date, timedelta

from bot.i18n import number_words, t
from bot.petitions.countries import country_name
from bot.petitions.deadlines import format_date
from bot.petitions.understand import Answer, Period, Reading, Vocabulary

BUTTON_MAX = 80  # Discord's button label limit


def understood_line(answer: Answer, lang: str, vocab: Vocabulary | None = None) -> str:
    """The line "Understood as: …", with how many petitions were found when the answer is a list."""
    reading = answer.reading
    text = reading_text(reading, lang, vocab)
    if answer.kind in ("list", "count", "response") and not reading.number:
        text += f" ({found_text(answer.found, lang, exact=answer.exact)})"
    return t("ask.understood", lang, line=text)


def found_text(count: int, lang: str, *, exact: bool = True) -> str:
    if count == 0:
        return t("ask.found_none", lang)
    if count == 1 and exact:
        return t("ask.found_one", lang)
    shown = number_words(count, lang) + ("" if exact else "+")
    return t("ask.found", lang, count=shown)


def reading_text(reading: Reading, lang: str, vocab: Vocabulary | None = None) -> str:
    """What a reading asks, in one phrase: "Petitions by Jenny Kwan since March 2024"."""
    if reading.intent == "help":
        return t("ask.help_line", lang)
    if reading.intent == "none":
        return t("ask.none_line", lang)
    if reading.number:
        key = {"response": "ask.response_of", "deadline": "ask.deadline_of"}.get(
            reading.intent, "ask.petition"
        )
        return t(key, lang, number=reading.number)
    noun = t(f"ask.noun.{reading.type or 'any'}", lang)
    head_key = reading.intent if reading.intent in ("count", "response", "deadline") else "list"
    if head_key == "deadline" and reading.status == "overdue":
        head_key = "list"
    head = t(f"ask.head.{head_key}", lang, noun=noun)
    head = head[:1].upper() + head[1:]
    parts = [head]
    if reading.mp:
        by = t("ask.signed_by" if reading.mp_role == "signer" else "ask.by", lang, mp=reading.mp)
        if lang == "fr" and by.startswith("de ") and reading.mp[:1].lower() in "aeiouyéèêàâîôûh":
            by = "d’" + by[3:]  # "d’Elizabeth May"
        parts.append(by)
    if reading.country:
        parts.append(t("ask.about", lang, country=country_name(reading.country, lang)))
    if reading.subject:
        subject = t("ask.subject", lang, subject=subject_name(reading.subject, lang, vocab))
        parts.append(f", {subject}," if lang == "fr" else subject)
    if reading.status:
        parts.append(t(f"ask.status.{reading.status}", lang))
    text = " ".join(parts).replace(" ,", ",").rstrip(",")
    if reading.period:
        text += ", " + period_text(reading.period, lang)
    if reading.leftover:
        text += ", " + t("ask.ranked", lang, words=", ".join(reading.leftover[:3]))
    return text


def button_label(reading: Reading, lang: str, vocab: Vocabulary | None = None) -> str:
    text = reading_text(reading, lang, vocab)
    return text if len(text) <= BUTTON_MAX else text[: BUTTON_MAX - 1].rstrip() + "…"


def subject_name(subject: str, lang: str, vocab: Vocabulary | None) -> str:
    """The subject in the reader's language, as the store names it (santé for Health)."""
    if lang == "fr" and vocab is not None:
        names = vocab.subjects.get(subject)
        if names and names[1]:
            return names[1]
    return subject


def period_text(period: Period, lang: str) -> str:
    """A period as words: "in 2022", "since March 2024", "avant 2020", "du 23 novembre 2026 au 29 novembre 2026"."""
    start, end = period.start, period.end
    if start and end:
        if start == end:
            return t("ask.period.day", lang, date=format_date(start, lang))
        if (
            start.month == 1
            and start.day == 1
            and end.month == 12
            and end.day == 31
            and start.year == end.year
        ):
            return t("ask.period.in", lang, span=str(start.year))
        if (
            start.day == 1
            and (end + timedelta(days=1)).day == 1
            and (start.year, start.month) == (end.year, end.month)
        ):
            return t("ask.period.in", lang, span=_month(start, lang))
        return t("ask.period.range", lang, start=format_date(start, lang), end=format_date(end, lang))
    if start:
        if start.month == 1 and start.day == 1:
            return t("ask.period.since", lang, start=str(start.year))
        if start.day == 1:
            return t("ask.period.since", lang, start=_month(start, lang))
        return t("ask.period.since_day", lang, start=format_date(start, lang))
    if end:
        after = end + timedelta(days=1)
        if after.month == 1 and after.day == 1:
            return t("ask.period.before", lang, end=str(after.year))
        if after.day == 1:
            return t("ask.period.before", lang, end=_month(after, lang))
        return t("ask.period.until", lang, end=format_date(end, lang))
    return ""


def _month(d: date, lang: str) -> str:
    words = format_date(d.replace(day=1), lang).split()  # "March 1, 2024" / "1er mars 2024"
    return f"{words[1] if lang == 'fr' else words[0]} {d.year}"


def help_text(lang: str) -> str:
    """What can be asked, with examples, one per line."""
    examples = "\n".join(f"• {line}" for line in t("ask.examples", lang).split("\n"))
    return f"{t('ask.help', lang)}\n{examples}"
