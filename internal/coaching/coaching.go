// Package coaching is what the app does with a check-in once it has one:
// it judges the day against the athlete's own history and recent training
// load (package readiness, package load), and after an amber or red day it
// proposes the change its reasons call for in the coming week, for the
// coach to review (package plan's response engine). The web handlers and
// the demo seeder both call it, so a check-in gets the same verdict and
// the same proposal however it arrives.
//
// The pure functions (JudgeWith, Verdict, ACWROn, ACWRByDay, ProposalFor,
// Upcoming) work on data already loaded; Judge, Save, Propose and Import
// load it from the store (the load ratio from the state the database
// keeps per day), read the same windows, and save the outcome.
package coaching

import (
	"context"
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"rebound/internal/load"
	"rebound/internal/plan"
	"rebound/internal/readiness"
	"rebound/internal/store"
	"rebound/internal/training"
	"rebound/internal/zones"
)

// BaselineDays is how far back a verdict reads check-ins: the HRV normal
// range spans 60 days, and yesterday is judged again on its own 60 for
// the converging rule (package readiness).
const BaselineDays = 61

// Judge works out a check-in's verdict from the athlete's own history and
// training load, as stored: the check-ins of the BaselineDays before, the
// load state at the end of the day before (the database keeps it with
// every workout written, package load's State; the check-in comes before
// the day's training), and the recovery done too hard the day before.
func Judge(ctx context.Context, st *store.Store, actor store.User, c training.CheckIn) (training.CheckIn, error) {
	sc, err := st.ScoringHistory(ctx, actor, c.AthleteID, c.Day.AddDate(0, 0, -BaselineDays), c.Day)
	if err != nil {
		return c, err
	}
	zone2 := zones.Zone2CeilingHR(sc.ThresholdHR, sc.MaxHR)
	return Verdict(c, sc.History, sc.Load.RatioOrZero(), MissedRecovery(sc.Recent, c.Day, zone2), sc.Recent), nil
}

// JudgeWith is Judge on data already loaded: of checkIns it reads the days
// Judge would load, and of workouts every one up to the day before, from
// the athlete's first (the load state runs from there); any order, others
// are ignored. zone2CeilingHR is the athlete's (zones.Zone2CeilingHR).
func JudgeWith(c training.CheckIn, checkIns []training.CheckIn, workouts []training.Workout, zone2CeilingHR int) training.CheckIn {
	from := c.Day.AddDate(0, 0, -BaselineDays)
	var history []training.CheckIn
	for _, h := range checkIns {
		if !h.Day.Before(from) && h.Day.Before(c.Day) {
			history = append(history, h)
		}
	}
	return Verdict(c, history, ACWROn(workouts, c.Day.AddDate(0, 0, -1)), MissedRecovery(workouts, c.Day, zone2CeilingHR), workouts)
}

// MissedRecovery says in words which recovery workouts of the day before
// day were done too hard, for readiness.Input.MissedRecovery; "" when
// none was. A recovery workout is of kind recovery, or protected; too hard
// is load.RecoveryTooHard, as on the dashboard and the week (an RPE above
// 3, or an average HR above the zone 2 ceiling when both are known).
// workouts may hold other days: only the day before's are read.
func MissedRecovery(workouts []training.Workout, day time.Time, zone2CeilingHR int) string {
	yesterday := day.AddDate(0, 0, -1)
	var hard []string
	for _, w := range workouts {
		if !w.Day.Equal(yesterday) || w.Status != "done" || w.Kind != "recovery" && !w.Protected ||
			!load.RecoveryTooHard(w.Log.RPE, w.Log.AvgHR, zone2CeilingHR) {
			continue
		}
		what := w.Title
		if !w.Log.Unrated { // a file's heart rate alone judged it
			what += " at RPE " + strconv.FormatFloat(w.Log.RPE, 'f', -1, 64)
		}
		if w.Log.AvgHR > 0 && zone2CeilingHR > 0 {
			what += fmt.Sprintf(", %d bpm average (zone 2 ends at %d)", w.Log.AvgHR, zone2CeilingHR)
		}
		hard = append(hard, what)
	}
	if len(hard) == 0 {
		return ""
	}
	return "Recovery done too hard yesterday: " + strings.Join(hard, "; ")
}

