package plan

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"rebound/internal/training"
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
//     runs (four for an Ironman; so the long run stays near a third of the
//     week's running) and the rides. With an event, one easy day's swim is
//     the week's endurance swim (see swim.go).
//   - Cutback weeks keep the quality day, shorter, from intermediate on
//     (cutbackRide, cssMetres); race effort has the event's bands
//     (triRaceRide, triRaceRun); after the race, recovery goes by
//     triRecovery.

// triKeyDays lays down a triathlete's key days (see keyDays): the long ride
// on long, the long run the day after it (the day before where that has no
// room, or where the ride is on Sunday), then up to two quality days at least two days from those and
// from each other, farthest from the weekend pair first.
func (p *planner) triKeyDays(long time.Weekday) {
	p.pattern = []time.Weekday{long}
	lo := bounds(Triathlon, roleKey, 1, "").lo
	run := time.Weekday(-1)
	offs := []int{1, -1}
	if long == time.Sunday {
		// The other weekend day, not Monday: most athletes have the
		// weekend for their long sessions, not a workday.
		offs = []int{-1, 1}
	}
	for _, off := range offs {
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
	// The most quality days the week holds (two days apart), then the
	// farthest from the weekend pair: Tuesday and Thursday before
	// Wednesday alone, where the week has a quality run too and 8 hours
	// for the recovery days that follow; a shorter week keeps one
	// quality day and its easy days.
	var best []time.Weekday
	bestFar := 0
	for set := 1; set < 1<<len(quality); set++ {
		var days []time.Weekday
		ok, f := true, 0
		for i, wd := range quality {
			if set&(1<<i) == 0 {
				continue
			}
			for _, k := range days {
				ok = ok && apart(wd, k) >= 2
			}
			days = append(days, wd)
			f += far(wd)
		}
		more := len(days) > len(best) && (len(best) == 0 || p.current >= triFullWeek)
		if ok && len(days) <= p.maxKeys()-2 && (more || len(days) == len(best) && f > bestFar) {
			best, bestFar = days, f
		}
	}
	p.pattern = append(p.pattern, best...)
}

// triPair reports whether the key day wd, holding key, may follow a key
// day: the long run the day after the long ride, or the long ride the day
// after the long run.
func (p *planner) triPair(wd time.Weekday, key int) bool {
	return p.sport == Triathlon && key < 2 && len(p.pattern) > 1 && (p.pattern[1-key]+1)%7 == wd
}

// triVariants picks each triathlon day's sport and second session (see the
// comment at the top of this file): the week's endurance swim as
// enduranceDay places it, the days after the race as postSport says.
func (p *planner) triVariants(s []slot) {
	var swims, rides, runs int
	// A day after the race rests as its role says where s holds it (a day
	// too short for a session rests), else as postRole says.
	rest := func(a int) bool {
		if j := p.race + a - s[0].idx; j >= 0 && j < len(s) {
			return s[j].role == roleRest
		}
		return p.postRest(a)
	}
	ahead := 0 // threshold swims of quality days still to come in the loop below
	for _, d := range s {
		if d.role == roleKey && d.key == 2 && !d.single {
			ahead++
		}
	}
	for i := range s {
		d := &s[i]
		d.variant, d.second = "", ""
		switch {
		case p.afterRace(d.idx) && d.role != roleRest:
			var first bool
			if d.variant, first = p.postSport(d.idx-p.race, rest); first {
				d.role = roleRecovery // the first run after the race is short
			}
		case d.role == roleKey && (d.key == 0 || d.key == 2), d.role == roleTuneUp:
			rides++
		case d.role == roleKey, d.role == roleShakeout:
			runs++
		case d.role == roleRecovery && p.afterLongRun(s, i):
			d.variant = training.SportBike
			rides++
		case d.role == roleRecovery && (swims+ahead >= 3 || swims+ahead >= 2 && rides < p.triRides()):
			// A week of several key days has as many recovery days:
			// spins too, once two swims are in.
			d.variant = training.SportBike
			rides++
		case d.role == roleRecovery:
			d.variant = training.SportSwim
			swims++
		}
		if d.role == roleKey && d.key == 2 && !d.single {
			d.second = training.SportSwim
			swims++
			ahead--
		}
	}
	// Where the quality ride's day has no room for the threshold swim, the
	// quality run's day takes it.
	for i := range s {
		if d := &s[i]; d.role == roleKey && d.key == 3 && !d.single && swims < 2 {
			d.second = training.SportSwim
			swims++
		}
	}
	for i := range s {
		d := &s[i]
		if d.role != roleEasy || p.afterRace(d.idx) {
			continue
		}
		// The sport furthest below its target (two swims, the rides of
		// triRides, three runs); when all are met, the one with fewest sessions. A
		// swim first on a tie: it goes well with a second session.
		short := []int{2 - swims, p.triRides() - rides, 3 - runs} // an Ironman's fourth run comes as a second session
		if max(short[0], short[1], short[2]) <= 0 {
			short = []int{-swims, -rides, -runs}
		}
		switch m := max(short[0], short[1], short[2]); m {
		case short[0]:
			d.variant = training.SportSwim
			swims++
		case short[1]:
			d.variant = training.SportBike
			rides++
		default:
			d.variant = training.SportRun
			runs++
		}
		// The second session: the sport further below its target (three
		// swims, the runs of triRuns); on a tie a swim while the week has
		// fewer than two, else a run, which keeps the long run within its
		// share of the running (see balanceRuns).
		swimShort, runShort := 3-swims, p.triRuns()-runs
		switch {
		case d.single:
		case d.variant != training.SportSwim && swimShort > 0 && (swimShort > runShort || swimShort == runShort && swims < 2 || d.variant == training.SportRun):
			d.second = training.SportSwim
			swims++
		case d.variant != training.SportRun && runShort > 0:
			d.second = training.SportRun
			runs++
		case d.variant != training.SportSwim && swimShort > 0:
			d.second = training.SportSwim
			swims++
		}
	}
	// Two swims before another sport's second session, where the days are
	// few: the swim is the novice's limiter and the race's safety risk
	// (Friel 2016), and a swim spares the legs as well as an easy spin.
	// The race week keeps its own shape.
	raceWeek := slices.ContainsFunc(s, func(d slot) bool {
		return d.role == roleRace || d.role == roleShakeout || d.role == roleTuneUp || p.afterRace(d.idx)
	})
	for swims < 2 && !raceWeek {
		best, most := -1, 1
		for i, d := range s {
			n := 0
			switch {
			case d.role != roleEasy && d.role != roleRecovery || d.second == training.SportSwim:
			case d.variant == training.SportRun:
				n = runs
			case d.variant == training.SportBike:
				n = rides
			}
			if n > most {
				best, most = i, n
			}
		}
		if best < 0 {
			break
		}
		if s[best].variant == training.SportRun {
			runs--
		} else {
			rides--
		}
		s[best].variant = training.SportSwim
		swims++
	}
	p.enduranceDay(s)
	// Recovery days carry a recovery run or swim where the sport is still
	// short (an advanced week, whose key days leave few easy ones; a week
	// of few days); no run the day after the long run.
	for i := range s {
		d := &s[i]
		if d.role != roleRecovery || d.light || d.single || p.afterRace(d.idx) {
			continue
		}
		switch {
		case d.variant == training.SportSwim && runs < p.triRuns() && !p.afterLongRun(s, i):
			d.second = training.SportRun
			runs++
		case d.variant == training.SportBike && swims < 2:
			d.second = training.SportSwim
			swims++
		}
	}
}

// beforePairRun is the longest run on the day before a triathlete's long
// ride and long run: three long days in a row wear the legs down before
// the weekend's main work (Friel 2016 keeps the day before short and easy;
// an easy ride spares the legs, so it keeps its length).
const beforePairRun = 45

// beforeLongPair reports whether wd is the day before a triathlete's long
// ride and long run (the first of the two).
func (p *planner) beforeLongPair(wd time.Weekday) bool {
	if p.sport != Triathlon || len(p.pattern) < 2 {
		return false
	}
	next := (wd + 1) % 7
	return next == p.pattern[0] || next == p.pattern[1]
}

// triFullWeek is the weekly minutes from which a triathlete's week holds
// each sport three times (Friel 2016): three rides (see triRides) and,
// with a quality run, two quality days (see triKeyDays).
const triFullWeek = 480

// triRides is how many rides a triathlete's week aims for: two, three from
// triFullWeek, where Friel (2016) has each sport three times and the bike
// about half the week's time (the longest leg of every race).
func (p *planner) triRides() int {
	if p.current >= triFullWeek {
		return 3
	}
	return 2
}

// triRuns is how many runs a triathlete's week aims for: three, four for an
// Ironman, whose long run of 2 h 15 or more (see events) stays within two
// fifths of the running only beside three other runs (Friel 2016 has
// long-course athletes run three or four times a week).
func (p *planner) triRuns() int {
	if p.eventKind() == Ironman {
		return 4
	}
	return 3
}

// enduranceDay gives one day of s the week's endurance swim: an easy
// day's swim (of the easy days with a swim the one with most room; after
// an easy run, the swim first); else an easy run's day, the swim first and
// the run after it; else an easy ride's day or, in an advanced week whose
// key days and the recovery days after them leave no easy day, the
// quality run's day, as its second session. None without an event, in the
// race week, or where no such day holds 45 minutes.
func (p *planner) enduranceDay(s []slot) {
	if _, ok := enduranceSwims[p.eventKind()]; !ok {
		return
	}
	best, rank := -1, 0
	for i, d := range s {
		r := 0
		switch {
		case d.role == roleRace || d.role == roleShakeout || d.role == roleTuneUp || p.afterRace(d.idx):
			return // the race week
		case d.room < 45:
		case d.role == roleEasy && (d.variant == training.SportSwim || d.second == training.SportSwim):
			r = 3
		case d.role == roleEasy && d.variant == training.SportRun && d.second == "" && !d.single:
			r = 2
		case d.role == roleKey && d.key == 3 && d.second == "" && !d.single,
			d.role == roleEasy && d.variant == training.SportBike && !d.single:
			r = 1
		}
		if r > rank || r == rank && r > 0 && d.room > s[best].room {
			best, rank = i, r
		}
	}
	if best < 0 {
		return
	}
	switch d := &s[best]; {
	case d.variant == training.SportBike, rank == 1:
		d.second = swimLong
	case d.variant == training.SportRun:
		d.variant, d.second = swimLong, training.SportRun // the swim first, the run after it
	default:
		d.variant = swimLong
	}
}

// Recovery after a triathlon goes by the race's length and its run, the leg
// that does the damage, not by its whole distance (Friel, The Triathlete's
// Training Bible, 2016, as the coach's review in docs/PLANS.md applies
// him: swimming from the second day, easy riding from the second or third,
// running last): an Olympic 4–7 days, running again from the fourth; a
// 70.3 10–14 days, running from about the seventh; an Ironman three weeks,
// a reverse taper, running from the tenth to the fourteenth; a sprint a
// few days (this package's choice: 3–4, running from the third). days and run are by experience (beginner,
// intermediate, advanced): the days of recovery, and the first day after
// the race that may hold a run (see postSport).
var triRecovery = map[EventKind]struct{ days, run [3]int }{
	Sprint:  {days: [3]int{4, 3, 3}, run: [3]int{3, 3, 3}},
	Olympic: {days: [3]int{7, 5, 4}, run: [3]int{4, 4, 4}},
	Half703: {days: [3]int{14, 12, 10}, run: [3]int{8, 7, 7}},
	Ironman: {days: [3]int{21, 21, 21}, run: [3]int{14, 12, 10}},
}

// postSport is the sport of the day `after` days after the race (1 the
// day after), and whether it is the first run since the race. The
// training days after the race (see postRole) go: a swim first (from the
// second day), then easy rides and swims in turn until the event's first
// running day (see triRecovery), the first day from then on takes the
// first run, and after it run, swim and ride take turns.
func (p *planner) postSport(after int, rest func(a int) bool) (sport string, firstRun bool) {
	from := triRecovery[p.eventKind()].run[experienceIndex(p.exp)]
	n, ran := 0, -1 // sessions so far; sessions since the first run (-1: none yet)
	for a := 2; a <= after; a++ {
		if a < after && rest(a) {
			continue
		}
		switch {
		case ran >= 0:
			sport, firstRun = [3]string{training.SportRun, training.SportSwim, training.SportBike}[ran%3], false
			ran++
		case n > 0 && a >= from:
			sport, firstRun, ran = training.SportRun, true, 1
		case n%2 == 0:
			sport = training.SportSwim
		default:
			sport = training.SportBike
		}
		n++
	}
	return sport, firstRun
}

// postRest reports whether day `after` days after the race is a rest day
// (see postRole).
func (p *planner) postRest(after int) bool {
	wd := time.Weekday((int(p.start.Weekday()) + p.race + after) % 7)
	return p.postRole(after, p.room[wd]) == roleRest
}

// firstRunDay is the day after the race (1 the day after) of the first run
// (see postSport).
func (p *planner) firstRunDay() int {
	for a := 2; a < 60; a++ {
		if p.postRest(a) {
			continue
		}
		if _, first := p.postSport(a, p.postRest); first {
			return a
		}
	}
	return 0
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
			if c.spec.kind == KindCutback {
				return p.cutbackRide(d.minutes, hardMax, c)
			}
			if c.spec.phase == PhaseTaper {
				if w, ok := p.taperRide(d.minutes, hardMax, c); ok {
					return w
				}
			}
			kind := p.triRideKind(c)
			return p.rideAt(kind, d.minutes, hardMax, c.rides[kind])
		}
		// The quality run: cruise intervals at threshold, a rung a
		// session from the build on (see thresholdLadder), the pace the
		// short races are run at and the long ones build on (Friel 2016).
		step := -1
		if c.spec.phase != PhaseBase && c.steps != nil {
			step = max(0, c.steps[threshold]-c.hold)
		}
		return p.runSession(threshold, d.minutes, hardMax, step)
	case roleTuneUp:
		return p.rideSharpener(d.minutes, hardMax, true)
	case roleRecovery:
		switch d.variant {
		case training.SportBike:
			return p.recoverySpin()
		case training.SportRun:
			return p.easyRun(d)
		}
		return swim(true)
	case roleShakeout:
		return p.easyRun(d)
	}
	switch d.variant {
	case training.SportBike:
		return p.enduranceRide()
	case training.SportRun:
		return p.run(d, c, hardMax)
	case swimLong:
		return p.enduranceWorkout(d, c)
	}
	return swim(false)
}

