-- +goose Up
-- Workouts from the watch: FIT, GPX and TCX files uploaded by an athlete or
-- their coach become done workouts, matched to the day's plan.
--
-- An upload is an import job: its files wait in import_files (the bytes
-- until they are read) and the servers' workers take them one at a time
-- (FOR UPDATE SKIP LOCKED), each file in its own transaction, so a file
-- half read by a server that stopped is simply taken again, and several
-- servers share one queue. What became of each file stays for the report.
CREATE TABLE import_jobs (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    athlete_id  bigint NOT NULL,
    coach_id    bigint NOT NULL,
    uploaded_by bigint REFERENCES users (id) ON DELETE SET NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (athlete_id, coach_id) REFERENCES athletes (id, coach_id) ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX import_jobs_athlete_idx ON import_jobs (athlete_id, created_at DESC);

CREATE TABLE import_files (
    job_id      bigint NOT NULL REFERENCES import_jobs (id) ON DELETE CASCADE,
    position    integer NOT NULL CHECK (position >= 0),
    name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 300),
    data        bytea,           -- the file as uploaded, until it is read
    status      text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'imported', 'duplicate', 'refused')),
    reason      text NOT NULL DEFAULT '' CHECK (length(reason) <= 1000),  -- in words, for the report
    activities  integer NOT NULL DEFAULT 0 CHECK (activities >= 0),       -- imported from the file
    matched     integer NOT NULL DEFAULT 0 CHECK (matched BETWEEN 0 AND activities), -- of those, to a planned workout
    workout_id  bigint REFERENCES workouts (id) ON DELETE SET NULL,       -- the (first) workout it became
    done_at     timestamptz,
    PRIMARY KEY (job_id, position),
    CHECK ((status = 'pending') = (done_at IS NULL)),
    CHECK (status = 'pending' OR data IS NULL),
    CHECK (status <> 'refused' OR reason <> '')
);
CREATE INDEX import_files_pending_idx ON import_files (job_id, position) WHERE status = 'pending';

-- What a file that became no workout of its own still says: an estimate of
-- its load, used while the athlete has not rated the session (session RPE
-- stays the primary measure), and how it was made. A done workout has an
-- RPE or an estimate.
ALTER TABLE workouts
    ADD COLUMN estimated_load float8 CHECK (estimated_load BETWEEN 0 AND 14400),
    ADD COLUMN load_method text CHECK (load_method IN ('power', 'heart rate', 'none')),
    ADD CONSTRAINT workouts_estimate_method CHECK ((estimated_load IS NULL) = (load_method IS NULL)),
    ADD CONSTRAINT workouts_estimate_done CHECK (status = 'done' OR estimated_load IS NULL),
    DROP CONSTRAINT workouts_check2,
    ADD CONSTRAINT workouts_done_logged CHECK (status <> 'done' OR
        (actual_duration_s IS NOT NULL AND logged_at IS NOT NULL AND (rpe IS NOT NULL OR estimated_load IS NOT NULL))),
    ADD CONSTRAINT workouts_id_athlete_key UNIQUE (id, athlete_id);

-- The original files, gzipped, so a later version can read them again (and
-- backups carry them). A file is kept once per athlete, whoever uploaded it.
CREATE TABLE activity_files (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    athlete_id  bigint NOT NULL,
    coach_id    bigint NOT NULL,
    name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 300),
    hash        text NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$'),   -- SHA-256 of the original bytes
    size        integer NOT NULL CHECK (size > 0),                 -- of the original
    data        bytea NOT NULL,                                     -- gzip of the original
    uploaded_by bigint REFERENCES users (id) ON DELETE SET NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    UNIQUE (athlete_id, hash),
    FOREIGN KEY (athlete_id, coach_id) REFERENCES athletes (id, coach_id) ON DELETE CASCADE ON UPDATE CASCADE
);

