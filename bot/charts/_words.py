"""What a chart shows, in words: the embed beside the picture, the CLI's output, and the chart's own
titles and footer."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from datetime import date

from bot.i18n import number_words, parliament_name, t
from bot.petitions import deadlines
from bot.petitions.answers import ResponsesAnswer, Scope, StatsAnswer
from bot.petitions.model import PROVINCES
from bot.petitions.response_times import Minister, ParliamentShare, ResponseTimes


@dataclass(frozen=True, slots=True)
class Words:
    """Everything a chart shows, as text: the embed beside the picture, and the CLI's output."""

    title: str
    heading: str
    summary: list[str]
    sections: list[tuple[str, list[str]]]
    footer: str
    alt: str
    demo: bool
    lang: str


def scope_title(scope: Scope, lang: str) -> str:
    """The filter as a title: "Petitions sponsored by Garnett Genuis", "Pétitions sur : Chine"."""
    if scope.kind == "all":
        return t("stats.scope.all", lang)
    name, _ = scope.name.pick(lang)
    return t(f"stats.scope.{scope.kind}", lang, name=name or "")


def footer(as_of: date | None, demo: bool, lang: str) -> str:
    """Source · date of the data · demo data."""
    parts = [t("label.source", lang)]
    if as_of is not None:
        parts.append(t("chart.as_of", lang, date=deadlines.format_date(as_of, lang)))
    if demo:
        parts.append(t("demo", lang))
    return " · ".join(parts)


def province_name(key: str, lang: str) -> str:
    """A province code in the reader's language; a name the catalogue lacks stays as the page printed it."""
    names = PROVINCES.get(key)
    return (names.get(lang) if names else None) or key


def percent(share: float, lang: str) -> str:
    value = round(100 * share)
    return f"{value}\u00a0%" if lang == "fr" else f"{value}%"


def days_text(value: float, lang: str) -> str:
    """43.5 in English, 43,5 in French; whole numbers without a decimal."""
    text = f"{value:g}" if value != int(value) else str(int(value))
    return text.replace(".", ",") if lang == "fr" else text


def petitions_words(answer: StatsAnswer, lang: str) -> Words:
    years = [f"{year}: {number_words(n, lang)}" for year, n in answer.per_year.items()]
    provinces = [
        f"{province_name(key, lang)}: {number_words(n, lang)}"
        for key, n in answer.signatures_by_province.items()
    ]
    return Words(
        title=scope_title(answer.scope, lang),
        heading=t("choice.view.petitions", lang),
        summary=[
            t(
                "stats.totals",
                lang,
                petitions=number_words(answer.petitions, lang),
                answered=number_words(answer.with_response, lang),
            )
        ],
        sections=[
            (t("stats.per_year", lang), years or [t("stats.no_data", lang)]),
            (t("stats.by_province", lang), provinces or [t("chart.no_signatures", lang)]),
        ],
        footer=footer(answer.as_of, answer.demo, lang),
        alt=t("stats.chart_alt", lang),
        demo=answer.demo,
        lang=lang,
    )


def responses_words(answer: ResponsesAnswer, lang: str) -> Words:
    times = answer.times
    parliaments = [_parliament_line(row, lang) for row in times.by_parliament]
    ministers = [_minister_line(m, lang) for m in times.slowest]
    return Words(
        title=scope_title(answer.scope, lang),
        heading=t("responses.heading", lang),
        summary=_responses_summary(times, lang),
        sections=[
            (t("responses.by_parliament", lang), parliaments or [t("stats.no_data", lang)]),
            (t("responses.slowest", lang), ministers or [t("stats.no_data", lang)]),
        ],
        footer=footer(answer.as_of, answer.demo, lang),
        alt=t("responses.chart_alt", lang),
        demo=answer.demo,
        lang=lang,
    )


def _responses_summary(times: ResponseTimes, lang: str) -> list[str]:
    """How many were answered on time, the typical wait, and the 45-day rule."""
    summary = [
        t("responses.none_judged", lang, waiting=number_words(times.waiting, lang))
        if not times.judged
        else t(
            "responses.summary",
            lang,
            judged=number_words(times.judged, lang),
            on_time=number_words(times.on_time, lang),
            share=percent(times.share_on_time, lang),
            late=number_words(times.late, lang),
            unanswered=number_words(times.unanswered, lang),
            waiting=number_words(times.waiting, lang),
        )
    ]
    if times.days:
        summary.append(
            t(
                "responses.typical",
                lang,
                count=number_words(len(times.days), lang),
                median=days_text(times.median_days or 0, lang),
                shortest=times.days[0],
                longest=times.days[-1],
            )
        )
    else:
        summary.append(t("responses.none", lang))
    summary.append(t("responses.rule", lang))
    return summary


def _parliament_line(row: ParliamentShare, lang: str) -> str:
    return t(
        "responses.parliament_line",
        lang,
        parliament=parliament_name(row.parliament, lang),
        on_time=row.on_time,
        judged=row.judged,
        share=percent(row.share, lang),
        late=row.late,
        unanswered=row.unanswered,
    )


def _minister_line(m: Minister, lang: str) -> str:
    return t(
        "responses.minister_line",
        lang,
        name=m.name.pick(lang)[0] or "",
        median=days_text(m.median_days, lang),
        longest=m.longest_days,
        count=m.responses,
        on_time=m.on_time,
    )


def words_text(words: Words) -> str:
    """The figures as plain text, for a terminal."""
    lines = [words.title, words.heading, ""]
    lines += [textwrap.fill(s, 100) for s in words.summary]
    for heading, items in words.sections:
        lines += ["", heading + (" :" if words.lang == "fr" else ":")] + [f"  {item}" for item in items]
    return "\n".join([*lines, "", words.footer])
