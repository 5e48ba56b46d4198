-- How many petitions hold each keyword and each subject: the lists autocomplete, spelling and the
-- subject and keyword filters read. Grouping petition_keywords took a third of a second at 100,000
-- petitions on the first question after a start; these tables hold the same counts, kept in step
-- by Store.upsert in the same transaction as the rows they count. A missing name is stored as ''.
CREATE TABLE keyword_counts (
    folded     TEXT PRIMARY KEY,
    name_en    TEXT NOT NULL,
    name_fr    TEXT NOT NULL,
    petitions  INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO keyword_counts (folded, name_en, name_fr, petitions)
    SELECT folded, coalesce(max(name_en), ''), coalesce(max(name_fr), ''), count(DISTINCT number)
    FROM petition_keywords GROUP BY folded;

CREATE TABLE subject_counts (
    subject_en TEXT NOT NULL,
    subject_fr TEXT NOT NULL,
    petitions  INTEGER NOT NULL,
    PRIMARY KEY (subject_en, subject_fr)
) WITHOUT ROWID;
INSERT INTO subject_counts (subject_en, subject_fr, petitions)
    SELECT coalesce(subject_en, ''), coalesce(subject_fr, ''), count(*) FROM petitions
    WHERE subject_en IS NOT NULL OR subject_fr IS NOT NULL GROUP BY 1, 2;

-- The same for sponsors (one row per name and member id; 0 when the id is unknown).
CREATE TABLE sponsor_counts (
    sponsor_id   INTEGER NOT NULL,
    sponsor_name TEXT NOT NULL,
    petitions    INTEGER NOT NULL,
    PRIMARY KEY (sponsor_id, sponsor_name)
) WITHOUT ROWID;
INSERT INTO sponsor_counts (sponsor_id, sponsor_name, petitions)
    SELECT coalesce(sponsor_id, 0), sponsor_name, count(*) FROM petitions
    WHERE sponsor_name IS NOT NULL GROUP BY 1, 2;
