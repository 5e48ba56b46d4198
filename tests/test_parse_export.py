"""The XML export: small hand-written files following the reported element names."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from bot.petitions.model import TORONTO
from bot.petitions.parse import ExportError, parse_export
from bot.petitions.status import STATUS_LABELS

NOT_CERTIFIED_E_PETITION = """<?xml version="1.0" encoding="utf-8"?>
<ArrayOfPetition>
  <Petition Id="501" TypeId="81830" SignatureCount="61" Title="e-1111 (National day)">
    <Parliament ParliamentNumber="42" Session="1">42nd Parliament</Parliament>
    <StatusId>229</StatusId>
    <StatusName>Not certified</StatusName>
    <StatusReachedDateTime>August 23, 2019</StatusReachedDateTime>
    <PetitionNumber>e-1111</PetitionNumber>
    <PetitionerFirstName>Ada</PetitionerFirstName>
    <PetitionerLastName>Byron</PetitionerLastName>
    <Sponsor PersonId="1234">
      <ShortHonorific>Hon.</ShortHonorific><FirstName>Pat</FirstName><LastName>Example</LastName>
      <Constituency>Sarnia—Lambton</Constituency><Caucus>Conservative</Caucus><ProvinceCode>ON</ProvinceCode>
    </Sponsor>
    <SignatureOpeningDateTime>April 24, 2019, at 4:33 p.m. (EDT)</SignatureOpeningDateTime>
    <SignatureClosingDateTime>August 22, 2019, at 4:33 p.m. (EDT)</SignatureClosingDateTime>
    <CertificationDateTime>August 23, 2019</CertificationDateTime>
    <Prayer>Petition to the &lt;Addressee type="3" affiliationId="" mp-riding-display="1"&gt;Government of Canada&lt;/Addressee&gt;<Grievances>Whereas:<WhereAs>A day was proposed; and</WhereAs><WhereAs>It has not been named.</WhereAs></Grievances><?xm-replace_text Para?><Para>We, the undersigned, call upon the Government of Canada to name the day.</Para></Prayer>
    <Keywords><Term Id="77">Commemorations</Term><Term>Holidays</Term></Keywords>
    <ProvinceSignatures Province="ON" SignatureCount="40"/>
    <ProvinceSignatures Province="QC" SignatureCount="21"/>
  </Petition>
  <Petition Title="432-01999 (Justice)">
    <StatusId>291</StatusId>
    <StatusName>Not answered before dissolution</StatusName>
    <StatusReachedDateTime>August 15, 2021</StatusReachedDateTime>
    <PetitionNumber>432-01999</PetitionNumber>
    <Sponsor><FirstName>Lee</FirstName><LastName>Member</LastName><Constituency>Peace River—Westlock</Constituency>
      <Caucus>Conservative</Caucus><ProvinceCode>AB</ProvinceCode></Sponsor>
    <PresentedDateTime>June 22, 2021</PresentedDateTime>
    <Prayer><Para>PETITION TO THE HOUSE OF COMMONS IN PARLIAMENT ASSEMBLED</Para>
      <Para>WE, THE UNDERSIGNED RESIDENTS OF CANADA, draw the attention of the House to the following:</Para>
      <Para>THAT doctors should not be forced to act against conscience;</Para>
      <Para>THEREFORE your petitioners call upon Parliament to protect conscience.</Para></Prayer>
    <Keywords><Term>Doctors</Term></Keywords>
  </Petition>
</ArrayOfPetition>
"""

FRENCH_ANSWERED_WITH_ENGLISH_RESPONSE = """<?xml version="1.0" encoding="utf-8"?>
<ArrayOfPetition>
  <Petition>
    <Parliament>44e législature</Parliament>
    <StatusId>223</StatusId>
    <StatusName>Réponse du gouvernement déposée</StatusName>
    <StatusReachedDateTime>22 mars 2024</StatusReachedDateTime>
    <PetitionNumber>441-02999</PetitionNumber>
    <Title>441-02999 (Affaires étrangères)</Title>
    <Sponsor><FirstName>Mo</FirstName><LastName>Vert</LastName><Constituency>Kitchener-Centre</Constituency>
      <Caucus>Parti vert</Caucus><ProvinceCode>ON</ProvinceCode></Sponsor>
    <PresentedDateTime>26 février 2024</PresentedDateTime>
    <GovernmentResponseDateTime>22 mars 2024</GovernmentResponseDateTime>
    <CertificationDateTime>12 janvier 2024</CertificationDateTime>
    <Prayer>PÉTITION AU GOUVERNEMENT DU CANADA<Para>Nous, soussignés, demandons au gouvernement de :</Para><Para>1. Agir maintenant.</Para></Prayer>
    <Response>Response by the Minister of Foreign Affairs<Signer>Signed by (Minister or Parliamentary Secretary): Rob Example</Signer><para>Canada follows the situation closely.</para><para>Canada will keep working with partners.</para></Response>
  </Petition>
