"""The generated world's calendar and its records: what the replayed pages show about each petition."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal

from bot.petitions.model import Bi, Keyword, Lang
from tests.replay._vocabulary import PROVINCES

Kind = Literal["e", "paper"]

TODAY = date(2026, 12, 1)
"""The generated world's day; everything in it happened before this day began."""

PARLIAMENTS: dict[int, tuple[tuple[int, date, date | None], ...]] = {
    42: ((1, date(2015, 12, 3), date(2019, 9, 11)),),
    43: ((1, date(2019, 12, 5), date(2020, 8, 18)), (2, date(2020, 9, 23), date(2021, 8, 15))),
    44: ((1, date(2021, 11, 22), date(2025, 3, 23)),),
    45: ((1, date(2025, 5, 26), None),),
}
"""Sessions (number, first day, last day); the current Parliament's last session has no end."""

PRESENTED_LABEL: Bi[str] = Bi("Presented to the House of Commons", "Présentée à la Chambre des communes")
"""The status shown for a petition presented and awaiting its response; its id was never seen."""


# --- The records ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ReplayMember:
    name: str
    person_id: int
    riding: Bi[str]
    caucus: Bi[str]
    province: Bi[str]
    party: str  # as in the photo file name: Lib, CPC, NDP, BQ, GP


@dataclass(frozen=True, slots=True)
class ReplayInitiator:
    name: str
    city: str
    province: str  # code, see PROVINCES

    def sentence(self, lang: str) -> str:
        """The initiator line: "Initiated by Mary Smith from Vancouver, British Columbia", "Lancée par … d'Ottawa (Ontario)"."""
        province = PROVINCES[self.province]
        if lang == "fr":
            de = "d'" if self.city[:1].lower() in "aeiouyéèêàâîô" else "de "
            return f"Lancée par {self.name} {de}{self.city} ({province.fr})"
        return f"Initiated by {self.name} from {self.city}, {province.en}"


@dataclass(frozen=True, slots=True)
class ReplayPetition:
    """Everything the replayed pages show about one petition.

    Text fields are `Bi` pairs of tuples; a response known only in English has `fr=None` and the French
    page shows the English text. Dates are Ottawa local; `status_on` is when the status was reached
    (what a listing row shows for anything but an open petition).
    """

    number: str
    kind: Kind
    parliament: int
    session: int
    data_id: int
    subject: Bi[str]
    keywords: tuple[Keyword, ...]
    sponsor: ReplayMember
    initiator: ReplayInitiator | None
    original_language: Lang
    addressee: Bi[str]
    grievances: Bi[tuple[str, ...]]
    prayer: Bi[tuple[str, ...]]
    whereas_list: bool  # a "Whereas:" label and a bulleted list, else plain paragraphs
    status_id: int | None
    status: Bi[str]
    status_on: date
    opened_at: datetime | None = None
    closed_at: datetime | None = None
    presented_on: date | None = None
    presented_number: str | None = None
    response_tabled_on: date | None = None
    response_header: Bi[str] = field(default_factory=Bi)
    response_signer: str | None = None
    response_paragraphs: Bi[tuple[str, ...]] = field(default_factory=Bi)
    signatures: int | None = None
    signatures_by_province: tuple[tuple[str, int], ...] = ()  # (province code, count)
    published: bool = True
    preamble: Bi[str] = field(default_factory=Bi)  # "… draw the attention of the House … to the following:"

    @property
    def answered(self) -> bool:
        return bool(self.response_paragraphs)

    @property
    def last_event(self) -> date:
        """The day of the latest thing that happened to it, what `order=Recent` sorts on.

        The status is always the latest event: opening for an open petition, then closing,
        certification, presentation, the response or the dissolution.
        """
        return self.status_on

    def by_province(self, lang: str) -> dict[str, int]:
        return {PROVINCES[code].get(lang) or code: n for code, n in self.signatures_by_province}

    def original_language_label(self, lang: str) -> str:
        if lang == "fr":
            return f"Langue d'origine de la pétition : {'Anglais' if self.original_language == 'en' else 'Français'}"
        return f"Original language of petition:  {'English' if self.original_language == 'en' else 'French'}"
