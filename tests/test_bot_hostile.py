"""Every slash-command option and autocomplete against hostile values, through the fake Discord.

A modified client (or a hand-made request) can send any JSON for any option, outside the declared
choices, type and range: `fake.slash(..., validate=False)` does so. Whatever arrives, the bot
answers in time with a reply within Discord's limits, logs no error, pings no one, and shows the
user's text back inert (no live `<t:…>`, no bidi override, no NUL). Then one focused test per
finding of the "hostile values" review, in English and French.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from bot.petitions import alerts, answers
from bot.petitions.errors import UserFacingError
from tests.fakes.discord import FLAG_EPHEMERAL, FakeDiscord, InteractionHandle, visible_text
from tests.hostile_values import hostile_json, hostile_text


def hypothesis(examples: int) -> settings:
    """One bot per test function serves every example (the fixtures are function-scoped on purpose)."""
    return settings(
        max_examples=examples,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )


LOCALES = st.sampled_from(["en-US", "fr"])
KAZAKHSTAN = {"country": "Kazakhstan"}

#: (command, option) -> the other options the command needs. Names as synced (English).
SLASH_OPTIONS: dict[tuple[str, str], dict[str, Any]] = {
    ("petition", "number"): {},
    ("response", "number"): {},
    ("petitions", "country"): {},
    ("petitions", "status"): KAZAKHSTAN,
    ("petitions", "type"): KAZAKHSTAN,
    ("search", "query"): {},
    ("search", "status"): {},
    ("search", "type"): {},
    ("search", "parliament"): {},
    ("search", "sponsor"): {},
    ("search", "subject"): {},
    ("search", "from"): {},
    ("search", "to"): {"query": "rights"},
    ("search", "answered"): {},
    ("sponsor", "mp"): {},
    ("stats", "country"): {},
    ("stats", "subject"): {},
    ("stats", "sponsor"): {},
    ("stats", "view"): {},
    ("follow", "what"): {},
    ("follow", "country"): {},
    ("follow", "number"): {},
    ("follow", "subject"): {},
    ("unfollow", "alert"): {},
}
MANAGERS_ONLY = {"follow", "unfollow"}

AUTOCOMPLETES = [
    ("petition", "number"),
    ("response", "number"),
    ("petitions", "country"),
    ("search", "sponsor"),
    ("search", "subject"),
    ("sponsor", "mp"),
    ("stats", "country"),
    ("stats", "subject"),
    ("stats", "sponsor"),
    ("follow", "country"),
    ("follow", "number"),
    ("follow", "subject"),
    ("unfollow", "alert"),
]

HIDDEN = ("\u202e", "\u2066", "\u2067", "\u2068", "\u2069", "\u200f", "\x00", "\x1b")


def ephemeral(message: dict[str, Any]) -> bool:
    return bool(int(message.get("flags") or 0) & FLAG_EPHEMERAL)


def assert_inert(text: str, fake: FakeDiscord | None = None) -> None:
    """Nothing in a reply pings, renders live from the user's input, or hides what it says.

    The bot's own mentions of this server's channels ("alerts go to #petitions") are allowed.
    """
    for channel in fake.guild.channels if fake else ():
        text = text.replace(f"<#{channel.id}>", "#channel")
    assert not re.search(r"@(everyone|here)", text), text
    assert not re.search(r"(?<!\\)<(t:|@|#|/|a?:)", text), text
    assert not any(ch in text for ch in HIDDEN), text
    assert not any(0xD800 <= ord(ch) <= 0xDFFF for ch in text), text


def assert_handled(fake: FakeDiscord, handle: InteractionHandle) -> None:
    """No error logged, no Discord limit broken, and every message sent with mentions off."""
    assert fake.error_log is not None
    assert not fake.error_log.records, [r.getMessage() for r in fake.error_log.records]
    assert not fake.violations, fake.violations
    bodies = [cb.data for cb in handle.callbacks if cb.data]
    bodies += [r.json for r in fake.requests if handle.token in r.path and isinstance(r.json, dict)]
    for body in bodies:
        if body.get("content") or body.get("embeds"):
            assert body.get("allowed_mentions") == {"parse": []}, body
    for message in handle.messages():
        assert_inert(visible_text(message), fake)


async def send(fake: FakeDiscord, command: str, options: dict[str, Any], locale: str) -> InteractionHandle:
    user = fake.owner_id if command in MANAGERS_ONLY else None
    handle = await fake.slash(command, options, locale=locale, user_id=user, validate=False)
    await handle.final_message(timeout=10)
    return handle


@hypothesis(400)
@given(case=st.sampled_from(sorted(SLASH_OPTIONS)), value=hostile_json, locale=LOCALES)
async def test_every_option_answers_or_explains_whatever_a_client_sends(bot, fake, case, value, locale):
    command, option = case
    handle = await send(fake, command, {**SLASH_OPTIONS[case], option: value}, locale)
    assert_handled(fake, handle)


@hypothesis(25)
@given(channel=st.one_of(st.integers(min_value=0, max_value=2**63 - 1), st.just(2**64)), locale=LOCALES)
async def test_follow_channel_refuses_any_channel_that_is_not_one_of_this_server(bot, fake, channel, locale):
    handle = await send(fake, "follow", {"channel": channel}, locale)
    assert_handled(fake, handle)
    assert ephemeral(await handle.final_message())


@hypothesis(200)
@given(case=st.sampled_from(AUTOCOMPLETES), value=hostile_text, locale=LOCALES)
async def test_every_autocomplete_offers_choices_whatever_is_typed(bot, fake, case, value, locale):
    command, option = case
    user = fake.owner_id if command in MANAGERS_ONLY else None
    handle = await fake.autocomplete(command, {option: value}, focused=option, locale=locale, user_id=user)
    await handle.wait_response()
    assert_handled(fake, handle)
    for choice in handle.choices:
        assert_inert(choice["name"])


# --- the review's findings, one by one ----------------------------------------------------------------


async def run(
    fake: FakeDiscord, command: str, options: dict[str, Any], locale: str = "en-US"
) -> dict[str, Any]:
    handle = await send(fake, command, options, locale)
    assert_handled(fake, handle)
    return await handle.final_message()


@pytest.mark.parametrize("option", ["country", "number", "subject"])
@pytest.mark.parametrize("blank", [" ", "\u3000", "\n"])
@pytest.mark.parametrize(("locale", "expected"), [("en-US", "is empty"), ("fr", "est vide")])
async def test_follow_with_a_blank_looking_value_follows_nothing(
    bot, fake, demo_store, option, blank, locale, expected
):
    message = await run(fake, "follow", {option: blank}, locale)
    assert ephemeral(message) and expected in visible_text(message)
    assert await alerts.subscriptions(demo_store, fake.guild_id) == []


@pytest.mark.parametrize(
    ("options", "locale", "expected"),
    [
        ({"country": "@here"}, "en-US", "“@\u200bhere” is not a country name"),
        ({"country": "@here"}, "fr", "« @\u200bhere » n’est pas un nom valide (pays)"),
        ({"subject": "AND"}, "en-US", "“AND” is not a subject"),
        ({"subject": "and"}, "fr", "« and » n’est pas un sujet"),
    ],
)
async def test_follow_refuses_a_mention_for_a_country_and_an_operator_for_a_subject(
    bot, fake, demo_store, options, locale, expected
):
    message = await run(fake, "follow", options, locale)
    assert ephemeral(message) and expected in visible_text(message)
    assert await alerts.subscriptions(demo_store, fake.guild_id) == []


@pytest.mark.parametrize(
    ("locale", "expected"), [("en-US", "This server has no alert"), ("fr", "Ce serveur n’a pas d’alerte")]
)
async def test_unfollow_a_huge_alert_number_is_no_such_alert(bot, fake, locale, expected):
    message = await run(fake, "unfollow", {"alert": "99999999999999999999999999"}, locale)
    assert ephemeral(message) and expected in visible_text(message)


@pytest.mark.parametrize(
    ("command", "options", "en", "fr"),
    [
        ("follow", {"what": ""}, "The kind of news is empty", "Le champ « type de nouvelles » est vide"),
        ("follow", {"what": "everything"}, "is not a possible kind of news", "n’est pas une valeur possible"),
        (
            "search",
            {"parliament": "forty-four"},
            "is not a whole number (Parliament)",
            "n’est pas un nombre entier",
        ),
        ("search", {"parliament": 1e308}, "The Parliament must be from 1 to 99", "doit être entre 1 et 99"),
        ("search", {"type": "\ud800"}, "broken characters", "caractères invalides"),
        (
            "search",
            {"subject": "Health\udc80"},
            "The subject holds broken characters",
            "caractères invalides",
        ),
        ("search", {"answered": "yes"}, "must be yes or no", "doit être oui ou non"),
        (
            "petitions",
            {"country": "Kazakhstan", "status": "everything"},
            "Choose one of: open",
            "Choisissez parmi : open",
        ),
    ],
)
async def test_values_outside_the_declared_choices_type_or_range_are_refused(
    bot, fake, command, options, en, fr
):
    for locale, expected in (("en-US", en), ("fr", fr)):
        message = await run(fake, command, options, locale)
        assert ephemeral(message) and expected in visible_text(message), visible_text(message)


async def test_a_command_sent_without_its_required_option_asks_for_a_reload(bot, fake):
    message = await run(fake, "petition", {})
    assert ephemeral(message) and "Reload Discord" in visible_text(message)


@pytest.mark.parametrize(
    ("locale", "expected"),
    [("en-US", "No country matches “Gondor”"), ("fr", "Aucun pays ne correspond à « Gondor »")],
)
async def test_an_error_after_the_public_thinking_message_is_shown_only_to_the_user(
    bot, fake, locale, expected
):
    handle = await send(fake, "stats", {"country": "Gondor"}, locale)
    assert_handled(fake, handle)
    assert handle.response.type == 5  # deferred publicly: drawing a chart takes a while
    assert handle.original_id in fake.deleted_messages  # the channel no longer sees "thinking…"
    seen = handle.messages()
    assert len(seen) == 1 and ephemeral(seen[0]) and expected in visible_text(seen[0])


async def test_a_search_refused_after_deferring_is_private_too(bot, fake, monkeypatch):
    async def refused(*args: Any, **kwargs: Any) -> Any:
        raise UserFacingError("sponsor.unknown", value="Nobody")

    monkeypatch.setattr(answers, "search", refused)
    handle = await send(fake, "search", {"query": "climate"}, "fr")
    assert handle.response.type == 5
    seen = handle.messages()
    assert len(seen) == 1 and ephemeral(seen[0]) and "Aucun député ne correspond" in visible_text(seen[0])


async def test_an_answer_after_deferring_stays_public(bot, fake):
    handle = await send(fake, "search", {"query": "human rights"}, "en-US")
    assert handle.response.type == 5 and not fake.deleted_messages
    assert not ephemeral(await handle.final_message())


ECHO = "<t:1700000000:R> \u202ereversed\u2066 @everyone <@123456789012345678> **x**\x00"


async def test_echoed_search_words_are_inert_in_the_title(bot, fake):
    message = await run(fake, "search", {"query": ECHO})
    title = message["embeds"][0]["title"]
    assert "\\<t:1700000000:R>" in title and "reversed" in title
    assert_inert(title)


@pytest.mark.parametrize("locale", ["en-US", "fr"])
async def test_echoed_input_in_an_error_is_inert(bot, fake, locale):
    message = await run(fake, "petition", {"number": ECHO}, locale)
    text = visible_text(message)
    assert ephemeral(message) and "reversed" in text
    assert "\\<t:1700000000:R>" in text


@pytest.mark.parametrize(
    "number", ["441–00155", "\ufeff441-00155", "441－00155", "441-00155\x00", "441\u2212\u200d00155"]
)
async def test_a_number_written_with_any_dash_or_invisible_character_is_read(bot, fake, number):
    message = await run(fake, "petition", {"number": number})
    assert not ephemeral(message) and "441-00155" in message["embeds"][0]["title"]


@pytest.mark.parametrize(
    ("options", "locale", "expected"),
    [
        ({}, "en-US", "What should I look for?"),
        ({"query": "   "}, "fr", "Que faut-il chercher?"),
        ({"query": "?!*"}, "en-US", "What should I look for?"),
    ],
)
async def test_a_search_with_nothing_to_look_for_asks_what_to_look_for(bot, fake, options, locale, expected):
    handle = await send(fake, "search", options, locale)
    assert handle.response.type == 4  # asked at once, privately, without a public "thinking…"
    message = await handle.final_message()
    assert ephemeral(message) and expected in visible_text(message)


async def test_a_search_with_filters_alone_lists_what_passes_them(bot, fake):
    message = await run(fake, "search", {"parliament": 44})
    assert "441-00155" in visible_text(message)