// cutbackRide is a cutback week's quality ride: two repetitions of sweet
// spot holding 50–60 % of the work of the quality ride the week before (of
// the session the phase would hold, where the week before had none), so
// intensity stays while the volume falls (Friel 2016's recovery weeks;
// Bosquet et al. 2007 on keeping intensity when volume is cut).
func (p *planner) cutbackRide(minutes, hardMax int, c weekCtx) Workout {
	each := min(p.cutbackRep(minutes, c), max(1, hardMax/2))
	warm, cool := warmCool(minutes)
	s := training.Structure{Warm: warm, Cool: cool, Reps: 2, Work: 60 * each, Rest: 240, Effort: "sweet spot",
		Zone: zTempo, Cue: p.sweetSpot(), Easy: p.bikeCue(zEndurance)}
	return Workout{Sport: training.SportBike, Kind: training.KindTempo, RPE: 6, Zone: zTempo, HardMinutes: workMinutes(s), Structure: &s}
}

// triRideKind is the quality ride of a triathlete's week c: the phase's
// lineup in turn; a beginner's is controlled, tempo in the base phase,
// then sweet spot.
func (p *planner) triRideKind(c weekCtx) rideSession {
	if p.exp == Beginner {
		if c.spec.phase == PhaseBase {
			return rideTempo
		}
		return rideSweetSpot
	}
	l := rideLineups[""][phaseIndex(c.spec.phase)]
	return l[c.w%len(l)]
}

