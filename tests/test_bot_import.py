"""/admin import: an export or snapshot attached to a slash command, stored all at once as history, or refused.

Real discord.py against the fake Discord: the file is an attachment option, resolved as Discord resolves it,
and the bot downloads it from the fake's CDN route (which counts downloads).
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from bot.petitions.model import Bi
from bot.petitions.store import Store
from cogs.admin import IMPORT_MAX_SIZE
from tests.factories import make_petition
from tests.fakes.discord import FLAG_EPHEMERAL, FakeDiscord, visible_text


def ephemeral(message: dict[str, Any]) -> bool:
    return bool(int(message.get("flags") or 0) & FLAG_EPHEMERAL)


async def import_file(fake: FakeDiscord, upload: Any, **kwargs: Any) -> dict[str, Any]:
    kwargs.setdefault("user_id", fake.owner_id)
    handle = await fake.slash("admin", {"file": upload}, subcommand="import", **kwargs)
    return await handle.final_message()


def export_record(number: str, subject: str, opened: date) -> str:
    """One petition of an ourcommons.ca XML export, opened for signature on `opened`."""
    when = f"{opened:%B} {opened.day}, {opened.year}, at 9:15 a.m. (EDT)"
    return (
        f'<Petition Id="1" SignatureCount="61" Title="{number} ({subject})">'
        '<Parliament ParliamentNumber="45" Session="1">45th Parliament</Parliament>'
        f"<StatusId>207</StatusId><StatusName>Open for signature</StatusName>"
        f"<PetitionNumber>{number}</PetitionNumber>"
        '<Sponsor PersonId="1234"><FirstName>Pat</FirstName><LastName>Example</LastName></Sponsor>'
        f"<SignatureOpeningDateTime>{when}</SignatureOpeningDateTime>"
        "<Prayer>Petition to the Government of Canada<Grievances>Whereas:<WhereAs>Lighthouses guide ships."
        "</WhereAs></Grievances><Para>We, the undersigned, call upon the Government of Canada to keep "
        "every lighthouse lit.</Para></Prayer>"
        f'<Keywords><Term Id="77">{subject}</Term></Keywords>'
        '<ProvinceSignatures Province="NS" SignatureCount="61"/></Petition>'
    )


def export(*records: str) -> bytes:
    lines = ['<?xml version="1.0" encoding="utf-8"?>', "<ArrayOfPetition>", *records, "</ArrayOfPetition>"]
    return ("\n".join(lines) + "\n").encode()


async def test_a_garbage_file_is_refused_with_the_reason_and_the_store_is_untouched(
    bot, fake, demo_store: Store
):
    before = await demo_store.content_digest()
    changes = await demo_store.changes_since(0, limit=10_000)
    garbage = fake.upload("petitions.xml", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR not a petition")

    message = await import_file(fake, garbage)

    assert ephemeral(message)
    assert visible_text(message) == (
        "Import failed, nothing written: petitions.xml: it is binary data, not text (it holds NUL bytes)"
    )
    assert garbage.downloads == 1
    assert await demo_store.content_digest() == before
    assert await demo_store.changes_since(0, limit=10_000) == changes

    # A snapshot whose third line is broken: the first two records are not written either.
    good = [make_petition(f"e-{n}", subject=Bi("Lighthouses", "Phares")).to_dict() for n in (7001, 7002)]
    lines = ['{"format": "petitionbot-snapshot", "version": 1}', *map(json.dumps, good), '{"number": 5}']
    broken = fake.upload("snap.jsonl", "\n".join(lines).encode())
    french = visible_text(await import_file(fake, broken, locale="fr"))
    assert french == (
        "Échec de l’importation, rien n’a été écrit : snap.jsonl: line 4: not a petition record "
        "(number is missing or not text)"
    )
    assert await demo_store.content_digest() == before
    assert await demo_store.get("e-7001") is None


async def test_a_good_export_is_stored_answerable_and_announced_to_no_one(bot, fake, demo_store: Store):
    alerts_cog = bot.get_cog("Alerts")
    await fake.wait_for(lambda: alerts_cog.cycles >= 1, what="the first alert cycle")
    channel = fake.guild.channels[1].id
    follow = await (
        await fake.slash("follow", {"channel": channel, "what": "all"}, user_id=fake.owner_id)
    ).final_message()
    assert "Alert #1" in visible_text(follow)
    today = date.today()  # opened today: news to a follow, were it not an import
    upload = fake.upload(
        "export.xml",
        export(export_record("e-9101", "Lighthouses", today), export_record("e-9102", "Ferries", today)),
    )

    message = await import_file(fake, upload)

    assert ephemeral(message)
    assert visible_text(message) == (
        "Imported export.xml: 2 added, 0 changed, 0 unchanged (as history: no alerts)."
    )
    answer = await (await fake.slash("petition", {"number": "e-9101"})).final_message()
    assert "Lighthouses" in visible_text(answer) and "keep every lighthouse lit" in visible_text(answer)
    journal = [c for c in await demo_store.changes_since(0, limit=10_000) if c.number in ("e-9101", "e-9102")]
    assert [(c.kind, c.history) for c in journal] == [("new", True), ("new", True)]

    report = await alerts_cog.run_cycle()

    assert report.sent == 0 and fake.channel_messages(channel) == []
    assert fake.requests_to("POST /channels/{id}/messages") == []

    again = await import_file(fake, fake.upload("export.xml", upload.data), locale="fr")
    assert visible_text(again) == (
        "export.xml importé : 0 ajoutées, 0 modifiées, 2 inchangées (comme historique : aucune alerte)."
    )


async def test_an_oversize_attachment_is_refused_before_it_is_downloaded(bot, fake, demo_store: Store):
    before = await demo_store.content_digest()
    huge = fake.upload("everything.jsonl", b"{" + b" " * IMPORT_MAX_SIZE + b"}")

    message = await import_file(fake, huge)

    assert ephemeral(message)
    assert visible_text(message).startswith(
        "everything.jsonl is 25 MB, more than the 25 MB an import may be; nothing was read or written."
    )
    assert huge.downloads == 0
    assert await demo_store.content_digest() == before
    french = visible_text(await import_file(fake, huge, locale="fr"))
    assert "plus que les 25 Mo permis" in french and huge.downloads == 0
