"""Discord's documented size and shape limits, and the record of payloads that broke them.

discord.py checks only a few of these before sending (see ../shared/notes/discord-fake.md, section 12); the
rest would come back from Discord as a 400 in production, long after a test on a fake server passed. The fake
server runs the checks of ``_message_limits`` and ``_command_limits`` on every captured message, autocomplete
answer, modal and command sync, so an over-long embed or an invalid localized command name fails the test that
produced it.

Every checker returns a list of human-readable violations (empty when the payload is fine) instead of raising,
so one run reports every problem at once. The checkers do not import discord: they work on the JSON payloads.
"""

from __future__ import annotations

import logging
import unicodedata
from collections.abc import Iterable, Mapping
from typing import Any

log = logging.getLogger(__name__)

try:  # the `regex` module knows \p{...}; the fallback below approximates it with unicodedata
    import regex as _regex  # pyright: ignore[reportMissingModuleSource]
except ImportError:  # pragma: no cover - depends on the environment
    _regex = None

CONTENT_MAX = 2000
EMBEDS_MAX = 10
EMBED_TITLE_MAX = 256
EMBED_DESCRIPTION_MAX = 4096
EMBED_FIELDS_MAX = 25
EMBED_FIELD_NAME_MAX = 256
EMBED_FIELD_VALUE_MAX = 1024
EMBED_FOOTER_MAX = 2048
EMBED_AUTHOR_MAX = 256
EMBED_TOTAL_MAX = 6000
ACTION_ROWS_MAX = 5
BUTTONS_PER_ROW_MAX = 5
CUSTOM_ID_MAX = 100
BUTTON_LABEL_MAX = 80
URL_MAX = 512
SELECT_OPTIONS_MAX = 25
SELECT_PLACEHOLDER_MAX = 150
SELECT_OPTION_TEXT_MAX = 100
V2_COMPONENTS_MAX = 40
FILES_MAX = 10
NONCE_MAX = 25
ALLOWED_MENTION_IDS_MAX = 100
CHOICES_MAX = 25
CHOICE_NAME_MAX = 100
CHOICE_VALUE_MAX = 100
COMMAND_NAME_MAX = 32
COMMAND_DESCRIPTION_MAX = 100
OPTIONS_MAX = 25
COMMAND_TOTAL_MAX = 8000
SLASH_COMMANDS_MAX = 100
CONTEXT_COMMANDS_MAX = 15
STRING_OPTION_LENGTH_MAX = 6000
MODAL_TITLE_MAX = 45
MODAL_ROWS_MAX = 5
TEXT_INPUT_LABEL_MAX = 45
TEXT_INPUT_VALUE_MAX = 4000
TEXT_INPUT_PLACEHOLDER_MAX = 100

FLAG_EPHEMERAL = 1 << 6
FLAG_COMPONENTS_V2 = 1 << 15

#: Locales Discord accepts as keys of ``name_localizations`` / ``description_localizations``.
DISCORD_LOCALES = frozenset(
    {
        *("id", "da", "de", "en-GB", "en-US", "es-ES", "es-419", "fr", "hr", "it", "lt", "hu", "nl", "no"),
        *("pl", "pt-BR", "ro", "fi", "sv-SE", "vi", "tr", "cs", "el", "bg", "ru", "uk", "hi", "th"),
        *("zh-CN", "ja", "zh-TW", "ko"),
    }
)

COMPONENT_BUTTON = 2
SELECT_TYPES = frozenset({3, 5, 6, 7, 8})
TEXT_INPUT = 4
LINK_STYLE = 5
PREMIUM_STYLE = 6

_NAME_RE = _regex.compile(r"^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$") if _regex is not None else None


def _name_char_ok(ch: str) -> bool:
    """Approximates ``[-_'\\p{L}\\p{N}\\p{sc=Deva}\\p{sc=Thai}]`` without the `regex` module."""
    if ch in "-_'":
        return True
    if unicodedata.category(ch)[0] in "LN":
        return True
    code = ord(ch)
    # Devanagari (incl. extended blocks) and Thai: their vowel signs are combining marks, not letters.
    return 0x0900 <= code <= 0x097F or 0xA8E0 <= code <= 0xA8FF or 0x0E00 <= code <= 0x0E7F


def valid_slash_name(name: str) -> bool:
    """True when ``name`` matches Discord's chat-input name pattern (length 1-32, allowed characters)."""
    if _NAME_RE is not None:
        return bool(_NAME_RE.match(name))
    return 1 <= len(name) <= COMMAND_NAME_MAX and all(_name_char_ok(ch) for ch in name)


def _has_upper(name: str) -> bool:
    """Discord wants the lower-case form of every character that has one."""
    return any(ch.lower() != ch for ch in name)


def as_text(value: Any) -> str:
    return "" if value is None else str(value)


def text_len(value: Any) -> int:
    return len(as_text(value))


def check_choice(choice: Mapping[str, Any], where: str) -> list[str]:
    problems: list[str] = []
    name = as_text(choice.get("name"))
    if not 1 <= len(name) <= CHOICE_NAME_MAX:
        problems.append(f"{where}: name {name[:40]!r} has {len(name)} chars (1-{CHOICE_NAME_MAX})")
    value = choice.get("value")
    if isinstance(value, str) and len(value) > CHOICE_VALUE_MAX:
        problems.append(f"{where}: value has {len(value)} chars (max {CHOICE_VALUE_MAX})")
    if value is None:
        problems.append(f"{where}: missing value")
    problems.extend(
        check_localizations(choice.get("name_localizations"), f"{where} name", 1, CHOICE_NAME_MAX)
    )
    return problems


def check_slash_name(name: str, where: str) -> list[str]:
    problems: list[str] = []
    if not valid_slash_name(name):
        problems.append(f"{where}: name {name!r} does not match ^[-_'\\p{{L}}\\p{{N}}]{{1,32}}$")
    if _has_upper(name):
        problems.append(f"{where}: name {name!r} is not lower case")
    return problems


def check_localizations(
    localizations: Mapping[str, Any] | None,
    where: str,
    low: int = 1,
    high: int = COMMAND_NAME_MAX,
    *,
    slash: bool = False,
) -> list[str]:
    """Checks each localized string the same way as the default one (names against the name pattern)."""
    problems: list[str] = []
    for locale, text in (localizations or {}).items():
        if locale not in DISCORD_LOCALES:
            problems.append(f"{where}: unknown locale {locale!r} in localizations")
        text = as_text(text)
        if slash:
            problems.extend(check_slash_name(text, f"{where}[{locale}]"))
        elif not low <= len(text) <= high:
            problems.append(f"{where}[{locale}]: {len(text)} chars ({low}-{high})")
    return problems


class Violations(list[str]):
    """The limit violations a fake recorded; a plain list, so a test that expects one can claim it
    (``fake.violations.clear()``). Each is logged when recorded, so it shows next to the request."""

    def record(self, text: str) -> None:
        log.warning("Discord limit violation: %s", text)
        self.append(text)

    def record_all(self, problems: Iterable[str]) -> None:
        for problem in problems:
            self.record(problem)

    def assert_clean(self) -> None:
        """Raises AssertionError listing every recorded limit violation."""
        if self:
            listing = "\n  ".join(self)
            raise AssertionError(f"fake Discord recorded {len(self)} violation(s):\n  {listing}")
