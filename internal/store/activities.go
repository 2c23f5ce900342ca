package store

import (
	"context"
	"encoding/json"
	"math"
	"time"

	"github.com/jackc/pgx/v5"

	"rebound/internal/apperr"
	"rebound/internal/training"
)

// NewActivity is one workout read from a file, as an import stores it.
// Durations are seconds, distances metres; 0 means none.
type NewActivity struct {
	Sport     string // run, bike, swim, strength or other
	SubSport  string // the file's own, in snake case ("trail", "indoor_cycling"); "" when none
	Start     time.Time
	Day       time.Time // Start's calendar day in the athlete's zone, at 00:00 UTC
	ElapsedS  int
	MovingS   int
	DistanceM float64
	AscentM   float64
	AvgHR     int
	MaxHR     int
	AvgPower  int
	NormPower int
	Laps      []Lap
	Stream    Stream
	// The load estimated from the file (RPE × minutes scale) and how:
	// "power", "heart rate" or "none".
	EstimatedLoad float64
	LoadMethod    string
	// What the workout made for it is called, when no plan matches.
	Title, Kind string
}

// DurationS is the time the workout it becomes counts: the moving time, or
// the elapsed time for a file that has none.
func (a NewActivity) DurationS() int {
	d := a.MovingS
	if d <= 0 {
		d = a.ElapsedS
	}
	return min(d, 86400)
}

func (a NewActivity) distance() int {
	return int(math.Round(min(max(a.DistanceM, 0), 1e6)))
}

// Lap is one lap of an activity as the device split it.
type Lap struct {
	StartS    int     `json:"start_s"` // from the activity's start
	ElapsedS  int     `json:"elapsed_s"`
	DistanceM float64 `json:"distance_m"`
	AvgHR     int     `json:"avg_hr,omitempty"`
	MaxHR     int     `json:"max_hr,omitempty"`
	AvgPower  int     `json:"avg_power,omitempty"`
}

// Stream is an activity's samples for a chart, a column each: T[i]
// seconds from the start, and the readings there. A column the file had
// no readings for is empty; an HR of 0 is a gap.
type Stream struct {
	StepS    int       `json:"step_s"`
	T        []int     `json:"t"`
	HR       []int     `json:"hr,omitempty"`
	Speed    []float64 `json:"v,omitempty"` // m/s
	Power    []int     `json:"p,omitempty"` // W
	Altitude []float64 `json:"alt,omitempty"`
}

// Activity is a stored workout from a file: what the file said, and the
// workout it is the record of.
type Activity struct {
	ID         int64
	WorkoutID  int64
	AthleteID  int64
	FileName   string
	FileSize   int
	UploadedBy string // the uploader's name; "" once their account is gone
	UploadedAt time.Time
	NewActivity
}

// FileWorkoutPlan is what a workout made for an activity no plan matched
// is called and counted as: "Trail run", "Indoor ride", "Pool swim" …, an
// easy session of its sport (strength and other sports: their own kinds).
func FileWorkoutPlan(sport, subSport string) training.Prescription {
	kinds := map[string]string{"strength": "strength", "other": "cross_training"}
	kind, ok := kinds[sport]
	if !ok {
		kind = "easy"
	}
	names := map[string]string{"run": "Run", "bike": "Ride", "swim": "Swim", "strength": "Strength session", "other": "Workout"}
	title := names[sport]
	if title == "" {
		title = "Workout"
	}
	special := map[string]string{
		"run/trail": "Trail run", "run/treadmill": "Treadmill run", "run/track": "Track run", "run/indoor_running": "Indoor run",
		"bike/indoor_cycling": "Indoor ride", "bike/virtual_activity": "Virtual ride", "bike/mountain": "Mountain bike ride",
		"bike/gravel_cycling": "Gravel ride", "bike/road": "Road ride", "bike/e_bike_fitness": "E-bike ride",
		"swim/lap_swimming": "Pool swim", "swim/open_water": "Open-water swim",
	}
	if t, ok := special[sport+"/"+subSport]; ok {
		title = t
	}
	return training.Prescription{Sport: sport, Kind: kind, Title: title}
}

