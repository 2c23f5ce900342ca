package sim

import (
	"math"
	"math/rand/v2"
	"time"

	"rebound/internal/training"
)

// Evening logs day d's planned workouts (rest days are not logged, and
// from today on they are still ahead): done, skipped or left unlogged, as
// the athlete's habits and the day's episodes and verdict have it. logged
// is told of each workout logged and when it was.
func (p *Person) Evening(d time.Time, logged func(i int, at time.Time)) {
	if !d.Before(p.Today) {
		return
	}
	light := p.Days.LightOn(d)
	for pos, i := range p.Days.On(d) {
		w := p.Days.Workout(i)
		if w.Status != "planned" || !w.Planned || w.Kind == "rest" {
			continue
		}
		r := p.Day(d, purposeEvening+uint64(pos))
		l, ok := p.logFor(*w, d, light, r)
		if !ok {
			continue
		}
		w.Status, w.Log = l.Status, l
		logged(i, Clamp(At(d, p.Loc, 17, 30).Add(time.Duration(r.IntN(210))*time.Minute), p.Now))
	}
}

// logFor is what the athlete logs of planned workout w on day d, after a
// morning of light ("" without a check-in); ok is false when they leave
// it unlogged.
func (p *Person) logFor(w training.Workout, d time.Time, light string, r *rand.Rand) (l training.Log, ok bool) {
	done := p.Habits.Done
	for e := range p.episodesOn(d) {
		switch e.Kind {
		case Quiet:
			leave := 0.0
			switch k := e.left(d); {
			case k <= e.Flagged:
				leave = 0.7
			case k <= e.Flagged+10:
				leave = 0.45
			}
			if chance(r, leave) {
				return l, false
			}
		case Away:
			if r.Float64() < 0.3 {
				return training.Log{Status: "skipped", Notes: "On holiday."}, true
			}
			return l, false
		case Illness:
			if e.ill(d) {
				return training.Log{Status: "skipped", Notes: "Ill: stayed in bed."}, true
			}
		case Injury:
			if e.since(d) < e.Flagged && r.Float64() < 0.7 {
				return training.Log{Status: "skipped", Notes: "Injured: resting it."}, true
			}
		case Taper:
			done = 1
		}
	}
	switch {
	case w.Kind == "race":
		// Raced, whatever else.
	case light == "red" && w.Key && chance(r, p.Habits.RestAfterRed):
		return training.Log{Status: "skipped", Notes: "Red this morning: rested instead."}, true
	default:
		u := r.Float64()
		if u >= done {
			l = training.Log{Status: "skipped"}
			if r.Float64() < 0.6 {
				l.Notes = pick(r, "Work ran late.", "Kid was ill, no time.", "Travel day.", "Felt run down, rested instead.", "Thunderstorm, stayed in.")
			}
			return l, true
		}
		if u >= done-(1-p.Habits.Logged) {
			return l, false // done or not, never logged
		}
	}
	planned := float64(w.PlannedDurationS) / 60
	if planned == 0 {
		planned = 40
	}
	return p.Done(w, d, planned, r), true
}

