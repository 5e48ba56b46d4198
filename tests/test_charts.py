"""The /stats charts as a reader sees them: their language, their axes, their size, and response-time
figures that match a count by hand of `data/demo.jsonl`."""

from __future__ import annotations

import os
import struct
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from matplotlib.text import Text

from bot import charts
from bot.petitions import answers
from bot.petitions.ingest import ingest_petitions
from bot.petitions.model import Bi
from bot.petitions.response_times import Bin, Timing, compute, minister
from bot.petitions.store import Store
from tests.conftest import TODAY
from tests.factories import make_petition
from tests.fakes.discord import visible_text

ROOT = Path(__file__).resolve().parents[1]

#: Discord's upload limit for a server without boosts (10 MiB since 2024), the `attachment_size_limit`
#: the fake sends with every interaction. A chart near it would also be slow to load: stay far below.
ATTACHMENT_LIMIT = 10 * 1024 * 1024
CHART_BUDGET = 512 * 1024

ENGLISH_PROVINCES = ("British Columbia", "Quebec", "Nova Scotia", "Prince Edward Island", "New Brunswick")
FRENCH_PROVINCES = (
    "Colombie-Britannique",
    "Québec",
    "Nouvelle-Écosse",
    "Île-du-Prince-Édouard",
    "Nouveau-Brunswick",
)


def drawn_texts(fig) -> list[str]:
    """Every piece of text the PNG shows: titles, axis labels, tick labels, bar labels, legend, footer."""
    charts.to_png(fig)  # tick labels are only filled in when the figure is drawn
    return [t.get_text() for t in fig.findobj(Text) if t.get_visible() and t.get_text()]


def png_size(png: bytes) -> tuple[int, int]:
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    return struct.unpack(">II", png[16:24])


# --- the petitions chart ----------------------------------------------------------------------------


async def test_a_french_chart_is_french_throughout_province_names_included(demo_store: Store):
    answer = await answers.stats(demo_store, sponsor="Garnett Genuis")
    texts = drawn_texts(charts.draw_petitions(answer, "fr"))
    joined = "\n".join(texts)
    for name in FRENCH_PROVINCES:
        assert name in texts, name
    for name in ENGLISH_PROVINCES:
        assert name not in joined, name
    assert "Pétitions parrainées par Garnett Genuis" in texts  # the title names the filter
    assert "Pétitions par année" in texts and "Signatures par province" in texts
    footer = next(t for t in texts if t.startswith("Source"))
    assert "noscommunes.ca" in footer and "données au 16 novembre 2026" in footer
    assert "données de démonstration" in footer
    for english in ("Petitions per year", "Signatures by province", "sponsored by", "demo data", "Source:"):
        assert english not in joined, english


async def test_the_english_chart_names_the_country_and_the_source(demo_store: Store):
    answer = await answers.stats(demo_store, country="Chine")
    texts = drawn_texts(charts.draw_petitions(answer, "en"))
    assert "Petitions about China" in texts
    assert any(
        "ourcommons.ca" in t and "data as of November 16, 2026" in t and "demo data" in t for t in texts
    )
    assert "British Columbia" in texts and "Colombie-Britannique" not in texts


async def test_every_year_of_the_range_is_drawn_zeros_included(demo_store: Store):
    # Garnett Genuis in data/demo.jsonl: 441-00155 presented 2022; 451-00238 and e-6712 presented 2025;
    # 451-00398 presented 2026 and e-7433 opened for signature in 2026 (not presented). Nothing in 2023-2024.
    answer = await answers.stats(demo_store, sponsor="Garnett Genuis")
    assert answer.per_year == {2022: 1, 2023: 0, 2024: 0, 2025: 2, 2026: 2}
    fig = charts.draw_petitions(answer, "en")
    charts.to_png(fig)
    years = fig.axes[0]
    assert [t.get_text() for t in years.get_xticklabels()] == ["2022", "2023", "2024", "2025", "2026"]
    assert [bar.get_height() for bar in years.patches] == [1, 0, 0, 2, 2]
    assert [t.get_text() for t in years.texts if t.get_text()] == ["1", "0", "0", "2", "2"]  # zeros written


