-- The petition store. One row per petition; the whole record is kept as JSON
-- in `record`, and the columns beside it exist only to filter and sort.
CREATE TABLE petitions (
    id                 INTEGER PRIMARY KEY,
    number             TEXT    NOT NULL UNIQUE,
    kind               TEXT    NOT NULL CHECK (kind IN ('paper', 'e')),
    parliament         INTEGER,
    session            INTEGER,
    seq                INTEGER,
    presented_number   TEXT,
    status_id          INTEGER,
    subject_en         TEXT,
    subject_fr         TEXT,
    sponsor_name       TEXT,
    sponsor_id         INTEGER,
    opened_at          TEXT,
    closed_at          TEXT,
    presented_on       TEXT,
    response_tabled_on TEXT,
    last_event         TEXT,
    has_response       INTEGER NOT NULL DEFAULT 0,
    signatures         INTEGER,
    demo               INTEGER NOT NULL DEFAULT 0,
    hash               TEXT    NOT NULL,
    record             TEXT    NOT NULL,
    fetched_at         TEXT,
    updated_at         TEXT    NOT NULL
);
CREATE INDEX petitions_status ON petitions (status_id);
CREATE INDEX petitions_sponsor_id ON petitions (sponsor_id);
CREATE INDEX petitions_sponsor_name ON petitions (sponsor_name COLLATE NOCASE);
CREATE INDEX petitions_presented ON petitions (presented_on);
CREATE INDEX petitions_last_event ON petitions (last_event);
CREATE INDEX petitions_parl_seq ON petitions (parliament, session, seq);
CREATE INDEX petitions_presented_number ON petitions (presented_number);

CREATE TABLE petition_keywords (
    number     TEXT NOT NULL REFERENCES petitions (number) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    keyword_id INTEGER,
    name_en    TEXT,
    name_fr    TEXT,
    folded     TEXT NOT NULL,
    PRIMARY KEY (number, position)
) WITHOUT ROWID;
CREATE INDEX petition_keywords_folded ON petition_keywords (folded);

CREATE TABLE petition_countries (
    number     TEXT    NOT NULL REFERENCES petitions (number) ON DELETE CASCADE,
    code       TEXT    NOT NULL,
    is_primary INTEGER NOT NULL,
    mentions   INTEGER NOT NULL,
    PRIMARY KEY (number, code)
) WITHOUT ROWID;
CREATE INDEX petition_countries_code ON petition_countries (code, is_primary);

-- Full text over both languages; rowid is petitions.id.
CREATE VIRTUAL TABLE petition_fts USING fts5 (
    number, title, keywords, body, response, sponsor,
    tokenize = "unicode61 remove_diacritics 2",
    prefix = '2 3 4'
);

-- What users may want to hear about, written in the same transaction as the
-- record it describes. Alerts read it by id.
CREATE TABLE changes (
    id     INTEGER PRIMARY KEY AUTOINCREMENT,
    number TEXT NOT NULL,
    kind   TEXT NOT NULL CHECK (kind IN ('new', 'status', 'response', 'changed')),
    detail TEXT NOT NULL,
    at     TEXT NOT NULL
);
CREATE INDEX changes_number ON changes (number);

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

-- The last answer per URL, so the fetcher can ask "changed since?".
CREATE TABLE http_cache (
    url           TEXT PRIMARY KEY,
    etag          TEXT,
    last_modified TEXT,
    body_hash     TEXT,
    fetched_at    TEXT NOT NULL
) WITHOUT ROWID;
