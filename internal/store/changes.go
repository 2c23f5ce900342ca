package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"rebound/internal/apperr"
	"rebound/internal/training"
)

// change is a change about to be recorded.
type change struct {
	athleteID, workoutID int64
	action, summary      string
	before, after        *training.Workout
	reason               string
	override             bool
}

var actionWords = map[string]string{"add": "Added", "edit": "Changed", "delete": "Deleted", "undo": "Undid a change to"}

// record writes c to the plan's history, in the caller's transaction.
func (s *Store) record(ctx context.Context, tx pgx.Tx, by User, c change) error {
	if c.summary == "" {
		w := c.after
		if w == nil {
			w = c.before
		}
		c.summary = fmt.Sprintf("%s %s on %s", actionWords[c.action], w.Title, w.Day.Format("Mon 2 Jan"))
	}
	before, err := snapshot(c.before)
	if err != nil {
		return err
	}
	after, err := snapshot(c.after)
	if err != nil {
		return err
	}
	_, err = tx.Exec(ctx, `
		INSERT INTO plan_changes (athlete_id, workout_id, changed_by, changed_at, action, summary, reason, override, before, after)
		VALUES ($1, nullif($2, 0), $3, $4, $5, $6, $7, $8, $9, $10)`,
		c.athleteID, c.workoutID, by.ID, s.Now(), c.action, truncate(c.summary, 500), strings.TrimSpace(c.reason), c.override, before, after)
	return err
}

func snapshot(w *training.Workout) ([]byte, error) {
	if w == nil {
		return nil, nil
	}
	return json.Marshal(w)
}

// Changes lists the athlete's plan history, newest first.
func (s *Store) Changes(ctx context.Context, actor User, athleteID int64, limit int) ([]training.Change, error) {
	return s.changes(ctx, actor, athleteID, ChangeCursor{}, limit)
}

// ChangeCursor is a place in a plan history, which runs newest first by
// time, then id: the changes before it are the older ones. The zero
// cursor is after the newest.
type ChangeCursor struct {
	At time.Time
	ID int64
}

// ChangesBefore lists up to limit changes of the athlete's plan made
// before the cursor, newest first, and the cursor for the older ones
// (zero: there are none). A page continues from the last row shown, never
// by an offset, so it costs the same however far back it is and skips or
// repeats nothing when changes are added meanwhile.
func (s *Store) ChangesBefore(ctx context.Context, actor User, athleteID int64, before ChangeCursor, limit int) ([]training.Change, ChangeCursor, error) {
	list, err := s.changes(ctx, actor, athleteID, before, limit+1)
	if err != nil || len(list) <= limit {
		return list, ChangeCursor{}, err
	}
	list = list[:limit]
	last := list[limit-1]
	return list, ChangeCursor{At: last.At, ID: last.ID}, nil
}

func (s *Store) changes(ctx context.Context, actor User, athleteID int64, before ChangeCursor, limit int) ([]training.Change, error) {
	page, args := "", []any{actor.ID, athleteID, limit}
	if before != (ChangeCursor{}) {
		page, args = "AND (c.changed_at, c.id) < ($4, $5)", append(args, before.At, before.ID)
	}
	rows, err := s.pool.Query(ctx, `
		SELECT c.id, coalesce(c.workout_id, 0), coalesce(u.name, 'Rebound'), c.changed_at, c.action, c.summary, c.reason,
			c.override, c.before, c.after, c.undone_at IS NOT NULL
		FROM plan_changes c
		JOIN athletes a ON a.id = c.athlete_id AND (a.coach_id = $1 OR a.user_id = $1)
		LEFT JOIN users u ON u.id = c.changed_by
		WHERE c.athlete_id = $2 `+page+` ORDER BY c.changed_at DESC, c.id DESC LIMIT $3`, args...)
	if err != nil {
		return nil, wrap(err, "change")
	}
	list, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (training.Change, error) {
		var c training.Change
		var before, after []byte
		if err := row.Scan(&c.ID, &c.WorkoutID, &c.By, &c.At, &c.Action, &c.Summary, &c.Reason, &c.Override, &before, &after, &c.Undone); err != nil {
			return c, err
		}
		var err error
		if c.Before, err = unsnapshot(before); err == nil {
			c.After, err = unsnapshot(after)
		}
		return c, err
	})
	return list, wrap(err, "change")
}

func unsnapshot(data []byte) (*training.Workout, error) {
	if data == nil {
		return nil, nil
	}
	var w training.Workout
	return &w, json.Unmarshal(data, &w)
}

// ErrNothingToUndo: the history has no change that can be undone.
var ErrNothingToUndo = apperr.New(apperr.Invalid, "There is no change to undo.")

// ErrUndoStale: the workout changed again since the change to undo.
var ErrUndoStale = apperr.New(apperr.Conflict, "That workout has changed since, so the change can't be undone safely. Edit it directly instead.")

