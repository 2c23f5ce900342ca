-- athlete_status, the dashboard's kept rows (tables created by migration
-- 00013): when a row is stale, its recomputation, and the dashboard's reads.

-- Whether an athlete's row (s; NULL: none) must be recomputed before it is
-- shown at now_at with the given windows in the given cluster (its
-- system_identifier); unseen is whether the log holds
-- a change its snapshot does not see (those older than the snapshot's
-- xmin it saw, so the look-up starts there), written out by the caller: a
-- sub-select here would keep the function from being inlined, and calling
-- it for each of 500 rows cost more than the rest of the read (as did
-- working out 500 calendar days in their zones, hence day_from/day_until).
CREATE OR REPLACE FUNCTION athlete_status_stale(s athlete_status, a athletes, now_at timestamptz, checkin_window integer,
    recovery_window integer, cluster bigint, unseen boolean) RETURNS boolean
LANGUAGE sql STABLE AS $$
    SELECT s.athlete_id IS NULL OR unseen OR s.cluster <> cluster OR now_at < s.day_from OR now_at >= s.day_until
        OR s.timezone <> a.timezone OR s.sunday <> a.week_starts_sunday
        OR s.checkin_back <> checkin_window OR s.recovery_back <> recovery_window
$$;

-- The athletes with a change in the log that their row does not see, for
-- the statements that ask (a SQL function of one SELECT, inlined into
-- them): the whole log, hashed once, cheap while the log is short.
-- Opening a dashboard clears its coach's entries, and the hourly
-- RefreshUnseen those of coaches who do not look: with 200,000 entries of
-- an idle coach's athletes left in it, a kept dashboard's read took 65–87
-- ms instead of 1.5. (Joined through the coach's athletes, the planner
-- looked in the log once for each athlete when the log was short.)
CREATE OR REPLACE FUNCTION athlete_status_unseen() RETURNS SETOF bigint
LANGUAGE sql STABLE AS $$
    SELECT c.athlete_id FROM athlete_status_changes c JOIN athlete_status s ON s.athlete_id = c.athlete_id
    WHERE NOT pg_visible_in_snapshot(c.tx, s.snapshot)
$$;

-- Recomputes the rows of the coach's active athletes that are missing or
-- stale at now_at, with check-ins of checkin_window days before each one's
-- day and recovery workouts of recovery_window days before it, in athlete
-- order (so two dashboards refreshing at once take the rows' locks in the
-- same order). A row computed from an older snapshot than the stored one
-- does not replace it: the changes the stored one saw may be gone from the
-- log. Then the changes the stored rows saw are removed from the log; rows
-- another refresh is removing are left for the next one.
-- Stale athletes are collected first and the sparkline's check-ins read by
-- their days, so a refresh costs what the stale rows need, whatever the
-- planner guesses of their number; the log of changes is read once, and
-- cleared of what the recomputed rows saw.
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
DECLARE
    stale bigint[];
BEGIN
    -- One refresh of a coach's rows at a time: dashboards opened together
    -- wait for the first, then find nothing left to do, instead of all
    -- doing the same work.
    PERFORM pg_advisory_xact_lock(hashtext('rebound.athlete_status'), hashtext(of_coach::text));
    -- The kept rows are worked out from the tables, so the commit of the
    -- transaction that writes them need not wait for the disk: lost in a
    -- crash, with the clearing of the log of changes they saw (the same
    -- transaction), they are stale again and worked out anew. A dashboard
    -- then waits for no flush. The setting holds to the transaction's end:
    -- the dashboard's reads run this in a statement of their own.
    PERFORM set_config('synchronous_commit', 'off', true);

    -- The stale rows first, as an array: the statement below then reads
    -- those athletes alone by their keys, whatever it guesses of their
    -- number (a generic plan took the subquery of stale rows for 500 and
    -- drew the sparklines of every athlete before the join kept one).
    SELECT array_agg(a.id ORDER BY a.id) INTO stale
    FROM athletes a LEFT JOIN athlete_status o ON o.athlete_id = a.id,
        (SELECT system_identifier AS id FROM pg_control_system()) cl
    WHERE a.coach_id = of_coach AND a.archived_at IS NULL
      AND athlete_status_stale(o, a, now_at, checkin_window, recovery_window, cl.id, a.id IN (SELECT u FROM athlete_status_unseen() u));

    IF stale IS NOT NULL THEN
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
        FROM athletes a
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
                AND c.day BETWEEN t.today - checkin_window AND t.today
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
        WHERE a.id = ANY (stale)
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

        PERFORM athlete_status_forget_seen(stale);
    END IF;