// triRideMinutes is how long the quality ride of week c must be to hold the
// rung its ladder has reached (see rideLadders): warm-up, set, cool-down.
func (p *planner) triRideMinutes(c weekCtx) int {
	kind := p.triRideKind(c)
	l := rideLadders[kind]
	r := l[min(len(l)-1, experienceIndex(p.exp)+c.rides[kind])]
	m := 25 + r[0]*r[1] + (r[0]-1)*r[2]
	return m + (5-m%5)%5
}

// isQualityRide reports whether w is a week's quality ride: a key ride that
// is neither the long ride nor the race week's sharpener.
func isQualityRide(w Workout) bool {
	return w.Sport == training.SportBike && w.Key && w.Kind != training.KindLong && w.Structure != nil && w.Structure.Name != "Sharpener"
}

// countRides adds one to n for the quality ride of a triathlete's week ws
// (see rideLadders), by the session it is.
func (p *planner) countRides(ws []Workout, n *[rideVO2 + 1]int) {
	if p.sport != Triathlon {
		return
	}
	for _, w := range ws {
		if !isQualityRide(w) || w.HardMinutes == 0 {
			continue
		}
		switch {
		case w.Zone >= zVO2:
			n[rideVO2]++
		case w.Zone == zThreshold:
			n[rideThreshold]++
		case w.Structure.Effort == "sweet spot":
			n[rideSweetSpot]++
		default:
			n[rideTempo]++
		}
	}
}

