"""Details pages: the real e-7775 page, hand-made pages for what was only reported, and garbage."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from bot.petitions.model import TORONTO
from bot.petitions.parse import PageError, parse_details
from bot.petitions.status import STATUS_LABELS
from tests.shared_paths import FIXTURES, read_bytes

FETCHED = datetime(2026, 10, 1, 21, 0, tzinfo=TORONTO)


@pytest.fixture
def e7775() -> bytes:
    return read_bytes(FIXTURES / "e-7775.en.html")


def test_open_e_petition_page_gives_every_part(e7775: bytes) -> None:
    p = parse_details(e7775, fetched_at=FETCHED)
    assert p is not None
    assert p.number == "e-7775" and p.kind == "e"
    assert p.subject.en == "Social affairs and equality" and p.subject.fr is None
    assert [(k.id, k.name.en) for k in p.keywords] == [
        (54766, "British Columbia"),
        (39563, "Homelessness and homeless"),
        (39593, "Housing"),
    ]
    assert p.initiator is not None
    assert (p.initiator.name, p.initiator.city, p.initiator.province) == (
        "Mary Smith",
        "Vancouver",
        "British Columbia",
    )
    assert p.original_language == "en"
    assert p.addressee.en == "Petition to the House of Commons"


def test_e7775_petition_text(e7775: bytes) -> None:
    p = parse_details(e7775)
    assert p is not None
    grievances = p.grievances.en or []
    assert len(grievances) == 4
    assert grievances[0].startswith("Thousands of people in Vancouver")
    assert grievances[-1].endswith("Housing First Program.")
    prayer = p.prayer.en or []
    assert len(prayer) == 3
    assert prayer[0] == "We, the undersigned, citizens of Canada, call upon the House of Commons to:"
    assert prayer[1].startswith("1. Take immediate action") and prayer[2].startswith("2. Commit")
    assert p.response is None and not p.has_response


def test_e7775_sponsor_signatures_and_dates(e7775: bytes) -> None:
    p = parse_details(e7775, fetched_at=FETCHED)
    assert p is not None
    s = p.sponsor
    assert s is not None
    assert (s.name, s.person_id, s.riding) == ("Jenny Kwan", 89346, "Vancouver East")
    assert s.caucus.en == "New Democratic Party Caucus"
    assert s.province.en == "British Columbia"
    assert p.signatures == 29
    assert sum(p.signatures_by_province.values()) == 29
    assert p.signatures_by_province["British Columbia"] == 12
    assert p.opened_at == datetime(2026, 9, 29, 9, 31, tzinfo=TORONTO)
    assert p.closed_at == datetime(2027, 1, 27, 9, 31, tzinfo=TORONTO)
    # The page says "(EDT)" for January; Ottawa is on EST then, and the label is ignored.
    assert p.closed_at is not None and p.closed_at.utcoffset() is not None
    assert p.closed_at.utcoffset().total_seconds() == -5 * 3600  # type: ignore[union-attr]
    assert p.url.en == "https://www.ourcommons.ca/petitions/en/Petition/Details?Petition=e-7775"


def test_status_is_derived_only_from_what_the_page_shows(e7775: bytes) -> None:
    open_now = parse_details(e7775, fetched_at=FETCHED)
    assert open_now is not None and open_now.status_id == 207
    assert open_now.status == STATUS_LABELS[207]
    after_close = parse_details(e7775, fetched_at=datetime(2027, 3, 1, tzinfo=TORONTO))
    assert after_close is not None and after_close.status_id is None  # closed, but which way is unknown
    no_clock = parse_details(e7775)
    assert no_clock is not None and no_clock.status_id is None


def test_line_endings_do_not_change_the_result(e7775: bytes) -> None:
    as_served = parse_details(e7775, fetched_at=FETCHED)
    lf_only = parse_details(e7775.replace(b"\r\n", b"\n"), fetched_at=FETCHED)
    crlf_only = parse_details(e7775.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n"), fetched_at=FETCHED)
    assert as_served is not None and lf_only is not None and crlf_only is not None
    assert as_served.to_dict() == lf_only.to_dict() == crlf_only.to_dict()


def test_str_and_bytes_give_the_same_record(e7775: bytes) -> None:
    a = parse_details(e7775)
    b = parse_details(e7775.decode("utf-8"))
    assert a is not None and b is not None and a.to_dict() == b.to_dict()


# --- Hand-made pages for markup that was only reported -------------------------------------


def _page(lang: str, body: str) -> str:
    return (
        f'<!DOCTYPE html>\r\n<html lang="{lang}"><head><title>Petition</title></head>\n<body>'
        f'<main><div class="col-md-9">{body}</div></main>\n</body></html>'
    )


FRENCH_PRESENTED_E_PETITION = _page(
    "fr-CA",
    """