-- Each workout read from a file (a multisport file holds several), and the
-- workout it is the record of: a planned one it was matched to, or one
-- made for it. Deleting that workout deletes the activity, and the file
-- once none of its activities is left, so it can be uploaded again. The
-- same activity, by sport and start, is imported once per athlete.
CREATE TABLE activities (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    file_id         bigint NOT NULL REFERENCES activity_files (id) ON DELETE CASCADE,
    athlete_id      bigint NOT NULL,
    coach_id        bigint NOT NULL,
    workout_id      bigint NOT NULL UNIQUE,
    sport           text NOT NULL CHECK (sport IN ('run', 'bike', 'swim', 'strength', 'other')),
    sub_sport       text NOT NULL DEFAULT '' CHECK (length(sub_sport) <= 60),
    start_at        timestamptz NOT NULL CHECK (start_at >= '2000-01-01'),
    day             date NOT NULL,                                  -- start_at's day in the athlete's zone
    elapsed_s       integer NOT NULL CHECK (elapsed_s BETWEEN 1 AND 604800),
    moving_s        integer NOT NULL CHECK (moving_s BETWEEN 0 AND 86400),
    distance_m      float8 NOT NULL DEFAULT 0 CHECK (distance_m BETWEEN 0 AND 1000000),
    ascent_m        float8 NOT NULL DEFAULT 0 CHECK (ascent_m BETWEEN 0 AND 30000),
    avg_hr          smallint CHECK (avg_hr BETWEEN 25 AND 250),
    max_hr          smallint CHECK (max_hr BETWEEN 25 AND 255),
    avg_power       smallint CHECK (avg_power BETWEEN 1 AND 3000),
    norm_power      smallint CHECK (norm_power BETWEEN 1 AND 3000),
    estimated_load  float8 NOT NULL CHECK (estimated_load BETWEEN 0 AND 14400),
    load_method     text NOT NULL CHECK (load_method IN ('power', 'heart rate', 'none')),
    laps            jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(laps) = 'array'),
    stream          jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(stream) = 'object'), -- for the chart, columns of samples
    created_at      timestamptz NOT NULL DEFAULT now(),
    CHECK (moving_s <= elapsed_s),
    CHECK (max_hr IS NULL OR avg_hr IS NULL OR max_hr >= avg_hr),
    UNIQUE (athlete_id, sport, start_at),
    FOREIGN KEY (athlete_id, coach_id) REFERENCES athletes (id, coach_id) ON DELETE CASCADE ON UPDATE CASCADE,
    FOREIGN KEY (workout_id, athlete_id) REFERENCES workouts (id, athlete_id) ON DELETE CASCADE
);
CREATE INDEX activities_file_idx ON activities (file_id);

-- +goose StatementBegin
CREATE FUNCTION activity_files_orphaned() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM activity_files f
    WHERE f.id IN (SELECT o.file_id FROM old_rows o)
      AND NOT EXISTS (SELECT FROM activities x WHERE x.file_id = f.id);
    RETURN NULL;
END
$$;
-- +goose StatementEnd

CREATE TRIGGER activity_files_orphaned AFTER DELETE ON activities
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION activity_files_orphaned();

-- The day sums count a done workout's load as its session RPE × minutes
-- when the athlete gave an RPE, else its estimate (package load, DoneLoad).
-- The two are summed apart so that the days of workouts with an RPE come
-- out exactly as before.
-- +goose StatementBegin
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
-- +goose StatementEnd

-- An update counts for the days when the estimate changes too.
-- +goose StatementBegin
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
-- +goose StatementEnd

