"""Visible-text pages (the seed and the saved excerpts), the shared wording, and dates."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from bot.petitions.dates import parse_date, parse_datetime
from bot.petitions.model import TORONTO, Petition
from bot.petitions.parse import (
    PageError,
    detect_lang,
    history_key,
    parse_text_page,
    read_initiator,
    read_original_language,
    read_presented,
    read_signer,
    response_header_lang,
    split_preamble,
)
from tests.shared_paths import EXCERPTS, SEED, read_text

# --- The seed: the whole French page of 441-00155 ------------------------------------------


@pytest.fixture
def seed_text() -> str:
    return read_text(SEED)


def test_seed_heading_sponsor_and_history(seed_text: str) -> None:
    p = parse_text_page(seed_text)
    assert p.number == "441-00155" and p.kind == "paper"
    assert (p.parliament, p.session) == (44, 1)
    assert p.subject.fr == "Affaires étrangères" and p.subject.en is None
    assert p.original_language == "en"
    assert p.addressee.fr == "Pétition à la Chambre des communes"
    assert p.sponsor is not None
    assert p.sponsor.name == "Garnett Genuis"
    assert p.sponsor.riding == "Sherwood Park—Fort Saskatchewan"
    assert p.sponsor.caucus.fr == "Caucus Conservateur" and p.sponsor.province.fr == "Alberta"
    assert p.presented_on == date(2022, 2, 9)
    assert p.response_tabled_on == date(2022, 3, 25)
    assert p.presented_number is None
    assert p.status_id == 223


def test_seed_petition_text(seed_text: str) -> None:
    p = parse_text_page(seed_text)
    grievances = p.grievances.fr or []
    assert len(grievances) == 5
    assert grievances[0].startswith("Le gouvernement du Kazakhstan manque")
    prayer = p.prayer.fr or []
    assert len(prayer) == 5  # the lead-in and four requests
    assert prayer[0].startswith("Nous, soussignés")
    assert [x[:2] for x in prayer[1:]] == ["1.", "2.", "3.", "4."]


def test_seed_response(seed_text: str) -> None:
    p = parse_text_page(seed_text)
    assert p.response is not None
    assert p.response.header.fr == "Réponse de la ministre des Affaires étrangères"
    assert p.response.signer == "Rob Oliphant"
    paragraphs = p.response.paragraphs.fr or []
    assert len(paragraphs) == 8
    assert paragraphs[0].startswith("Les libertés d’expression")
    assert paragraphs[-1].startswith("Le Canada demeurera un collaborateur")
    assert p.response.paragraphs.en is None


def test_english_and_french_pages_merge_into_one_record(seed_text: str) -> None:
    english = parse_text_page(read_text(EXCERPTS / "441-00155.en.petitions-host.txt"))
    french = parse_text_page(seed_text)
    merged = english.merge(french)
    assert merged.number == "441-00155"
    assert merged.subject.en == "Foreign affairs" and merged.subject.fr == "Affaires étrangères"
    assert merged.addressee.en == "Petition to the House of Commons"
    assert merged.addressee.fr == "Pétition à la Chambre des communes"
    assert len(merged.grievances.en or []) == 5 and len(merged.grievances.fr or []) == 5
    assert merged.url.known() == ["en", "fr"]
    assert merged.response is not None and merged.response.signer == "Rob Oliphant"
    assert merged.status_id == 223
    # Merging the other way round loses nothing either.
    assert french.merge(english).subject == merged.subject


# --- Every excerpt, in its language -------------------------------------------------------

EXCERPT_CASES = [
    ("432-00808.en.petitions-host.txt", "en", "432-00808", "Parliament and politics", "paper"),
    ("441-00155.en.petitions-host.txt", "en", "441-00155", "Foreign affairs", "paper"),
    ("441-00155.fr.petitions-host.txt", "fr", "441-00155", "Affaires étrangères", "paper"),
    ("441-01674.fr.petitions-host.txt", "fr", "441-01674", "Environnement", "paper"),
    ("441-02041.fr.petitions-host.txt", "fr", "441-02041", "Santé", "paper"),
    ("441-02041.fr.www-host.txt", "fr", "441-02041", "Santé", "paper"),
    ("e-2712.fr.petitions-host.txt", "fr", "e-2712", "Environnement", "e"),
    ("e-2712.fr.www-host.txt", "fr", "e-2712", "Environnement", "e"),
    ("e-3933.fr.petitions-host.txt", "fr", "e-3933", "Justice", "e"),
    ("e-4248.fr.www-host.txt", "fr", "e-4248", "Santé", "e"),
]


@pytest.mark.parametrize(("name", "lang", "number", "subject", "kind"), EXCERPT_CASES)
def test_excerpt_reads_in_its_language(name: str, lang: str, number: str, subject: str, kind: str) -> None:
    text = read_text(EXCERPTS / name)
    assert detect_lang(text) == lang
    p = parse_text_page(text)
    other = "fr" if lang == "en" else "en"
    assert p.number == number and p.kind == kind
    assert p.subject.get(lang) == subject and p.subject.get(other) is None
    assert p.original_language == "en"  # every excerpt was written in English first
    assert p.addressee.get(lang) and p.addressee.get(other) is None
    assert p.url.get(lang) and p.url.get(other) is None
    assert p.prayer.get(lang) or p.grievances.get(lang)


def test_answered_paper_petition_432_00808() -> None:
    p = parse_text_page(read_text(EXCERPTS / "432-00808.en.petitions-host.txt"))
    assert p.response is not None
    assert p.response.header.en == (
        "Response by the President of the Queen's Privy Council for Canada and Minister of Intergovernmental Affairs"
    )
    assert p.response.signer == "Kevin Lamoureux"
    assert len(p.response.paragraphs.en or []) == 2
    assert p.presented_on == date(2021, 4, 15) and p.response_tabled_on == date(2021, 5, 31)
    # "(Petition No. 432-00808)" is the petition's own number, so nothing extra is stored.
    assert p.presented_number is None and (p.parliament, p.session) == (43, 2)
    assert p.sponsor is not None
    assert (p.sponsor.name, p.sponsor.riding) == ("Damien Kurek", "Battle River—Crowfoot")
    assert p.sponsor.caucus.en == "Conservative Caucus"
    assert any(g.startswith("Whereas, the Government") for g in p.grievances.en or [])
    assert (p.prayer.en or [""])[0].startswith("Therefore we, the undersigned")
    assert p.status_id == 223


def test_presented_e_petition_keeps_its_paper_number() -> None:
    text = "\n".join(
        [
            "e-3001 (Health)",
            "E-petition",
            "Initiated by Sam Doe from Halifax, Nova Scotia",
            "Original language of petition:  English",
            "Petition to the House of Commons",
            "We, the undersigned, call upon the House to act.",
            "Presented to the House of Commons",
            "Pat Member (Halifax West)",
            "April 15, 2021 (Petition No. 432-00808)",
        ]
    )
    p = parse_text_page(text)
    assert p.presented_number == "432-00808"
    assert (p.parliament, p.session) == (43, 2)
    assert p.presented_on == date(2021, 4, 15)
    assert p.sponsor is not None and (p.sponsor.name, p.sponsor.riding) == ("Pat Member", "Halifax West")


@pytest.mark.parametrize("name", ["e-2712.fr.petitions-host.txt", "e-2712.fr.www-host.txt"])
def test_french_initiator_with_d_apostrophe(name: str) -> None:
    p = parse_text_page(read_text(EXCERPTS / name))
    assert p.initiator is not None
    assert (p.initiator.name, p.initiator.city, p.initiator.province) == (
        "Karri Munn-Venn",
        "Ottawa",
        "Ontario",
    )
    assert len(p.grievances.fr or []) == 6


def test_french_history_datetimes_and_member_block() -> None:
    p = parse_text_page(read_text(EXCERPTS / "e-3933.fr.petitions-host.txt"))
    assert p.opened_at == datetime(2022, 3, 30, 10, 35, tzinfo=TORONTO)
    assert p.closed_at == datetime(2022, 5, 29, 10, 35, tzinfo=TORONTO)
    assert p.initiator is not None and p.initiator.name == "Mary Ann McKiver"
    assert p.initiator.city == "Smiths Falls"
    assert p.sponsor is not None
    assert (p.sponsor.name, p.sponsor.riding) == ("Scott Reid", "Lanark—Frontenac—Kingston")
    assert p.sponsor.caucus.fr == "Caucus Conservateur" and p.sponsor.province.fr == "Ontario"


@pytest.mark.parametrize("name", ["441-02041.fr.petitions-host.txt", "441-02041.fr.www-host.txt"])
def test_french_response_header_and_signer(name: str) -> None:
    p = parse_text_page(read_text(EXCERPTS / name))
    assert p.response is not None
    header = p.response.header.fr or ""
    assert header.startswith("Réponse de la ministre de la Santé mentale et des Dépendances")
    assert p.response.signer == "Élisabeth Brière"
    assert p.response.paragraphs.fr and p.response.paragraphs.en is None
    assert p.addressee.fr == "PÉTITION À LA CHAMBRE DES COMMUNES RÉUNIE EN PARLEMENT"
    assert len(p.grievances.fr or []) == 4 and len(p.prayer.fr or []) == 6


def test_all_caps_attendu_que() -> None:
    p = parse_text_page(read_text(EXCERPTS / "441-01674.fr.petitions-host.txt"))
    assert p.addressee.fr == "Pétition au premier ministre et au gouvernement du Canada"
    grievances = p.grievances.fr or []
    assert len(grievances) == 1 and grievances[0].startswith("ATTENDU QUE le Canada")
    assert (p.prayer.fr or [""])[0].startswith("Nous, soussignés")


def test_cut_excerpt_keeps_its_whereas_list() -> None:
    """The French 441-00155 excerpt stops inside the grievances; they stay grievances."""
    p = parse_text_page(read_text(EXCERPTS / "441-00155.fr.petitions-host.txt"))
    assert len(p.grievances.fr or []) == 5
    assert p.prayer.fr is None


def test_language_override_and_errors() -> None:
    text = "Skip\n\ne-1 (Tests)\nE-petition\nPetition to the House of Commons\nWe, the undersigned, ask.\n"
    assert parse_text_page(text, lang="fr").subject.fr == "Tests"
    with pytest.raises(PageError):
        parse_text_page("   \n  ")
    with pytest.raises(PageError):
        parse_text_page("Skip to main content\nNothing here\n")


# --- The shared wording -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "key"),
    [
        ("Open for signature ", "opened"),
        ("Ouverte pour signature ", "opened"),
        ("Closed for signature", "closed"),
        ("Fermée pour signature ", "closed"),
        ("Presented to the House of Commons ", "presented"),
        ("Présentée à la Chambre des Communes", "presented"),
        ("Présentée à la Chambre des communes ", "presented"),
        ("Government response tabled ", "response"),
        ("Réponse du gouvernement déposée ", "response"),
        ("Certified ", "certified"),
        ("Whereas:", None),
    ],
)
def test_history_labels(label: str, key: str | None) -> None:
    assert history_key(label) == key


def test_response_header_is_not_the_history_label() -> None:
    assert response_header_lang("Réponse du gouvernement déposée") is None
    assert response_header_lang("Réponse du ministre de la Santé") == "fr"
    assert response_header_lang("Réponse des ministres") == "fr"
    assert response_header_lang("Response by the Minister of Health") == "en"
    assert (
        read_signer("Signé par (ministre ou secrétaire parlementaire)\u00a0: Élisabeth Brière")
        == "Élisabeth Brière"
    )
    assert (
        read_signer("Signed by (Minister or Parliamentary Secretary): Kevin Lamoureux") == "Kevin Lamoureux"
    )


def test_initiator_and_language_lines() -> None:
    fr = read_initiator("Lancée par Marie de Souza de Trois-Rivières (Québec)")
    assert fr is not None and (fr.name, fr.city, fr.province) == (
        "Marie de Souza",
        "Trois-Rivières",
        "Québec",
    )
    en = read_initiator("Initiated by Mary Smith from Vancouver, British Columbia")
    assert en is not None and (en.city, en.province) == ("Vancouver", "British Columbia")
    assert read_original_language("Original language of petition:  English") == (True, "en")
    assert read_original_language("Langue d'origine de la pétition : Anglais") == (True, "en")
    assert read_original_language("Langue d'origine de la pétition : English") == (True, "en")
    assert read_original_language("Langue d’origine de la pétition\u00a0: Français") == (True, "fr")
    assert read_original_language("Petition to the House of Commons") == (False, None)


def test_presented_value_taken_apart() -> None:
    v = read_presented(
        "Garnett Genuis (Sherwood Park—Fort Saskatchewan)\n9 février 2022 (Pétition n° 441-00155)", "fr"
    )
    assert (v.member, v.riding, v.on, v.number) == (
        "Garnett Genuis",
        "Sherwood Park—Fort Saskatchewan",
        date(2022, 2, 9),
        "441-00155",
    )


# --- Dates ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("April 15, 2021", date(2021, 4, 15)),
        ("9 février 2022", date(2022, 2, 9)),
        ("1er mars 2022", date(2022, 3, 1)),
        ("25\u00a0mars\u00a02022", date(2022, 3, 25)),
        ("  May  31,   2021 ", date(2021, 5, 31)),
        ("April 15, 2021 (Petition No. 432-00808)", date(2021, 4, 15)),
        ("31 decembre 2021", date(2021, 12, 31)),
        ("2024-03-22", date(2024, 3, 22)),
        ("February 30, 2021", None),
        ("no date here", None),
        ("", None),
    ],
)
def test_parse_date(text: str, expected: date | None) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("September 29, 2026, at 9:31 a.m. (EDT)", "en", datetime(2026, 9, 29, 9, 31, tzinfo=TORONTO)),
        ("January 27, 2027,  at 9:31 a.m. (EDT)", "en", datetime(2027, 1, 27, 9, 31, tzinfo=TORONTO)),
        ("April 24, 2019, at 4:33 p.m. (EDT)", None, datetime(2019, 4, 24, 16, 33, tzinfo=TORONTO)),
        ("May 1, 2020, at 12:05 p.m. (EDT)", "en", datetime(2020, 5, 1, 12, 5, tzinfo=TORONTO)),
        ("30 mars 2022 à 10 h 35 (HAE)", "fr", datetime(2022, 3, 30, 10, 35, tzinfo=TORONTO)),
        (
            "1er\u00a0décembre\u00a02021 à 9\u00a0h\u00a005 (HNE)",
            "fr",
            datetime(2021, 12, 1, 9, 5, tzinfo=TORONTO),
        ),
        ("10/1/2026 8:51:35 PM", None, datetime(2026, 10, 1, 20, 51, 35, tzinfo=TORONTO)),
        ("April 15, 2021", "en", None),
    ],
)
def test_parse_datetime(text: str, lang: str | None, expected: datetime | None) -> None:
    got = parse_datetime(text, lang)
    assert got == expected
    if got is not None:
        assert got.tzinfo == TORONTO


def test_wrong_zone_label_is_ignored() -> None:
    """January with "(EDT)": the wall-clock time is kept, the offset is Ottawa's winter one."""
    got = parse_datetime("January 27, 2027, at 9:31 a.m. (EDT)")
    assert got is not None and got.utcoffset() is not None
    assert got.utcoffset().total_seconds() == -5 * 3600  # type: ignore[union-attr]


