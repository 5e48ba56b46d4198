"""The details page of one petition, in English or in French.

Shapes follow the saved e-7775 page: the `h1` with its `data-cachedDateTime`, unclosed keyword
`<li>`s, the repeated `id="tab1"`, `dt` labels with a trailing space, " Jenny  Kwan " padding in the
MP link, CRLF in the page body (bare LF in the shared header and footer). Never seen as raw markup,
so following the shape the notes report:
- the government response block (`div.pet-reponse[language] > h3.title`, signer line, `p.rep-para`);
  it sits in the petition panel right after the petition text, as the text excerpts show;
- the "Presented to the House of Commons" value (member link, `<br />`, a `<span>` with the date and
  "(Petition No. …)");
- the paper-petition type icon (`icon-file`), made up.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from bot.petitions.model import Keyword
from tests.replay._markup import crlf, day_text, esc, esc_attr, side_of, stamp_text, word
from tests.replay._records import ReplayMember, ReplayPetition

_HEAD = """



<!DOCTYPE html>

<html class="no-js" dir="ltr" lang="{lang}" xml:lang="{lang}">
<head>
    <meta charset="utf-8" />
    <title>{title}</title>
    <meta name="institution" content="House of Commons">
    <meta name="viewport" content="width=device-width, initial-scale=1.0, user-scalable=yes">
    <script type='text/javascript' src='/CommonElements/js/jquery-3.7.1.min.js'></script>
    <script src="https://www.recaptcha.net/recaptcha/enterprise.js?render=replay-site-key"></script>
</head>
<body>
    <header id="ce-hoc-header">
        <a href="#StartOfContent" class="ce-hoc-skipnav sr-only sr-only-focusable">{skip}</a>
        <ul class="ce-hoc-top-links">
            <li><a href="{switch_href}" class="hoccmn-parent-org"><span class="hidden-xs">{switch}</span></a></li>
        </ul>
    </header>
    <nav class="subsite-nav" role="navigation">
        <div class="container">
            <div class="sub-nav-title"><a id="siteBrand" href="/petitions">{site}</a></div>
            <ul class="toc-nav nav"><li class="active"><a href="/petitions/{lang}/Petition/Search">{search}</a></li></ul>
        </div>
    </nav>
"""

_FOOT = """
<div class="core-content" role="complementary">
    <a id="petitionDisclaimer" class="underlined-link" href="#" data-toggle="modal" data-target="#myModal">{disclaimer}</a>
</div>
    </div>

    <footer id="ce-hoc-footer" class="ce-hoc-footer hidden-print">
        <div class="container"><ul class="ce-hoc-footer-external-links">
            <li><a href="https://sencanada.ca/{lang}/">Senate of Canada</a></li>
            <li><a href="https://lop.parl.ca/">Library of Parliament</a></li>
        </ul></div>
    </footer>
</body>
</html>
"""


def _cached_stamp(moment: datetime) -> str:
    """The `data-cachedDateTime` stamp: "10/1/2026 8:51:35 PM" (US month/day, 12-hour)."""
    hour = moment.hour % 12 or 12
    half = "AM" if moment.hour < 12 else "PM"
    return f"{moment.month}/{moment.day}/{moment.year} {hour}:{moment.minute:02d}:{moment.second:02d} {half}"


def _panel(item: int, icon: str, heading: str, body: str, *, tab_id: bool = True) -> str:
    tab = ' id="tab1"' if tab_id else ""
    return f"""
<div class="accordion-item">
    <a data-toggle="collapse" href="#accordion1-collapse-item-{item}" aria-controls="accordion1-collapse-item-{item}" class="collapsed"{tab}>
        <div class="panel-heading" id="heading-item-{item}">
            <div class="accordion-bar accordion-bar-font expanded">
                <div class="pet-table">
                    <div class="pet-table-row">
                        <span aria-hidden="true" class="hoc-icon {icon}" role="img"> </span>
                        <h2 class="pet-table-col">
                            {heading}
                        </h2>
                    </div>
                </div>
            </div>
        </div>
    </a>
    <div id="accordion1-collapse-item-{item}" class="panel-collapse collapse in" role="tabpanel">
        <div class="panel-body{" history-section" if item == 3 else ""}">
{body}
        </div>
    </div>
