-- +goose Up
-- Each athlete's day of training as the pages read it: the day's sums of
-- its workouts, and the running training load at the end of the day.
-- The database keeps it: triggers on workouts recompute the days a
-- transaction touched when it commits, and carry the load state forward
-- from the first of them, so a page reads a few rows instead of adding up
-- months of workouts. A row exists for every day that has workouts,
-- planned or done.
--
-- The state is package load's State, with the same arithmetic as
-- load.Advance (a Go test holds the two equal on random histories): for a
-- day t whose previous row is of day p (g = t − p days without load
-- between) and whose load is L,
--   acute   = (1 − 3/4)·L   + (3/4)^g   · acute_p     EWMA, 7 days (λ = 2/8)
--   chronic = (1 − 27/29)·L + (27/29)^g · chronic_p   EWMA, 28 days (λ = 2/29)
--   atl     = (6/7)^g · atl_p + L/7                   Banister, 7 days
--   ctl     = (41/42)^g · ctl_p + L/42                Banister, 42 days
--   tsb     = (41/42)^(g−1) · ctl_p − (6/7)^(g−1) · atl_p   (yesterday's CTL − ATL)
-- ATL and CTL start from 0; the two averages are seeded with the load of
-- the athlete's first day with load (load_since) and are 0 before it.
CREATE TABLE workout_days (
    athlete_id      bigint NOT NULL REFERENCES athletes (id) ON DELETE CASCADE,
    day             date NOT NULL,
    -- Sums of the day's workouts (seconds; load in session-RPE units).
    load            float8 NOT NULL CHECK (load >= 0),   -- RPE × minutes of the done workouts (Foster 2001)
    planned_s       integer NOT NULL CHECK (planned_s >= 0),   -- planned workouts' planned time
    settled_s       integer NOT NULL CHECK (settled_s BETWEEN 0 AND planned_s),   -- of those done or skipped
    done_s          integer NOT NULL CHECK (done_s >= 0),   -- time done of planned workouts
    all_done_s      integer NOT NULL CHECK (all_done_s >= done_s),   -- time done, planned or not
    recovery_rpe    float8 NOT NULL CHECK (recovery_rpe BETWEEN 0 AND 10),   -- the hardest done recovery workout (0: none)
    recovery_avg_hr integer NOT NULL CHECK (recovery_avg_hr = 0 OR recovery_avg_hr BETWEEN 25 AND 250),
    -- The load state at the end of the day.
    load_since      date CHECK (load_since <= day),
    acute           float8 NOT NULL DEFAULT 0 CHECK (acute >= 0),
    chronic         float8 NOT NULL DEFAULT 0 CHECK (chronic >= 0),
    atl             float8 NOT NULL DEFAULT 0 CHECK (atl >= 0),
    ctl             float8 NOT NULL DEFAULT 0 CHECK (ctl >= 0),
    tsb             float8 NOT NULL DEFAULT 0,
    PRIMARY KEY (athlete_id, day)
);

-- The load state of one athlete's rows from first_day on, carried from the
-- row before it. Rows whose state is unchanged are not rewritten.
-- +goose StatementBegin
CREATE FUNCTION workout_days_run(athlete bigint, first_day date) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    acute_keep   CONSTANT float8 := 3::float8 / 4;   -- 1 − λ = (7 − 1)/(7 + 1)
    chronic_keep CONSTANT float8 := 27::float8 / 29; -- (28 − 1)/(28 + 1)
    atl_keep     CONSTANT float8 := 6::float8 / 7;
    ctl_keep     CONSTANT float8 := 41::float8 / 42;
    s_day date;
    s_since date;
    s_acute float8;
    s_chronic float8;
    s_atl float8;
    s_ctl float8;
    s_tsb float8;
    g float8;
    r record;
    days date[] := '{}';
    sinces date[] := '{}';
    acutes float8[] := '{}';
    chronics float8[] := '{}';
    atls float8[] := '{}';
    ctls float8[] := '{}';
    tsbs float8[] := '{}';
BEGIN
    SELECT wd.day, wd.load_since, wd.acute, wd.chronic, wd.atl, wd.ctl
    INTO s_day, s_since, s_acute, s_chronic, s_atl, s_ctl
    FROM workout_days wd WHERE wd.athlete_id = athlete AND wd.day < first_day
    ORDER BY wd.day DESC LIMIT 1;
    FOR r IN SELECT wd.day, wd.load FROM workout_days wd WHERE wd.athlete_id = athlete AND wd.day >= first_day ORDER BY wd.day LOOP
        IF s_day IS NULL THEN
            s_tsb := 0;
            s_atl := r.load / 7;
            s_ctl := r.load / 42;
        ELSE
            g := r.day - s_day;
            s_tsb := s_ctl * power(ctl_keep, g - 1) - s_atl * power(atl_keep, g - 1);
            s_atl := s_atl * power(atl_keep, g) + r.load / 7;
            s_ctl := s_ctl * power(ctl_keep, g) + r.load / 42;
        END IF;
        IF s_since IS NOT NULL THEN
            s_acute := (1 - acute_keep) * r.load + power(acute_keep, g) * s_acute;
            s_chronic := (1 - chronic_keep) * r.load + power(chronic_keep, g) * s_chronic;
        ELSIF r.load > 0 THEN
            s_since := r.day;
            s_acute := r.load;
            s_chronic := r.load;
        ELSE
            s_acute := 0;
            s_chronic := 0;
        END IF;
        s_day := r.day;
        days := days || r.day;
        sinces := sinces || s_since;
        acutes := acutes || s_acute;
        chronics := chronics || s_chronic;
        atls := atls || s_atl;
        ctls := ctls || s_ctl;
        tsbs := tsbs || s_tsb;
    END LOOP;
    UPDATE workout_days wd
    SET load_since = u.since, acute = u.acute, chronic = u.chronic, atl = u.atl, ctl = u.ctl, tsb = u.tsb
    FROM unnest(days, sinces, acutes, chronics, atls, ctls, tsbs) AS u(day, since, acute, chronic, atl, ctl, tsb)
    WHERE wd.athlete_id = athlete AND wd.day = u.day
      AND (wd.load_since, wd.acute, wd.chronic, wd.atl, wd.ctl, wd.tsb) IS DISTINCT FROM (u.since, u.acute, u.chronic, u.atl, u.ctl, u.tsb);
END
$$;
-- +goose StatementEnd

-- Recomputes the rows of the given (athlete, day) pairs from their
-- workouts (deleting a day left without any) and then each athlete's
-- state from the first of their days on.
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
    first_day date;
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
    ), sums AS (
        SELECT w.athlete_id, w.day,
            coalesce(sum(w.rpe * w.actual_duration_s / 60.0) FILTER (WHERE w.status = 'done'), 0)::float8 AS load,
            coalesce(sum(w.planned_duration_s) FILTER (WHERE w.planned), 0) AS planned_s,
            coalesce(sum(w.planned_duration_s) FILTER (WHERE w.planned AND w.status <> 'planned'), 0) AS settled_s,
            coalesce(sum(w.actual_duration_s) FILTER (WHERE w.planned AND w.status = 'done'), 0) AS done_s,
            coalesce(sum(w.actual_duration_s) FILTER (WHERE w.status = 'done'), 0) AS all_done_s,
            coalesce(max(w.rpe) FILTER (WHERE w.kind = 'recovery' AND w.status = 'done'), 0)::float8 AS recovery_rpe,
            coalesce(max(w.avg_hr) FILTER (WHERE w.kind = 'recovery' AND w.status = 'done'), 0) AS recovery_avg_hr
        FROM workouts w
        WHERE (w.athlete_id, w.day) IN (SELECT f.athlete_id, f.day FROM affected f)
        GROUP BY w.athlete_id, w.day
    ), emptied AS (
        DELETE FROM workout_days wd USING affected f
        WHERE wd.athlete_id = f.athlete_id AND wd.day = f.day
          AND NOT EXISTS (SELECT FROM sums s WHERE s.athlete_id = f.athlete_id AND s.day = f.day)
    )
    INSERT INTO workout_days AS wd (athlete_id, day, load, planned_s, settled_s, done_s, all_done_s, recovery_rpe, recovery_avg_hr)
    SELECT athlete_id, day, load, planned_s, settled_s, done_s, all_done_s, recovery_rpe, recovery_avg_hr FROM sums
    ON CONFLICT (athlete_id, day) DO UPDATE
    SET load = excluded.load, planned_s = excluded.planned_s, settled_s = excluded.settled_s, done_s = excluded.done_s,
        all_done_s = excluded.all_done_s, recovery_rpe = excluded.recovery_rpe, recovery_avg_hr = excluded.recovery_avg_hr
    WHERE (wd.load, wd.planned_s, wd.settled_s, wd.done_s, wd.all_done_s, wd.recovery_rpe, wd.recovery_avg_hr)
        IS DISTINCT FROM (excluded.load, excluded.planned_s, excluded.settled_s, excluded.done_s, excluded.all_done_s,
                          excluded.recovery_rpe, excluded.recovery_avg_hr);

    FOR a, first_day IN SELECT u.athlete_id, min(u.day) FROM unnest(athletes, days) AS u(athlete_id, day) GROUP BY 1 ORDER BY 1 LOOP
        PERFORM workout_days_run(a, first_day);
    END LOOP;
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

CREATE TRIGGER workout_days_insert AFTER INSERT ON workouts
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION workout_days_inserted();
CREATE TRIGGER workout_days_update AFTER UPDATE ON workouts
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION workout_days_updated();
CREATE TRIGGER workout_days_delete AFTER DELETE ON workouts
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION workout_days_deleted();
CREATE CONSTRAINT TRIGGER workout_days_flush AFTER INSERT ON workout_days_pending
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION workout_days_flush();

SELECT workout_days_rebuild();
ANALYZE workout_days;

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
DROP FUNCTION workout_days_run(bigint, date);
DROP TABLE workout_days;
