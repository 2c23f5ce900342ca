package plan

import (
	"slices"
	"time"
)

// The triathlon week follows Friel (The Triathlete's Training Bible, 2016):
// each sport two or three times a week, the long ride and the long run on
// consecutive days (the weekend pair: the run on tired legs is the race's
// last leg), quality sessions mid-week with a recovery day after each, and
// swims as second sessions of the day where the days are few, since
// swimming spares the legs.
//
//   - Key 0 is the long ride, a brick in the build and peak phases; key 1
//     the long run, the day after it (or before, where that day is out);
//     key 2 a quality ride with a threshold swim (CSS) the same day — hard
//     days hard, easy days easy; key 3, for advanced athletes, a quality run
//     (with the threshold swim where the quality ride's day has no room).
//   - A recovery day after the long run is an easy spin (it flushes the
//     legs without impact), any other a recovery swim.
//   - Easy days are a swim, then runs, with a second session (a swim, or
//     an easy run) until each sport has its sessions: three swims, three
//     runs (so the long run stays near a third of the week's running) and
//     the rides.

// triKeyDays lays down a triathlete's key days (see keyDays): the long ride
// on long, the long run the day after it (the day before where that has no
// room), then up to two quality days at least two days from those and
// from each other, farthest from the weekend pair first.
func (p *planner) triKeyDays(long time.Weekday) {
	p.pattern = []time.Weekday{long}
	lo := bounds(Triathlon, roleKey, 1, "").lo
	run := time.Weekday(-1)
	for _, off := range []int{1, -1} {
		if wd := time.Weekday((int(long) + off + 7) % 7); p.room[wd] >= lo {
			run = wd
			break
		}
	}
	if run < 0 {
		// No room next to the long ride: the long run goes where the
		// usual key days would put it.
		p.pattern = append(p.pattern, p.bestKeySet(long, 2)...)
		return
	}
	p.pattern = append(p.pattern, run)
	apart := func(a, b time.Weekday) int { d := (int(a) - int(b) + 7) % 7; return min(d, 7-d) }
	lo = bounds(Triathlon, roleKey, 2, "").lo
	var quality []time.Weekday
	for wd := range time.Weekday(7) {
		if p.room[wd] >= lo && apart(wd, long) >= 2 && apart(wd, run) >= 2 {
			quality = append(quality, wd)
		}
	}
	far := func(wd time.Weekday) int { return min(apart(wd, long), apart(wd, run)) }
	slices.SortStableFunc(quality, func(a, b time.Weekday) int { return far(b) - far(a) })
	for _, wd := range quality {
		ok := len(p.pattern) < p.maxKeys()
		for _, k := range p.pattern[2:] {
			ok = ok && apart(wd, k) >= 2
		}
		if ok {
			p.pattern = append(p.pattern, wd)
		}
	}
}

// triPair reports whether the key day wd, holding key, may follow a key
// day: the long run the day after the long ride, or the long ride the day
// after the long run.
func (p *planner) triPair(wd time.Weekday, key int) bool {
	return p.sport == Triathlon && key < 2 && len(p.pattern) > 1 && (p.pattern[1-key]+1)%7 == wd
}

// triVariants picks each triathlon day's sport and second session (see the
// comment at the top of this file).
func (p *planner) triVariants(s []slot) {
	var swims, rides, runs int
	for i := range s {
		d := &s[i]
		d.variant, d.second = "", ""
		switch {
		case d.role == roleKey && (d.key == 0 || d.key == 2), d.role == roleTuneUp:
			rides++
		case d.role == roleKey, d.role == roleShakeout:
			runs++
		case d.role == roleRecovery && p.afterLongRun(s, i) || p.afterRace(d.idx) && d.role != roleRest:
			d.variant = sportBike
			rides++
		case d.role == roleRecovery:
			d.variant = sportSwim
			swims++
		}
		if d.role == roleKey && d.key == 2 && !d.single {
			d.second = sportSwim
			swims++
		}
	}
	// Where the quality ride's day has no room for the threshold swim, the
	// quality run's day takes it.
	for i := range s {
		if d := &s[i]; d.role == roleKey && d.key == 3 && !d.single && swims < 2 {
			d.second = sportSwim
			swims++
		}
	}
	for i := range s {
		d := &s[i]
		if d.role != roleEasy || p.afterRace(d.idx) {
			continue
		}
		// The sport furthest below its target (two swims, two rides,
		// three runs); when all are met, the one with fewest sessions. A
		// swim first on a tie: it goes well with a second session.
		short := []int{2 - swims, 2 - rides, 3 - runs}
		if max(short[0], short[1], short[2]) <= 0 {
			short = []int{-swims, -rides, -runs}
		}
		switch m := max(short[0], short[1], short[2]); m {
		case short[0]:
			d.variant = sportSwim
			swims++
		case short[1]:
			d.variant = sportBike
			rides++
		default:
			d.variant = sportRun
			runs++
		}
		switch {
		case d.single:
		case d.variant != sportSwim && swims < 3:
			d.second = sportSwim
			swims++
		case d.variant != sportRun && runs < 3:
			d.second = sportRun
			runs++
		}
	}
	// Recovery days carry a recovery run or swim where the sport is still
	// short (an advanced week, whose key days leave few easy ones; a week
	// of few days); no run the day after the long run.
	for i := range s {
		d := &s[i]
		if d.role != roleRecovery || d.light || d.single || p.afterRace(d.idx) {
			continue
		}
		switch {
		case d.variant == sportSwim && runs < 3 && !p.afterLongRun(s, i):
			d.second = sportRun
			runs++
		case d.variant == sportBike && swims < 2:
			d.second = sportSwim
			swims++
		}
	}
}

