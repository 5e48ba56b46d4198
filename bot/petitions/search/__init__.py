"""Full-text search over petitions, with filters and "did you mean" help.

`search()` answers what a user types (words, "phrases" or a petition number) under
`SearchFilters`, best first, and never raises on odd input; at 100,000 petitions it never
touches every match (see `_run`). Other rankers (search by meaning) share its filters
through `filter_clause` and its list rows through `hits_by_id`. `warm()` reads the index's
vocabulary ahead of the first search.
"""

from __future__ import annotations

from bot.petitions.search._filters import (
    FilterClause,
    filter_clause,
    hits_by_id,
    keywords,
    resolve_keyword,
    resolve_subject,
    spellings,
    subject_pairs,
    subjects,
)
from bot.petitions.search._limits import COUNT_CAP, Limits
from bot.petitions.search._query import WORD, ParsedQuery, content_words, parse_query, plain, stem
from bot.petitions.search._run import search
from bot.petitions.search._snippets import make_snippet
from bot.petitions.search._types import Hit, SearchFilters, SearchResult, Suggestion, SuggestionKind
from bot.petitions.search._vocab import Vocabulary, vocabulary, warm

__all__ = [
    "COUNT_CAP",
    "WORD",
    "FilterClause",
    "Hit",
    "Limits",
    "ParsedQuery",
    "SearchFilters",
    "SearchResult",
    "Suggestion",
    "SuggestionKind",
    "Vocabulary",
    "content_words",
    "filter_clause",
    "hits_by_id",
    "keywords",
    "make_snippet",
    "parse_query",
    "plain",
    "resolve_keyword",
    "resolve_subject",
    "spellings",
    "subject_pairs",
    "search",
    "stem",
    "subjects",
    "vocabulary",
    "warm",
]
