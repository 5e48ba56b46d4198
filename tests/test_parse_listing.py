"""The SearchAsync listing: the real first page, a small French page, and answers that are not listings."""

from __future__ import annotations

import json
from datetime import datetime

import pytest

from bot.petitions.model import TORONTO
from bot.petitions.parse import Listing, ListingError, parse_listing, status_id_for
from bot.petitions.status import STATUS_LABELS
from tests.shared_paths import FIXTURES, read_bytes


@pytest.fixture
def page1() -> Listing:
    return parse_listing(read_bytes(FIXTURES / "searchasync.open.recent.page1.en.json"))


def test_first_page_has_twenty_distinct_rows(page1: Listing) -> None:
    assert len(page1.rows) == 20
    numbers = [r.number for r in page1.rows]
    assert len(set(numbers)) == 20
    # The mobile copies (div.Pub … data-id="…-m") are not rows.
    assert all(r.data_id and not r.data_id.endswith("-m") for r in page1.rows)
    assert numbers[:3] == ["e-7787", "e-7775", "e-7810"]


def test_pager_and_language(page1: Listing) -> None:
    assert (page1.first, page1.last, page1.total) == (1, 20, 95)
    assert (page1.page, page1.pages) == (1, 5)
    assert not page1.is_last_page
    assert page1.lang == "en"


def test_row_fields(page1: Listing) -> None:
    row = next(r for r in page1.rows if r.number == "e-7775")
    assert row.kind == "e" and row.subject == "Social affairs and equality"
    assert [(k.id, k.name.en) for k in row.keywords] == [
        (54766, "British Columbia"),
        (39563, "Homelessness and homeless"),
        (39593, "Housing"),
    ]
    assert row.status_label == "Open for signature" and row.status_id == 207
    assert row.until == datetime(2027, 1, 27, 9, 31, tzinfo=TORONTO)
    assert row.sponsor_name == "Jenny Kwan"
    assert row.sponsor_id == 89346  # known from the sponsor refiner
    assert row.signatures == 29
    assert all(isinstance(r.signatures, int) for r in page1.rows)
    assert all(r.until is not None and r.until.tzinfo == TORONTO for r in page1.rows)
    assert next(r for r in page1.rows if r.number == "e-7787").signatures == 658


def test_cut_keywords_use_the_full_title(page1: Listing) -> None:
    names = [k.name.en or "" for r in page1.rows for k in r.keywords]
    assert not any(n.endswith("...") for n in names)
    assert "Army of the Guardians of the Islamic Revolution" in names


def test_refiners_are_read_once(page1: Listing) -> None:
    sponsors = page1.refiners["sponsor"]
    assert [(r.value, r.name) for r in sponsors][:2] == [("2897", "Elizabeth May"), ("89346", "Jenny Kwan")]
    assert len({r.value for r in sponsors}) == len(sponsors)
    assert page1.refiners["type"][0].count == 95


def test_row_to_petition(page1: Listing) -> None:
    fetched = datetime(2026, 10, 1, 21, 0, tzinfo=TORONTO)
    p = next(r for r in page1.rows if r.number == "e-7775").to_petition("en", fetched)
    assert p.number == "e-7775" and p.kind == "e"
    assert p.status_id == 207 and p.status == STATUS_LABELS[207]
    assert p.closed_at == datetime(2027, 1, 27, 9, 31, tzinfo=TORONTO)
    assert p.signatures == 29 and p.subject.en == "Social affairs and equality"
    assert p.sponsor is not None and (p.sponsor.name, p.sponsor.person_id) == ("Jenny Kwan", 89346)
    assert p.url.en == "https://www.ourcommons.ca/petitions/en/Petition/Details?Petition=e-7775"
    assert p.fetched_at == fetched


def test_payload_forms_agree() -> None:
    raw = read_bytes(FIXTURES / "searchasync.open.recent.page1.en.json")
    as_bytes = parse_listing(raw)
    as_text = parse_listing(raw.decode("utf-8"))
    as_dict = parse_listing(json.loads(raw))
    assert as_bytes == as_text == as_dict