// triWorkout builds a triathlon day's main session (see the comment at
// the top of this file).
func (p *planner) triWorkout(d slot, c weekCtx, hardMax int) Workout {
	switch d.role {
	case roleKey:
		switch d.key {
		case 0:
			return p.longRide(d.minutes, c, hardMax, true)
		case 1:
			return p.longRun(d.minutes, c, hardMax)
		case 2:
			l := rideLineups[""][phaseIndex(c.spec.phase)]
			kind := l[c.w%len(l)]
			if p.exp == Beginner {
				// Short and controlled: 20 minutes of tempo in the base
				// phase, then 2 × 12 minutes of sweet spot.
				if c.spec.phase == PhaseBase {
					kind, hardMax = rideTempo, min(hardMax, 20)
				} else {
					kind, hardMax = rideSweetSpot, min(hardMax, 24)
				}
			}
			return p.rideQuality(kind, d.minutes, hardMax)
		}
		l := runLineups[""][phaseIndex(c.spec.phase)]
		return p.runQuality(l[c.w%len(l)], d.minutes, hardMax)
	case roleTuneUp:
		return p.rideSharpener(d.minutes, hardMax, true)
	case roleRecovery:
		if d.variant == sportBike {
			return p.recoverySpin()
		}
		return swim(true)
	case roleShakeout:
		return p.easyRun(d)
	}
	switch d.variant {
	case sportBike:
		return p.enduranceRide()
	case sportRun:
		return p.run(d, c, hardMax)
	}
	return swim(false)
}

// brickMinutes is the run off the bike that ends a triathlete's long ride of
// minutes in phase ph: 15 minutes in the build and peak phases (none in
// the base phase, nor on a ride under 75 minutes).
func brickMinutes(ph Phase, minutes int) int {
	if ph == PhaseBase || minutes < 75 {
		return 0
	}
	return 15
}

// afterLongRun reports whether slot i of s is the day after the long run.
func (p *planner) afterLongRun(s []slot, i int) bool {
	if i > 0 {
		return s[i-1].role == roleKey && s[i-1].key == 1
	}
	return len(p.pattern) > 1 && (p.pattern[1]+1)%7 == s[0].date.Weekday()
}

// secondLimit is how long a day's second session may be: a threshold swim
// needs its warm-up, sets and cool-down; an easy swim or run is short.
func secondLimit(d slot) limit {
	switch {
	case d.second == "":
		return limit{}
	case d.role == roleKey:
		return limit{0.08, 30, 60}
	case d.role == roleRecovery:
		return limit{0.04, 20, 30}
	case d.second == sportSwim:
		return limit{0.08, 20, 60}
	}
	return limit{0.12, 20, 60}
}

// triSecond builds a day's second session of minutes: the threshold swim
// of a quality day, else an easy swim or run (a recovery run on a
// recovery day).
func (p *planner) triSecond(d slot, minutes, hardMax int) Workout {
	switch {
	case d.role == roleKey:
		return p.cssSwim(minutes, hardMax)
	case d.second == sportSwim:
		return swim(d.role == roleRecovery)
	}
	e := d
	e.minutes, e.variant = minutes, ""
	return p.easyRun(e)
}

// swim is a recovery or an easy technique and endurance swim, by time.
func swim(recovery bool) Workout {
	if recovery {
		return Workout{Sport: sportSwim, Kind: kindRecovery, RPE: 2, Zone: zRecovery, Structure: &Structure{Zone: zRecovery}}
	}
	return Workout{Sport: sportSwim, Kind: kindEasy, RPE: 3, Zone: zEndurance, Structure: &Structure{Zone: zEndurance}}
}