-- The dashboard's days with a done recovery workout include one from a
-- file the athlete has not rated yet: its heart rate is judged against the
-- zone 2 ceiling (load.RecoveryTooHard). Otherwise as in 00013.
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION athlete_status_refresh(of_coach bigint, now_at timestamptz, checkin_window integer, recovery_window integer)
RETURNS void
-- PL/pgSQL keeps its statements' plans for the session, and a generic plan
-- serves every coach: as a SQL function they were planned on every call,
-- most of the time of a refresh of one row.
LANGUAGE plpgsql
SET plan_cache_mode = force_generic_plan
-- Planned without the coach's numbers, the statement looks costly enough
-- for PostgreSQL to compile it to machine code first: 1.5 s, for a refresh
-- that takes milliseconds.
SET jit = off
AS $$
BEGIN
    -- One refresh of a coach's rows at a time: dashboards opened together
    -- wait for the first, then find nothing left to do, instead of all
    -- doing the same work.
    PERFORM pg_advisory_xact_lock(hashtext('rebound.athlete_status'), hashtext(of_coach::text));

    -- The stale rows first: the work below is done for those alone.
    WITH stale AS MATERIALIZED (
        SELECT a.id FROM athletes a LEFT JOIN athlete_status o ON o.athlete_id = a.id,
            (SELECT system_identifier AS id FROM pg_control_system()) cl
        WHERE a.coach_id = of_coach AND a.archived_at IS NULL
          AND athlete_status_stale(o, a, now_at, checkin_window, recovery_window, cl.id, EXISTS (
              SELECT FROM athlete_status_changes c WHERE c.athlete_id = a.id AND c.tx >= pg_snapshot_xmin(o.snapshot)
                AND NOT pg_visible_in_snapshot(c.tx, o.snapshot)))
    )
    INSERT INTO athlete_status AS s (athlete_id, snapshot, cluster, day, day_from, day_until, timezone, sunday, checkin_back, recovery_back,
        last_day, last_at, scores, lights, reason_light, reason_code, reason_text, reasons,
        key_id, key_day, key_title, key_kind, event_day, event_name,
        state_day, load_since, acute, chronic, atl, ctl, tsb,
        week_planned_s, week_done_s, recovery_days, recovery_rpe, recovery_avg_hr)
    SELECT a.id, pg_current_snapshot(), (SELECT system_identifier FROM pg_control_system()), t.today, t.today::timestamp AT TIME ZONE a.timezone,
        (t.today + 1)::timestamp AT TIME ZONE a.timezone, a.timezone, a.week_starts_sunday, checkin_window, recovery_window,
        lc.day, lc.updated_at, c.scores, c.lights, r.light, r.code, r.text, r.n,
        k.id, k.day, k.title, k.kind, e.day, e.name,
        d.day, d.load_since, d.acute, d.chronic, d.atl, d.ctl, d.tsb,
        wk.planned_s, wk.done_s, rec.days, rec.rpe, rec.avg_hr
    FROM stale x JOIN athletes a ON a.id = x.id
    CROSS JOIN LATERAL (SELECT (now_at AT TIME ZONE a.timezone)::date AS today) t0
    CROSS JOIN LATERAL (SELECT t0.today, athlete_week_start(t0.today, a.week_starts_sunday) AS week_start) t
    LEFT JOIN LATERAL (
        SELECT c.day, c.updated_at FROM checkins c WHERE c.athlete_id = a.id AND c.answered ORDER BY c.day DESC LIMIT 1
    ) lc ON true
    CROSS JOIN LATERAL (
        SELECT decode(string_agg(coalesce(lpad(to_hex(c.score::int), 2, '0'), 'ff'), '' ORDER BY g.day), 'hex') AS scores,
            string_agg(coalesce(left(c.light, 1), '-'), '' ORDER BY g.day) AS lights
        FROM (SELECT t.today - n AS day FROM generate_series(0, checkin_window) AS n) g
        LEFT JOIN checkins c ON c.athlete_id = a.id AND c.day = g.day AND c.answered
    ) c
    LEFT JOIN LATERAL (
        SELECT c.reasons -> 0 ->> 'light' AS light, c.reasons -> 0 ->> 'code' AS code, c.reasons -> 0 ->> 'text' AS text,
            jsonb_array_length(c.reasons) AS n
        FROM checkins c WHERE c.athlete_id = a.id AND c.day = t.today AND c.answered
    ) r ON true
    LEFT JOIN LATERAL (
        SELECT w.id, w.day, w.title, w.kind FROM workouts w
        WHERE w.athlete_id = a.id AND w.key AND w.status = 'planned' AND w.day >= t.today
        ORDER BY w.day, w.id LIMIT 1
    ) k ON true
    LEFT JOIN LATERAL (
        SELECT e.day, e.name FROM events e
        WHERE e.athlete_id = a.id AND e.priority = 'A' AND e.day >= t.today
        ORDER BY e.day, e.id LIMIT 1
    ) e ON true
    LEFT JOIN LATERAL (
        SELECT * FROM workout_days d WHERE d.athlete_id = a.id AND d.day <= t.today ORDER BY d.day DESC LIMIT 1
    ) d ON true
    CROSS JOIN LATERAL (
        SELECT coalesce(sum(CASE WHEN d.day < t.today THEN d.planned_s ELSE d.settled_s END), 0)::integer AS planned_s,
            coalesce(sum(d.done_s), 0)::integer AS done_s
        FROM workout_days d WHERE d.athlete_id = a.id AND d.day BETWEEN t.week_start AND t.week_start + 6
    ) wk
    CROSS JOIN LATERAL (
        SELECT array_agg(d.day ORDER BY d.day) AS days, array_agg(d.recovery_rpe ORDER BY d.day) AS rpe,
            array_agg(d.recovery_avg_hr ORDER BY d.day) AS avg_hr
        FROM workout_days d
        WHERE d.athlete_id = a.id AND d.day BETWEEN t.today - recovery_window AND t.today 
          AND (d.recovery_rpe > 0 OR d.recovery_avg_hr > 0)
    ) rec
    ORDER BY a.id
    ON CONFLICT (athlete_id) DO UPDATE
    SET snapshot = excluded.snapshot, cluster = excluded.cluster, day = excluded.day, day_from = excluded.day_from, day_until = excluded.day_until,
        timezone = excluded.timezone, sunday = excluded.sunday,
        checkin_back = excluded.checkin_back, recovery_back = excluded.recovery_back,
        last_day = excluded.last_day, last_at = excluded.last_at, scores = excluded.scores, lights = excluded.lights,
        reason_light = excluded.reason_light, reason_code = excluded.reason_code, reason_text = excluded.reason_text,
        reasons = excluded.reasons, key_id = excluded.key_id, key_day = excluded.key_day, key_title = excluded.key_title,
        key_kind = excluded.key_kind, event_day = excluded.event_day, event_name = excluded.event_name,
        state_day = excluded.state_day, load_since = excluded.load_since, acute = excluded.acute,
        chronic = excluded.chronic, atl = excluded.atl, ctl = excluded.ctl, tsb = excluded.tsb,
        week_planned_s = excluded.week_planned_s, week_done_s = excluded.week_done_s,
        recovery_days = excluded.recovery_days, recovery_rpe = excluded.recovery_rpe, recovery_avg_hr = excluded.recovery_avg_hr
    -- The new snapshot sees every transaction the stored one saw: it ends no
    -- earlier, and none it holds as running had committed for the other
    -- (or the stored one is of another cluster).
    WHERE s.cluster <> excluded.cluster OR (pg_snapshot_xmax(excluded.snapshot) >= pg_snapshot_xmax(s.snapshot)
      AND NOT EXISTS (SELECT FROM pg_snapshot_xip(excluded.snapshot) x WHERE pg_visible_in_snapshot(x, s.snapshot)));

    DELETE FROM athlete_status_changes x
    WHERE (x.athlete_id, x.tx) IN (
        SELECT c.athlete_id, c.tx FROM athlete_status_changes c
        JOIN athlete_status s ON s.athlete_id = c.athlete_id
        JOIN athletes a ON a.id = c.athlete_id
        WHERE a.coach_id = of_coach AND s.cluster = (SELECT system_identifier FROM pg_control_system())
          AND pg_visible_in_snapshot(c.tx, s.snapshot)
        FOR UPDATE OF c SKIP LOCKED
    );
