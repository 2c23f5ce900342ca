package bulkdata

import (
	"encoding/json"
	"math"
	"slices"
	"time"

	"rebound/internal/coaching"
	"rebound/internal/load"
	"rebound/internal/plan"
	"rebound/internal/readiness"
	"rebound/internal/store"
	"rebound/internal/zones"
)

// workoutRow is one row of the workouts table.
type workoutRow struct {
	day                time.Time
	planID             int64 // 0: added by hand, or logged without a plan
	sport, kind, title string
	description        string
	structure          *plan.Structure // a plan's workouts: what their text is written from
	planned            bool
	durS, distM        int     // planned; 0 is NULL
	targetRPE          float64 // 0 is NULL
	zone               int     // 0 is NULL
	protected, key     bool
	status             string
	actDurS, actDistM  int // 0 is NULL (a logged duration of 0 is not made)
	rpe                float64
	avgHR              int
	notes              string
	loggedAt           time.Time // zero is NULL
	version            int
	created, updated   time.Time
	planMin            int // planned minutes: what a logged duration is drawn around
}

// checkInRow is one row of the checkins table: always an answered
// check-in, with its verdict.
type checkInRow struct {
	c       readiness.CheckIn
	areas   []string
	notes   string
	score   int
	light   string
	reasons []byte
	at      time.Time
}

// sim is one athlete's simulation. Its day offsets k count from t0, the
// first day of their first plan (or of the history, if later).
type sim struct {
	a            *athlete
	t0           time.Time
	firstIdx     int // the first day of check-ins
	n            int // days simulated: t0 … today
	now          time.Time
	sick         []float64 // how ill, 0–1
	ill, hurt    []bool    // reports illness, injury
	hurtLevel    []float64
	away         []bool    // on holiday: no check-ins, workouts not logged
	dayLoad      []float64 // session-RPE load of the day's done workouts, as package coaching adds it up
	trained      []bool    // a done workout on the day
	hist         []readiness.CheckIn
	workouts     []workoutRow
	checkIns     []checkInRow
	byDay        [][]int // indexes into workouts, by day offset (past days only)
	acute, chron float64 // the athlete's own load averages, for how they feel
}

// simulate lives the athlete's days from their first plan to today: each
// morning a check-in, judged as the app judges it, each evening the day's
// workouts logged (or skipped, or forgotten). Days after today keep their
// planned workouts.
func simulate(a *athlete, blocks []*block, first, today, now time.Time) (workouts []workoutRow, checkIns []checkInRow) {
	t0 := first
	if len(blocks) > 0 && blocks[0].start.Before(t0) {
		t0 = blocks[0].start
	}
	s := &sim{a: a, t0: t0, now: now}
	s.n = s.idx(today) + 1
	s.firstIdx = s.idx(first)
	s.episodes()
	s.plannedWorkouts(blocks)

	s.byDay = make([][]int, s.n)
	for i, w := range s.workouts {
		if k := s.idx(w.day); k >= 0 && k < s.n {
			s.byDay[k] = append(s.byDay[k], i)
		}
	}
	s.dayLoad = make([]float64, s.n)
	s.trained = make([]bool, s.n)
	for k := range s.n {
		light := ""
		if k >= s.firstIdx {
			light = s.morning(k)
		}
		if k < s.n-1 { // today's workouts are still ahead
			s.evening(k, light)
		}
		// The athlete's own acute and chronic load, for how they feel.
		s.acute += (s.dayLoad[k] - s.acute) * 2 / 8
		s.chron += (s.dayLoad[k] - s.chron) * 2 / 29
	}
	return s.workouts, s.checkIns
}

func (s *sim) idx(d time.Time) int { return int(d.Sub(s.t0).Hours()+12) / 24 }

func (s *sim) day(k int) time.Time { return s.t0.AddDate(0, 0, k) }

// at is hour:minute of day offset k in the athlete's zone, never after now.
func (s *sim) at(k, hour, minute int) time.Time {
	d := s.day(k)
	t := time.Date(d.Year(), d.Month(), d.Day(), hour, minute, 0, 0, s.a.loc)
	if t.After(s.now) {
		return s.now
	}
	return t
}

