"""The live refresh: new and changed petitions from the House of Commons site.

The site is a public service, so the client is deliberately slow and easy to
stop: one request at a time, about one a second, conditional requests where
the site allows them, backing off when asked, and giving up for the cycle
rather than insisting. Discovery uses only the plain default listing, the one
request the site serves without a reCAPTCHA token; a captcha or challenge page
ends the whole run at once, because anything else would be working around a
gate the House put there on purpose.

A refresh collects everything first and writes it in one transaction with the
HTTP cache and the "last_refresh" stamp. When any fetch of the batch fails, the
batch is dropped whole: a half-refreshed store would announce some changes and
silently miss others, and the next cycle will try again anyway.

The polite client (`PoliteClient`, its errors) serves the backfill and the doctor too.
"""

from bot.petitions.fetch._client import (
    ChallengeError,
    FetchError,
    Page,
    PoliteClient,
    SiteConfig,
    looks_like_captcha,
    parse_retry_after,
    user_agent,
)
from bot.petitions.fetch._refresh import ProgressLine, RefreshSummary, refresh, row_differs

__all__ = [
    "ChallengeError",
    "SiteConfig",
    "FetchError",
    "Page",
    "PoliteClient",
    "ProgressLine",
    "RefreshSummary",
    "looks_like_captcha",
    "parse_retry_after",
    "refresh",
    "row_differs",
    "user_agent",
]
