"""Rendering without Discord: escaping, splitting long text, and staying inside Discord's embed limits."""

from __future__ import annotations

from datetime import date

import discord

from bot import render
from bot.i18n import number_words
from bot.petitions.model import Bi, Initiator, Response, Sponsor
from tests.factories import make_petition
from tests.fakes.discord import check_message

TODAY = date(2026, 12, 15)


def problems(*embeds: discord.Embed) -> list[str]:
    return check_message({"embeds": [e.to_dict() for e in embeds]})


def test_safe_breaks_mentions_and_markdown():
    text = render.safe("@everyone look at **this** and <@123456789012345678> `now`")
    assert "@everyone" not in text.replace("@\u200beveryone", "")
    assert "\\*\\*this\\*\\*" in text and "\\`now\\`" in text
    assert "<@123456789012345678>" not in text


def test_clip_cuts_between_words_and_says_so():
    text = "The Government of Canada remains committed to human rights everywhere."
    cut = render.clip(text, 30)
    assert len(cut) <= 30 and cut.endswith("…")
    assert text.startswith(cut[:-1]) and text[len(cut) - 1] == " "


def test_long_text_is_paged_at_sentence_boundaries_and_nothing_is_lost():
    sentence = "Canada raises the case of Mr. Smith with officials at every opportunity. "
    paragraphs = [sentence * 30, "A short closing paragraph.", sentence * 80]
    pages = render.paginate_text(paragraphs, limit=1000)
    assert len(pages) > 3
    assert all(len(page) <= 1000 for page in pages)
    for page in pages:
        assert page.rstrip().endswith((".", "…")), page[-40:]
    joined = " ".join(" ".join(pages).split())
    assert joined == " ".join(" ".join(paragraphs).split())


def test_a_sentence_longer_than_a_page_is_cut_between_words_with_ellipsis():
    words = " ".join(f"word{i}" for i in range(600))
    pages = render.paginate_text([words], limit=500)
    assert all(len(p) <= 500 for p in pages)
    assert all(p.endswith("…") for p in pages[:-1])
    recovered = " ".join(p.rstrip("…") for p in pages).split()
    assert recovered == words.split()


def test_escaping_never_splits_a_backslash_from_what_it_escapes():
    text = " ".join(["**bold**"] * 400)
    pages = render.paginate_text([text], limit=300)
    for page in pages:
        body = page.rstrip("…")
        assert not body.endswith("\\")
        assert "**" not in body


def test_fit_trims_an_oversized_embed_to_every_limit():
    embed = discord.Embed(title="t" * 400, description="word " * 2000)
    for i in range(30):
        embed.add_field(name=f"n{i}" * 200, value="v " * 800)
    embed.set_footer(text="f" * 3000)
    render.fit(embed)
    assert problems(embed) == []
    assert len(embed) <= 6000 and embed.description.endswith("…")


def test_a_huge_petition_still_renders_within_limits():
    p = make_petition(
        "e-1234",
        subject="S" * 500,
        prayer=["We ask the Government to act now. " * 200],
        grievances=["Whereas something happened. " * 300],
        sponsor=Sponsor("A" * 300, 1, riding="R" * 300, caucus=Bi("C" * 300, None)),
        initiator=Initiator("I" * 400, "City", "Province"),
        signatures=1234567,
        response=Response(
            header=Bi("H" * 2000, None),
            signer="X" * 900,
            paragraphs=Bi(["The Government will act. " * 1000], None),
        ),
        response_tabled_on=date(2024, 4, 1),
    )
    assert problems(render.petition_embed(p, "en", TODAY)) == []
    pages = render.full_text_pages(p, "fr")
    assert len(pages) > 2 and all(problems(page) == [] for page in pages)


def test_french_numbers_and_dates():
    assert number_words(1234567, "fr") == "1\u202f234\u202f567"
    assert number_words(1234567, "en") == "1,234,567"
    assert render.day(date(2022, 3, 1), "fr") == "1er mars 2022"


def test_demo_records_say_so_in_the_embed():
    p = make_petition("e-4000", demo=True)
    embed = render.petition_embed(p, "en", TODAY)
    assert "demo data" in embed.description and "demo data" in embed.footer.text
    real = render.petition_embed(make_petition("e-4001"), "en", TODAY)
    assert "demo" not in (real.description or "") + (real.footer.text or "")


def test_text_known_only_in_the_other_language_says_so():
    p = make_petition("e-4002", prayer=Bi(["We ask for action."], None))
    embed = render.petition_embed(p, "fr", TODAY)
    assert (
        "We ask for action." in embed.description and "(disponible en anglais seulement)" in embed.description
    )