async def test_counts_are_ticked_in_whole_numbers(demo_store: Store):
    # One petition on "Health" (451-00611): matplotlib's default would tick 0, 0.2, 0.4 … 1.
    for answer in (
        await answers.stats(demo_store, subject="Santé"),
        await answers.stats(demo_store, sponsor="Garnett Genuis"),
    ):
        for lang in ("en", "fr"):
            fig = charts.draw_petitions(answer, lang)
            charts.to_png(fig)
            years, provinces = fig.axes
            assert _whole(years.yaxis.get_majorticklocs()), years.yaxis.get_majorticklocs()
            assert all(t.get_text().replace("\u202f", "").isdigit() for t in years.get_yticklabels())
            if answer.signatures_by_province:
                assert _whole(provinces.xaxis.get_majorticklocs())
    responses = charts.draw_responses(await answers.response_times(demo_store, TODAY), "en")
    charts.to_png(responses)
    assert _whole(responses.axes[0].yaxis.get_majorticklocs())  # responses per bar of the distribution


def _whole(locations) -> bool:
    return len(locations) > 1 and all(float(x).is_integer() for x in locations)


async def test_signatures_counted_under_both_spellings_are_one_province(tmp_path: Path):
    store = await Store.open(tmp_path / "db.sqlite3")
    try:
        await ingest_petitions(
            store,
            [
                make_petition("e-1001", signatures_by_province={"Quebec": 10, "Ontario": 5}),
                make_petition("e-1002", signatures_by_province={"Québec": 7, "Colombie-Britannique": 2}),
            ],
        )
        answer = await answers.stats(store, subject="Environment")
        assert answer.signatures_by_province == {"QC": 17, "ON": 5, "BC": 2}
        assert charts.petitions_words(answer, "fr").sections[1][1] == [
            "Québec: 17",
            "Ontario: 5",
            "Colombie-Britannique: 2",
        ]
    finally:
        await store.close()


# --- response times --------------------------------------------------------------------------------

# Counted by hand from data/demo.jsonl (13 records), the clock read on TODAY (2026-12-15):
#
#   presented, answered (presented_on → response_tabled_on, days, Parliament, minister in the header)
#     441-00155  2022-02-09 → 2022-03-25  19 (rest of Feb) + 25 = 44 days  P44  Foreign Affairs
#     451-00238  2025-11-05 → 2025-12-10  25 + 10              = 35 days  P45  Foreign Affairs
#     451-00398  2026-02-04 → 2026-03-20  24 + 20              = 44 days  P45  Foreign Affairs
#     451-00488  2026-04-22 → 2026-06-05  8 + 31 + 5           = 44 days  P45  Housing
#     e-6712     2025-10-29 → 2025-12-11  2 + 30 + 11          = 43 days  P45  Foreign Affairs
#     → every one within 45 days, so on time whatever the sitting calendar: 5 on time, 0 late.
#   presented, not answered
#     e-5318     2024-12-11, status 291 (not answered before dissolution)     P44  → no response
#     451-00611  2026-09-21, day 45 = 2026-11-05, before TODAY              P45  → no response
#     e-7702     2026-11-16, day 45 = 2026-12-31, after TODAY                     → still waiting
#   never presented: e-6890, e-7433, e-7586, e-7741, e-7768 → not counted.
#
#   judged = 5 + 0 + 2 = 7; P44: 1 of 2 on time; P45: 4 of 5.
#   Housing: 44 (one response); Foreign Affairs: 35, 43, 44, 44 → median 43.5, longest 44.
HAND_DAYS = [35, 43, 44, 44, 44]


