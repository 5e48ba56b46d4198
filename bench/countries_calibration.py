"""How the typo rule of country queries was calibrated, and the near-miss words it ships.

    pip install pyspellchecker            # only for this script: its EN and FR word frequencies
    python -m bench.countries_calibration               # figures for the shipped rule and variants
    python -m bench.countries_calibration --near-misses # words to review for countries_data.NEAR_MISSES

Positives are typos a user makes of a country's display name (English and French): every swap
of neighbouring letters, and for each name a fixed sample of one deletion, one insertion and one
substitution, plus two edits for names of ten letters or more. Negatives are the most frequent
words of both languages (names included: the lists hold "susan", "olivia", "romain") that are
not themselves a country name, demonym or code. A rule is good when it forgives most typos and
no negative; the near-miss list then takes care of the few words the rule alone lets through.

Nothing is asserted: this prints figures.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
from collections import Counter
from collections.abc import Iterable, Sequence
from importlib import resources

from bot.petitions import countries
from bot.petitions.text import fold

_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def vocabulary(lang: str, size: int) -> list[str]:
    """The `size` most frequent words of pyspellchecker's dictionary for `lang`."""
    try:
        path = resources.files("spellchecker") / "resources" / f"{lang}.json.gz"
    except ModuleNotFoundError:
        raise SystemExit("this bench reads pyspellchecker's word lists: pip install pyspellchecker") from None
    with path.open("rb") as raw, gzip.open(raw) as f:
        freq: dict[str, int] = json.load(f)
    return [w for w, _ in sorted(freq.items(), key=lambda x: -x[1])[:size]]


def typos(name: str, rng: random.Random) -> Iterable[tuple[str, str]]:
    """(kind, typo) pairs of one folded name."""
    letters = [i for i, ch in enumerate(name) if ch != " "]
    for i in letters[:-1]:
        if name[i + 1] != " " and name[i] != name[i + 1]:
            yield "swap", name[:i] + name[i + 1] + name[i] + name[i + 2 :]
    i = rng.choice(letters)
    yield "delete", name[:i] + name[i + 1 :]
    yield "insert", name[:i] + rng.choice(_LETTERS) + name[i:]
    yield "substitute", name[:i] + rng.choice(_LETTERS.replace(name[i], "")) + name[i + 1 :]
    if len(letters) >= 10:
        j = rng.choice([k for k in letters if k != i])
        twice = list(name)
        twice[i] = rng.choice(_LETTERS.replace(name[i], ""))
        twice[j] = rng.choice(_LETTERS.replace(name[j], ""))
        yield "two edits", "".join(twice)


def positives(seed: int = 1) -> list[tuple[str, str, str]]:
    """(kind, typo, code) for every display name of five letters or more."""
    rng = random.Random(seed)
    names = {_key(n or ""): c.code for c in countries.all_countries() for n in (c.name.en, c.name.fr)}
    out = []
    for key, code in sorted(names.items()):
        if len(key.replace(" ", "")) < 5:
            continue
        out += [(kind, typo, code) for kind, typo in typos(key, rng) if typo not in names]
    return out


def _key(text: str) -> str:
    return " ".join("".join(ch if ch.isalnum() else " " for ch in fold(text)).split())


def negatives(size: int) -> list[str]:
    known: set[str] = set()
    words = []
    for lang in ("en", "fr"):
        for word in vocabulary(lang, size):
            key = fold(word)
            if len(key) < 5 or not key.isalpha() or key in known:
                continue
            if countries.resolve_country(key, typos=False):
                continue  # a country name, demonym, place or code typed exactly
            known.add(key)
            words.append(key)
    return words


def measure(
    pos: Sequence[tuple[str, str, str]], neg: Sequence[str], **rule: object
) -> tuple[Counter[str], Counter[str], list[str]]:
    hit: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for kind, typo, code in pos:
        total[kind] += 1
        if code in countries.typo_of(typo, **rule):  # type: ignore[arg-type]
            hit[kind] += 1
    wrong = [w for w in neg if countries.typo_of(w, **rule)]  # type: ignore[arg-type]
    return hit, total, wrong


RULES: dict[str, dict[str, object]] = {
    "shipped": {},
    "shipped, no near-miss list": {"near_misses": ()},
    "shipped, first letters free": {"keep_first": (0, 0)},
    "first letters free, no list": {"keep_first": (0, 0), "near_misses": ()},
    "1 edit from 5 letters, no list": {"edits": ((4, 0), (9, 1)), "any_edit_from": 5, "near_misses": ()},
    "1 edit from 6 letters, no list": {"edits": ((5, 0), (9, 1)), "any_edit_from": 6, "near_misses": ()},
    "2 edits from 8 letters, no list": {"edits": ((4, 0), (7, 1)), "near_misses": ()},
    "2 edits from 12 letters, no list": {"edits": ((4, 0), (11, 1)), "near_misses": ()},
}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--words", type=int, default=60000, help="most frequent words per language")
    parser.add_argument("--near-misses", action="store_true", help="list words the bare rule lets through")
    args = parser.parse_args(argv)
    pos = positives()
    neg = negatives(args.words)
    if args.near_misses:
        for word in sorted(w for w in neg if countries.typo_of(w, near_misses=())):
            print(
                word,
                [c.code for c in countries.resolve_country(word)] or countries.typo_of(word, near_misses=()),
            )
        return 0
    print(f"{len(pos)} typos of country names, {len(neg)} ordinary words (top {args.words} EN + FR)\n")
    kinds = sorted({k for k, _, _ in pos})
    print("| rule | " + " | ".join(kinds) + " | all typos | words taken for a country |")
    print("|---" * (len(kinds) + 3) + "|")
    for label, rule in RULES.items():
        hit, total, wrong = measure(pos, neg, **rule)
        cells = [f"{hit[k] / total[k]:.2f}" for k in kinds]
        overall = sum(hit.values()) / sum(total.values())
        print(
            f"| {label} | "
            + " | ".join(cells)
            + f" | {overall:.2f} | {len(wrong)} ({', '.join(wrong[:6])}) |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
