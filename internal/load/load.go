// Package load owns the arithmetic of training load: the session-RPE load of
// a logged workout, the load state carried from day to day (the
// acute:chronic ratio, fitness, fatigue and form; see State), weekly
// monotony, strain and ramp, and how closely workouts followed the plan. Recovery is where the gains are made, so most of these
// numbers exist to show when load outruns recovery.
//
// The package is pure: callers fetch sessions and render results. Loads are
// in arbitrary units (AU, CR-10 RPE × minutes); NaN means "no basis for this
// number" and callers show it as such rather than as a value.
package load

import (
	"time"

	"rebound/internal/training"
)

// SessionLoad is Foster et al.'s (2001) session-RPE load: the athlete's rating
// of the whole session on the CR-10 scale (0–10) times its duration in
// minutes. A negative or NaN input gives 0: nothing usable was logged.
func SessionLoad(rpe, minutes float64) float64 {
	// Checking each factor first also keeps 0 × +Inf from becoming NaN.
	if !(rpe > 0) || !(minutes > 0) {
		return 0
	}
	return rpe * minutes
}

// Day returns t's calendar day — its year, month and day in t's own location —
// as midnight UTC. Calendar days in this package are always in this form, so
// they compare with == and are exactly 24 h apart regardless of DST.
func Day(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// Form is one day of the fitness-fatigue model: acute training load
// (fatigue), chronic training load (fitness) and training stress balance
// (form).
type Form struct{ ATL, CTL, TSB float64 }

// Logged is the load of what was logged of a workout (DoneLoad): RPE ×
// minutes once rated, the file's estimate until then; 0 unless done.
func Logged(l training.Log) float64 {
	if l.Status != "done" {
		return 0
	}
	return DoneLoad(!l.Unrated, l.RPE, float64(l.DurationS)/60, l.EstimatedLoad)
}

// DoneLoad is a done workout's load: Foster's session-RPE load when the
// athlete rated the session, else the load estimated from the workout's
// file (package activity's EstimateLoad, on the same RPE × minutes scale),
// which stands in until they do. Session RPE stays the primary measure:
// once it is given, the estimate no longer counts. The database adds up
// each day the same way (workout_day_sums).
func DoneLoad(rated bool, rpe, minutes, estimate float64) float64 {
	if rated {
		return SessionLoad(rpe, minutes)
	}
	if !(estimate > 0) {
		return 0
	}
	return estimate
}
