"""The seeded petition history: `generate_corpus` draws the same petitions from the same arguments.

Each draft follows the procedure of the notes' section 6 (opened, closed, certified, presented,
answered or dissolved with its Parliament), then the whole set is numbered the way the House numbers.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime, time, timedelta
from typing import Any

from bot.petitions.model import TORONTO, Bi
from bot.petitions.status import STATUS_LABELS
from tests.replay._records import (
    PARLIAMENTS,
    PRESENTED_LABEL,
    TODAY,
    Kind,
    ReplayInitiator,
    ReplayMember,
    ReplayPetition,
)
from tests.replay._vocabulary import (
    ADDRESSEES,
    CAPS_HEADING,
    CAPS_PREAMBLE,
    CAUCUSES,
    COUNTRIES,
    E_SHARE,
    FIRST_NAMES,
    GENERIC_RESPONSES,
    MP_SURNAMES,
    PETITIONERS,
    PLACES,
    PROVINCES,
    RIDINGS,
    SURNAMES,
    TOPICS,
    Country,
    Pair,
    Topic,
)


class _Words:
    """Builds the sentences of one corpus, handing out one shared string per distinct sentence.

    Petitions reuse a few hundred sentences, so 12,000 of them cost little memory.
    """

    def __init__(self) -> None:
        self._memo: dict[tuple[object, ...], Any] = {}

    def get(self, key: tuple[object, ...], build: Callable[[], Any]) -> Any:
        found = self._memo.get(key)
        if found is None:
            found = self._memo[key] = build()
        return found

    def fill(self, pair: Pair, country: Country | None) -> Pair:
        if country is None:
            return pair
        return self.get(
            ("fill", pair, country.en),
            lambda: (
                pair[0].format(c=country.en),
                pair[1].format(fr=country.fr, au=country.au, du=country.du),
            ),
        )

    def item(self, pair: Pair, country: Country | None, *, prefix: Pair = ("", ""), last: bool) -> Pair:
        """A list item ending in ";" (or "." when last), after an optional "Whereas " / "Attendu que "."""

        def build() -> Pair:
            en, fr = self.fill(pair, country)
            return _item(en, prefix[0], last), _item(fr, prefix[1], last)

        return self.get(("item", pair, country.en if country else "", prefix, last), build)

    def numbered(self, pair: Pair, country: Country | None, n: int, *, last: bool) -> Pair:
        def build() -> Pair:
            en, fr = self.item(pair, country, last=last)
            return f"{n}. {en}", f"{n}. {fr}"

        return self.get(("n", pair, country.en if country else "", n, last), build)


def _item(text: str, lead: str, last: bool) -> str:
    body = text.rstrip(" ;.")
    if lead:
        if lead.rstrip().upper().endswith("QUE") and body[:1].lower() in "aeiouéèêàâîôh":
            lead = lead.rstrip()[:-1] + "’"  # "Attendu qu’il …"
        if not body.startswith("Canad"):
            body = body[:1].lower() + body[1:]
    return f"{lead}{body}{'.' if last else ';'}"


def _spans(parliament: int, today: date) -> list[tuple[int, date, date]]:
    """The sessions of a Parliament, clipped to the days before `today`."""
    last_day = today - timedelta(days=1)
    out = []
    for session, start, end in PARLIAMENTS[parliament]:
        stop = min(end or last_day, last_day)
        if start <= stop:
            out.append((session, start, stop))
    return out


def _pick_day(rng: random.Random, spans: Sequence[tuple[int, date, date]]) -> tuple[int, date]:
    lengths = [(stop - start).days + 1 for _, start, stop in spans]
    offset = rng.randrange(sum(lengths))
    for (session, start, _), length in zip(spans, lengths, strict=True):
        if offset < length:
            return session, start + timedelta(days=offset)
        offset -= length
    raise AssertionError("unreachable")


def _sitting(spans: Sequence[tuple[int, date, date]], day: date) -> tuple[int, date] | None:
    """The session sitting on `day`, or the next one's first day; None past the last."""
    for session, start, stop in spans:
        if day <= stop:
            return session, max(day, start)
    return None