// cssSwim is the threshold swim: repetitions at critical swim speed (CSS,
// about the pace held for 1500 m) with short rests, the swimmer's
// threshold session (Friel 2016; Wakayoshi et al. 1992 on CSS). The plan
// knows no swim pace, so the repetitions are timed at a pace by
// experience, 2:30, 2:00 and 1:45 per 100 m; beginners swim 50 m
// repetitions, at most eight: short and controlled.
func (p *planner) cssSwim(minutes, hardMax int) Workout {
	per100, metres, rest, most := 120, 100, 15, 10
	switch p.exp {
	case Beginner:
		per100, metres, rest, most = 150, 50, 20, 8
	case Advanced:
		per100, most = 105, 15
	}
	work := per100 * metres / 100
	warm, cool := 10, 5
	main := (minutes - warm - cool) * 60
	n := max(0, min((main+rest)/(work+rest), most, hardMax*60/work))
	s := Structure{Name: "Swim", Warm: warm, Cool: cool, Reps: n, Work: work, Rest: rest, Metres: metres, Effort: "at CSS pace", Zone: zThreshold}
	if n == 0 {
		s = Structure{Zone: zEndurance}
		return Workout{Sport: sportSwim, Kind: kindEasy, RPE: 3, Zone: zEndurance, Structure: &s}
	}
	return Workout{Sport: sportSwim, Kind: kindIntervals, RPE: 7, Zone: zThreshold, HardMinutes: s.workMinutes(), Structure: &s}
}

// triLongRunMax is the most of the week's running the long run may be:
// a third to two fifths keeps the long run long without the week's other
// runs becoming token jogs (the shares Friel's plans hold).
const triLongRunMax = 0.40

// balanceRuns keeps the long run within triLongRunMax of the week's
// running: 5 minutes at a time go from the long run to the other runs
// that have room and stay shorter than it, else to the easy and recovery
// sessions; where none has
// room, the week is 5 minutes shorter, as long as the long ride stays
// within its share of the week, else 10, the long ride shortened too.
func (p *planner) balanceRuns(s []slot, c weekCtx, target int) {
	long := -1
	for i, d := range s {
		if d.role == roleKey && d.key == 1 {
			long = i
		}
	}
	if p.sport != Triathlon || long < 0 {
		return
	}
	// A day's main session or its second.
	type part struct {
		i      int
		second bool
	}
	// room is how many more minutes a session can take.
	room := func(x part) int {
		d := s[x.i]
		if x.second {
			return min(secondLimit(d).hi-d.secondMinutes, d.room-d.minutes)
		}
		m := d
		m.second = ""
		return min(p.limit(m, c, target).hi-(d.minutes-d.secondMinutes), d.room-d.minutes)
	}
	var runs, others []part
	running := s[long].minutes
	for i, d := range s {
		if i == long || d.role == roleRest || d.role == roleRace {
			continue
		}
		if d.variant == sportRun || d.role == roleShakeout || d.role == roleKey && d.key == 3 {
			runs = append(runs, part{i, false})
			running += d.minutes - d.secondMinutes
		} else if d.role == roleEasy || d.role == roleRecovery && !d.light {
			others = append(others, part{i, false})
		}
		if d.second == sportRun {
			runs = append(runs, part{i, true})
			running += d.secondMinutes
		} else if d.second != "" && d.role != roleKey {
			others = append(others, part{i, true})
		}
	}
	// move gives 5 minutes of the long run to the session of group with
	// the most room.
	move := func(group []part, run bool) bool {
		best, most := part{}, 4
		for _, x := range group {
			r := room(x)
			if run {
				// No run longer than the long run.
				r = min(r, s[long].minutes-10-s[x.i].minutes+s[x.i].secondMinutes)
				if x.second {
					r = min(room(x), s[long].minutes-10-s[x.i].secondMinutes)
				}
			}
			if r > most {
				best, most = x, r
			}
		}
		if most < 5 {
			return false
		}
		s[best.i].minutes += 5
		if best.second {
			s[best.i].secondMinutes += 5
		}
		s[long].minutes -= 5
		return true
	}
	week, ride := sum(s), -1
	for i, d := range s {
		if d.role == roleKey && d.key == 0 {
			ride = i
		}
	}
	if ride >= 0 {
		running += brickMinutes(c.spec.phase, s[ride].minutes)
	}
	lo := p.limit(slot{role: roleKey, key: 1}, c, target).lo
	for float64(s[long].minutes) > triLongRunMax*float64(running)+1e-9 && s[long].minutes-5 >= lo {
		switch {
		case move(runs, true):
		case move(others, false):
			running -= 5
		case ride < 0 || float64(s[ride].minutes) <= longShare[Triathlon][2]*float64(week-5):
			s[long].minutes -= 5
			running -= 5
			week -= 5
		case s[ride].minutes-5 >= bounds(Triathlon, roleKey, 0, "").lo:
			s[long].minutes -= 5
			s[ride].minutes -= 5
			running -= 5
			week -= 10
		default:
			return
		}
	}
}