// Verdict scores c against the check-ins before it, the load ratio at the
// end of the day before, the recovery done too hard then (MissedRecovery)
// and the red flags of the weeks before (PatternOf, from the workouts done
// in them; others are ignored).
func Verdict(c training.CheckIn, history []training.CheckIn, acwr float64, missedRecovery string, workouts []training.Workout) training.CheckIn {
	rs := make([]readiness.Answers, len(history))
	for i, h := range history {
		rs[i] = AsHistory(h)
	}
	return VerdictOn(c, rs, acwr, missedRecovery, PatternOf(c, history, workouts))
}

// VerdictOn is Verdict on a history already turned into what package
// readiness reads (AsHistory), with the red flags read already
// (PatternOf) or none: the simulation engine (package sim) keeps its
// history so, and the load data it makes leaves the flags out for speed.
func VerdictOn(c training.CheckIn, history []readiness.Answers, acwr float64, missedRecovery string, pattern readiness.Pattern) training.CheckIn {
	in := readiness.Input{Today: ToReadiness(c), ACWR: acwr, MissedRecovery: missedRecovery, History: history, Pattern: pattern}
	res := readiness.Score(in)
	c.Score, c.Light, c.Reasons = res.Score, string(res.Light), nil
	for _, r := range res.Reasons {
		c.Reasons = append(c.Reasons, training.Reason{Light: string(r.Light), Code: r.Code, Text: r.Text, Areas: r.Areas, Flags: r.Flags})
	}
	return c
}

// PatternDays is how far back the red flags read done workouts.
const PatternDays = 21

// PatternOf reads the red flags of the weeks up to c's day (package
// readiness's Patterns) from c, the check-ins before it and the athlete's
// workouts: the done ones of the 21 days before c's day are its sessions,
// and those days without one its rest days.
func PatternOf(c training.CheckIn, history []training.CheckIn, workouts []training.Workout) readiness.Pattern {
	in := readiness.PatternInput{Today: c.Day, CheckIns: make([]readiness.Answers, 0, len(history)+1),
		SorenessAreas: map[time.Time][]string{}}
	weekAgo := c.Day.AddDate(0, 0, -7)
	for i := 0; i <= len(history); i++ { // the history, then c: without copying the history to append c
		h := &c
		if i < len(history) {
			h = &history[i]
		}
		if !h.Answered {
			continue // an import's row holds no answers
		}
		in.CheckIns = append(in.CheckIns, ToReadiness(*h))
		if !h.Day.Before(weekAgo) && len(h.SorenessAreas) > 0 {
			in.SorenessAreas[h.Day] = h.SorenessAreas
		}
	}
	from := c.Day.AddDate(0, 0, -PatternDays)
	trained := map[time.Time]bool{}
	for _, w := range workouts {
		if w.Status != "done" || w.Day.Before(from) || !w.Day.Before(c.Day) {
			continue
		}
		trained[w.Day] = true
		if w.Log.Unrated {
			continue // from a file, not rated yet: no RPE to hold against its target
		}
		in.Sessions = append(in.Sessions, readiness.Session{Day: w.Day, Kind: w.Kind, TargetRPE: w.TargetRPE, RPE: w.Log.RPE})
	}
	for d := from; d.Before(c.Day); d = d.AddDate(0, 0, 1) {
		if !trained[d] {
			in.RestDays = append(in.RestDays, d)
		}
	}
	return readiness.Patterns(in)
}

// AsHistory is a check-in before the one judged as package readiness
// reads it: ToReadiness, but an import without sleep is not a sleepless
// night.
func AsHistory(c training.CheckIn) readiness.Answers {
	r := ToReadiness(c)
	if !c.Answered && c.SleepHours == 0 {
		r.SleepHours = math.NaN()
	}
	return r
}

// ToReadiness is a stored check-in as package readiness reads it.
func ToReadiness(c training.CheckIn) readiness.Answers {
	return readiness.Answers{Day: c.Day, SleepHours: c.SleepHours, SleepQuality: c.SleepQuality, Fatigue: c.Fatigue,
		Soreness: c.Soreness, Stress: c.Stress, Mood: c.Mood, Motivation: c.Motivation, RestingHR: c.RestingHR, HRV: c.HRV,
		Illness: c.Illness, IllnessSite: c.IllnessSite, Injury: c.Injury, InjuryAreas: c.InjuryAreas}
}

// ACWROn is the acute:chronic load ratio at the end of day from the
// athlete's workouts (all of them up to the day, from the first); 0
// without four weeks of history.
func ACWROn(workouts []training.Workout, day time.Time) float64 { return ACWRByDay(workouts, day)(day) }

