"""The statuses a petition goes through on the House of Commons site: one home for their ids.

The CLI, the cogs, the fetcher, the backfill, the deadlines and /ask all read them from here.
"""

from __future__ import annotations

from enum import IntEnum

from bot.i18n import t
from bot.petitions.model import Bi


class Status(IntEnum):
    """Status ids as the site numbers them (`status_id` in its export and pages)."""

    OPEN = 207
    ANSWERED = 223  # "Government response tabled"
    CLOSED = 224
    CERTIFICATION = 226
    NOT_CERTIFIED = 229
    CLOSED_ON_DISSOLUTION = 289
    UNANSWERED_AT_DISSOLUTION = 291


STATUS_LABELS: dict[int, Bi[str]] = {
    Status.OPEN: Bi("Open for signature", "Ouverte pour signature"),
    Status.CERTIFICATION: Bi("Waiting for certification", "En attente de certification"),
    Status.NOT_CERTIFIED: Bi("Not certified", "Non certifiée"),
    Status.CLOSED: Bi("Closed", "Fermée"),
    Status.ANSWERED: Bi("Government response tabled", "Réponse du gouvernement déposée"),
    Status.CLOSED_ON_DISSOLUTION: Bi("Closed upon dissolution", "Fermée à la dissolution"),
    Status.UNANSWERED_AT_DISSOLUTION: Bi(
        "Not answered before dissolution", "Sans réponse avant la dissolution"
    ),
}
"""The site's own names. Only the 207 and 223 French labels were seen; the others are our
translations and are used only when a page gives none."""

#: The groups a user filters by (/search status:, `petitionbot search --status-group`), by name.
GROUPS: dict[str, tuple[Status, ...]] = {
    "open": (Status.OPEN,),
    "certification": (Status.CERTIFICATION,),
    "closed": (Status.CLOSED, Status.NOT_CERTIFIED),
    "answered": (Status.ANSWERED,),
    "dissolved": (Status.CLOSED_ON_DISSOLUTION, Status.UNANSWERED_AT_DISSOLUTION),
}

#: Statuses after which nothing more happens to a petition: the backfill fetches their details once.
FINISHED: frozenset[Status] = frozenset(
    {
        Status.ANSWERED,
        Status.CLOSED,
        Status.NOT_CERTIFIED,
        Status.CLOSED_ON_DISSOLUTION,
        Status.UNANSWERED_AT_DISSOLUTION,
    }
)

#: Statuses whose page will not change again: the fetcher stops checking them.
NO_FURTHER_CHECK: frozenset[Status] = frozenset(
    {Status.ANSWERED, Status.CLOSED_ON_DISSOLUTION, Status.UNANSWERED_AT_DISSOLUTION}
)


def group_ids(name: str) -> tuple[int, ...]:
    """The status ids of a group name ("answered" → (223,)); KeyError for an unknown name."""
    return tuple(int(s) for s in GROUPS[name])


def status_label(
    status_id: int | None,
    status: Bi[str] | None,
    lang: str,
    *,
    presented: bool = False,
    answered: bool = False,
) -> str:
    """What to call a petition's status: the page's own words, else the site's label for its id."""
    label = status.pick(lang)[0] if status else None
    if not label and status_id in STATUS_LABELS:
        label = STATUS_LABELS[status_id].get(lang)
    if not label and presented and not answered:
        label = t("status.presented", lang)
    return label or t("status.unknown", lang)
