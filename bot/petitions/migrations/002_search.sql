-- Search helpers. The terms of the full-text index, so that a query that
-- finds nothing can be answered with "did you mean …" from words that really
-- occur in petitions. Read by term range only (see bot/petitions/search.py):
-- a full scan of this table reads the whole index.
CREATE VIRTUAL TABLE petition_vocab USING fts5vocab (petition_fts, 'row');