END
$$;

-- Removes from the log the changes that the kept rows of the athletes ids
-- saw: after their refresh, and hourly for every row (RefreshUnseen, for
-- those a refresh left). Those another refresh is removing (locked) are
-- left, so neither waits for the other; a row that saw them does not count
-- them as unseen, and they go when that athlete's row is next recomputed.
-- Collected once (MATERIALIZED): as a subquery, a plan guessing one change
-- joined the log to it by rescanning it for every change, minutes for a log
-- of 17,000.
CREATE OR REPLACE FUNCTION athlete_status_forget_seen(ids bigint[]) RETURNS void
LANGUAGE plpgsql
SET plan_cache_mode = force_generic_plan
AS $$
BEGIN
    WITH seen AS MATERIALIZED (
        SELECT c.athlete_id, c.tx FROM athlete_status_changes c
        JOIN athlete_status s ON s.athlete_id = c.athlete_id
        WHERE c.athlete_id = ANY (ids) AND s.cluster = (SELECT system_identifier FROM pg_control_system())
          AND pg_visible_in_snapshot(c.tx, s.snapshot)
        FOR UPDATE OF c SKIP LOCKED
    )
    DELETE FROM athlete_status_changes x USING seen WHERE x.athlete_id = seen.athlete_id AND x.tx = seen.tx;
END
$$;

-- The dashboard's reads of the kept rows, each one statement that first
-- recomputes the rows that are missing or stale (athlete_status_refresh
-- takes the coach's lock, so it runs only when a row needs it: dashboards
-- of a coach opened together do not wait for each other when there is
-- nothing to do). PL/pgSQL because each of its statements sees what the
-- one before wrote, and it keeps their plans for the session (generic: the
-- same for every coach) where a SQL function's are made on every call.

-- Recomputes the coach's rows if any of their active athletes lacks a row,
-- or has a stale one. The athletes with a change their row does not see, looked up once for
-- all of the coach's rows (athlete_status_unseen, a hashed set) rather
-- than in the log once for each athlete: planned for a log of a few rows,
-- that was a scan of the whole log for each of 500 athletes, 2.5 ms for a
-- dashboard with nothing to recompute. A change older than a snapshot's
-- xmin is visible in it, so the set needs no bound by xmin.
CREATE OR REPLACE FUNCTION athlete_status_freshen(of_coach bigint, now_at timestamptz, checkin_window integer, recovery_window integer)
RETURNS void
LANGUAGE plpgsql
SET plan_cache_mode = force_generic_plan
AS $$
BEGIN
    IF EXISTS (
        SELECT FROM athletes a LEFT JOIN athlete_status o ON o.athlete_id = a.id,
            (SELECT system_identifier AS id FROM pg_control_system()) cl
        WHERE a.coach_id = of_coach AND a.archived_at IS NULL
          AND athlete_status_stale(o, a, now_at, checkin_window, recovery_window, cl.id, a.id IN (SELECT u FROM athlete_status_unseen() u))) THEN
        PERFORM athlete_status_refresh(of_coach, now_at, checkin_window, recovery_window);
    END IF;
END
$$;

-- The coach's rows, fresh.
CREATE OR REPLACE FUNCTION athlete_status_of(of_coach bigint, now_at timestamptz, checkin_window integer, recovery_window integer)
RETURNS SETOF athlete_status
LANGUAGE plpgsql
SET plan_cache_mode = force_generic_plan
AS $$
BEGIN
    PERFORM athlete_status_freshen(of_coach, now_at, checkin_window, recovery_window);
    RETURN QUERY SELECT o.* FROM athletes a JOIN athlete_status o ON o.athlete_id = a.id
        WHERE a.coach_id = of_coach AND a.archived_at IS NULL;
