package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"rebound/internal/plan"
	"rebound/internal/training"
)

// SavedPlan is a plan as stored: its inputs, warnings, notes and weeks.
type SavedPlan struct {
	ID        int64
	AthleteID int64
	EventID   int64 // 0: none
	Sport     string
	Start     time.Time
	End       time.Time
	Inputs    []byte // JSON, to show and regenerate the plan
	Warnings  []string
	Notes     []string
	CreatedAt time.Time
	Weeks     []training.PlanWeek
}

// PlannedWorkout is a workout a plan puts on a day.
type PlannedWorkout struct {
	Day          time.Time
	Prescription training.Prescription
	Key          bool
	Protected    bool
}

// NewPlan is a generated plan to save.
type NewPlan struct {
	Sport    string
	EventID  int64
	Start    time.Time
	End      time.Time
	Inputs   []byte
	Warnings []string
	Notes    []string
	Weeks    []training.PlanWeek
	Workouts []PlannedWorkout
}

// SavePlan stores a plan for the coach's athlete and puts its workouts in
// the athlete's weeks from its start on. Workouts already there from that
// day on that were done, logged, added by hand or edited by the coach are
// kept, and the plan adds nothing on their days; only untouched workouts of
// earlier plans make way. It returns the plan's id and how many days kept
// their workouts.
func (s *Store) SavePlan(ctx context.Context, coach User, athleteID int64, p NewPlan) (int64, int, error) {
	var id int64
	var kept int
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		// The athlete's row serialises two saves for one athlete.
		if err := tx.QueryRow(ctx, `SELECT id FROM athletes WHERE id = $1 AND coach_id = $2 FOR UPDATE`, athleteID, coach.ID).Scan(&id); err != nil {
			return err
		}
		err := tx.QueryRow(ctx, `
			INSERT INTO plans (athlete_id, coach_id, event_id, sport, start_day, end_day, inputs, warnings, notes, created_by, created_at)
			VALUES ($1, $2, nullif($3, 0), $4, $5, $6, $7, $8, $9, $2, $10) RETURNING id`,
			athleteID, coach.ID, p.EventID, p.Sport, p.Start, p.End, p.Inputs, nonNil(p.Warnings), nonNil(p.Notes), s.Now()).Scan(&id)
		if err != nil {
			return err
		}
		batch := &pgx.Batch{}
		for _, w := range p.Weeks {
			batch.Queue(`INSERT INTO plan_weeks (plan_id, start_day, phase, kind, target_minutes, easy_share, rationale)
				VALUES ($1, $2, $3, $4, $5, $6, $7)`, id, w.Start, w.Phase, w.Kind, w.TargetMinutes, w.EasyShare, w.Rationale)
		}
		if err := tx.SendBatch(ctx, batch).Close(); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `
			DELETE FROM workouts WHERE athlete_id = $1 AND day >= $2 AND plan_id IS NOT NULL
				AND status = 'planned' AND coach_modified_at IS NULL`, athleteID, p.Start); err != nil {
			return err
		}
		// What stays: the days it holds, and which of them hold a key
		// workout (the day before the plan counts for spacing too).
		rows, err := tx.Query(ctx, `SELECT day, bool_or(key) FROM workouts WHERE athlete_id = $1 AND day >= $2 GROUP BY day`,
			athleteID, p.Start.AddDate(0, 0, -1))
		if err != nil {
			return err
		}
		busy, keyDay := map[time.Time]bool{}, map[time.Time]bool{}
		var day time.Time
		var key bool
		if _, err := pgx.ForEachRow(rows, []any{&day, &key}, func() error {
			if !day.Before(p.Start) {
				busy[day] = true
				kept++
			}
			keyDay[day] = key
			return nil
		}); err != nil {
			return err
		}
		now := s.Now()
		var copyRows [][]any
		softened := 0
		for _, w := range p.Workouts {
			if busy[w.Day] {
				continue
			}
			// A key workout the plan puts beside a kept one would break
			// the 48-hour rule: it becomes easy instead.
			if w.Key && (keyDay[w.Day.AddDate(0, 0, -1)] || keyDay[w.Day.AddDate(0, 0, 1)]) {
				w = easyInstead(w)
				softened++
			}
			w.Prescription = textKept(w.Prescription)
			copyRows = append(copyRows, []any{athleteID, coach.ID, id, w.Day, w.Prescription.Sport, w.Prescription.Kind, strings.TrimSpace(w.Prescription.Title),
				nullInt(w.Prescription.PlannedDurationS), nullInt(w.Prescription.PlannedDistanceM), nullFloat(w.Prescription.TargetRPE), nullInt(w.Prescription.TargetZone),
				w.Prescription.Description, w.Protected || w.Prescription.Kind == training.KindRecovery, w.Key, now, now, w.Prescription.Structure})
		}
		if _, err := tx.CopyFrom(ctx, pgx.Identifier{"workouts"},
			[]string{"athlete_id", "coach_id", "plan_id", "day", "sport", "kind", "title", "planned_duration_s", "planned_distance_m",
				"target_rpe", "target_zone", "description", "protected", "key", "created_at", "updated_at", "structure"},
			pgx.CopyFromRows(copyRows)); err != nil {
			return err
		}
		summary := fmt.Sprintf("New plan from %s: %d weeks", p.Start.Format("Mon 2 Jan 2006"), len(p.Weeks))
		if kept > 0 {
			summary += fmt.Sprintf("; %d days kept their workouts", kept)
		}
		if softened > 0 {
			summary += fmt.Sprintf("; %d key workouts made easy beside kept ones", softened)
		}
		return s.record(ctx, tx, coach, change{athleteID: athleteID, action: "plan", summary: summary})
	})
	return id, kept, wrap(err, "athlete")
}