def test_date_only_needs_an_explicit_default_time() -> None:
    assert parse_datetime("9 février 2022", "fr") is None
    assert parse_datetime("9 février 2022", "fr", default_time=time(0, 0)) == datetime(
        2022, 2, 9, tzinfo=TORONTO
    )


def test_paper_petition_preamble_is_kept_apart_from_the_grievances() -> None:
    p = parse_text_page(read_text(EXCERPTS / "432-00808.en.petitions-host.txt"))
    assert p.preamble.en == (
        "We, the undersigned citizens of Canada, draw the attention of the House of Commons to the following:"
    )
    assert p.grievances.en == [
        "Whereas, the Government through rhetoric, policy, action, and inaction has led to a national unity crisis."
    ]
    assert Petition.from_dict(p.to_dict()) == p


def test_french_page_preamble() -> None:
    text = "\n".join(
        [
            "441-00001 (Affaires étrangères)",
            "Pétition papier",
            "Langue d'origine de la pétition : Anglais",
            "Pétition à la Chambre des communes",
            "Nous, soussignés, citoyens du Canada, attirons l’attention de la Chambre des communes sur ce qui suit :",
            "Attendu que l’Éthiopie a été déchirée par de durs épisodes de troubles;",
            "Attendu que le conflit embrase la région du Tigré.",
            "Nous, soussignés, prions le gouvernement du Canada de prendre les mesures suivantes :",
            "1. Demander la fin de la violence.",
        ]
    )
    p = parse_text_page(text, lang="fr")
    assert p.preamble.fr and p.preamble.fr.startswith("Nous, soussignés, citoyens du Canada, attirons")
    assert p.grievances.fr == [
        "Attendu que l’Éthiopie a été déchirée par de durs épisodes de troubles;",
        "Attendu que le conflit embrase la région du Tigré.",
    ]
    assert (p.prayer.fr or [""])[0].startswith("Nous, soussignés, prions")


@pytest.mark.parametrize(
    "text",
    [
        "We, the undersigned, draw the attention of the House to the plight of refugees.",  # says something
        "Whereas the petitioners want the attention of the Minister;",
    ],
)
def test_a_grievance_that_mentions_attention_stays_a_grievance(text: str) -> None:
    preamble, grievances, prayer = split_preamble([text], ["Act now."])
    assert preamble is None and grievances == [text] and prayer == ["Act now."]


def test_stored_records_without_a_preamble_still_load() -> None:
    p = parse_text_page(read_text(EXCERPTS / "432-00808.en.petitions-host.txt"))
    stored = p.to_dict()
    del stored["preamble"]  # a record stored before the field existed
    old = Petition.from_dict(stored)
    assert not old.preamble and old.grievances == p.grievances