<h1 data-cachedDateTime="3/1/2022 1:00:00 PM">e-1234 (Justice)</h1>
<div class="introDetails">
  <ul class="pi-keywords"><li class="pi-cat">Mots-clés </li><li class="indexDetails"> <a href="../Petition/Search?View=D&amp;Keyword=111&amp;category=All">Tribunaux </a><li class="indexDetails"> <a href="../Petition/Search?View=D&Keyword=222&category=All">Juges </a></ul>
  <div class="icon"><span class="hoc-icon icon-television"></span><span>Pétition électronique</span></div>
  <div><span> Lancée par Élise Tremblay d'Ottawa (Ontario) </span></div>
  <div><p>Langue d'origine de la pétition :\u00a0Français</p></div>
</div>
<div id="accordion1">
 <div class="accordion-item"><a href="#accordion1-collapse-item-1" id="tab1"><h2 class="pet-table-col">Détails</h2></a>
  <div id="accordion1-collapse-item-1"><div class="pet-details-text"><div class="pet-prayer">
   <h3>Pétition au gouvernement du Canada</h3>
   <div>Attendu que :</div>
   <ul class="whereas"><li>Les audiences sont trop longues;<li>Les délais coûtent cher.</ul>
   <div><div class="pet-para">Nous, soussignés, citoyens du Canada, prions le gouvernement du Canada de :</div>
   <div class="pet-para">1. Raccourcir les délais.</div></div>
  </div>
  <div class="pet-reponse" language="fr">
   <h3 class="title">Réponse du ministre de la Justice</h3>
   <div>Signé par (ministre ou secrétaire parlementaire)\u00a0: Jean Exemple</div>
   <div class="rep-paras"><p class="rep-para">Le gouvernement étudie la question.</p><p class="rep-para">Il fera rapport.</p></div>
  </div>
 </div></div></div>
 <div class="accordion-item"><a href="#accordion1-collapse-item-3" id="tab1"><h2 class="pet-table-col">Historique</h2></a>
  <div id="accordion1-collapse-item-3"><div class="panel-body history-section"><dl>
   <dt>Ouverte pour signature </dt><dd>1er décembre 2021 à 10 h 35 (HNE)</dd>
   <dt>Fermée pour signature </dt><dd>30 mars 2022 à 10 h 35 (HAE)</dd>
   <dt>Présentée à la Chambre des communes </dt>
   <dd><a class="underlined-link" href="#">Marie Députée</a> (Quelque-Part—Ailleurs)<br /><span>9 février 2022 (Pétition n° 441-00155)</span></dd>
   <dt>Réponse du gouvernement déposée </dt><dd>25 mars 2022</dd>
  </dl></div></div>
 </div>
 <div class="accordion-item"><a href="#accordion1-collapse-item-20" id="tab1"><h2 class="pet-table-col">Député</h2></a>
  <div id="accordion1-collapse-item-20"><div class="row vertical-align">
   <div class="member-photo"><img alt="Photo - Marie Députée" src="x.jpg" /></div>
   <div class="member-details" id="DetailsMember">
    <div><a href="http://www.ourcommons.ca/Parliamentarians/fr/members/Marie-Deputee(4242)">  Marie   Députée </a></div>
    <div>Quelque-Part—Ailleurs</div><div>Caucus Libéral</div><div>Ontario</div>
   </div></div></div>
 </div>
 <div class="accordion-item"><a href="#accordion1-collapse-item-2"><h2 class="pet-table-col"> 1\u00a0204 signatures </h2></a>
  <div id="accordion1-collapse-item-2"><table class="table epetition-table"><tbody>
   <tr class="epetition-table-tr"><td>Ontario</td><td>1200</td></tr>
   <tr class="epetition-table-tr"><td>Québec</td><td>4</td></tr>
  </tbody></table></div>
 </div>
