"""Discord's documented size and shape limits, checked on the payloads our bot sends.

discord.py checks only a few of these before sending (see ../shared/notes/discord-fake.md, section 12); the
rest would come back from Discord as a 400 in production, long after a test on a fake server passed. The fake
server in ``tests/fake_discord.py`` runs these checks on every captured message, autocomplete answer, modal and
command sync, so an over-long embed or an invalid localized command name fails the test that produced it.

Every checker returns a list of human-readable violations (empty when the payload is fine) instead of raising,
so one run reports every problem at once. This module does not import discord: it works on the JSON payloads.
"""

from __future__ import annotations

import logging
import unicodedata
from collections.abc import Iterable, Mapping
from typing import Any

log = logging.getLogger(__name__)

try:  # the `regex` module knows \p{...}; the fallback below approximates it with unicodedata
    import regex as _regex
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

_COMPONENT_BUTTON = 2
_SELECT_TYPES = frozenset({3, 5, 6, 7, 8})
_TEXT_INPUT = 4
_LINK_STYLE = 5
_PREMIUM_STYLE = 6

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


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _len(value: Any) -> int:
    return len(_text(value))


# --------------------------------------------------------------------------------------------- messages


def check_message(payload: Mapping[str, Any], *, new: bool = True, where: str = "message") -> list[str]:
    """Violations of Discord's message limits in a message payload (or a message object after an edit).

    ``new`` adds the rule that a freshly created message may not be empty; edits may leave parts out.
    """
    problems: list[str] = []
    content = payload.get("content")
    embeds = payload.get("embeds") or []
    components = payload.get("components") or []
    flags = int(payload.get("flags") or 0)

    if content is not None and _len(content) > CONTENT_MAX:
        problems.append(f"{where}: content has {_len(content)} chars (max {CONTENT_MAX})")
    if len(embeds) > EMBEDS_MAX:
        problems.append(f"{where}: {len(embeds)} embeds (max {EMBEDS_MAX})")

    total = 0
    for index, embed in enumerate(embeds):
        embed_problems, embed_total = _check_embed(embed, f"{where}: embed[{index}]")
        problems.extend(embed_problems)
        total += embed_total
    if total > EMBED_TOTAL_MAX:
        problems.append(f"{where}: embeds total {total} chars (max {EMBED_TOTAL_MAX} across all embeds)")

    if flags & FLAG_COMPONENTS_V2:
        if content:
            problems.append(f"{where}: components V2 message may not have content")
        if embeds:
            problems.append(f"{where}: components V2 message may not have embeds")
        count = _count_components(components)
        if count > V2_COMPONENTS_MAX:
            problems.append(f"{where}: {count} components (max {V2_COMPONENTS_MAX} with components V2)")
        problems.extend(_check_component_tree(components, where, set()))
    else:
        problems.extend(_check_action_rows(components, where))

    attachments = payload.get("attachments") or []
    if len(attachments) > FILES_MAX:
        problems.append(f"{where}: {len(attachments)} attachments (max {FILES_MAX})")

    if "allowed_mentions" in payload and payload["allowed_mentions"] is not None:
        problems.extend(check_allowed_mentions(payload["allowed_mentions"], where))

    nonce = payload.get("nonce")
    if isinstance(nonce, str) and len(nonce) > NONCE_MAX:
        problems.append(f"{where}: nonce has {len(nonce)} chars (max {NONCE_MAX})")

    if new:
        has_body = bool(content) or bool(embeds) or bool(components) or bool(attachments)
        has_body = has_body or bool(payload.get("sticker_ids")) or bool(payload.get("poll"))
        if not has_body:
            problems.append(f"{where}: empty message (no content, embeds, components or files)")
    return problems