// insertActivity stores act, of the file, as the record of the workout.
func insertActivity(ctx context.Context, tx pgx.Tx, a ImportAthlete, fileID, workoutID int64, act NewActivity, now time.Time) error {
	laps, err := json.Marshal(nonNilLaps(act.Laps))
	if err != nil {
		return err
	}
	stream, err := json.Marshal(act.Stream)
	if err != nil {
		return err
	}
	_, err = tx.Exec(ctx, `
		INSERT INTO activities (file_id, athlete_id, coach_id, workout_id, sport, sub_sport, start_at, day, elapsed_s, moving_s,
			distance_m, ascent_m, avg_hr, max_hr, avg_power, norm_power, estimated_load, load_method, laps, stream, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, nullif($13::int, 0), nullif($14::int, 0), nullif($15::int, 0),
			nullif($16::int, 0), $17, $18, $19, $20, $21)`,
		fileID, a.ID, a.CoachID, workoutID, act.Sport, truncate(act.SubSport, 60), act.Start, act.Day, act.ElapsedS, act.MovingS,
		act.DistanceM, act.AscentM, act.AvgHR, act.MaxHR, act.AvgPower, act.NormPower, act.EstimatedLoad, act.LoadMethod,
		laps, stream, now)
	return err
}

func nonNilLaps(l []Lap) []Lap {
	if l == nil {
		return []Lap{}
	}
	return l
}

// visibleActivity scopes an activity x to the actor ($1): the athlete's
// coach or the athlete themself.
const visibleActivity = `JOIN athletes a ON a.id = x.athlete_id AND (a.coach_id = $1 OR a.user_id = $1)`

// Activity returns an activity the actor may see, with its file's name.
func (s *Store) Activity(ctx context.Context, actor User, id int64) (Activity, error) {
	var x Activity
	var laps, stream []byte
	var avgHR, maxHR, avgPower, normPower *int
	err := s.pool.QueryRow(ctx, `
		SELECT x.id, x.workout_id, x.athlete_id, f.name, f.size, coalesce(u.name, ''), f.created_at,
			x.sport, x.sub_sport, x.start_at, x.day, x.elapsed_s, x.moving_s, x.distance_m, x.ascent_m,
			x.avg_hr, x.max_hr, x.avg_power, x.norm_power, x.estimated_load, x.load_method, x.laps, x.stream
		FROM activities x `+visibleActivity+`
		JOIN activity_files f ON f.id = x.file_id
		LEFT JOIN users u ON u.id = f.uploaded_by
		WHERE x.id = $2`, actor.ID, id).Scan(&x.ID, &x.WorkoutID, &x.AthleteID, &x.FileName, &x.FileSize, &x.UploadedBy, &x.UploadedAt,
		&x.Sport, &x.SubSport, &x.Start, &x.Day, &x.ElapsedS, &x.MovingS, &x.DistanceM, &x.AscentM,
		&avgHR, &maxHR, &avgPower, &normPower, &x.EstimatedLoad, &x.LoadMethod, &laps, &stream)
	if err != nil {
		return Activity{}, wrap(err, "activity")
	}
	for _, p := range []struct {
		from *int
		to   *int
	}{{avgHR, &x.AvgHR}, {maxHR, &x.MaxHR}, {avgPower, &x.AvgPower}, {normPower, &x.NormPower}} {
		if p.from != nil {
			*p.to = *p.from
		}
	}
	if err := json.Unmarshal(laps, &x.Laps); err != nil {
		return Activity{}, wrap(err, "activity")
	}
	if err := json.Unmarshal(stream, &x.Stream); err != nil {
		return Activity{}, wrap(err, "activity")
	}
	return x, nil
}

// ActivityFile returns the original file of an activity of the athlete,
// if the actor may see them: its name and its bytes, gzipped as stored.
func (s *Store) ActivityFile(ctx context.Context, actor User, athleteID, id int64) (name string, gzipped []byte, err error) {
	err = s.pool.QueryRow(ctx, `
		SELECT f.name, f.data FROM activities x `+visibleActivity+` JOIN activity_files f ON f.id = x.file_id
		WHERE x.id = $2 AND x.athlete_id = $3`, actor.ID, id, athleteID).Scan(&name, &gzipped)
	return name, gzipped, wrap(err, "activity")
}

// ErrNotMatchable refuses a re-match to a workout that cannot take the file.
var ErrNotMatchable = apperr.New(apperr.Invalid, "That workout can't take this file: choose a workout of the same day that has no file yet.")

