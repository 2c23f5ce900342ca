-- +goose Up
-- The dashboard's reads of the kept rows, each one statement that first
-- recomputes the rows that are missing or stale (athlete_status_refresh
-- takes the coach's lock, so it runs only when a row needs it: dashboards
-- of a coach opened together do not wait for each other when there is
-- nothing to do). PL/pgSQL because each of its statements sees what the
-- one before wrote, and it keeps their plans for the session (generic: the
-- same for every coach) where a SQL function's are made on every call.

-- Recomputes the coach's rows if any of their active athletes lacks a row,
-- or has a stale one.
-- +goose StatementBegin
CREATE FUNCTION athlete_status_freshen(of_coach bigint, now_at timestamptz, checkin_window integer, recovery_window integer)
RETURNS void
LANGUAGE plpgsql
SET plan_cache_mode = force_generic_plan
AS $$
BEGIN
    IF EXISTS (
        SELECT FROM athletes a LEFT JOIN athlete_status o ON o.athlete_id = a.id,
            (SELECT system_identifier AS id FROM pg_control_system()) cl
        WHERE a.coach_id = of_coach AND a.archived_at IS NULL
          AND athlete_status_stale(o, a, now_at, checkin_window, recovery_window, cl.id, EXISTS (
              SELECT FROM athlete_status_changes c WHERE c.athlete_id = a.id AND c.tx >= pg_snapshot_xmin(o.snapshot)
                AND NOT pg_visible_in_snapshot(c.tx, o.snapshot)))) THEN
        PERFORM athlete_status_refresh(of_coach, now_at, checkin_window, recovery_window);
    END IF;
END
$$;
-- +goose StatementEnd

-- The coach's rows, fresh.
-- +goose StatementBegin
CREATE FUNCTION athlete_status_of(of_coach bigint, now_at timestamptz, checkin_window integer, recovery_window integer)
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
-- +goose StatementEnd

-- A digest of everything the dashboard shows of the coach's athletes,
-- which changes whenever any of it does: the version (xmin, the writing
-- transaction) of each active athlete's row and of their fresh kept row,
-- and of each pending proposal. The app keeps a rendered dashboard while
-- its digest stays the same.
-- +goose StatementBegin
CREATE FUNCTION athlete_status_version(of_coach bigint, now_at timestamptz, checkin_window integer, recovery_window integer)
RETURNS text
LANGUAGE plpgsql
SET plan_cache_mode = force_generic_plan
AS $$
BEGIN
    PERFORM athlete_status_freshen(of_coach, now_at, checkin_window, recovery_window);
    RETURN md5(
        (SELECT coalesce(string_agg(a.id || ':' || a.xmin::text || ':' || coalesce(o.xmin::text, '-'), ',' ORDER BY a.id), '')
            FROM athletes a LEFT JOIN athlete_status o ON o.athlete_id = a.id
            WHERE a.coach_id = of_coach AND a.archived_at IS NULL)
        || '|' ||
        (SELECT coalesce(string_agg(p.id || ':' || p.xmin::text, ',' ORDER BY p.id), '')
            FROM proposals p JOIN athletes a ON a.id = p.athlete_id
            WHERE a.coach_id = of_coach AND a.archived_at IS NULL AND p.status = 'pending'));
END
$$;
-- +goose StatementEnd

-- +goose Down
DROP FUNCTION athlete_status_version(bigint, timestamptz, integer, integer);
DROP FUNCTION athlete_status_of(bigint, timestamptz, integer, integer);
DROP FUNCTION athlete_status_freshen(bigint, timestamptz, integer, integer);