def _check_embed(embed: Mapping[str, Any], where: str) -> tuple[list[str], int]:
    problems: list[str] = []
    title = _text(embed.get("title"))
    description = _text(embed.get("description"))
    footer = _text((embed.get("footer") or {}).get("text"))
    author = _text((embed.get("author") or {}).get("name"))
    fields = embed.get("fields") or []
    if len(title) > EMBED_TITLE_MAX:
        problems.append(f"{where}: title has {len(title)} chars (max {EMBED_TITLE_MAX})")
    if len(description) > EMBED_DESCRIPTION_MAX:
        problems.append(f"{where}: description has {len(description)} chars (max {EMBED_DESCRIPTION_MAX})")
    if len(footer) > EMBED_FOOTER_MAX:
        problems.append(f"{where}: footer text has {len(footer)} chars (max {EMBED_FOOTER_MAX})")
    if len(author) > EMBED_AUTHOR_MAX:
        problems.append(f"{where}: author name has {len(author)} chars (max {EMBED_AUTHOR_MAX})")
    if len(fields) > EMBED_FIELDS_MAX:
        problems.append(f"{where}: {len(fields)} fields (max {EMBED_FIELDS_MAX})")
    total = len(title) + len(description) + len(footer) + len(author)
    for index, field in enumerate(fields):
        name = _text(field.get("name"))
        value = _text(field.get("value"))
        total += len(name) + len(value)
        if not 1 <= len(name) <= EMBED_FIELD_NAME_MAX:
            problems.append(f"{where}: field[{index}] name has {len(name)} chars (1-{EMBED_FIELD_NAME_MAX})")
        if not 1 <= len(value) <= EMBED_FIELD_VALUE_MAX:
            problems.append(
                f"{where}: field[{index}] value has {len(value)} chars (1-{EMBED_FIELD_VALUE_MAX})"
            )
    color = embed.get("color")
    if color is not None and not 0 <= int(color) <= 0xFFFFFF:
        problems.append(f"{where}: color {color} outside 0..0xFFFFFF")
    return problems, total


def _count_components(components: Iterable[Mapping[str, Any]]) -> int:
    count = 0
    for component in components:
        count += 1
        count += _count_components(component.get("components") or [])
        if isinstance(component.get("accessory"), Mapping):
            count += 1
        if isinstance(component.get("component"), Mapping):
            count += _count_components([component["component"]])
    return count


def _check_action_rows(rows: list[Mapping[str, Any]], where: str) -> list[str]:
    problems: list[str] = []
    if len(rows) > ACTION_ROWS_MAX:
        problems.append(f"{where}: {len(rows)} action rows (max {ACTION_ROWS_MAX})")
    seen: set[str] = set()
    for index, row in enumerate(rows):
        if row.get("type") != 1:
            problems.append(
                f"{where}: top-level component[{index}] is type {row.get('type')}, not an action row"
            )
            continue
        children = row.get("components") or []
        kinds = {child.get("type") for child in children}
        if not children:
            problems.append(f"{where}: action row {index} is empty")
        if kinds & _SELECT_TYPES and len(children) > 1:
            problems.append(
                f"{where}: action row {index} holds a select and {len(children) - 1} other components"
            )
        buttons = sum(1 for child in children if child.get("type") == _COMPONENT_BUTTON)
        if buttons > BUTTONS_PER_ROW_MAX:
            problems.append(
                f"{where}: action row {index} holds {buttons} buttons (max {BUTTONS_PER_ROW_MAX})"
            )
        problems.extend(_check_component_tree(children, f"{where}: row {index}", seen))
    return problems


def _check_component_tree(components: Iterable[Mapping[str, Any]], where: str, seen: set[str]) -> list[str]:
    """Checks each component and its children; ``seen`` collects custom_ids to catch duplicates."""
    problems: list[str] = []
    for component in components:
        kind = component.get("type")
        custom_id = component.get("custom_id")
        if custom_id is not None:
            if not 1 <= _len(custom_id) <= CUSTOM_ID_MAX:
                problems.append(
                    f"{where}: custom_id {custom_id!r} has {_len(custom_id)} chars (1-{CUSTOM_ID_MAX})"
                )
            if custom_id in seen:
                problems.append(f"{where}: duplicate custom_id {custom_id!r}")
            seen.add(custom_id)
        if kind == _COMPONENT_BUTTON:
            problems.extend(_check_button(component, where))
        elif kind in _SELECT_TYPES:
            problems.extend(_check_select(component, where))
        children = list(component.get("components") or [])
        for key in ("accessory", "component"):
            if isinstance(component.get(key), Mapping):
                children.append(component[key])
        if children:
            problems.extend(_check_component_tree(children, where, seen))
    return problems


