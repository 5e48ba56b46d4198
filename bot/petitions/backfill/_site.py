"""The site, as the backfill reads it: where its pages are, and reading a listing or a petition page.

Only what the site's own search page sends without a reCAPTCHA token is ever
asked; a captcha or an HTML page where JSON was expected stops the run at once.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from bot.petitions.fetch import ChallengeError, FetchError, PoliteClient, SiteConfig, looks_like_captcha
from bot.petitions.model import Petition
from bot.petitions.pacer import Priority


class Stopped(Exception):
    """The run must end now (captcha, unexpected page, the site refusing or down); what was committed stays."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail


class NotAPetitionPage(Exception):
    """A details page that cannot be read as a petition: this number is skipped, the run goes on."""


async def read_listing(client: PoliteClient, url: str, priority: Priority) -> Any:
    """One listing page, parsed; a captcha or any page that is not a listing stops the run."""
    from bot.petitions.parse import ListingError, parse_listing

    answer = await _ask(client.post_form(url, {"reCaptchaAction": "SEARCH"}, priority=priority))
    text = answer.text()
    stripped = text.lstrip()
    if not stripped.startswith("{"):
        if looks_like_captcha(text):
            raise Stopped("captcha", f"{url}: a reCAPTCHA page came back instead of the listing")
        raise Stopped("unexpected page", f"{url}: HTML where JSON was expected")
    try:
        return parse_listing(stripped)
    except ListingError as exc:
        if looks_like_captcha(text):
            raise Stopped("captcha", f"{url}: the listing asks for a reCAPTCHA token") from exc
        raise Stopped("unexpected page", f"{url}: not a listing ({exc})") from exc


async def read_details(
    client: PoliteClient, config: SiteConfig, number: str, priority: Priority
) -> Petition | None:
    """Both language pages of one petition merged (English winning), or None when the site has no such page."""
    from bot.petitions.parse import PageError, parse_details

    pages: list[Petition] = []
    for lang in ("en", "fr"):
        url = config.details_url(number, lang)
        answer = await _ask(client.get(url, priority=priority))
        text = answer.text()
        if not text.strip():
            if lang == "en":
                return None  # the site's empty page: not published, or no such petition
            continue
        try:
            page = parse_details(text, url=url, fetched_at=datetime.now(UTC))
        except PageError as exc:
            if looks_like_captcha(text) or "g-recaptcha" in text.lower():
                raise Stopped(
                    "captcha", f"{url}: a reCAPTCHA page came back instead of the petition"
                ) from exc
            raise NotAPetitionPage(f"{url}: not a petition page ({exc})") from exc
        if page is None:
            if lang == "en":
                return None
            continue
        if number.lower() not in {page.number.lower(), (page.presented_number or "").lower()}:
            raise NotAPetitionPage(f"{url}: the page is for {page.number}, not {number}")
        pages.append(page)
    record = pages[-1]
    for page in reversed(pages[:-1]):
        record = record.merge(page)
    return record


async def _ask(request: Any) -> Any:
    try:
        return await request
    except ChallengeError as exc:
        raise Stopped("captcha", str(exc)) from exc
    except FetchError as exc:
        raise Stopped("rate limited" if exc.status == 429 else "site unavailable", str(exc)) from exc


def has_details(p: Petition) -> bool:
    """Whether a record holds what only a details page tells (the text), not just a listing row."""
    return bool(p.prayer or p.grievances or p.response)
