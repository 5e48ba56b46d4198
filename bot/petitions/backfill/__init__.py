"""The whole petition history, fetched politely and resumably.

Discovery uses only what the site's own search page sends without a
reCAPTCHA token: the listing `SearchAsync?category=All&order=Recent&parl=N&Page=k`
for every Parliament from the 42nd up to the current one (the count and the
pager come from page 1), and `category=Responses` for the answered ones. No
filter, text, sponsor, type, status, output or other order is ever sent, and
a captcha or an HTML page where JSON was expected stops the run at once.

Phase 1 stores the listing rows (about 600 requests for the whole history):
after it, every petition can be found by number, subject, status, sponsor
and keywords. Phase 2 reads the details pages, English then French, in order
of use: the current Parliament's open and awaiting petitions, then the
answered ones newest first, then the rest; a petition someone asked for jumps
the queue.

Everything is resumable: the position of the walk and the details queue live
in the database, and every page's work is one small transaction, so a kill -9
loses at most the request in flight. What arrives here is the past: it is
journalled as history and never announced by alerts.

Why the walk does not miss rows while the site changes under it: the listing
is ordered by latest event, so a petition can only move towards page 1. One
that moves from a page not yet read onto a page already read has a fresh
event, and the refresh, which reads the first pages, sees it.

Inside: `_site` (URLs and reading pages), `_progress` (limits and figures of a
run), `_state` (the walk's position and the details queue in the database),
`_run` (the two phases, and the fetch a user waits for).
"""

from bot.petitions.backfill._progress import Limits, Progress, Summary, format_seconds, parse_duration
from bot.petitions.backfill._run import FIRST_PARLIAMENT, LAST_PARLIAMENT, Backfill, OnDemand
from bot.petitions.backfill._site import (
    NotAPetitionPage,
    SiteConfig,
    Stopped,
    has_details,
    read_details,
    read_listing,
)
from bot.petitions.backfill._state import HistoryStatus, history_status

__all__ = [
    "FIRST_PARLIAMENT",
    "LAST_PARLIAMENT",
    "Backfill",
    "HistoryStatus",
    "Limits",
    "NotAPetitionPage",
    "OnDemand",
    "Progress",
    "SiteConfig",
    "Stopped",
    "Summary",
    "format_seconds",
    "has_details",
    "history_status",
    "parse_duration",
    "read_details",
    "read_listing",
]
