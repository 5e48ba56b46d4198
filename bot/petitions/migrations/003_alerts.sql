-- Alerts (bot/petitions/alerts.py): channels that follow the change journal.

-- One row per "post X about Y in channel Z". `filter` says what Y is and
-- `value` holds it in matching form: '' for everything, an ISO country code,
-- a canonical petition number, or a folded subject/keyword phrase. `label` is
-- what the user chose, for display. Only changes with an id above
-- `start_after` (the journal's end when the row was made) are announced, so a
-- new follow never replays history. A channel the bot may no longer post in
-- turns the row inactive with a reason the server can read in /following.
CREATE TABLE subscriptions (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    guild_id        INTEGER NOT NULL,
    channel_id      INTEGER NOT NULL,
    filter          TEXT    NOT NULL CHECK (filter IN ('all', 'country', 'number', 'subject')),
    value           TEXT    NOT NULL DEFAULT '',
    label           TEXT    NOT NULL DEFAULT '',
    events          TEXT    NOT NULL CHECK (events IN ('responses', 'new', 'all')),
    lang            TEXT    NOT NULL DEFAULT 'en',
    created_by      INTEGER NOT NULL,
    created_at      TEXT    NOT NULL,
    start_after     INTEGER NOT NULL DEFAULT 0,
    active          INTEGER NOT NULL DEFAULT 1,
    inactive_reason TEXT,
    inactive_detail TEXT,
    inactive_at     TEXT
);
CREATE UNIQUE INDEX subscriptions_same ON subscriptions (guild_id, channel_id, filter, value, events);
CREATE INDEX subscriptions_active ON subscriptions (active, filter, value);

-- How far the journal has been matched against the subscriptions. Advanced
-- in the same transaction that queues the deliveries it found, so a change is
-- either matched and queued, or still ahead of the cursor: never lost.
CREATE TABLE alert_cursor (
    id             INTEGER PRIMARY KEY CHECK (id = 1),
    last_change_id INTEGER NOT NULL,
    updated_at     TEXT    NOT NULL
);

-- One post to make (or made): at most one per (subscription, change) and per
-- (channel, change). A row leaves 'pending' only when the post succeeded
-- ('sent', with the message id), was refused for good ('failed'), or its
-- subscription stopped ('dropped'); a Discord outage leaves it pending and the
-- next cycle tries again with the same message nonce.
CREATE TABLE alert_deliveries (
    subscription_id INTEGER NOT NULL REFERENCES subscriptions (id) ON DELETE CASCADE,
    change_id       INTEGER NOT NULL,
    channel_id      INTEGER NOT NULL,
    status          TEXT    NOT NULL DEFAULT 'pending'
                    CHECK (status IN ('pending', 'sent', 'failed', 'dropped')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    queued_at       TEXT    NOT NULL,
    first_try_at    TEXT,
    last_try_at     TEXT,
    last_error      TEXT,
    message_id      INTEGER,
    sent_at         TEXT,
    PRIMARY KEY (subscription_id, change_id)
) WITHOUT ROWID;
CREATE UNIQUE INDEX alert_deliveries_channel_change ON alert_deliveries (channel_id, change_id);
CREATE INDEX alert_deliveries_pending ON alert_deliveries (status, change_id);
