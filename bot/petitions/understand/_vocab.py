"""The store's own words, which questions are read against: its MPs, subjects and keywords.

MPs are the sponsors (`sponsors.sponsor_roster`) and the ministers and secretaries who signed a
response. The signers are not a column of the store: they are read from the records once, then
kept up to date from the change journal (only the petitions changed since are read again), so a
refresh never costs another pass over every record.

Built once per change of the store (`search.cached`), in memory, a few hundred names and subjects:
reading a question never touches the database.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from bot.petitions import search as search_mod
from bot.petitions.cache import cached
from bot.petitions.search import stem
from bot.petitions.sponsors import name_words, sponsor_roster
from bot.petitions.store import Store
from bot.petitions.text import fold
from bot.petitions.understand import _lexicon as lex
from bot.petitions.understand._tokens import Tokens

FULL_REBUILD = 20_000  # changes after which reading every record again is cheaper than one by one
_CHUNK = 500  # numbers per IN (...) when the journal names many


@dataclass(frozen=True, slots=True)
class Person:
    name: str
    sponsored: int  # petitions presented or sponsored
    signed: int  # government responses signed
    first: str  # folded first name
    last: frozenset[str]  # folded surname words, particles joined too ("d amours" → "damours")


@dataclass(slots=True)
class Vocabulary:
    """Everything a question is read against; plain data, so reading is pure and fast."""

    people: list[Person] = field(default_factory=list)
    name_index: dict[str, list[int]] = field(default_factory=dict)  # folded name word → people
    name_words: list[str] = field(default_factory=list)  # the keys of `name_index`, for typo search
    common: frozenset[str] = frozenset()  # name words that are ordinary words of the petitions' text
    signed: dict[str, tuple[str, ...]] = field(default_factory=dict)  # signer → petition numbers
    subjects: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)  # en → (en, fr)
    subject_phrases: dict[str, str] = field(default_factory=dict)  # folded name or word → subject (en)
    subject_longest: int = 1  # words in the longest subject phrase
    keyword_phrases: frozenset[str] = frozenset()  # folded keywords of two words or more

    def person(self, name: str) -> Person | None:
        want = fold(name)
        return next((p for p in self.people if fold(p.name) == want), None)


# Words of subject names that say too little alone to name the subject ("affairs" is in three).
_GENERIC = lex.words(
    "affairs affaires system systeme process processus protection information national nationale public "
    "publique social sociales sociaux day journee vie and et des de du la le l"
)
#: Ordinary ways to name a subject with a word that is not in its name, by the English name.
SUBJECT_SYNONYMS: dict[str, tuple[str, ...]] = {
    "Health": (
        "healthcare",
        "health care",
        "medical",
        "medicine",
        "hospitals",
        "sante",
        "soins de sante",
        "medecine",
    ),
    "Taxation": ("tax", "taxes", "taxation", "impot", "impots", "taxe", "taxes", "fiscal", "fiscalite"),
    "Fisheries": ("fish", "fishing", "fisheries", "peche", "peches", "pecheurs", "fishers"),
    "Correctional system": (
        "prison",
        "prisons",
        "penitentiary",
        "correctional",
        "penitencier",
        "penitenciers",
    ),
    "Employment and labour": (
        "jobs",
        "employment",
        "labour",
        "labor",
        "workers",
        "emploi",
        "travail",
        "travailleurs",
    ),
    "Citizenship and immigration": ("immigration", "immigrants", "citizenship", "citoyennete"),
    "Environment": ("environment", "environnement", "environmental"),
    "Foreign affairs": ("foreign affairs", "foreign policy", "affaires etrangeres"),
    "Information and privacy": ("privacy", "vie privee", "confidentialite"),
    "Democratic process": ("democracy", "democratie", "democratic", "democratique"),
    "Public safety": ("public safety", "securite publique", "policing", "police"),
    "Justice": ("justice",),
}


async def vocabulary(store: Store) -> Vocabulary:
    """The vocabulary of `store`, rebuilt after any change (a few ms for a few hundred names)."""
    signed = await signer_numbers(store)

    async def build() -> Vocabulary:
        roster = await sponsor_roster(store)
        sponsors = [(s.name, s.petitions) for s in roster.everyone]
        subjects = await search_mod.subjects(store)
        keywords = await search_mod.keywords(store)
        return await _build(store, sponsors, signed, subjects, keywords)

    return await cached(store, "understand", build)


async def _build(
    store: Store,
    sponsors: Iterable[tuple[str, int]],
    signed: dict[str, tuple[str, ...]],
    subjects: Iterable[tuple[str | None, str | None, int]],
    keywords: Iterable[tuple[str, str | None, str | None, int]],
) -> Vocabulary:
    vocab = Vocabulary(signed=signed)
    counts: dict[str, list[int]] = {}  # folded name → [sponsored, signed]
    names: dict[str, str] = {}
    for name, n in sponsors:
        key = fold(name)
        names.setdefault(key, name)
        counts.setdefault(key, [0, 0])[0] += n
    for name, numbers in signed.items():
        key = fold(name)
        names.setdefault(key, name)
        counts.setdefault(key, [0, 0])[1] += len(numbers)
    for key, name in names.items():
        words = [w for w in name_words(name) if len(w) > 1]
        if not words:
            continue
        last = set(words[1:]) or {words[0]}
        last |= {a + b for a, b in zip(words[1:], words[2:], strict=False)}
        person = Person(name, counts[key][0], counts[key][1], words[0], frozenset(last))
        vocab.people.append(person)
    vocab.people.sort(key=lambda p: (-(p.sponsored + p.signed), p.name))
    for i, person in enumerate(vocab.people):
        for word in {person.first, *person.last}:
            vocab.name_index.setdefault(word, []).append(i)
    vocab.name_words = sorted(vocab.name_index)
    vocab.common = await _common_words(store, vocab)
    _add_subjects(vocab, subjects)
    vocab.keyword_phrases = frozenset(
        phrase
        for folded, en, fr, _n in keywords
        for phrase in {folded, fold(en), fold(fr)}
        if phrase and " " in phrase and len(phrase) <= 60
    )
    return vocab


async def _common_words(store: Store, vocab: Vocabulary) -> frozenset[str]:
    """Name words that petitions use as ordinary words ("may", "long", "church"), not as this name.

    A name word is common when far more petitions hold it than the people bearing it sponsored:
    their own petitions hold it once each (the sponsor column), a word of the language many times more.
    """
    words = [w for w in vocab.name_words if len(w) >= 3]
    docs: dict[str, int] = {}
    for i in range(0, len(words), _CHUNK):
        chunk = words[i : i + _CHUNK]
        marks = ",".join("?" * len(chunk))
        rows = await store.fetch_all(f"SELECT term, docs FROM search_terms WHERE term IN ({marks})", chunk)
        docs.update({row["term"]: int(row["docs"]) for row in rows})
    common = set()
    for word, n in docs.items():
        own = sum(vocab.people[i].sponsored for i in vocab.name_index.get(word, ()))
        if n > 2 * own + 10:
            common.add(word)
    return frozenset(common | (lex.FUNCTION & set(vocab.name_words)))


def _add_subjects(vocab: Vocabulary, rows: Iterable[tuple[str | None, str | None, int]]) -> None:
    """Each subject by its names in both languages, by its distinctive words, and by usual synonyms."""
    for en, fr, _n in rows:
        if not en:
            continue
        known = vocab.subjects.get(en)
        vocab.subjects[en] = (en, fr or (known[1] if known else None))
    owners: dict[str, set[str]] = {}
    for en, (_, fr) in vocab.subjects.items():
        for name in (en, fr):
            folded = _phrase(name)
            if not folded:
                continue
            vocab.subject_phrases[folded] = en
            for word in folded.split():
                if len(word) >= 5 and word not in _GENERIC and word not in lex.NOT_TOPICS:
                    owners.setdefault(stem(word), set()).add(en)
    for word_stem, subjects in owners.items():
        if len(subjects) == 1:
            vocab.subject_phrases.setdefault(word_stem, next(iter(subjects)))
    for en, synonyms in SUBJECT_SYNONYMS.items():
        if en in vocab.subjects:
            for synonym in synonyms:
                key = synonym if " " in synonym else stem(synonym)
                vocab.subject_phrases.setdefault(key, en)
    vocab.subject_longest = max((len(p.split()) for p in vocab.subject_phrases), default=1)


def _phrase(name: str | None) -> str:
    """A name as the question's words read it: folded words joined by single spaces."""
    return " ".join(t.folded for t in Tokens(name or "").items)


