package load

import (
	"math"
	"time"
)

// State is an athlete's running training load at the end of a day, after
// that day's load: the acute and chronic averages of the acute:chronic
// ratio and the fitness-fatigue model's ATL, CTL and TSB. It carries
// everything the next day needs, so the figures of any day follow from
// the state of an earlier one and the loads in between: the database
// stores one per day with workouts (migration 00011 keeps it with the same
// arithmetic as Advance), and pages decay the latest to the day they show.
//
// Definitions, for a day t whose previous state is of day p (g = t − p
// days, the days between having no load) and whose load is L:
//
//	Acute_t   = λa·L + (1 − λa)^g · Acute_p     λa = 2/(7+1)  (Williams et al. 2017)
//	Chronic_t = λc·L + (1 − λc)^g · Chronic_p   λc = 2/(28+1)
//	ATL_t     = (6/7)^g · ATL_p + L/7           (Banister et al. 1975, 7 days)
//	CTL_t     = (41/42)^g · CTL_p + L/42        (42 days)
//	TSB_t     = CTL_{t−1} − ATL_{t−1} = (41/42)^(g−1)·CTL_p − (6/7)^(g−1)·ATL_p
//
// which is the day-by-day recurrence of EWMA and PerformanceManagement
// with the zero-load days folded into one power; a decayed figure under
// Floor is 0, so a long gap ends in exactly 0 instead of an underflow. ATL and CTL start from 0
// before the athlete's first day, as PerformanceManagement does. The two
// averages are seeded on the athlete's first day with load (Since): both
// equal that day's load, so a steady load has a steady ratio from the
// start instead of climbing out of an imagined history of zeros; before
// it they are 0. Seeding on the athlete's own first day, rather than on
// the first day some window of history happens to read, is what makes the
// ratio one number whichever page asks.
type State struct {
	Day            time.Time // the day it is the state at; zero: no history
	Since          time.Time // the athlete's first day with load; zero: none yet
	Acute, Chronic float64   // EWMA of daily load, 7 and 28 days
	ATL, CTL, TSB  float64   // fatigue, fitness and form
}

// The averages' spans (days), Williams et al. (2017).
const (
	AcuteDays   = 7
	ChronicDays = 28
)

// RatioDays is the logged history (days from Since, both counted) the
// acute:chronic ratio needs before it means anything: four weeks.
const RatioDays = 28

// The daily decay factors: 1 − λ = (n−1)/(n+1) for the averages, 1 − 1/n
// for ATL and CTL. Written as one division each, so that SQL computing
// 3::float8/4 gets the same double as Go.
var (
	acuteKeep   = float64(AcuteDays-1) / float64(AcuteDays+1)
	chronicKeep = float64(ChronicDays-1) / float64(ChronicDays+1)
	atlKeep     = float64(6) / 7
	ctlKeep     = float64(41) / 42
)

// Floor is the smallest load figure a state keeps: a figure decayed below
// it is exactly 0. Without it a state decayed over years reaches numbers
// past what a double holds — (3/4)^g is 0 in Go from 2,589 days on, and
// PostgreSQL's power() and multiplication refuse such a result with
// "underflow" — so a workout planned years ahead, or logged years back,
// could not be stored. A trillionth of a session-RPE unit (RPE × minutes)
// is no load by any measure.
const Floor = 1e-12

// underflowExponent bounds the decay factor computed: e^−460 ≈ 10^−200,
// far inside a double's range, so the factor and its product with a
// figure of at least Floor never underflow; any figure below 10^188 is
// under Floor by then anyway.
const underflowExponent = -460

// decayed is x (≥ 0) after g days of keeping keep of it a day: x·keep^g,
// or exactly 0 when that is below Floor. Migration 00025's load_decay is
// the same in SQL.
func decayed(x, keep, g float64) float64 {
	if x < Floor || g*math.Log(keep) < underflowExponent {
		return 0
	}
	if v := x * math.Pow(keep, g); v >= Floor {
		return v
	}
	return 0
}

// Advance is the state at the end of day, from s (the state of an earlier
// day, or the zero State for none) and day's load; the days between have
// no load. A day not after s.Day returns s unchanged: state only moves
// forward. A negative or NaN load counts as 0.
func Advance(s State, day time.Time, load float64) State {
	day = Day(day)
	if !(load > 0) {
		load = 0
	}
	if !s.Day.IsZero() && !day.After(s.Day) {
		return s
	}
	next := State{Day: day, Since: s.Since}
	if s.Day.IsZero() {
		next.ATL, next.CTL = load/7, load/42
	} else {
		g := float64(day.Sub(s.Day) / (24 * time.Hour))
		next.TSB = decayed(s.CTL, ctlKeep, g-1) - decayed(s.ATL, atlKeep, g-1)
		next.ATL = decayed(s.ATL, atlKeep, g) + load/7
		next.CTL = decayed(s.CTL, ctlKeep, g) + load/42
		if !s.Since.IsZero() {
			next.Acute = (1-acuteKeep)*load + decayed(s.Acute, acuteKeep, g)
			next.Chronic = (1-chronicKeep)*load + decayed(s.Chronic, chronicKeep, g)
			return next
		}
	}
	if load > 0 {
		next.Since, next.Acute, next.Chronic = day, load, load
	}
	return next
}

// At is the state at the end of day when no load has come since s: s
// decayed over the days between. A day before s.Day gives s (a state
// cannot be wound back), as does the zero State (nothing to decay).
func (s State) At(day time.Time) State {
	if s.Day.IsZero() {
		return s
	}
	return Advance(s, day, 0)
}

// ACWR is the acute:chronic workload ratio of the state (Williams et al.
// 2017): NaN without RatioDays of history since the first day with load,
// or without a chronic load to compare with. It describes how fast load
// is changing, not an injury risk (Impellizzeri et al. 2020).
func (s State) ACWR() float64 {
	if s.Since.IsZero() || s.Day.Sub(s.Since) < (RatioDays-1)*24*time.Hour || s.Chronic == 0 {
		return math.NaN()
	}
	return s.Acute / s.Chronic
}

// RatioOrZero is ACWR as the verdict judges it and the pages show it: 0
// where there is none yet.
func (s State) RatioOrZero() float64 {
	if r := s.ACWR(); !math.IsNaN(r) {
		return r
	}
	return 0
}

// Form is the fitness-fatigue part of the state.
func (s State) Form() Form { return Form{ATL: s.ATL, CTL: s.CTL, TSB: s.TSB} }

// On is the state at the end of day from states in day order (as stored:
// one per day with workouts): the latest on or before day, decayed to it;
// the zero State when none is.
func On(states []State, day time.Time) State {
	day = Day(day)
	for i := len(states) - 1; i >= 0; i-- {
		if !states[i].Day.After(day) {
			return states[i].At(day)
		}
	}
	return State{}
}

// Run is the state at the end of each day from..to (inclusive) given the
// state before from (the zero State for none) and the daily loads from
// from on: daily[i] is the load of from + i days, and days past its end
// have none. It returns nil when to is before from.
func Run(before State, from, to time.Time, daily []float64) []State {
	from, to = Day(from), Day(to)
	if to.Before(from) {
		return nil
	}
	out := make([]State, int(to.Sub(from)/(24*time.Hour))+1)
	s := before
	for i := range out {
		var l float64
		if i < len(daily) {
			l = daily[i]
		}
		s = Advance(s, from.AddDate(0, 0, i), l)
		out[i] = s
	}
	return out
}
