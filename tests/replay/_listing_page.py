"""The SearchAsync answer: JSON holding an HTML fragment with one page of listing rows.

Shapes follow the saved default SearchAsync answer and the notes: `tr.Pub` rows each followed by a
mobile `div.Pub` copy inside the `tbody`, the pager's line breaks, CRLF in the fragment. Made up,
never seen: the status cell for anything but an open petition (label `<span>`, `<br>`, the date the
status was reached; only open petitions were ever seen in a listing), the paper-petition type icon
(`icon-file`) and type refiner id, and the French wording of the listing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from bot.petitions.model import Keyword
from tests.replay._markup import crlf, day_text, esc, esc_attr, side_of, stamp_text, word
from tests.replay._records import ReplayMember, ReplayPetition

E_PETITION_TYPE = 81830
"""The type refiner id of e-petitions (seen)."""
PAPER_TYPE = 81829
"""The type refiner id of paper petitions (made up: never seen)."""


@dataclass(frozen=True, slots=True)
class ListingQuery:
    """What a listing request asked for, as the links of the answer repeat it."""

    lang: str
    category: str  # "Open" | "Responses" | "All"
    page: int
    rpp: int
    parl: int | None = None  # None: the request said nothing (the latest Parliament)


@dataclass(frozen=True, slots=True)
class Refiners:
    """Counts over the whole result set, biggest first (the site shows five of each)."""

    types: tuple[tuple[int, int], ...]  # (type id, count)
    keywords: tuple[tuple[Keyword, int], ...]
    sponsors: tuple[tuple[ReplayMember, int], ...]


def _href(q: ListingQuery, *, view: bool = True, page: int | None = None, **filters: object) -> str:
    parts = [("View", "D")] if view else []
    parts += [
        ("type", filters.get("type", "")),
        ("keyword", filters.get("keyword", "")),
        ("sponsor", filters.get("sponsor", "")),
        ("text", ""),
        ("RPP", q.rpp),
        ("order", "Recent"),
        ("Page", page or q.page),
        ("category", q.category),
    ]
    if q.parl is not None:
        parts.append(("parl", q.parl))
    return "?" + "&amp;".join(f"{k}={v}" for k, v in parts)


def _option(q: ListingQuery, code: str, value: object, name_html: str, count: int) -> str:
    return (
        f'<a role="checkbox" aria-disabled="false" href="{_href(q, view=False, page=1, **{code: value})}"'
        f' aria-checked="false"><div data-val="{value}" data-code="{code}" class="ro  ref_{code}" title="">\n'
        f'        <div class="ro-check"></div>\n'
        f'        <div class="ro-name">{name_html}</div>\n'
        f'        <div class="ro-count">{count}</div>\n'
        f"      </div></a>"
    )


def _refiner(code: str, header: str, options: list[str], more: str | None) -> str:
    head = f'<div data-refcode="{code}" data-singleselect="0" data-mandatory="0"'
    more_html = ""
    if more:
        more_html = (
            f'\n  <div class="ro-more ref_{code}"><i class="ion ion-ios-plus-outline"></i><a class="ro-more hidden-xs"'
            f' data-refcode="{code}" href="#" onclick="return false;" data-toggle="modal"'
            f' data-target="#more-refiners-modal">More<span class="sr-only">{esc(more)}</span></a></div>'
        )
    return (
        f'{head} class="refiner  no-sel">\n'
        f'  {head} class="RefinerHeader {code}">{header}</div>\n'
        f'  <div class="ref-options">{"".join(options)}</div>{more_html}\n'
        f"</div>"
    )


def _refiners_html(q: ListingQuery, refiners: Refiners) -> str:
    lang = q.lang
    blocks = []
    if refiners.types:
        names = {
            E_PETITION_TYPE: ("Epet-refiner", word("e", lang)),
            PAPER_TYPE: ("Paper-refiner", word("paper", lang)),
        }
        options = [
            _option(
                q,
                "type",
                type_id,
                f'\n          <div class="{names[type_id][0]}">{names[type_id][1]}</div>\n        ',
                count,
            )
            for type_id, count in refiners.types
        ]
        blocks.append(_refiner("type", word("type", lang), options, None))
    if refiners.keywords:
        options = [_option(q, "keyword", k.id, esc(side_of(k.name, lang)), n) for k, n in refiners.keywords]
        blocks.append(_refiner("keyword", word("related", lang), options, "show more related keywords"))
    if refiners.sponsors:
        options = [_option(q, "sponsor", m.person_id, esc(m.name), n) for m, n in refiners.sponsors]
        blocks.append(_refiner("sponsor", word("mp", lang), options, "show more member of parliament"))
    return "\n".join(blocks)


def _cut(name: str) -> tuple[str, str]:
    """(shown text, title): long keywords are cut to about 40 characters, the whole name in `title`."""
    if len(name) <= 40:
        return name, ""
    return name[:40].rstrip() + " ...", name


def _status_cell(p: ReplayPetition, lang: str) -> str:
    label = side_of(p.status, lang)
    if p.status_id == 207 and p.closed_at is not None:
        css, tail = (
            "spOpenFSign",
            f"<span>{word('until', lang)}</span>{esc(stamp_text(p.closed_at, lang, listing=True))}",
        )
    else:
        css, tail = "spStatus", esc(day_text(p.status_on, lang))
    return f'<span class="{css}">{esc(label)}  </span><br>{tail}'


def _row(q: ListingQuery, p: ReplayPetition) -> str:
    lang = q.lang
    title = (
        f'<a class="publicationTitleSearch" href="Details?Petition={p.number}"><span class="spTitle">{p.number} </span>'
        f"<span>{esc(side_of(p.subject, lang))}</span></a>"
    )
    keywords = []
    for k in p.keywords:
        shown, full = _cut(side_of(k.name, lang))
        keywords.append(
            f'                <li><a href="{_href(q, keyword=k.id)}" class="index" title="{esc_attr(full)}">{esc(shown)}</a></li>'
        )
    keyword_list = "\n".join(keywords)
    icon_class = "icon-television" if p.kind == "e" else "icon-file"
    icon = f'<span class="hoc-icon {icon_class}" style="font-size:1.3em; font-weight:600" role="img"></span>'
    kind = word("e" if p.kind == "e" else "paper", lang)
    status = _status_cell(p, lang)
    sponsor = esc(p.sponsor.name)
    signatures = "" if p.signatures is None else str(p.signatures)
    mobile_signatures = f"{signatures}<span>\n          signatures\n        </span>" if signatures else ""
    return f"""          <tr class="Pub" data-id="{p.data_id}">
            <td>{title}</td>
            <td>
              <ul>
{keyword_list}
              </ul>
            </td>
            <td>{icon}</td>
            <td>{status}</td>
            <td>{sponsor}</td>
            <td>{signatures}</td>
          </tr>
          <div class="Pub hidden-sm hidden-md hidden-lg visible-xs" data-id="{p.data_id}-m">
            <div>{title}</div>
            <div>{icon}<span style=" padding-left: 5px;">{kind}  </span></div>
            <div>
              <ul>
{keyword_list}
              </ul>
            </div>
            <div>{status}</div>
            <div>{sponsor}</div>
            <div>{mobile_signatures}</div>
          </div>
