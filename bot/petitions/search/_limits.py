"""How much work one query may do: the thresholds that pick a plan at 100,000 petitions."""

from __future__ import annotations

COUNT_CAP = 1000  # filter-only totals are counted up to here


class Limits:
    """Read at call time, so tests can shrink them and take, on a small corpus, the paths of a large one."""

    RANK_WINDOW = 300  # newest matches ranked when bm25 would be too costly
    FILTERED_WINDOW = 100  # matches ranked when filters apply and bm25 would be too costly
    FILTERED_SCAN = 1000  # newest matches tested against broad filters
    FEW = 3000  # petitions passing a filter below which they are listed from its index
    STATUS_SORT = 10_000  # petitions of several statuses that a filter-only list sorts on the status index
    SUBJECT_FEW = 500  # a subject with at most this many petitions is listed by reading them, not by a walk
    BM25_BUDGET = 500  # petitions bm25 may read to weigh the query's terms (sum over terms)
    PREFIX_BUDGET = 20_000  # petitions a prefix query may merge before it is cut to the word's own forms
    MAX_EXPANSIONS = 12  # indexed words a long stem may stand for before a prefix query is cheaper
    VOCAB_REFRESH = 10.0  # seconds at least between background rebuilds of the vocabulary
