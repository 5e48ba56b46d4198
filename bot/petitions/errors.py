"""Errors whose text is safe to show to a user, in either language."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Term:
    """A word of a message that is itself translated when the message is shown (an option's name).

    The core names sentences by key and never picks a language; a parameter that is a
    `Term` is looked up in `bot.i18n` in the reader's language, like the sentence itself.
    """

    key: str


class UserFacingError(Exception):
    """Bad input or a missing thing, explained in words a user understands.

    `key` names a message in `bot.i18n`; `params` fill it in. `suggestions` are
    values the user may have meant (close petition numbers, countries...).
    """

    def __init__(self, key: str, /, suggestions: list[str] | None = None, **params: Any) -> None:
        super().__init__(key)
        self.key = key
        self.params = params
        self.suggestions = list(suggestions or [])


class BadPetitionNumber(UserFacingError):
    pass


class PetitionNotFound(UserFacingError):
    pass
