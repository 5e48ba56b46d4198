"""Alerts core against a real SQLite store: what is announced where, once, and what happens when posting fails."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from bot.petitions import alerts
from bot.petitions.alerts import Alert, Outcome, Target
from bot.petitions.errors import UserFacingError
from bot.petitions.ingest import ingest_petitions, prepare
from bot.petitions.model import Bi, Response
from bot.petitions.store import Store
from tests.factories import make_petition

GUILD, OTHER_GUILD = 111, 222
NEWS, ELSEWHERE = 1001, 1002
USER = 42


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    s = await Store.open(tmp_path / "alerts.sqlite3")
    await ingest_petitions(
        s,
        [
            make_petition(
                "e-5001",
                subject=Bi("Foreign affairs", "Affaires étrangères"),
                keywords=[("Ukraine", "Ukraine"), ("Political prisoners", "Prisonniers politiques")],
                prayer=["We call upon the Government to press Russia to free Ukrainian prisoners in Crimea."],
            ),
            make_petition(
                "e-5002",
                subject=Bi("Environment", "Environnement"),
                keywords=[("Climate change", "Changement climatique")],
            ),
            make_petition(
                "441-00777",
                subject=Bi("Health", "Santé"),
                keywords=[("Pharmacare", "Assurance-médicaments")],
                prayer=["We ask the Government of Canada to fund insulin pumps."],
            ),
        ],
    )
    try:
        yield s
    finally:
        await s.close()


RECENT = date.today() - timedelta(days=3)


async def refreshed(store: Store, petitions: list) -> None:
    """Records as a refresh stores them when they are news (presented three days ago)."""
    await store.upsert([prepare(replace(p, presented_on=RECENT)) for p in petitions])


async def answer(store: Store, number: str, *, status_id: int = 223) -> None:
    """The government tables its response to `number`, as a refresh stores it (news: tabled two days ago)."""
    p = await store.get(number)
    assert p is not None
    await store.upsert(
        [
            prepare(
                replace(
                    p,
                    status_id=status_id,
                    response_tabled_on=date.today() - timedelta(days=2),
                    response=Response(
                        signer="Hon. Minister",
                        paragraphs=Bi(
                            ["The Government of Canada thanks the petitioners and will act."], None
                        ),
                    ),
                )
            )
        ],
    )


class Poster:
    """Stands in for Discord: records every post and answers with the scripted outcomes, then "sent"."""

    def __init__(self, *script: Outcome) -> None:
        self.script = list(script)
        self.posts: list[Alert] = []

    async def __call__(self, alert: Alert) -> Outcome:
        self.posts.append(alert)
        if self.script:
            return self.script.pop(0)
        return Outcome.sent(9000 + len(self.posts))

    def seen(self) -> list[tuple[int, str, str]]:
        return [(a.subscription.channel_id, a.petition.number, a.change.kind) for a in self.posts]


async def follow(
    store: Store, target: Target, *, channel: int = NEWS, events: str = "responses", guild: int = GUILD
):
    sub, _status = await alerts.follow(
        store, guild_id=guild, channel_id=channel, target=target, events=events, created_by=USER
    )
    return sub


# --- following ----------------------------------------------------------------------------------


async def test_targets_are_checked_and_stored_in_matching_form(store):
    assert await alerts.resolve_target(store) == Target("all")
    assert (await alerts.resolve_target(store, country="Ukraine")).value == "UA"
    assert (await alerts.resolve_target(store, country="Chine")).value == "CN"
    assert await alerts.resolve_target(store, number="E 5001") == Target("number", "e-5001", "e-5001")
    subject = await alerts.resolve_target(store, subject="environnement")
    assert subject.filter == "subject" and subject.value == "environnement"
    assert (await alerts.resolve_target(store, subject="climate")).value == "climate"  # a word of a keyword


async def test_bad_targets_are_refused_with_what_the_user_may_have_meant(store):
    with pytest.raises(UserFacingError) as many:
        await alerts.resolve_target(store, country="Ukraine", subject="Health")
    assert many.value.key == "alerts.one_filter"
    with pytest.raises(UserFacingError) as unknown:
        await alerts.resolve_target(store, subject="Healht")
    assert unknown.value.key == "alerts.subject_unknown" and "Health" in unknown.value.suggestions
    with pytest.raises(UserFacingError) as typo:
        await alerts.resolve_target(store, number="e-5003")
    assert typo.value.key == "petition.not_found" and "e-5001" in typo.value.suggestions
    with pytest.raises(UserFacingError) as country:
        await alerts.resolve_target(store, country="Gondor")
    assert country.value.key == "country.unknown"


@pytest.mark.parametrize(
    ("given", "key"),
    [
        ({"country": " "}, "input.blank"),
        ({"number": "\u3000"}, "input.blank"),
        ({"subject": "\n"}, "input.blank"),
        ({"subject": "\u200b\u202e"}, "input.blank"),
        ({"country": "@here"}, "input.no_letters"),
        ({"country": "!!!"}, "input.no_letters"),
        ({"subject": "AND"}, "alerts.subject_meaningless"),
        ({"subject": "the"}, "alerts.subject_meaningless"),
        ({"subject": "Health\udc80"}, "input.unreadable"),
    ],
)
async def test_a_target_that_says_nothing_is_refused_never_widened_to_everything(store, given, key):
    with pytest.raises(UserFacingError) as refused:
        await alerts.resolve_target(store, **given)
    assert refused.value.key == key


async def test_following_twice_keeps_one_follow_and_servers_only_see_their_own(store):
    first, status = await alerts.follow(
        store, guild_id=GUILD, channel_id=NEWS, target=Target("country", "UA", "UA"), created_by=USER
    )
    again, status_again = await alerts.follow(
        store, guild_id=GUILD, channel_id=NEWS, target=Target("country", "UA", "UA"), created_by=USER
    )
    assert (status, status_again) == ("created", "exists") and again.id == first.id
    await follow(store, Target("all"), guild=OTHER_GUILD, channel=3003)
    assert [s.id for s in await alerts.subscriptions(store, GUILD)] == [first.id]
    with pytest.raises(UserFacingError) as foreign:
        await alerts.unfollow(store, OTHER_GUILD, first.id)
    assert foreign.value.key == "alerts.unknown"
    removed = await alerts.unfollow(store, GUILD, first.id)
    assert removed.id == first.id and await alerts.subscriptions(store, GUILD) == []


async def test_a_server_cannot_pile_up_follows(store, monkeypatch):
    monkeypatch.setattr("bot.petitions.alerts._following.MAX_PER_GUILD", 2)  # where follow reads it
    await follow(store, Target("all"))
    await follow(store, Target("all"), events="all")
    with pytest.raises(UserFacingError) as too_many:
        await follow(store, Target("country", "UA", "UA"))
    assert too_many.value.key == "alerts.too_many"


# --- matching and delivering ------------------------------------------------------------------------


async def test_a_tabled_response_is_posted_once_to_each_matching_channel(store):
    await follow(store, Target("all"), channel=NEWS)
    await follow(store, Target("country", "UA", "UA"), channel=ELSEWHERE)
    await answer(store, "e-5001")
    poster = Poster()
    report = await alerts.run_cycle(store, poster)
    assert sorted(poster.seen()) == [(NEWS, "e-5001", "response"), (ELSEWHERE, "e-5001", "response")]
    assert report.sent == 2
    posted = poster.posts[0]
    assert posted.petition.has_response and posted.petition.summary.en  # the summary ingest derived
    again = Poster()
    assert (await alerts.run_cycle(store, again)).sent == 0 and again.posts == []


async def test_filters_let_through_only_their_petitions(store):
    await follow(store, Target("country", "UA", "UA"), channel=1)
    await follow(store, Target("number", "441-00777", "441-00777"), channel=2)
    await follow(store, Target("subject", "climate", "climate"), channel=3)
    await follow(store, Target("subject", "sante", "Santé"), channel=4)
    for number in ("e-5001", "e-5002", "441-00777"):
        await answer(store, number)
    poster = Poster()
    await alerts.run_cycle(store, poster)
    assert sorted(poster.seen()) == [
        (1, "e-5001", "response"),
        (2, "441-00777", "response"),
        (3, "e-5002", "response"),
        (4, "441-00777", "response"),
    ]


async def test_what_to_announce_decides_which_journal_entries_count(store):
    await follow(store, Target("all"), channel=1, events="responses")
    await follow(store, Target("all"), channel=2, events="new")
    await follow(store, Target("all"), channel=3, events="all")
    await refreshed(store, [make_petition("e-5100", subject="Housing")])  # new
    await refreshed(store, [make_petition("e-5100", subject="Housing", status_id=224)])  # status
    await refreshed(store, [make_petition("e-5100", subject="Housing", status_id=224, signatures=77)])
    poster = Poster()
    await alerts.run_cycle(store, poster)
    assert poster.seen() == [(2, "e-5100", "new"), (3, "e-5100", "new"), (3, "e-5100", "status")]


async def test_a_response_and_its_status_change_make_one_post(store):
    await follow(store, Target("all"), events="all")
    await answer(store, "e-5002")  # journals "response" and "status" in the same write
    kinds = [c.kind for c in await store.changes_since(3)]
    assert sorted(kinds) == ["response", "status"]
    poster = Poster()
    await alerts.run_cycle(store, poster)
    assert poster.seen() == [(NEWS, "e-5002", "response")]


async def test_two_follows_in_one_channel_post_a_change_once(store):
    await follow(store, Target("all"))
    await follow(store, Target("country", "UA", "UA"))
    await answer(store, "e-5001")
    poster = Poster()
    await alerts.run_cycle(store, poster)
    assert poster.seen() == [(NEWS, "e-5001", "response")]


async def test_a_new_follow_does_not_replay_history(store):
    await answer(store, "e-5001")
    await follow(store, Target("all"), events="all")
    poster = Poster()
    await alerts.run_cycle(store, poster)
    assert poster.posts == []
    await answer(store, "e-5002")
    await alerts.run_cycle(store, poster)
    assert poster.seen() == [(NEWS, "e-5002", "response")]


async def test_a_failed_post_is_retried_next_cycle_with_the_same_nonce_and_in_order(store):
    await follow(store, Target("all"), channel=NEWS)
    await follow(store, Target("all"), channel=ELSEWHERE)
    await answer(store, "e-5001")
    await answer(store, "e-5002")
    outage = Poster(Outcome.retry("HTTP 503: Service Unavailable"))
    report = await alerts.run_cycle(store, outage)
    # The first post (to NEWS) failed: NEWS waits, ELSEWHERE carries on.
    assert outage.seen() == [
        (NEWS, "e-5001", "response"),
        (ELSEWHERE, "e-5001", "response"),
        (ELSEWHERE, "e-5002", "response"),
    ]
    assert (report.sent, report.retried) == (2, 1)
    stats = await alerts.alert_stats(store)
    assert stats["pending"] == 2 and stats["sent"] == 2
    later = Poster()
    await alerts.run_cycle(store, later)
    assert later.seen() == [(NEWS, "e-5001", "response"), (NEWS, "e-5002", "response")]
    assert later.posts[0].nonce == outage.posts[0].nonce
    assert later.posts[0].attempts == 1
    assert (await alerts.alert_stats(store))["pending"] == 0


async def test_a_post_that_keeps_failing_for_a_day_is_given_up(store):
    await follow(store, Target("all"))
    await answer(store, "e-5001")
    start = datetime(2025, 1, 1, 12, tzinfo=UTC)
    await alerts.run_cycle(store, Poster(Outcome.retry("HTTP 502")), now=start)
    await alerts.run_cycle(store, Poster(Outcome.retry("HTTP 502")), now=start + timedelta(hours=25))
    poster = Poster()
    await alerts.run_cycle(store, poster, now=start + timedelta(hours=26))
    assert poster.posts == []
    assert (await alerts.alert_stats(store))["failed"] == 1


async def test_a_channel_the_bot_cannot_post_in_stops_its_follows_with_a_reason(store):
    gone = await follow(store, Target("all"), channel=NEWS)
    also_gone = await follow(store, Target("country", "UA", "UA"), channel=NEWS, events="all")
    fine = await follow(store, Target("all"), channel=ELSEWHERE)
    await answer(store, "e-5001")
    await answer(store, "e-5002")
    poster = Poster(Outcome.gone("forbidden", "Missing Permissions"))
    report = await alerts.run_cycle(store, poster)
    assert sorted(report.stopped) == [gone.id, also_gone.id]
    subs = {s.id: s for s in await alerts.subscriptions(store, GUILD)}
    assert not subs[gone.id].active and subs[gone.id].inactive_reason == "forbidden"
    assert subs[gone.id].inactive_detail == "Missing Permissions" and subs[gone.id].inactive_at is not None
    assert subs[fine.id].active
    assert [s for s in poster.seen() if s[0] == NEWS] == [(NEWS, "e-5001", "response")]
    stats = await alerts.alert_stats(store)
    assert stats["dropped"] == 2 and stats["stopped"] == 2  # the refused post and the one behind it
    # Following again resumes from now on, without the news missed while stopped.
    resumed, status = await alerts.follow(
        store, guild_id=GUILD, channel_id=NEWS, target=Target("all"), created_by=USER
    )
    assert (
        status == "resumed" and resumed.id == gone.id and resumed.active and resumed.inactive_reason is None
    )
    quiet = Poster()
    await alerts.run_cycle(store, quiet)
    assert quiet.posts == []


async def test_a_post_refused_for_good_is_not_retried_and_does_not_stop_the_follow(store):
    sub = await follow(store, Target("all"))
    await answer(store, "e-5001")
    await alerts.run_cycle(store, Poster(Outcome.failed("HTTP 400 (50035): Invalid Form Body")))
    poster = Poster()
    await alerts.run_cycle(store, poster)
    assert poster.posts == []
    assert (await alerts.get_subscription(store, sub.id)).active


async def test_a_crash_in_posting_code_is_logged_and_retried(store, caplog):
    await follow(store, Target("all"))
    await answer(store, "e-5001")

    async def broken(alert: Alert) -> Outcome:
        raise KeyError("embed field")

    report = await alerts.run_cycle(store, broken)
    assert report.retried == 1 and "posting alert" in caplog.text
    poster = Poster()
    await alerts.run_cycle(store, poster)
    assert poster.seen() == [(NEWS, "e-5001", "response")]


async def test_the_cursor_survives_a_restart_and_nothing_is_announced_twice(tmp_path, store):
    await follow(store, Target("all"))
    await answer(store, "e-5001")
    first = Poster()
    await alerts.run_cycle(store, first)
    reopened = await Store.open(tmp_path / "alerts.sqlite3")  # what the next process sees
    try:
        await answer(reopened, "e-5002")
        poster = Poster()
        await alerts.run_cycle(reopened, poster)
        assert first.seen() + poster.seen() == [(NEWS, "e-5001", "response"), (NEWS, "e-5002", "response")]
    finally:
        await reopened.close()


async def test_a_batch_never_splits_one_write_between_cycles(store):
    await follow(store, Target("all"), events="all")
    poster = Poster()
    await alerts.run_cycle(store, poster)  # the journal so far: nothing to announce
    await answer(store, "e-5001")  # "response" and "status", one write
    for _ in range(3):
        await alerts.run_cycle(store, poster, plan_limit=1)
    assert poster.seen() == [(NEWS, "e-5001", "response")]
    assert await alerts.cursor(store) == 5


async def test_no_follows_means_the_journal_is_skipped_not_read(store):
    assert await alerts.cursor(store) == 0
    await alerts.run_cycle(store, Poster())
    assert await alerts.cursor(store) == 3
    stats = await alerts.alert_stats(store)
    assert stats == {
        "subscriptions": 0,
        "active": 0,
        "stopped": 0,
        "guilds": 0,
        "channels": 0,
        "pending": 0,
        "sent": 0,
        "failed": 0,
        "dropped": 0,
        "cursor": 3,
        "behind": 0,
        "last_sent_at": None,
    }


async def test_posts_per_channel_per_cycle_are_capped_and_the_rest_follow_in_order(store):
    await follow(store, Target("all"), events="new")
    await refreshed(store, [make_petition(f"e-6{i:03d}") for i in range(1, 6)])
    poster = Poster()
    await alerts.run_cycle(store, poster, per_channel=2)
    await alerts.run_cycle(store, poster, per_channel=2)
    await alerts.run_cycle(store, poster, per_channel=2)
    assert [n for _, n, _ in poster.seen()] == ["e-6001", "e-6002", "e-6003", "e-6004", "e-6005"]


async def test_alerts_wait_for_another_tasks_transaction_instead_of_joining_it(store):
    await follow(store, Target("all"))
    await answer(store, "e-5001")

    async with store.transaction():
        cycle = asyncio.create_task(alerts.run_cycle(store, Poster()))
        await asyncio.sleep(0.05)
        assert not cycle.done()  # waiting for the refresh's transaction to end
        await store.conn.execute("INSERT INTO meta (key, value) VALUES ('x', '1')")
    report = await cycle
    assert report.sent == 1


def test_nonces_are_stable_short_and_distinct():
    assert alerts.nonce_for(3, 17) == alerts.nonce_for(3, 17)
    assert alerts.nonce_for(3, 17) != alerts.nonce_for(31, 7)
    huge = alerts.nonce_for(2**62, 2**62)
    assert len(huge) <= 25 and huge != alerts.nonce_for(2**62, 2**62 - 1)


async def test_the_schema_refuses_a_second_post_of_a_change_in_one_channel(store):
    await follow(store, Target("all"))
    await follow(store, Target("all"), events="all")
    sql = (
        "INSERT INTO alert_deliveries (subscription_id, change_id, channel_id, queued_at) VALUES (?, ?, ?, ?)"
    )
    await store.conn.execute(sql, (1, 2, NEWS, "2025-01-01"))
    with pytest.raises(sqlite3.IntegrityError):
        await store.conn.execute(sql, (2, 2, NEWS, "2025-01-01"))
