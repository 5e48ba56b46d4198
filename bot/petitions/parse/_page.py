"""The record a details page makes, whichever way the page was read (its visible text or its HTML).

Both readers of a details page end here, so a page gives the same record whether its markup or
only its text was understood.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import date, datetime

from bot.petitions.errors import BadPetitionNumber
from bot.petitions.model import TORONTO, Initiator, Keyword, Kind, Lang, Petition, Response, Sponsor
from bot.petitions.numbers import PetitionNumber, detail_url, parse_number
from bot.petitions.parse._wording import Presented, on_side
from bot.petitions.status import STATUS_LABELS, Status

log = logging.getLogger(__name__)


class PageError(ValueError):
    """Not a details page: garbage, a search page, a challenge page, a cut-off body.

    Distinct from an empty body, which the site sends for an unpublished number
    and which callers treat as "not found".
    """


def derive_status(p: Petition) -> Petition:
    """Fill the status when the source did not state one.

    Details pages never print a status. From what they do show: a tabled response
    means answered; a closing time still ahead of `fetched_at` means open.
    Anything else (closed, not certified, dissolved…) cannot be told apart, so
    the status stays unknown. Without `fetched_at` "open" is never guessed, so
    the result does not depend on the clock.
    """
    if p.status_id is not None or p.status:
        return p
    status_id: int | None = None
    if p.has_response or p.response_tabled_on:
        status_id = int(Status.ANSWERED)  # a plain int, as every source stores it
    elif p.fetched_at and p.closed_at:
        now = p.fetched_at if p.fetched_at.tzinfo else p.fetched_at.replace(tzinfo=TORONTO)
        if p.closed_at > now and (p.opened_at is None or p.opened_at <= now):
            status_id = int(Status.OPEN)
    if status_id is None:
        return p
    return replace(p, status_id=status_id, status=STATUS_LABELS[status_id])


def finish(
    *,
    number: PetitionNumber,
    kind_label: Kind | None,
    lang: Lang,
    subject: str | None,
    keywords: tuple[Keyword, ...],
    original_language: Lang | None,
    addressee: str | None,
    initiator: Initiator | None,
    sponsor: Sponsor | None,
    opened_at: datetime | None,
    closed_at: datetime | None,
    certified_on: date | None,
    presented: Presented,
    response_tabled_on: date | None,
    signatures: int | None,
    by_province: dict[str, int],
    grievances: list[str],
    prayer: list[str],
    response: Response | None,
    url: str | None,
    fetched_at: datetime | None,
    preamble: str | None = None,
) -> Petition:
    """Build the record from what a details page showed (shared by the HTML reader).

    The kind follows the number ("e-" is always an e-petition); a type label that
    disagrees is logged. `presented_number` is kept only when it differs from the
    petition's own number, i.e. for e-petitions, whose parliament and session it
    also gives.
    """
    kind, presented_number, parliament, session = _numbering(number, kind_label, presented)
    petition = Petition(
        number=number.text,
        kind=kind,
        parliament=parliament,
        session=session,
        presented_number=presented_number,
        subject=on_side(lang, subject),
        keywords=keywords,
        original_language=original_language,
        addressee=on_side(lang, addressee),
        initiator=initiator,
        sponsor=sponsor,
        opened_at=opened_at,
        closed_at=closed_at,
        certified_on=certified_on,
        presented_on=presented.on,
        response_tabled_on=response_tabled_on,
        signatures=signatures,
        signatures_by_province=dict(by_province),
        preamble=on_side(lang, preamble),
        grievances=on_side(lang, grievances or None),
        prayer=on_side(lang, prayer or None),
        response=response,
        url=on_side(lang, url or detail_url(number.text, lang)),
        fetched_at=fetched_at,
    )
    return derive_status(petition)


def _numbering(
    number: PetitionNumber, kind_label: Kind | None, presented: Presented
) -> tuple[Kind, str | None, int | None, int | None]:
    """(kind, presented number, parliament, session) of the record `finish` builds."""
    kind: Kind = "e" if number.kind == "e" else "paper"
    if kind_label and kind_label != kind:
        log.warning("petition %s is labelled %s on its page", number.text, kind_label)
    presented_number = presented.number if presented.number and presented.number != number.text else None
    parliament, session = number.parliament, number.session
    if presented_number and parliament is None:
        try:
            pn = parse_number(presented_number)
            parliament, session = pn.parliament, pn.session
        except BadPetitionNumber:
            pass
    return kind, presented_number, parliament, session
