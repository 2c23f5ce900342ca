package plan

import (
	"math"

	"rebound/internal/training"
)

// workouts turns a laid-out week into workouts. Hard minutes are budgeted:
// the week's main sets together take at most 20 % of its training minutes,
// so at least 80 % is easy (Seiler 2010; the design's "about 80 % easy").
// Each session is first built as it would be alone; if their hard minutes
// add up to more than the budget, each gets its share of the budget and
// fewer or shorter repetitions.
func (p *planner) workouts(s []slot, c weekCtx) []Workout {
	const unlimited = math.MaxInt32
	trainMin, n := 0, len(s)
	for _, d := range s {
		if d.role != roleRace {
			trainMin += d.minutes
		}
		if d.secondMinutes > 0 {
			n++
		}
	}
	// Each day's sessions in order: the main one, then a second one (a
	// triathlete's swim or run) where the day has one.
	type session struct {
		d      slot
		second bool
	}
	var buf [14]session
	ss := buf[:0]
	for _, d := range s {
		main := d
		main.minutes -= d.secondMinutes
		ss = append(ss, session{d: main})
		if d.secondMinutes > 0 {
			ss = append(ss, session{d: d, second: true})
		}
	}
	build := func(x session, hardMax int) Workout {
		if x.second {
			w := written(p.triSecond(x.d, c, x.d.secondMinutes, hardMax), x.d.secondMinutes)
			w.Date = x.d.date
			w.Protected = w.Kind == training.KindRecovery
			w.Key = w.Kind == training.KindIntervals
			return w
		}
		return p.workout(x.d, c, hardMax)
	}
	hard := func(x session) bool { return x.d.role == roleKey || x.d.role == roleTuneUp } // the only roles with hard minutes
	out := p.take(n)
	sum := 0
	for i, x := range ss {
		if hard(x) {
			out[i] = build(x, unlimited)
			sum += out[i].HardMinutes
		}
	}
	budget := trainMin / 5
	// A triathlete's threshold swim keeps its set where the budget allows
	// (the week's only swim intensity, and the lightest on the legs); the
	// other sessions share what is left.
	css := func(x session) bool { return x.second && x.d.role == roleKey }
	first := 0
	for i, x := range ss {
		if css(x) {
			first += out[i].HardMinutes
		}
	}
	if first >= budget {
		first = 0
	}
	for i, x := range ss {
		switch {
		case !hard(x):
			out[i] = build(x, unlimited)
		case sum > budget && out[i].HardMinutes > 0 && !(first > 0 && css(x)):
			out[i] = build(x, max(1, out[i].HardMinutes*(budget-first)/(sum-first)))
		}
		// Otherwise the session as built alone (above) is the one.
	}
	return p.withDoubles(s, c, out)
}

// take is n workouts for a week. The weeks' workouts share one array, made
// for the whole plan (build).
func (p *planner) take(n int) []Workout {
	if len(p.spare) < n {
		p.spare = make([]Workout, 7*4)
	}
	out := p.spare[:n:n]
	p.spare = p.spare[n:]
	return out
}

// withDoubles inserts each day's second run after its first.
func (p *planner) withDoubles(s []slot, c weekCtx, out []Workout) []Workout {
	n := 0
	for _, d := range s {
		if d.double > 0 {
			n++
		}
	}
	if n == 0 {
		return out
	}
	all := p.take(len(out) + n)[:0]
	for i, d := range s {
		all = append(all, out[i])
		if d.double > 0 {
			second := slot{date: d.date, idx: d.idx, room: d.room, role: d.role, minutes: d.double}
			all = append(all, p.workout(second, c, 0))
		}
	}
	return all
}