def _roster(rng: random.Random, parliaments: Iterable[int]) -> dict[int, list[ReplayMember]]:
    """One MP per riding and Parliament; about two thirds are re-elected."""
    holders: dict[str, ReplayMember] = {}
    names: set[str] = set()
    ids: set[int] = set()
    out: dict[int, list[ReplayMember]] = {}
    for parliament in sorted(parliaments):
        members = []
        for riding_en, riding_fr, province in RIDINGS:
            member = holders.get(riding_en)
            if member is None or rng.random() > 0.65:
                name = f"{rng.choice(FIRST_NAMES)} {rng.choice(MP_SURNAMES)}"
                while name in names:
                    name = f"{rng.choice(FIRST_NAMES)} {rng.choice(MP_SURNAMES)}"
                person_id = rng.randint(1000, 130000)
                while person_id in ids:
                    person_id = rng.randint(1000, 130000)
                names.add(name)
                ids.add(person_id)
                if province == "QC":
                    party = rng.choices(("Lib", "BQ", "CPC", "NDP"), (0.4, 0.35, 0.15, 0.1))[0]
                else:
                    party = rng.choices(("Lib", "CPC", "NDP", "GP"), (0.42, 0.4, 0.15, 0.03))[0]
                member = ReplayMember(
                    name=name,
                    person_id=person_id,
                    riding=Bi(riding_en, riding_fr),
                    caucus=Bi(*CAUCUSES[party]),
                    province=PROVINCES[province],
                    party=party,
                )
                holders[riding_en] = member
            members.append(member)
        out[parliament] = members
    return out


def _split_signatures(rng: random.Random, total: int, home: str) -> tuple[tuple[str, int], ...]:
    if total <= 0:
        return ()
    others = [code for code, _, _ in PLACES if code != home]
    picked = rng.sample(others, rng.randint(0, 5))
    shares = [rng.random() for _ in picked]
    rest = total - round(total * rng.uniform(0.4, 0.9))
    scale = sum(shares) or 1.0
    counts = {code: int(rest * s / scale) for code, s in zip(picked, shares, strict=True)}
    counts[home] = total - sum(counts.values())
    return tuple(sorted((code, n) for code, n in counts.items() if n > 0))