END
$$;
-- +goose StatementEnd

-- +goose Down
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION workout_day_sums(athletes bigint[], days date[])
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

-- +goose StatementBegin
CREATE OR REPLACE FUNCTION workout_days_updated() RETURNS trigger
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
CREATE OR REPLACE FUNCTION athlete_status_refresh(of_coach bigint, now_at timestamptz, checkin_window integer, recovery_window integer)
RETURNS void
-- PL/pgSQL keeps its statements' plans for the session, and a generic plan
-- serves every coach: as a SQL function they were planned on every call,
-- most of the time of a refresh of one row.
LANGUAGE plpgsql
SET plan_cache_mode = force_generic_plan
-- Planned without the coach's numbers, the statement looks costly enough
-- for PostgreSQL to compile it to machine code first: 1.5 s, for a refresh
-- that takes milliseconds.
SET jit = off
AS $$
BEGIN
    -- One refresh of a coach's rows at a time: dashboards opened together
    -- wait for the first, then find nothing left to do, instead of all
    -- doing the same work.
    PERFORM pg_advisory_xact_lock(hashtext('rebound.athlete_status'), hashtext(of_coach::text));

    -- The stale rows first: the work below is done for those alone.
    WITH stale AS MATERIALIZED (
        SELECT a.id FROM athletes a LEFT JOIN athlete_status o ON o.athlete_id = a.id,
            (SELECT system_identifier AS id FROM pg_control_system()) cl
        WHERE a.coach_id = of_coach AND a.archived_at IS NULL
          AND athlete_status_stale(o, a, now_at, checkin_window, recovery_window, cl.id, EXISTS (
              SELECT FROM athlete_status_changes c WHERE c.athlete_id = a.id AND c.tx >= pg_snapshot_xmin(o.snapshot)
                AND NOT pg_visible_in_snapshot(c.tx, o.snapshot)))
    )
    INSERT INTO athlete_status AS s (athlete_id, snapshot, cluster, day, day_from, day_until, timezone, sunday, checkin_back, recovery_back,
        last_day, last_at, scores, lights, reason_light, reason_code, reason_text, reasons,
        key_id, key_day, key_title, key_kind, event_day, event_name,
        state_day, load_since, acute, chronic, atl, ctl, tsb,
        week_planned_s, week_done_s, recovery_days, recovery_rpe, recovery_avg_hr)
    SELECT a.id, pg_current_snapshot(), (SELECT system_identifier FROM pg_control_system()), t.today, t.today::timestamp AT TIME ZONE a.timezone,
        (t.today + 1)::timestamp AT TIME ZONE a.timezone, a.timezone, a.week_starts_sunday, checkin_window, recovery_window,
        lc.day, lc.updated_at, c.scores, c.lights, r.light, r.code, r.text, r.n,
        k.id, k.day, k.title, k.kind, e.day, e.name,
        d.day, d.load_since, d.acute, d.chronic, d.atl, d.ctl, d.tsb,
        wk.planned_s, wk.done_s, rec.days, rec.rpe, rec.avg_hr
    FROM stale x JOIN athletes a ON a.id = x.id
    CROSS JOIN LATERAL (SELECT (now_at AT TIME ZONE a.timezone)::date AS today) t0
    CROSS JOIN LATERAL (SELECT t0.today, athlete_week_start(t0.today, a.week_starts_sunday) AS week_start) t
    LEFT JOIN LATERAL (
        SELECT c.day, c.updated_at FROM checkins c WHERE c.athlete_id = a.id AND c.answered ORDER BY c.day DESC LIMIT 1
    ) lc ON true
    CROSS JOIN LATERAL (
        SELECT decode(string_agg(coalesce(lpad(to_hex(c.score::int), 2, '0'), 'ff'), '' ORDER BY g.day), 'hex') AS scores,
            string_agg(coalesce(left(c.light, 1), '-'), '' ORDER BY g.day) AS lights
        FROM (SELECT t.today - n AS day FROM generate_series(0, checkin_window) AS n) g
        LEFT JOIN checkins c ON c.athlete_id = a.id AND c.day = g.day AND c.answered
    ) c
    LEFT JOIN LATERAL (
        SELECT c.reasons -> 0 ->> 'light' AS light, c.reasons -> 0 ->> 'code' AS code, c.reasons -> 0 ->> 'text' AS text,
            jsonb_array_length(c.reasons) AS n
        FROM checkins c WHERE c.athlete_id = a.id AND c.day = t.today AND c.answered
    ) r ON true
    LEFT JOIN LATERAL (
        SELECT w.id, w.day, w.title, w.kind FROM workouts w
        WHERE w.athlete_id = a.id AND w.key AND w.status = 'planned' AND w.day >= t.today
        ORDER BY w.day, w.id LIMIT 1
    ) k ON true
    LEFT JOIN LATERAL (
        SELECT e.day, e.name FROM events e
        WHERE e.athlete_id = a.id AND e.priority = 'A' AND e.day >= t.today
        ORDER BY e.day, e.id LIMIT 1
    ) e ON true
    LEFT JOIN LATERAL (
        SELECT * FROM workout_days d WHERE d.athlete_id = a.id AND d.day <= t.today ORDER BY d.day DESC LIMIT 1
    ) d ON true
    CROSS JOIN LATERAL (
        SELECT coalesce(sum(CASE WHEN d.day < t.today THEN d.planned_s ELSE d.settled_s END), 0)::integer AS planned_s,
            coalesce(sum(d.done_s), 0)::integer AS done_s
        FROM workout_days d WHERE d.athlete_id = a.id AND d.day BETWEEN t.week_start AND t.week_start + 6
    ) wk
    CROSS JOIN LATERAL (
        SELECT array_agg(d.day ORDER BY d.day) AS days, array_agg(d.recovery_rpe ORDER BY d.day) AS rpe,
            array_agg(d.recovery_avg_hr ORDER BY d.day) AS avg_hr
        FROM workout_days d
        WHERE d.athlete_id = a.id AND d.day BETWEEN t.today - recovery_window AND t.today AND d.recovery_rpe > 0
    ) rec
    ORDER BY a.id
    ON CONFLICT (athlete_id) DO UPDATE
    SET snapshot = excluded.snapshot, cluster = excluded.cluster, day = excluded.day, day_from = excluded.day_from, day_until = excluded.day_until,
        timezone = excluded.timezone, sunday = excluded.sunday,
        checkin_back = excluded.checkin_back, recovery_back = excluded.recovery_back,
        last_day = excluded.last_day, last_at = excluded.last_at, scores = excluded.scores, lights = excluded.lights,
        reason_light = excluded.reason_light, reason_code = excluded.reason_code, reason_text = excluded.reason_text,
        reasons = excluded.reasons, key_id = excluded.key_id, key_day = excluded.key_day, key_title = excluded.key_title,
        key_kind = excluded.key_kind, event_day = excluded.event_day, event_name = excluded.event_name,
        state_day = excluded.state_day, load_since = excluded.load_since, acute = excluded.acute,
        chronic = excluded.chronic, atl = excluded.atl, ctl = excluded.ctl, tsb = excluded.tsb,
        week_planned_s = excluded.week_planned_s, week_done_s = excluded.week_done_s,
        recovery_days = excluded.recovery_days, recovery_rpe = excluded.recovery_rpe, recovery_avg_hr = excluded.recovery_avg_hr
    -- The new snapshot sees every transaction the stored one saw: it ends no
    -- earlier, and none it holds as running had committed for the other
    -- (or the stored one is of another cluster).
    WHERE s.cluster <> excluded.cluster OR (pg_snapshot_xmax(excluded.snapshot) >= pg_snapshot_xmax(s.snapshot)
      AND NOT EXISTS (SELECT FROM pg_snapshot_xip(excluded.snapshot) x WHERE pg_visible_in_snapshot(x, s.snapshot)));

    DELETE FROM athlete_status_changes x
    WHERE (x.athlete_id, x.tx) IN (
        SELECT c.athlete_id, c.tx FROM athlete_status_changes c
        JOIN athlete_status s ON s.athlete_id = c.athlete_id
        JOIN athletes a ON a.id = c.athlete_id
        WHERE a.coach_id = of_coach AND s.cluster = (SELECT system_identifier FROM pg_control_system())
          AND pg_visible_in_snapshot(c.tx, s.snapshot)
        FOR UPDATE OF c SKIP LOCKED
    );
END
$$;
-- +goose StatementEnd

DROP TRIGGER activity_files_orphaned ON activities;
DROP FUNCTION activity_files_orphaned();
DROP TABLE activities;
DROP TABLE activity_files;
DROP TABLE import_files;
DROP TABLE import_jobs;
-- Workouts done from a file without an RPE cannot stay done without one.
UPDATE workouts SET status = 'planned', actual_duration_s = NULL, actual_distance_m = NULL, avg_hr = NULL, logged_at = NULL
WHERE rpe IS NULL AND status = 'done' AND planned;
DELETE FROM workouts WHERE rpe IS NULL AND status = 'done';
ALTER TABLE workouts
    DROP CONSTRAINT workouts_id_athlete_key,
    DROP CONSTRAINT workouts_done_logged,
    DROP CONSTRAINT workouts_estimate_done,
    DROP CONSTRAINT workouts_estimate_method,
    DROP COLUMN load_method,
    DROP COLUMN estimated_load,
    ADD CONSTRAINT workouts_check2 CHECK (status <> 'done' OR (actual_duration_s IS NOT NULL AND rpe IS NOT NULL AND logged_at IS NOT NULL));
