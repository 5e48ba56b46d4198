"""The slash commands as a user meets them: real discord.py against the fake Discord, English and French."""

from __future__ import annotations

import re
from typing import Any

import pytest

from bot.petitions import answers
from bot.petitions.ingest import ingest_petitions
from bot.petitions.model import Bi, Response
from tests.factories import make_petition
from tests.fakes.discord import FLAG_EPHEMERAL, FakeDiscord, buttons, visible_text


def ephemeral(message: dict[str, Any]) -> bool:
    return bool(int(message.get("flags") or 0) & FLAG_EPHEMERAL)


def listed(text: str) -> list[str]:
    """The petition numbers a list answer shows, in order (each list line starts with one in code)."""
    return re.findall(r"^`([0-9e]+-\d+)`", text, re.MULTILINE)


async def run(
    fake: FakeDiscord, name: str, options: dict[str, Any] | None = None, **kwargs: Any
) -> dict[str, Any]:
    return await (await fake.slash(name, options, **kwargs)).final_message()


# --- /petition ---------------------------------------------------------------------------------


async def test_petition_in_english_names_sponsor_dates_signer_and_english_page(bot, fake):
    handle = await fake.slash("petition", {"number": "441-00155"})
    message = await handle.final_message()
    text = visible_text(message)
    for expected in ("Garnett Genuis", "February 9, 2022", "March 25, 2022", "Rob Oliphant", "demo data"):
        assert expected in text
    assert "Foreign affairs" in text and "Answered in 44 days" in text
    embed = message["embeds"][0]
    assert re.match(r"https://www\.ourcommons\.ca/.*Petition=441-00155$", embed["url"])
    assert "noscommunes" not in text
    assert [b["label"] for b in buttons(message)] == ["Response", "Full text"]
    assert not ephemeral(message)
    assert handle.response.data["allowed_mentions"] == {"parse": []}


async def test_petition_in_french_uses_french_labels_dates_and_page(bot, fake):
    message = await run(fake, "petition", {"number": "441-00155"}, locale="fr")
    text = visible_text(message)
    for expected in (
        "Député parrain",
        "9 février 2022",
        "25 mars 2022",
        "Signé par : Rob Oliphant",
        "Affaires étrangères",
        "données de démonstration",
    ):
        assert expected in text
    assert re.match(r"https://www\.noscommunes\.ca/.*Petition=441-00155$", message["embeds"][0]["url"])
    assert "ourcommons.ca/petitions/en" not in text
    assert [b["label"] for b in buttons(message)] == ["Réponse", "Texte intégral"]


async def test_a_word_instead_of_a_number_gets_a_short_private_hint(bot, fake):
    message = await run(fake, "petition", {"number": "banana"})
    text = visible_text(message)
    assert ephemeral(message)
    assert "not a petition number" in text and "/search banana" in text
    assert "Traceback" not in text and len(text) < 400


async def test_a_near_miss_number_suggests_the_close_one(bot, fake):
    message = await run(fake, "petition", {"number": "441-00156"}, locale="fr")
    text = visible_text(message)
    assert ephemeral(message)
    assert "441-00156" in text and "n’est pas dans la base" in text
    assert "Vouliez-vous dire" in text and "441-00155" in text


async def test_full_text_button_shows_whereas_and_prayer_privately_to_whoever_presses(bot, fake):
    message = await run(fake, "petition", {"number": "441-00155"})
    full_text = next(b for b in buttons(message) if b["label"] == "Full text")
    pressed = await fake.click(message["id"], full_text["custom_id"], user_id=fake.other_user_id, locale="fr")
    page = await pressed.final_message()
    text = visible_text(page)
    assert ephemeral(page)
    assert "Attendu que" in text and "Kazakhstan" in text


async def test_response_button_opens_the_response(bot, fake):
    message = await run(fake, "petition", {"number": "441-00155"})
    response = next(b for b in buttons(message) if b["label"] == "Response")
    page = await (await fake.click(message["id"], response["custom_id"])).final_message()
    assert ephemeral(page)
    assert "Rob Oliphant" in visible_text(page) and "answered in 44 days" in visible_text(page)