class _Generator:
    def __init__(self, seed: int, parliaments: Sequence[int], today: date, unpublished: float) -> None:
        self.rng = random.Random(seed)
        self.today = today
        self.unpublished = unpublished
        self.words = _Words()
        self.roster = _roster(self.rng, parliaments)

    def draft(self, parliament: int) -> dict[str, Any]:
        rng = self.rng
        spans = _spans(parliament, self.today)
        end = PARLIAMENTS[parliament][-1][2]
        topic = rng.choices(TOPICS, [t.weight for t in TOPICS])[0]
        country = rng.choice(COUNTRIES) if rng.random() < topic.country else None
        kind: Kind = "e" if rng.random() < E_SHARE.get(parliament, 0.45) else "paper"
        sponsor = rng.choice(self.roster[parliament])
        d: dict[str, Any] = {
            "kind": kind,
            "parliament": parliament,
            "subject": Bi(*topic.subject),
            "sponsor": sponsor,
            "original_language": "fr" if rng.random() < 0.25 else "en",
            "published": rng.random() >= self.unpublished,
            "initiator": None,
        }
        d.update(self.text(topic, country, kind))
        if kind == "e":
            d.update(self.e_timeline(spans, end))
        else:
            session, day = _pick_day(rng, spans)
            d.update(session=session, presented_on=day)
            d.update(self.outcome(day, end))
        if d["status_id"] == 223:
            d.update(self.response(topic, country, parliament))
        d["status"] = STATUS_LABELS[d["status_id"]] if d["status_id"] is not None else PRESENTED_LABEL
        return d

    def text(self, topic: Topic, country: Country | None, kind: Kind) -> dict[str, Any]:
        rng, w = self.rng, self.words

        def usable(pairs: tuple[Pair, ...]) -> list[Pair]:
            return [p for p in pairs if country is not None or "{c}" not in p[0]]

        grievances = rng.sample(
            usable(topic.grievances), rng.randint(2, min(4, len(usable(topic.grievances))))
        )
        asks = rng.sample(usable(topic.asks), rng.randint(1, min(3, len(usable(topic.asks)))))
        who = rng.choice(PETITIONERS)
        to_en, to_fr, de_fr, head_en, head_fr = rng.choice(ADDRESSEES)
        style = "list" if kind == "e" else rng.choices(("list", "paragraphs", "caps"), (0.5, 0.35, 0.15))[0]
        n = len(grievances)
        preamble: Pair | None = None  # paper petitions in paragraphs open with one
        if style == "list":
            items = [w.item(g, country, last=i == n - 1) for i, g in enumerate(grievances)]
            lead = (
                w.get(
                    ("lead", who, to_en), lambda: f"We, the undersigned, {who[0]}, call upon the {to_en} to:"
                ),
                w.get(("lead", who, to_fr), lambda: f"Nous, soussignés, {who[1]}, prions {to_fr} de :"),
            )
            heading: Pair = (head_en, head_fr)
        elif style == "paragraphs":
            preamble = (
                w.get(
                    ("pre", who, to_en),
                    lambda: (
                        f"We, the undersigned {who[0]}, draw the attention of the {to_en} to the following:"
                    ),
                ),
                w.get(
                    ("pre", who, de_fr),
                    lambda: f"Nous, soussignés, {who[1]}, attirons l’attention {de_fr} sur ce qui suit :",
                ),
            )
            whereas = ("Whereas ", "Attendu que ")
            items = [w.item(g, country, prefix=whereas, last=i == n - 1) for i, g in enumerate(grievances)]
            lead = (
                w.get(("then", to_en), lambda: f"Therefore we, the undersigned, call upon the {to_en} to:"),
                w.get(("then", to_fr), lambda: f"Par conséquent, nous, soussignés, prions {to_fr} de :"),
            )
            heading = (head_en, head_fr)
        else:
            whereas = ("THAT ", "ATTENDU QUE ")
            preamble = CAPS_PREAMBLE
            items = [w.item(g, country, prefix=whereas, last=i == n - 1) for i, g in enumerate(grievances)]
            lead = (
                w.get(("caps", to_en), lambda: f"THEREFORE your petitioners call upon the {to_en} to:"),
                w.get(("caps", to_fr), lambda: f"PAR CONSÉQUENT, les pétitionnaires prient {to_fr} de :"),
            )
            heading = CAPS_HEADING
        prayer = [lead] + [w.numbered(a, country, i + 1, last=i == len(asks) - 1) for i, a in enumerate(asks)]
        keywords = rng.sample(topic.keywords, rng.randint(1, min(3, len(topic.keywords))))
        if country is not None and (topic.country >= 1.0 or rng.random() < 0.5):
            keywords.append(country.keyword)
        return {
            "addressee": Bi(*heading),
            "preamble": Bi(*preamble) if preamble else Bi(),
            "grievances": Bi(tuple(x[0] for x in items), tuple(x[1] for x in items)),
            "prayer": Bi(tuple(x[0] for x in prayer), tuple(x[1] for x in prayer)),
            "whereas_list": style == "list",
            "keywords": tuple(sorted(keywords, key=lambda k: k.name.en or "")),
        }

    def e_timeline(self, spans: list[tuple[int, date, date]], end: date | None) -> dict[str, Any]:
        rng, today = self.rng, self.today
        session, day = _pick_day(rng, spans)
        opened = datetime.combine(day, time(rng.randint(8, 20), rng.randint(0, 59)), tzinfo=TORONTO)
        duration = rng.choice((30, 60, 90, 120))
        closes = opened + timedelta(days=duration)
        potential = int(rng.lognormvariate(6.2, 1.5)) + 1
        code, _, cities = rng.choices(PLACES, [p[1] for p in PLACES])[0]
        initiator = ReplayInitiator(
            f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}", rng.choice(cities), code
        )
        d: dict[str, Any] = {"session": session, "opened_at": opened, "initiator": initiator}
        if end is None and closes.date() >= today:
            share = (today - day).days / duration
            signatures = int(potential * share)
            d.update(status_id=207, status_on=day, closed_at=closes)
        elif end is not None and closes.date() > end:
            signatures = int(potential * (end - day).days / duration)
            d.update(
                status_id=289, status_on=end, closed_at=datetime.combine(end, opened.time(), tzinfo=TORONTO)
            )
        else:
            signatures = potential
            d["closed_at"] = closes
            certified = closes.date() + timedelta(days=rng.randint(1, 4))
            limit = min(end or today - timedelta(days=1), today - timedelta(days=1))
            if signatures < 500:
                d.update(status_id=229, status_on=min(certified, limit))
            else:
                placed = _sitting(spans, certified + timedelta(days=rng.randint(3, 50)))
                if placed is None or placed[1] > limit:
                    d.update(
                        status_id=224 if end is None else 289,
                        status_on=min(certified, limit) if end is None else end,
                    )
                else:
                    d.update(session=placed[0], presented_on=placed[1])
                    d.update(self.outcome(placed[1], end))
        d["signatures"] = max(0, signatures)
        d["signatures_by_province"] = _split_signatures(rng, d["signatures"], code)
        return d

    def outcome(self, presented: date, end: date | None) -> dict[str, Any]:
        """What became of a presented petition: answered within 45 days, or still waiting, or dissolved."""
        tabled = presented + timedelta(days=self.rng.randint(14, 45))
        limit = min(end or self.today - timedelta(days=1), self.today - timedelta(days=1))
        if tabled <= limit:
            return {"status_id": 223, "status_on": tabled, "response_tabled_on": tabled}
        if end is not None:
            return {"status_id": 291, "status_on": end}
        return {"status_id": None, "status_on": presented}

    def response(self, topic: Topic, country: Country | None, parliament: int) -> dict[str, Any]:
        rng, w = self.rng, self.words
        pool = [p for p in topic.responses if country is not None or "{c}" not in p[0]]
        chosen = rng.sample(pool, rng.randint(min(2, len(pool)), len(pool)))
        if rng.random() < 0.5:
            chosen.insert(0, rng.choice(GENERIC_RESPONSES))
        paragraphs = [w.fill(p, country) for p in chosen]
        minister_en, minister_fr = topic.minister
        article = "de la" if rng.random() < 0.4 else "du"
        header = Bi(
            w.get(("rh", minister_en), lambda: f"Response by the {minister_en}"),
            w.get(("rh", article, minister_fr), lambda: f"Réponse {article} {minister_fr}"),
        )
        english_only = rng.random() < 0.1
        signer = rng.choice(
            [m for m in self.roster[parliament] if m.party == "Lib"] or self.roster[parliament]
        )
        return {
            "response_header": Bi(header.en, None if english_only else header.fr),
            "response_signer": signer.name,
            "response_paragraphs": Bi(
                tuple(p[0] for p in paragraphs), None if english_only else tuple(p[1] for p in paragraphs)
            ),
        }


