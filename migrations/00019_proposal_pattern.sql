-- +goose Up
-- The red flags (package readiness's flag codes) of an overreaching
-- pattern a proposal answered by bringing the cutback week forward: a
-- coach who dismissed it is not asked again for the same flags.
ALTER TABLE proposals
    ADD COLUMN pattern text[] NOT NULL DEFAULT '{}'
        CHECK (pattern <@ ARRAY['always_tired', 'performance_falling', 'sleep_disrupted', 'mood_low', 'soreness_lingers']::text[]);

-- +goose Down
ALTER TABLE proposals DROP COLUMN pattern;
