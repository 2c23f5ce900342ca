-- +goose Up
-- Conversations between an athlete and their coach: one thread per
-- subject, a workout, a check-in (the athlete's day) or a week (its first
-- day). Only the athlete and their coach take part, a side each.
--
-- Each side's read marker is the last comment it has read; the counts of
-- the other side's comments after it are kept on the row (recounted by
-- the app in the transaction that changes the thread, with the row
-- locked), so the coach's dashboard reads an athlete's unread comments
-- from an index of the few threads that have any, whatever the history.
CREATE TABLE comment_threads (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    athlete_id      bigint NOT NULL REFERENCES athletes (id) ON DELETE CASCADE,
    subject         text NOT NULL CHECK (subject IN ('workout', 'checkin', 'week')),
    workout_id      bigint REFERENCES workouts (id) ON DELETE CASCADE,
    day             date,
    comments        integer NOT NULL DEFAULT 0 CHECK (comments >= 0),
    last_at         timestamptz,
    coach_read      bigint NOT NULL DEFAULT 0,
    athlete_read    bigint NOT NULL DEFAULT 0,
    coach_unread    integer NOT NULL DEFAULT 0 CHECK (coach_unread >= 0),
    athlete_unread  integer NOT NULL DEFAULT 0 CHECK (athlete_unread >= 0),
    CHECK ((subject = 'workout') = (workout_id IS NOT NULL)),
    CHECK ((subject = 'workout') = (day IS NULL)),
    CHECK (coach_unread + athlete_unread <= comments)
);
CREATE UNIQUE INDEX comment_threads_workout_key ON comment_threads (workout_id) WHERE workout_id IS NOT NULL;
CREATE UNIQUE INDEX comment_threads_day_key ON comment_threads (athlete_id, subject, day) WHERE day IS NOT NULL;
CREATE INDEX comment_threads_recent_idx ON comment_threads (athlete_id, last_at DESC);
CREATE INDEX comment_threads_coach_unread_idx ON comment_threads (athlete_id) WHERE coach_unread > 0;
CREATE INDEX comment_threads_athlete_unread_idx ON comment_threads (athlete_id) WHERE athlete_unread > 0;

-- Plain text, shown as text. An author's account may go; the side stays.
CREATE TABLE comments (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    thread_id   bigint NOT NULL REFERENCES comment_threads (id) ON DELETE CASCADE,
    author_id   bigint REFERENCES users (id) ON DELETE SET NULL,
    by_coach    boolean NOT NULL,
    body        text NOT NULL CHECK (length(btrim(body)) >= 1 AND length(body) <= 4000),
    created_at  timestamptz NOT NULL,
    edited_at   timestamptz CHECK (edited_at >= created_at)
);
CREATE INDEX comments_thread_idx ON comments (thread_id, id);
CREATE INDEX comments_author_idx ON comments (author_id);

-- The dashboard's digest (00014) now also covers the coach's unread
-- comments, which the dashboard shows: a kept page is served again only
-- while they are the same.
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION athlete_status_version(of_coach bigint, now_at timestamptz, checkin_window integer, recovery_window integer)
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
            WHERE a.coach_id = of_coach AND a.archived_at IS NULL AND p.status = 'pending')
        || '|' ||
        (SELECT coalesce(string_agg(t.id || ':' || t.coach_unread, ',' ORDER BY t.id), '')
            FROM comment_threads t JOIN athletes a ON a.id = t.athlete_id
            WHERE a.coach_id = of_coach AND a.archived_at IS NULL AND t.coach_unread > 0));
END
$$;
-- +goose StatementEnd

-- +goose Down
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION athlete_status_version(of_coach bigint, now_at timestamptz, checkin_window integer, recovery_window integer)
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
DROP TABLE comments;
DROP TABLE comment_threads;
