-- +goose Up
-- Each athlete's day of training as the pages read it: the day's sums of
-- its workouts, and the running training load at the end of the day.
-- The database keeps it: triggers on workouts recompute the days a
-- transaction touched when it commits, and carry the load state forward
-- from the first of them, so a page reads a few rows instead of adding up
-- months of workouts. A row exists for every day that has workouts,
-- planned or done.
CREATE TABLE workout_days (
    athlete_id      bigint NOT NULL,
    day             date NOT NULL,
    -- Sums of the day's workouts (seconds; load in session-RPE units).
    load            float8 NOT NULL CHECK (load >= 0),   -- RPE × minutes of the done workouts (Foster 2001)
    planned_s       integer NOT NULL CHECK (planned_s >= 0),   -- planned workouts' planned time
    settled_s       integer NOT NULL CHECK (settled_s BETWEEN 0 AND planned_s),   -- of those done or skipped
    done_s          integer NOT NULL CHECK (done_s >= 0),   -- time done of planned workouts
    all_done_s      integer NOT NULL CHECK (all_done_s >= done_s),   -- time done, planned or not
    recovery_rpe    float8 NOT NULL CHECK (recovery_rpe BETWEEN 0 AND 10),   -- the hardest done recovery workout (0: none)
    recovery_avg_hr integer NOT NULL CHECK (recovery_avg_hr = 0 OR recovery_avg_hr BETWEEN 25 AND 250),
    -- The load state at the end of the day (load_state_advance).
    load_since      date CHECK (load_since <= day),   -- the athlete's first day with load
    acute           float8 NOT NULL CHECK (acute >= 0),
    chronic         float8 NOT NULL CHECK (chronic >= 0),
    atl             float8 NOT NULL CHECK (atl >= 0),
    ctl             float8 NOT NULL CHECK (ctl >= 0),
    tsb             float8 NOT NULL,
    PRIMARY KEY (athlete_id, day)
);