def _check_button(button: Mapping[str, Any], where: str) -> list[str]:
    problems: list[str] = []
    label = button.get("label")
    style = button.get("style")
    if label is not None and _len(label) > BUTTON_LABEL_MAX:
        problems.append(f"{where}: button label has {_len(label)} chars (max {BUTTON_LABEL_MAX})")
    if not label and not button.get("emoji") and style != _PREMIUM_STYLE:
        problems.append(f"{where}: button has neither label nor emoji")
    if style == _LINK_STYLE:
        url = _text(button.get("url"))
        if not url:
            problems.append(f"{where}: link button without url")
        elif len(url) > URL_MAX:
            problems.append(f"{where}: button url has {len(url)} chars (max {URL_MAX})")
        if button.get("custom_id") is not None:
            problems.append(f"{where}: link button may not have a custom_id")
    elif style != _PREMIUM_STYLE and not button.get("custom_id"):
        problems.append(f"{where}: non-link button without custom_id")
    return problems


def _check_select(select: Mapping[str, Any], where: str) -> list[str]:
    problems: list[str] = []
    placeholder = select.get("placeholder")
    if placeholder is not None and _len(placeholder) > SELECT_PLACEHOLDER_MAX:
        problems.append(
            f"{where}: select placeholder has {_len(placeholder)} chars (max {SELECT_PLACEHOLDER_MAX})"
        )
    min_values = select.get("min_values", 1)
    max_values = select.get("max_values", 1)
    if not 0 <= int(min_values) <= 25:
        problems.append(f"{where}: select min_values {min_values} outside 0-25")
    if not 1 <= int(max_values) <= 25:
        problems.append(f"{where}: select max_values {max_values} outside 1-25")
    if int(min_values) > int(max_values):
        problems.append(f"{where}: select min_values {min_values} > max_values {max_values}")
    if select.get("type") == 3:
        options = select.get("options") or []
        if not 1 <= len(options) <= SELECT_OPTIONS_MAX:
            problems.append(f"{where}: select has {len(options)} options (1-{SELECT_OPTIONS_MAX})")
        if int(max_values) > len(options) and options:
            problems.append(f"{where}: select max_values {max_values} > {len(options)} options")
        values: set[str] = set()
        for index, option in enumerate(options):
            for key in ("label", "value"):
                size = _len(option.get(key))
                if not 1 <= size <= SELECT_OPTION_TEXT_MAX:
                    problems.append(
                        f"{where}: option[{index}] {key} has {size} chars (1-{SELECT_OPTION_TEXT_MAX})"
                    )
            if _len(option.get("description")) > SELECT_OPTION_TEXT_MAX:
                problems.append(f"{where}: option[{index}] description longer than {SELECT_OPTION_TEXT_MAX}")
            value = _text(option.get("value"))
            if value in values:
                problems.append(f"{where}: duplicate select option value {value!r}")
            values.add(value)
    return problems


def check_allowed_mentions(mentions: Mapping[str, Any], where: str = "message") -> list[str]:
    """Violations of the ``allowed_mentions`` object rules."""
    problems: list[str] = []
    parse = list(mentions.get("parse") or [])
    unknown = set(parse) - {"users", "roles", "everyone"}
    if unknown:
        problems.append(f"{where}: allowed_mentions.parse has unknown values {sorted(unknown)}")
    for kind in ("users", "roles"):
        ids = mentions.get(kind) or []
        if len(ids) > ALLOWED_MENTION_IDS_MAX:
            problems.append(
                f"{where}: allowed_mentions.{kind} lists {len(ids)} ids (max {ALLOWED_MENTION_IDS_MAX})"
            )
        if ids and kind in parse:
            problems.append(f"{where}: allowed_mentions has parse {kind!r} together with a {kind} list")
    return problems


