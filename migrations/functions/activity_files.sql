-- A file is deleted with the last activity that came from it.
CREATE OR REPLACE FUNCTION activity_files_orphaned() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM activity_files f
    WHERE f.id IN (SELECT o.file_id FROM old_rows o)
      AND NOT EXISTS (SELECT FROM activities x WHERE x.file_id = f.id);
    RETURN NULL;
END
$$;

CREATE OR REPLACE TRIGGER activity_files_orphaned AFTER DELETE ON activities
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION activity_files_orphaned();
