"""Where the shared reference pages live, and a skip when they are absent.

The `shared` folder sits beside the repository (its parent directory); tests
read it in place and never copy from it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2] / "shared"
FIXTURES = SHARED / "fixtures" / "ourcommons"
EXCERPTS = FIXTURES / "excerpts"
SEED = SHARED / "seeds" / "000_5859ca925b01ff9a.txt"


def require(path: Path) -> Path:
    """`path` if it exists; otherwise skip the test and say which file is missing."""
    if not path.exists():
        pytest.skip(f"shared reference file not found: {path} (expected ../shared beside the repository)")
    return path


def read_text(path: Path) -> str:
    return require(path).read_text(encoding="utf-8")


def read_bytes(path: Path) -> bytes:
    return require(path).read_bytes()