// episodes draws the athlete's illnesses (about two and a half a year,
// reported as ill for their first days), an injury (one athlete in six
// over two years) and holidays (about one and a half a year).
func (s *sim) episodes() {
	rng := s.a.rng
	s.sick = make([]float64, s.n)
	s.ill = make([]bool, s.n)
	s.hurt = make([]bool, s.n)
	s.hurtLevel = make([]float64, s.n)
	s.away = make([]bool, s.n)
	for k := 0; k < s.n; k++ {
		const illness, injury, holiday = 2.5 / 365, 0.17 / 730, 1.5 / 365 // chances of one starting on a day
		switch u := rng.Float64(); {
		case u < illness:
			if s.sick[k] > 0 {
				continue // ill already
			}
			length, flagged := 4+rng.IntN(6), 2+rng.IntN(3)
			for i := range length {
				if k+i >= s.n {
					break
				}
				s.sick[k+i] = max(s.sick[k+i], math.Max(0.15, 1-float64(max(0, i-flagged+1))*0.25))
				s.ill[k+i] = s.ill[k+i] || i < flagged
			}
		case u < illness+injury:
			length, flagged := 7+rng.IntN(15), 3+rng.IntN(6)
			for i := range length {
				if k+i >= s.n {
					break
				}
				s.hurtLevel[k+i] = math.Max(0.1, 1-float64(i)/float64(length))
				s.hurt[k+i] = i < flagged
			}
		case u < illness+injury+holiday:
			for i := range 5 + rng.IntN(6) {
				if k+i < s.n {
					s.away[k+i] = true
				}
			}
		}
	}
}