async def test_petition_text_with_mentions_and_markdown_renders_harmlessly(bot, fake, demo_store):
    hostile = make_petition(
        "e-9999",
        subject="**Loud** @everyone",
        prayer=["We ask @everyone and @here and <@&123456789012345678> to **act** _now_ ~~please~~."],
        grievances=["`code` > quote @everyone"],
        response=Response(
            header=Bi("Response by **nobody**", None),
            signer="@everyone",
            paragraphs=Bi(["The Government will act. @everyone **bold**."], None),
        ),
        demo=True,
    )
    await ingest_petitions(demo_store, [hostile])
    handle = await fake.slash("petition", {"number": "e-9999"})
    message = await handle.final_message()
    raw = visible_text(message)
    assert "@everyone" not in raw.replace("@\u200beveryone", "")
    assert "@here" not in raw.replace("@\u200bhere", "")
    assert "<@&123456789012345678>" not in raw
    assert "**Loud**" not in raw and "\\*\\*Loud\\*\\*" in raw
    assert "\\*\\*act\\*\\*" in raw
    assert handle.response.data["allowed_mentions"] == {"parse": []}
    response = await run(fake, "response", {"number": "e-9999"})
    raw = visible_text(response)
    assert "@everyone" not in raw.replace("@\u200beveryone", "")
    assert "\\*\\*bold\\*\\*" in raw


# --- lists --------------------------------------------------------------------------------------


async def test_petitions_about_a_country_lists_primary_first(bot, fake):
    message = await run(fake, "petitions", {"country": "Kazakhstan"})
    text = visible_text(message)
    assert "Primarily about Kazakhstan" in text and "441-00155" in text
    assert text.index("Primarily about") < text.index("Mentioning")


async def test_petitions_in_french_with_status_and_type_filters(bot, fake):
    message = await run(
        fake, "petitions", {"country": "Kazakhstan", "status": "answered", "type": "paper"}, locale="fr"
    )
    text = visible_text(message)
    assert "Portant surtout sur : Kazakhstan" in text and "441-00155" in text
    closed = await run(fake, "petitions", {"country": "Kazakhstan", "status": "open"})
    assert "441-00155" not in visible_text(closed)


async def test_unknown_country_is_a_private_error(bot, fake):
    message = await run(fake, "petitions", {"country": "Zzzzqx"})
    assert ephemeral(message) and "No country matches" in visible_text(message)


async def test_search_finds_and_lists_petitions(bot, fake):
    handle = await fake.slash("search", {"query": "human rights"})
    message = await handle.final_message()
    assert handle.response is not None and handle.response.type == 5, "search defers, then answers"
    text = visible_text(message)
    assert "**5 petitions**" in text
    assert listed(text) == ["441-00155", "451-00398", "451-00488", "e-6712", "451-00238"]
    assert "demo data" in text, "hits from the demo set say so"


async def test_search_without_results_offers_suggestions(bot, fake):
    message = await run(fake, "search", {"query": "humn rihts"})
    text = visible_text(message)
    assert "No petitions match" in text
    assert "Did you mean “human rights”?" in text


async def test_an_empty_filtered_search_names_the_filter_to_drop_in_the_readers_words(bot, fake):
    message = await run(fake, "search", {"query": "Kazakhstan", "subject": "Nope"}, locale="fr")
    assert "Sans le filtre « sujet » : 1 résultat" in visible_text(message)
    message = await run(fake, "search", {"query": "Kazakhstan", "subject": "Nope", "parliament": 42})
    assert "Without the filters: 1 result" in visible_text(message)


async def test_search_filters_in_french(bot, fake):
    message = await run(
        fake,
        "search",
        {"query": "Kazakhstan", "from": "2022-01-01", "to": "2022-12-31", "answered": True, "parliament": 44},
        locale="fr",
    )
    assert "441-00155" in visible_text(message)


@pytest.mark.parametrize(("locale", "expected"), [("en-US", "is not a date"), ("fr", "n’est pas une date")])
async def test_search_refuses_a_bad_date_in_the_readers_language(bot, fake, locale, expected):
    message = await run(fake, "search", {"query": "x", "from": "2022-13-01"}, locale=locale)
    assert ephemeral(message) and expected in visible_text(message) and "2022-13-01" in visible_text(message)


async def test_search_refuses_reversed_dates(bot, fake):
    message = await run(fake, "search", {"from": "2023-01-01", "to": "2022-01-01"})
    assert ephemeral(message) and "comes after" in visible_text(message)


async def test_sponsor_lists_their_petitions(bot, fake):
    message = await run(fake, "sponsor", {"mp": "Genuis"})
    text = visible_text(message)
    assert "Petitions by Garnett Genuis" in text and "441-00155" in text
    by_id = await run(fake, "sponsor", {"mp": "89226"}, locale="fr")
    assert "Pétitions de Garnett Genuis" in visible_text(by_id)


async def test_overdue_lists_late_petitions_with_their_delay(bot, fake):
    message = await run(fake, "overdue")
    text = visible_text(message)
    assert "451-00611" in text and "Overdue by" in text
    assert "441-00155" not in text
    french = visible_text(await run(fake, "overdue", locale="fr"))
    assert "451-00611" in french and "Délai de 45 jours dépassé" in french


# --- /response ------------------------------------------------------------------------------------


