"""Short extractive summaries of government responses.

A response runs to a page or two; a reader in Discord wants the two or three
sentences that say what the government does or decides. We pick whole sentences
from the text, never rewrite them, and keep their original order, so the summary
can always be checked against the response word for word. Everything here is a
pure function of its input: the same response gives the same summary on every
run, which lets us compute it once at ingest and store it.

`LEXICONS`, `quick_features` and `plain_features` are public for the test that
checks the two ways of matching the lexicons agree; nothing else needs them.
"""

from bot.petitions.summary._lexicons import LEXICONS
from bot.petitions.summary._scoring import plain_features, quick_features
from bot.petitions.summary._sentences import split_sentences
from bot.petitions.summary._summarize import (
    SummaryText,
    summaries_for,
    summarize,
    summarize_response,
    summary_note,
)

__all__ = [
    "LEXICONS",
    "SummaryText",
    "plain_features",
    "quick_features",
    "split_sentences",
    "summaries_for",
    "summarize",
    "summarize_response",
    "summary_note",
]
