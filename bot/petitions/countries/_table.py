"""The alias table: every name, demonym and place that stands for a country, by language.

Built once at import from `countries_data`; the detector and the look-ups both read it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.petitions.countries_data import BLOCKED_EN, BLOCKED_FR, COUNTRY_ROWS
from bot.petitions.model import Bi
from bot.petitions.text import fold

LANGS = ("en", "fr")


@dataclass(frozen=True, slots=True)
class Country:
    """A country as users name it: ISO alpha-2 `code` (XK for Kosovo), alpha-3, names in EN and FR."""

    code: str
    alpha3: str
    name: Bi[str]


TOKEN = re.compile(r"[a-z0-9]+")


def alias_key(text: str) -> str:
    """The form every alias and every match is compared in: folded tokens, one space apart."""
    return " ".join(TOKEN.findall(fold(text)))


@dataclass(slots=True)
class Alias:
    codes: tuple[str, ...]
    kind: str  # "name", "demonym", "place" or "block"


@dataclass(slots=True)
class Table:
    countries: dict[str, Country] = field(default_factory=dict)
    aliases: dict[str, dict[str, Alias]] = field(default_factory=lambda: {"en": {}, "fr": {}})
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


def split_cell(cell: str) -> list[str]:
    return [part.strip() for part in cell.split(";") if part.strip()]


# Display names that must not be matched on their own in running text: in French "Dominique"
# and "Maurice" are first names far more often than Dominica and Mauritius ("la Dominique",
# "l'île Maurice" are aliases instead).
_DISPLAY_NOT_ALIAS = {("DM", "fr"), ("MU", "fr")}


def _build() -> Table:
    table = Table()

    def add(lang: str, text: str, code: str, kind: str) -> None:
        key = alias_key(text)
        if not key:
            return
        known = table.aliases[lang].get(key)
        if known is None:
            table.aliases[lang][key] = Alias((code,), kind)
        elif code not in known.codes:
            table.collisions.add(key)
            known.codes = (*known.codes, code)

    def typo_key(text: str, code: str) -> None:
        key = alias_key(text)
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
            for name in split_cell(names):
                add(lang, name, code, "name")
                typo_key(name, code)
            for demonym in split_cell(demonyms):
                for form in forms(demonym):
                    add(lang, form, code, "demonym")
                for form in _english_forms(demonym) if lang == "en" else [demonym.rstrip("+")]:
                    typo_key(form, code)
            for place in split_cell(places):
                for form in _english_forms(place):
                    add(lang, form, code, "place")
    for lang, blocked in (("en", BLOCKED_EN), ("fr", BLOCKED_FR)):
        for phrase in split_cell(blocked.replace("\n", "")):
            table.aliases[lang][alias_key(phrase)] = Alias((), "block")
    return table


TABLE = _build()

# Aliases that name two countries on purpose; anything else colliding is a data error (tested).
INTENDED_SHARED_ALIASES = frozenset({"artsakh", "nagorno karabakh", "haut karabakh"})


def shared_aliases() -> frozenset[str]:
    """Aliases that name more than one country; the tests check they are the intended ones."""
    return frozenset(TABLE.collisions)


def word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())