async def test_response_times_of_the_demo_set_match_a_hand_count(demo_store: Store):
    answer = await answers.response_times(demo_store, TODAY)
    times = answer.times
    assert answer.scope.kind == "all" and answer.petitions == 13 and answer.demo
    assert times.days == HAND_DAYS and times.median_days == 44
    assert (times.on_time, times.late, times.unanswered, times.waiting) == (5, 0, 2, 1)
    assert times.judged == 7 and times.share_on_time == pytest.approx(5 / 7)
    assert [(r.parliament, r.on_time, r.late, r.unanswered) for r in times.by_parliament] == [
        (44, 1, 0, 1),
        (45, 4, 0, 1),
    ]
    assert [
        (m.name.en, m.name.fr, m.responses, m.median_days, m.longest_days, m.on_time) for m in times.slowest
    ] == [
        ("Minister of Housing", "Ministre du Logement", 1, 44, 44, 1),
        ("Minister of Foreign Affairs", "Ministre des Affaires étrangères", 4, 43.5, 44, 4),
    ]
    # 5-day bars from 1-5 to 56-60: 35 in 31-35, 43 and 44 (three times) in 41-45.
    assert [b for b in times.bins if b.count] == [Bin(31, 35, 1), Bin(41, 45, 4)]
    assert len(times.bins) == 12 and times.bins[-1] == Bin(56, 60, 0)


async def test_response_times_for_one_mp(demo_store: Store):
    # Garnett Genuis: 441-00155 (44), 451-00238 (35), 451-00398 (44), e-6712 (43); e-7433 never presented.
    times = (await answers.response_times(demo_store, TODAY, sponsor="Genuis")).times
    assert times.days == [35, 43, 44, 44] and times.median_days == 43.5
    assert (times.on_time, times.late, times.unanswered, times.waiting) == (4, 0, 0, 0)


def test_late_answers_and_long_waits_are_counted_apart():
    today = date(2026, 1, 1)
    timings = [
        # presented Monday 2025-03-03: day 45 is Thursday 2025-04-17, a sitting day
        Timing(
            "a", 44, date(2025, 3, 3), date(2025, 4, 17), 223, True, Bi("Response by the Minister of Health")
        ),
        Timing(
            "b", 44, date(2025, 3, 3), date(2025, 6, 20), 223, True, Bi("Response by the Minister of Health")
        ),
        Timing(
            "c",
            44,
            date(2025, 3, 3),
            date(2025, 12, 1),
            223,
            True,
            Bi(None, "Réponse de la ministre des Finances"),
        ),
    ]
    times = compute(timings, today)
    assert times.days == [45, 109, 273] and (times.on_time, times.late) == (1, 2)
    assert times.bins[-1] == Bin(121, None, 1)  # every wait over 120 days in one last bar
    assert [m.name.pick("en")[0] for m in times.slowest] == ["Ministre des Finances", "Minister of Health"]


def test_the_minister_is_read_from_the_response_header():
    assert minister(Bi("Response by the Minister of Housing", "Réponse du ministre du Logement")) == Bi(
        "Minister of Housing", "Ministre du Logement"
    )
    assert minister(Bi(None, "Réponse de la ministre des Affaires étrangères")) == Bi(
        None, "Ministre des Affaires étrangères"
    )
    assert (
        minister(Bi("Response by the President of the Treasury Board", None)).en
        == "President of the Treasury Board"
    )


async def test_the_response_chart_in_french(demo_store: Store):
    texts = drawn_texts(charts.draw_responses(await answers.response_times(demo_store, TODAY), "fr"))
    for expected in (
        "Rapidité des réponses du gouvernement",
        "Toutes les pétitions",
        "délai de 45 jours",
        "44e législature",
        "45e législature",
        "Ministre du Logement",
        "Ministre des Affaires étrangères",
        "43,5 jours · 4 réponses",
        "dans les délais",
    ):
        assert expected in texts, expected
    joined = "\n".join(texts)
    for english in ("Parliament", "Minister", "deadline", "days", "on time", "demo data"):
        assert english not in joined, english


# --- size -----------------------------------------------------------------------------------------


