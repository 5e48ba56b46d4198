-- How many petitions hold each indexed word (the terms search's spelling suggestions and stem
-- expansion use: 3+ characters, no digit). Reading petition_vocab counts every word's postings,
-- seconds at 100,000 petitions; this table holds the same counts, kept in step by Store.upsert in
-- the same transaction as the full-text rows, so the first search after a start reads it at once.
CREATE TABLE search_terms (
    term TEXT PRIMARY KEY,
    docs INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO search_terms (term, docs)
    SELECT term, doc FROM petition_vocab WHERE length(term) >= 3 AND term NOT GLOB '*[0-9]*';