</div>
"""


def _member_href(member: ReplayMember, lang: str) -> str:
    slug = "-".join(member.name.split())
    return f"http://www.ourcommons.ca/Parliamentarians/{lang}/members/{slug}({member.person_id})"


def _keywords_html(keywords: Sequence[Keyword], lang: str) -> str:
    items = "".join(
        f'<li class="indexDetails"> <a href="../Petition/Search?View=D&Keyword={k.id}&category=All">'
        f"{esc(side_of(k.name, lang))} </a>"
        for k in keywords
    )
    return f'<ul class="pi-keywords"><li class="pi-cat">{word("keywords", lang)}</li>    {items}</ul>'


def _lead_in_html(text: str) -> str:
    """The lead-in with the petitioners and the addressee in bold, as the site prints it."""
    for opener, joint, closer in (
        ("We, the undersigned, ", ", call upon the ", " to:"),
        ("Nous, soussignés, ", ", prions ", " de :"),
    ):
        if text.startswith(opener) and joint in text and text.endswith(closer):
            who, _, whom = text[len(opener) : -len(closer)].partition(joint)
            return f"{esc(opener)}<b>{esc(who)}</b>{esc(joint)}<b>{esc(whom)} </b>{esc(closer.strip())} "
    return esc(text)


def _petition_text(p: ReplayPetition, lang: str) -> str:
    addressee = side_of(p.addressee, lang)
    grievances = side_of(p.grievances, lang) or ()
    prayer = side_of(p.prayer, lang) or ()
    para = '    <div class="pet-para" style="text-indent:0em;padding-left:0em;">{}</div>'
    lines = ['<div class="pet-prayer">', f"  <h3>{esc(addressee)}</h3>"]
    if p.whereas_list:
        lines.append(f"  <div>{word('whereas', lang)}</div>")
        lines.append('  <ul class="whereas">')
        lines += [f"    <li>{esc(g)}</li>" for g in grievances]
        lines.append("  </ul>")
        lines.append("  <div>")
    else:
        lines.append("  <div>")
        preamble = side_of(p.preamble, lang)
        lines += [para.format(esc(x)) for x in ([preamble] if preamble else [])]
        lines += [para.format(esc(g)) for g in grievances]
    lines += [para.format(_lead_in_html(prayer[0]) if i == 0 else esc(x)) for i, x in enumerate(prayer)]
    lines += ["  </div>", "</div>"]
    return "\n".join(lines)


def _response_html(p: ReplayPetition, lang: str) -> str:
    if not p.answered:
        return ""
    header, shown = p.response_header.pick(lang)
    side = shown or "en"
    paragraphs = p.response_paragraphs.get(side) or ()
    signed = (
        "Signé par (ministre ou secrétaire parlementaire) :"
        if side == "fr"
        else "Signed by (Minister or Parliamentary Secretary):"
    )
    paras = "\n".join(f'                    <p class="rep-para">{esc(x)}</p>' for x in paragraphs)
    return f"""
            <div class="pet-reponse" language="{side}">
                <h3 class="title">{esc(header)}</h3>
                <div class="rep-signed"><b>{signed}</b> {esc(p.response_signer)}</div>
                <div class="rep-paras">
{paras}
                </div>
            </div>"""


def _history_html(p: ReplayPetition, lang: str) -> str:
    rows: list[tuple[str, str]] = []
    if p.opened_at is not None:
        rows.append(("opened", esc(stamp_text(p.opened_at, lang))))
    if p.closed_at is not None:
        rows.append(("closed", esc(stamp_text(p.closed_at, lang))))
    if p.presented_on is not None:
        member = p.sponsor
        riding = side_of(member.riding, lang)
        pps = p.presented_number or p.number
        rows.append(
            (
                "presented",
                f'<a class="underlined-link" href="{esc_attr(_member_href(member, lang))}">{esc(member.name)}</a>'
                f" ({esc(riding)})<br />"
                f"<span>{day_text(p.presented_on, lang)} ({word('petition_no', lang)} {pps})</span>",
            )
        )
    if p.response_tabled_on is not None:
        rows.append(("tabled", day_text(p.response_tabled_on, lang)))
    items = "\n".join(
        f"                    <dt>{word(key, lang)}</dt>\n                    <dd>{value}</dd>"
        for key, value in rows
    )
    return f"            <dl>\n\n{items}\n\n\n            </dl>\n"


def _member_html(p: ReplayPetition, lang: str) -> str:
    m = p.sponsor
    first, _, last = m.name.partition(" ")
    photo = f"/Content/Parliamentarians/Images/OfficialMPPhotos/{p.parliament}/{last}{first}_{m.party}.jpg"
    photo = "".join(ch for ch in photo if ch.isalnum() or ch in "/._-")
    return f"""            <div class="row vertical-align">
                <div class="member-photo">
                        <img src="{esc_attr(photo)}" class="img-fluid" alt="Photo - {esc_attr(m.name)}" height="143" width="90" />
                </div>
                <div class="member-details" id="DetailsMember">
                    <div>
                        <a href="{esc_attr(_member_href(m, lang))}"> {esc(first)}  {esc(last)} </a>
                    </div>
                    <div>{esc(side_of(m.riding, lang))}</div>

                    <div>{esc(side_of(m.caucus, lang))}</div>

                    <div>{esc(side_of(m.province, lang))}</div>
                </div>
            </div>"""


def _signatures_panel(p: ReplayPetition, lang: str) -> str:
    only = f"                <p>{word('only', lang)}</p>"
    if p.kind != "e":
        return _panel(2, "icon-pen", "", only, tab_id=False)
    rows = "\n".join(
        f"""                        <tr class=" epetition-table-tr">
                            <td>{esc(name)}</td>
                            <td>{count}</td>
                        </tr>"""
        for name, count in sorted(p.by_province(lang).items())
    )
    table = f"""{only}
                    <table class="table table-striped epetition-table">
                        <thead>
                            <tr>
                                <th scope="col">{word("province", lang)}</th>
                                <th scope="col">Signatures</th>

                            </tr>
                        </thead>
                        <tbody>
{rows}
                        </tbody>
                    </table>"""
    heading = f"{p.signatures or 0} signatures \n                                                "
    return _panel(2, "icon-pen", heading, table, tab_id=False)


def render_details(p: ReplayPetition, lang: str, *, cached_at: datetime) -> str:
    """The whole details page of `p` in `lang` ("en" or "fr")."""
    other = "fr" if lang == "en" else "en"
    host = "www.noscommunes.ca" if other == "fr" else "www.ourcommons.ca"
    head = _HEAD.format(
        lang=lang,
        title=f"{word('th_petition', lang)} {p.number} - {word('site', lang)}",
        skip=word("skip", lang),
        switch=word("switch", lang),
        switch_href=f"https://{host}/petitions/{other}/Petition/Details?Petition={p.number}",
        site=word("site", lang),
        search=word("search", lang),
    )
    kind = word("e" if p.kind == "e" else "paper", lang)
    icon = "icon-television" if p.kind == "e" else "icon-file"
    initiator = ""
    if p.initiator is not None:
        initiator = f"""
                    <div>
                        <span>
                            {esc(p.initiator.sentence(lang))}
                        </span>

                    </div>"""
    original = p.original_language_label(lang)
    intro = f"""
                <div class="introDetails">

                    {_keywords_html(p.keywords, lang)}

                    <div class="icon">
                        <span class="hoc-icon {icon}" style="font-size: 1.3em;" role="img"></span><span>{kind}</span>
                    </div>{initiator}
                    <div>
                        <p>{esc(original)}</p>
                    </div>
                </div>