// ACWRByDay works out the load state of every day with workouts up to
// `to` once, as the database does (one step per such day, the day's done
// workouts' load), and looks days up in it: the acute:chronic ratio at
// the end of the day, 0 where there are not yet four weeks of history.
func ACWRByDay(workouts []training.Workout, to time.Time) func(time.Time) float64 {
	daily := map[time.Time]float64{}
	for _, wo := range workouts {
		if wo.Day.After(to) {
			continue
		}
		d := load.Day(wo.Day)
		l := daily[d] // a day with workouts has a state, load or not
		l += load.Logged(wo.Log)
		daily[d] = l
	}
	days := slices.SortedFunc(maps.Keys(daily), time.Time.Compare)
	states := make([]load.State, 0, len(days))
	var s load.State
	for _, d := range days {
		s = load.Advance(s, d, daily[d])
		states = append(states, s)
	}
	return func(day time.Time) float64 { return load.On(states, day).RatioOrZero() }
}

// Import stores wearable measurements for the athlete's days (today the
// athlete's local day) and works out again, as Judge would, the verdicts
// of the answered check-ins from the earliest imported day on, which were
// judged without them: in one transaction, reading the rows as written,
// so an import is never saved without its verdicts.
func Import(ctx context.Context, st *store.Store, actor store.User, athleteID int64, ms []store.Measurement, today time.Time) error {
	first := today
	for _, m := range ms {
		if m.Day.Before(first) {
			first = m.Day
		}
	}
	return st.ImportMeasurements(ctx, actor, athleteID, ms, func(ctx context.Context, j store.Judging) ([]training.CheckIn, error) {
		return rescored(ctx, j, actor, athleteID, first, today)
	})
}

// rescored returns the new verdicts of the athlete's answered check-ins
// from day first to today, as Judge would work them out on what j reads.
func rescored(ctx context.Context, j store.Judging, actor store.User, athleteID int64, first, today time.Time) ([]training.CheckIn, error) {
	all, err := j.CheckIns(ctx, actor, athleteID, first.AddDate(0, 0, -BaselineDays), today)
	if err != nil {
		return nil, err
	}
	days, err := j.Days(ctx, actor, athleteID, first, today)
	if err != nil {
		return nil, err
	}
	workouts, err := j.Workouts(ctx, actor, athleteID, first.AddDate(0, 0, -PatternDays), today.AddDate(0, 0, -1))
	if err != nil {
		return nil, err
	}
	a, err := j.Athlete(ctx, actor, athleteID)
	if err != nil {
		return nil, err
	}
	zone2 := zones.Zone2CeilingHR(a.ThresholdHR, a.MaxHR)
	acwr := func(day time.Time) float64 { return days.State(day.AddDate(0, 0, -1)).RatioOrZero() }
	var changed []training.CheckIn
	for i, c := range all {
		if !c.Answered || c.Day.Before(first) {
			continue
		}
		from := 0
		for from < i && all[from].Day.Before(c.Day.AddDate(0, 0, -BaselineDays)) {
			from++
		}
		changed = append(changed, Verdict(c, all[from:i], acwr(c.Day), MissedRecovery(workouts, c.Day, zone2), workouts))
	}
	return changed, nil
}

// The days a proposal reads around the check-in's day: the two before
// (their key workouts count for spacing) and the six after.
const (
	proposalBefore = 2
	proposalAfter  = 6
)

// Save stores the judged check-in c with what it leads to (as Propose),
// the two writes in one round trip and transaction.
func Save(ctx context.Context, st *store.Store, athlete store.User, c training.CheckIn) error {
	p, ok, err := proposal(ctx, st, athlete, c)
	if err != nil {
		return err
	}
	if !ok {
		return st.SaveCheckInAndProposal(ctx, athlete, c, nil)
	}
	return st.SaveCheckInAndProposal(ctx, athlete, c, &p)
}

// Propose works out, after the athlete's stored check-in c, the changes
// its reasons call for in the coming week, for the coach to review; a
// green check-in, or one that calls for no change, withdraws what is
// pending. The
// actor is the athlete: proposals follow their own check-ins.
func Propose(ctx context.Context, st *store.Store, athlete store.User, c training.CheckIn) error {
	p, ok, err := proposal(ctx, st, athlete, c)
	if err != nil {
		return err
	}
	if !ok {
		return st.RetireProposals(ctx, athlete, c.AthleteID)
	}
	return st.SaveProposal(ctx, athlete, p)
}

