-- +goose Up
-- What each person wants to hear about. No row: everything on. An
-- athlete's check-in reminder is at a time of day in their own zone.
CREATE TABLE notification_settings (
    user_id       bigint PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    alerts        boolean NOT NULL DEFAULT true,  -- coach: an athlete red, or a proposal waiting
    digest        boolean NOT NULL DEFAULT true,  -- coach: the morning digest
    comments      boolean NOT NULL DEFAULT true,  -- both: new comments
    plan_changes  boolean NOT NULL DEFAULT true   -- athlete: the coach changed their plan
);
ALTER TABLE athletes ADD COLUMN reminder_at time;
CREATE INDEX athletes_reminder_idx ON athletes (id) WHERE reminder_at IS NOT NULL;

-- Notifications, a queue worked by every app process: a worker claims due
-- rows with FOR UPDATE SKIP LOCKED (two processes never claim the same),
-- marks them 'sending' and commits before it sends, and 'sent' after. A
-- row left 'sending' by a process that died mid-send is never sent again
-- (the mail may have gone): it becomes 'failed'. A refused send is tried
-- again later (next_at), up to a limit. Without e-mail on the server a
-- notification is only shown in the app ('in_app'). The dedup key makes
-- each notification once per person: (coach, 'alert:athlete:day') is at
-- most one alert per athlete per day, whichever process notices first.
CREATE TABLE notifications (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id     bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind        text NOT NULL CHECK (kind IN ('alert', 'digest', 'comment', 'reminder', 'plan')),
    dedup       text NOT NULL CHECK (length(dedup) BETWEEN 1 AND 200),
    subject     text NOT NULL CHECK (length(subject) BETWEEN 1 AND 200),
    body        text NOT NULL CHECK (length(body) <= 20000),
    link        text NOT NULL CHECK (link LIKE '/%'),
    -- What to check again before sending: still unread, still not checked in.
    athlete_id  bigint REFERENCES athletes (id) ON DELETE CASCADE,
    thread_id   bigint REFERENCES comment_threads (id) ON DELETE CASCADE,
    day         date,
    marker      bigint,
    created_at  timestamptz NOT NULL,
    state       text NOT NULL CHECK (state IN ('pending', 'sending', 'sent', 'failed', 'skipped', 'in_app')),
    attempts    integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_at     timestamptz NOT NULL,
    lease_until timestamptz,
    sent_at     timestamptz,
    last_error  text,
    read_at     timestamptz,
    UNIQUE (user_id, dedup),
    CHECK (state <> 'sending' OR lease_until IS NOT NULL),
    CHECK (state <> 'sent' OR sent_at IS NOT NULL)
);
CREATE INDEX notifications_due_idx ON notifications (next_at) WHERE state = 'pending';
CREATE INDEX notifications_sending_idx ON notifications (lease_until) WHERE state = 'sending';
CREATE INDEX notifications_user_idx ON notifications (user_id, created_at DESC);
CREATE INDEX notifications_created_idx ON notifications (created_at);

-- +goose Down
DROP TABLE notifications;
DROP INDEX athletes_reminder_idx;
ALTER TABLE athletes DROP COLUMN reminder_at;
DROP TABLE notification_settings;