# ----------------------------------------------------------------------------------- autocomplete, modals


def check_autocomplete(choices: list[Mapping[str, Any]] | None, where: str = "autocomplete") -> list[str]:
    """Violations in an autocomplete result (interaction callback type 8, ``data.choices``)."""
    problems: list[str] = []
    choices = choices or []
    if len(choices) > CHOICES_MAX:
        problems.append(f"{where}: {len(choices)} choices (max {CHOICES_MAX})")
    for index, choice in enumerate(choices):
        problems.extend(_check_choice(choice, f"{where}: choice[{index}]"))
    return problems


def _check_choice(choice: Mapping[str, Any], where: str) -> list[str]:
    problems: list[str] = []
    name = _text(choice.get("name"))
    if not 1 <= len(name) <= CHOICE_NAME_MAX:
        problems.append(f"{where}: name {name[:40]!r} has {len(name)} chars (1-{CHOICE_NAME_MAX})")
    value = choice.get("value")
    if isinstance(value, str) and len(value) > CHOICE_VALUE_MAX:
        problems.append(f"{where}: value has {len(value)} chars (max {CHOICE_VALUE_MAX})")
    if value is None:
        problems.append(f"{where}: missing value")
    problems.extend(
        _check_localizations(choice.get("name_localizations"), f"{where} name", 1, CHOICE_NAME_MAX)
    )
    return problems


def check_modal(data: Mapping[str, Any], where: str = "modal") -> list[str]:
    """Violations in a modal (interaction callback type 9)."""
    problems: list[str] = []
    title = _text(data.get("title"))
    if not 1 <= len(title) <= MODAL_TITLE_MAX:
        problems.append(f"{where}: title has {len(title)} chars (1-{MODAL_TITLE_MAX})")
    custom_id = _text(data.get("custom_id"))
    if not 1 <= len(custom_id) <= CUSTOM_ID_MAX:
        problems.append(f"{where}: custom_id has {len(custom_id)} chars (1-{CUSTOM_ID_MAX})")
    components = data.get("components") or []
    if not 1 <= len(components) <= MODAL_ROWS_MAX:
        problems.append(f"{where}: {len(components)} top-level components (1-{MODAL_ROWS_MAX})")
    for component in _walk(components):
        if component.get("type") != _TEXT_INPUT:
            continue
        label = component.get("label")
        if label is not None and _len(label) > TEXT_INPUT_LABEL_MAX:
            problems.append(f"{where}: text input label has {_len(label)} chars (max {TEXT_INPUT_LABEL_MAX})")
        if _len(component.get("value")) > TEXT_INPUT_VALUE_MAX:
            problems.append(f"{where}: text input value longer than {TEXT_INPUT_VALUE_MAX}")
        if _len(component.get("placeholder")) > TEXT_INPUT_PLACEHOLDER_MAX:
            problems.append(f"{where}: text input placeholder longer than {TEXT_INPUT_PLACEHOLDER_MAX}")
        low = component.get("min_length")
        high = component.get("max_length")
        if low is not None and not 0 <= int(low) <= TEXT_INPUT_VALUE_MAX:
            problems.append(f"{where}: text input min_length {low} outside 0-{TEXT_INPUT_VALUE_MAX}")
        if high is not None and not 1 <= int(high) <= TEXT_INPUT_VALUE_MAX:
            problems.append(f"{where}: text input max_length {high} outside 1-{TEXT_INPUT_VALUE_MAX}")
    return problems


def _walk(components: Iterable[Mapping[str, Any]]) -> Iterable[Mapping[str, Any]]:
    for component in components:
        yield component
        yield from _walk(component.get("components") or [])
        if isinstance(component.get("component"), Mapping):
            yield from _walk([component["component"]])


# --------------------------------------------------------------------------------------------- commands


