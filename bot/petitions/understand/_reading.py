"""What a question was understood to ask: one reading, and the close readings beside it."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any, Literal

Intent = Literal["lookup", "list", "response", "deadline", "count", "help", "none"]
Status = Literal["responded", "open", "closed", "overdue", "awaiting"]
PetitionType = Literal["paper", "electronic"]
MpRole = Literal["sponsor", "signer"]

INTENTS: tuple[Intent, ...] = ("lookup", "list", "response", "deadline", "count", "help", "none")
STATUSES: tuple[Status, ...] = ("responded", "open", "closed", "overdue", "awaiting")
FIELDS: tuple[str, ...] = ("intent", "number", "country", "mp", "status", "type", "period", "subject", "lang")
"""The reading's fields as the CLI's JSON and the question set name them (plus `leftover`)."""


@dataclass(frozen=True, slots=True)
class Period:
    """Inclusive days; either end may be open ("since May 2023" has no end)."""

    start: date | None = None
    end: date | None = None

    def as_dict(self) -> dict[str, str | None]:
        return {
            "from": self.start.isoformat() if self.start else None,
            "to": self.end.isoformat() if self.end else None,
        }


@dataclass(frozen=True, slots=True)
class Reading:
    """One way to read a question. Every field but `intent` and `lang` may be unknown (None).

    `leftover` holds the words nothing else explained: they rank results, they never filter them.
    `mp_role` says where the MP's name was found (a sponsor, or a response signer only).
    """

    intent: Intent = "none"
    number: str | None = None
    country: str | None = None
    mp: str | None = None
    status: Status | None = None
    type: PetitionType | None = None
    period: Period | None = None
    subject: str | None = None
    lang: str = "en"
    leftover: tuple[str, ...] = ()
    mp_role: MpRole | None = None
    alternatives: tuple[Reading, ...] = field(default=(), compare=False)

    @property
    def facets(self) -> bool:
        """Whether anything narrows the petitions asked about (a filter, not only words)."""
        return any((self.country, self.mp, self.status, self.type, self.period, self.subject))

    def but(self, **changes: Any) -> Reading:
        """This reading with some fields changed, and no alternatives of its own unless given."""
        return replace(self, **{"alternatives": (), **changes})

    def as_dict(self) -> dict[str, Any]:
        """The fields by their public names, `period` as {"from", "to"} (both null when none)."""
        return {
            "intent": self.intent,
            "number": self.number,
            "country": self.country,
            "mp": self.mp,
            "status": self.status,
            "type": self.type,
            "period": (self.period or Period()).as_dict(),
            "subject": self.subject,
            "lang": self.lang,
            "leftover": list(self.leftover),
        }