async def test_response_summary_then_every_page_of_the_full_text(bot, fake, demo_store):
    handle = await fake.slash("response", {"number": "441-00155"})
    message = await handle.final_message()
    first = visible_text(message)
    assert "Summary" in first and "Rob Oliphant" in first and "March 25, 2022 — answered in 44 days" in first
    seen = [message["embeds"][0]["description"]]
    nxt = next(b for b in buttons(message) if b["custom_id"].endswith(":next"))
    while not nxt["disabled"]:
        page = await (await fake.click(message["id"], nxt["custom_id"])).final_message()
        seen.append(page["embeds"][0]["description"])
        nxt = next(b for b in buttons(page) if b["custom_id"].endswith(":next"))
    assert len(seen) >= 3, "the demo response is longer than one embed and must take several pages"
    shown = " ".join(" ".join(seen).replace("\\", "").split())
    petition = await answers.lookup(demo_store, "441-00155")
    for paragraph in petition.response.paragraphs.en:
        assert " ".join(paragraph.split()) in shown


async def test_response_pages_refuse_another_users_click(bot, fake):
    message = await run(fake, "response", {"number": "441-00155"})
    first_page = message["embeds"][0]["description"]
    nxt = next(b for b in buttons(message) if b["custom_id"].endswith(":next"))
    refused = await (
        await fake.click(message["id"], nxt["custom_id"], user_id=fake.other_user_id, locale="fr")
    ).final_message()
    assert ephemeral(refused) and "Seule la personne" in visible_text(refused)
    assert fake.messages[int(message["id"])]["embeds"][0]["description"] == first_page, (
        "the page must not turn"
    )
    turned = await (await fake.click(message["id"], nxt["custom_id"])).final_message()
    assert turned["embeds"][0]["description"] != first_page


async def test_response_buttons_turn_off_when_the_view_times_out(bot, fake, monkeypatch):
    from bot.paginator import BaseView

    monkeypatch.setattr(BaseView, "default_timeout", 0.2)
    handle = await fake.slash("response", {"number": "441-00155"})
    await handle.final_message()
    await fake.wait_for(
        lambda: all(b.get("disabled") for b in buttons(handle.original)), 5, "disabled buttons"
    )


async def test_response_in_french_and_petition_without_response(bot, fake):
    text = visible_text(await run(fake, "response", {"number": "441-00155"}, locale="fr"))
    assert "Résumé" in text and "25 mars 2022 — réponse en 44 jours" in text
    none = await run(fake, "response", {"number": "e-7741"})
    assert ephemeral(none) and "has no government response yet" in visible_text(none)


# --- /stats and /about ---------------------------------------------------------------------------


async def test_stats_sends_a_png_chart_and_the_figures_in_words(bot, fake):
    handle = await fake.slash("stats", {"sponsor": "Garnett Genuis"})
    message = await handle.final_message(timeout=20)
    embed = message["embeds"][0]
    assert embed["image"]["url"].endswith("stats.png")
    text = visible_text(message)
    assert "Petitions per year" in text and "2022: 1" in text and "Signatures by province" in text
    uploads = [f for r in fake.requests if r.files for f in r.files]
    assert uploads and uploads[-1].data.startswith(b"\x89PNG\r\n\x1a\n")


async def test_stats_needs_exactly_one_criterion(bot, fake):
    none = await run(fake, "stats", {})
    assert ephemeral(none) and "Choose one of" in visible_text(none)
    two = await run(fake, "stats", {"country": "Ukraine", "subject": "Santé"}, locale="fr")
    assert ephemeral(two) and "un seul critère" in visible_text(two)


async def test_stats_on_a_subject_nobody_stored_is_refused_privately_with_the_closest(bot, fake):
    message = await run(fake, "stats", {"subject": "affaires etrangere"}, locale="fr")
    text = visible_text(message)
    assert ephemeral(message) and "Aucune pétition en base n’a le sujet « affaires etrangere »" in text
    assert "`Affaires étrangères`" in text, "the closest stored subject, in the reader's language"
    assert not [r for r in fake.requests if r.files], "no chart of nothing"


async def test_about_says_what_where_and_how_fresh(bot, fake):
    text = visible_text(await run(fake, "about"))
    assert "ourcommons.ca" in text and "noscommunes.ca" in text
    assert "13 petitions stored (13 of them demo data)" in text and "last refresh: never" in text
    french = visible_text(await run(fake, "about", locale="fr"))
    assert "Source des données" in french and "/recherche" in french


# --- every command in both languages -----------------------------------------------------------------

