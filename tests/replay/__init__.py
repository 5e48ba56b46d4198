"""A loopback replay of the whole petitions site, generated from a seeded corpus.

`generate_corpus` draws a deterministic petition history for the 42nd to 45th Parliaments (paper
petitions and e-petitions, every status of the notes' section 6, bilingual text naming countries now
and then) and `replay_site` serves it on 127.0.0.1 the way the House's site does: the SearchAsync
listing (JSON holding an HTML fragment, newest events first, paged) and the details pages in English
and French, rendered on demand. It is for tests and for the backfill benchmark, which runs it in
another process (`python -m tests.replay`, see `__main__.py`).

**The gate.** The site asks for a reCAPTCHA token when a listing request filters (`sponsor`, `keyword`,
`text`, `type`, `status`), exports (`output`) or sorts other than `order=Recent`. Here such a request,
in the query or in the POST form, with the name in any case, gets the captcha page (HTTP 200, HTML
where JSON was expected) and is appended to `site.gated_requests`. A gated name with an *empty* value
is what the site's own links carry (`?type=&keyword=&sponsor=&text=…`), so it is served normally but
recorded in `site.gated_names`; `strict_gate=True` refuses those too. An empty `order=` is the default.

Every request is logged in `site.requests` (method, path, query, form, monotonic arrival time,
status) so tests can check pacing; `site.fail(...)` injects captcha pages, 429s, 5xx and HTML pages;
`site.add(...)` and `site.update(...)` change the site while a client follows it.

Modules: `_vocabulary` (the word tables), `_records` (calendar and records), `_corpus` (the
generator), `_markup`, `_details_page` and `_listing_page` (the pages), `_server` (the app).
"""

from tests.replay._corpus import generate_corpus
from tests.replay._records import (
    PARLIAMENTS,
    PRESENTED_LABEL,
    TODAY,
    ReplayInitiator,
    ReplayMember,
    ReplayPetition,
)
from tests.replay._server import GATED_PARAMS, Fault, ReplayRequest, ReplaySite, replay_site
from tests.replay._vocabulary import PROVINCES

__all__ = [
    "GATED_PARAMS",
    "PARLIAMENTS",
    "PRESENTED_LABEL",
    "PROVINCES",
    "TODAY",
    "Fault",
    "ReplayInitiator",
    "ReplayMember",
    "ReplayPetition",
    "ReplayRequest",
    "ReplaySite",
    "generate_corpus",
    "replay_site",
]
