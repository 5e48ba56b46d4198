"""Which foreign countries a petition is about, and country look-ups for commands.

`detect` runs at ingest on every petition, so it must be cheap and, above all, must not
invent countries: a petition that mentions "Jordan Peterson", "Atlanta, Georgia", "turkey
farmers" or the "Indian Act" is not about Jordan, Georgia, Türkiye or India. Matching is on
folded text (the folding of `text.fold`, done with C-level calls) with one compiled regex per
language built as a trie of every alias, so the scan runs in C and Python only looks at the
few matches. A case-keeping copy of the text, aligned character for character, lets the few
case-sensitive words ("Turkey" vs "turkey", "US" vs "us") be judged.

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
guess: a name, code, demonym or place typed exactly; else what the detector reads in the words;
else a typo only when one country's name explains it clearly (`typo_of`).
"""

from __future__ import annotations

import bisect
import logging
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache

from rapidfuzz import process
from rapidfuzz.distance import OSA

from bot.petitions.countries_data import (
    BLOCKED_EN,
    BLOCKED_FR,
    CODE_WORDS,
    COUNTRY_ROWS,
    NEAR_MISSES,
    QUERY_ONLY,
)
from bot.petitions.model import Bi, Petition
from bot.petitions.text import fold

log = logging.getLogger(__name__)

SOURCES: tuple[str, ...] = ("keyword", "title", "grievances", "prayer", "response")
"""Where a country can be named, in display order."""

_PRIMARY_SOURCES = frozenset({"keyword", "title", "prayer"})
_LANGS = ("en", "fr")


@dataclass(frozen=True, slots=True)
class Country:
    """A country as users name it: ISO alpha-2 `code` (XK for Kosovo), alpha-3, names in EN and FR."""

    code: str
    alpha3: str
    name: Bi[str]


@dataclass(frozen=True, slots=True)
class CountryHit:
    """One country found in a petition; `count` is the most mentions in either language's text,
    so a bilingual record is not counted twice; `sources` are the parts that named it."""

    code: str
    primary: bool
    count: int
    sources: tuple[str, ...]


# --- The alias table -------------------------------------------------------------------------

_TOKEN = re.compile(r"[a-z0-9]+")


def _key(text: str) -> str:
    """The form every alias and every match is compared in: folded tokens, one space apart."""
    return " ".join(_TOKEN.findall(fold(text)))


@dataclass(slots=True)
class _Alias:
    codes: tuple[str, ...]
    kind: str  # "name", "demonym", "place" or "block"


@dataclass(slots=True)
class _Table:
    countries: dict[str, Country] = field(default_factory=dict)
    aliases: dict[str, dict[str, _Alias]] = field(default_factory=lambda: {"en": {}, "fr": {}})
    collisions: set[str] = field(default_factory=set)
    # Names and base demonyms, the words a typo in a country query is forgiven against (key ->
    # codes). Not the French feminine and plural forms, nor places: each extra key is one more
    # way for an ordinary word to land within one typo of a country.
    typo_keys: dict[str, tuple[str, ...]] = field(default_factory=dict)


def _french_forms(word: str) -> list[str]:
    """Masculine, feminine and plurals of a regular French demonym ("ukrainien+")."""
    base = word.rstrip("+")
    if not word.endswith("+"):
        return [base]
    low = fold(base)
    if low.endswith(("ien", "een")):
        fem = base + "ne"
    elif low.endswith("e"):
        fem = base
    else:
        fem = base + "e"
    plural = base if low.endswith(("s", "x", "z")) else base + "s"
    return [base, fem, plural, fem + "s"]


def _english_forms(word: str) -> list[str]:
    if word.endswith("(s)"):
        base = word[:-3]
        return [base, base + "s"]
    return [word]


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split(";") if part.strip()]


# Display names that must not be matched on their own in running text: in French "Dominique"
# and "Maurice" are first names far more often than Dominica and Mauritius ("la Dominique",
# "l'île Maurice" are aliases instead).
_DISPLAY_NOT_ALIAS = {("DM", "fr"), ("MU", "fr")}


