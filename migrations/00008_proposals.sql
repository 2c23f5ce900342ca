-- +goose Up
-- A change set the lighten engine proposes after an amber or red
-- check-in, for the coach to apply or dismiss. One per athlete and
-- check-in day: checking in again replaces it.
CREATE TABLE proposals (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    athlete_id   bigint NOT NULL REFERENCES athletes (id) ON DELETE CASCADE,
    checkin_day  date NOT NULL,
    light        text NOT NULL CHECK (light IN ('amber', 'red')),
    reason       text NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
    adjustments  jsonb NOT NULL CHECK (jsonb_typeof(adjustments) = 'array' AND jsonb_array_length(adjustments) > 0),
    note         text NOT NULL DEFAULT '' CHECK (length(note) <= 1000),
    status       text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'applied', 'dismissed', 'superseded')),
    created_at   timestamptz NOT NULL DEFAULT now(),
    decided_at   timestamptz,
    decided_by   bigint REFERENCES users (id) ON DELETE SET NULL,
    UNIQUE (athlete_id, checkin_day),
    CHECK ((status IN ('applied', 'dismissed')) = (decided_at IS NOT NULL))
);
CREATE INDEX proposals_pending_idx ON proposals (athlete_id) WHERE status = 'pending';

-- +goose Down
DROP TABLE proposals;
