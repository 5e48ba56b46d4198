"""The /stats charts and their figures in words, in the reader's language, for Discord and the CLI.

Drawn with matplotlib's Agg backend (no display, no pyplot state): CPU-bound, so the bot calls the
`*_png` functions in a worker thread. Choices a reader notices:

- every label in the reader's language, province names included (`model.PROVINCES`);
- counts on integer ticks, and every year of the range drawn, a year without petitions as a 0;
- a title naming what is counted, a footer with the source, the date of the data and "demo data";
- one mid-tone background with light text, readable inside Discord's dark and light themes alike,
  and the Okabe–Ito palette (safe for colour-blind readers; never red against green), with each
  bar also labelled by its figure, so no meaning rests on colour alone.

`_words.py` says the figures, `_draw.py` draws them, and `python -m bot.charts docs/charts`
(`__main__.py`) draws the PNGs the README shows, from the bundled demo set.
"""

from bot.charts._draw import draw_petitions, draw_responses, petitions_png, responses_png, to_png
from bot.charts._words import Words, petitions_words, responses_words, scope_title, words_text

FILENAME = "stats.png"
"""The attachment's name; the embed shows it as `attachment://stats.png`."""

__all__ = [
    "FILENAME",
    "Words",
    "draw_petitions",
    "draw_responses",
    "petitions_png",
    "petitions_words",
    "responses_png",
    "responses_words",
    "scope_title",
    "to_png",
    "words_text",
]