def _build() -> _Table:
    table = _Table()

    def add(lang: str, text: str, code: str, kind: str) -> None:
        key = _key(text)
        if not key:
            return
        known = table.aliases[lang].get(key)
        if known is None:
            table.aliases[lang][key] = _Alias((code,), kind)
        elif code not in known.codes:
            table.collisions.add(key)
            known.codes = (*known.codes, code)

    def typo_key(text: str, code: str) -> None:
        key = _key(text)
        if key and code not in table.typo_keys.get(key, ()):
            table.typo_keys[key] = (*table.typo_keys.get(key, ()), code)

    for line in COUNTRY_ROWS.strip().splitlines():
        code, alpha3, en, fr, en_names, fr_names, en_dem, fr_dem, places = line.split("|")
        table.countries[code] = Country(code, alpha3, Bi(en, fr))
        for lang, display, names, demonyms, forms in (
            ("en", en, en_names, en_dem, _english_forms),
            ("fr", fr, fr_names, fr_dem, _french_forms),
        ):
            if (code, lang) not in _DISPLAY_NOT_ALIAS:
                add(lang, display, code, "name")
                typo_key(display, code)
            for name in _split(names):
                add(lang, name, code, "name")
                typo_key(name, code)
            for demonym in _split(demonyms):
                for form in forms(demonym):
                    add(lang, form, code, "demonym")
                for form in _english_forms(demonym) if lang == "en" else [demonym.rstrip("+")]:
                    typo_key(form, code)
            for place in _split(places):
                for form in _english_forms(place):
                    add(lang, form, code, "place")
    for lang, blocked in (("en", BLOCKED_EN), ("fr", BLOCKED_FR)):
        for phrase in _split(blocked.replace("\n", "")):
            table.aliases[lang][_key(phrase)] = _Alias((), "block")
    return table


_TABLE = _build()

# Aliases that name two countries on purpose; anything else colliding is a data error (tested).
INTENDED_SHARED_ALIASES = frozenset({"artsakh", "nagorno karabakh", "haut karabakh"})


# --- The matcher -----------------------------------------------------------------------------

_SEP = r"[^a-z0-9]{1,3}"


def _trie_pattern(phrases: Iterable[str]) -> str:
    """One regex alternation factored as a trie, so each position costs one branch per letter.

    Optional continuations are greedy, so with the closing boundary the longest alias wins
    ("Guinea-Bissau" over "Guinea", "New Mexico" over "Mexico").
    """
    trie: dict[str, dict] = {}
    for phrase in phrases:
        node = trie
        for ch in phrase:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:
        ends_here = "" in node
        branches = [
            (_SEP if ch == " " else re.escape(ch)) + emit(child) for ch, child in sorted(node.items()) if ch
        ]
        if not branches:
            return ""
        if len(branches) == 1 and not ends_here:
            return branches[0]
        return "(?:" + "|".join(branches) + ")" + ("?" if ends_here else "")

    return r"(?<![a-z0-9])(?:" + emit(trie) + r")(?![a-z0-9])"


@cache
def _matcher(lang: str) -> re.Pattern[str]:
    return re.compile(_trie_pattern(_TABLE.aliases[lang]))


def warm() -> None:
    """Compile the name matchers now (about 80 ms, CPU only) rather than on the first question."""
    for lang in _LANGS:
        _matcher(lang)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words whose lower-case form is something else (the bird, the dishes, the pronoun…): they
