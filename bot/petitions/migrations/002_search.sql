-- Search helpers (bot/petitions/search.py, sponsors.py, autocomplete.py).

-- The terms of the full-text index, for "did you mean …" and for expanding a
-- stem into the words it stands for. A scan of this table reads the whole
-- index, so search reads it once in the background and keeps it in memory.
CREATE VIRTUAL TABLE petition_vocab USING fts5vocab (petition_fts, 'row');

-- Subject filters and the distinct-subject list without reading the records.
CREATE INDEX petitions_subject ON petitions (subject_en, subject_fr);
CREATE INDEX petitions_subject_fr ON petitions (subject_fr);

-- The distinct-sponsor list, and a sponsor's petitions newest first.
CREATE INDEX petitions_sponsor_recent ON petitions (sponsor_id, last_event, sponsor_name);

-- Filter-only listings and their counts walk this in recency order and test
-- the common filters on the index entry, reading a record only when shown.
CREATE INDEX petitions_recent_filters ON petitions (
    last_event, status_id, kind, parliament, session, has_response, sponsor_id
);
