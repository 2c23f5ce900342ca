// Package sim is the engine of Rebound's simulated histories: the demo's
// named athletes and their stories (package demo) and the load test's
// hundreds of generated athletes (package bulkdata). Both walk an
// athlete's days in order; each morning's check-in is judged as the app
// judges it, on everything before it, and each evening's workouts are
// logged, which the next morning's verdict reads.
//
// Athlete holds one athlete's days as they are made: their workouts by
// day, their check-ins, and the training load state kept up to date on
// the way, so that judging a day costs the same on the 700th day as on the
// first. Body draws how a done workout went against its plan.
//
// Person is the athlete's behaviour on those days, the same rules for
// both: whether they check in, what they answer from their usual mornings,
// yesterday's training and the day's episodes (Episode: illness, injury,
// holidays, going quiet, overreaching, a taper, shift work, short nights),
// and what they log each evening. Every draw comes from Streams, a stream
// per athlete, day and purpose. What differs is the caller's: who the
// athletes are and which episodes they live (the demo's stories, the
// load's drawn ones), how many days, and the writing (the demo through the
// store, the load with COPY).
package sim

import (
	"slices"
	"time"

	"rebound/internal/coaching"
	"rebound/internal/load"
	"rebound/internal/readiness"
	"rebound/internal/training"
)

// Athlete is one athlete's days as the simulation makes them.
type Athlete struct {
	zone2    int
	redFlags bool
	first    time.Time // the earliest day a workout may be on
	workouts []training.Workout
	byDay    [][]int // indexes into workouts, by days from first, in workouts' order
	checkIns []training.CheckIn
	history  []readiness.Answers // checkIns as a verdict reads them, made once

	// The load state at the end of the day before next: package coaching's
	// (ACWRByDay), advanced over every day with workouts as the database
	// does, but once rather than for each day judged.
	state load.State
	next  time.Time

	recent []training.Workout // Judge's buffer
}

// New is an athlete whose workouts all lie on or after first (their
// calendar days, at 00:00 UTC); zone2 is their zone 2 ceiling
// (zones.Zone2CeilingHR), which recovery done too hard is judged by. With
// redFlags their verdicts read the red flags of the weeks before, as the
// app's do; without, they are left out: reading them costs three times
// all the rest of a day's simulation, too much for the load data's
// hundreds of athletes over years.
func New(first time.Time, zone2 int, redFlags bool) *Athlete {
	return &Athlete{zone2: zone2, redFlags: redFlags, first: first, next: first}
}

func (a *Athlete) index(day time.Time) int { return int(day.Sub(a.first) / (24 * time.Hour)) }

// SetWorkouts replaces the athlete's workouts (each on or after first, in
// day order): made, or read again after a change. The load state is
// worked out again from them.
func (a *Athlete) SetWorkouts(list []training.Workout) {
	a.workouts = list
	a.byDay = a.byDay[:0]
	for i, w := range list {
		a.file(w.Day, i)
	}
	a.state, a.next = load.State{}, a.first
}

// AddWorkout adds a workout of a day not yet judged past (one logged
// without a plan, say) and returns its index.
func (a *Athlete) AddWorkout(w training.Workout) int {
	a.workouts = append(a.workouts, w)
	a.file(w.Day, len(a.workouts)-1)
	return len(a.workouts) - 1
}

func (a *Athlete) file(day time.Time, i int) {
	k := a.index(day)
	for len(a.byDay) <= k {
		a.byDay = append(a.byDay, nil)
	}
	a.byDay[k] = append(a.byDay[k], i)
}

// Workouts are the athlete's workouts; a log is written into them
// (Workout) before a later day is judged.
func (a *Athlete) Workouts() []training.Workout { return a.workouts }

// Workout is the workout of index i, to log.
func (a *Athlete) Workout(i int) *training.Workout { return &a.workouts[i] }

// On are the indexes of day's workouts.
func (a *Athlete) On(day time.Time) []int {
	if k := a.index(day); k >= 0 && k < len(a.byDay) {
		return a.byDay[k]
	}
	return nil
}

// CheckIns are the athlete's check-ins, in day order.
func (a *Athlete) CheckIns() []training.CheckIn { return a.checkIns }

// AddCheckIn adds a check-in of a day after every one before it: read
// back, or made and judged.
func (a *Athlete) AddCheckIn(c training.CheckIn) {
	a.checkIns = append(a.checkIns, c)
	a.history = append(a.history, coaching.AsHistory(c))
}

// CheckedIn says whether the athlete has a check-in on day.
func (a *Athlete) CheckedIn(day time.Time) bool {
	_, ok := a.checkInOn(day)
	return ok
}

func (a *Athlete) checkInOn(day time.Time) (int, bool) {
	return slices.BinarySearchFunc(a.checkIns, day, func(c training.CheckIn, d time.Time) int { return c.Day.Compare(d) })
}

// LightOn is the verdict of day's check-in: "" without one.
func (a *Athlete) LightOn(day time.Time) string {
	i, ok := a.checkInOn(day)
	if !ok {
		return ""
	}
	return a.checkIns[i].Light
}

// State is the load state at the end of day, which the workouts of every
// day up to it must be logged for: a day is judged on the day before.
func (a *Athlete) State(day time.Time) load.State {
	for ; !a.next.After(day); a.next = a.next.AddDate(0, 0, 1) {
		ids := a.On(a.next)
		if len(ids) == 0 {
			continue
		}
		l := 0.0 // a day with workouts has a state, load or not
		for _, i := range ids {
			l += load.Logged(a.workouts[i].Log)
		}
		a.state = load.Advance(a.state, a.next, l)
	}
	return a.state.At(day)
}

// DayLoad is the load of day's done workouts.
func (a *Athlete) DayLoad(day time.Time) float64 {
	l := 0.0
	for _, i := range a.On(day) {
		l += load.Logged(a.workouts[i].Log)
	}
	return l
}

// Judge is c with the verdict the app gives it (coaching.JudgeWith on the
// athlete's check-ins and workouts, without the red flags unless New asked
// for them), reading only the days a verdict reads.
func (a *Athlete) Judge(c training.CheckIn) training.CheckIn {
	yesterday := c.Day.AddDate(0, 0, -1)
	acwr := a.State(yesterday).RatioOrZero()
	from := c.Day.AddDate(0, 0, -coaching.BaselineDays)
	cmp := func(h training.CheckIn, d time.Time) int { return h.Day.Compare(d) }
	lo, _ := slices.BinarySearchFunc(a.checkIns, from, cmp)
	hi, _ := slices.BinarySearchFunc(a.checkIns, c.Day, cmp)

	// The workouts of the red flags' three weeks, when they are read, and
	// yesterday's last: its recovery done too hard.
	a.recent = a.recent[:0]
	if a.redFlags {
		for d := c.Day.AddDate(0, 0, -coaching.PatternDays); d.Before(yesterday); d = d.AddDate(0, 0, 1) {
			for _, i := range a.On(d) {
				a.recent = append(a.recent, a.workouts[i])
			}
		}
	}
	n := len(a.recent)
	for _, i := range a.On(yesterday) {
		a.recent = append(a.recent, a.workouts[i])
	}
	missed := coaching.MissedRecovery(a.recent[n:], c.Day, a.zone2)
	var pattern readiness.Pattern
	if a.redFlags {
		pattern = coaching.PatternOf(c, a.checkIns[lo:hi], a.recent)
	}
	return coaching.VerdictOn(c, a.history[lo:hi], acwr, missed, pattern)
}