# count only when written with a capital (unless the paragraph is all capitals).
_CASE_SENSITIVE = _words(
    "turkey china chad guinea japan polish danish pole poles swede swedes us equateur grenade "
    "jordan georgia holland hollande suede benin"
)
# Words that are also first or last names: skipped next to a capitalised name ("Jordan Peterson",
# "Michael Jordan", "Chad Smith", "Mark Holland", "François Hollande").
_NAME_LIKE = _words("jordan chad georgia holland hollande georgie")
_NAME_FOLLOWERS_OK = _words(
    "government governments embassy ministry armed forces army border borders valley refugees "
    "red crescent and or has is was"
)
_NAME_PREVIOUS_OK = _words(
    "hashemite kingdom republic democratic neighbouring neighboring north south east west "
    "central northern southern eastern western occupied and or in of to from with the la le les "
    "de du des en et au"
)
_HONORIFICS = _words("mr mrs ms dr hon mp m mme senator minister sir st president")

# Bird and tableware contexts for the capitalised "Turkey"/"China" at a sentence start.
_CONTEXT_SKIP_NEXT: dict[str, frozenset[str]] = {
    "turkey": _words(
        "farmer farmers farm farms farming producer producers production growers industry meat "
        "products dinner dinners hunt hunting hunters flock flocks breeder breeders breeding "
        "hatchery hatcheries quota quotas supply prices price sandwich sandwiches vulture vultures "
        "poults eggs feathers processing processors plant plants sector marketing birds bird barn "
        "barns"
    ),
    "china": _words(
        "cabinet cabinets dish dishes plate plates set sets cup cups tableware pattern patterns "
        "doll dolls teacup teacups shop figurines"
    ),
}
_CONTEXT_SKIP_PREVIOUS: dict[str, frozenset[str]] = {
    "turkey": _words(
        "thanksgiving christmas wild roast roasted smoked ground cold whole frozen fresh domestic a"
    ),
    "china": _words("fine bone porcelain antique grandmother s her his the"),
}

# A demonym followed or preceded by these names people in Canada or a language, not the country.
_DIASPORA_NEXT = _words(
    "canadian canadians canadien canadienne canadiens canadiennes descent decent origin "
    "heritage ancestry language languages speaking speaker speakers"
)
_DIASPORA_PREVIOUS = _words("origine langue langues descendance ascendance")

# "Indian" and "Georgia" are weak: they count only when nothing in the text points elsewhere
# (Indigenous context; the US state) or when the country is also named unambiguously.
_WEAK: dict[str, tuple[str, re.Pattern[str]]] = {}
_INDIGENOUS = re.compile(
    r"\b(?:first nations?|indigenous|aboriginal|metis|inuit|autochtones?|premieres? nations|reserves?|"
    r"residential schools?|pensionnats?|band councils?|conseils? de bande|treaty (?:rights|status)|"
    r"status indians?|indian act|loi sur les indiens)\b"
)
_US_CONTEXT = re.compile(
    r"\bu\.s\.|\b(?:united states|usa|america|americans?|atlanta|savannah|alabama|florida|tennessee|"
    r"carolinas?|texas|etats-unis|etats unis|americaines?|americains?|state of georgia)\b"
)
for _word in _words("indian indians indien indienne indiens indiennes"):
    _WEAK[_word] = ("IN", _INDIGENOUS)
for _word in _words("georgia georgian georgians georgie georgien georgienne georgiens georgiennes"):
    _WEAK[_word] = ("GE", _US_CONTEXT)

_PREV_WORD = re.compile(r"([A-Za-z0-9]+)([^A-Za-z0-9]*)\Z")
_NEXT_WORD = re.compile(r"([^A-Za-z0-9]*)([A-Za-z0-9]+)")
_SENTENCE_END = frozenset('.!?:;•"«»()[]')


_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def _fold_pair(text: str) -> tuple[str, str | None]:
    """The folded text and a case-keeping copy aligned with it character for character.

    Same normalisation as `text.fold` (no accents, lower case), minus its white-space
    collapsing, which costs more than all the rest on a long response: matching treats any run
    of one to three non-letters as a separator anyway. Done with C-level calls so a whole
    petition folds in a few tens of microseconds.
    """
    decomposed = unicodedata.normalize("NFKD", text)
    cased = decomposed if decomposed.isascii() else _COMBINING.sub("", decomposed)
    low = cased.lower()
    if len(low) != len(cased):  # a rare character whose lower case is longer: no case evidence
        return fold(text), None
    return low, cased


