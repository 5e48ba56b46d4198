"""A question as words that can be blanked out once they are understood."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from bot.petitions.text import fold

# ISO days and year ranges stay one word ("2024-03-01", "2019-2021"); otherwise letters and digits.
_WORD = re.compile(r"\d{4}-\d{1,2}-\d{1,2}|\d{4}-\d{4}|[^\W_]+")
_BLANK = "#"


@dataclass(frozen=True, slots=True)
class Token:
    surface: str  # as typed (case kept)
    folded: str  # lower case, no accents
    start: int  # offsets in the normalised question
    end: int

    @property
    def capitalised(self) -> bool:
        return self.surface[:1].isupper()


class Tokens:
    """The words of a question, in order, each free or taken by what recognised it."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.items = [Token(m.group(), fold(m.group()), m.start(), m.end()) for m in _WORD.finditer(text)]
        self.taken = [False] * len(self.items)
        self._joined: tuple[str, dict[int, int], dict[int, int]] | None = None

    def __len__(self) -> int:
        return len(self.items)

    def free(self, i: int) -> bool:
        return 0 <= i < len(self.items) and not self.taken[i]

    def take(self, i: int, j: int) -> None:
        """Blank out tokens i..j-1."""
        for k in range(i, j):
            self.taken[k] = True
        self._joined = None

    def joined(self) -> tuple[str, dict[int, int], dict[int, int]]:
        """The free words folded and joined by spaces (taken ones as "#"), and offset → token maps."""
        if self._joined is None:
            parts: list[str] = []
            starts: dict[int, int] = {}
            ends: dict[int, int] = {}
            at = 0
            for i, token in enumerate(self.items):
                word = _BLANK if self.taken[i] else token.folded
                starts[at] = i
                at += len(word)
                ends[at] = i + 1
                parts.append(word)
                at += 1
            self._joined = (" ".join(parts), starts, ends)
        return self._joined

    def find(self, pattern: re.Pattern[str]) -> Iterator[tuple[re.Match[str], int, int]]:
        """Matches of `pattern` over whole words: (match, first token, token after the last).

        Taken words read as "#", which only a pattern written for it matches ("when will # be
        answered"): taking a match's words again is harmless."""
        text, starts, ends = self.joined()
        for m in pattern.finditer(text):
            i, j = starts.get(m.start()), ends.get(m.end())
            if i is None or j is None or i >= j:
                continue
            yield m, i, j  # a pattern never matches "#", so a match holds free words only

    def before(self, i: int, n: int = 1) -> str:
        """The `n` folded words before token i, free or not, joined by spaces."""
        return " ".join(t.folded for t in self.items[max(0, i - n) : i])

    def blanked_text(self) -> str:
        """The question as typed, with taken words replaced by spaces (punctuation and case kept)."""
        chars = list(self.text)
        for token, taken in zip(self.items, self.taken, strict=True):
            if taken:
                chars[token.start : token.end] = " " * (token.end - token.start)
        return "".join(chars)

    def free_indexes(self) -> list[int]:
        return [i for i, taken in enumerate(self.taken) if not taken]


def phrase(pattern: str) -> re.Pattern[str]:
    """A pattern that matches whole words of `Tokens.joined()` only."""
    return re.compile(r"(?<![^ ])(?:" + pattern + r")(?![^ ])")