</div>
""",
)


def test_french_page_read_on_the_french_side() -> None:
    p = parse_details(FRENCH_PRESENTED_E_PETITION.encode("utf-8"))
    assert p is not None
    assert p.number == "e-1234" and p.kind == "e"
    assert p.subject.fr == "Justice" and p.subject.en is None
    assert [(k.id, k.name.fr) for k in p.keywords] == [(111, "Tribunaux"), (222, "Juges")]
    assert p.initiator is not None
    assert (p.initiator.name, p.initiator.city, p.initiator.province) == (
        "Élise Tremblay",
        "Ottawa",
        "Ontario",
    )
    assert p.original_language == "fr"
    assert p.addressee.fr == "Pétition au gouvernement du Canada"
    assert p.grievances.fr == ["Les audiences sont trop longues;", "Les délais coûtent cher."]
    assert p.prayer.fr is not None and len(p.prayer.fr) == 2
    assert p.url.fr == "https://www.noscommunes.ca/petitions/fr/Petition/Details?Petition=e-1234"


def test_french_history_and_presented_number() -> None:
    p = parse_details(FRENCH_PRESENTED_E_PETITION)
    assert p is not None
    assert p.opened_at == datetime(2021, 12, 1, 10, 35, tzinfo=TORONTO)
    assert p.closed_at == datetime(2022, 3, 30, 10, 35, tzinfo=TORONTO)
    assert p.presented_on == date(2022, 2, 9)
    assert p.response_tabled_on == date(2022, 3, 25)
    # An e-petition gets a paper number when presented; it also tells the parliament and session.
    assert p.presented_number == "441-00155"
    assert (p.parliament, p.session) == (44, 1)
    assert p.status_id == 223 and p.status.fr == "Réponse du gouvernement déposée"


def test_french_response_markup_sponsor_and_signatures() -> None:
    p = parse_details(FRENCH_PRESENTED_E_PETITION)
    assert p is not None and p.response is not None
    assert p.response.header.fr == "Réponse du ministre de la Justice"
    assert p.response.signer == "Jean Exemple"
    assert p.response.paragraphs.fr == ["Le gouvernement étudie la question.", "Il fera rapport."]
    assert p.sponsor is not None
    assert (p.sponsor.name, p.sponsor.person_id, p.sponsor.riding) == (
        "Marie Députée",
        4242,
        "Quelque-Part—Ailleurs",
    )
    assert p.sponsor.caucus.fr == "Caucus Libéral" and p.sponsor.province.fr == "Ontario"
    assert p.signatures == 1204
    assert p.signatures_by_province == {"Ontario": 1200, "Québec": 4}


PAPER_PETITION_WITHOUT_RESPONSE_MARKUP = _page(
    "en",
    """
<h1>432-00999 (Fisheries)</h1>
<div class="introDetails"><div class="icon"><span>Paper petition</span></div>
<div><p>Original language of petition:  French</p></div></div>
<div id="accordion1-collapse-item-1"><div class="pet-details-text">
 <div class="pet-prayer">
  <p>PETITION TO THE HOUSE OF COMMONS IN PARLIAMENT ASSEMBLED</p>
  <p>Whereas, the cod stocks are low;</p>
  <p>Whereas, the season is short;</p>
  <p>Therefore we, the undersigned, call on the House to extend the season.</p>
 </div>
 <h3>Response by the Minister of Fisheries</h3>
 <p>Signed by (Minister or Parliamentary Secretary): Sam Sample</p>
 <p>The Government thanks the petitioners.</p>
 <p>Stocks are monitored every year.</p>
</div></div>
<div class="history-section"><dl>
 <dt>Presented to the House of Commons </dt>
 <dd><a class="underlined-link" href="#">Sam Member</a> (North Shore)<br><span>April 15, 2021 (Petition No. 432-00999)</span></dd>
 <dt>Government response tabled </dt><dd>May 31, 2021</dd>
</dl></div>
""",
)


def test_response_found_by_its_text_when_markup_differs() -> None:
    p = parse_details(PAPER_PETITION_WITHOUT_RESPONSE_MARKUP)
    assert p is not None and p.kind == "paper"
    assert p.response is not None
    assert p.response.header.en == "Response by the Minister of Fisheries"
    assert p.response.signer == "Sam Sample"
    assert p.response.paragraphs.en == [
        "The Government thanks the petitioners.",
        "Stocks are monitored every year.",
    ]
    # The response must not leak into the petition text.
    assert all("Government thanks" not in x for x in p.prayer.en or [])


def test_paper_petition_plain_paragraphs_and_presenter() -> None:
    p = parse_details(PAPER_PETITION_WITHOUT_RESPONSE_MARKUP)
    assert p is not None
    assert p.original_language == "fr"
    assert p.addressee.en == "PETITION TO THE HOUSE OF COMMONS IN PARLIAMENT ASSEMBLED"
    assert p.grievances.en == ["Whereas, the cod stocks are low;", "Whereas, the season is short;"]
    assert p.prayer.en == ["Therefore we, the undersigned, call on the House to extend the season."]
    assert p.presented_on == date(2021, 4, 15)
    assert p.presented_number is None  # a paper petition's number is already its presented number
    assert (p.parliament, p.session) == (43, 2)
    assert p.sponsor is not None and (p.sponsor.name, p.sponsor.riding) == ("Sam Member", "North Shore")


# --- What is not a details page ----------------------------------------------------------


@pytest.mark.parametrize("body", [b"", b"   \r\n\t", "", "\n \u00a0 \n"])
def test_empty_body_means_not_found(body: str | bytes) -> None:
    assert parse_details(body) is None


def test_search_page_is_refused() -> None:
    page = _page(
        "en",
        '<h1>Search petitions</h1><form id="SearchForm" action="/petitions/en/Petition/Search">'
        '<input name="Text"></form><script src="https://www.recaptcha.net/recaptcha/enterprise.js"></script>',
    )
    with pytest.raises(PageError, match="search page"):
        parse_details(page)


def test_challenge_page_is_refused() -> None:
    page = _page(
        "en",
        '<h1>One more step</h1><p>Please complete the security check.</p><div class="g-recaptcha" data-sitekey="x"></div>',
    )
    with pytest.raises(PageError, match="captcha"):
        parse_details(page)


def test_truncated_page_is_refused(e7775: bytes) -> None:
    after_heading = e7775.index(b"accordion1-collapse-item-20")
    with pytest.raises(PageError, match="cut short"):
        parse_details(e7775[:after_heading])
    with pytest.raises(PageError, match="cut short"):
        parse_details(e7775[: e7775.index(b"<h1")])


@pytest.mark.parametrize(
    "junk", ["just some words", '{"success": true, "html": ""}', "<html><body><p>hi</p></body></html>"]
)
def test_garbage_is_refused(junk: str) -> None:
    with pytest.raises(PageError):
        parse_details(junk)


def test_page_error_is_a_value_error() -> None:
    assert issubclass(PageError, ValueError)


def _paper_page(lang: str, number: str, paragraphs: list[str]) -> str:
    paras = "".join(f'<div class="pet-para">{text}</div>' for text in paragraphs)
    return _page(
        lang,
        f"""
