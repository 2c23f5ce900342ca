package store

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"rebound/internal/load"
)

// DaySummary is one day of an athlete's training as the database keeps it
// (table workout_days, maintained by triggers on workouts): the day's
// workouts added up, in seconds, and the load state at the end of the day.
// A day without workouts has no summary.
type DaySummary struct {
	Day      time.Time
	Load     float64 // session-RPE load of the done workouts
	PlannedS int     // planned workouts' planned time
	SettledS int     // the same, of those done or skipped
	DoneS    int     // time done of planned workouts
	AllDoneS int     // time done, planned or not
	// The hardest done recovery workout: its RPE and average HR (0: none).
	RecoveryRPE   float64
	RecoveryAvgHR int
	State         load.State // the running load at the end of the day
}

// dayColumns read a workout_days row d; dayRow scans them.
const dayColumns = `d.day, d.load, d.planned_s, d.settled_s, d.done_s, d.all_done_s, d.recovery_rpe, d.recovery_avg_hr,
	d.load_since, d.acute, d.chronic, d.atl, d.ctl, d.tsb`

// stateColumns read the load state of a workout_days row d; stateRow
// scans them. Every one is NULL when there is no row.
const stateColumns = `d.day, d.load_since, d.acute, d.chronic, d.atl, d.ctl, d.tsb`

type dayRow struct {
	d     DaySummary
	since *time.Time
}

func (r *dayRow) dest() []any {
	s := &r.d.State
	return []any{&r.d.Day, &r.d.Load, &r.d.PlannedS, &r.d.SettledS, &r.d.DoneS, &r.d.AllDoneS, &r.d.RecoveryRPE, &r.d.RecoveryAvgHR,
		&r.since, &s.Acute, &s.Chronic, &s.ATL, &s.CTL, &s.TSB}
}

func (r *dayRow) summary() DaySummary {
	d := r.d
	d.State.Day, d.State.Since = d.Day, time.Time{}
	if r.since != nil {
		d.State.Since = *r.since
	}
	return d
}

type stateRow struct {
	day, since                    *time.Time
	acute, chronic, atl, ctl, tsb *float64
}

func (r *stateRow) dest() []any {
	return []any{&r.day, &r.since, &r.acute, &r.chronic, &r.atl, &r.ctl, &r.tsb}
}

func (r *stateRow) state() load.State {
	if r.day == nil {
		return load.State{}
	}
	s := load.State{Day: *r.day, Acute: *r.acute, Chronic: *r.chronic, ATL: *r.atl, CTL: *r.ctl, TSB: *r.tsb}
	if r.since != nil {
		s.Since = *r.since
	}
	return s
}

// DayHistory is an athlete's stored days over a span, and the load state
// they carry on from.
type DayHistory struct {
	Before load.State   // the last stored state before the span; zero: none
	Days   []DaySummary // the days of the span with workouts, oldest first
}

// State is the load state at the end of day, a day of the span or after
// it: the latest stored on or before it, decayed to it.
func (h DayHistory) State(day time.Time) load.State {
	for i := len(h.Days) - 1; i >= 0; i-- {
		if !h.Days[i].Day.After(day) {
			return h.Days[i].State.At(day)
		}
	}
	return h.Before.At(day)
}

// Days reads the athlete's days from..to, and the last state before from,
// in one query whatever the length of the history.
func (s *Store) Days(ctx context.Context, actor User, athleteID int64, from, to time.Time) (DayHistory, error) {
	return days(ctx, s.pool, actor, athleteID, from, to)
}

func days(ctx context.Context, q querier, actor User, athleteID int64, from, to time.Time) (DayHistory, error) {
	var h DayHistory
	rows, err := q.Query(ctx, `
		SELECT `+dayColumns+` FROM (
			(SELECT d.* FROM workout_days d WHERE d.athlete_id = $2 AND d.day < $3 ORDER BY d.day DESC LIMIT 1)
			UNION ALL
			SELECT d.* FROM workout_days d WHERE d.athlete_id = $2 AND d.day BETWEEN $3 AND $4
		) d JOIN athletes a ON a.id = d.athlete_id AND (a.coach_id = $1 OR a.user_id = $1)
		WHERE a.id = $2 -- else the planner cannot see through the union and hashes every athlete
		ORDER BY d.day`, actor.ID, athleteID, from, to)
	if err != nil {
		return h, wrap(err, "workout")
	}
	var r dayRow
	_, err = pgx.ForEachRow(rows, r.dest(), func() error {
		d := r.summary()
		if d.Day.Before(from) {
			h.Before = d.State
			return nil
		}
		h.Days = append(h.Days, d)
		return nil
	})
	return h, wrap(err, "workout")
}

// LoadState is the athlete's load state at the end of day: the latest
// stored on or before it, decayed to it.
func (s *Store) LoadState(ctx context.Context, actor User, athleteID int64, day time.Time) (load.State, error) {
	var r stateRow
	err := s.pool.QueryRow(ctx, `
		SELECT `+stateColumns+` FROM athletes a
		LEFT JOIN LATERAL (
			SELECT * FROM workout_days d WHERE d.athlete_id = a.id AND d.day <= $3 ORDER BY d.day DESC LIMIT 1
		) d ON true
		WHERE a.id = $2 AND (a.coach_id = $1 OR a.user_id = $1)`, actor.ID, athleteID, day).Scan(r.dest()...)
	if err != nil {
		return load.State{}, wrap(err, "athlete")
	}
	return r.state().At(day), nil
}