-- The running load state of package load (State), advanced by one day
-- with workouts: the same arithmetic as load.Advance, which a Go test
-- holds equal to this on random histories. For a day t whose previous
-- state is of day p (g = t − p days, those between without load) and
-- whose load is L,
--   acute   = (1 − 3/4)·L   + (3/4)^g   · acute_p     EWMA, 7 days (λ = 2/8, Williams et al. 2017)
--   chronic = (1 − 27/29)·L + (27/29)^g · chronic_p   EWMA, 28 days (λ = 2/29)
--   atl     = (6/7)^g · atl_p + L/7                   Banister, 7 days
--   ctl     = (41/42)^g · ctl_p + L/42                Banister, 42 days
--   tsb     = (41/42)^(g−1) · ctl_p − (6/7)^(g−1) · atl_p   (yesterday's CTL − ATL)
-- ATL and CTL start from 0; the two averages are seeded with the load of
-- the athlete's first day with load (since) and are 0 before it. Each
-- factor is one division of two integers, as in Go, so both get the same
-- double.
CREATE TYPE load_state AS (day date, since date, acute float8, chronic float8, atl float8, ctl float8, tsb float8);

-- s is the state so far (NULL: none yet in this run), seed the state
-- before the run (NULL: the athlete's history starts here).
-- +goose StatementBegin
CREATE FUNCTION load_state_advance(s load_state, seed load_state, day date, load float8) RETURNS load_state
LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
    g float8;
    n load_state;
BEGIN
    IF s IS NULL THEN
        s := seed;
    END IF;
    n.day := day;
    n.since := s.since;
    IF s.day IS NULL THEN
        n.tsb := 0;
        n.atl := load / 7;
        n.ctl := load / 42;
    ELSE
        g := day - s.day;
        n.tsb := s.ctl * power(41::float8 / 42, g - 1) - s.atl * power(6::float8 / 7, g - 1);
        n.atl := s.atl * power(6::float8 / 7, g) + load / 7;
        n.ctl := s.ctl * power(41::float8 / 42, g) + load / 42;
    END IF;
    IF s.since IS NOT NULL THEN
        n.acute := (1 - 3::float8 / 4) * load + power(3::float8 / 4, g) * s.acute;
        n.chronic := (1 - 27::float8 / 29) * load + power(27::float8 / 29, g) * s.chronic;
    ELSIF load > 0 THEN
        n.since := day;
        n.acute := load;
        n.chronic := load;
    ELSE
        n.acute := 0;
        n.chronic := 0;
    END IF;
    RETURN n;
END
$$;
-- +goose StatementEnd

-- The running state over days in order, from a seed: as a window
-- function, load_state_run(seed, day, load) OVER (PARTITION BY athlete
-- ORDER BY day) is each day's state.
CREATE AGGREGATE load_state_run(load_state, date, float8) (SFUNC = load_state_advance, STYPE = load_state);

-- The sums of the given (athlete, day) pairs' workouts, for the days that
-- have any (inlined into the caller's query).
-- +goose StatementBegin
CREATE FUNCTION workout_day_sums(athletes bigint[], days date[])
RETURNS TABLE (athlete_id bigint, day date, load float8, planned_s integer, settled_s integer, done_s integer,
               all_done_s integer, recovery_rpe float8, recovery_avg_hr integer)
LANGUAGE sql STABLE AS $$
    SELECT w.athlete_id, w.day,
        coalesce(sum(w.rpe * w.actual_duration_s / 60.0) FILTER (WHERE w.status = 'done'), 0)::float8,
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
-- +goose StatementEnd

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
-- +goose StatementBegin
CREATE FUNCTION workout_days_refresh(athletes bigint[], days date[]) RETURNS void
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
-- +goose StatementEnd

-- Rebuilds the whole table from workouts: the backfill below, and after a
-- bulk load that bypassed the triggers.
-- +goose StatementBegin
CREATE FUNCTION workout_days_rebuild() RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    LOCK TABLE workouts IN SHARE MODE; -- no writes while the days are recomputed
    PERFORM set_config('work_mem', '64MB', true); -- sort every athlete's days in memory
    DELETE FROM workout_days;
    PERFORM workout_days_refresh(array_agg(x.athlete_id), array_agg(x.day))
    FROM (SELECT DISTINCT w.athlete_id, w.day FROM workouts w) x;
END
$$;
-- +goose StatementEnd

-- The triggers note the (athlete, day) pairs each statement on workouts
-- touched, deduplicated, as one row of workout_days_pending; an update
-- counts only when it changes what the sums read, so editing a title or a
-- note costs nothing. The days are recomputed when the transaction
-- commits (a deferred constraint trigger), all of its statements at once:
-- the per-athlete lock is then taken after every workout row lock the
-- transaction will hold, so two transactions editing the same workouts in
-- different orders cannot deadlock on it, and a transaction's reads of
-- workout_days see the table as of its last commit, never half updated.
CREATE TABLE workout_days_pending (
    athletes bigint[] NOT NULL,
    days     date[] NOT NULL CHECK (cardinality(days) = cardinality(athletes))
);

-- +goose StatementBegin
CREATE FUNCTION workout_days_inserted() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO workout_days_pending (athletes, days)
    SELECT array_agg(x.athlete_id), array_agg(x.day)
    FROM (SELECT DISTINCT n.athlete_id, n.day FROM new_rows n) x
    HAVING count(*) > 0;
    RETURN NULL;
END
$$;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE FUNCTION workout_days_updated() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO workout_days_pending (athletes, days)
    SELECT array_agg(x.athlete_id), array_agg(x.day)
    FROM (
        SELECT DISTINCT x.athlete_id, x.day
        FROM old_rows o JOIN new_rows n ON n.id = o.id,
            LATERAL (VALUES (o.athlete_id, o.day), (n.athlete_id, n.day)) AS x(athlete_id, day)
        WHERE (o.athlete_id, o.day, o.status, o.planned, o.kind, o.planned_duration_s, o.actual_duration_s, o.rpe, o.avg_hr)
            IS DISTINCT FROM (n.athlete_id, n.day, n.status, n.planned, n.kind, n.planned_duration_s, n.actual_duration_s, n.rpe, n.avg_hr)
    ) x
    HAVING count(*) > 0;
    RETURN NULL;
END
$$;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE FUNCTION workout_days_deleted() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO workout_days_pending (athletes, days)
    SELECT array_agg(x.athlete_id), array_agg(x.day)
    FROM (SELECT DISTINCT o.athlete_id, o.day FROM old_rows o) x
    HAVING count(*) > 0;
    RETURN NULL;
END
$$;
-- +goose StatementEnd

-- At commit: the first firing takes every pending row of the transaction
-- (uncommitted rows of others are invisible, and each transaction empties
-- its own before it commits) and recomputes them; later firings find none.
-- +goose StatementBegin
CREATE FUNCTION workout_days_flush() RETURNS trigger
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
-- +goose StatementEnd

-- The backfill, then the foreign key: checked once for the whole table
-- rather than row by row as it fills.
SELECT workout_days_rebuild();
ALTER TABLE workout_days ADD FOREIGN KEY (athlete_id) REFERENCES athletes (id) ON DELETE CASCADE;
ANALYZE workout_days;

CREATE TRIGGER workout_days_insert AFTER INSERT ON workouts
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION workout_days_inserted();
CREATE TRIGGER workout_days_update AFTER UPDATE ON workouts
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION workout_days_updated();
CREATE TRIGGER workout_days_delete AFTER DELETE ON workouts
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION workout_days_deleted();
CREATE CONSTRAINT TRIGGER workout_days_flush AFTER INSERT ON workout_days_pending
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION workout_days_flush();

-- +goose Down
DROP TRIGGER workout_days_delete ON workouts;
DROP TRIGGER workout_days_update ON workouts;
DROP TRIGGER workout_days_insert ON workouts;
DROP TABLE workout_days_pending;
DROP FUNCTION workout_days_flush();
DROP FUNCTION workout_days_deleted();
DROP FUNCTION workout_days_updated();
DROP FUNCTION workout_days_inserted();
DROP FUNCTION workout_days_rebuild();
DROP FUNCTION workout_days_refresh(bigint[], date[]);
DROP FUNCTION workout_day_sums(bigint[], date[]);
DROP AGGREGATE load_state_run(load_state, date, float8);
DROP FUNCTION load_state_advance(load_state, load_state, date, float8);
DROP TABLE workout_days;
DROP TYPE load_state;
