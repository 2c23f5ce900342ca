-- +goose Up
-- What the coach's dashboard shows of each athlete, kept in one narrow row
-- per athlete so that a dashboard of hundreds of athletes reads those rows
-- instead of their check-ins, workouts and events.
--
-- A row holds the facts as of one of the athlete's calendar days. It is
-- recomputed by the dashboard itself (athlete_status_refresh) when that day
-- is over, or when something it was read from has changed since: triggers
-- on check-ins, workouts and events note each transaction that changed an
-- athlete's data (athlete_status_changes), and a row keeps the snapshot it
-- was computed from. A change the snapshot does not see makes the row
-- stale, whichever of the two committed first; and writers only insert
-- into the log, so they never wait for a dashboard or for each other.
CREATE TABLE athlete_status (
    athlete_id     bigint PRIMARY KEY REFERENCES athletes (id) ON DELETE CASCADE,
    snapshot       pg_snapshot NOT NULL,  -- what the row was computed from,
    cluster        bigint NOT NULL,       -- in this cluster (a snapshot means nothing in another, e.g. after a restore)
    day            date NOT NULL,         -- the athlete's calendar day the row is of,
    day_from       timestamptz NOT NULL,  -- from its start in their time zone
    day_until      timestamptz NOT NULL,  -- to the next day's: a read compares instants, not zones
    timezone       text NOT NULL,         -- the athlete's zone and week start it was computed with
    sunday         boolean NOT NULL,
    checkin_back   integer NOT NULL CHECK (checkin_back >= 0), -- the windows it was computed with (days before `day`)
    recovery_back  integer NOT NULL CHECK (recovery_back >= 0),
    -- The last answered check-in: its day, and when it was saved.
    last_day       date,
    last_at        timestamptz,
    -- Answered check-ins from checkin_back days before `day` to `day`, a
    -- character per day: the score as one byte (255: none), the light's
    -- initial (g, a, r; '-': none). Compact, as the dashboard reads 500.
    scores         bytea,
    lights         text,
    -- The first reason of the check-in on `day`, and how many it has.
    reason_light   text,
    reason_code    text,
    reason_text    text,
    reasons        integer,
    -- The next key workout still to do and the next A event, from `day`.
    key_id         bigint,
    key_day        date,
    key_title      text,
    key_kind       text,
    event_day      date,
    event_name     text,
    -- The load state of the last day with workouts on or before `day`.
    state_day      date,
    load_since     date,
    acute          float8,
    chronic        float8,
    atl            float8,
    ctl            float8,
    tsb            float8,
    -- The week's time as the week view counts it (seconds): planned time
    -- due (all planned before `day`, from `day` on only what is done or
    -- skipped) and time done of planned workouts.
    week_planned_s integer,
    week_done_s    integer,
    -- Days from recovery_back days before `day` to `day` with a done
    -- recovery workout: its RPE and average heart rate (the hardest).
    recovery_days  date[],
    recovery_rpe   float8[],
    recovery_avg_hr integer[],
    CHECK (length(scores) = checkin_back + 1 AND length(lights) = checkin_back + 1)
) WITH (fillfactor = 50); -- room on each page for updates in place (HOT): the rows are rewritten every day

-- The transactions that changed an athlete's check-ins, workouts or events
-- since their row was last computed (the refresh removes those it saw).
CREATE TABLE athlete_status_changes (
    athlete_id bigint NOT NULL REFERENCES athletes (id) ON DELETE CASCADE,
    tx         xid8 NOT NULL,
    PRIMARY KEY (athlete_id, tx)
);

