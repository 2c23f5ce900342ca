-- +goose Up
-- Accounts: coaches and athletes who sign in. E-mail is unique whatever
-- its case. The first coach is the instance admin.
CREATE TABLE users (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name                text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
    email               text NOT NULL CHECK (length(email) BETWEEN 3 AND 254 AND email ~ '^[^@\s]+@[^@\s]+$'),
    password_hash       text NOT NULL CHECK (password_hash LIKE '$argon2id$%'),
    role                text NOT NULL CHECK (role IN ('coach', 'athlete')),
    is_admin            boolean NOT NULL DEFAULT false CHECK (NOT is_admin OR role = 'coach'),
    created_at          timestamptz NOT NULL DEFAULT now(),
    -- Sessions made before this instant are void (a reset signs out everywhere).
    password_changed_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (id, role) -- lets athletes reference a user *of a given role*
);
CREATE UNIQUE INDEX users_email_key ON users (lower(email));

-- Athletes belong to one coach. An athlete's own account (user_id) is
-- linked when they accept their invite. The role columns, fixed by CHECK
-- and part of the foreign keys, make the database itself refuse a coach
-- that is an athlete account or an athlete account that is a coach.
CREATE TABLE athletes (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    coach_id    bigint NOT NULL,
    coach_role  text NOT NULL DEFAULT 'coach' CHECK (coach_role = 'coach'),
    user_id     bigint UNIQUE,
    user_role   text NOT NULL DEFAULT 'athlete' CHECK (user_role = 'athlete'),
    name        text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
    email       text NOT NULL CHECK (length(email) BETWEEN 3 AND 254 AND email ~ '^[^@\s]+@[^@\s]+$'),
    timezone    text NOT NULL CHECK (length(timezone) BETWEEN 1 AND 64),
    created_at  timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (coach_id, coach_role) REFERENCES users (id, role) ON DELETE RESTRICT,
    FOREIGN KEY (user_id, user_role) REFERENCES users (id, role) ON DELETE SET NULL (user_id)
);
CREATE INDEX athletes_coach_idx ON athletes (coach_id);
CREATE UNIQUE INDEX athletes_coach_email_key ON athletes (coach_id, lower(email));

-- Single-use links: athlete invites, coach invites, password resets. Only
-- a SHA-256 of the token is stored.
CREATE TABLE invites (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    token_hash  bytea NOT NULL UNIQUE CHECK (length(token_hash) = 32),
    kind        text NOT NULL CHECK (kind IN ('athlete', 'coach', 'password_reset')),
    athlete_id  bigint REFERENCES athletes (id) ON DELETE CASCADE,
    user_id     bigint REFERENCES users (id) ON DELETE CASCADE,
    email       text CHECK (email IS NULL OR length(email) BETWEEN 3 AND 254),
    created_by  bigint REFERENCES users (id) ON DELETE SET NULL, -- NULL: from the shell
    created_at  timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz NOT NULL,
    used_at     timestamptz,
    revoked_at  timestamptz,
    CHECK (expires_at > created_at),
    CHECK ((kind = 'athlete') = (athlete_id IS NOT NULL)),
    CHECK ((kind = 'password_reset') = (user_id IS NOT NULL)),
    CHECK (used_at IS NULL OR revoked_at IS NULL)
);
-- At most one open invite per athlete: issuing a new one revokes the old.
CREATE UNIQUE INDEX invites_open_athlete_key ON invites (athlete_id)
    WHERE kind = 'athlete' AND used_at IS NULL AND revoked_at IS NULL;
CREATE INDEX invites_user_idx ON invites (user_id) WHERE user_id IS NOT NULL;

-- Failed sign-ins, counted per account and per client address to throttle
-- password guessing. Kept in the database so every app process sees them.
CREATE TABLE login_failures (
    id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email   text NOT NULL CHECK (length(email) <= 254),
    client  text NOT NULL CHECK (length(client) <= 64),
    at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_failures_email_idx ON login_failures (email, at);
CREATE INDEX login_failures_client_idx ON login_failures (client, at);

-- +goose Down
DROP TABLE login_failures;
DROP TABLE invites;
DROP TABLE athletes;
DROP TABLE users;
