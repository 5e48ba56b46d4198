"""The charts themselves: matplotlib figures on one theme, drawn without pyplot."""

from __future__ import annotations

import io
import textwrap
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, cast

from bot.charts._words import days_text, footer, percent, petitions_words, province_name, scope_title
from bot.i18n import number_words, parliament_name, t
from bot.petitions import deadlines
from bot.petitions.answers import ResponsesAnswer, StatsAnswer

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

DPI = 100

# Theme: a mid-tone slate, light enough to sit apart from Discord's dark theme (#313338) and dark
# enough not to glare on its light one (#ffffff); text and figures in near-white on it.
BACKGROUND = "#40444b"
PANEL = "#4a4e56"
TEXT = "#f2f3f5"
MUTED = "#c4c9d0"
GRID = "#5f646d"
# Okabe & Ito (2008), "Color Universal Design": the lighter members, which keep contrast on the slate.
SKY_BLUE = "#56B4E9"
ORANGE = "#E69F00"
YELLOW = "#F0E442"
REDDISH_PURPLE = "#CC79A7"


def petitions_png(answer: StatsAnswer, lang: str) -> bytes:
    return to_png(draw_petitions(answer, lang))


def responses_png(answer: ResponsesAnswer, lang: str) -> bytes:
    return to_png(draw_responses(answer, lang))


def to_png(fig: Figure) -> bytes:
    out = io.BytesIO()
    # No software version in the file: the same chart gives the same bytes on every install.
    fig.savefig(out, format="png", dpi=DPI, facecolor=fig.get_facecolor(), metadata={"Software": None})
    return out.getvalue()


def draw_petitions(answer: StatsAnswer, lang: str) -> Figure:
    """Petitions per year (left) and signatures by province (right)."""
    totals = petitions_words(answer, lang).summary[0]
    fig = _figure((11, 5.6), scope_title(answer.scope, lang), totals, answer, lang)
    left, right = fig.subplots(1, 2, gridspec_kw={"width_ratios": [1, 1.15]})
    _per_year(left, answer.per_year, lang)
    _by_province(right, answer.signatures_by_province, lang)
    return fig


def draw_responses(answer: ResponsesAnswer, lang: str) -> Figure:
    """The distribution of days to respond (top left), on time by Parliament (top right), slowest ministers."""
    lower = max(2.8, 0.5 * len(answer.times.slowest) + 1.4)  # inches: room for each minister's name
    fig = _figure(
        (11, 5.2 + lower), t("responses.heading", lang), scope_title(answer.scope, lang), answer, lang
    )
    # Two rows laid out apart: the ministers' long names must not push the top panels about.
    # Two subfigures come back as an array (the stubs also allow one SubFigure, for 1 × 1).
    rows = cast("Sequence[Any]", fig.subfigures(2, 1, height_ratios=[4.4, lower], facecolor=BACKGROUND))
    top, bottom = rows[0], rows[1]
    first, second = top.subplots(1, 2)
    _distribution(first, answer.times, lang)
    _on_time(second, answer.times, lang)
    _slowest(bottom.subplots(), answer.times, lang)
    return fig


