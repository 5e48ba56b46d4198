-- Lists of petitions about a country are ordered by the petition's latest
-- event; keeping that date beside the link lets the index answer the page
-- and the count without touching the petitions table.
ALTER TABLE petition_countries ADD COLUMN last_event TEXT;
UPDATE petition_countries
   SET last_event = (SELECT p.last_event FROM petitions p WHERE p.number = petition_countries.number);
CREATE INDEX petition_countries_order ON petition_countries (code, is_primary, last_event DESC, number DESC);