FRENCH_FRAGMENT = """\r
<h2 class="refiners-results-count">\r
2 résultats        </h2>\r
<table class="table table-search"><thead><tr><th>Pétition</th><th>Mots-clés</th><th>Type</th>\r
<th>Statut</th><th>Député</th><th>Signatures</th></tr></thead>\r
<tbody id="montr">\r
<tr class="Pub" data-id="1"><td><a class="publicationTitleSearch" href="Details?Petition=e-9001">\r
<span class="spTitle">e-9001 </span><span>Santé</span></a></td>\r
<td><ul><li><a href="?keyword=12&amp;Page=1" class="index" title="">Hôpitaux</a><li>\r
<a href="?keyword=34" class="index" title="Recherche scientifique et scientifiques">Recherche scientifique et sc ...</a></ul></td>\r
<td><span class="hoc-icon icon-television"></span></td>\r
<td><span class="spOpenFSign">Ouverte pour signature  </span><br><span>jusqu'au </span>27 janvier 2027 à 9 h 31 (HAE)</td>\r
<td>Marie  Députée</td><td>1204</td></tr>\r
<div class="Pub visible-xs" data-id="1-m"><div>e-9001</div></div>\r
<tr class="Pub" data-id="2"><td><a class="publicationTitleSearch" href="Details?Petition=e-9002">\r
<span class="spTitle">e-9002 </span><span>Justice</span></a></td><td></td><td></td>\r
<td><span>Fermée</span></td><td>Jean Exemple</td><td>12</td></tr>\r
</tbody></table>\r
<div class="PageRow"><div class="PagingMessage"><b>Résultats :</b> 1 -\r
     2\r
        de 2 | <b>Page :</b> 1 de 1</div></div>\r
"""


def test_small_french_page() -> None:
    listing = parse_listing({"success": True, "html": FRENCH_FRAGMENT})
    assert listing.lang == "fr"
    assert [r.number for r in listing.rows] == ["e-9001", "e-9002"]
    assert (listing.total, listing.page, listing.pages) == (2, 1, 1) and listing.is_last_page
    first, second = listing.rows
    assert first.subject == "Santé" and first.status_id == 207
    assert first.until == datetime(2027, 1, 27, 9, 31, tzinfo=TORONTO)
    assert [(k.id, k.name.fr) for k in first.keywords] == [
        (12, "Hôpitaux"),
        (34, "Recherche scientifique et scientifiques"),
    ]
    assert first.sponsor_name == "Marie Députée" and first.signatures == 1204
    assert second.status_label == "Fermée" and second.status_id == 224 and second.until is None
    p = second.to_petition("fr")
    assert p.status.fr == "Fermée" and p.closed_at is None
    assert p.url.fr == "https://www.noscommunes.ca/petitions/fr/Petition/Details?Petition=e-9002"


def test_empty_result_page() -> None:
    listing = parse_listing(
        {"success": True, "html": '<h2 class="refiners-results-count">0 results found</h2>'}
    )
    assert listing.rows == [] and listing.total == 0 and listing.is_last_page


def test_status_labels_in_both_languages() -> None:
    assert status_id_for("Open for signature  ") == 207
    assert status_id_for("Réponse du gouvernement déposée") == 223
    assert status_id_for("Something new") is None


# --- Answers that are not a listing -------------------------------------------------------


@pytest.mark.parametrize(
    "payload",
    [
        "",
        b"   ",
        "not json at all",
        "{truncated",
        "[1, 2, 3]",
        "<!DOCTYPE html><html><body><form id='SearchForm'></form></body></html>",
        b"<html><head><title>reCAPTCHA</title></head><body><div class='g-recaptcha'></div></body></html>",
        {"success": False, "html": ""},
        {"html": "<table><tr class='Pub'></tr></table>"},
        {"success": True},
        {"success": True, "html": 42},
        {"success": True, "html": "<html><body><h1>e-7775 (Social affairs and equality)</h1></body></html>"},
    ],
)
def test_not_a_listing(payload: str | bytes | dict[str, object]) -> None:
    with pytest.raises(ListingError):
        parse_listing(payload)  # type: ignore[arg-type]


def test_html_where_json_was_expected_says_so() -> None:
    with pytest.raises(ListingError, match="captcha"):
        parse_listing("<html><body>Please complete the captcha</body></html>")
    assert issubclass(ListingError, ValueError)
