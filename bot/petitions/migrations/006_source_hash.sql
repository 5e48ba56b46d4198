-- The raw record (a snapshot line, an XML export record) a petition was last written from, as a
-- hash of its bytes and of how they are read (bot/petitions/ingest_files.py). Re-ingesting a file
-- recognises an unchanged record by it before parsing or deriving anything. Any other write
-- (refresh, backfill, a details page) stores NULL, so a record changed since is always read again.
ALTER TABLE petitions ADD COLUMN source_hash TEXT;
CREATE INDEX petitions_source_hash ON petitions (source_hash, number) WHERE source_hash IS NOT NULL;
