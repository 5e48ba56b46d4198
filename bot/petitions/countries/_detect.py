"""Finding countries in a petition's text.

Matching is on folded text (the folding of `text.fold`, done with C-level calls) with one
compiled regex per language built as a trie of every alias, so the scan runs in C and Python
only looks at the few matches. A case-keeping copy of the text, aligned character for
character, lets the few case-sensitive words ("Turkey" vs "turkey", "US" vs "us") be judged.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache

from bot.petitions.countries._table import LANGS, TABLE, TOKEN, Alias, word_set
from bot.petitions.model import Petition
from bot.petitions.text import fold

SOURCES: tuple[str, ...] = ("keyword", "title", "grievances", "prayer", "response")
"""Where a country can be named, in display order."""

_PRIMARY_SOURCES = frozenset({"keyword", "title", "prayer"})


@dataclass(frozen=True, slots=True)
class CountryHit:
    """One country found in a petition; `count` is the most mentions in either language's text,
    so a bilingual record is not counted twice; `sources` are the parts that named it."""

    code: str
    primary: bool
    count: int
    sources: tuple[str, ...]


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
    return re.compile(_trie_pattern(TABLE.aliases[lang]))


def warm() -> None:
    """Compile the name matchers now (about 80 ms, CPU only) rather than on the first question."""
    for lang in LANGS:
        _matcher(lang)


# Words whose lower-case form is something else (the bird, the dishes, the pronoun…): they
# count only when written with a capital (unless the paragraph is all capitals).
_CASE_SENSITIVE = word_set(
    "turkey china chad guinea japan polish danish pole poles swede swedes us equateur grenade "
    "jordan georgia holland hollande suede benin"
)
# Words that are also first or last names: skipped next to a capitalised name ("Jordan Peterson",
# "Michael Jordan", "Chad Smith", "Mark Holland", "François Hollande").
_NAME_LIKE = word_set("jordan chad georgia holland hollande georgie")
_NAME_FOLLOWERS_OK = word_set(
    "government governments embassy ministry armed forces army border borders valley refugees "
    "red crescent and or has is was"
)
_NAME_PREVIOUS_OK = word_set(
    "hashemite kingdom republic democratic neighbouring neighboring north south east west "
    "central northern southern eastern western occupied and or in of to from with the la le les "
    "de du des en et au"
)
_HONORIFICS = word_set("mr mrs ms dr hon mp m mme senator minister sir st president")

# Bird and tableware contexts for the capitalised "Turkey"/"China" at a sentence start.
_CONTEXT_SKIP_NEXT: dict[str, frozenset[str]] = {
    "turkey": word_set(
        "farmer farmers farm farms farming producer producers production growers industry meat "
        "products dinner dinners hunt hunting hunters flock flocks breeder breeders breeding "
        "hatchery hatcheries quota quotas supply prices price sandwich sandwiches vulture vultures "
        "poults eggs feathers processing processors plant plants sector marketing birds bird barn "
        "barns"
    ),
    "china": word_set(
        "cabinet cabinets dish dishes plate plates set sets cup cups tableware pattern patterns "
        "doll dolls teacup teacups shop figurines"
    ),
}
_CONTEXT_SKIP_PREVIOUS: dict[str, frozenset[str]] = {
    "turkey": word_set(
        "thanksgiving christmas wild roast roasted smoked ground cold whole frozen fresh domestic a"
    ),
    "china": word_set("fine bone porcelain antique grandmother s her his the"),
}

# A demonym followed or preceded by these names people in Canada or a language, not the country.
_DIASPORA_NEXT = word_set(
    "canadian canadians canadien canadienne canadiens canadiennes descent decent origin "
    "heritage ancestry language languages speaking speaker speakers"
)
_DIASPORA_PREVIOUS = word_set("origine langue langues descendance ascendance")

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
for _word in word_set("indian indians indien indienne indiens indiennes"):
    _WEAK[_word] = ("IN", _INDIGENOUS)
for _word in word_set("georgia georgian georgians georgie georgien georgienne georgiens georgiennes"):
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


def _keep(alias: str, entry: Alias, span: _Span, start: int, end: int) -> bool:
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


def _scan(text: str, lang: str) -> Iterator[tuple[str, Alias, bool]]:
    """Every alias match that survives the context rules, with whether it reads as a person.

    Person readings are yielded rather than dropped: one sense per text, so once "Michael
    Jordan" is seen, a later bare "Jordan, a student…" is the same person, not the kingdom.
    """
    span = _Span.of(text)
    aliases = TABLE.aliases[lang]
    for m in _matcher(lang).finditer(span.low):
        alias = " ".join(TOKEN.findall(m.group()))
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
        folded = {lang: _fold_pair(" ".join(self.texts[lang]))[0] for lang in LANGS}
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
    for lang in LANGS:
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
    top = {lang: max((c[lang] for c in own.values()), default=0) for lang in LANGS}
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