// MoveActivity makes the activity held by workout from the record of
// workout to instead — another workout of the same day without a file
// (not a rest day) — or, with to 0, of a new unplanned workout: the done
// record (time, distance, heart rate, RPE, notes, the estimate) moves with
// it. A planned workout left behind is planned again; an unplanned one is
// deleted. The athlete or their coach may do it. It returns the workout
// that holds the activity now.
func (s *Store) MoveActivity(ctx context.Context, actor User, from, to int64) (training.Workout, error) {
	var out training.Workout
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		var athleteID int64
		if err := tx.QueryRow(ctx, `SELECT w.athlete_id FROM workouts w `+visible+` WHERE w.id = $2`, actor.ID, from).Scan(&athleteID); err != nil {
			return err
		}
		// Imports of the athlete's files take the same turns.
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(hashtext('rebound.imports'), $1::int)`, int32(athleteID&0x7fffffff)); err != nil {
			return err
		}
		rows, err := tx.Query(ctx, `SELECT `+workoutColumns+` FROM workouts w WHERE w.id IN ($1, $2) AND w.athlete_id = $3
			ORDER BY w.id FOR UPDATE OF w`, from, to, athleteID)
		if err != nil {
			return err
		}
		locked, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (training.Workout, error) { return scanWorkout(row) })
		if err != nil {
			return err
		}
		var src, dst *training.Workout
		for i := range locked {
			switch locked[i].ID {
			case from:
				src = &locked[i]
			case to:
				dst = &locked[i]
			}
		}
		if src == nil || src.ActivityID == 0 {
			return notFound("workout")
		}
		if to == 0 && !src.Planned {
			out = *src // already a workout of its own
			return nil
		}
		if to != 0 && (dst == nil || to == from || dst.ActivityID != 0 || dst.Kind == "rest" || !dst.Day.Equal(src.Day)) {
			return ErrNotMatchable
		}
		now := s.Now()
		if to == 0 {
			var sport, subSport string
			if err := tx.QueryRow(ctx, `SELECT sport, sub_sport FROM activities WHERE id = $1`, src.ActivityID).Scan(&sport, &subSport); err != nil {
				return err
			}
			p := FileWorkoutPlan(sport, subSport)
			if err := tx.QueryRow(ctx, `
				INSERT INTO workouts (athlete_id, coach_id, day, sport, kind, title, planned, protected, status, actual_duration_s,
					actual_distance_m, avg_hr, rpe, estimated_load, load_method, athlete_notes, logged_at, created_at, updated_at)
				SELECT f.athlete_id, f.coach_id, f.day, $2, $3, $4, false, $3 = 'recovery', 'done', f.actual_duration_s,
					f.actual_distance_m, f.avg_hr, f.rpe, f.estimated_load, f.load_method, f.athlete_notes, f.logged_at, $5, $5
				FROM workouts f WHERE f.id = $1
				RETURNING id`, from, p.Sport, p.Kind, p.Title, now).Scan(&to); err != nil {
				return err
			}
		} else if _, err := tx.Exec(ctx, `
			UPDATE workouts t SET status = 'done', actual_duration_s = f.actual_duration_s, actual_distance_m = f.actual_distance_m,
				avg_hr = f.avg_hr, rpe = f.rpe, estimated_load = f.estimated_load, load_method = f.load_method,
				athlete_notes = f.athlete_notes, logged_at = f.logged_at, updated_at = $3, version = t.version + 1
			FROM workouts f WHERE t.id = $2 AND f.id = $1`, from, to, now); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `UPDATE activities SET workout_id = $2 WHERE id = $1`, src.ActivityID, to); err != nil {
			return err
		}
		if src.Planned {
			_, err = tx.Exec(ctx, `
				UPDATE workouts SET status = 'planned', actual_duration_s = NULL, actual_distance_m = NULL, avg_hr = NULL, rpe = NULL,
					estimated_load = NULL, load_method = NULL, athlete_notes = '', logged_at = NULL, updated_at = $2, version = version + 1
				WHERE id = $1`, from, now)
		} else {
			_, err = tx.Exec(ctx, `DELETE FROM workouts WHERE id = $1`, from)
		}
		if err != nil {
			return err
		}
		out, err = scanWorkout(tx.QueryRow(ctx, `SELECT `+workoutColumns+` FROM workouts w WHERE w.id = $1`, to))
		return err
	})
	return out, wrap(err, "workout")
}
