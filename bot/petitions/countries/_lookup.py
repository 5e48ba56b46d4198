"""Country look-ups for commands: a user's words to countries, and autocomplete.

They answer "no country" rather than guess: a name, code, demonym or place typed exactly;
else what the detector reads in the words; else a typo only when one country's name explains
it clearly (`typo_of`).
"""

from __future__ import annotations

import bisect
import logging
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from rapidfuzz import process
from rapidfuzz.distance import OSA

from bot.petitions.countries._detect import find_countries
from bot.petitions.countries._table import LANGS, TABLE, Country, alias_key, split_cell, word_set
from bot.petitions.countries_data import CODE_WORDS, NEAR_MISSES, QUERY_ONLY

log = logging.getLogger(__name__)


def _query_only() -> dict[str, tuple[str, ...]]:
    """Words a user may type that the detector deliberately ignores in petitions."""
    out: dict[str, tuple[str, ...]] = {}
    for item in split_cell(QUERY_ONLY.replace("\n", "")):
        word, _, codes = item.partition(":")
        out[alias_key(word)] = tuple(codes.split())
    return out


_QUERY_ONLY = _query_only()
_CODE_WORDS = word_set(CODE_WORDS)
_NEAR_MISSES = sorted(word_set(NEAR_MISSES))


@dataclass(slots=True)
class _QueryIndex:
    exact: dict[str, tuple[str, ...]]
    keys: list[str]  # every exact key, sorted, for prefix search by bisection
    typo_keys: list[str]  # names and base demonyms, for typo matching
    typo_codes: list[tuple[str, ...]]
    names: dict[str, list[tuple[str, str]]]  # lang -> [(folded display name, code)] sorted by name


def _build_query_index() -> _QueryIndex:
    exact: dict[str, list[str]] = {}

    def add(key: str, code: str) -> None:
        if key:
            codes = exact.setdefault(key, [])
            if code not in codes:
                codes.append(code)

    for country in TABLE.countries.values():
        add(country.code.lower(), country.code)
        add(country.alpha3.lower(), country.code)
        for lang in LANGS:
            add(alias_key(country.name.get(lang) or ""), country.code)
    for lang in LANGS:
        for alias, entry in TABLE.aliases[lang].items():
            if entry.kind in ("name", "demonym"):
                for code in entry.codes:
                    add(alias, code)
    for key, codes in _QUERY_ONLY.items():
        for code in codes:
            add(key, code)
    for lang in LANGS:  # places last, so a name always outranks them ("Georgia" the country)
        for alias, entry in TABLE.aliases[lang].items():
            if entry.kind == "place":
                for code in entry.codes:
                    add(alias, code)
    names = {
        lang: sorted(
            ((alias_key(c.name.get(lang) or ""), c.code) for c in TABLE.countries.values()),
            key=lambda item: item[0],
        )
        for lang in LANGS
    }
    frozen = {k: tuple(v) for k, v in exact.items()}
    typo_keys = sorted(TABLE.typo_keys)
    return _QueryIndex(frozen, sorted(frozen), typo_keys, [TABLE.typo_keys[k] for k in typo_keys], names)


_INDEX = _build_query_index()
# Canada is not a foreign country; without this "Canadian" would fuzzily become "Chadian".
_CANADA = word_set("ca can canada canadian canadians canadien canadienne canadiens canadiennes")


def all_countries() -> list[Country]:
    """Every country the detector knows, by English name."""
    return sorted(TABLE.countries.values(), key=lambda c: alias_key(c.name.en or ""))


def get_country(code: str) -> Country | None:
    return TABLE.countries.get(code.upper())


def country_name(code: str, lang: str) -> str:
    """The display name in `lang`; an unknown code is returned as given, so rendering never fails."""
    country = TABLE.countries.get(code.upper())
    if country is None:
        return code
    return country.name.get("fr" if lang == "fr" else "en") or country.name.en or code


def exact_codes(words: str) -> tuple[str, ...]:
    """The countries `words` name exactly as a name, ISO code, demonym or place ("korea": KR and KP).

    No detector and no typo, and () for Canada: for finding where, in a longer text such as a
    question, a country is named, a few words at a time (`/ask`, `bot.petitions.understand`).
    """
    key = alias_key(words)
    if not key or key in _CANADA:
        return ()
    return _INDEX.exact.get(key, ())


def resolve_country(query: str, *, typos: bool = True) -> list[Country]:
    """Countries a user's words may mean, best first; no country rather than a guess.

    In order: a code, name, demonym or place typed exactly; else the countries the detector
    finds in the words ("État de Rakhine", "Kurdistan Region", not "Jordan Peterson" nor
    "turkey farmers"); else, unless `typos` is false, a typo of one country's name (`typo_of`).
    """
    text = (query or "").strip()
    key = alias_key(text)
    if not key or key in _CANADA:
        return []
    if key in _CODE_WORDS and not text.isupper():
        return []  # "in", "it", "and", "sur": the word, not India, Italy, Andorra, Suriname
    found = list(_INDEX.exact.get(key, ()))
    if not found:
        found = _named_in(text)
    if not found and typos:
        found = list(typo_of(key))
    return [TABLE.countries[code] for code in found[:10]]


