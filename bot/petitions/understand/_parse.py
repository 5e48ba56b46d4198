"""Reading a question: spans recognised in order of certainty, each blanked out once recognised.

The order is the issue's: a petition number (nothing else looks like `e-4123`), then an MP (a
name from the store: "Elizabeth May" is taken before "May" could be a month), a country (checked
in context by the country detector: "turkey farmers" and "Jordan Peterson" are not countries),
a period ("the 4123 of e-4123" is gone by then, so it is not a year), the status and type phrases
with the words that say what is asked (a count, a response, a deadline), and a subject. What no
step explained is left over: those words rank results and never filter them. The steps that need
no vocabulary (a clean line, cue words' typos, the number, the language) are in `_question.py`.

Deterministic and offline: the same question, vocabulary and day always give the same reading.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from rapidfuzz import process
from rapidfuzz.distance import OSA

from bot.petitions import countries
from bot.petitions.search import stem
from bot.petitions.sponsors import typo_budget
from bot.petitions.understand import _lexicon as lex
from bot.petitions.understand._period import MONTHS, find_period
from bot.petitions.understand._question import detect_lang, find_number, fix_cue_typos, normalise
from bot.petitions.understand._reading import Intent, Period, Reading
from bot.petitions.understand._tokens import Tokens, phrase
from bot.petitions.understand._vocab import Person, Vocabulary

MAX_ALTERNATIVES = 3
MAX_LEFTOVER = 8

_PHRASES = [(phrase(p), what) for p, what in lex.PHRASES]
_STRONG_MP_CUES = lex.words(
    "by mp mps member deputy depute deputee deputes madame monsieur mme mlle mr mrs ms dr hon honourable "
    "honorable minister ministre secretary secretaire sponsor sponsored presented parrainees parrainee "
    "parraine presentees presentee presente deposees deposee signed signees signee answered par"
)
_TOPIC_CUES = lex.words("about regarding concerning sur concernant propos sujet related relating on re")


@dataclass(slots=True)
class _Found:
    """What the steps found; turned into the reading at the end."""

    number: str | None = None
    people: list[Person] = field(default_factory=list)  # the MP, and equally good others
    mp_role: str | None = None
    person_or_month: Period | None = None  # a lone "May": the month, or the MP
    country_codes: tuple[str, ...] = ()
    country_or_person: tuple[str, ...] = ()  # "by Jordan": the MP first, the country as another reading
    period: Period | None = None
    status: str | None = None
    kind: str | None = None
    subject: str | None = None
    intents: list[str] = field(default_factory=list)
    signer_cue: bool = False


def read(question: str, vocab: Vocabulary, today: date, *, lang: str = "en") -> Reading:
    """The best reading of `question`, with up to three close readings in `alternatives`."""
    text = normalise(question)
    tokens = Tokens(text)
    fix_cue_typos(tokens)
    found = _Found()
    found.number = find_number(text, tokens)
    _find_people(tokens, vocab, found, today)
    _find_country(tokens, found)
    found.period = find_period(tokens, today)
    _find_phrases(tokens, found)
    found.subject = _find_subject(tokens, vocab)
    leftover = _leftover(tokens, vocab, found)
    return _reading(tokens, vocab, found, leftover, detect_lang(tokens, lang))


# --- steps -----------------------------------------------------------------------------------


def _name_matches(word: str, vocab: Vocabulary) -> dict[int, float]:
    """People whose name holds `word` (1.0), or a word within its typo budget (0.85)."""
    out = dict.fromkeys(vocab.name_index.get(word, ()), 1.0)
    if (
        out
        or len(word) < 4
        or word in vocab.common
        or word in lex.NOT_TOPICS
        or word in lex.ORDINARY
        or word in MONTHS
    ):
        return out
    budget = typo_budget(word)
    for name_word, distance, _i in process.extract(
        word, vocab.name_words, scorer=OSA.distance, score_cutoff=budget, limit=None
    ):
        swapped = len(word) == len(name_word) and sorted(word) == sorted(name_word)
        if distance and (swapped or (len(word) >= 5 and name_word[0] == word[0])):
            for i in vocab.name_index[name_word]:
                out.setdefault(i, 0.85)
    return out


def _find_people(tokens: Tokens, vocab: Vocabulary, found: _Found, today: date) -> None:
    """The MP named: a whole name ("Jenny Kwan", "kwan jenny") or a surname alone ("Kwan", "Kawn").

    A lone word that is also an ordinary word or a month ("May", "Long") is a name only after a
    cue ("by", "MP", "la députée"); a first name alone needs one too. Equally good people all come
    back, most active first, as close readings.
    """
    if not vocab.people:
        return
    matches: list[dict[int, float]] = []
    for i, token in enumerate(tokens.items):
        word = token.folded
        ok = tokens.free(i) and len(word) > 1 and word.isalpha() and word not in lex.FUNCTION
        matches.append(_name_matches(word, vocab) if ok else {})
    best: tuple[float, int, int, list[int]] | None = None
    for i in range(len(matches)):
        for j in range(i + 1, min(i + 4, len(matches)) + 1):
            if not matches[j - 1]:
                break
            common = set(matches[i])
            for k in range(i + 1, j):
                common &= set(matches[k])
            if not common:
                break
            scored = []
            for p in common:
                person = vocab.people[p]
                words = {tokens.items[k].folded for k in range(i, j)}
                first_only = not words & person.last and not _close_to_any(words, person.last)
                if first_only and (j - i > 1 or not _cued(tokens, i)):
                    continue  # a first name alone, not introduced as an MP
                if j - i == 1 and not _single_ok(tokens, i, vocab):
                    continue
                scored.append((sum(matches[k][p] for k in range(i, j)), p))
            if not scored:
                continue
            top = max(score for score, _ in scored)
            people = [p for score, p in scored if score >= top - 1e-9]
            key = (top, j - i, -i, people)
            if best is None or key[:3] > best[:3]:
                best = key
    if best is None:
        return
    _top, length, neg_i, people = best
    i = -neg_i
    people.sort(key=lambda p: p)  # vocabulary order: most active first
    found.people = [vocab.people[p] for p in people]
    if length == 1 and tokens.items[i].folded in MONTHS and not _cued(tokens, i, strong=True):
        found.person_or_month = find_period(_alone(tokens, i), today)
    if length == 1 and not _cued(tokens, i):
        found.country_or_person = countries.exact_codes(tokens.items[i].folded)
    found.signer_cue = bool(lex.SIGNER_CUES.search(tokens.before(i, 3) + " "))
    tokens.take(i, i + length)
    after = i + length
    while after < len(tokens.items) and tokens.free(after) and tokens.items[after].folded in lex.SIGNED_AFTER:
        found.signer_cue = found.signer_cue or tokens.items[after].folded not in ("a", "has", "have", "did")
        tokens.take(after, after + 1)  # "which petitions did Rob Oliphant answer?": he signed them
        after += 1


def _close_to_any(words: set[str], targets: frozenset[str]) -> bool:
    return any(OSA.distance(w, t) <= typo_budget(w) for w in words for t in targets)


def _cued(tokens: Tokens, i: int, *, strong: bool = False) -> bool:
    """Whether token i is introduced as an MP ("by Kwan", "la députée Kwan", "Kwan's petitions")."""
    before = tokens.before(i, 1)
    cues = _STRONG_MP_CUES if strong else lex.MP_CUES
    if before in cues or tokens.before(i, 2) in (
        "sponsored by",
        "presented by",
        "signed by",
        "la deputee",
        "le depute",
    ):
        return True
    after = tokens.items[i + 1].folded if i + 1 < len(tokens.items) else ""
    return not strong and after == "s" and "'" in tokens.text[tokens.items[i].end : tokens.items[i].end + 2]


def _single_ok(tokens: Tokens, i: int, vocab: Vocabulary) -> bool:
    """A lone name word stands for an MP unless it is an ordinary word, and then only after a cue."""
    token = tokens.items[i]
    word = token.folded
    if word in MONTHS:
        after = tokens.items[i + 1].folded if i + 1 < len(tokens.items) else ""
        if after.isdigit():
            return False  # "May 2023", "mai 12": a date
        return token.capitalised or _cued(tokens, i)
    if word in vocab.common or word in lex.NOT_TOPICS or word in lex.ORDINARY:
        return _cued(tokens, i, strong=True) or (
            token.capitalised and i > 0 and tokens.text != tokens.text.lower() and word not in lex.FUNCTION
        )
    return True


def _alone(tokens: Tokens, i: int) -> Tokens:
    """A copy of the question's words with only token i and the word before it free."""
    copy = Tokens(tokens.text)
    copy.take(0, len(copy))
    copy.taken[i] = False
    if i > 0:
        copy.taken[i - 1] = False
    copy.take(0, 0)
    return copy