"""


def _pager(q: ListingQuery, total: int, shown: int) -> str:
    pages = max(1, -(-total // q.rpp))
    if shown:
        first, last = (q.page - 1) * q.rpp + 1, (q.page - 1) * q.rpp + shown
    else:
        first = last = 0
    lo = max(1, min(q.page - 2, pages - 4))
    links = [
        f'              <li aria-label="{word("go_page", q.lang)} {n}" aria-current="{"true" if n == q.page else "false"}">'
        f'<a type="button" class="hidden-xs btn btn-default {" active" if n == q.page else ""}" href="{_href(q, page=n)}">{n}</a></li>'
        for n in range(lo, min(pages, lo + 4) + 1)
    ]
    if q.page < pages:
        for target in (q.page + 1, pages):
            links.append(
                f'              <li aria-current="false" aria-label="{word("go_page", q.lang)} {target}"><a type="button"'
                f' class="btn btn-default ionicon" href="{_href(q, page=target)}">\n                    \uf125\n'
                f"                  </a></li>"
            )
    joined = "\n".join(links)
    return f"""      <div class="PageRow">
        <div class="PagingMessage"><b>{word("results", q.lang)}</b> {first} -
              {last}
                {word("of", q.lang)} {total} | <b>{word("page", q.lang)}</b> {q.page} {word("of", q.lang)} {pages}</div>
        <div class="btn-group" role="group"><nav aria-label="Pagination" role="navigation" class="navigation"><ol>
{joined}
            </ol></nav></div>
      </div>
"""


def render_listing(
    q: ListingQuery, rows: Sequence[ReplayPetition], *, total: int, refiners: Refiners
) -> dict[str, Any]:
    """The SearchAsync JSON answer for one page of rows out of `total`."""
    lang = q.lang
    refs = _refiners_html(q, refiners)
    active = {c: " active" if q.category == c else " " for c in ("Open", "Responses", "All")}
    table_rows = "".join(_row(q, p) for p in rows)
    pager = _pager(q, total, len(rows)) if total else ""
    parl = q.parl if q.parl is not None else "Latest"
    fragment = f"""