def check_commands(payload: list[Mapping[str, Any]], where: str = "sync") -> list[str]:
    """Violations in a bulk-overwrite body (``PUT /applications/{app}[/guilds/{gid}]/commands``)."""
    problems: list[str] = []
    by_type: dict[int, list[str]] = {}
    for command in payload:
        kind = int(command.get("type", 1))
        by_type.setdefault(kind, []).append(_text(command.get("name")))
        problems.extend(check_command(command, f"{where}: /{command.get('name')}"))
    for kind, names in by_type.items():
        limit = SLASH_COMMANDS_MAX if kind == 1 else CONTEXT_COMMANDS_MAX
        if len(names) > limit:
            problems.append(f"{where}: {len(names)} commands of type {kind} (max {limit})")
        duplicates = sorted({name for name in names if names.count(name) > 1})
        if duplicates:
            problems.append(f"{where}: duplicate command names {duplicates}")
    return problems


def check_command(command: Mapping[str, Any], where: str) -> list[str]:
    """Violations in one application command; also counts its 8000-character total."""
    problems: list[str] = []
    kind = int(command.get("type", 1))
    name = _text(command.get("name"))
    description = _text(command.get("description"))
    if kind == 1:
        problems.extend(_check_slash_name(name, where))
        problems.extend(_check_localizations(command.get("name_localizations"), f"{where} name", slash=True))
        if not 1 <= len(description) <= COMMAND_DESCRIPTION_MAX:
            problems.append(
                f"{where}: description has {len(description)} chars (1-{COMMAND_DESCRIPTION_MAX})"
            )
        problems.extend(
            _check_localizations(
                command.get("description_localizations"), f"{where} description", 1, COMMAND_DESCRIPTION_MAX
            )
        )
        problems.extend(_check_options(command.get("options") or [], where, depth=0))
        total = _command_total(command)
        if total > COMMAND_TOTAL_MAX:
            problems.append(
                f"{where}: {total} chars in names, descriptions and values (max {COMMAND_TOTAL_MAX})"
            )
    else:
        if not 1 <= len(name) <= COMMAND_NAME_MAX:
            problems.append(f"{where}: name has {len(name)} chars (1-{COMMAND_NAME_MAX})")
        problems.extend(
            _check_localizations(command.get("name_localizations"), f"{where} name", 1, COMMAND_NAME_MAX)
        )
        if description:
            problems.append(f"{where}: user/message commands must have an empty description")
        if command.get("options"):
            problems.append(f"{where}: user/message commands may not have options")
    return problems


def _check_slash_name(name: str, where: str) -> list[str]:
    problems: list[str] = []
    if not valid_slash_name(name):
        problems.append(f"{where}: name {name!r} does not match ^[-_'\\p{{L}}\\p{{N}}]{{1,32}}$")
    if _has_upper(name):
        problems.append(f"{where}: name {name!r} is not lower case")
    return problems


