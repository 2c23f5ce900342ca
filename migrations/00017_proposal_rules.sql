-- +goose Up
-- The rules a proposal follows, in words, one per reason it answers
-- ("Sofia reported a fever: no training until symptom-free, then …"), so
-- the coach reads why each change is made. Proposals made before have none.
ALTER TABLE proposals
    ADD COLUMN rules text[] NOT NULL DEFAULT '{}'
        CHECK (cardinality(rules) <= 12 AND length(array_to_string(rules, '')) <= 4000);

-- +goose Down
ALTER TABLE proposals DROP COLUMN rules;