<h1>{number} (Foreign affairs)</h1>
<div class="introDetails"><div class="icon"><span>Paper petition</span></div></div>
<div id="accordion1-collapse-item-1"><div class="pet-details-text"><div class="pet-prayer">
 <h3>{"Pétition à la Chambre des communes" if lang == "fr" else "Petition to the House of Commons"}</h3>
 <div>{paras}</div>
</div></div></div>
""",
    )


def test_paper_petition_preamble_is_not_a_grievance() -> None:
    english = parse_details(
        _paper_page(
            "en",
            "441-00001",
            [
                "We, the undersigned citizens of Canada, draw the attention of the House of Commons to the following:",
                "Whereas Ethiopia has been torn by violence;",
                "Whereas humanitarian access is blocked.",
                "We, the undersigned, call upon the Government of Canada to:",
                "1. Call for an end to the violence.",
            ],
        )
    )
    assert english is not None
    assert english.preamble.en == (
        "We, the undersigned citizens of Canada, draw the attention of the House of Commons to the following:"
    )
    assert english.grievances.en == [
        "Whereas Ethiopia has been torn by violence;",
        "Whereas humanitarian access is blocked.",
    ]
    assert english.prayer.en == [
        "We, the undersigned, call upon the Government of Canada to:",
        "1. Call for an end to the violence.",
    ]
    french = parse_details(
        _paper_page(
            "fr",
            "441-00001",
            [
                "Nous, soussignés, citoyens du Canada, attirons l’attention de la Chambre des communes sur ce qui suit :",
                "Attendu que l’Éthiopie a été déchirée par la violence;",
                "Nous, soussignés, prions le gouvernement du Canada de prendre les mesures suivantes :",
            ],
        )
    )
    assert french is not None
    assert french.preamble.fr == (
        "Nous, soussignés, citoyens du Canada, attirons l’attention de la Chambre des communes sur ce qui suit :"
    )
    assert french.grievances.fr == ["Attendu que l’Éthiopie a été déchirée par la violence;"]
    assert english.merge(french).preamble == english.preamble.merge(french.preamble)


def test_a_preamble_run_into_the_first_grievance_is_split_from_it() -> None:
    p = parse_details(
        _paper_page(
            "en",
            "432-01211",
            [
                "WE, THE UNDERSIGNED RESIDENTS OF CANADA, draw the attention of the House to the following:"
                "THAT coercion of physicians violates freedom of conscience;",
                "THAT s.2 of the Charter protects freedom of conscience;",
                "THEREFORE your petitioners call upon the Parliament of Canada to protect conscience.",
            ],
        )
    )
    assert p is not None
    assert (
        p.preamble.en
        == "WE, THE UNDERSIGNED RESIDENTS OF CANADA, draw the attention of the House to the following:"
    )
    assert p.grievances.en == [
        "THAT coercion of physicians violates freedom of conscience;",
        "THAT s.2 of the Charter protects freedom of conscience;",
    ]


def test_an_e_petition_has_no_preamble(e7775: bytes) -> None:
    p = parse_details(e7775)
    assert p is not None and not p.preamble
    assert "preamble" not in p.to_dict()  # records without one are encoded (and hashed) as before