// workout builds day d's workout, its main set at most hardMax minutes.
func (p *planner) workout(d slot, c weekCtx, hardMax int) Workout {
	var w Workout
	switch {
	case d.role == roleRest:
		w = p.restDay()
	case d.role == roleRace:
		w = p.raceWorkout()
	case p.sport == Bike:
		w = p.ride(d, c, hardMax)
	case p.sport == Triathlon:
		w = p.triWorkout(d, c, hardMax)
	case p.sport == Strength:
		w = p.strength(d, c, hardMax)
	default:
		w = p.run(d, c, hardMax)
	}
	if w.Title == "" { // not written yet (see run)
		w = written(w, d.minutes)
	}
	w.Date = d.date
	w.Protected = w.Kind == training.KindRecovery || w.Kind == training.KindRest
	switch w.Kind {
	case training.KindLong, training.KindTempo, training.KindIntervals, training.KindRace:
		w.Key = true
	case training.KindStrength:
		w.Key = d.role == roleKey
	}
	return w
}

// restDay is a rest day, the same every week: written once a plan, its
// structure shared as the runs' are (callers copy a structure to change it).
func (p *planner) restDay() Workout {
	if p.rest.Structure == nil {
		p.rest = written(Workout{Sport: training.SportOther, Kind: training.KindRest, Structure: &training.Structure{}}, 0)
	}
	return p.rest
}

// written is w as a workout of minutes (a rest day and the race keep
// their own), its main set made to fit them, with its text written from
// its numbers alone.
func written(w Workout, minutes int) Workout {
	if w.Kind != training.KindRest && w.Kind != training.KindRace {
		w.Minutes = minutes
	}
	// The builders' structures are new and not shared yet: fitted in place.
	if s := w.Structure; s.Reps > 0 {
		*s = fit(*s, w.Minutes, w.Minutes)
		if w.Kind != training.KindEasy { // an easy session's set (an endurance swim's) is easy
			w.HardMinutes = workMinutes(*s)
		}
	}
	w.Title, w.Description = write(w.Kind, w.Sport, w.Minutes, w.RPE, w.Zone, *w.Structure)
	return w
}

// raceWorkout is the event itself.
func (p *planner) raceWorkout() Workout {
	e := p.in.Event
	name := e.Name
	if name == "" {
		name = title(p.ev.name)
	}
	w := Workout{Kind: training.KindRace, Zone: raceZone[p.ev.kind], Structure: &training.Structure{Name: name}}
	est := p.ev.raceMinutes[experienceIndex(p.exp)]
	switch p.sport {
	case Run:
		w.Sport, w.DistanceM = training.SportRun, p.ev.distanceM
		if t := p.in.Athlete.ThresholdPace; t > 0 {
			est = int(math.Round(riegel(p.ev.distanceM, float64(t)) / 60))
			w.Structure.Zone, w.Structure.Cue = w.Zone, p.racePaceCue(p.ev.distanceM, 0)
		}
	case Bike:
		w.Sport = training.SportBike
	default:
		w.Sport = training.SportOther
	}
	w.Minutes = est
	w.HardMinutes = w.Minutes
	// The longer the race, the further below all-out it is paced.
	switch {
	case w.Minutes <= 30:
		w.RPE = 9
	case w.Minutes <= 75:
		w.RPE = 8.5
	case w.Minutes <= 180:
		w.RPE = 8
	case w.Minutes <= 360:
		w.RPE = 7.5
	default:
		w.RPE = 7
	}
	return w
}

// raceZone is the level a race is run at, by event: the longer, the lower.
var raceZone = map[EventKind]int{
	FiveK: zVO2, TenK: zVO2, Half: zThreshold, Marathon: zTempo, Ultra: zEndurance,
	Sprint: zThreshold, Olympic: zThreshold, Half703: zTempo, Ironman: zEndurance,
	TimeTrial: zThreshold, GranFondo: zTempo,
}

// reps is how many repetitions of `each` minutes (with `rest` minutes between)
// fit in main minutes, at most most and at most hardMax minutes of work.
func reps(main, each, rest, most, hardMax int) int {
	return max(0, min((main+rest)/(each+rest), most, hardMax/each))
}

// warmCool is the warm-up and cool-down of a quality session of d minutes:
// 15 and 10 minutes, or 10 and 5 in a short session.
func warmCool(d int) (warm, cool int) {
	if d < 45 {
		return 10, 5
	}
	return 15, 10
}