def _find_country(tokens: Tokens, found: _Found) -> None:
    """The country named, checked in context by the detector ("Turkey" the country, not "turkey
    farmers"; "Jordan" the country, not "Jordan Peterson"); then a typo of one ("Kazakstan")."""
    blanked = tokens.blanked_text()
    detected = set(countries.find_countries(blanked, "en")) | set(countries.find_countries(blanked, "fr"))
    lower = not any(ch.isupper() for ch in tokens.text)
    items = tokens.items
    for n in (4, 3, 2, 1):
        for i in range(len(items) - n + 1):
            j = i + n
            if not all(tokens.free(k) for k in range(i, j)):
                continue
            words = [items[k].folded for k in range(i, j)]
            if n > 1 and (words[0] in lex.FUNCTION or words[-1] in lex.FUNCTION):
                continue
            codes = countries.exact_codes(" ".join(words))
            if not codes:
                continue
            surface = tokens.text[items[i].start : items[j - 1].end]
            if n == 1 and len(surface) <= 3:
                # An ISO code only in capitals: "pk" is French chat for "pourquoi", "in" a word.
                if not surface.isupper() or (words[0] in lex.FUNCTION and words[0] != "us"):
                    continue
            elif not set(codes) & detected and not (lower and _in_context(tokens, i, j, codes)):
                continue
            found.country_codes = codes
            tokens.take(i, j)
            return
    for i, token in enumerate(items):
        word = token.folded
        if (
            tokens.free(i)
            and len(word) >= 5
            and word.isalpha()
            and word not in lex.NOT_TOPICS
            and word not in lex.TYPO_TARGETS
            and word not in MONTHS
            and not countries.exact_codes(word)  # judged in context above ("turkey farmers")
        ):
            codes = countries.typo_of(word)
            if codes:
                found.country_codes = codes
                tokens.take(i, i + 1)
                return


