-- Search by meaning (bot/petitions/meaning): one sentence vector per petition, from its subject,
-- keywords, grievances and prayer in the languages it has. Computed by `petitionbot embed` and the
-- bot's background step, never by ingest. 512 int8 components and their scale (516 bytes a
-- petition); the sign bits the scan starts from are derived from them when they are loaded.
CREATE TABLE petition_vectors (
    petition_id INTEGER PRIMARY KEY REFERENCES petitions (id) ON DELETE CASCADE,
    model       TEXT    NOT NULL,  -- the encoder and its version: another model's vectors are redone
    text_hash   TEXT    NOT NULL,  -- sha256 of the model and the text encoded: a new text, a new vector
    record_hash TEXT    NOT NULL,  -- petitions.hash when last looked at: an unchanged record is skipped
    vector      BLOB    NOT NULL,  -- int8[512]; the unit vector is about scale * vector
    scale       REAL    NOT NULL,
    stamp       INTEGER NOT NULL   -- one more per written batch: what a running bot has not loaded yet
);
CREATE INDEX petition_vectors_stamp ON petition_vectors (stamp);
