-- The day the government's response is due, for a presented petition still waiting for one
-- (deadlines.response_due: 45 days, moved to the next sitting day); NULL for every other petition.
-- Written with each record, so /overdue is a range over this index rather than a walk of the
-- sitting calendar for every waiting petition. Rows stored before this migration, and every row
-- after the sitting calendar changes, are filled by Store.refresh_due_dates (meta "due_calendar").
ALTER TABLE petitions ADD COLUMN due_on TEXT;
CREATE INDEX petitions_due_on ON petitions (due_on, number) WHERE due_on IS NOT NULL;
