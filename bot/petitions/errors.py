"""Errors whose text is safe to show to a user, in either language."""

from __future__ import annotations

from typing import Any

from bot.i18n import Term

__all__ = ["Term", "UserFacingError"]


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
