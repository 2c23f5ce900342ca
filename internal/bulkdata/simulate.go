package bulkdata

import (
	"math"
	"slices"
	"time"

	"rebound/internal/plan"
	"rebound/internal/sim"
	"rebound/internal/training"
)

// meta is what the workouts table keeps of a workout beyond
// training.Workout: when the row was made and last changed.
type meta struct{ created, updated time.Time }

// history is one athlete's simulation on the engine (package sim). Its
// day offsets k count from t0, the first day of their first plan (or of
// the history, if later).
type history struct {
	a         *athlete
	t0        time.Time
	firstIdx  int // the first day of check-ins
	n         int // days simulated: t0 … today
	now       time.Time
	sick      []float64 // how ill, 0–1
	ill, hurt []bool    // reports illness, injury
	hurtLevel []float64
	away      []bool // on holiday: no check-ins, workouts not logged
	days      *sim.Athlete
	body      sim.Body // what logs are drawn from
	meta      []meta   // by index into days.Workouts
}

// simulate lives the athlete's days from their first plan to today: each
// morning a check-in, judged as the app judges it, each evening the day's
// workouts logged (or skipped, or forgotten). Days after today keep their
// planned workouts. It returns the workouts with their rows' meta, and the
// check-ins.
func simulate(a *athlete, blocks []*block, first, today, now time.Time) ([]training.Workout, []meta, []training.CheckIn) {
	t0 := first
	if len(blocks) > 0 && blocks[0].start.Before(t0) {
		t0 = blocks[0].start
	}
	body := sim.BodyOf(a.Profile)
	h := &history{a: a, t0: t0, now: now, days: sim.New(t0, body.Zone2(), false), body: body}
	if body.MaxHR == 0 && body.ThresholdHR == 0 {
		h.body.MaxHR = int(208 - 0.7*float64(2026-a.BirthYear)) // a heart rate from age, for the logs only
	}
	h.n = h.idx(today) + 1
	h.firstIdx = h.idx(first)
	h.episodes()
	h.plannedWorkouts(blocks)
	for k := range h.n {
		light := ""
		if k >= h.firstIdx {
			light = h.morning(k)
		}
		if k < h.n-1 { // today's workouts are still ahead
			h.evening(k, light)
		}
	}
	return h.days.Workouts(), h.meta, h.days.CheckIns()
}

func (h *history) idx(d time.Time) int { return int(d.Sub(h.t0).Hours()+12) / 24 }

func (h *history) day(k int) time.Time { return h.t0.AddDate(0, 0, k) }

// at is hour:minute of day offset k in the athlete's zone, never after now.
func (h *history) at(k, hour, minute int) time.Time {
	return sim.Clamp(sim.At(h.day(k), h.a.loc, hour, minute), h.now)
}