# (command, options, the petition numbers it lists in order, a pattern its answer has in either language)
EVERY_COMMAND = [
    ("petition", {"number": "e-6712"}, [], r"^e-6712 — "),
    ("petitions", {"country": "Ukraine"}, ["e-6712"], r"\(UA\)"),
    ("search", {"query": "Crimea"}, ["e-6712"], r"\*\*1 p[eé]tition\*\*"),
    ("response", {"number": "e-6712"}, [], r"^e-6712 — "),
    ("sponsor", {"mp": "Elizabeth May"}, ["e-7702", "e-7586", "e-7768", "451-00611", "e-6890"], r"\*\*5 p"),
    ("overdue", {}, ["451-00611"], r"\b40 (days|jours)\b"),
    ("stats", {"country": "Ukraine"}, [], r"\n2025: 1\n.*\nOntario: 701\n"),
    ("about", {}, [], r"\b13 p[eé]titions\b"),
]


@pytest.mark.parametrize("locale", ["en-US", "fr"])
async def test_every_command_answers_publicly_in_the_readers_language(bot, fake, locale):
    english_only = {"Status", "Sponsor", "Petitions", "Search", "Statistics", "About", "Past the"}
    for name, options, numbers, pattern in EVERY_COMMAND:
        message = await run(fake, name, options, locale=locale)
        text = visible_text(message)
        assert not ephemeral(message), f"/{name} answered with an error: {text}"
        assert listed(text) == numbers, f"/{name}: {text[:300]}"
        assert re.search(pattern, text, re.DOTALL), f"/{name}: {text[:300]}"
        if locale == "fr":
            assert not any(word in text.split("\n")[0] for word in english_only), f"/{name}: {text[:200]}"


# --- autocomplete -------------------------------------------------------------------------------------

# (command, option, typed in English, expected, typed in French, expected in French)
AUTOCOMPLETE = [
    ("petition", "number", "441", "441-00155", "441", "441-00155"),
    ("response", "number", "e-67", "e-6712", "e-67", "e-6712"),
    ("petitions", "country", "Kazak", "KZ", "Allema", "DE"),
    ("search", "sponsor", "Genu", "89226", "Genu", "89226"),
    ("search", "subject", "Foreign", "Foreign affairs", "Affaires", "Affaires étrangères"),
    ("sponsor", "mp", "may", "2897", "may", "2897"),
    ("stats", "country", "Kazak", "KZ", "Kazak", "KZ"),
    ("stats", "subject", "Health", "Health", "Santé", "Santé"),
    ("stats", "sponsor", "Kwan", "89346", "Kwan", "89346"),
]


@pytest.mark.parametrize("locale", ["en-US", "fr"])
async def test_every_autocomplete_answers_within_limits(bot, fake, locale):
    for command, option, typed_en, expected_en, typed_fr, expected_fr in AUTOCOMPLETE:
        typed, expected = (typed_fr, expected_fr) if locale == "fr" else (typed_en, expected_en)
        handle = await fake.autocomplete(command, {option: typed}, focused=option, locale=locale)
        await handle.wait_response()
        values = [c["value"] for c in handle.choices]
        assert 0 < len(values) <= 25, f"/{command} {option}={typed!r}: {handle.choices}"
        assert expected in values, f"/{command} {option}={typed!r}: {handle.choices}"


async def test_french_autocomplete_offers_french_names(bot, fake):
    handle = await fake.autocomplete("stats", {"subject": "affaires"}, focused="subject", locale="fr")
    await handle.wait_response()
    assert "Affaires étrangères" in [c["name"] for c in handle.choices]
    handle = await fake.autocomplete("petitions", {"country": "Allemagne"}, focused="country", locale="fr")
    await handle.wait_response()
    assert handle.choices[0] == {"name": "Allemagne", "value": "DE"}


# --- the central error path -----------------------------------------------------------------------------


async def test_an_unexpected_error_gets_an_apology_with_an_id_that_is_in_the_log(bot, fake, monkeypatch):
    async def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("database on fire")

    monkeypatch.setattr(answers, "overdue", broken)
    message = await run(fake, "overdue")
    text = visible_text(message)
    assert ephemeral(message) and "error id" in text
    error_id = re.search(r"`([0-9a-f]{8})`", text).group(1)
    records = fake.error_log.pop_matching("database on fire")
    assert len(records) == 1 and error_id in records[0].getMessage()
    assert "database on fire" not in text


async def test_an_error_after_deferring_is_sent_as_a_followup(bot, fake, monkeypatch):
    async def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("index melted")

    monkeypatch.setattr(answers, "search", broken)
    handle = await fake.slash("search", {"query": "climate"}, locale="fr")
    await handle.wait_followups(1)
    assert handle.response.type == 5
    assert "Désolé" in visible_text(handle.followups[0])
    assert fake.error_log.pop_matching("index melted")