-- The first day of the week holding `day`: a Monday, or a Sunday as the
-- athlete prefers (the week view's rule, held equal to it by a test).
-- +goose StatementBegin
CREATE FUNCTION athlete_week_start(day date, sunday boolean) RETURNS date
LANGUAGE sql IMMUTABLE AS $$
    SELECT day - CASE WHEN sunday THEN extract(dow FROM day)::int ELSE extract(isodow FROM day)::int - 1 END
$$;
-- +goose StatementEnd

-- Whether an athlete's row (s; NULL: none) must be recomputed before it is
-- shown at now_at with the given windows in the given cluster (its
-- system_identifier); unseen is whether the log holds
-- a change its snapshot does not see (those older than the snapshot's
-- xmin it saw, so the look-up starts there), written out by the caller: a
-- sub-select here would keep the function from being inlined, and calling
-- it for each of 500 rows cost more than the rest of the read (as did
-- working out 500 calendar days in their zones, hence day_from/day_until).
-- +goose StatementBegin
CREATE FUNCTION athlete_status_stale(s athlete_status, a athletes, now_at timestamptz, checkin_window integer,
    recovery_window integer, cluster bigint, unseen boolean) RETURNS boolean
LANGUAGE sql STABLE AS $$
    SELECT s.athlete_id IS NULL OR unseen OR s.cluster <> cluster OR now_at < s.day_from OR now_at >= s.day_until
        OR s.timezone <> a.timezone OR s.sunday <> a.week_starts_sunday
        OR s.checkin_back <> checkin_window OR s.recovery_back <> recovery_window
$$;
-- +goose StatementEnd

-- Recomputes the rows of the coach's active athletes that are missing or
-- stale at now_at, with check-ins of checkin_window days before each one's
-- day and recovery workouts of recovery_window days before it, in athlete
-- order (so two dashboards refreshing at once take the rows' locks in the
-- same order). A row computed from an older snapshot than the stored one
-- does not replace it: the changes the stored one saw may be gone from the
-- log. Then the changes the stored rows saw are removed from the log; rows
-- another refresh is removing are left for the next one.
-- +goose StatementBegin
CREATE FUNCTION athlete_status_refresh(of_coach bigint, now_at timestamptz, checkin_window integer, recovery_window integer)
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

-- Notes that this transaction changed the data of each athlete a statement
-- on check-ins, workouts or events touched. The athlete must still exist:
-- deleting one deletes their rows too, and there is nothing left to note.
-- +goose StatementBegin
CREATE FUNCTION athlete_status_bump(ids bigint[]) RETURNS void
LANGUAGE sql AS $$
    INSERT INTO athlete_status_changes (athlete_id, tx)
    SELECT a.id, pg_current_xact_id() FROM athletes a WHERE a.id = ANY (ids)
    ON CONFLICT DO NOTHING
$$;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE FUNCTION athlete_status_inserted() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM athlete_status_bump(array_agg(DISTINCT n.athlete_id)) FROM new_rows n HAVING count(*) > 0;
    RETURN NULL;
END
$$;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE FUNCTION athlete_status_updated() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM athlete_status_bump(array_agg(DISTINCT x.athlete_id))
    FROM (SELECT o.athlete_id FROM old_rows o UNION SELECT n.athlete_id FROM new_rows n) x HAVING count(*) > 0;
    RETURN NULL;
END
$$;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE FUNCTION athlete_status_deleted() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM athlete_status_bump(array_agg(DISTINCT o.athlete_id)) FROM old_rows o HAVING count(*) > 0;
    RETURN NULL;
END
$$;
-- +goose StatementEnd

CREATE TRIGGER checkins_status_inserted AFTER INSERT ON checkins
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION athlete_status_inserted();
CREATE TRIGGER checkins_status_updated AFTER UPDATE ON checkins
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION athlete_status_updated();
CREATE TRIGGER checkins_status_deleted AFTER DELETE ON checkins
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION athlete_status_deleted();
CREATE TRIGGER workouts_status_inserted AFTER INSERT ON workouts
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION athlete_status_inserted();
CREATE TRIGGER workouts_status_updated AFTER UPDATE ON workouts
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION athlete_status_updated();
CREATE TRIGGER workouts_status_deleted AFTER DELETE ON workouts
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION athlete_status_deleted();
CREATE TRIGGER events_status_inserted AFTER INSERT ON events
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION athlete_status_inserted();
CREATE TRIGGER events_status_updated AFTER UPDATE ON events
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION athlete_status_updated();
CREATE TRIGGER events_status_deleted AFTER DELETE ON events
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION athlete_status_deleted();

-- +goose Down
DROP TRIGGER events_status_deleted ON events;
DROP TRIGGER events_status_updated ON events;
DROP TRIGGER events_status_inserted ON events;
DROP TRIGGER workouts_status_deleted ON workouts;
DROP TRIGGER workouts_status_updated ON workouts;
DROP TRIGGER workouts_status_inserted ON workouts;
DROP TRIGGER checkins_status_deleted ON checkins;
DROP TRIGGER checkins_status_updated ON checkins;
DROP TRIGGER checkins_status_inserted ON checkins;
DROP FUNCTION athlete_status_deleted();
DROP FUNCTION athlete_status_updated();
DROP FUNCTION athlete_status_inserted();
DROP FUNCTION athlete_status_bump(bigint[]);
DROP FUNCTION athlete_status_refresh(bigint, timestamptz, integer, integer);
DROP FUNCTION athlete_status_stale(athlete_status, athletes, timestamptz, integer, integer, bigint, boolean);
DROP FUNCTION athlete_week_start(date, boolean);
DROP TABLE athlete_status_changes;
DROP TABLE athlete_status;
