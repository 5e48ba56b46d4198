"""/ask through the real discord.py client and the fake Discord: the "understood as" line, an answer,
and close readings offered as buttons that answer when pressed."""

from __future__ import annotations

from typing import Any

from tests.fakes.discord import FLAG_EPHEMERAL, FakeDiscord, buttons, visible_text


async def ask(fake: FakeDiscord, question: str, **kwargs: Any) -> dict[str, Any]:
    return await (await fake.slash("ask", {"question": question}, **kwargs)).final_message()


async def test_ask_in_french_says_how_it_understood_then_lists_the_petition(bot, fake):
    message = await ask(fake, "pétitions sur le Kazakhstan", locale="fr")
    assert message["content"].startswith("Compris ainsi : Pétitions sur : Kazakhstan (1 trouvée)")
    text = visible_text(message)
    assert "441-00155" in text and "Affaires étrangères" in text and "données de démonstration" in text
    assert not int(message.get("flags") or 0) & FLAG_EPHEMERAL


async def test_ask_in_english_answers_with_the_response_summary(bot, fake):
    message = await ask(fake, "has the government answered the Kazakhstan petition?")
    assert message["content"].startswith(
        "Understood as: Government response to petitions about Kazakhstan (1 found)"
    )
    text = visible_text(message)
    assert "441-00155" in text and "Rob Oliphant" in text and "Summary" in text


async def test_a_french_question_gets_a_french_answer_whatever_the_client_language(bot, fake):
    message = await ask(fake, "combien de pétitions de la députée Kwan ?", locale="en-US")
    assert message["content"].startswith("Compris ainsi : Nombre de pétitions de Jenny Kwan (3 trouvées)")


async def test_an_ambiguous_question_offers_buttons_and_a_click_answers_that_reading(bot, fake):
    message = await ask(fake, "petitions from May")
    assert message["content"].startswith("Understood as: Petitions, in May 2026")
    offered = [b for b in buttons(message) if b["label"].startswith("Petitions by")]
    assert [b["label"] for b in offered] == ["Petitions by Elizabeth May"]
    clicked = await fake.click(message["id"], offered[0]["custom_id"])
    answer = await clicked.final_message()
    assert answer["content"].startswith("Understood as: Petitions by Elizabeth May (5 found)")
    text = visible_text(answer)
    assert "451-00611" in text and "e-7768" in text
    back = [b["label"] for b in buttons(answer)]
    assert "Petitions, in May 2026" in back, "the first reading is offered in turn"


async def test_only_the_asker_may_choose_another_reading(bot, fake):
    message = await ask(fake, "petitions from May")
    button = next(b for b in buttons(message) if b["label"] == "Petitions by Elizabeth May")
    pressed = await fake.click(message["id"], button["custom_id"], user_id=fake.other_user_id)
    refusal = await pressed.final_message()
    assert int(refusal.get("flags") or 0) & FLAG_EPHEMERAL
    assert "Only the person who ran this command" in visible_text(refusal)


async def test_an_unknown_number_is_a_private_answer_that_still_says_how_it_was_read(bot, fake):
    handle = await fake.slash("ask", {"question": "e-9999 status?"})
    await handle.wait_followups()
    message = handle.followups[-1]
    assert int(message.get("flags") or 0) & FLAG_EPHEMERAL
    text = visible_text(message)
    assert text.startswith("Understood as: Petition e-9999") and "not in the store" in text


async def test_nothing_understood_gets_what_can_be_asked(bot, fake):
    message = await ask(fake, "```SELECT * FROM users; DROP TABLE x;```", locale="fr")
    text = visible_text(message)
    assert "Compris ainsi" in message["content"]
    assert "quelles pétitions sont en retard ?" in text