// easyInstead turns a planned key workout into an easy one of at most
// 45 minutes, saying why.
func easyInstead(w PlannedWorkout) PlannedWorkout {
	before := plan.FromPrescription(w.Prescription)
	before.Date = w.Day
	after := before
	after.Kind, after.Minutes, after.RPE, after.Zone = "easy", min(before.Minutes, 45), 3, 2
	w.Prescription = plan.ToPrescription(plan.Retext(before, after, "a kept key workout is the day before or after"))
	w.Key = false
	return w
}

func nullInt(v int) *int {
	if v == 0 {
		return nil
	}
	return &v
}

func nullFloat(v float64) *float64 {
	if v == 0 {
		return nil
	}
	return &v
}

// LatestPlan returns the athlete's newest plan with its weeks.
func (s *Store) LatestPlan(ctx context.Context, actor User, athleteID int64) (SavedPlan, error) {
	var p SavedPlan
	err := s.pool.QueryRow(ctx, `
		SELECT p.id, p.athlete_id, coalesce(p.event_id, 0), p.sport, p.start_day, p.end_day, p.inputs, p.warnings, p.notes, p.created_at
		FROM plans p JOIN athletes a ON a.id = p.athlete_id AND (a.coach_id = $1 OR a.user_id = $1)
		WHERE p.athlete_id = $2 ORDER BY p.created_at DESC, p.id DESC LIMIT 1`, actor.ID, athleteID).
		Scan(&p.ID, &p.AthleteID, &p.EventID, &p.Sport, &p.Start, &p.End, &p.Inputs, &p.Warnings, &p.Notes, &p.CreatedAt)
	if err != nil {
		return p, wrap(err, "plan")
	}
	rows, err := s.pool.Query(ctx, `SELECT start_day, phase, kind, target_minutes, easy_share::float8, rationale
		FROM plan_weeks WHERE plan_id = $1 ORDER BY start_day`, p.ID)
	if err != nil {
		return p, wrap(err, "plan")
	}
	p.Weeks, err = pgx.CollectRows(rows, func(row pgx.CollectableRow) (training.PlanWeek, error) {
		var w training.PlanWeek
		err := row.Scan(&w.Start, &w.Phase, &w.Kind, &w.TargetMinutes, &w.EasyShare, &w.Rationale)
		return w, err
	})
	return p, wrap(err, "plan")
}

// PlanWeekOf returns the week starting on start from the newest plan that
// has it; ok is false when no plan covers that week.
func (s *Store) PlanWeekOf(ctx context.Context, actor User, athleteID int64, start time.Time) (w training.PlanWeek, ok bool, err error) {
	err = s.pool.QueryRow(ctx, `
		SELECT pw.start_day, pw.phase, pw.kind, pw.target_minutes, pw.easy_share::float8, pw.rationale
		FROM plan_weeks pw JOIN plans p ON p.id = pw.plan_id
		JOIN athletes a ON a.id = p.athlete_id AND (a.coach_id = $1 OR a.user_id = $1)
		WHERE p.athlete_id = $2 AND pw.start_day = $3 ORDER BY p.created_at DESC, p.id DESC LIMIT 1`, actor.ID, athleteID, start).
		Scan(&w.Start, &w.Phase, &w.Kind, &w.TargetMinutes, &w.EasyShare, &w.Rationale)
	if errors.Is(err, pgx.ErrNoRows) {
		return w, false, nil
	}
	return w, err == nil, wrap(err, "plan")
}

// PlanWeeks returns the weeks starting from..to, each from the newest plan
// that has it, by start.
func (s *Store) PlanWeeks(ctx context.Context, actor User, athleteID int64, from, to time.Time) ([]training.PlanWeek, error) {
	rows, err := s.pool.Query(ctx, `
		SELECT DISTINCT ON (pw.start_day) pw.start_day, pw.phase, pw.kind, pw.target_minutes, pw.easy_share::float8, pw.rationale
		FROM plan_weeks pw JOIN plans p ON p.id = pw.plan_id
		JOIN athletes a ON a.id = p.athlete_id AND (a.coach_id = $1 OR a.user_id = $1)
		WHERE p.athlete_id = $2 AND pw.start_day BETWEEN $3 AND $4
		ORDER BY pw.start_day, p.created_at DESC, p.id DESC`, actor.ID, athleteID, from, to)
	if err != nil {
		return nil, wrap(err, "plan")
	}
	list, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (training.PlanWeek, error) {
		var w training.PlanWeek
		err := row.Scan(&w.Start, &w.Phase, &w.Kind, &w.TargetMinutes, &w.EasyShare, &w.Rationale)
		return w, err
	})
	return list, wrap(err, "plan")
}