// taperRide is a taper week's quality ride: the last build or peak
// week's session at its intensity and repetition length, its work cut to
// 60 % in the first taper week and held there after (Bosquet et al. 2007,
// Mujika & Padilla 2003: volume falls, intensity stays); two repetitions
// at least, shorter where the work is little or the week's hard minutes
// cannot hold them. ok is false where the week
// before held no quality ride.
func (p *planner) taperRide(minutes, hardMax int, c weekCtx) (w Workout, ok bool) {
	set, ok := p.taperSet(c)
	if !ok {
		return Workout{}, false
	}
	for set.Reps > 2 && workMinutes(set) > hardMax {
		set.Reps--
	}
	if workMinutes(set) > hardMax {
		// Two repetitions the week's hard minutes cannot hold: shorter
		// ones, at the same intensity.
		set.Work = 60 * max(5, hardMax/2)
	}
	set.Warm, set.Cool = warmCool(minutes)
	w = Workout{Sport: training.SportBike, Kind: training.KindTempo, RPE: 6, Zone: set.Zone, Structure: &set, HardMinutes: workMinutes(set)}
	switch {
	case set.Zone >= zVO2:
		w.Kind, w.RPE = training.KindIntervals, 8
	case set.Zone == zThreshold:
		w.RPE = 7
	case set.Effort != "sweet spot":
		w.RPE = 5
	}
	return w, true
}