@dataclass(slots=True)
class _Span:
    """One paragraph being scanned: folded text and, when aligned, the case-keeping copy.

    Case is evidence only when the paragraph has lower-case letters: in an ALL-CAPS paragraph
    (old paper petitions) "TURKEY" says nothing about the bird.
    """

    low: str
    cased: str | None
    has_lower: bool

    @classmethod
    def of(cls, text: str) -> _Span:
        low, cased = _fold_pair(text)
        if cased is None:
            return cls(low, None, False)
        return cls(low, cased, cased != cased.upper())

    def previous(self, start: int) -> tuple[str, str, bool] | None:
        """Word before `start`, the gap after it, and whether it opens a sentence."""
        source = self.cased or self.low
        lo = max(0, start - 80)
        m = _PREV_WORD.search(source, lo, start)
        if not m:
            return None
        before = source[lo : m.start(1)].rstrip()
        opens = (not before and lo == 0) or (bool(before) and before[-1] in _SENTENCE_END)
        return m.group(1), m.group(2), opens

    def following(self, end: int) -> tuple[str, str] | None:
        source = self.cased or self.low
        m = _NEXT_WORD.match(source, end)
        return (m.group(2), m.group(1)) if m else None


def _is_capitalised(word: str) -> bool:
    return word[:1].isupper() and not word.isupper()


def _keep(alias: str, entry: _Alias, span: _Span, start: int, end: int) -> bool:
    """The context rules that separate a country from a same-looking word (names aside)."""
    first = alias.split(" ", 1)[0]
    cased = span.cased[start:end] if span.cased is not None else None
    if entry.kind == "demonym":
        nxt = span.following(end)
        if nxt and nxt[0].lower() in _DIASPORA_NEXT and len(nxt[1].strip(" -")) == 0:
            return False
        prev = span.previous(start)
        if prev and prev[0].lower() in _DIASPORA_PREVIOUS:
            return False
    if alias == "us":
        # Only "US" in ordinary text; in lower case, or in a capitalised line ("LET US ACT"),
        # it is the pronoun.
        if cased != "US" or not span.has_lower:
            return False
        prev, nxt = span.previous(start), span.following(end)
        if any(near and near[0].isupper() and len(near[0]) > 1 for near in (prev, nxt)):
            return False
    elif alias in _CASE_SENSITIVE and cased is not None and span.has_lower and not cased[:1].isupper():
        return False
    if first in _CONTEXT_SKIP_NEXT and alias == first:
        nxt = span.following(end)
        if nxt and nxt[0].lower() in _CONTEXT_SKIP_NEXT[first]:
            return False
        prev = span.previous(start)
        if prev and prev[0].lower() in _CONTEXT_SKIP_PREVIOUS[first] and not prev[1].strip():
            return False
    return True


def _looks_like_a_person(span: _Span, start: int, end: int) -> bool:
    nxt = span.following(end)
    if nxt and nxt[1] == " " and _is_capitalised(nxt[0]) and nxt[0].lower() not in _NAME_FOLLOWERS_OK:
        return True  # "Jordan Peterson", "Chad Smith"
    prev = span.previous(start)
    if prev is None:
        return False
    word, gap, opens = prev
    low = word.lower()
    if low in _HONORIFICS and gap.strip() in ("", "."):
        return True  # "Mr. Holland", "Dr Chad"
    if len(word) == 1 and word.isupper() and gap == ". ":
        return True  # "Michael B. Jordan"
    return gap == " " and _is_capitalised(word) and not opens and low not in _NAME_PREVIOUS_OK