# --- response signers ---------------------------------------------------------------------------


@dataclass(slots=True)
class _Signers:
    change: int
    by_number: dict[str, str]
    by_signer: dict[str, tuple[str, ...]]


_SIGNERS = "understand.signers"  # the `_Signers` kept in `store.derived`
_SIGNER_SQL = "SELECT number, json_extract(record, '$.response.signer') AS signer FROM petitions"


async def signer_numbers(store: Store) -> dict[str, tuple[str, ...]]:
    """Each response signer and the petitions whose response they signed, newest number last.

    The first call reads every answered record (about 1.5 s at 100,000 petitions); later calls read
    only the petitions the change journal names since.
    """
    change = await store.last_change_id()
    have: _Signers | None = store.derived.values.get(_SIGNERS)
    if have is not None and have.change == change:
        return have.by_signer
    if have is None or change - have.change > FULL_REBUILD:
        by_number = dict(await _signed_by(store, f"{_SIGNER_SQL} WHERE has_response = 1", ()))
    else:
        by_number = dict(have.by_number)
        rows = await store.fetch_all("SELECT DISTINCT number FROM changes WHERE id > ?", (have.change,))
        changed = [row["number"] for row in rows]
        for i in range(0, len(changed), _CHUNK):
            chunk = changed[i : i + _CHUNK]
            for number in chunk:
                by_number.pop(number, None)
            marks = ",".join("?" * len(chunk))
            by_number.update(await _signed_by(store, f"{_SIGNER_SQL} WHERE number IN ({marks})", chunk))
    by_signer: dict[str, list[str]] = {}
    for number, signer in by_number.items():
        by_signer.setdefault(signer, []).append(number)
    entry = _Signers(change, by_number, {k: tuple(v) for k, v in by_signer.items()})
    store.derived.values[_SIGNERS] = entry
    return entry.by_signer


async def _signed_by(store: Store, sql: str, params: Sequence[Any]) -> list[tuple[str, str]]:
    """(number, signer) of the rows that name a signer, the name's spaces tidied."""
    rows = await store.fetch_all(sql, params)
    return [
        (row["number"], " ".join(signer.split()))
        for row in rows
        if isinstance(signer := row["signer"], str) and signer.strip()
    ]
