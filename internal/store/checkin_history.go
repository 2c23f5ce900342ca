package store

import (
	"context"
	"encoding/json"
	"time"

	"rebound/internal/training"

	"github.com/jackc/pgx/v5"
)

// CheckInDay is what a chart reads of a day's check-in: its verdict and
// measurements.
type CheckInDay struct {
	Day       time.Time
	Answered  bool
	Score     int
	Light     string
	RestingHR int     // 0: not given
	HRV       float64 // rMSSD, ms; 0: not given
}

// CheckInDays reads the athlete's check-ins on days from..to, oldest
// first, in one query: every day as the charts read it, and the days from
// recent on also in full, for a list. The other days' answers, notes and
// reasons are neither sent nor decoded: they are most of the cost.
func (s *Store) CheckInDays(ctx context.Context, actor User, athleteID int64, from, recent, to time.Time) ([]CheckInDay, []training.CheckIn, error) {
	rows, err := s.pool.Query(ctx, `
		SELECT c.day, c.answered, coalesce(c.score, 0), coalesce(c.light, ''), coalesce(c.resting_hr, 0), coalesce(c.hrv_rmssd, 0)::float8,
			CASE WHEN c.day >= $5 THEN ROW(coalesce(c.sleep_hours, 0)::float8, coalesce(c.sleep_quality, 0), coalesce(c.fatigue, 0),
				coalesce(c.soreness, 0), coalesce(c.stress, 0), coalesce(c.mood, 0), coalesce(c.motivation, 0), c.soreness_areas,
				c.illness, coalesce(c.illness_site, ''), c.injury, c.injury_areas, c.notes, c.reasons, c.updated_at) END
		FROM checkins c
		JOIN athletes a ON a.id = c.athlete_id AND (a.coach_id = $1 OR a.user_id = $1)
		WHERE c.athlete_id = $2 AND c.day BETWEEN $3 AND $4 ORDER BY c.day`, actor.ID, athleteID, from, to, recent)
	if err != nil {
		return nil, nil, wrap(err, "check-in")
	}
	var days []CheckInDay
	var full []training.CheckIn
	var c training.CheckIn
	rest := answers{c: &c}
	_, err = pgx.ForEachRow(rows, []any{&c.Day, &c.Answered, &c.Score, &c.Light, &c.RestingHR, &c.HRV, &rest}, func() error {
		days = append(days, CheckInDay{Day: c.Day, Answered: c.Answered, Score: c.Score, Light: c.Light, RestingHR: c.RestingHR, HRV: c.HRV})
		if !rest.ok {
			return nil
		}
		c.AthleteID, c.Reasons = athleteID, nil
		if err := json.Unmarshal(rest.reasons, &c.Reasons); err != nil {
			return err
		}
		full = append(full, c)
		return nil
	})
	return days, full, wrap(err, "check-in")
}

// answers scans the record of the rest of a check-in (answers, notes,
// reasons) into c; a NULL record, a day not read in full, leaves ok false.
type answers struct {
	c       *training.CheckIn
	reasons []byte
	ok      bool
}

func (a *answers) ScanNull() error {
	a.ok = false
	return nil
}

func (a *answers) ScanIndex(i int) any {
	a.ok = true
	c := a.c
	return [...]any{&c.SleepHours, &c.SleepQuality, &c.Fatigue, &c.Soreness, &c.Stress, &c.Mood, &c.Motivation, &c.SorenessAreas,
		&c.Illness, &c.IllnessSite, &c.Injury, &c.InjuryAreas, &c.Notes, &a.reasons, &c.UpdatedAt}[i]
}

// CheckInsBefore lists up to limit of the athlete's check-ins of days
// before `before` (zero: from the newest), newest first, and the day to
// continue before for the older ones (zero: there are none). An athlete
// has one check-in a day, so the day alone marks the place, and the
// unique (athlete_id, day) index serves every page at the same cost.
func (s *Store) CheckInsBefore(ctx context.Context, actor User, athleteID int64, before time.Time, limit int) ([]training.CheckIn, time.Time, error) {
	page, args := "", []any{actor.ID, athleteID, limit + 1}
	if !before.IsZero() {
		page, args = "AND c.day < $4", append(args, before)
	}
	rows, err := s.pool.Query(ctx, `SELECT `+checkInColumns+` FROM checkins c
		JOIN athletes a ON a.id = c.athlete_id AND (a.coach_id = $1 OR a.user_id = $1)
		WHERE c.athlete_id = $2 `+page+` ORDER BY c.day DESC LIMIT $3`, args...)
	if err != nil {
		return nil, time.Time{}, wrap(err, "check-in")
	}
	list, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (training.CheckIn, error) { return scanCheckIn(row) })
	if err != nil || len(list) <= limit {
		return list, time.Time{}, wrap(err, "check-in")
	}
	return list[:limit], list[limit-1].Day, nil
}
