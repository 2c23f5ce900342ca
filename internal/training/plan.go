package training

import "time"

// PlanWeek is one week of a saved plan: its phase, its kind and the time
// it plans.
type PlanWeek struct {
	Start         time.Time
	Phase         string
	Kind          string // build, cutback, taper, race or recovery
	TargetMinutes int
	EasyShare     float64
	Rationale     string
}

// Change is one recorded change to an athlete's plan: what its history
// shows and the coach can undo.
type Change struct {
	ID        int64
	WorkoutID int64
	By        string // the name of who made it
	At        time.Time
	Action    string // add, edit, delete, plan, undo
	Summary   string
	Reason    string
	Override  bool // it cut a recovery workout, with Reason as the why
	Before    *Workout
	After     *Workout
	Undone    bool
}
