"""Which foreign countries a petition is about, and country look-ups for commands.

`detect` runs at ingest on every petition, so it must be cheap and, above all, must not
invent countries: a petition that mentions "Jordan Peterson", "Atlanta, Georgia", "turkey
farmers" or the "Indian Act" is not about Jordan, Georgia, Türkiye or India.

Primary or mentioned — the rule:

* PRIMARY when the country is named in an official keyword, in the title/subject, or in the
  prayer (what the petitioners ask for), in either language; or when it is repeated in the
  petition's own text (keywords, title, grievances, prayer — one language at a time) at least
  twice *and* at least half as often as the most-named country. The second half of that test
  keeps a side subject (Xinjiang twice in a petition naming Kazakhstan a dozen times) mentioned.
* MENTIONED otherwise, including countries named only in the government's response.

Canada is never a hit: it is not in the table. Ambiguity decisions (Kashmir, Congo, Korea,
Artsakh, "French"…) are documented in `countries_data`.

Look-ups for commands (`resolve_country`, `country_choices`) answer "no country" rather than
guess.
"""

from bot.petitions.countries._detect import SOURCES, CountryHit, detect, find_countries, warm
from bot.petitions.countries._lookup import (
    ANY_EDIT_FROM,
    KEEP_FIRST,
    TYPO_EDITS,
    all_countries,
    country_choices,
    country_name,
    exact_codes,
    get_country,
    resolve_country,
    typo_of,
)
from bot.petitions.countries._table import INTENDED_SHARED_ALIASES, Country, shared_aliases

__all__ = [
    "ANY_EDIT_FROM",
    "INTENDED_SHARED_ALIASES",
    "KEEP_FIRST",
    "SOURCES",
    "TYPO_EDITS",
    "Country",
    "CountryHit",
    "all_countries",
    "country_choices",
    "country_name",
    "detect",
    "exact_codes",
    "find_countries",
    "get_country",
    "resolve_country",
    "shared_aliases",
    "typo_of",
    "warm",
]