// taperSet is the main set of a taper week's quality ride (see taperRide),
// warm-up and cool-down aside.
func (p *planner) taperSet(c weekCtx) (training.Structure, bool) {
	var prev *Workout
	for i, x := range c.last {
		if isQualityRide(x) && x.HardMinutes > 0 {
			prev = &c.last[i]
		}
	}
	if prev == nil {
		return training.Structure{}, false
	}
	set := *prev.Structure
	work := prev.HardMinutes
	if c.spec.n == 1 {
		work = int(0.6*float64(work) + 0.5)
	}
	each := max(set.Work, 60)
	n := (60*work + each/2) / each
	if n < 2 {
		n, each = 2, 60*max(5, work/2)
	}
	set.Name, set.Reps, set.Work = "", n, each
	if set.Rest == 0 {
		set.Rest = 300
	}
	return set, true
}

// taperRideMinutes is how long a taper week's quality ride must be to hold
// its set (see taperRide); 0 where it has none.
func (p *planner) taperRideMinutes(c weekCtx) int {
	set, ok := p.taperSet(c)
	if !ok {
		return 0
	}
	m := 25 + setMinutes(set)
	return m + (5-m%5)%5
}

// brickMinutes is the run off the bike that ends a triathlete's long ride of
// minutes in phase ph: none in the base phase; in the build 15 minutes
// after a sprint or Olympic ride, 20 after a 70.3 or Ironman one; in the
// peak and the taper 20 and 30 (Friel 2016 lengthens the brick run towards
// the race; the longer the race, the longer the run that follows the
// ride). A quarter of the session at most, and none on a ride too short to
// carry one (45 minutes for a sprint or Olympic, else 75).
func (p *planner) brickMinutes(ph Phase, minutes int) int {
	long := p.eventKind() == Half703 || p.eventKind() == Ironman
	shortest := 45
	if long || p.ev == nil {
		shortest = 75
	}
	if ph == PhaseBase || minutes < shortest {
		return 0
	}
	m := [2][2]int{{15, 20}, {20, 30}}[min(phaseIndex(ph), 2)-1][map[bool]int{false: 0, true: 1}[long]]
	return max(10, min(m, 5*(minutes/4/5)))
}