def _in_context(tokens: Tokens, i: int, j: int, codes: tuple[str, ...]) -> bool:
    """For a question typed all in lower case: the words capitalised as a name would be (and the
    unknown word next to it, which may be a surname), then asked of the detector again."""
    chars = list(tokens.blanked_text())
    spans = [(tokens.items[k].start, tokens.items[k].end) for k in range(i, j)]
    if j < len(tokens.items) and tokens.free(j) and tokens.items[j].folded not in lex.NOT_TOPICS:
        spans.append((tokens.items[j].start, tokens.items[j].end))
    for start, _end in spans:
        chars[start] = chars[start].upper()
    text = "".join(chars)
    seen = set(countries.find_countries(text, "en")) | set(countries.find_countries(text, "fr"))
    return bool(seen & set(codes))


def _find_phrases(tokens: Tokens, found: _Found) -> None:
    for pattern, (what, value) in _PHRASES:
        for _m, i, j in tokens.find(pattern):
            if what == "intent":
                if value not in found.intents:
                    found.intents.append(value)
            elif what == "status":
                found.status = found.status or value
            elif what == "type":
                found.kind = found.kind or value
            elif value == "signer":
                found.signer_cue = True
            tokens.take(i, j)


def _find_subject(tokens: Tokens, vocab: Vocabulary) -> str | None:
    """A subject by its name in either language, a word only it has, or a usual synonym."""
    items = tokens.items
    singles = [key for key in vocab.subject_phrases if " " not in key and len(key) >= 6]
    for n in range(min(vocab.subject_longest, 6), 0, -1):
        for i in range(len(items) - n + 1):
            j = i + n
            if not all(tokens.free(k) for k in range(i, j)):
                continue
            key = " ".join(items[k].folded for k in range(i, j))
            subject = vocab.subject_phrases.get(key)
            if subject is None and n == 1:
                if key in lex.NOT_TOPICS or not key.isalpha():
                    continue
                subject = vocab.subject_phrases.get(stem(key))
                if subject is None and len(key) >= 7:
                    hit = process.extractOne(key, singles, scorer=OSA.distance, score_cutoff=1)
                    if hit is not None and hit[0][0] == key[0]:
                        subject = vocab.subject_phrases[hit[0]]
            if subject is not None:
                tokens.take(i, j)
                return subject
    return None


