"""How long a run may go on, where it stands, and what it did: the run's own figures, in memory."""

from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass(slots=True)
class Limits:
    phases: frozenset[int] = frozenset({1, 2})
    parliaments: tuple[int, ...] = ()
    max_requests: int | None = None
    seconds: float | None = None


_DURATION = re.compile(r"(\d+(?:\.\d+)?)\s*([smhd])", re.IGNORECASE)
_UNIT = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_duration(text: str) -> float:
    """'2h', '90m', '1h30m', '45s' or a bare number of seconds."""
    value = text.strip().lower()
    if re.fullmatch(r"\d+(?:\.\d+)?", value):
        return float(value)
    parts = _DURATION.findall(value)
    if not parts or _DURATION.sub("", value).strip():
        raise ValueError(f"not a duration: {text!r} (try 2h, 90m or 1h30m)")
    return sum(float(n) * _UNIT[u.lower()] for n, u in parts)


@dataclass(slots=True)
class Progress:
    """Where a run stands, for the progress bar and the logs."""

    phase: int = 1
    parliament: int | None = None
    category: str = "All"
    page: int = 0
    pages: int | None = None
    listed: int = 0
    expected: int | None = None
    details_done: int = 0
    details_queued: int = 0
    requests: int = 0
    eta_seconds: float | None = None

    def line(self) -> str:
        if self.phase == 1:
            where = f"parliament {self.parliament or '?'} {self.category.lower()} page {self.page}/{self.pages or '?'}"
            about = f"{self.listed:,} listed" + (f" of about {self.expected:,}" if self.expected else "")
        else:
            where = "details"
            about = f"{self.listed:,} listed"
        done = self.details_done
        total = done + self.details_queued
        share = f" ({100 * done / total:.0f}%)" if total else ""
        eta = f" | ETA {format_seconds(self.eta_seconds)}" if self.eta_seconds is not None else ""
        return (
            f"backfill phase {self.phase}: {where} | {about} | details {done:,} done, "
            f"{self.details_queued:,} queued{share} | {self.requests:,} requests{eta}"
        )


def format_seconds(seconds: float) -> str:
    seconds = max(0, int(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}h{minutes:02d}m"
    if minutes:
        return f"{minutes}m{secs:02d}s"
    return f"{secs}s"


@dataclass(slots=True)
class Summary:
    """What a run did."""

    listing_pages: int = 0
    details_pages: int = 0
    new: int = 0
    changed: int = 0
    missing: int = 0
    failed: int = 0
    requests: int = 0
    stopped: str | None = None
    stop_detail: str = ""
    finished: bool = False
    limited: str | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.stopped is None

    def line(self) -> str:
        text = (
            f"backfill: {self.listing_pages} listing pages, {self.details_pages} details pages "
            f"({self.requests} requests): {self.new} new, {self.changed} changed"
        )
        if self.missing:
            text += f", {self.missing} not published"
        if self.failed:
            text += f", {self.failed} unreadable"
        if self.stopped:
            text += f"; stopped ({self.stopped}): {self.stop_detail}; what was stored is kept, run it again to resume"
        elif self.finished:
            text += "; the history is complete"
        elif self.limited:
            text += f"; paused ({self.limited}); run it again to resume"
        return text
