"""Limits of the application commands a bot syncs (names, descriptions, options, the 8000-char total)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ._limits import (
    CHOICES_MAX,
    COMMAND_DESCRIPTION_MAX,
    COMMAND_NAME_MAX,
    COMMAND_TOTAL_MAX,
    CONTEXT_COMMANDS_MAX,
    OPTIONS_MAX,
    SLASH_COMMANDS_MAX,
    STRING_OPTION_LENGTH_MAX,
    as_text,
    check_choice,
    check_localizations,
    check_slash_name,
    text_len,
)


def check_commands(payload: list[Mapping[str, Any]], where: str = "sync") -> list[str]:
    """Violations in a bulk-overwrite body (``PUT /applications/{app}[/guilds/{gid}]/commands``)."""
    problems: list[str] = []
    by_type: dict[int, list[str]] = {}
    for command in payload:
        kind = int(command.get("type", 1))
        by_type.setdefault(kind, []).append(as_text(command.get("name")))
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
    name = as_text(command.get("name"))
    description = as_text(command.get("description"))
    if kind == 1:
        problems.extend(check_slash_name(name, where))
        problems.extend(check_localizations(command.get("name_localizations"), f"{where} name", slash=True))
        if not 1 <= len(description) <= COMMAND_DESCRIPTION_MAX:
            problems.append(
                f"{where}: description has {len(description)} chars (1-{COMMAND_DESCRIPTION_MAX})"
            )
        problems.extend(
            check_localizations(
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
            check_localizations(command.get("name_localizations"), f"{where} name", 1, COMMAND_NAME_MAX)
        )
        if description:
            problems.append(f"{where}: user/message commands must have an empty description")
        if command.get("options"):
            problems.append(f"{where}: user/message commands may not have options")
    return problems


def _check_options(options: list[Mapping[str, Any]], where: str, depth: int) -> list[str]:
    problems: list[str] = []
    if len(options) > OPTIONS_MAX:
        problems.append(f"{where}: {len(options)} options (max {OPTIONS_MAX})")
    kinds = [int(option.get("type", 0)) for option in options]
    nested = [kind for kind in kinds if kind in (1, 2)]
    if nested and len(nested) != len(kinds):
        problems.append(f"{where}: subcommands mixed with plain options at one level")
    names = [as_text(option.get("name")) for option in options]
    duplicates = sorted({name for name in names if names.count(name) > 1})
    if duplicates:
        problems.append(f"{where}: duplicate option names {duplicates}")
    seen_optional = False
    for option in options:
        kind = int(option.get("type", 0))
        name = as_text(option.get("name"))
        at = f"{where} {name}"
        problems.extend(check_slash_name(name, at))
        problems.extend(check_localizations(option.get("name_localizations"), f"{at} name", slash=True))
        description = as_text(option.get("description"))
        if not 1 <= len(description) <= COMMAND_DESCRIPTION_MAX:
            problems.append(f"{at}: description has {len(description)} chars (1-{COMMAND_DESCRIPTION_MAX})")
        problems.extend(
            check_localizations(
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
        problems.extend(check_choice(choice, f"{at} choice[{index}]"))
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
    sizes = [text_len(default)] + [text_len(text) for text in (localizations or {}).values()]
    return max(sizes)


def _command_total(node: Mapping[str, Any]) -> int:
    total = _longest(node.get("name"), node.get("name_localizations"))
    total += _longest(node.get("description"), node.get("description_localizations"))
    for choice in node.get("choices") or []:
        total += _longest(choice.get("name"), choice.get("name_localizations"))
        total += text_len(choice.get("value"))
    for option in node.get("options") or []:
        total += _command_total(option)
    return total