def _figure(size: tuple[float, float], title: str, subtitle: str, answer: Any, lang: str) -> Figure:
    """A figure with its title, subtitle and footer; the panels go inside the margins left for them."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=size, dpi=DPI, facecolor=BACKGROUND, layout="constrained")
    top = 1 - 0.75 / size[1]  # room for two lines of title, whatever the height
    engine: Any = fig.get_layout_engine()  # the constrained engine, which takes the margins below
    engine.set(rect=(0.01, 0.35 / size[1], 0.98, top - 0.35 / size[1]), w_pad=0.12, h_pad=0.12)
    fig.text(0.015, 1 - 0.15 / size[1], _plain(title), color=TEXT, fontsize=17, fontweight="bold", va="top")
    fig.text(0.015, 1 - 0.5 / size[1], _plain(subtitle), color=MUTED, fontsize=12.5, va="top")
    fig.text(0.015, 0.12 / size[1], _plain(footer(answer.as_of, answer.demo, lang)), color=MUTED, fontsize=10)
    if answer.demo:
        fig.text(
            0.985,
            1 - 0.15 / size[1],
            t("demo", lang),
            color=BACKGROUND,
            fontsize=11,
            fontweight="bold",
            ha="right",
            va="top",
            bbox={"boxstyle": "round,pad=0.35", "facecolor": YELLOW, "edgecolor": "none"},
        )
    return fig


def _style(ax: Axes, title: str) -> None:
    ax.set_facecolor(PANEL)
    ax.set_title(_plain(title), color=TEXT, fontsize=13, loc="left", pad=10)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_color(GRID)
    ax.tick_params(colors=TEXT, labelsize=10.5)
    ax.xaxis.label.set_color(MUTED)
    ax.yaxis.label.set_color(MUTED)
    ax.set_axisbelow(True)


def _empty(ax: Axes, text: str) -> None:
    ax.set_xticks([])
    ax.set_yticks([])
    ax.text(
        0.5, 0.5, _plain(text), ha="center", va="center", color=MUTED, fontsize=12, transform=ax.transAxes
    )


def _integer_axis(axis: Any, lang: str) -> None:
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    axis.set_major_locator(MaxNLocator(integer=True, min_n_ticks=1, nbins=6))
    axis.set_major_formatter(FuncFormatter(lambda value, _pos: number_words(int(round(value)), lang)))


def _per_year(ax: Axes, per_year: dict[int, int], lang: str) -> None:
    _style(ax, t("stats.per_year", lang))
    if not per_year:
        _empty(ax, t("stats.no_data", lang))
        return
    years = list(per_year)
    counts = [per_year[y] for y in years]
    bars = ax.bar(years, counts, color=SKY_BLUE, width=0.7)
    ax.bar_label(bars, labels=[number_words(n, lang) for n in counts], color=TEXT, fontsize=10.5, padding=3)
    ax.set_xticks(years, [str(y) for y in years], rotation=45 if len(years) > 12 else 0)
    ax.set_xlim(years[0] - 0.6, years[-1] + 0.6)
    ax.set_ylim(0, max(1, max(counts)) * 1.18)
    _integer_axis(ax.yaxis, lang)
    ax.grid(axis="y", color=GRID, linewidth=0.8)
    ax.set_ylabel(t("chart.petitions_axis", lang))
    ax.set_xlabel(t("chart.year_axis", lang))


def _by_province(ax: Axes, by_province: dict[str, int], lang: str) -> None:
    _style(ax, t("stats.by_province", lang))
    if not by_province:
        _empty(ax, t("chart.no_signatures", lang))
        return
    keys = list(by_province)[::-1]  # most signatures at the top
    counts = [by_province[k] for k in keys]
    bars = ax.barh([_plain(province_name(k, lang)) for k in keys], counts, color=ORANGE, height=0.7)
    ax.bar_label(bars, labels=[number_words(n, lang) for n in counts], color=TEXT, fontsize=10, padding=3)
    ax.set_xlim(0, max(counts) * 1.2)
    _integer_axis(ax.xaxis, lang)
    ax.grid(axis="x", color=GRID, linewidth=0.8)
    ax.set_xlabel(t("chart.signatures_axis", lang))


def _distribution(ax: Axes, times: Any, lang: str) -> None:
    _style(ax, t("responses.distribution", lang))
    if not times.days:
        _empty(ax, t("responses.none", lang))
        return
    deadline = deadlines.RESPONSE_DAYS + 0.5  # between day 45 (on time) and day 46
    edges, counts, colours = [], [], []
    for b in times.bins:
        edges.append(b.first - 0.5)
        counts.append(b.count)
        colours.append(SKY_BLUE if b.last is not None and b.last <= deadlines.RESPONSE_DAYS else ORANGE)
    width = times.bins[0].last - times.bins[0].first + 1
    bars = ax.bar(edges, counts, width=width, align="edge", color=colours, edgecolor=PANEL, linewidth=1)
    open_ended = times.bins[-1].last is None
    if open_ended:
        bars[-1].set_hatch("//")  # one bar for every longer wait: drawn apart from the rest
    if sum(1 for n in counts if n) <= 6:  # a few bars: their figures; more: the axis says enough
        ax.bar_label(
            bars,
            labels=[number_words(n, lang) if n else "" for n in counts],
            color=TEXT,
            fontsize=10,
            padding=2,
        )
    ax.axvline(deadline, color=YELLOW, linestyle="--", linewidth=2)
    top = max(1, max(counts)) * 1.25
    ax.set_ylim(0, top)
    ax.text(
        deadline + 1, top * 0.97, _plain(t("responses.deadline", lang)), color=YELLOW, fontsize=10.5, va="top"
    )
    end = edges[-1] + width
    last_tick = times.bins[-1].first - 1 - 10 if open_ended else int(end)  # leave room for "120+"
    ticks: list[float] = list(range(0, last_tick + 1, 15))
    labels = [str(x) for x in ticks]
    if open_ended:
        ticks.append(times.bins[-1].first - 0.5 + width / 2)
        labels.append(f"{times.bins[-1].first - 1}+")
    ax.set_xticks(ticks, labels)
    ax.set_xlim(0, end)
    _integer_axis(ax.yaxis, lang)
    ax.grid(axis="y", color=GRID, linewidth=0.8)
    ax.set_xlabel(t("responses.days_axis", lang))
    ax.set_ylabel(t("responses.count_axis", lang))


def _on_time(ax: Axes, times: Any, lang: str) -> None:
    _style(ax, t("responses.by_parliament", lang))
    rows = [r for r in times.by_parliament if r.judged]
    if not rows:
        _empty(ax, t("stats.no_data", lang))
        return
    from matplotlib.ticker import PercentFormatter

    # barh draws the first row at the bottom: the latest Parliament ends up at the top
    names = [_plain(parliament_name(r.parliament, lang)) for r in rows]
    left = [0.0] * len(rows)
    parts = (
        ("on_time", "responses.on_time", SKY_BLUE, ""),
        ("late", "responses.late", ORANGE, ""),
        ("unanswered", "responses.unanswered", REDDISH_PURPLE, "//"),
    )
    for attr, key, colour, hatch in parts:
        shares = [getattr(r, attr) / r.judged for r in rows]
        ax.barh(
            names,
            shares,
            left=left,
            color=colour,
            hatch=hatch,
            edgecolor=PANEL,
            height=0.6,
            label=t(key, lang),
        )
        left = [a + b for a, b in zip(left, shares, strict=True)]
    for y, r in enumerate(rows):
        label = t("responses.of", lang, n=r.on_time, total=r.judged) + f" · {percent(r.share, lang)}"
        ax.text(1.02, y, label, va="center", color=TEXT, fontsize=10.5, transform=ax.get_yaxis_transform())
    _rows_room(ax, len(rows))
    ax.set_xlim(0, 1)
    ax.xaxis.set_major_formatter(PercentFormatter(1.0, decimals=0, symbol="\u00a0%" if lang == "fr" else "%"))
    ax.set_xticks([0, 0.25, 0.5, 0.75, 1])
    ax.set_xlabel(t("responses.share_axis", lang))
    legend = ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.22), ncol=3, frameon=False, fontsize=10.5)
    for text in legend.get_texts():
        text.set_color(TEXT)


def _slowest(ax: Axes, times: Any, lang: str) -> None:
    _style(ax, t("responses.slowest", lang))
    if not times.slowest:
        _empty(ax, t("stats.no_data", lang))
        return
    ministers = times.slowest[::-1]  # the slowest at the top
    names = ["\n".join(textwrap.wrap(_plain(m.name.pick(lang)[0] or "?"), 50)) for m in ministers]
    medians = [m.median_days for m in ministers]
    colours = [ORANGE if m > deadlines.RESPONSE_DAYS else SKY_BLUE for m in medians]
    ax.barh(range(len(ministers)), medians, color=colours, height=0.6)
    ax.set_yticks(range(len(ministers)), names)
    end = max(max(medians), deadlines.RESPONSE_DAYS) * 1.15
    ax.set_xlim(0, end)
    for y, m in enumerate(ministers):
        key = "responses.bar_one" if m.responses == 1 else "responses.bar_many"
        label = t(key, lang, median=days_text(m.median_days, lang), count=number_words(m.responses, lang))
        inside = m.median_days > end * 0.4  # written on the bar, clear of the deadline line
        ax.text(
            end * 0.01 if inside else m.median_days + end * 0.01,
            y,
            _plain(label),
            va="center",
            color=BACKGROUND if inside else TEXT,
            fontsize=10.5,
            fontweight="bold" if inside else "normal",
        )
    ax.axvline(deadlines.RESPONSE_DAYS, color=YELLOW, linestyle="--", linewidth=2)
    _rows_room(ax, len(ministers), top=0.5)  # and half a row above, for the deadline's label
    ax.text(
        deadlines.RESPONSE_DAYS + end * 0.01,
        0.97,
        _plain(t("responses.deadline", lang)),
        color=YELLOW,
        fontsize=10.5,
        va="top",
        transform=ax.get_xaxis_transform(),
    )
    _integer_axis(ax.xaxis, lang)
    ax.grid(axis="x", color=GRID, linewidth=0.8)
    ax.set_xlabel(t("responses.median_axis", lang))


def _rows_room(ax: Axes, rows: int, top: float = 0.0) -> None:
    """Horizontal bars at least a third of the panel apart: one Parliament is a bar, not a wall."""
    margin = max(0.6, (3 - rows) / 2 + 0.6)
    ax.set_ylim(-margin, rows - 1 + margin + top)


def _plain(text: str) -> str:
    """Text drawn as it is: a "$" in a name must not start matplotlib's mathtext."""
    return text.replace("$", r"\$")