END
$$;

-- A row's version, as the dashboard compares them: its athlete's and its
-- kept row's (xmin, the writing transaction), so either one's change makes
-- a new version. Zero in the low half: no kept row.
CREATE OR REPLACE FUNCTION athlete_status_row_version(athlete xid, status xid) RETURNS bigint
LANGUAGE sql IMMUTABLE AS $$
    SELECT (athlete::text::bigint << 32) | coalesce(status::text::bigint, 0)
$$;

-- What the dashboard shows of the coach's athletes, as versions, after
-- recomputing the rows that are stale: the active athletes' ids in the
-- dashboard's order (by name), each one's row version and unread comments,
-- and a digest of the pending proposals. A process that kept the rows it
-- read before reads again only those whose version or unread count
-- changed, and keeps a drawn page while all of it is the same. The
-- staleness check rides along this read; the rows it found stale are
-- recomputed and their new versions read by key.
CREATE OR REPLACE FUNCTION athlete_status_versions(of_coach bigint, now_at timestamptz, checkin_window integer, recovery_window integer,
    OUT ids bigint[], OUT versions bigint[], OUT unread integer[], OUT proposals text)
LANGUAGE plpgsql
SET plan_cache_mode = force_generic_plan
AS $$
DECLARE
    stale bigint[];
BEGIN
    -- One sort for the arrays (an ordered aggregate each sorted on its
    -- own): a plain aggregate takes its rows in the order of the subquery,
    -- and all of them take the same rows in the same order.
    SELECT array_agg(x.id) FILTER (WHERE x.stale), coalesce(array_agg(x.id), '{}'), coalesce(array_agg(x.version), '{}'),
        coalesce(array_agg(x.unread), '{}')
    INTO stale, ids, versions, unread
    FROM (
        SELECT a.id, athlete_status_row_version(a.xmin, o.xmin) AS version, coalesce(u.n, 0) AS unread,
            athlete_status_stale(o, a, now_at, checkin_window, recovery_window, cl.id, a.id IN (SELECT u FROM athlete_status_unseen() u)) AS stale
        FROM athletes a LEFT JOIN athlete_status o ON o.athlete_id = a.id
            LEFT JOIN (SELECT t.athlete_id, sum(t.coach_unread)::integer AS n FROM comment_threads t
                WHERE t.coach_unread > 0 GROUP BY t.athlete_id) u ON u.athlete_id = a.id,
            (SELECT system_identifier AS id FROM pg_control_system()) cl
        WHERE a.coach_id = of_coach AND a.archived_at IS NULL
        ORDER BY lower(a.name), a.id
    ) x;
    IF stale IS NOT NULL THEN
        PERFORM athlete_status_refresh(of_coach, now_at, checkin_window, recovery_window);
        -- The stale rows' new versions, by key, in their places (reading all
        -- the rows again cost as much as the first read). A row that a change
        -- since made stale keeps the version read above: the next call's
        -- differs, and the row is read again then.
        SELECT array_agg(coalesce(f.version, k.version) ORDER BY k.ord) INTO versions
        FROM unnest(ids, versions) WITH ORDINALITY k(id, version, ord)
            LEFT JOIN (SELECT a.id, athlete_status_row_version(a.xmin, o.xmin) AS version
                FROM athletes a JOIN athlete_status o ON o.athlete_id = a.id
                WHERE a.id = ANY (stale)) f ON f.id = k.id;
    END IF;
    SELECT md5(coalesce(string_agg(p.id || ':' || p.xmin::text, ',' ORDER BY p.id), '')) INTO proposals
    FROM proposals p JOIN athletes a ON a.id = p.athlete_id
    WHERE a.coach_id = of_coach AND a.archived_at IS NULL AND p.status = 'pending';
END
$$;