// brickRace is how many minutes of a brick run of phase ph go at race
// effort: the first 10 (5 of a brick run under 20) from the build phase,
// with an event to race.
func (p *planner) brickRace(ph Phase, brick int) int {
	if p.ev == nil || brick == 0 || ph == PhaseBase {
		return 0
	}
	return min(10, 5*(brick/10))
}

// afterLongRun reports whether slot i of s is the day after the long run.
func (p *planner) afterLongRun(s []slot, i int) bool {
	if i > 0 {
		return s[i-1].role == roleKey && s[i-1].key == 1
	}
	return len(p.pattern) > 1 && (p.pattern[1]+1)%7 == s[0].date.Weekday()
}

// cutbackRep is the minutes of each of a cutback ride's two repetitions
// in week c (see cutbackRide), the ride being minutes long.
func (p *planner) cutbackRep(minutes int, c weekCtx) int {
	prev := 0
	for _, w := range c.last {
		if isQualityRide(w) {
			prev = max(prev, w.HardMinutes)
		}
	}
	if prev == 0 {
		l := rideLineups[""][phaseIndex(c.spec.phase)]
		prev = p.rideQuality(l[c.w%len(l)], minutes, noLimit).HardMinutes
	}
	return max(1, int(0.275*float64(prev)+0.5))
}

// cutbackRideMinutes is how long a cutback ride of week c must be to hold
// its two repetitions: warm-up, the set, cool-down.
func (p *planner) cutbackRideMinutes(c weekCtx) int {
	m := 25 + 2*p.cutbackRep(60, c) + 4
	return m + (5-m%5)%5
}

// secondLimit is how long a day's second session may be in week c: a
// threshold swim needs its warm-up, the week's CSS set (see cssMetres) and
// cool-down; an easy swim or run is short.
func (p *planner) secondLimit(d slot, c weekCtx, target int) limit {
	switch {
	case d.second == "":
		return limit{}
	case d.second == swimLong:
		return p.enduranceLimit(limit{0.08, 30, 75}, c, target)
	case d.role == roleKey:
		// As long as the week's set needs (as far as the day holds it
		// beside the quality ride), no longer; its weight grows with the
		// set, so a longer set adds to the day rather than shortening the
		// quality ride.
		lo := clamp(min(p.cssMinutes(p.cssMetres(c)), d.room-bounds(p.sport, d.role, d.key, "").lo), 30, 60)
		if d.bare {
			// A week short of time: a shorter set, so the swim stays
			// (see demote).
			lo = 25
		}
		return limit{0.08 * float64(lo) / 30, lo, lo}
	case d.role == roleRecovery:
		return limit{0.04, 20, 30}
	case d.second == training.SportSwim:
		return limit{0.08, 20, 60}
	case p.beforeLongPair(d.date.Weekday()):
		return limit{0.08, 20, beforePairRun}
	}
	return limit{0.12, 20, 75}
}

// triSecond builds a day's second session of minutes in week c: the
// threshold swim of a quality day, else an easy swim or run (a recovery
// run on a recovery day).
func (p *planner) triSecond(d slot, c weekCtx, minutes, hardMax int) Workout {
	switch {
	case d.second == swimLong:
		e := d
		e.minutes = minutes
		return p.enduranceWorkout(e, c)
	case d.role == roleKey && c.swimTest:
		return p.cssTest(minutes)
	case d.role == roleKey:
		return p.cssSwim(minutes, hardMax, p.cssMetres(c))
	case d.second == training.SportSwim:
		return swim(d.role == roleRecovery)
	}
	e := d
	e.minutes, e.variant = minutes, ""
	return p.easyRun(e)
}

// swim is a recovery or an easy technique and endurance swim, by time.
func swim(recovery bool) Workout {
	if recovery {
		return Workout{Sport: training.SportSwim, Kind: training.KindRecovery, RPE: 2, Zone: zRecovery, Structure: &training.Structure{Zone: zRecovery}}
	}
	return Workout{Sport: training.SportSwim, Kind: training.KindEasy, RPE: 3, Zone: zEndurance, Structure: &training.Structure{Zone: zEndurance}}
}