def generate_corpus(
    per_parliament: dict[int, int] | int,
    *,
    seed: int = 0,
    parliaments: Sequence[int] = (42, 43, 44, 45),
    today: date = TODAY,
    unpublished: float = 0.01,
) -> list[ReplayPetition]:
    """A deterministic petition history: the same arguments always give the same petitions.

    Paper petitions are numbered PPS-NNNNN in order of presentation within each session, and
    e-petitions that get presented draw their PPS number from the same sequence; e-numbers rise
    with the opening time across Parliaments from e-1 (about December 2015), with the odd gap left
    by numbers that were never published. `unpublished` of them are not shown by the site.
    An int `per_parliament` applies to each of `parliaments`; a dict names its own.
    """
    counts = (
        per_parliament if isinstance(per_parliament, dict) else dict.fromkeys(parliaments, per_parliament)
    )
    unknown = sorted(set(counts) - set(PARLIAMENTS))
    if unknown:
        raise ValueError(f"no sessions known for Parliament(s) {unknown}; see PARLIAMENTS")
    wanted = sorted(p for p in counts if counts[p] > 0)
    gen = _Generator(seed, sorted(set(parliaments) | set(wanted)), today, unpublished)
    drafts = [gen.draft(parliament) for parliament in wanted for _ in range(counts[parliament])]

    def first_day(d: dict[str, Any]) -> date:
        return d["opened_at"].date() if d.get("opened_at") else d["presented_on"]

    order = sorted(range(len(drafts)), key=lambda i: (first_day(drafts[i]), i))
    for data_id, i in enumerate(order, 14_000_000):
        drafts[i]["data_id"] = data_id

    sequence = 0
    for d in sorted((d for d in drafts if d["kind"] == "e"), key=lambda d: (d["opened_at"], d["data_id"])):
        sequence += 1 + (gen.rng.randint(1, 3) if gen.rng.random() < 0.15 else 0)
        d["number"] = f"e-{sequence}"

    by_session: dict[tuple[int, int], list[dict[str, Any]]] = {}
    for d in drafts:
        if d.get("presented_on") is not None:
            by_session.setdefault((d["parliament"], d["session"]), []).append(d)
    for (parliament, session), items in by_session.items():
        items.sort(key=lambda d: (d["presented_on"], d["data_id"]))
        for seq, d in enumerate(items, 1):
            pps = f"{parliament}{session}-{seq:05d}"
            if d["kind"] == "paper":
                d["number"] = pps
            else:
                d["presented_number"] = pps
    drafts.sort(key=lambda d: d["data_id"])
    return [ReplayPetition(**d) for d in drafts]