</ArrayOfPetition>
"""


def test_not_certified_e_petition() -> None:
    first = parse_export(NOT_CERTIFIED_E_PETITION)[0]
    assert first.number == "e-1111" and first.kind == "e"
    assert (first.parliament, first.session) == (42, 1)
    assert first.status_id == 229 and first.status.en == "Not certified"
    assert first.subject.en == "National day"
    assert first.initiator is not None and first.initiator.name == "Ada Byron"
    assert first.opened_at == datetime(2019, 4, 24, 16, 33, tzinfo=TORONTO)
    assert first.closed_at == datetime(2019, 8, 22, 16, 33, tzinfo=TORONTO)
    assert first.certified_on == date(2019, 8, 23)
    assert first.signatures == 61
    assert first.signatures_by_province == {"Ontario": 40, "Quebec": 21}
    assert [(k.id, k.name.en) for k in first.keywords] == [(77, "Commemorations"), (None, "Holidays")]


def test_sponsor_from_export_uses_page_province_names() -> None:
    sponsor = parse_export(NOT_CERTIFIED_E_PETITION)[0].sponsor
    assert sponsor is not None
    assert (sponsor.name, sponsor.person_id, sponsor.riding) == ("Pat Example", 1234, "Sarnia—Lambton")
    assert sponsor.caucus.en == "Conservative"
    assert sponsor.province.en == "Ontario" and sponsor.province.fr == "Ontario"


def test_prayer_with_escaped_addressee_and_placeholder() -> None:
    first = parse_export(NOT_CERTIFIED_E_PETITION.encode("utf-8"))[0]
    assert first.addressee.en == "Petition to the Government of Canada"
    assert first.grievances.en == ["A day was proposed; and", "It has not been named."]
    assert first.prayer.en == ["We, the undersigned, call upon the Government of Canada to name the day."]


def test_paper_petition_not_answered_before_dissolution() -> None:
    second = parse_export(NOT_CERTIFIED_E_PETITION)[1]
    assert second.number == "432-01999" and second.kind == "paper"
    assert (second.parliament, second.session) == (43, 2)
    assert second.status_id == 291 and second.status.en == "Not answered before dissolution"
    assert second.presented_on == date(2021, 6, 22)
    assert second.initiator is None and second.opened_at is None and second.signatures is None
    assert second.addressee.en == "PETITION TO THE HOUSE OF COMMONS IN PARLIAMENT ASSEMBLED"
    # The preamble is the petition's opening, not its first grievance.
    assert (
        second.preamble.en
        == "WE, THE UNDERSIGNED RESIDENTS OF CANADA, draw the attention of the House to the following:"
    )
    assert second.grievances.en == ["THAT doctors should not be forced to act against conscience;"]
    assert second.prayer.en == ["THEREFORE your petitioners call upon Parliament to protect conscience."]
    assert second.sponsor is not None and second.sponsor.province.en == "Alberta"


def test_french_export_with_english_response() -> None:
    (p,) = parse_export(FRENCH_ANSWERED_WITH_ENGLISH_RESPONSE)
    assert p.subject.fr == "Affaires étrangères" and p.subject.en is None
    assert p.status_id == 223
    assert p.status.fr == "Réponse du gouvernement déposée" and p.status.en == "Government response tabled"
    assert p.presented_on == date(2024, 2, 26)
    assert p.response_tabled_on == date(2024, 3, 22)
    assert p.certified_on == date(2024, 1, 12)
    assert p.addressee.fr == "PÉTITION AU GOUVERNEMENT DU CANADA"
    assert p.prayer.fr == ["Nous, soussignés, demandons au gouvernement de :", "1. Agir maintenant."]
    assert p.sponsor is not None and p.sponsor.caucus.fr == "Parti vert"
    assert p.response is not None
    assert (
        p.response.header.en == "Response by the Minister of Foreign Affairs" and p.response.header.fr is None
    )
    assert p.response.signer == "Rob Example"
    assert p.response.paragraphs.en == [
        "Canada follows the situation closely.",
        "Canada will keep working with partners.",
    ]
    assert p.url.fr == "https://www.noscommunes.ca/petitions/fr/Petition/Details?Petition=441-02999"


def test_names_match_case_insensitively_in_any_form() -> None:
    xml = (
        "<petitions xmlns='urn:example'><petition signaturecount='7'><petitionnumber>e-42</petitionnumber>"
        "<title>e-42 (Health)</title><statusid>207</statusid>"
        "<prayer>Petition to the <addressee type='1'>House of Commons</addressee>"
        "<para>We ask.</para></prayer><unknownthing>ignored</unknownthing></petition></petitions>"
    )
    (p,) = parse_export(xml)
    assert p.number == "e-42" and p.subject.en == "Health" and p.signatures == 7
    assert p.status_id == 207 and p.status.fr == "Ouverte pour signature"
    assert p.addressee.en == "Petition to the House of Commons"
    assert p.prayer.en == ["We ask."]


@pytest.mark.parametrize("status_id", [207, 223, 224, 226, 229, 289, 291])
def test_every_seen_status_id_has_labels(status_id: int) -> None:
    xml = f"<ArrayOfPetition><Petition><PetitionNumber>e-5</PetitionNumber><StatusId>{status_id}</StatusId></Petition></ArrayOfPetition>"
    (p,) = parse_export(xml)
    assert p.status_id == status_id
    assert p.status == STATUS_LABELS[status_id]
    assert p.status.en and p.status.fr


def test_language_can_be_forced() -> None:
    (p,) = parse_export(
        "<ArrayOfPetition><Petition><PetitionNumber>e-5</PetitionNumber><Title>e-5 (Santé)</Title></Petition></ArrayOfPetition>",
        lang="fr",
    )
    assert p.subject.fr == "Santé" and p.subject.en is None


def test_empty_export_is_an_empty_list() -> None:
    assert parse_export("<ArrayOfPetition></ArrayOfPetition>") == []


@pytest.mark.parametrize(
    "junk",
    [
        "",
        b"   ",
        "this is not xml",
        "<ArrayOfPetition><Petition>",
        "<!DOCTYPE html><html><body><p>Search<br></body></html>",
        "<rss><channel><title>Feed</title></channel></rss>",
        '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>',
        '{"success": true}',
    ],
)
def test_not_an_export(junk: str | bytes) -> None:
    with pytest.raises(ExportError):
        parse_export(junk)
    assert issubclass(ExportError, ValueError)
