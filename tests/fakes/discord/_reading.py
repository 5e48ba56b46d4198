"""Reading a message the way a user does, so tests assert on wording and buttons, not on payload layout."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def visible_text(message: Mapping[str, Any] | None) -> str:
    """Everything a user reads in a message, one piece per line: content, embed texts, component labels.

    Handy for asserting on wording without caring whether it sits in content or an embed."""
    if not message:
        return ""
    parts: list[str] = []
    if message.get("content"):
        parts.append(str(message["content"]))
    for embed in message.get("embeds") or []:
        for key in ("title", "description"):
            if embed.get(key):
                parts.append(str(embed[key]))
        for sub in ("author", "footer"):
            text = (embed.get(sub) or {}).get("name" if sub == "author" else "text")
            if text:
                parts.append(str(text))
        for fld in embed.get("fields") or []:
            parts.append(f"{fld.get('name', '')}\n{fld.get('value', '')}")
    stack = list(message.get("components") or [])
    while stack:
        component = stack.pop(0)
        for key in ("label", "placeholder", "content"):
            if component.get(key):
                parts.append(str(component[key]))
        for option in component.get("options") or []:
            parts.append(str(option.get("label", "")))
        stack.extend(component.get("components") or [])
    return "\n".join(parts)


def buttons(message: Mapping[str, Any]) -> list[dict[str, Any]]:
    """All buttons on a message (in reading order), to find custom_ids and labels."""
    out: list[dict[str, Any]] = []
    stack = list(message.get("components") or [])
    while stack:
        component = stack.pop(0)
        if component.get("type") == 2:
            out.append(component)
        stack[0:0] = list(component.get("components") or [])
    return out