// triLongRunMax is the most of the week's running the long run may be:
// a third to two fifths keeps the long run long without the week's other
// runs becoming token jogs (the shares Friel's plans hold); half for an
// Ironman, whose long run of 2 h 15 or more (see events) would otherwise
// take more running than the bike-heavy week has room for (Fink, Be Iron
// Fit, 2004: a 2–2½ h long run within 4–5 h of running).
func (p *planner) triLongRunMax() float64 {
	if p.eventKind() == Ironman {
		return 0.5
	}
	return 0.4
}

// balanceRuns keeps the long run within triLongRunMax of the week's
// running: 5 minutes at a time go from the easy swims and rides to the
// other runs, else from the long run to the other runs
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
			return min(p.secondLimit(d, c, target).hi-d.secondMinutes, d.room-d.minutes)
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
		if d.variant == training.SportRun || d.role == roleShakeout || d.role == roleKey && d.key == 3 {
			runs = append(runs, part{i, false})
			running += d.minutes - d.secondMinutes
		} else if d.role == roleEasy || d.role == roleRecovery && !d.light {
			others = append(others, part{i, false})
		}
		if d.second == training.SportRun {
			runs = append(runs, part{i, true})
			running += d.secondMinutes
		} else if d.second != "" && d.role != roleKey {
			others = append(others, part{i, true})
		}
	}
	// runRoom is how many more minutes run x can take and stay shorter
	// than the long run by 10.
	runRoom := func(x part) int {
		if x.second {
			return min(room(x), s[long].minutes-10-s[x.i].secondMinutes)
		}
		return min(room(x), s[long].minutes-10-s[x.i].minutes+s[x.i].secondMinutes)
	}
	// roomiest is the part of group with the most room by roomOf, if it
	// has 5 minutes.
	roomiest := func(group []part, roomOf func(part) int) (best part, ok bool) {
		most := 4
		for _, x := range group {
			if r := roomOf(x); r > most {
				best, most = x, r
			}
		}
		return best, most >= 5
	}
	// add gives part x m minutes (m < 0 takes them).
	add := func(x part, m int) {
		s[x.i].minutes += m
		if x.second {
			s[x.i].secondMinutes += m
		}
	}
	// move gives 5 minutes of the long run to the session of group with
	// the most room.
	move := func(group []part, run bool) bool {
		roomOf := room
		if run {
			roomOf = runRoom
		}
		best, ok := roomiest(group, roomOf)
		if ok {
			add(best, 5)
			s[long].minutes -= 5
		}
		return ok
	}
	week, ride := sum(s), -1
	for i, d := range s {
		if d.role == roleKey && d.key == 0 {
			ride = i
		}
	}
	if ride >= 0 {
		running += p.brickMinutes(c.spec.phase, s[ride].minutes)
	}
	lo := p.limit(slot{role: roleKey, key: 1}, c, target).lo
	// grow gives 5 minutes of an easy swim or ride that is above its
	// shortest to the other run with the most room: the running grows
	// and the long run keeps its length.
	grow := func() bool {
		to, ok := roomiest(runs, runRoom)
		if !ok {
			return false
		}
		for _, x := range others {
			d := s[x.i]
			spare := d.secondMinutes - p.secondLimit(d, c, target).lo
			if !x.second {
				m := d
				m.second = ""
				spare = d.minutes - d.secondMinutes - p.limit(m, c, target).lo
			}
			if spare >= 5 {
				add(x, -5)
				add(to, 5)
				return true
			}
		}
		return false
	}
	for float64(s[long].minutes) > p.triLongRunMax()*float64(running)+1e-9 && s[long].minutes-5 >= lo {
		switch {
		case grow():
			running += 5
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

// Race effort, the pace of a triathlon's bike and run legs, by event: the
// longer the race, the further below threshold. On the bike as fractions
// of FTP: an Olympic at 85–93 %, a 70.3 at 75–83 %, an Ironman at
// 68–75 % (the ranges coaches pace age-groupers at; see docs/PLANS.md).
// On the run as multiples of the threshold pace: an Olympic from threshold
// pace to 5 % slower, a 70.3 5–10 % slower (about marathon pace, Riegel's
// model for a three-hour effort), an Ironman 12–20 % slower. A sprint is
// raced at threshold (Coggan's and Friel's threshold zones).
var (
	triRaceRide = map[EventKind][2]float64{Olympic: {0.85, 0.93}, Half703: {0.75, 0.83}, Ironman: {0.68, 0.75}}
	triRaceRun  = map[EventKind][2]float64{Olympic: {1.00, 1.05}, Half703: {1.05, 1.10}, Ironman: {1.12, 1.20}}
)

// raceRideCue is the target of a triathlete's race-effort riding: the
// event's share of FTP (see triRaceRide), else the heart rate or power of
// the event's race zone.
func (p *planner) raceRideCue() string {
	if b, ok := triRaceRide[p.eventKind()]; ok && p.in.Athlete.FTP > 0 {
		ftp := float64(p.in.Athlete.FTP)
		return fmt.Sprintf("%d–%d W", int(b[0]*ftp+0.5), int(b[1]*ftp+0.5))
	}
	if c := p.bikeCue(raceZone[p.ev.kind]); c != "" {
		return c
	}
	return p.raceFeel()
}

// raceFeel is how race effort feels, for an athlete with no power, pace or
// heart rate to go by: the race's own RPE (see raceWorkout) in the scale's
// words; the session's own RPE is the easy riding or running around it.
func (p *planner) raceFeel() string { return feel(p.raceWorkout().RPE) }

// raceRunCue is the target of a triathlete's race-effort running, and its
// pace as a multiple of the threshold pace (0 where the plan has no pace
// for it): the event's band from the threshold pace (see triRaceRun), else
// the event's race zone.
func (p *planner) raceRunCue() (cue string, factor float64) {
	t := float64(p.in.Athlete.ThresholdPace)
	if b, ok := triRaceRun[p.eventKind()]; ok && t > 0 {
		return p.units.PaceRange(b[0]*t, b[1]*t), (b[0] + b[1]) / 2
	}
	if c := p.runCue(raceZone[p.ev.kind]); c != "" {
		return c, 0
	}
	return p.raceFeel(), 0
}

// triKeys is how many of the key days (see triKeyDays) a triathlete's week
// s holds, k being the count of the rules every sport shares: at least the
// long ride and the long run; in a cutback week an intermediate or
// advanced athlete keeps the quality day too, shorter (see cutbackRide and
// cssMetres), a beginner only the long pair (the rationale says so).
func (p *planner) triKeys(s weekSpec, k int) int {
	if s.kind == KindCutback && p.exp != Beginner && (p.keys == 0 || p.keys >= 3) {
		k = 3
	}
	return max(k, 2)
}

// triRecoveryText writes the rationale of recovery week s, week w of the
// plan, after a triathlon A race: training pct % of the peak week. It says
// how long the recovery lasts and when each sport comes back (see
// triRecovery), and where the recovery days end within the week, that the
// days after are easy training rather than recovery.
func (p *planner) triRecoveryText(b *strings.Builder, w int, s weekSpec, pct int) {
	days := p.recoveryDays()
	end := p.race + days // the recovery's last day, as days from the start
	date := func(idx int) string { return p.start.AddDate(0, 0, idx).Format("Mon 2 Jan") }
	fmt.Fprintf(b, "%s after %s: rest and easy sessions only, %d %% of the peak week.", weekOf("recovery", s.n, s.of), p.ev.aName(), pct)
	if s.n == 1 {
		fmt.Fprintf(b, " Recovery after a triathlon goes by the race's length and its run, the leg that does the damage (Friel 2016): %d days, a rest day, then easy swims and rides, running again from %s.",
			days, date(p.race+p.firstRunDay()))
	}
	switch last := 7*w + 6; {
	case end < 7*w:
		fmt.Fprintf(b, " The %d recovery days are over: easy training in all three sports, nothing hard yet.", days)
	case end < last:
		fmt.Fprintf(b, " The recovery's last day is %s; the days after it are easy training in all three sports, nothing hard yet.", date(end))
	}
	b.WriteString(" The race was the biggest stress of the plan; the gains from it are made now. Resume harder training only once your legs and motivation are back.")
}
