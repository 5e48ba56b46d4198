"""Petition numbers as users type or paste them."""

import pytest

from bot.petitions.errors import BadPetitionNumber
from bot.petitions.numbers import detail_url, parse_number


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("441-00155", "441-00155"),
        ("441 00155", "441-00155"),
        ("441-155", "441-00155"),
        ("e-4123", "e-4123"),
        ("E4123", "e-4123"),
        ("e 4123", "e-4123"),
        ("#e-4123", "e-4123"),
        ("No. 441-00155", "441-00155"),
        ("pétition no 441-00155", "441-00155"),
        ("Petition No. 432-00808", "432-00808"),
        ("Pétition n° 441-00155", "441-00155"),
        ("  e-7775\u00a0", "e-7775"),
        ("https://www.ourcommons.ca/petitions/en/Petition/Details?Petition=e-7775", "e-7775"),
        ("https://www.noscommunes.ca/petitions/fr/Petition/Details?Petition=441-00155", "441-00155"),
        ("https://petitions.ourcommons.ca/en/Petition/Details?Petition=e-2712", "e-2712"),
        ("https://petitions.noscommunes.ca/fr/Petition/Details?petition=e-4248&x=1", "e-4248"),
        ("noscommunes.ca/petitions/FR/Petition/Details?Petition=e-3933", "e-3933"),
    ],
)
def test_accepts_what_people_type(typed: str, expected: str) -> None:
    assert parse_number(typed).text == expected


def test_paper_number_carries_parliament_and_session() -> None:
    n = parse_number("451-00012")
    assert (n.kind, n.parliament, n.session, n.sequence) == ("paper", 45, 1, 12)


@pytest.mark.parametrize(
    "typed", ["banana", "", "   ", "e-", "44-00155", "441-0015500", "e-0", "DROP TABLE", "x" * 1000]
)
def test_rejects_anything_else_with_a_user_facing_error(typed: str) -> None:
    with pytest.raises(BadPetitionNumber) as info:
        parse_number(typed)
    assert info.value.key in {"number.bad", "number.empty"}


def test_official_link_follows_the_reader_language() -> None:
    assert detail_url("441-00155", "en").startswith("https://www.ourcommons.ca/petitions/en/")
    assert detail_url("441-00155", "fr").startswith("https://www.noscommunes.ca/petitions/fr/")


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("441–00155", "441-00155"),  # en dash
        ("441—00155", "441-00155"),  # em dash
        ("e−4123", "e-4123"),  # minus sign
        ("e\u200d-4123", "e-4123"),  # zero-width joiner
        ("\ufeff441-00155", "441-00155"),  # byte-order mark
        ("441－00155", "441-00155"),  # fullwidth hyphen
        ("ｅ－４１２３", "e-4123"),  # fullwidth letters and digits
        ("441-00155\x00", "441-00155"),  # NUL
        ("\u202e441-00155", "441-00155"),  # right-to-left override
        ("№ 441-00155", "441-00155"),
    ],
)
def test_reads_numbers_pasted_with_odd_dashes_and_invisible_characters(typed: str, expected: str) -> None:
    assert parse_number(typed).text == expected


def test_a_refusal_repeats_the_input_without_invisible_characters() -> None:
    with pytest.raises(BadPetitionNumber) as info:
        parse_number("ban\u202eana\x00")
    assert info.value.params["value"] == "banana"
