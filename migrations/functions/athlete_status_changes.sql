-- Notes that this transaction changed the data of each athlete a statement
-- on check-ins, workouts or events touched. The athlete must still exist:
-- deleting one deletes their rows too, and there is nothing left to note.
-- PL/pgSQL keeps the insert's plan for the session, where a SQL function
-- would parse and plan it again on every write (7–17 % more check-in
-- updates a second with pgbench), and a generic one: left to choose, the
-- plan cache made a plan for every call, the array of ids making the
-- generic look dearer (3–28 % more again).
CREATE OR REPLACE FUNCTION athlete_status_bump(ids bigint[]) RETURNS void
LANGUAGE plpgsql
SET plan_cache_mode = force_generic_plan
AS $$
BEGIN
    INSERT INTO athlete_status_changes (athlete_id, tx)
    SELECT a.id, pg_current_xact_id() FROM athletes a WHERE a.id = ANY (ids)
    ON CONFLICT DO NOTHING;
END
$$;

CREATE OR REPLACE FUNCTION athlete_status_inserted() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM athlete_status_bump(array_agg(DISTINCT n.athlete_id)) FROM new_rows n HAVING count(*) > 0;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION athlete_status_updated() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM athlete_status_bump(array_agg(DISTINCT x.athlete_id))
    FROM (SELECT o.athlete_id FROM old_rows o UNION SELECT n.athlete_id FROM new_rows n) x HAVING count(*) > 0;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION athlete_status_deleted() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM athlete_status_bump(array_agg(DISTINCT o.athlete_id)) FROM old_rows o HAVING count(*) > 0;
    RETURN NULL;
END
$$;

CREATE OR REPLACE TRIGGER checkins_status_inserted AFTER INSERT ON checkins
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION athlete_status_inserted();
CREATE OR REPLACE TRIGGER checkins_status_updated AFTER UPDATE ON checkins
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION athlete_status_updated();
CREATE OR REPLACE TRIGGER checkins_status_deleted AFTER DELETE ON checkins
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION athlete_status_deleted();
CREATE OR REPLACE TRIGGER workouts_status_inserted AFTER INSERT ON workouts
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION athlete_status_inserted();
CREATE OR REPLACE TRIGGER workouts_status_updated AFTER UPDATE ON workouts
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION athlete_status_updated();
CREATE OR REPLACE TRIGGER workouts_status_deleted AFTER DELETE ON workouts
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION athlete_status_deleted();
CREATE OR REPLACE TRIGGER events_status_inserted AFTER INSERT ON events
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION athlete_status_inserted();
CREATE OR REPLACE TRIGGER events_status_updated AFTER UPDATE ON events
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION athlete_status_updated();
CREATE OR REPLACE TRIGGER events_status_deleted AFTER DELETE ON events
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION athlete_status_deleted();