// UndoLast undoes the newest change to a workout of the coach's athlete
// that is not undone yet, and records the undo. A workout changed again
// since is left alone (ErrUndoStale).
func (s *Store) UndoLast(ctx context.Context, coach User, athleteID int64) (training.Change, error) {
	var undone training.Change
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		var id, workoutID int64
		var action, summary string
		var before, after []byte
		err := tx.QueryRow(ctx, `
			SELECT c.id, coalesce(c.workout_id, 0), c.action, c.summary, c.before, c.after
			FROM plan_changes c JOIN athletes a ON a.id = c.athlete_id AND a.coach_id = $1
			WHERE c.athlete_id = $2 AND c.undone_at IS NULL AND c.action IN ('add', 'edit', 'delete')
				-- a new plan since rewrote the days: undoing across it could double them
				AND c.id > coalesce((SELECT max(id) FROM plan_changes WHERE athlete_id = $2 AND action = 'plan'), 0)
			ORDER BY c.changed_at DESC, c.id DESC LIMIT 1 FOR UPDATE OF c`, coach.ID, athleteID).
			Scan(&id, &workoutID, &action, &summary, &before, &after)
		if errors.Is(err, pgx.ErrNoRows) {
			return ErrNothingToUndo
		}
		if err != nil {
			return err
		}
		b, err := unsnapshot(before)
		if err != nil {
			return err
		}
		a, err := unsnapshot(after)
		if err != nil {
			return err
		}
		undone = training.Change{ID: id, WorkoutID: workoutID, Action: action, Summary: summary, Before: b, After: a}
		restored, err := s.revert(ctx, tx, coach, action, workoutID, b, a)
		if err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `UPDATE plan_changes SET undone_at = $2 WHERE id = $1`, id, s.Now()); err != nil {
			return err
		}
		// The record keeps the workout as it now is (its new version, or
		// the new id of one brought back), so the history replays to it.
		var now *training.Workout
		if w, err := lockWorkout(ctx, tx, coach, restored); err == nil {
			now = &w
		} else if !errors.Is(err, pgx.ErrNoRows) {
			return err
		}
		return s.record(ctx, tx, coach, change{athleteID: athleteID, workoutID: restored, action: "undo",
			summary: "Undid: " + summary, before: a, after: now})
	})
	return undone, wrap(err, "change")
}

// revert puts a workout back as it was before a change; it returns the
// workout's id (a deleted one comes back under a new id).
func (s *Store) revert(ctx context.Context, tx pgx.Tx, coach User, action string, id int64, before, after *training.Workout) (int64, error) {
	current := func() (training.Workout, error) {
		w, err := lockWorkout(ctx, tx, coach, id)
		if errors.Is(err, pgx.ErrNoRows) || (err == nil && after != nil && w.Version != after.Version) {
			return w, ErrUndoStale
		}
		return w, err
	}
	now := s.Now()
	switch action {
	case "add":
		if _, err := current(); err != nil {
			return 0, err
		}
		_, err := tx.Exec(ctx, `DELETE FROM workouts WHERE id = $1`, id)
		return id, err
	case "edit":
		if _, err := current(); err != nil {
			return 0, err
		}
		p := before.Prescription
		_, err := tx.Exec(ctx, `
			UPDATE workouts SET day = $2, sport = $3, kind = $4, title = $5, planned_duration_s = nullif($6, 0),
				planned_distance_m = nullif($7, 0), target_rpe = nullif($8::float8, 0), target_zone = nullif($9, 0),
				description = $10, protected = $11, key = $12, coach_modified_at = $13, updated_at = $13, version = version + 1,
				structure = $14
			WHERE id = $1`,
			id, before.Day, p.Sport, p.Kind, p.Title, p.PlannedDurationS, p.PlannedDistanceM, p.TargetRPE, p.TargetZone,
			p.Description, before.Protected, before.Key, now, p.Structure)
		return id, err
	}
	// delete: the workout comes back as it was planned.
	p := before.Prescription
	var newID int64
	err := tx.QueryRow(ctx, `
		INSERT INTO workouts (athlete_id, coach_id, plan_id, day, sport, kind, title, planned_duration_s, planned_distance_m,
			target_rpe, target_zone, description, protected, key, created_at, updated_at, structure)
		VALUES ($1, $2, nullif($3, 0), $4, $5, $6, $7, nullif($8, 0), nullif($9, 0), nullif($10::float8, 0), nullif($11, 0), $12, $13, $14, $15, $15, $16)
		RETURNING id`,
		before.AthleteID, coach.ID, before.PlanID, before.Day, p.Sport, p.Kind, p.Title, p.PlannedDurationS, p.PlannedDistanceM,
		p.TargetRPE, p.TargetZone, p.Description, before.Protected, before.Key, now, p.Structure).Scan(&newID)
	return newID, err
}

// ChangeReasons returns, for the given workouts of the athlete, the reason
// of the newest recorded change that has one: why the coach changed it.
func (s *Store) ChangeReasons(ctx context.Context, actor User, athleteID int64, ids []int64) (map[int64]string, error) {
	rows, err := s.pool.Query(ctx, `
		SELECT DISTINCT ON (c.workout_id) c.workout_id, c.reason
		FROM plan_changes c JOIN athletes a ON a.id = c.athlete_id AND (a.coach_id = $1 OR a.user_id = $1)
		WHERE c.athlete_id = $2 AND c.workout_id = ANY($3) AND c.reason <> '' AND c.undone_at IS NULL
		ORDER BY c.workout_id, c.changed_at DESC, c.id DESC`, actor.ID, athleteID, ids)
	if err != nil {
		return nil, wrap(err, "change")
	}
	reasons := map[int64]string{}
	var id int64
	var reason string
	_, err = pgx.ForEachRow(rows, []any{&id, &reason}, func() error {
		reasons[id] = reason
		return nil
	})
	return reasons, wrap(err, "change")
}

// SeePlan records that the athlete looked at their plan now and returns
// when they looked before (zero: never).
func (s *Store) SeePlan(ctx context.Context, athlete User) (time.Time, error) {
	var before *time.Time
	err := s.pool.QueryRow(ctx, `
		UPDATE athletes a SET plan_seen_at = $2 FROM (SELECT id, plan_seen_at FROM athletes WHERE user_id = $1 FOR UPDATE) old
		WHERE a.id = old.id RETURNING old.plan_seen_at`, athlete.ID, s.Now()).Scan(&before)
	if err != nil || before == nil {
		return time.Time{}, wrap(err, "athlete")
	}
	return *before, nil
}
