"""Limits of what a bot sends as a message, an autocomplete answer or a modal."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ._limits import (
    ACTION_ROWS_MAX,
    ALLOWED_MENTION_IDS_MAX,
    BUTTON_LABEL_MAX,
    BUTTONS_PER_ROW_MAX,
    CHOICES_MAX,
    COMPONENT_BUTTON,
    CONTENT_MAX,
    CUSTOM_ID_MAX,
    EMBED_AUTHOR_MAX,
    EMBED_DESCRIPTION_MAX,
    EMBED_FIELD_NAME_MAX,
    EMBED_FIELD_VALUE_MAX,
    EMBED_FIELDS_MAX,
    EMBED_FOOTER_MAX,
    EMBED_TITLE_MAX,
    EMBED_TOTAL_MAX,
    EMBEDS_MAX,
    FILES_MAX,
    FLAG_COMPONENTS_V2,
    LINK_STYLE,
    MODAL_ROWS_MAX,
    MODAL_TITLE_MAX,
    NONCE_MAX,
    PREMIUM_STYLE,
    SELECT_OPTION_TEXT_MAX,
    SELECT_OPTIONS_MAX,
    SELECT_PLACEHOLDER_MAX,
    SELECT_TYPES,
    TEXT_INPUT,
    TEXT_INPUT_LABEL_MAX,
    TEXT_INPUT_PLACEHOLDER_MAX,
    TEXT_INPUT_VALUE_MAX,
    URL_MAX,
    V2_COMPONENTS_MAX,
    as_text,
    check_choice,
    text_len,
)


def check_message(payload: Mapping[str, Any], *, new: bool = True, where: str = "message") -> list[str]:
    """Violations of Discord's message limits in a message payload (or a message object after an edit).

    ``new`` adds the rule that a freshly created message may not be empty; edits may leave parts out.
    """
    problems: list[str] = []
    content = payload.get("content")
    embeds = payload.get("embeds") or []
    components = payload.get("components") or []
    flags = int(payload.get("flags") or 0)

    if content is not None and text_len(content) > CONTENT_MAX:
        problems.append(f"{where}: content has {text_len(content)} chars (max {CONTENT_MAX})")
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
    title = as_text(embed.get("title"))
    description = as_text(embed.get("description"))
    footer = as_text((embed.get("footer") or {}).get("text"))
    author = as_text((embed.get("author") or {}).get("name"))
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
        name = as_text(field.get("name"))
        value = as_text(field.get("value"))
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
        if kinds & SELECT_TYPES and len(children) > 1:
            problems.append(
                f"{where}: action row {index} holds a select and {len(children) - 1} other components"
            )
        buttons = sum(1 for child in children if child.get("type") == COMPONENT_BUTTON)
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
            if not 1 <= text_len(custom_id) <= CUSTOM_ID_MAX:
                problems.append(
                    f"{where}: custom_id {custom_id!r} has {text_len(custom_id)} chars (1-{CUSTOM_ID_MAX})"
                )
            if custom_id in seen:
                problems.append(f"{where}: duplicate custom_id {custom_id!r}")
            seen.add(custom_id)
        if kind == COMPONENT_BUTTON:
            problems.extend(_check_button(component, where))
        elif kind in SELECT_TYPES:
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
    if label is not None and text_len(label) > BUTTON_LABEL_MAX:
        problems.append(f"{where}: button label has {text_len(label)} chars (max {BUTTON_LABEL_MAX})")
    if not label and not button.get("emoji") and style != PREMIUM_STYLE:
        problems.append(f"{where}: button has neither label nor emoji")
    if style == LINK_STYLE:
        url = as_text(button.get("url"))
        if not url:
            problems.append(f"{where}: link button without url")
        elif len(url) > URL_MAX:
            problems.append(f"{where}: button url has {len(url)} chars (max {URL_MAX})")
        if button.get("custom_id") is not None:
            problems.append(f"{where}: link button may not have a custom_id")
    elif style != PREMIUM_STYLE and not button.get("custom_id"):
        problems.append(f"{where}: non-link button without custom_id")
    return problems


def _check_select(select: Mapping[str, Any], where: str) -> list[str]:
    problems: list[str] = []
    placeholder = select.get("placeholder")
    if placeholder is not None and text_len(placeholder) > SELECT_PLACEHOLDER_MAX:
        problems.append(
            f"{where}: select placeholder has {text_len(placeholder)} chars (max {SELECT_PLACEHOLDER_MAX})"
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
                size = text_len(option.get(key))
                if not 1 <= size <= SELECT_OPTION_TEXT_MAX:
                    problems.append(
                        f"{where}: option[{index}] {key} has {size} chars (1-{SELECT_OPTION_TEXT_MAX})"
                    )
            if text_len(option.get("description")) > SELECT_OPTION_TEXT_MAX:
                problems.append(f"{where}: option[{index}] description longer than {SELECT_OPTION_TEXT_MAX}")
            value = as_text(option.get("value"))
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
        problems.extend(check_choice(choice, f"{where}: choice[{index}]"))
    return problems


def check_modal(data: Mapping[str, Any], where: str = "modal") -> list[str]:
    """Violations in a modal (interaction callback type 9)."""
    problems: list[str] = []
    title = as_text(data.get("title"))
    if not 1 <= len(title) <= MODAL_TITLE_MAX:
        problems.append(f"{where}: title has {len(title)} chars (1-{MODAL_TITLE_MAX})")
    custom_id = as_text(data.get("custom_id"))
    if not 1 <= len(custom_id) <= CUSTOM_ID_MAX:
        problems.append(f"{where}: custom_id has {len(custom_id)} chars (1-{CUSTOM_ID_MAX})")
    components = data.get("components") or []
    if not 1 <= len(components) <= MODAL_ROWS_MAX:
        problems.append(f"{where}: {len(components)} top-level components (1-{MODAL_ROWS_MAX})")
    for component in _walk(components):
        if component.get("type") != TEXT_INPUT:
            continue
        label = component.get("label")
        if label is not None and text_len(label) > TEXT_INPUT_LABEL_MAX:
            problems.append(
                f"{where}: text input label has {text_len(label)} chars (max {TEXT_INPUT_LABEL_MAX})"
            )
        if text_len(component.get("value")) > TEXT_INPUT_VALUE_MAX:
            problems.append(f"{where}: text input value longer than {TEXT_INPUT_VALUE_MAX}")
        if text_len(component.get("placeholder")) > TEXT_INPUT_PLACEHOLDER_MAX:
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