def _scan(text: str, lang: str) -> Iterator[tuple[str, _Alias, bool]]:
    """Every alias match that survives the context rules, with whether it reads as a person.

    Person readings are yielded rather than dropped: one sense per text, so once "Michael
    Jordan" is seen, a later bare "Jordan, a student…" is the same person, not the kingdom.
    """
    span = _Span.of(text)
    aliases = _TABLE.aliases[lang]
    for m in _matcher(lang).finditer(span.low):
        alias = " ".join(_TOKEN.findall(m.group()))
        entry = aliases.get(alias)
        if entry is None or entry.kind == "block":
            continue
        start, end = m.start(), m.end()
        if not _keep(alias, entry, span, start, end):
            continue
        person = (
            alias in _NAME_LIKE
            and span.cased is not None
            and span.has_lower
            and not span.cased[start:end].isupper()
            and _looks_like_a_person(span, start, end)
        )
        yield alias, entry, person


@dataclass(slots=True)
class _Tally:
    """Matches of one petition (or text), with weak and name-like ones held back to the end."""

    counts: Counter[tuple[str, str, str]] = field(default_factory=Counter)  # (lang, source, code)
    held: list[tuple[str, str, str, str]] = field(default_factory=list)  # lang, source, code, alias
    persons: set[tuple[str, str]] = field(default_factory=set)  # (lang, alias) read as a name
    texts: dict[str, list[str]] = field(default_factory=lambda: {"en": [], "fr": []})

    def add(self, lang: str, source: str, text: str) -> None:
        self.texts[lang].append(text)
        for alias, entry, person in _scan(text, lang):
            if person:
                self.persons.add((lang, alias))
            elif alias in _WEAK or alias in _NAME_LIKE:
                self.held.extend((lang, source, code, alias) for code in entry.codes)
            else:
                for code in entry.codes:
                    self.counts[(lang, source, code)] += 1

    def settle(self) -> Counter[tuple[str, str, str]]:
        """Count held matches the text corroborates, or that nothing contradicts."""
        if not self.held:
            return self.counts
        strong = {code for (_, _, code) in self.counts}
        folded = {lang: _fold_pair(" ".join(self.texts[lang]))[0] for lang in _LANGS}
        for lang, source, code, alias in self.held:
            if code not in strong:
                if (lang, alias) in self.persons:
                    continue
                weak = _WEAK.get(alias)
                if weak and weak[1].search(folded[lang]):
                    continue
            self.counts[(lang, source, code)] += 1
        return self.counts


def find_countries(text: str, lang: str) -> Counter[str]:
    """How often each country is named in one text, by the same rules as `detect`."""
    tally = _Tally()
    tally.add("fr" if lang == "fr" else "en", "text", text)
    counts: Counter[str] = Counter()
    for (_, _, code), n in tally.settle().items():
        counts[code] += n
    return counts


# --- detect ----------------------------------------------------------------------------------


def _fields(petition: Petition, lang: str) -> Iterator[tuple[str, str]]:
    for keyword in petition.keywords:
        name = keyword.name.get(lang)
        if name:
            yield "keyword", name
    subject = petition.subject.get(lang)
    if subject:
        yield "title", subject
    for source, paragraphs in (
        ("grievances", petition.grievances.get(lang)),
        ("prayer", petition.prayer.get(lang)),
    ):
        for paragraph in paragraphs or ():
            yield source, paragraph
    if petition.response is not None:
        for paragraph in petition.response.paragraphs.get(lang) or ():
            yield "response", paragraph


def detect(petition: Petition) -> list[CountryHit]:
    """The foreign countries a petition names, primary subjects first, then by mentions."""
    tally = _Tally()
    for lang in _LANGS:
        for source, text in _fields(petition, lang):
            tally.add(lang, source, text)
    return _rank(tally.settle())