def _check_localizations(
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
        text = _text(text)
        if slash:
            problems.extend(_check_slash_name(text, f"{where}[{locale}]"))
        elif not low <= len(text) <= high:
            problems.append(f"{where}[{locale}]: {len(text)} chars ({low}-{high})")
    return problems


def _check_options(options: list[Mapping[str, Any]], where: str, depth: int) -> list[str]:
    problems: list[str] = []
    if len(options) > OPTIONS_MAX:
        problems.append(f"{where}: {len(options)} options (max {OPTIONS_MAX})")
    kinds = [int(option.get("type", 0)) for option in options]
    nested = [kind for kind in kinds if kind in (1, 2)]
    if nested and len(nested) != len(kinds):
        problems.append(f"{where}: subcommands mixed with plain options at one level")
    names = [_text(option.get("name")) for option in options]
    duplicates = sorted({name for name in names if names.count(name) > 1})
    if duplicates:
        problems.append(f"{where}: duplicate option names {duplicates}")
    seen_optional = False
    for option in options:
        kind = int(option.get("type", 0))
        name = _text(option.get("name"))
        at = f"{where} {name}"
        problems.extend(_check_slash_name(name, at))
        problems.extend(_check_localizations(option.get("name_localizations"), f"{at} name", slash=True))
        description = _text(option.get("description"))
        if not 1 <= len(description) <= COMMAND_DESCRIPTION_MAX:
            problems.append(f"{at}: description has {len(description)} chars (1-{COMMAND_DESCRIPTION_MAX})")
        problems.extend(
            _check_localizations(
                option.get("description_localizations"), f"{at} description", 1, COMMAND_DESCRIPTION_MAX
            )
        )
        if kind == 2:
            if depth > 0:
                problems.append(f"{at}: subcommand group nested deeper than one level")
            children = option.get("options") or []
            if any(int(child.get("type", 0)) != 1 for child in children):
                problems.append(f"{at}: a subcommand group may only contain subcommands")
            problems.extend(_check_options(children, at, depth + 1))
        elif kind == 1:
            children = option.get("options") or []
            if any(int(child.get("type", 0)) in (1, 2) for child in children):
                problems.append(f"{at}: a subcommand may not contain subcommands")
            problems.extend(_check_options(children, at, depth + 1))
        elif not 3 <= kind <= 11:
            problems.append(f"{at}: unknown option type {kind}")
        else:
            if option.get("required"):
                if seen_optional:
                    problems.append(f"{at}: required option after an optional one")
            else:
                seen_optional = True
            problems.extend(_check_option_values(option, kind, at))
    return problems


def _check_option_values(option: Mapping[str, Any], kind: int, at: str) -> list[str]:
    problems: list[str] = []
    choices = option.get("choices") or []
    if choices and option.get("autocomplete"):
        problems.append(f"{at}: choices and autocomplete together")
    if choices and kind not in (3, 4, 10):
        problems.append(f"{at}: choices on option type {kind}")
    if option.get("autocomplete") and kind not in (3, 4, 10):
        problems.append(f"{at}: autocomplete on option type {kind}")
    if len(choices) > CHOICES_MAX:
        problems.append(f"{at}: {len(choices)} choices (max {CHOICES_MAX})")
    for index, choice in enumerate(choices):
        problems.extend(_check_choice(choice, f"{at} choice[{index}]"))
    low = option.get("min_length")
    high = option.get("max_length")
    if low is not None and not 0 <= int(low) <= STRING_OPTION_LENGTH_MAX:
        problems.append(f"{at}: min_length {low} outside 0-{STRING_OPTION_LENGTH_MAX}")
    if high is not None and not 1 <= int(high) <= STRING_OPTION_LENGTH_MAX:
        problems.append(f"{at}: max_length {high} outside 1-{STRING_OPTION_LENGTH_MAX}")
    if low is not None and high is not None and int(low) > int(high):
        problems.append(f"{at}: min_length {low} > max_length {high}")
    low_v = option.get("min_value")
    high_v = option.get("max_value")
    if low_v is not None and high_v is not None and float(low_v) > float(high_v):
        problems.append(f"{at}: min_value {low_v} > max_value {high_v}")
    if (low is not None or high is not None) and kind != 3:
        problems.append(f"{at}: min/max_length on non-string option")
    if (low_v is not None or high_v is not None) and kind not in (4, 10):
        problems.append(f"{at}: min/max_value on non-number option")
    return problems


def _longest(default: Any, localizations: Mapping[str, Any] | None) -> int:
    """The 8000-char rule counts the longest variant of each localizable string."""
    sizes = [_len(default)] + [_len(text) for text in (localizations or {}).values()]
    return max(sizes)


def _command_total(node: Mapping[str, Any]) -> int:
    total = _longest(node.get("name"), node.get("name_localizations"))
    total += _longest(node.get("description"), node.get("description_localizations"))
    for choice in node.get("choices") or []:
        total += _longest(choice.get("name"), choice.get("name_localizations"))
        total += _len(choice.get("value"))
    for option in node.get("options") or []:
        total += _command_total(option)
    return total