def _named_in(text: str) -> list[str]:
    """Countries the detector finds in a query, most named first.

    The query is read as the middle of a sentence, so a capital says what it says in running
    text ("Michael Jordan", "Mark Holland" are people), and one typed all in capitals is read
    title-cased, so the same rules still tell "JORDAN PETERSON" from Jordan.
    """
    if not any(ch.islower() for ch in text):
        text = text.title()
    counts: Counter[str] = Counter()
    for lang, lead in (("en", "about "), ("fr", "sur ")):
        for code, n in find_countries(lead + text, lang).items():
            counts[code] = max(counts[code], n)
    return [code for code, _ in counts.most_common()]


# How many edits (OSA: insert, delete, substitute, swap two neighbours) a country query may be
# from a country's name, by the query's length in letters. Calibrated by
# `bench/countries_calibration.py` on typos of every name against the most frequent English and
# French words (first names included): one edit of a word of seven letters or fewer is another
# real word or name too often (Susan/Sudan, Angela/Angola, Olivia/Bolivia, Romain/roumain,
# Nigel/Niger: 322 of 100,000 words with one edit from five letters), so short words are
# forgiven one swap of neighbouring letters only, and an edit that changes the first letter
# (Siberian/Liberian, Prussian/Russian) is not forgiven at all.
TYPO_EDITS: tuple[tuple[int, int], ...] = ((4, 0), (9, 1))  # (up to this many letters, edits); then 2
ANY_EDIT_FROM = 8  # letters; below this only a swap is forgiven
KEEP_FIRST = (1, 3)  # letters at the start that an edit other than a swap leaves alone (1, 2 edits)


def _swapped(a: str, b: str) -> bool:
    """Whether `b` is `a` with two neighbouring letters swapped."""
    if len(a) != len(b):
        return False
    diff = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
    return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]


def typo_of(
    key: str,
    *,
    edits: tuple[tuple[int, int], ...] = TYPO_EDITS,
    any_edit_from: int = ANY_EDIT_FROM,
    keep_first: tuple[int, ...] = KEEP_FIRST,
    near_misses: Iterable[str] = _NEAR_MISSES,
) -> tuple[str, ...]:
    """The country `key` (folded) is a typo of, or () when that is not clear.

    Clear means: within the edit budget for its length; strictly closer to one country's
    names than to any other country's (a margin of a whole edit, so "austrlia" — one edit
    from Australia and from Austria — is no answer); and no closer to an ordinary word or
    name that sits near a country name (`NEAR_MISSES`: "chien" is not Chine, "sapin" not
    Spain). Multi-country names ("Congo") keep all their countries. The keyword arguments
    are the calibrated settings, open to the calibration bench.
    """
    letters = len(key.replace(" ", ""))
    budget = next((n for most, n in edits if letters <= most), 2)
    if not budget or key in _CODE_WORDS:
        return ()
    near = process.extract(key, _INDEX.typo_keys, scorer=OSA.distance, score_cutoff=budget, limit=None)
    if not near:
        return ()
    best = min(distance for _, distance, _ in near)
    closest = [(name, _INDEX.typo_codes[i]) for name, distance, i in near if distance == best]
    if len({codes for _, codes in closest}) > 1:
        return ()  # two countries explain the typo equally well
    keep = keep_first[min(best, len(keep_first)) - 1] if best else 0
    if best and not any(
        _swapped(key, name) or (letters >= any_edit_from and name[:keep] == key[:keep]) for name, _ in closest
    ):
        return ()
    if process.extractOne(key, near_misses, scorer=OSA.distance, score_cutoff=best) is not None:
        return ()  # an ordinary word explains it at least as well
    return closest[0][1]


def country_choices(current: str, lang: str, limit: int = 25) -> list[tuple[str, str]]:
    """Autocomplete pairs (display name, ISO code): exact, then prefix, then typos. Never raises."""
    try:
        return _choices(current, "fr" if lang == "fr" else "en", max(1, min(int(limit), 25)))
    except Exception:  # autocomplete must answer something, whatever it was given
        log.exception("country autocomplete failed for %r", current)
        return []


def _prefixed(prefix: str) -> Iterator[str]:
    """Exact keys starting with `prefix`, found by bisection in the sorted key list."""
    keys = _INDEX.keys
    i = bisect.bisect_left(keys, prefix)
    while i < len(keys) and keys[i].startswith(prefix):
        yield keys[i]
        i += 1


def _choices(current: str, lang: str, limit: int) -> list[tuple[str, str]]:
    key = alias_key(current or "")
    codes: list[str] = []

    def take(candidates: Iterable[str]) -> bool:
        for code in candidates:
            if code not in codes:
                codes.append(code)
                if len(codes) >= limit:
                    return True
        return False

    if not key:
        take(code for _, code in _INDEX.names[lang])
    elif key not in _CANADA:
        done = take(_INDEX.exact.get(key, ()))
        if not done:
            done = take(code for name, code in _INDEX.names[lang] if name.startswith(key))
        if not done:
            other = "fr" if lang == "en" else "en"
            done = take(code for name, code in _INDEX.names[other] if name.startswith(key))
        if not done:
            probe = " " + key
            done = take(code for name, code in _INDEX.names[lang] if probe in " " + name)
        if not done:
            done = take(c for k in _prefixed(key) for c in _INDEX.exact[k])
        if not done:
            take(typo_of(key))
    return [(country_name(code, lang)[:100], code) for code in codes]
