package bulkdata

import (
	"slices"
	"time"

	"rebound/internal/plan"
	"rebound/internal/sim"
	"rebound/internal/training"
)

// meta is what the workouts table keeps of a workout beyond
// training.Workout: when the row was made and last changed.
type meta struct{ created, updated time.Time }

// history is one athlete's simulation on the engine (package sim).
type history struct {
	a    *athlete
	t0   time.Time // the first day of their first plan (or of the history, if later)
	days *sim.Athlete
	meta []meta // by index into days.Workouts
}

// simulate lives the athlete's days from their first plan to today on the
// engine: each morning a check-in, judged as the app judges it, each
// evening the day's workouts logged (or skipped, or forgotten), through
// the episodes drawn for them. Days after today keep their planned
// workouts. It returns the workouts with their rows' meta, and the
// check-ins.
func simulate(a *athlete, blocks []*block, first, today, now time.Time) ([]training.Workout, []meta, []training.CheckIn) {
	t0 := first
	if len(blocks) > 0 && blocks[0].start.Before(t0) {
		t0 = blocks[0].start
	}
	body := sim.BodyOf(a.Profile)
	if body.MaxHR == 0 && body.ThresholdHR == 0 {
		body.MaxHR = int(208 - 0.7*float64(2026-a.BirthYear)) // a heart rate from age, for the logs only
	}
	h := &history{a: a, t0: t0, days: sim.New(t0, sim.BodyOf(a.Profile).Zone2(), false)}
	h.plannedWorkouts(blocks)
	p := &sim.Person{Streams: a.streams, AthleteID: a.id, Days: h.days, Body: body, Usual: a.usual, Habits: a.habits,
		Sports: a.Sports, Episodes: h.episodes(blocks, today), Loc: a.loc, Today: today, Now: now}
	logged := func(i int, at time.Time) {
		w := h.days.Workout(i)
		w.Version, w.LoggedAt, h.meta[i].updated = 2, &at, at
	}
	for d := t0; !d.After(today); d = d.AddDate(0, 0, 1) {
		if !d.Before(first) && p.ChecksIn(d) {
			p.Morning(d, nil)
		}
		p.Evening(d, logged)
		if _, at, ok := p.Unplanned(d); ok {
			h.meta = append(h.meta, meta{created: at, updated: at})
		}
	}
	return h.days.Workouts(), h.meta, h.days.CheckIns()
}

// episodes draws the athlete's episodes from the first day to today:
// illnesses (about two and a half a year), an injury (one athlete in six
// over two years), holidays (about one and a half a year), now and then a
// few weeks of overreaching; the taper before each goal event; and, for a
// few, going quiet in the last weeks.
func (h *history) episodes(blocks []*block, today time.Time) []sim.Episode {
	rng := h.a.rng
	var list []sim.Episode
	add := func(kind sim.Kind, d time.Time, days, flagged int) {
		list = append(list, sim.Episode{Kind: kind, From: d, To: d.AddDate(0, 0, days-1), Flagged: flagged})
	}
	var well time.Time // the day after the last illness
	for d := h.t0; !d.After(today); d = d.AddDate(0, 0, 1) {
		const illness, injury, holiday, overreaching = 2.5 / 365, 0.17 / 730, 1.5 / 365, 0.3 / 365 // chances of one starting on a day
		switch u := rng.Float64(); {
		case u < illness:
			if d.Before(well) {
				continue // ill already
			}
			days := 4 + rng.IntN(6)
			add(sim.Illness, d, days, 2+rng.IntN(3))
			well = d.AddDate(0, 0, days)
		case u < illness+injury:
			add(sim.Injury, d, 7+rng.IntN(15), 3+rng.IntN(6))
		case u < illness+injury+holiday:
			add(sim.Away, d, 5+rng.IntN(6), 0)
		case u < illness+injury+holiday+overreaching:
			add(sim.Overreaching, d, 22, 0)
		}
	}
	for _, b := range blocks {
		if b.event == nil {
			continue
		}
		for _, wk := range b.p.Weeks {
			if wk.Kind == plan.KindTaper {
				list = append(list, sim.Episode{Kind: sim.Taper, From: wk.Start, To: b.event.day})
				break
			}
		}
	}
	if q := h.a.quietDays; q > 0 {
		add(sim.Quiet, today.AddDate(0, 0, -q-14), q+15, q)
	}
	return list
}

// plannedWorkouts lays down every plan's workouts as the plan page saves
// them, and the ones the coach adds by hand: two short strength sessions
// a week for some athletes, an extra swim for triathletes.
func (h *history) plannedWorkouts(blocks []*block) {
	type row struct {
		w training.Workout
		m meta
	}
	var rows []row
	a := h.a
	for _, b := range blocks {
		made := meta{created: b.created, updated: b.created}
		for _, wk := range b.p.Weeks {
			for _, w := range wk.Workouts {
				rows = append(rows, row{training.Workout{Day: w.Date, PlanID: b.id, Prescription: training.Prescription{Sport: w.Sport, Kind: w.Kind,
					Title: w.Title, Description: w.Description, Structure: w.Structure, PlannedDurationS: w.Minutes * 60,
					PlannedDistanceM: w.DistanceM, TargetRPE: w.RPE, TargetZone: w.Zone}, Planned: true,
					Protected: w.Protected || w.Kind == "recovery", Key: w.Key, Status: "planned", Version: 1}, made})
			}
			for _, w := range wk.Workouts {
				easy := w.Kind == "easy" || w.Kind == "recovery"
				switch {
				case a.strength && easy && (w.Date.Weekday() == time.Tuesday || w.Date.Weekday() == time.Friday):
					rows = append(rows, row{training.Workout{Day: w.Date, Prescription: training.Prescription{Sport: "strength", Kind: "strength",
						Title: "Strength: legs and core", PlannedDurationS: 30 * 60, TargetRPE: 5,
						Description: "Goblet squats, split squats, single-leg deadlifts, calf raises, planks: 3 rounds, 2 reps short of failure."},
						Planned: true, Status: "planned", Version: 1}, made})
				case a.sport == plan.Triathlon && w.Kind == "easy" && w.Sport != "swim" &&
					(w.Date.Weekday() == time.Tuesday || w.Date.Weekday() == time.Thursday):
					rows = append(rows, row{training.Workout{Day: w.Date, Prescription: training.Prescription{Sport: "swim", Kind: "easy",
						Title: "Swim: drills 30 min", PlannedDurationS: 30 * 60, TargetRPE: 3, TargetZone: 2,
						Description: "Catch-up, fingertip drag and single-arm drills, 25 m each with 15 s rest; easy 200 to finish."},
						Planned: true, Status: "planned", Version: 1}, made})
				}
			}
		}
	}
	slices.SortStableFunc(rows, func(x, y row) int { return x.w.Day.Compare(y.w.Day) })
	workouts := make([]training.Workout, len(rows))
	h.meta = make([]meta, len(rows))
	for i, r := range rows {
		workouts[i], h.meta[i] = r.w, r.m
	}
	h.days.SetWorkouts(workouts)
}
