-- +goose Up
-- The dashboard's rows in one statement: the coach's rows, after
-- recomputing those that are missing or stale. Reading, then refreshing
-- and reading again took three; and the refresh (which takes the coach's
-- lock) runs only when a row needs it, so dashboards of a coach opened
-- together do not wait for each other when there is nothing to do.
-- PL/pgSQL because each of its statements sees what the one before wrote.
-- +goose StatementBegin
CREATE FUNCTION athlete_status_of(of_coach bigint, now_at timestamptz, checkin_window integer, recovery_window integer)
RETURNS SETOF athlete_status
LANGUAGE plpgsql AS $$
DECLARE
    this_cluster bigint := (SELECT system_identifier FROM pg_control_system());
BEGIN
    IF EXISTS (
        SELECT FROM athletes a LEFT JOIN athlete_status o ON o.athlete_id = a.id
        WHERE a.coach_id = of_coach AND a.archived_at IS NULL
          AND athlete_status_stale(o, a, now_at, checkin_window, recovery_window, this_cluster, EXISTS (
              SELECT FROM athlete_status_changes c WHERE c.athlete_id = a.id AND c.tx >= pg_snapshot_xmin(o.snapshot)
                AND NOT pg_visible_in_snapshot(c.tx, o.snapshot)))
    ) THEN
        PERFORM athlete_status_refresh(of_coach, now_at, checkin_window, recovery_window);
    END IF;
    RETURN QUERY SELECT o.* FROM athletes a JOIN athlete_status o ON o.athlete_id = a.id
        WHERE a.coach_id = of_coach AND a.archived_at IS NULL;
END
$$;
-- +goose StatementEnd

-- +goose Down
DROP FUNCTION athlete_status_of(bigint, timestamptz, integer, integer);