def _rank(counts: Counter[tuple[str, str, str]]) -> list[CountryHit]:
    total: dict[str, Counter[str]] = {}  # code -> lang -> mentions anywhere
    own: dict[str, Counter[str]] = {}  # code -> lang -> mentions in the petition's own text
    sources: dict[str, set[str]] = {}
    for (lang, source, code), n in counts.items():
        total.setdefault(code, Counter())[lang] += n
        sources.setdefault(code, set()).add(source)
        if source != "response":
            own.setdefault(code, Counter())[lang] += n
    top = {lang: max((c[lang] for c in own.values()), default=0) for lang in _LANGS}
    hits = []
    for code, by_lang in total.items():
        named = sources[code]
        repeated = any(n >= 2 and 2 * n >= top[lang] for lang, n in own.get(code, Counter()).items())
        hits.append(
            CountryHit(
                code=code,
                primary=bool(named & _PRIMARY_SOURCES) or repeated,
                count=max(by_lang.values()),
                sources=tuple(s for s in SOURCES if s in named),
            )
        )
    hits.sort(key=lambda h: (not h.primary, -h.count, h.code))
    return hits


# --- Look-ups for commands -------------------------------------------------------------------


def _query_only() -> dict[str, tuple[str, ...]]:
    """Words a user may type that the detector deliberately ignores in petitions."""
    out: dict[str, tuple[str, ...]] = {}
    for item in _split(QUERY_ONLY.replace("\n", "")):
        word, _, codes = item.partition(":")
        out[_key(word)] = tuple(codes.split())
    return out


_QUERY_ONLY = _query_only()
_CODE_WORDS = _words(CODE_WORDS)
_NEAR_MISSES = sorted(_words(NEAR_MISSES))


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

    for country in _TABLE.countries.values():
        add(country.code.lower(), country.code)
        add(country.alpha3.lower(), country.code)
        for lang in _LANGS:
            add(_key(country.name.get(lang) or ""), country.code)
    for lang in _LANGS:
        for alias, entry in _TABLE.aliases[lang].items():
            if entry.kind in ("name", "demonym"):
                for code in entry.codes:
                    add(alias, code)
    for key, codes in _QUERY_ONLY.items():
        for code in codes:
            add(key, code)
    for lang in _LANGS:  # places last, so a name always outranks them ("Georgia" the country)
        for alias, entry in _TABLE.aliases[lang].items():
            if entry.kind == "place":
                for code in entry.codes:
                    add(alias, code)
    names = {
        lang: sorted(
            ((_key(c.name.get(lang) or ""), c.code) for c in _TABLE.countries.values()),
            key=lambda item: item[0],
        )
        for lang in _LANGS
    }
    frozen = {k: tuple(v) for k, v in exact.items()}
    typo_keys = sorted(_TABLE.typo_keys)
    return _QueryIndex(frozen, sorted(frozen), typo_keys, [_TABLE.typo_keys[k] for k in typo_keys], names)


_INDEX = _build_query_index()
# Canada is not a foreign country; without this "Canadian" would fuzzily become "Chadian".
_CANADA = _words("ca can canada canadian canadians canadien canadienne canadiens canadiennes")


def all_countries() -> list[Country]:
    """Every country the detector knows, by English name."""
    return sorted(_TABLE.countries.values(), key=lambda c: _key(c.name.en or ""))


def get_country(code: str) -> Country | None:
    return _TABLE.countries.get(code.upper())


def country_name(code: str, lang: str) -> str:
    """The display name in `lang`; an unknown code is returned as given, so rendering never fails."""
    country = _TABLE.countries.get(code.upper())
    if country is None:
        return code
    return country.name.get("fr" if lang == "fr" else "en") or country.name.en or code


def exact_codes(words: str) -> tuple[str, ...]:
    """The countries `words` name exactly as a name, ISO code, demonym or place ("korea": KR and KP).

    No detector and no typo, and () for Canada: for finding where, in a longer text such as a
    question, a country is named, a few words at a time (`/ask`, `bot.petitions.understand`).
    """
    key = _key(words)
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
    key = _key(text)
    if not key or key in _CANADA:
        return []
    if key in _CODE_WORDS and not text.isupper():
        return []  # "in", "it", "and", "sur": the word, not India, Italy, Andorra, Suriname
    found = list(_INDEX.exact.get(key, ()))
    if not found:
        found = _named_in(text)
    if not found and typos:
        found = list(typo_of(key))
    return [_TABLE.countries[code] for code in found[:10]]


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
    key = _key(current or "")
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
