"""Petition records for tests, with only what a test cares about spelled out.

`make_petition("e-4123", subject="Environment")` gives a complete, plausible
record; every `Petition` field can be overridden. A few fields also accept the
short forms tests want to write:

- `subject`, `status`: a str (English side only) or a `Bi`;
- `grievances`, `prayer`: a str or list of str (English side) or a `Bi`;
- `keywords`: strs (English names), `(en, fr)` pairs, or `Keyword`s;
- `sponsor`: a name, a `(name, person_id)` pair, or a `Sponsor`;
- `response`: a str (English paragraph) or a `Response`; `True` for a stock one.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from bot.petitions.model import TORONTO, Bi, Keyword, Petition, Response, Sponsor


def make_petition(number: str, **overrides: Any) -> Petition:
    kind = "e" if number.lower().startswith("e-") else "paper"
    values: dict[str, Any] = {
        "number": number,
        "kind": kind,
        "parliament": 44,
        "session": 1,
        "status_id": 207,
        "subject": Bi("Environment", "Environnement"),
        "keywords": (Keyword(1, Bi("Climate change", "Changement climatique")),),
        "sponsor": Sponsor("Elizabeth May", 2897),
        "grievances": Bi(
            ["Petitioners are concerned about rivers."], ["Les pétitionnaires s'inquiètent des rivières."]
        ),
        "prayer": Bi(
            ["We call upon the Government of Canada to act."], ["Nous demandons au gouvernement d'agir."]
        ),
        "presented_on": date(2024, 3, 1),
    }
    if kind == "paper" and "-" in number and number[:3].isdigit():
        values["parliament"], values["session"] = int(number[:2]), int(number[2])
    for key, value in overrides.items():
        values[key] = _coerce(key, value)
    if kind == "e" and "opened_at" not in overrides and values.get("presented_on"):
        opened = values["presented_on"] - timedelta(days=120)  # open 120 days before presentation
        values["opened_at"] = datetime(opened.year, opened.month, opened.day, 9, 0, tzinfo=TORONTO)
    return Petition(**values)


def _coerce(key: str, value: Any) -> Any:
    if key in ("subject", "status", "summary", "addressee") and isinstance(value, str):
        return Bi(value, None)
    if key in ("grievances", "prayer"):
        if isinstance(value, str):
            return Bi([value], None)
        if isinstance(value, list):
            return Bi(value, None)
    if key == "keywords":
        out = []
        for i, kw in enumerate(value, start=1):
            if isinstance(kw, Keyword):
                out.append(kw)
            elif isinstance(kw, tuple):
                out.append(Keyword(i, Bi(kw[0], kw[1])))
            else:
                out.append(Keyword(i, Bi(kw, None)))
        return tuple(out)
    if key == "sponsor":
        if isinstance(value, str):
            return Sponsor(value)
        if isinstance(value, tuple):
            return Sponsor(value[0], value[1])
    if key == "response":
        if value is True:
            return Response(paragraphs=Bi(["The Government has considered the petition."], None))
        if isinstance(value, str):
            return Response(paragraphs=Bi([value], None))
    return value