// proposal loads the workouts an amber or red check-in c may change and
// works out its proposal (ProposalFor); a green one reads nothing.
func proposal(ctx context.Context, st *store.Store, athlete store.User, c training.CheckIn) (store.Proposal, bool, error) {
	if !calls(c.Light) {
		return store.Proposal{}, false, nil
	}
	if i := slices.IndexFunc(c.Reasons, isPattern); i >= 0 {
		flags, applied, at, err := st.DecidedPattern(ctx, athlete, c.AthleteID, c.Day.AddDate(0, 0, -PatternDays))
		if err != nil {
			return store.Proposal{}, false, err
		}
		// The flags look back three weeks and stay raised for a while: a
		// cutback applied runs its week before another is proposed, and
		// one the coach dismissed is not proposed again for the same
		// flags (a new flag asks again).
		subset := !slices.ContainsFunc(c.Reasons[i].Flags, func(f string) bool { return !slices.Contains(flags, f) })
		if len(flags) > 0 && (applied && at.After(c.Day.AddDate(0, 0, -7)) || !applied && subset) {
			c.Reasons = slices.Delete(slices.Clone(c.Reasons), i, i+1)
		}
	}
	list, err := st.Workouts(ctx, athlete, c.AthleteID, c.Day.AddDate(0, 0, -proposalBefore), c.Day.AddDate(0, 0, proposalAfter))
	if err != nil {
		return store.Proposal{}, false, err
	}
	p, ok := ProposalFor(c, athlete.Name, list)
	return p, ok, nil
}

// isPattern reports whether r is an overreaching pattern's.
func isPattern(r training.Reason) bool { return r.Code == readiness.CodePattern }

// calls reports whether a check-in of this light calls for a proposal.
func calls(light string) bool { return light == "amber" || light == "red" }

// ProposalFor is the proposal an amber or red check-in c of the athlete
// called name makes from the athlete's workouts (those Propose would load
// are read; others are ignored): package plan's response to each of the
// check-in's reasons. ok is false when c is green or nothing needs to
// change.
func ProposalFor(c training.CheckIn, name string, workouts []training.Workout) (p store.Proposal, ok bool) {
	if !calls(c.Light) {
		return p, false
	}
	from, to := c.Day.AddDate(0, 0, -proposalBefore), c.Day.AddDate(0, 0, proposalAfter)
	var list []training.Workout
	for _, w := range workouts {
		if !w.Day.Before(from) && !w.Day.After(to) {
			list = append(list, w)
		}
	}
	res := plan.Respond(plan.RespondInput{Days: Upcoming(list), From: c.Day, Causes: Causes(c.Reasons), Who: training.FirstName(name)})
	if len(res.Adjustments) == 0 {
		return p, false
	}
	p = store.Proposal{AthleteID: c.AthleteID, CheckInDay: c.Day, Light: c.Light, Reason: reasonWords(c),
		Rules: res.Rules, Adjustments: res.Adjustments, Note: res.Note}
	if i := slices.IndexFunc(c.Reasons, isPattern); i >= 0 && res.Cutback {
		p.Pattern = c.Reasons[i].Flags
	}
	return p, true
}

// Causes are a verdict's reasons as the response engine reads them.
func Causes(reasons []training.Reason) []plan.Cause {
	out := make([]plan.Cause, 0, len(reasons))
	for _, r := range reasons {
		out = append(out, plan.Cause{Code: r.Code, Light: r.Light, Areas: r.Areas, Flags: r.Flags})
	}
	return out
}

// reasonWords is the check-in's light and its amber and red reasons:
// "Red check-in: Reported illness; Slept 4 h 30 min (under 6 h)".
func reasonWords(c training.CheckIn) string {
	var texts []string
	for _, r := range c.Reasons {
		if calls(r.Light) {
			texts = append(texts, r.Text)
		}
	}
	s := lightWords(c.Light) + " check-in"
	if len(texts) > 0 {
		s += ": " + strings.Join(texts, "; ")
	}
	return s
}

// lightWords is a light as a sentence starts with it: "Amber".
func lightWords(light string) string {
	if light == "" {
		return ""
	}
	return strings.ToUpper(light[:1]) + light[1:]
}

// Upcoming turns workouts into what the response engine reads.
func Upcoming(list []training.Workout) []plan.Upcoming {
	out := make([]plan.Upcoming, 0, len(list))
	for _, w := range list {
		out = append(out, plan.FromWorkout(w))
	}
	return out
}