async def test_every_chart_stays_far_within_discords_attachment_limit(demo_store: Store):
    pictures = [
        charts.petitions_png(await answers.stats(demo_store, country="China"), "fr"),
        charts.petitions_png(await answers.stats(demo_store, sponsor="Elizabeth May"), "en"),
        charts.responses_png(await answers.response_times(demo_store, TODAY), "fr"),
    ]
    for png in pictures:
        width, height = png_size(png)
        assert len(png) <= CHART_BUDGET < ATTACHMENT_LIMIT
        assert 800 <= width <= 1600 and 400 <= height <= 1200  # readable, and no giant image to scale down


def test_the_readme_charts_are_committed_in_both_languages():
    for name in ("by-mp", "by-country", "response-times"):
        for lang in ("en", "fr"):
            png = (ROOT / "docs" / "charts" / f"{name}.{lang}.png").read_bytes()
            assert len(png) <= CHART_BUDGET and png_size(png)[0] >= 800


# --- the bot and the CLI ----------------------------------------------------------------------------


async def test_stats_responses_in_discord_sends_the_chart_and_its_figures(bot, fake):
    handle = await fake.slash("stats", {"view": "responses"}, locale="fr")
    message = await handle.final_message(timeout=20)
    embed = message["embeds"][0]
    assert embed["title"] == "Toutes les pétitions" and embed["image"]["url"].endswith("stats.png")
    text = visible_text(message)
    for expected in (
        "Rapidité des réponses du gouvernement",
        "Sur 7 pétitions dont le délai de 45 jours est écoulé, 5 ont reçu une réponse dans les délais (71\u00a0%)",
        "5 réponses ont pris 44 jours en médiane (de 35 à 44)",
        "45e législature : 4 sur 5 dans les délais (80\u00a0%)",
        "Ministre du Logement : médiane 44 jours",
        "données au 16 novembre 2026 · données de démonstration",
    ):
        assert expected in text, expected
    uploads = [f for r in fake.requests if r.files for f in r.files]
    assert len(uploads) == 1 and uploads[0].filename == "stats.png"
    assert len(uploads[0].data) <= min(CHART_BUDGET, handle.payload["attachment_size_limit"])
    png_size(uploads[0].data)


async def test_stats_responses_for_one_mp_and_the_view_in_the_synced_command(bot, fake):
    message = await (
        await fake.slash("stats", {"view": "responses", "sponsor": "Garnett Genuis"})
    ).final_message(timeout=20)
    text = visible_text(message)
    assert message["embeds"][0]["title"] == "Petitions sponsored by Garnett Genuis"
    assert "Of 4 petitions whose 45 days are over, 4 were answered on time (100%)" in text
    view = next(o for o in fake.synced_command("stats")["options"] if o["name"] == "view")
    assert view["name_localizations"] == {"fr": "vue"} and not view["required"]
    assert [c["value"] for c in view["choices"]] == ["petitions", "responses"]
    assert all(c["name_localizations"]["fr"] for c in view["choices"])
    # the petitions view, with no filter, still asks for one
    refused = await (await fake.slash("stats", {"view": "petitions"})).final_message()
    assert "Choose one of" in visible_text(refused)


def test_the_cli_writes_both_charts(tmp_path: Path):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("PETITIONBOT_DB", None)

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "bot", *args, "--db", str(tmp_path / "demo.sqlite3")],
            capture_output=True,
            text=True,
            timeout=120,
            cwd=ROOT,
            env=env,
            check=True,
        )

    cli("demo")
    out = cli("stats", "--sponsor", "Genuis", "--lang", "fr", "--png", str(tmp_path / "mp.png")).stdout
    assert "Pétitions parrainées par Garnett Genuis" in out and "2023: 0" in out and "Québec: 143" in out
    out = cli("stats", "responses", "--today", "2026-12-15", "--png", str(tmp_path / "responses.png")).stdout
    assert "Of 7 petitions whose 45 days are over, 5 were answered on time (71%)" in out
    for name in ("mp.png", "responses.png"):
        png = (tmp_path / name).read_bytes()
        assert len(png) <= CHART_BUDGET and png_size(png)[0] >= 800