// Done is the log of workout w done on day d, meant to take planned
// minutes: the effort drawn from the athlete's body (package sim's
// Effort), bent by the day's episodes and habits.
func (p *Person) Done(w training.Workout, d time.Time, planned float64, r *rand.Rand) training.Log {
	l := training.Log{Status: "done"}
	e := p.Body.Effort(w, chance(r, p.Habits.Monitor), r)
	factor, rpe, hr := e.Factor, e.RPE, e.AvgHR
	var over, unwell, shifts bool
	notes := p.LongNotes
	if w.Kind != "long" {
		notes = nil
	}
	for ep := range p.episodesOn(d) {
		k := ep.left(d)
		switch ep.Kind {
		case Overreaching:
			over = over || w.Kind != "recovery"
			if k <= 10 {
				if over && hr > 0 {
					hr += 5
				}
				notes = []string{"Legs heavy from the start.", "HR high for the pace.", "Hard to get going today."}
			}
		case Illness:
			unwell = true // the day before, or the days after
		case ShiftWork:
			shifts = w.Kind != "recovery" && w.Kind != "mobility"
			notes = []string{"Felt much harder than it should have.", "Heavy legs again.", "Couldn't hold the pace."}
		case Taper:
			if k <= 10 {
				notes = []string{"Race pace felt easy.", "Legs feel fresh.", "Short and sharp, as planned."}
			}
		}
	}
	switch {
	case over:
		factor *= 1.12 // a little added to everything
		rpe = min(rpe+1, 10)
	case w.Kind == "recovery" && chance(r, p.Habits.TooHard):
		factor *= 1.15
		rpe = float64(5 + r.IntN(2))
		if hr > 0 {
			hr = p.Body.TooHardHR(r)
		}
		if r.Float64() < 0.45 {
			l.Notes = pick(r, "Felt good, so I picked up the pace.", "Ran with the club, couldn't hold back.",
				"Easy is boring; kept it steady.", "Legs felt fresh, pushed the last 2 km.")
		}
	case unwell:
		factor *= 0.8
		rpe = min(rpe+1, 10)
		l.Notes = "Felt flat, cut it short."
	case shifts:
		rpe = min(TargetRPE(w)+2, 10) // the same runs cost more
		if hr > 0 {
			hr += 4
		}
	case w.Kind == "race":
		rpe = float64(8 + r.IntN(3))
	}
	minutes := math.Round(planned * factor)
	l.DurationS = max(int(minutes), 1) * 60
	l.RPE = rpe
	l.AvgHR = hr
	l.DistanceM = p.Body.Distance(w, minutes, factor, r)
	if l.Notes == "" && r.Float64() < 0.12 {
		l.Notes = workoutNote(w, notes, r)
	}
	return l
}

// Unplanned adds, on day d before today, the workout the athlete logs
// without a plan, if they log one: an easy session they felt like doing,
// now and then on a day nothing keeps them from it. It returns its index
// and when it was logged.
func (p *Person) Unplanned(d time.Time) (int, time.Time, bool) {
	if !d.Before(p.Today) || p.Habits.Unplanned == 0 {
		return 0, time.Time{}, false
	}
	for e := range p.episodesOn(d) {
		if e.Kind == Away || e.Kind == Illness || e.Kind == Injury && e.since(d) < e.Flagged {
			return 0, time.Time{}, false
		}
	}
	r := p.Day(d, purposeUnplanned)
	if r.Float64() >= p.Habits.Unplanned {
		return 0, time.Time{}, false
	}
	w := training.Workout{Day: d, Status: "done", Prescription: training.Prescription{Kind: "easy"}, Version: 1}
	switch p.Sports[r.IntN(len(p.Sports))] {
	case "run":
		w.Sport, w.Title = "run", "Easy run"
	case "bike":
		w.Sport, w.Title = "bike", "Easy spin"
	case "swim":
		w.Sport, w.Title = "swim", "Easy swim"
	default:
		w.Sport, w.Kind, w.Title = "other", "cross_training", "Hike"
	}
	w.Log = p.Done(w, d, float64(20+5*r.IntN(13)), r)
	at := Clamp(At(d, p.Loc, 19, r.IntN(60)), p.Now)
	w.LoggedAt = &at
	return p.Days.AddWorkout(w), at, true
}

// workoutNote is a done workout's note: the episode's or the athlete's
// own words when there are some, else the usual for its sport and kind.
func workoutNote(w training.Workout, own []string, r *rand.Rand) string {
	switch {
	case own != nil:
		return pick(r, own...)
	case w.Sport == "bike":
		return pick(r, "Steady ride, some headwind.", "Indoor trainer, watched the race.", "Group ride, sat in.")
	case w.Sport == "swim":
		return pick(r, "Drills felt smoother today.", "Busy lane.", "Good catch on the last sets.")
	case w.Sport == "strength":
		return pick(r, "Added 2.5 kg on squats.", "Kept the last set at RPE 8.", "Hips feel better after mobility work.")
	case w.Kind == "intervals":
		return pick(r, "Hit all the reps, last two were hard.", "Windy on the track.", "Felt strong today.")
	case w.Kind == "tempo":
		return pick(r, "Held the pace comfortably.", "Tough second half.")
	case w.Kind == "long":
		return pick(r, "Fuelled every 30 minutes, felt fine.", "Hilly route, tired at the end.")
	}
	return pick(r, "Nice and easy.", "Easy with a friend.", "Lovely morning for it.")
}
