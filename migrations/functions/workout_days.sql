-- workout_days, the per-day sums and load states the database keeps from
-- workouts (the table is created by migration 00011).

-- The sums of the given (athlete, day) pairs' workouts, for the days that
-- have any (inlined into the caller's query). A done workout's load is its
-- session RPE × minutes when the athlete gave an RPE, else its estimate
-- (package load, DoneLoad).
CREATE OR REPLACE FUNCTION workout_day_sums(athletes bigint[], days date[])
RETURNS TABLE (athlete_id bigint, day date, load float8, planned_s integer, settled_s integer, done_s integer,
               all_done_s integer, recovery_rpe float8, recovery_avg_hr integer)
LANGUAGE sql STABLE AS $$
    SELECT w.athlete_id, w.day,
        coalesce(sum(w.rpe * w.actual_duration_s / 60.0) FILTER (WHERE w.status = 'done'), 0)::float8
            + coalesce(sum(w.estimated_load) FILTER (WHERE w.status = 'done' AND w.rpe IS NULL), 0),
        coalesce(sum(w.planned_duration_s) FILTER (WHERE w.planned), 0)::integer,
        coalesce(sum(w.planned_duration_s) FILTER (WHERE w.planned AND w.status <> 'planned'), 0)::integer,
        coalesce(sum(w.actual_duration_s) FILTER (WHERE w.planned AND w.status = 'done'), 0)::integer,
        coalesce(sum(w.actual_duration_s) FILTER (WHERE w.status = 'done'), 0)::integer,
        coalesce(max(w.rpe) FILTER (WHERE w.kind = 'recovery' AND w.status = 'done'), 0)::float8,
        coalesce(max(w.avg_hr) FILTER (WHERE w.kind = 'recovery' AND w.status = 'done'), 0)::integer
    FROM workouts w
    WHERE (w.athlete_id, w.day) IN (SELECT u.athlete_id, u.day FROM unnest(athletes, days) AS u(athlete_id, day))
    GROUP BY w.athlete_id, w.day
$$;

-- Recomputes the rows of the given (athlete, day) pairs from their
-- workouts (deleting a day left without any), and each athlete's states
-- from the first of those days on, carried from the row before it. One
-- statement: the new rows are written once with their state, and rows
-- that come out the same are not written at all.
--
-- One athlete's days are recomputed by one transaction at a time: under
-- READ COMMITTED a second writer waits here and then reads the first one's
-- rows once committed, instead of carrying forward a state computed from
-- loads it could not see. Touching a few athletes locks each of them (and
-- shares a lock of the whole table); touching many, as a bulk load does,
-- takes the whole table's lock alone rather than filling the lock table.
-- It runs at commit (workout_days_flush, below).
CREATE OR REPLACE FUNCTION workout_days_refresh(athletes bigint[], days date[]) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    a bigint;
BEGIN
    IF (SELECT count(DISTINCT u.id) FROM unnest(athletes) AS u(id)) > 16 THEN
        PERFORM pg_advisory_xact_lock(hashtext('rebound.workout_days'));
    ELSE
        PERFORM pg_advisory_xact_lock_shared(hashtext('rebound.workout_days'));
        FOR a IN SELECT DISTINCT u.id FROM unnest(athletes) AS u(id) ORDER BY 1 LOOP
            PERFORM pg_advisory_xact_lock(hashtext('rebound.workout_days'), (a & 2147483647)::int);
        END LOOP;
    END IF;

    WITH affected AS (
        SELECT DISTINCT u.athlete_id, u.day FROM unnest(athletes, days) AS u(athlete_id, day)
    ), firsts AS (
        SELECT f.athlete_id, min(f.day) AS first_day FROM affected f GROUP BY f.athlete_id
    ), sums AS (
        SELECT * FROM workout_day_sums(athletes, days)
    ), merged AS ( -- the days from each athlete's first: recomputed, or as stored
        SELECT * FROM sums
        UNION ALL
        SELECT d.athlete_id, d.day, d.load, d.planned_s, d.settled_s, d.done_s, d.all_done_s, d.recovery_rpe, d.recovery_avg_hr
        FROM firsts f JOIN workout_days d ON d.athlete_id = f.athlete_id AND d.day > f.first_day
        WHERE NOT EXISTS (SELECT FROM affected x WHERE x.athlete_id = d.athlete_id AND x.day = d.day)
    ), seeds AS (
        SELECT f.athlete_id, p.s FROM firsts f LEFT JOIN LATERAL (
            SELECT ROW(d.day, d.load_since, d.acute, d.chronic, d.atl, d.ctl, d.tsb)::load_state AS s
            FROM workout_days d WHERE d.athlete_id = f.athlete_id AND d.day < f.first_day
            ORDER BY d.day DESC LIMIT 1
        ) p ON true
    ), states AS MATERIALIZED (
        SELECT m.*, load_state_run(s.s, m.day, m.load) OVER (PARTITION BY m.athlete_id ORDER BY m.day) AS st
        FROM merged m JOIN seeds s ON s.athlete_id = m.athlete_id
    ), emptied AS (
        DELETE FROM workout_days wd USING affected x
        WHERE wd.athlete_id = x.athlete_id AND wd.day = x.day
          AND NOT EXISTS (SELECT FROM sums s WHERE s.athlete_id = x.athlete_id AND s.day = x.day)
    )
    INSERT INTO workout_days AS wd (athlete_id, day, load, planned_s, settled_s, done_s, all_done_s, recovery_rpe, recovery_avg_hr,
        load_since, acute, chronic, atl, ctl, tsb)
    SELECT s.athlete_id, s.day, s.load, s.planned_s, s.settled_s, s.done_s, s.all_done_s, s.recovery_rpe, s.recovery_avg_hr,
        (s.st).since, (s.st).acute, (s.st).chronic, (s.st).atl, (s.st).ctl, (s.st).tsb
    FROM states s
    ON CONFLICT (athlete_id, day) DO UPDATE
    SET load = excluded.load, planned_s = excluded.planned_s, settled_s = excluded.settled_s, done_s = excluded.done_s,
        all_done_s = excluded.all_done_s, recovery_rpe = excluded.recovery_rpe, recovery_avg_hr = excluded.recovery_avg_hr,
        load_since = excluded.load_since, acute = excluded.acute, chronic = excluded.chronic, atl = excluded.atl,
        ctl = excluded.ctl, tsb = excluded.tsb
    WHERE (wd.load, wd.planned_s, wd.settled_s, wd.done_s, wd.all_done_s, wd.recovery_rpe, wd.recovery_avg_hr,
           wd.load_since, wd.acute, wd.chronic, wd.atl, wd.ctl, wd.tsb)
        IS DISTINCT FROM (excluded.load, excluded.planned_s, excluded.settled_s, excluded.done_s, excluded.all_done_s,
           excluded.recovery_rpe, excluded.recovery_avg_hr, excluded.load_since, excluded.acute, excluded.chronic,
           excluded.atl, excluded.ctl, excluded.tsb);
END
$$;

-- Rebuilds the whole table from workouts: the backfill (migration 00011),
-- and after a bulk load that bypassed the triggers.
CREATE OR REPLACE FUNCTION workout_days_rebuild() RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    LOCK TABLE workouts IN SHARE MODE; -- no writes while the days are recomputed
    PERFORM set_config('work_mem', '64MB', true); -- sort every athlete's days in memory
    DELETE FROM workout_days;
    PERFORM workout_days_refresh(array_agg(x.athlete_id), array_agg(x.day))
    FROM (SELECT DISTINCT w.athlete_id, w.day FROM workouts w) x;
END
$$;

-- The triggers note the (athlete, day) pairs each statement on workouts
-- touched, deduplicated, as one row of workout_days_pending; an update
-- counts only when it changes what the sums read, so editing a title or a
-- note costs nothing. The days are recomputed when the transaction
-- commits (a deferred constraint trigger), all of its statements at once:
-- the per-athlete lock is then taken after every workout row lock the
-- transaction will hold, so two transactions editing the same workouts in
-- different orders cannot deadlock on it, and a transaction's reads of
-- workout_days see the table as of its last commit, never half updated.
CREATE OR REPLACE FUNCTION workout_days_inserted() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO workout_days_pending (athletes, days)
    SELECT array_agg(x.athlete_id), array_agg(x.day)
    FROM (SELECT DISTINCT n.athlete_id, n.day FROM new_rows n) x
    HAVING count(*) > 0;
    RETURN NULL;
END
$$;

-- An update counts for the days only when it changes what the sums read.
CREATE OR REPLACE FUNCTION workout_days_updated() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO workout_days_pending (athletes, days)
    SELECT array_agg(x.athlete_id), array_agg(x.day)
    FROM (
        SELECT DISTINCT x.athlete_id, x.day
        FROM old_rows o JOIN new_rows n ON n.id = o.id,
            LATERAL (VALUES (o.athlete_id, o.day), (n.athlete_id, n.day)) AS x(athlete_id, day)
        WHERE (o.athlete_id, o.day, o.status, o.planned, o.kind, o.planned_duration_s, o.actual_duration_s, o.rpe, o.avg_hr, o.estimated_load)
            IS DISTINCT FROM (n.athlete_id, n.day, n.status, n.planned, n.kind, n.planned_duration_s, n.actual_duration_s, n.rpe, n.avg_hr, n.estimated_load)
    ) x
    HAVING count(*) > 0;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION workout_days_deleted() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO workout_days_pending (athletes, days)
    SELECT array_agg(x.athlete_id), array_agg(x.day)
    FROM (SELECT DISTINCT o.athlete_id, o.day FROM old_rows o) x
    HAVING count(*) > 0;
    RETURN NULL;
END
$$;

-- At commit: the first firing takes every pending row of the transaction
-- (uncommitted rows of others are invisible, and each transaction empties
-- its own before it commits) and recomputes them; later firings find none.
CREATE OR REPLACE FUNCTION workout_days_flush() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    pending_athletes bigint[];
    pending_days date[];
BEGIN
    WITH taken AS (DELETE FROM workout_days_pending p RETURNING p.athletes, p.days)
    SELECT array_agg(x.athlete_id), array_agg(x.day) INTO pending_athletes, pending_days
    FROM taken, unnest(taken.athletes, taken.days) AS x(athlete_id, day);
    IF pending_athletes IS NOT NULL THEN
        PERFORM workout_days_refresh(pending_athletes, pending_days);
    END IF;
    RETURN NULL;
END
$$;

CREATE OR REPLACE TRIGGER workout_days_insert AFTER INSERT ON workouts
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION workout_days_inserted();
CREATE OR REPLACE TRIGGER workout_days_update AFTER UPDATE ON workouts
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION workout_days_updated();
CREATE OR REPLACE TRIGGER workout_days_delete AFTER DELETE ON workouts
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION workout_days_deleted();
DROP TRIGGER IF EXISTS workout_days_flush ON workout_days_pending; -- constraint triggers cannot be replaced
CREATE CONSTRAINT TRIGGER workout_days_flush AFTER INSERT ON workout_days_pending
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION workout_days_flush();