// episodes draws the athlete's illnesses (about two and a half a year,
// reported as ill for their first days), an injury (one athlete in six
// over two years) and holidays (about one and a half a year).
func (h *history) episodes() {
	rng := h.a.rng
	h.sick = make([]float64, h.n)
	h.ill = make([]bool, h.n)
	h.hurt = make([]bool, h.n)
	h.hurtLevel = make([]float64, h.n)
	h.away = make([]bool, h.n)
	for k := 0; k < h.n; k++ {
		const illness, injury, holiday = 2.5 / 365, 0.17 / 730, 1.5 / 365 // chances of one starting on a day
		switch u := rng.Float64(); {
		case u < illness:
			if h.sick[k] > 0 {
				continue // ill already
			}
			length, flagged := 4+rng.IntN(6), 2+rng.IntN(3)
			for i := range length {
				if k+i >= h.n {
					break
				}
				h.sick[k+i] = max(h.sick[k+i], math.Max(0.15, 1-float64(max(0, i-flagged+1))*0.25))
				h.ill[k+i] = h.ill[k+i] || i < flagged
			}
		case u < illness+injury:
			length, flagged := 7+rng.IntN(15), 3+rng.IntN(6)
			for i := range length {
				if k+i >= h.n {
					break
				}
				h.hurtLevel[k+i] = math.Max(0.1, 1-float64(i)/float64(length))
				h.hurt[k+i] = i < flagged
			}
		case u < illness+injury+holiday:
			for i := range 5 + rng.IntN(6) {
				if k+i < h.n {
					h.away[k+i] = true
				}
			}
		}
	}
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

var notesIll = []string{"Sore throat and a blocked nose.", "Fever last night, staying in bed.", "Stomach bug.",
	"Head cold, feeling rough."}
var notesHurt = []string{"Left calf tight since the last run.", "Knee sore on the stairs.", "Rolled my ankle.",
	"Lower back stiff after lifting."}
var notesDay = []string{"Late night at work.", "Travelling today.", "Kids up in the night.", "Feeling fresh!",
	"Legs heavy from yesterday.", "Busy week, stressed.", "Slept badly, too hot.", "Great sleep."}

var sportAreas = map[plan.Sport][]string{
	plan.Run:       {"calves", "quads", "hamstrings", "shins", "knees", "feet", "hips"},
	plan.Bike:      {"quads", "lower_back", "neck", "glutes", "knees"},
	plan.Triathlon: {"shoulders", "calves", "quads", "lower_back", "hamstrings"},
	plan.Strength:  {"glutes", "hamstrings", "shoulders", "upper_back", "arms", "lower_back"},
}

// morning makes the day's check-in, if the athlete makes one, and
// returns its light.
func (h *history) morning(k int) string {
	a, rng := h.a, h.a.rng
	rate := a.checkInRate
	switch {
	case h.away[k] || a.quietDays > 0 && k > h.n-1-a.quietDays:
		return ""
	case k == h.n-1:
		rate /= 2 // today: some have not checked in yet
	case h.sick[k] > 0:
		rate = min(1, rate+0.1)
	}
	if rng.Float64() >= rate {
		return ""
	}
	// How they feel follows their own load (as the app keeps it, at the
	// end of yesterday) and yesterday's session.
	yesterday := h.day(k - 1)
	st := h.days.State(yesterday)
	form := 0.0
	if st.Chronic > 0 {
		form = (st.Acute - st.Chronic) / max(st.Chronic, 50)
	}
	form = min(max(form, -0.5), 1.5)
	last := min(h.days.DayLoad(yesterday)/max(st.Chronic, 50), 3)
	sick, hurt := h.sick[k], h.hurtLevel[k]
	tired := 0.5*max(form, 0) + 0.15*last + 1.5*sick + 0.8*hurt
	item := func(base, sd, minus float64) int {
		return min(max(int(math.Round(base+rng.NormFloat64()*sd-minus)), 1), 5)
	}
	c := training.CheckIn{
		Day:          h.day(k),
		Answered:     true,
		SleepQuality: item(a.itemBase, 0.55, 0.6*sick+0.3*tired),
		Fatigue:      item(a.itemBase, 0.5, tired),
		Soreness:     item(a.itemBase, 0.5, 0.3*last+1.5*hurt),
		Stress:       item(a.itemBase, 0.55, 0.2*sick),
		Mood:         item(a.itemBase, 0.5, 0.5*sick+0.2*tired),
		Motivation:   item(a.itemBase+0.2, 0.5, 0.4*sick+0.3*max(form, 0)),
		Illness:      h.ill[k],
		Injury:       h.hurt[k],
	}
	sleep := a.sleepBase + rng.NormFloat64()*0.5 - 0.5*sick
	if rng.IntN(40) == 0 {
		sleep = 4.5 + rng.Float64()*1.25 // a short night
	}
	c.SleepHours = min(max(math.Round(sleep*4)/4, 3), 11)
	if rng.Float64() < a.rhrRate {
		c.RestingHR = min(max(int(math.Round(a.rhrBase+rng.NormFloat64()*1.8+9*sick+3*max(form, 0))), 30), 120)
	}
	if rng.Float64() < a.hrvRate {
		hrv := math.Exp(a.lnHRVBase + rng.NormFloat64()*0.1 - 0.35*sick - 0.12*max(form, 0) - 0.05*last)
		c.HRV = min(max(math.Round(hrv*10)/10, 5), 250) // as numeric(5,1) keeps it
	}
	c.UpdatedAt = h.at(k, 6+rng.IntN(3), rng.IntN(60))
	if c.Soreness <= 2 {
		areas := sportAreas[a.sport]
		c.SorenessAreas = []string{areas[rng.IntN(len(areas))]}
		if other := areas[rng.IntN(len(areas))]; rng.IntN(2) == 0 && other != c.SorenessAreas[0] {
			c.SorenessAreas = append(c.SorenessAreas, other)
		}
	}
	switch {
	case c.Illness && rng.IntN(2) == 0:
		c.Notes = notesIll[rng.IntN(len(notesIll))]
	case c.Injury && rng.IntN(2) == 0:
		c.Notes = notesHurt[rng.IntN(len(notesHurt))]
	case rng.IntN(30) == 0:
		c.Notes = notesDay[rng.IntN(len(notesDay))]
	}
	c = h.days.Judge(c)
	h.days.AddCheckIn(c)
	return c.Light
}

// evening logs the day's workouts: done (mostly as planned, now and then
// a recovery workout too hard), skipped, or left unlogged; on holiday or
// ill most are not done. light is the morning's check-in, if any: after a
// red one a key workout is often skipped.
func (h *history) evening(k int, light string) {
	a, rng := h.a, h.a.rng
	for _, i := range h.days.On(h.day(k)) {
		w := h.days.Workout(i)
		if w.Kind == "rest" {
			continue
		}
		status := "done"
		switch u := rng.Float64(); {
		case w.Kind == "race" && h.sick[k] < 0.5:
		case h.away[k]:
			status = "planned"
			if u < 0.3 {
				status = "skipped"
			}
		case h.ill[k] || h.sick[k] > 0.5:
			if u < 0.85 {
				status = "skipped"
			}
		case h.hurt[k]:
			if u < 0.7 {
				status = "skipped"
			}
		case light == "red" && w.Key && u < 0.5:
			status = "skipped"
		case u < a.skipRate:
			status = "skipped"
		case u < a.skipRate+(1-a.logRate):
			status = "planned" // done or not, never logged
		}
		w.Status = status
		if status == "planned" {
			continue
		}
		w.Version = 2
		logged := h.at(k, 18+rng.IntN(5), rng.IntN(60))
		if rng.IntN(5) == 0 {
			logged = h.at(k+1, 7+rng.IntN(5), rng.IntN(60))
		}
		w.LoggedAt, h.meta[i].updated = &logged, logged
		if status == "skipped" {
			w.Log.Status = "skipped"
			if rng.IntN(4) == 0 {
				w.Log.Notes = []string{"No time today.", "Felt unwell.", "Work ran late.", "Too tired, rested instead."}[rng.IntN(4)]
			}
			continue
		}
		h.log(k, w, w.PlannedDurationS/60)
	}
	if !h.away[k] && h.sick[k] == 0 && rng.IntN(30) == 0 {
		h.extra(k)
	}
}

// log fills in a done workout with the engine's effort: time near the
// planned (20 minutes at least), RPE near its target, heart rate where the
// athlete wears a strap, distance. An illness cuts it short and makes it
// harder; a recovery workout is run too hard one time in six, and a race
// is raced.
func (h *history) log(k int, w *training.Workout, planMin int) {
	rng := h.a.rng
	e := h.body.Effort(*w, rng.IntN(100) < 65, rng)
	factor := e.Factor
	if h.sick[k] > 0 {
		factor *= 0.7
	}
	minutes := math.Round(float64(max(planMin, 20)) * factor)
	rpe := e.RPE + math.Round(1.5*h.sick[k])
	switch {
	case w.Kind == "recovery" && rng.IntN(6) == 0:
		rpe = 4 + float64(rng.IntN(3))
		if e.AvgHR > 0 {
			e.AvgHR = h.body.TooHardHR(rng)
		}
	case w.Kind == "race":
		rpe = 8 + float64(rng.IntN(3))
	}
	w.Log = training.Log{Status: "done", DurationS: max(60, int(minutes)*60), RPE: min(max(rpe, 1), 10), AvgHR: e.AvgHR,
		DistanceM: h.body.Distance(*w, minutes, factor, rng)}
	if rng.IntN(20) == 0 {
		w.Log.Notes = []string{"Felt strong.", "Windy out there.", "Legs heavy.", "Hot and humid.", "Good session.",
			"Cut it a bit short."}[rng.IntN(6)]
	}
}

// extra is a workout logged without a plan: an easy session the athlete
// felt like doing.
func (h *history) extra(k int) {
	a, rng := h.a, h.a.rng
	minutes := 20 + 5*rng.IntN(13)
	w := training.Workout{Day: h.day(k), Status: "done", Prescription: training.Prescription{Kind: "easy"}, Version: 1}
	switch a.Sports[rng.IntN(len(a.Sports))] {
	case "run":
		w.Sport, w.Title = "run", "Easy run"
	case "bike":
		w.Sport, w.Title = "bike", "Easy spin"
	case "swim":
		w.Sport, w.Title = "swim", "Easy swim"
	default:
		w.Sport, w.Kind, w.Title = "other", "cross_training", "Hike"
	}
	made := h.at(k, 19, rng.IntN(60))
	w.LoggedAt = &made
	h.log(k, &w, minutes)
	h.days.AddWorkout(w)
	h.meta = append(h.meta, meta{created: made, updated: made})
}
