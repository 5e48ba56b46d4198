"""Snapshots (`petitionbot export` files, one JSON record a line) and the bounded JSON reading they
and listings share.
"""

from __future__ import annotations

import json
import re
from typing import Any

from bot.petitions.ingest_files._limits import MAX_NESTING, Limits, describe, one_line
from bot.petitions.model import Petition

SNAPSHOT_FORMAT = "petitionbot-snapshot"
SNAPSHOT_VERSION = 1
_JSON_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"')
_BRACKET = re.compile(r"[\[\]{}]")
_DEFAULTS = Limits()


# --- Bounded JSON --------------------------------------------------------------------------------


def load_json(text: str, max_nesting: int = MAX_NESTING) -> Any:
    """`json.loads`, refusing nesting past `max_nesting` before decoding, with reasons in words."""
    if text.count("[") + text.count("{") > max_nesting:
        depth = 0
        for bracket in _BRACKET.findall(_JSON_STRING.sub("", text)):
            if bracket in "[{":
                depth += 1
                if depth > max_nesting:
                    raise ValueError(f"it is nested more than {max_nesting} deep")
            else:
                depth -= 1
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not JSON ({exc.msg}, column {exc.colno})") from exc
    except RecursionError as exc:
        raise ValueError("it is nested too deeply to read") from exc
    except ValueError as exc:
        raise ValueError(describe(exc)) from exc


def json_kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    return "an object"


def is_snapshot_header(line: str) -> bool:
    try:
        header = load_json(line)
    except ValueError:
        return False
    return isinstance(header, dict) and header.get("format") == SNAPSHOT_FORMAT


def check_snapshot_header(line: str, limits: Limits = _DEFAULTS) -> None:
    """The first line of a snapshot names the format and a version this program reads."""
    header = load_json(line, limits.max_nesting)
    if not isinstance(header, dict) or header.get("format") != SNAPSHOT_FORMAT:
        raise ValueError("not a petitionbot snapshot (no header line)")
    version = header.get("version", 0)
    if isinstance(version, str) and version.isascii() and version.isdigit() and len(version) < 10:
        version = int(version)
    if isinstance(version, bool) or not isinstance(version, int):
        raise ValueError(f"the snapshot header's version {one_line(repr(version), 40)} is not a number")
    if version > SNAPSHOT_VERSION:
        raise ValueError(f"snapshot version {min(version, 10**9)} is newer than this program")


# --- Snapshot records ----------------------------------------------------------------------------

_BI_FIELDS = ("status", "subject", "addressee", "summary", "url", "preamble", "grievances", "prayer")
_OBJECT_FIELDS = ("initiator", "sponsor", "response", "signatures_by_province")


def snapshot_petition(line: str, limits: Limits = _DEFAULTS) -> Petition:
    """One snapshot line as a record; `ValueError` says what is wrong with it."""
    data = load_json(line, limits.max_nesting)
    if not isinstance(data, dict):
        raise ValueError(f"not a petition record (the line is {json_kind(data)})")
    problem = _shape_problem(data)
    if problem:
        raise ValueError(f"not a petition record ({problem})")
    try:
        return Petition.from_dict(data)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ValueError(f"not a petition record ({type(exc).__name__}: {exc})") from exc


def _shape_problem(d: dict[str, Any]) -> str | None:
    """What `Petition.from_dict` would take silently or fail on without naming the field."""
    for name in ("number", "kind"):
        if not isinstance(d.get(name), str):
            return f"{name} is missing or not text"
    for name in (*_BI_FIELDS, *_OBJECT_FIELDS):
        value = d.get(name)
        if value and not isinstance(value, dict):
            return f"{name} is {json_kind(value)}, not an object"
    keywords = d.get("keywords")
    if keywords and not (isinstance(keywords, list) and all(isinstance(k, dict) for k in keywords)):
        return "keywords is not a list of objects"
    if d.get("demo") not in (None, True, False):
        return "demo is not true or false"
    for name in ("initiator", "sponsor"):
        value = d.get(name)
        if value and not isinstance(value.get("name"), str):
            return f"{name} has no name"
    initiator = d.get("initiator")
    if initiator and set(initiator) - {"name", "city", "province"}:
        return "initiator has unknown fields"
    return None