// plannedWorkouts lays down every plan's workouts as the plan page saves
// them, and the ones the coach adds by hand: two short strength sessions
// a week for some athletes, an extra swim for triathletes.
func (s *sim) plannedWorkouts(blocks []*block) {
	a := s.a
	for _, b := range blocks {
		for _, wk := range b.p.Weeks {
			for _, w := range wk.Workouts {
				s.workouts = append(s.workouts, workoutRow{day: w.Date, planID: b.id, sport: w.Sport, kind: w.Kind,
					title: w.Title, description: w.Description, structure: w.Structure, planned: true, durS: w.Minutes * 60, distM: w.DistanceM,
					targetRPE: w.RPE, zone: w.Zone, protected: w.Protected || w.Kind == "recovery", key: w.Key,
					status: "planned", version: 1, created: b.created, updated: b.created, planMin: w.Minutes})
			}
			for _, w := range wk.Workouts {
				easy := w.Kind == "easy" || w.Kind == "recovery"
				switch {
				case a.strength && easy && (w.Date.Weekday() == time.Tuesday || w.Date.Weekday() == time.Friday):
					s.workouts = append(s.workouts, workoutRow{day: w.Date, sport: "strength", kind: "strength",
						title: "Strength: legs and core", planned: true, durS: 30 * 60, targetRPE: 5,
						description: "Goblet squats, split squats, single-leg deadlifts, calf raises, planks: 3 rounds, 2 reps short of failure.",
						status:      "planned", version: 1, created: b.created, updated: b.created, planMin: 30})
				case a.sport == plan.Triathlon && w.Kind == "easy" && w.Sport != "swim" &&
					(w.Date.Weekday() == time.Tuesday || w.Date.Weekday() == time.Thursday):
					s.workouts = append(s.workouts, workoutRow{day: w.Date, sport: "swim", kind: "easy",
						title: "Swim: drills 30 min", planned: true, durS: 30 * 60, targetRPE: 3, zone: 2,
						description: "Catch-up, fingertip drag and single-arm drills, 25 m each with 15 s rest; easy 200 to finish.",
						status:      "planned", version: 1, created: b.created, updated: b.created, planMin: 30})
				}
			}
		}
	}
	slices.SortStableFunc(s.workouts, func(x, y workoutRow) int { return x.day.Compare(y.day) })
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
func (s *sim) morning(k int) string {
	a, rng := s.a, s.a.rng
	rate := a.checkInRate
	switch {
	case s.away[k] || a.quietDays > 0 && k > s.n-1-a.quietDays:
		return ""
	case k == s.n-1:
		rate /= 2 // today: some have not checked in yet
	case s.sick[k] > 0:
		rate = min(1, rate+0.1)
	}
	if rng.Float64() >= rate {
		return ""
	}
	form := 0.0
	if s.chron > 0 {
		form = (s.acute - s.chron) / max(s.chron, 50)
	}
	form = min(max(form, -0.5), 1.5)
	yesterday := 0.0
	if k > 0 {
		yesterday = min(s.dayLoad[k-1]/max(s.chron, 50), 3)
	}
	sick, hurt := s.sick[k], s.hurtLevel[k]
	tired := 0.5*max(form, 0) + 0.15*yesterday + 1.5*sick + 0.8*hurt
	item := func(base, sd, minus float64) int {
		return min(max(int(math.Round(base+rng.NormFloat64()*sd-minus)), 1), 5)
	}
	c := readiness.CheckIn{
		Day:          s.day(k),
		SleepQuality: item(a.itemBase, 0.55, 0.6*sick+0.3*tired),
		Fatigue:      item(a.itemBase, 0.5, tired),
		Soreness:     item(a.itemBase, 0.5, 0.3*yesterday+1.5*hurt),
		Stress:       item(a.itemBase, 0.55, 0.2*sick),
		Mood:         item(a.itemBase, 0.5, 0.5*sick+0.2*tired),
		Motivation:   item(a.itemBase+0.2, 0.5, 0.4*sick+0.3*max(form, 0)),
		Illness:      s.ill[k],
		Injury:       s.hurt[k],
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
		hrv := math.Exp(a.lnHRVBase + rng.NormFloat64()*0.1 - 0.35*sick - 0.12*max(form, 0) - 0.05*yesterday)
		c.HRV = min(max(math.Round(hrv*10)/10, 5), 250) // as numeric(5,1) keeps it
	}
	row := checkInRow{c: c, at: s.at(k, 6+rng.IntN(3), rng.IntN(60))}
	if c.Soreness <= 2 {
		areas := sportAreas[a.sport]
		row.areas = []string{areas[rng.IntN(len(areas))]}
		if other := areas[rng.IntN(len(areas))]; rng.IntN(2) == 0 && other != row.areas[0] {
			row.areas = append(row.areas, other)
		}
	}
	switch {
	case c.Illness && rng.IntN(2) == 0:
		row.notes = notesIll[rng.IntN(len(notesIll))]
	case c.Injury && rng.IntN(2) == 0:
		row.notes = notesHurt[rng.IntN(len(notesHurt))]
	case rng.IntN(30) == 0:
		row.notes = notesDay[rng.IntN(len(notesDay))]
	}

	// The verdict, exactly as the app works it out when the check-in is
	// saved (package coaching): the check-ins of the days before it, the
	// load ratio at the end of yesterday and yesterday's recovery done too
	// hard.
	from := c.Day.AddDate(0, 0, -coaching.BaselineDays)
	j := len(s.hist)
	for j > 0 && !s.hist[j-1].Day.Before(from) {
		j--
	}
	res := readiness.Score(readiness.Input{Today: c, History: s.hist[j:], ACWR: s.acwr(k), MissedRecovery: s.missedRecovery(k)})
	row.score, row.light = res.Score, string(res.Light)
	reasons := make([]store.Reason, len(res.Reasons))
	for i, r := range res.Reasons {
		reasons[i] = store.Reason{Light: string(r.Light), Code: r.Code, Text: r.Text, Areas: r.Areas}
	}
	row.reasons, _ = json.Marshal(reasons) // strings only: cannot fail
	s.hist = append(s.hist, c)
	s.checkIns = append(s.checkIns, row)
	return row.light
}

// acwr is the acute:chronic load ratio a check-in of day k reads, at the
// end of day k − 1, as package coaching works it out (ACWRByDay): from the
// done workouts of the 90 days before, daily loads from the first of them,
// 0 without 27 days of history before then.
func (s *sim) acwr(k int) float64 {
	from := -1
	for i := max(0, k-90); i < k; i++ {
		if s.trained[i] {
			from = i
			break
		}
	}
	if from < 0 || k-1-from < 27 {
		return 0
	}
	r := load.ACWR(s.dayLoad[from:k])[k-1-from]
	if math.IsNaN(r) {
		return 0
	}
	return r
}

// missedRecovery is the recovery done too hard on day k − 1, in package
// coaching's words (MissedRecovery); "" when none was.
func (s *sim) missedRecovery(k int) string {
	if k == 0 {
		return ""
	}
	var logged []store.Workout
	for _, i := range s.byDay[k-1] {
		w := s.workouts[i]
		logged = append(logged, store.Workout{Day: w.day, Plan: store.Plan{Kind: w.kind, Title: w.title}, Protected: w.protected,
			Status: w.status, Log: store.Log{Status: w.status, RPE: w.rpe, AvgHR: w.avgHR}})
	}
	return coaching.MissedRecovery(logged, s.day(k), zones.Zone2CeilingHR(s.a.thrHR, s.a.maxHR))
}

// evening logs the day's workouts: done (mostly as planned, now and then
// a recovery workout too hard), skipped, or left unlogged; on holiday or
// ill most are not done. light is the morning's check-in, if any: after a
// red one a key workout is often skipped.
func (s *sim) evening(k int, light string) {
	a, rng := s.a, s.a.rng
	for _, i := range s.byDay[k] {
		w := &s.workouts[i]
		if w.kind == "rest" {
			continue
		}
		status := "done"
		switch u := rng.Float64(); {
		case w.kind == "race" && s.sick[k] < 0.5:
		case s.away[k]:
			status = "planned"
			if u < 0.3 {
				status = "skipped"
			}
		case s.ill[k] || s.sick[k] > 0.5:
			if u < 0.85 {
				status = "skipped"
			}
		case s.hurt[k]:
			if u < 0.7 {
				status = "skipped"
			}
		case light == "red" && w.key && u < 0.5:
			status = "skipped"
		case u < a.skipRate:
			status = "skipped"
		case u < a.skipRate+(1-a.logRate):
			status = "planned" // done or not, never logged
		}
		w.status = status
		if status == "planned" {
			continue
		}
		w.version = 2
		w.loggedAt = s.at(k, 18+rng.IntN(5), rng.IntN(60))
		if rng.IntN(5) == 0 {
			w.loggedAt = s.at(k+1, 7+rng.IntN(5), rng.IntN(60))
		}
		w.updated = w.loggedAt
		if status == "skipped" {
			if rng.IntN(4) == 0 {
				w.notes = []string{"No time today.", "Felt unwell.", "Work ran late.", "Too tired, rested instead."}[rng.IntN(4)]
			}
			continue
		}
		s.log(k, w)
	}
	if !s.away[k] && s.sick[k] == 0 && rng.IntN(30) == 0 {
		s.extra(k)
	}
}

// log fills in a done workout: minutes near the plan, RPE near its target
// (a recovery workout too hard one time in six), heart rate where the
// athlete wears a strap, distance where the plan had one.
func (s *sim) log(k int, w *workoutRow) {
	rng := s.a.rng
	minutes := float64(max(w.planMin, 20)) * min(max(1+rng.NormFloat64()*0.12, 0.5), 1.5)
	if s.sick[k] > 0 {
		minutes *= 0.7
	}
	w.actDurS = max(60, int(math.Round(minutes))*60)
	target := w.targetRPE
	if target == 0 {
		target = 4
	}
	rpe := target + rng.NormFloat64()*0.7 + 1.5*s.sick[k]
	tooHard := w.kind == "recovery" && rng.IntN(6) == 0
	if tooHard {
		rpe = 4 + float64(rng.IntN(3))
	}
	if w.kind == "race" {
		rpe = 8 + float64(rng.IntN(3))
	}
	w.rpe = min(max(math.Round(rpe), 1), 10)
	if w.distM > 0 {
		w.actDistM = min(int(float64(w.distM)*float64(w.actDurS)/float64(max(w.durS, 60))*(1+rng.NormFloat64()*0.04)), 1000000)
	}
	if rng.IntN(100) < 65 {
		w.avgHR = s.heartRate(w.zone, tooHard)
	}
	if rng.IntN(20) == 0 {
		w.notes = []string{"Felt strong.", "Windy out there.", "Legs heavy.", "Hot and humid.", "Good session.",
			"Cut it a bit short."}[rng.IntN(6)]
	}
	s.dayLoad[k] += load.SessionLoad(w.rpe, float64(w.actDurS)/60)
	s.trained[k] = true
}

// heartRate is a plausible average heart rate for a workout at zone: a
// share of the threshold heart rate, else of the maximum, else of an
// estimate from age.
func (s *sim) heartRate(zone int, tooHard bool) int {
	a, rng := s.a, s.a.rng
	share := []float64{0.8, 0.72, 0.8, 0.88, 0.95, 1.0}[min(max(zone, 0), 5)]
	if tooHard {
		share = 0.88
	}
	ref := float64(a.thrHR)
	if ref == 0 {
		ref = 0.9 * float64(a.maxHR)
	}
	if ref == 0 {
		ref = 0.9 * (208 - 0.7*float64(2026-a.birthYear))
	}
	return min(max(int(math.Round(ref*share+rng.NormFloat64()*3)), 60), 210)
}

// extra is a workout logged without a plan: an easy session the athlete
// felt like doing.
func (s *sim) extra(k int) {
	a, rng := s.a, s.a.rng
	minutes := 20 + 5*rng.IntN(13)
	w := workoutRow{day: s.day(k), planned: false, status: "done", kind: "easy", version: 1, zone: 0}
	switch a.sports[rng.IntN(len(a.sports))] {
	case "run":
		w.sport, w.title = "run", "Easy run"
	case "bike":
		w.sport, w.title = "bike", "Easy spin"
	case "swim":
		w.sport, w.title = "swim", "Easy swim"
	default:
		w.sport, w.kind, w.title = "other", "cross_training", "Hike"
	}
	w.planMin = minutes
	w.created = s.at(k, 19, rng.IntN(60))
	w.updated, w.loggedAt = w.created, w.created
	s.log(k, &w)
	s.workouts = append(s.workouts, w)
	s.byDay[k] = append(s.byDay[k], len(s.workouts)-1)
}
