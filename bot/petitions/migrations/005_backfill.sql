-- The whole history (bot/petitions/backfill.py) and history that is not news.

-- A journal entry about the past (a record that arrived by backfill or import,
-- or an event dated well before it was seen) is kept for the record but never
-- announced: alerts read only entries with history = 0.
ALTER TABLE changes ADD COLUMN history INTEGER NOT NULL DEFAULT 0;

-- Phase 1: where the walk of each Parliament's listing stands. `category` is
-- the listing button ('All', or 'Responses' for the answered ones). `total`
-- and `pages` are what page 1 said; `next_page` is the first page not yet
-- stored, so a killed run starts again there.
CREATE TABLE backfill_listing (
    parliament INTEGER NOT NULL,
    category   TEXT    NOT NULL CHECK (category IN ('All', 'Responses')),
    total      INTEGER,
    pages      INTEGER,
    next_page  INTEGER NOT NULL DEFAULT 1,
    done       INTEGER NOT NULL DEFAULT 0,
    updated_at TEXT    NOT NULL,
    PRIMARY KEY (parliament, category)
) WITHOUT ROWID;

-- Phase 2: details pages still to read. The order of work is computed from
-- the petition's own columns when the queue is read; `urgent` puts a
-- petition someone asked for ahead of everything else.
CREATE TABLE details_queue (
    number     TEXT    PRIMARY KEY,
    state      TEXT    NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done', 'missing', 'failed')),
    urgent     INTEGER NOT NULL DEFAULT 0,
    attempts   INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    queued_at  TEXT    NOT NULL,
    done_at    TEXT
) WITHOUT ROWID;
CREATE INDEX details_queue_state ON details_queue (state, urgent);

CREATE INDEX petitions_demo ON petitions (demo);