<div id="more-refiners-group" class="">
</div>
<div class="modal fade" id="more-refiners-modal" tabindex="-1" role="dialog">
    <div class="modal-dialog modal-lg" role="document">
        <div class="modal-content">
            <div class="modal-header more-refiners-header">
                <h4 class="modal-title" id="myModalLabel">{word("refine", lang)}</h4>
            </div>
            <div class="modal-body" style="padding:0;">
                <div id="more-refiners-refinerSelector">
                    {refs}
                </div>
            </div>
        </div>
    </div>
</div>

<div id="refiners-top" class="hidden-sm hidden-md hidden-lg">
    {refs}
</div>

<!-- BUTTONS FOR "OPEN", "RESPONSES" AND "ALL" -->
<div class="row">
    <div class="col-md-12">
        <div class="btn-group SearchBtn" role="group">
            <a id="openForSignature" href="?category=Open" class="btn btn-default open-for-sign{active["Open"]}">{word("open_btn", lang)}</a>
            <a id="response" href="?category=Responses" class="btn btn-default {active["Responses"]}">{word("resp_btn", lang)}</a>
            <a id="allPetitions" href="?category=All" class="btn btn-default{active["All"]}">{word("all_btn", lang)}</a>
        </div>
    </div>
</div>
<div class="row">
    <div class="col-md-8">
        <p class="search-paras">{word("durations", lang)}</p>

        <h2 class="refiners-results-count">
{total} {word("found", lang)}        </h2>
    </div>
</div>
<!-- REFINERS -->
<div class="row">
        <div class="col-md-4 col-md-push-8 hidden-xs">
            <div style="float:right;display:inline-block;">
                <a id="exportXML" href="?output=xml" title="{word("xml", lang)}"><img alt="XML format" src="/petitions/assets/images/icon-XML.gif" /></a>
                <a id="exportCSV" title="{word("csv", lang)}" href="?output=csv"><img alt="CSV format" src="/petitions/assets/images/icon-CSV.gif" /></a>
            </div>
            <div class="clearAll">
                <a href="?category={q.category}&amp;parl={parl}&amp;order=">Clear all filters and criteria</a>
            </div>
            <div class="refiners">
                <div class="refinersTitle">{word("refine", lang)}</div>
                {refs}
            </div>
        </div>

    <div class="col-md-8 col-md-pull-4">
        <div class="hidden-sm hidden-md hidden-lg">
            <div class="refiners-results-count">
{total} {word("found", lang)}            </div>
        </div>

            <div style="text-align:right;" class="dropdown" id="dropdown">
                <span>{word("sort", lang)}</span>
                <button class="btn btn-default petition-sort-btn" type="button" id="sitesection-order" data-toggle="dropdown">

{word("recent", lang)}

                </button>
                <ul class="dropdown-menu dropdown-menu-right order-dropdown" role="menu">
                    <li class="active" role="presentation"><a role="menuitem" tabindex="-1" href="?order=Recent">{word("recent", lang)}</a></li>
                    <li class="inactive" role="presentation"><a role="menuitem" tabindex="-1" href="?order=Oldest">Earliest Events</a></li>
                    <li class="inactive" role="presentation"><a role="menuitem" tabindex="-1" href="?order=MostSignatures">Signatures (most)</a></li>
                </ul>
            </div>
<div id="textToHighlight" class="hidden">
</div>
<div id="Results">
  <div class="tableRow">
    <div id="Publications" class="ViewD">
      <table class="table table-striped hidden-xs visible-lg visible-md visible-sm table-search">
        <thead>
          <tr style="background-color:#e6e6e6; ">
            <th scope="col">{word("th_petition", lang)}</th>
            <th scope="col">{word("th_keywords", lang)}</th>
            <th scope="col">Type</th>
            <th scope="col">{word("th_status", lang)}</th>
            <th scope="col">{word("mp", lang)}</th>
            <th scope="col">{word("th_signatures", lang)}</th>
          </tr>
        </thead>
        <tbody id="montr">
{table_rows}        </tbody>
      </table>
{pager}    </div>
  </div>
</div>    </div>
</div>"""
    return {
        "success": True,
        "html": crlf(fragment),
        "autoTriggerDownloadCsv": False,
        "autoTriggerDownloadXml": False,
    }


def count_refiners(rows: Sequence[ReplayPetition]) -> Refiners:
    """The refiners of a result set; the site counts the whole set, not the page shown."""
    types = Counter(E_PETITION_TYPE if p.kind == "e" else PAPER_TYPE for p in rows)
    keywords = Counter(k for p in rows for k in p.keywords)
    sponsors = Counter(p.sponsor for p in rows)
    return Refiners(
        types=tuple(sorted(types.items(), key=lambda kv: (-kv[1], kv[0]))),
        keywords=tuple(sorted(keywords.items(), key=lambda kv: (-kv[1], kv[0].name.en or ""))[:5]),
        sponsors=tuple(sorted(sponsors.items(), key=lambda kv: (-kv[1], kv[0].name))[:5]),
    )
