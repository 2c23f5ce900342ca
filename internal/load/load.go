// Package load owns the arithmetic of training load: the session-RPE load of
// a logged workout, daily totals, the acute:chronic ratio, fitness, fatigue
// and form, weekly monotony, strain and ramp, and how closely workouts
// followed the plan. Recovery is where the gains are made, so most of these
// numbers exist to show when load outruns recovery.
//
// The package is pure: callers fetch sessions and render results. Loads are
// in arbitrary units (AU, CR-10 RPE × minutes); NaN means "no basis for this
// number" and callers show it as such rather than as a value.
package load

import (
	"math"
	"time"
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

// Session is one logged workout on a calendar day.
type Session struct {
	Day     time.Time // the calendar day, as Day returns it (other times are passed through Day)
	Minutes float64
	RPE     float64 // CR-10
}

const day = 24 * time.Hour

// DailyLoads totals SessionLoad per calendar day from Day(from) to Day(to)
// inclusive; days without sessions are 0 and sessions outside the range are
// ignored. It returns nil when to is before from.
func DailyLoads(sessions []Session, from, to time.Time) []float64 {
	from, to = Day(from), Day(to)
	if to.Before(from) {
		return nil
	}
	daily := make([]float64, to.Sub(from)/day+1)
	for _, s := range sessions {
		d := Day(s.Day)
		if d.Before(from) || d.After(to) {
			continue
		}
		daily[d.Sub(from)/day] += SessionLoad(s.RPE, s.Minutes)
	}
	return daily
}

// EWMA is the exponentially weighted moving average of daily loads with
// decay λ = 2/(n+1) (Williams et al. 2017):
//
//	EWMA_t = λ·load_t + (1 − λ)·EWMA_{t−1}
//
// seeded with the first day's load (EWMA_0 = load_0), so a constant load has
// a constant average instead of climbing from an imaginary history of zeros.
// The price is that an unusual first day weighs on the early days. It returns
// nil for n < 1.
func EWMA(daily []float64, n int) []float64 {
	if n < 1 {
		return nil
	}
	lambda := 2 / float64(n+1)
	out := make([]float64, len(daily))
	for t, x := range daily {
		if t == 0 {
			out[0] = x
			continue
		}
		// Same formula rearranged: when the load equals the average the step
		// is exactly 0, so a constant load stays exactly constant.
		prev := out[t-1]
		out[t] = prev + lambda*(x-prev)
	}
	return out
}

// ACWR is the acute:chronic workload ratio per day: EWMA(daily, 7) divided by
// EWMA(daily, 28) (Williams et al. 2017). Where the chronic average is 0 there
// is no basis for a ratio and the day is NaN.
//
// The ratio describes how fast load is changing relative to what the athlete
// is used to. It is NOT an injury predictor: the evidence for that is weak and
// the ratio has conceptual and statistical flaws (Impellizzeri et al. 2020).
func ACWR(daily []float64) []float64 {
	acute, chronic := EWMA(daily, 7), EWMA(daily, 28)
	ratio := make([]float64, len(daily))
	for t := range daily {
		if chronic[t] == 0 {
			ratio[t] = math.NaN()
			continue
		}
		ratio[t] = acute[t] / chronic[t]
	}
	return ratio
}

// Form is one day of the fitness-fatigue model: acute training load
// (fatigue), chronic training load (fitness) and training stress balance
// (form).
type Form struct{ ATL, CTL, TSB float64 }

// PerformanceManagement runs Banister et al.'s (1975) impulse-response model
// as TrainingPeaks' Performance Management Chart computes it (Allen & Coggan,
// Training and Racing with a Power Meter, 2010), starting from 0:
//
//	CTL_t = CTL_{t−1} + (load_t − CTL_{t−1}) / 42
//	ATL_t = ATL_{t−1} + (load_t − ATL_{t−1}) / 7
//	TSB_t = CTL_{t−1} − ATL_{t−1}   (TSB_0 = 0)
//
// TSB uses yesterday's values because form is how fresh the athlete is
// before today's training. The model is linear, so session-RPE loads work in
// place of TSS; only the scale of the numbers differs.
func PerformanceManagement(daily []float64) []Form {
	out := make([]Form, len(daily))
	var ctl, atl float64
	for t, x := range daily {
		tsb := ctl - atl
		ctl += (x - ctl) / 42
		atl += (x - atl) / 7
		out[t] = Form{ATL: atl, CTL: ctl, TSB: tsb}
	}
	return out
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