def _leftover(tokens: Tokens, vocab: Vocabulary, found: _Found) -> list[str]:
    """Words nothing explained, keywords of the store kept whole ("human rights")."""
    for i in tokens.free_indexes():
        intent = lex.LOOSE_INTENT.get(tokens.items[i].folded)
        if intent and intent not in found.intents:
            found.intents.append(intent)
    words: list[tuple[int, str]] = []
    for i in tokens.free_indexes():
        word = tokens.items[i].folded
        if len(word) < 2 or word.isdigit() or word in lex.NOT_TOPICS or word in MONTHS:
            continue
        if not any(ch.isalpha() for ch in word):
            continue
        words.append((i, word))
    out: list[str] = []
    k = 0
    while k < len(words):
        for n in (4, 3, 2):
            group = words[k : k + n]
            if len(group) == n and group[-1][0] - group[0][0] == n - 1:
                joined = " ".join(w for _, w in group)
                if joined in vocab.keyword_phrases:
                    out.append(joined)
                    k += n
                    break
        else:
            out.append(words[k][1])
            k += 1
    return list(dict.fromkeys(out))[:MAX_LEFTOVER]


# --- the reading ------------------------------------------------------------------------------


def _reading(tokens: Tokens, vocab: Vocabulary, found: _Found, leftover: list[str], lang: str) -> Reading:
    person = found.people[0] if found.people else None
    role = None
    if person is not None:
        role = "signer" if (person.sponsored == 0 or (found.signer_cue and person.signed)) else "sponsor"
    country = found.country_codes[0] if found.country_codes else None
    folded = {t.folded for t in tokens.items}
    cue = bool(folded & lex.PETITION_CUES)
    topical = bool(leftover) and (
        bool(folded & _TOPIC_CUES) or any(w in vocab.keyword_phrases for w in leftover)
    )
    meaningful = bool(found.number or person or country or found.subject or cue or topical)
    status = found.status
    intent: Intent
    intents = found.intents
    if found.number:
        first = next((i for i in intents if i in ("response", "deadline")), None)
        if first is None and status in ("responded", "awaiting"):
            first = "response"  # "is e-5318 answered yet?", "e-7741 still without a response?"
        if first == "response":
            intent = "response"
        else:
            intent = "deadline" if first == "deadline" or status == "overdue" else "lookup"
        status = None
    elif not meaningful:
        intent = "help" if "help" in intents else "none"
    elif "count" in intents:
        intent = "count"
    elif "response" in intents and status != "responded":
        intent = "response"
    elif "deadline" in intents or status == "overdue":
        intent = "deadline"
    elif "help" in intents and not (person or country or found.subject or leftover or found.period or status):
        intent = "help"
    else:
        intent = "list"
    if intent in ("none", "help"):
        return Reading(intent=intent, lang=lang)
    reading = Reading(
        intent=intent,
        number=found.number,
        country=country,
        mp=person.name if person else None,
        status=status,  # type: ignore[arg-type]
        type=found.kind,  # type: ignore[arg-type]
        period=found.period,
        subject=found.subject,
        lang=lang,
        leftover=tuple(leftover) if not found.number else (),
        mp_role=role,  # type: ignore[arg-type]
    )
    if found.number:
        reading = reading.but(country=None, mp=None, mp_role=None, period=None, subject=None, type=None)
    return _with_alternatives(reading, found)


def _with_alternatives(reading: Reading, found: _Found) -> Reading:
    """Close readings: another MP as good, the month rather than the MP, the other Korea, the country
    rather than a first name."""
    if reading.number:
        return reading
    others: list[Reading] = []
    if found.person_or_month is not None and reading.period is None:
        month = reading.but(mp=None, mp_role=None, period=found.person_or_month)
        others.append(reading)
        reading = month
    for person in found.people[1:]:
        role = "signer" if person.sponsored == 0 else "sponsor"
        others.append(reading.but(mp=person.name, mp_role=role))
    for code in found.country_codes[1:]:
        others.append(reading.but(country=code))
    if found.country_or_person and reading.country is None and reading.mp:
        others.append(reading.but(mp=None, mp_role=None, country=found.country_or_person[0]))
    unique: list[Reading] = []
    for other in others:
        if other != reading and other not in unique:
            unique.append(other)
    if not unique:
        return reading
    return replace(reading, alternatives=tuple(unique[:MAX_ALTERNATIVES]))