"""
    details_body = f"""            <div class="pet-details-text">
{_petition_text(p, lang)}
            </div>{_response_html(p, lang)}"""
    sign = ""
    if p.status_id == 207:
        sign = (
            f'\n                    <div style="text-align:center;padding-top:2em;"><a href="/petitions/{lang}/Petition/Sign/'
            f'{p.number}" type="button" class="btn btn-default">{word("sign", lang)}</a></div>'
        )
    main = f"""
<main>
    <a id="StartOfContent" tabindex="-1"></a>

<div class="panel panel-default">

    <div class="core-content ">
        <div class="row">
            <div class="col-md-9">

                <div style="display:block;text-align:left;padding-bottom:5px;font-size:x-small;">
                    <a href="/petitions/{lang}/Home/Feed?Petition={p.number}" title="RSS">
                        <img src="/petitions/assets/images/feed-icon-14x14.png" alt="RSS icon" /> {word("rss", lang)}
                    </a>
                </div>

                <h1 data-cachedDateTime="{_cached_stamp(cached_at)}">{p.number} ({esc(side_of(p.subject, lang))})</h1>
{intro}
                <div id="accordion1" class="accordion accordion-light">
{_panel(1, "icon-sheet", word("details", lang), details_body)}
{_panel(3, "icon-clock", word("history", lang), _history_html(p, lang))}
{_panel(20, "icon-person", word("mp", lang), _member_html(p, lang))}
{_signatures_panel(p, lang)}
                </div>{sign}
            </div>
        </div>
    </div>
</div>

</main>
"""
    return head + crlf(main) + _FOOT.format(lang=lang, disclaimer=word("disclaimer", lang))
