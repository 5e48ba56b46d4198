"""Values a hostile or careless user sends to any option, as Hypothesis strategies.

The curated list is the reviewer's kind of input: blank-looking text, invisible and bidi characters,
mentions and Discord markup, operators, numbers far out of range, impossible dates, broken Unicode.
Random text (with lone surrogates mixed in) finds what the list forgot.
"""

from __future__ import annotations

from hypothesis import strategies as st

BLANKS = [
    "",
    " ",
    "\u3000",
    "\n",
    "\t",
    "\u00a0",
    "\u200b",
    "\u200d",
    "\ufeff",
    "\u202e",
    "\u2066",
    "\x00",
    " \n\u3000 ",
]
INVISIBLE = [
    "\u202e",
    "\u2066",
    "\u2069",
    "\u200f",
    "\u200d",
    "\ufeff",
    "\x00",
    "\x1b[2J",
    "\u3164",
    "\u2800",
]
MARKUP = [
    "@here",
    "@everyone",
    "<@123456789012345678>",
    "<@&123456789012345678>",
    "<#123456789012345678>",
    "<t:1700000000:R>",
    "</search:123456789012345678>",
    "<:emoji:123456789012345678>",
    "**bold** _it_ ~~x~~ ||spoiler|| `code` > quote",
    "# heading",
    "[link](https://example.com)",
    "\\",
    "`",
]
OPERATORS = [
    "AND",
    "OR",
    "NOT",
    "NEAR",
    "and",
    "the",
    "*",
    "%",
    "_",
    '"',
    "'",
    "-",
    "--",
    "'; DROP TABLE petitions; --",
]
NUMBERS = [
    "0",
    "-1",
    "+44",
    "44",
    "44.0",
    "44.5",
    "1e308",
    "-1e308",
    "inf",
    "NaN",
    "99999999999999999999999999",
    "-99999999999999999999999999",
    "9" * 400,
    "0x2c",
    "４４",
    "٤٤",
    "4_4",
]
DATES = [
    "2022-02-09",
    "2022-13-45",
    "2022-02-30",
    "tomorrow",
    "0000-01-01",
    "0001-01-01",
    "9999-12-31",
    "99999-01-01",
    "2022-2-9",
    "2022/02/09",
    "２０２２－０２－０９",
    "2022–02–09",
    "2022-02-09T10:00",
]
PETITION_NUMBERS = [
    "441-00155",
    "441–00155",
    "e−4123",
    "e\u200d-4123",
    "\ufeff441-00155",
    "441－00155",
    "441-00155\x00",
    "e-0",
    "e-99999",
    "441-00000",
    "https://www.ourcommons.ca/petitions/en/Petition/Details?Petition=e-4123",
]
TEXTS = [
    "Kazakhstan",
    "Foreign affairs",
    "climate",
    "Genuis",
    "China",
    "مرحبا",
    "👨‍👩‍👧",
    "{value}",
    "{0}",
    "%s%n",
    "x" * 5000,
]
BROKEN = ["\ud800", "\udc80abc", "China\udfff", "\ud83d"]

CURATED: list[str] = [
    *BLANKS,
    *INVISIBLE,
    *MARKUP,
    *OPERATORS,
    *NUMBERS,
    *DATES,
    *PETITION_NUMBERS,
    *TEXTS,
    *BROKEN,
    *(f"{a}{b}" for a in ("China", "441-00155", "e-4123") for b in ("\u202e", "\x00", "\u200d", " @here")),
]

#: Text as a user (or a modified client) might send it, surrogates included.
hostile_text = st.one_of(
    st.sampled_from(CURATED),
    st.text(max_size=30),
    st.text(
        st.characters(codec=None, categories=["Cc", "Cf", "Cs", "Zs", "Zl", "Zp", "Po", "Sm"]), max_size=8
    ),
    st.builds(
        lambda a, b, c: a + b + c,
        st.sampled_from(CURATED),
        st.sampled_from(BLANKS + BROKEN),
        st.text(max_size=5),
    ),
)

#: Any JSON value a hand-made interaction could carry for an option.
hostile_json = st.one_of(
    hostile_text,
    st.integers(min_value=-(10**30), max_value=10**30),
    st.sampled_from([2**63, -(2**63) - 1, 2**64, 0, -1, 1]),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from([1e308, -1e308, 0.5, 44.0]),
    st.booleans(),
)
