-- +goose Up
-- What a response engine needs to answer a check-in's reasons: where an
-- illness is felt (above the neck only, or below it or with fever: NULL
-- when not asked, read as below the neck) and which body areas an injury
-- is in (the same vocabulary as soreness_areas).
ALTER TABLE checkins
    ADD COLUMN illness_site text CHECK (illness_site IN ('above_neck', 'below_neck')),
    ADD COLUMN injury_areas text[] NOT NULL DEFAULT '{}' CHECK (injury_areas <@ ARRAY['neck', 'shoulders', 'arms',
        'upper_back', 'lower_back', 'hips', 'glutes', 'quads', 'hamstrings', 'knees', 'calves', 'shins', 'ankles', 'feet']),
    ADD CONSTRAINT checkins_illness_site_needs_illness CHECK (illness_site IS NULL OR illness),
    ADD CONSTRAINT checkins_injury_areas_need_injury CHECK (injury_areas = '{}' OR injury);

-- +goose Down
ALTER TABLE checkins DROP COLUMN injury_areas, DROP COLUMN illness_site;
