package plan

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"rebound/internal/training"
)

// weekSpec is one week of the macrocycle before its days are laid out.
type weekSpec struct {
	phase Phase
	kind  WeekKind
	n     int // training weeks (base, build, peak): 1-based count; taper weeks: 1-based step
	of    int // weeks in the phase
	inPh  int // 1-based week within the phase
}

// frame is the plan's shape: how many weeks of each phase, and the volume
// the training weeks grow towards.
type frame struct {
	specs  []weekSpec
	train  int     // training weeks
	taper  int     // taper weeks before the race week
	peak   int     // target peak week, minutes
	growth float64 // week-on-week growth in base and build weeks
}

// frame lays out the macrocycle.
//
// With an event: the taper's length in days is the option or the event's
// default; whole taper weeks precede the race week, as many as bring the
// taper (those weeks plus the race week's days before the race) closest
// to that length, but never so many that fewer than two training weeks
// remain. The training weeks before are split base 40 %, build 40 %, peak
// 20 % (at most 4) of the event's usual plan length; a nearer event loses
// base weeks first, then build weeks; a farther one gains base weeks; the
// ends of the base and build phases then move by a week where that makes
// them end with a cutback week (snap). An A race adds a recovery week.
//
// Without an event: Options.Weeks of base with cutbacks.
//
// In the training weeks, week n is a cutback week when n is a multiple of
// CutbackEvery — except the last week before a taper, since the taper that
// follows is lighter still.
func (p *planner) frame() frame {
	var f frame
	if p.ev == nil {
		f.train = p.weeks
		for n := 1; n <= f.train; n++ {
			f.specs = append(f.specs, weekSpec{phase: PhaseBase, kind: p.trainingKind(n, f.train), n: n, of: f.train, inPh: n})
		}
		f.peak = down5(floorMinutes(float64(p.current)*1.2), p.current-1)
		f.growth = p.growthTo(f.peak, f.train, f.train)
		return f
	}

	raceWeek, before := p.race/7, p.race%7
	p.taperLen = p.taperLength()
	// A week with four or more of the taper's days is a taper week. An A
	// race's taper then starts with the first taper week: a taper starting
	// mid-week would spread its cut over the whole week, the days before it
	// included, and leave the taper's own days too full. A shorter taper's
	// days in the week before make that week lighter at its end.
	f.taper = max(0, (p.taperLen-before+3)/7)
	if p.priority == "A" {
		p.taperLen = 7*f.taper + before
	}
	if f.taper > raceWeek-2 {
		f.taper = max(0, raceWeek-2)
		p.taperLen = 7*f.taper + before
		p.note("The taper is shortened to %d days so the plan keeps two weeks of training before it.", p.taperLen)
	}
	f.train = raceWeek - f.taper

	ideal := max(p.ev.idealWeeks-1-f.taper, 1)
	peak := clamp(int(math.Round(0.2*float64(ideal))), 1, 4)
	build := int(math.Round(0.4 * float64(ideal)))
	base := ideal - peak - build
	baseIdeal := base
	// The notes on the base phase name its length once snap has moved its
	// end, so that they agree with the weeks' own "Base week 1 of n".
	var baseNote func(base int)
	switch short := ideal - f.train; {
	case short > 0:
		cut := min(short, base)
		base -= cut
		short -= cut
		cut = min(short, build-1)
		build -= cut
		short -= cut
		peak -= short
		if base > 0 {
			baseNote = func(base int) {
				if base == baseIdeal {
					p.note("%s plan is usually %d weeks; with %d weeks to the race the build phase is shorter.",
						title(p.ev.aName()), p.ev.idealWeeks, raceWeek+1)
					return
				}
				p.note("%s plan is usually %d weeks; with %d weeks to the race the base phase is %d weeks instead of %d.",
					title(p.ev.aName()), p.ev.idealWeeks, raceWeek+1, base, baseIdeal)
			}
		} else {
			p.note("%s plan is usually %d weeks; with %d weeks to the race there is no separate base phase and the build is shorter. That is safe from your current volume, but there is no time to spare: a missed week is not made up.",
				title(p.ev.aName()), p.ev.idealWeeks, raceWeek+1)
		}
	case short < 0:
		base -= short
		baseNote = func(base int) {
			p.note("The race is %d weeks away, more than the usual %d for %s, so the base phase is longer (%d weeks): more easy volume before the harder work.",
				raceWeek+1, p.ev.idealWeeks, p.ev.aName(), base)
		}
	}
	base, build = p.snap(base, build, peak, f.train)
	if baseNote != nil {
		baseNote(base)
	}
	peak = f.train - base - build
	for n := 1; n <= f.train; n++ {
		s := weekSpec{kind: p.trainingKind(n, f.train), n: n}
		switch {
		case n <= base:
			s.phase, s.of, s.inPh = PhaseBase, base, n
		case n <= base+build:
			s.phase, s.of, s.inPh = PhaseBuild, build, n-base
		default:
			s.phase, s.of, s.inPh = PhasePeak, peak, n-base-build
		}
		f.specs = append(f.specs, s)
	}
	for i := 1; i <= f.taper; i++ {
		f.specs = append(f.specs, weekSpec{phase: PhaseTaper, kind: KindTaper, n: i, of: f.taper, inPh: i})
	}
	f.specs = append(f.specs, weekSpec{phase: PhaseRace, kind: KindRace, n: 1, of: 1, inPh: 1})
	if p.priority == "A" {
		n := p.recoveryWeeks()
		for i := 1; i <= n; i++ {
			f.specs = append(f.specs, weekSpec{phase: PhaseRecovery, kind: KindRecovery, n: i, of: n, inPh: i})
		}
	} else {
		p.note("After this %s race take two to four easy days before training hard again; the plan ends with the race week.", p.priority)
	}

	want, reach := p.peakTarget(), p.reachable(f.train, base+build)
	f.peak = down5(clamp(want, p.current, max(p.current, reach)), p.current-1)
	if f.peak > want {
		p.note("You already train %d min a week, more than %s needs; the plan holds that volume, as far as the days allow, rather than adding more.", p.current, p.ev.aName())
	} else if f.peak < want {
		p.note("Volume grows to at most %d min a week: %s usually peaks at about %d min, and the weeks to the race allow no more at %s a week.",
			f.peak, p.ev.aName(), want, p.rampPercent())
	}
	f.growth = p.growthTo(f.peak, f.train, base+build)
	return f
}

// snap moves the ends of the base and build phases by a week where that
// makes a phase end with a cutback week, so each phase closes with its
// absorption week and the next starts fresh. No phase that has weeks loses
// its last one.
func (p *planner) snap(base, build, peak, train int) (int, int) {
	isCut := func(n int) bool { return p.trainingKind(n, train) == KindCutback }
	if base > 0 && !isCut(base) {
		switch {
		case base > 1 && isCut(base-1):
			base, build = base-1, build+1
		case build > 1 && isCut(base+1):
			base, build = base+1, build-1
		}
	}
	if end := base + build; build > 0 && !isCut(end) {
		switch {
		case build > 1 && isCut(end-1):
			build--
		case peak > 1 && isCut(end+1):
			build++
		}
	}
	return base, build
}

// trainingKind is the kind of training week n of train (see frame).
func (p *planner) trainingKind(n, train int) WeekKind {
	if n%p.every == 0 && !(p.ev != nil && n == train) {
		return KindCutback
	}
	return KindBuild
}

// growthTo is the even week-on-week growth that reaches peak minutes by the
// end of week last (the end of the build phase), counting only the weeks
// that grow (not week 1, not cutbacks); never more than MaxRamp, never
// negative. A steady climb is kinder than the full ramp followed by a
// plateau.
func (p *planner) growthTo(peak, train, last int) float64 {
	steps := 0
	for n := 2; n <= min(last, train); n++ {
		if p.trainingKind(n, train) == KindBuild {
			steps++
		}
	}
	if steps == 0 || peak <= p.current {
		return p.ramp
	}
	g := math.Pow(float64(peak)/float64(p.current), 1/float64(steps)) - 1
	return clamp(g, 0, p.ramp)
}

// progress carries what one week needs from the weeks before.
type progress struct {
	prev     int                   // the last week's training minutes (race excluded); the current volume before week 1
	prevCut  bool                  // the last week was a cutback
	best     int                   // the highest non-cutback week planned so far; the current volume before week 1
	peak     int                   // the highest non-cutback training week: what the taper falls from
	sessions int                   // that week's training sessions: how often the taper still trains
	doubles  bool                  // a build or peak week held a day of two runs: the taper and race week may too
	sinceCut int                   // build weeks since the last cutback
	hard     int                   // the last build or peak week's hard minutes (cutbacks aside), for the rationale
	steps    [raceSpecific + 1]int // by session, build and peak weeks (cutbacks aside) that held one: how far each has progressed
	rides    [rideVO2 + 1]int      // a triathlete's quality rides by session, training weeks (cutbacks aside) that held one (see rideLadders)
	blocks   int                   // a triathlete's long rides with race-effort blocks so far, cutbacks aside (see raceBlocks)
	keyHard  [zVO2 + 1]int         // by zone, the most hard minutes of a quality session (the long one aside) in the last build or peak week
	long     int                   // the last base, build or peak week's long run (cutbacks aside), minutes
	ride     int                   // likewise, a triathlete's long ride (a brick's run included)
	lastKey  bool                  // the last day so far held a key workout
	last     []Workout             // the last week's workouts
	loads    []float64             // the weeks' training loads so far, after two weeks at the current volume (see planLoads)
}

// build generates the plan week by week: each week's volume depends on what
// the weeks before actually held.
func (p *planner) build() Plan {
	f := p.frame()
	st := progress{prev: p.current, best: p.current}
	// The day before the plan is taken as the athlete's usual week has it:
	// after a long session on it, week 1 starts with the recovery day the
	// other weeks have, not an easy day that moves the rest day.
	if before := (p.start.Weekday() + 6) % 7; len(p.pattern) > 0 {
		st.lastKey = p.pattern[0] == before || p.sport == Triathlon && len(p.pattern) > 1 && p.pattern[1] == before
	}
	weeks := make([]Week, 0, len(f.specs))
	p.spare = make([]Workout, 7*len(f.specs))
	for w, spec := range f.specs {
		weeks = append(weeks, p.week(w, spec, f, &st))
	}
	p.longRuns(weeks)
	p.peakVolume(weeks)
	return Plan{Weeks: weeks, Notes: p.notes, Warnings: p.warnings, Units: string(p.units)}
}

// peakVolume notes a peak week more than 10 % above the volume the athlete
// trains now: the plan grows the hours to what the event needs, and the
// athlete has to have them, which the stated volume does not say.
func (p *planner) peakVolume(weeks []Week) {
	peak, at := 0, 0
	for i, w := range weeks {
		if w.Kind == KindBuild {
			if m := trainingMinutes(w); m > peak {
				peak, at = m, i+1
			}
		}
	}
	if 10*peak > 11*p.current {
		p.note("Volume grows from the %s a week you train now to %s in week %d (+%d %%): check that the time is there before you start.",
			duration(p.current), duration(peak), at, (100*peak+p.current/2)/p.current-100)
	}
}

// longRuns checks a run plan's longest long run against the event's: a
// warning when it is shorter than the shortest that prepares for the race
// safely (the athlete's time cannot carry the event's long runs within the
// 30 % rule and the ramp), a note when it is short of the usual target.
func (p *planner) longRuns(weeks []Week) {
	if p.ev != nil && p.sport == Triathlon {
		p.triLongs(weeks)
	}
	if p.ev == nil || p.sport != Run {
		return
	}
	longest, at, week := 0, 0, 0
	for i, w := range weeks {
		for _, wo := range w.Workouts {
			if wo.Kind == training.KindLong && wo.Minutes > longest {
				longest, at, week = wo.Minutes, i+1, trainingMinutes(w)
			}
		}
	}
	target := p.longCap()
	switch {
	case longest < p.ev.minLong:
		p.warn("The longest long run this plan can build is %s (week %d), and %s needs at least %s to be run safely: long runs grow by at most 10 min a week and stay within 30 %% of the week's running, and %s weeks are as far as the plan safely builds from your %s in the weeks to the race. Choose a later or shorter race, or find more time each week.",
			duration(longest), at, p.ev.aName(), duration(p.ev.minLong), duration(week), duration(p.current))
	case longest < target:
		p.note("The longest long run is %s (week %d), short of the %s %s usually builds to: long runs grow by at most 10 min a week and stay within 30 %% of the week's running, and %s weeks are as far as this plan safely builds from your %s. Run the race by effort, and practise eating and drinking on every long run.",
			duration(longest), at, duration(target), p.ev.aName(), duration(week), duration(p.current))
	}
}

// triLongs warns when a triathlon plan's longest long ride or long run is
// shorter than the race needs (see eventRules.minRide): the athlete's
// hours, or the long run's share of the running (triLongRunMax), forbid it.
func (p *planner) triLongs(weeks []Week) {
	ride, run := 0, 0
	for _, w := range weeks {
		for _, wo := range w.Workouts {
			switch {
			case wo.Kind != training.KindLong:
			case wo.Sport == training.SportBike && wo.Structure != nil:
				ride = max(ride, wo.Minutes-wo.Structure.Brick)
			case wo.Sport == training.SportBike:
				ride = max(ride, wo.Minutes)
			case wo.Sport == training.SportRun:
				run = max(run, wo.Minutes)
			}
		}
	}
	if ride >= p.ev.minRide && run >= p.ev.minRun {
		return
	}
	p.warn("The longest ride this plan can build is %s and the longest run %s, and %s needs at least %s and %s by the peak: the long ride stays within a third of the week, the long run within %s of the running, and the weeks to the race allow no more from your %s. Choose a later or shorter race, or find more time each week.",
		duration(ride), duration(run), p.ev.aName(), duration(p.ev.minRide), duration(p.ev.minRun), map[bool]string{true: "half", false: "two fifths"}[p.triLongRunMax() == 0.5], duration(p.current))
}

// week lays out and fills week w, and moves st on.
func (p *planner) week(w int, spec weekSpec, f frame, st *progress) Week {
	days := make([]slot, 7)
	for i := range days {
		// p.start is a midnight UTC, so whole days of 24 h land on
		// midnights: what AddDate gives, for less work.
		date := p.start.Add(time.Duration(7*w+i) * day)
		days[i] = slot{date: date, idx: 7*w + i, room: p.room[date.Weekday()]}
	}
	c := weekCtx{w: w, spec: spec, prevKey: st.lastKey, prev: st.prev, steps: &st.steps, rides: &st.rides, blocks: &st.blocks, lastLong: st.long, lastRide: st.ride, last: st.last,
		swimTest: p.cssTestWeek(w, spec, st.prevCut)}
	if spec.phase != PhaseBuild && spec.phase != PhasePeak {
		c.hold = 1 // the taper keeps the peak's sets, shorter where its days are
		c.keyHard = &st.keyHard
	}
	var want int
	var ws []Workout
	switch spec.kind {
	case KindBuild:
		// The week view flags a load ramp (load.RampFlag); a plan must not
		// raise it on its own weeks: the target steps down until it is clear.
		t := p.trainingTarget(spec, f, st)
		if share := p.taperWeekShare(w); share < 1 {
			t = min(t, floorMinutes(float64(max(st.peak, t))*share))
			t -= t % 5
		}
		want, ws = p.clearOfRamp(days, c, st, t, func(t int) { p.fillTraining(days, t, c) })
	case KindCutback: // lighter than the week before, but its intensity may still ramp the load
		want, ws = p.clearOfRamp(days, c, st, p.trainingTarget(spec, f, st), func(t int) { p.fillTraining(days, t, c) })
	case KindTaper:
		t := min(floorMinutes(float64(st.peak)*p.taperWeekShare(w)), st.prev)
		want, ws = p.clearOfRamp(days, c, st, t-t%5, func(t int) {
			p.fillTraining(days, t, c)
			if p.sport == Run && st.doubles {
				keepSessions(days, st.sessions)
			}
		})
	case KindRace:
		want = p.fillRaceWeek(days, st, c)
	case KindRecovery:
		t := floorMinutes(float64(st.peak) * p.recoveryWeekShare(spec.n, spec.of))
		if spec.n > 1 {
			// At most +50 % a week: the next week can then hold as much
			// within the load ramp rule, so the reverse taper only rises.
			t = min(t, floorMinutes(1.5*float64(st.prev)))
		}
		want, ws = p.clearOfRamp(days, c, st, t-t%5, func(t int) {
			for i := range days {
				days[i].role = p.postRole(days[i].idx-p.race, days[i].room)
			}
			p.chooseVariants(days, false)
			p.allocate(days, t, c, true)
		})
	}
	if ws == nil {
		ws = p.workouts(days, c)
	}
	wk := Week{Start: days[0].date, Phase: spec.phase, Kind: spec.kind, Workouts: ws}
	trainMin, hard := 0, 0
	for _, wo := range wk.Workouts {
		wk.TargetMinutes += wo.Minutes
		if wo.Kind != training.KindRace {
			trainMin += wo.Minutes
			hard += wo.HardMinutes
		}
	}
	for _, d := range days {
		st.doubles = st.doubles || d.double > 0 && spec.kind == KindBuild
	}
	wk.EasyShare = easyShare(trainMin, hard)
	wk.Rationale = p.rationale(w, spec, f, st, trainMin, hard, want, wk.Workouts)

	if spec.phase == PhaseBase || spec.phase == PhaseBuild || spec.phase == PhasePeak {
		if spec.kind == KindCutback {
			st.sinceCut = 0
		} else {
			if w == 0 {
				st.best = trainMin // from here on, ramps are judged against the weeks planned
			}
			st.best = max(st.best, trainMin)
			if trainMin >= st.peak {
				st.peak, st.sessions = trainMin, sessionCount(wk.Workouts)
			}
			st.sinceCut++
			for _, wo := range wk.Workouts {
				if wo.Kind == training.KindLong && wo.Sport == training.SportRun {
					st.long = wo.Minutes
				}
				if wo.Kind == training.KindLong && wo.Sport == training.SportBike {
					st.ride = wo.Minutes
					if wo.Structure != nil && wo.Structure.Effort == "at race effort" {
						st.blocks++
					}
				}
			}
			p.countRides(wk.Workouts, &st.rides)
			if spec.phase != PhaseBase {
				st.hard = hard
				p.countSessions(days, c, &st.steps)
				st.keyHard = [zVO2 + 1]int{}
				for _, wo := range wk.Workouts {
					if wo.Key && wo.Kind != training.KindLong && wo.Kind != training.KindRace && wo.Zone >= 0 && wo.Zone <= zVO2 {
						st.keyHard[wo.Zone] = max(st.keyHard[wo.Zone], wo.HardMinutes)
					}
				}
			}
		}
	}
	if w == 0 {
		st.loads = planLoads(p.current, []Week{wk})
	} else {
		st.loads = append(st.loads, weekLoad(wk.Workouts))
	}
	st.prev, st.prevCut = trainMin, spec.kind == KindCutback
	// The last day's key workout may come before an easy second session.
	st.lastKey = false
	for i := len(wk.Workouts) - 1; i >= 0 && wk.Workouts[i].Date.Equal(wk.Workouts[len(wk.Workouts)-1].Date); i-- {
		st.lastKey = st.lastKey || wk.Workouts[i].Key
	}
	st.last = wk.Workouts
	return wk
}

// fillTraining lays out a base, build, peak or taper week of want minutes
// and returns want. A cutback week's easy days may hold less than the key
// workout they replace: if the week cannot hold its volume with one key
// workout fewer, it keeps them all, shorter. A run week whose days cannot
// hold its volume one run a day adds second runs (see doubleCap).
func (p *planner) fillTraining(days []slot, want int, c weekCtx) int {
	for i := range days {
		days[i].double = 0
	}
	keys := p.keyCount(c.spec, want)
	c.strides = c.spec.phase != PhaseBase || p.exp != Beginner
	p.trainingRoles(days, keys, c)
	p.allocate(days, want, c, false)
	full := p.keyCount(weekSpec{phase: c.spec.phase, kind: KindBuild}, want)
	if c.spec.kind == KindCutback && sum(days) < want && full > keys {
		p.trainingRoles(days, full, c)
		p.allocate(days, want, c, false)
	}
	if sum(days)+minWorkout <= want && p.sport == Run {
		c.doubles, c.want = true, want
		p.allocate(days, want, c, false)
		p.splitDoubles(days, c)
	}
	return want
}

// splitDoubles moves what a day holds beyond its first run's limit into
// a second run where the day's room allows: of at least 30 minutes,
// Pfitzinger & Douglas's (2009) shortest recovery run, when the first
// can keep 30 as well; else of at least 20 (a shorter one is not worth
// the change of clothes). The first run gives the minutes.
func (p *planner) splitDoubles(days []slot, c weekCtx) {
	target := sum(days)
	for i, d := range days {
		if d.role != roleEasy && d.role != roleRecovery {
			continue
		}
		if first := p.limit(d, c, target).hi - p.doubleCap(d, c, target); d.minutes > first {
			least := 20
			if d.minutes >= 2*minDouble {
				least = minDouble
			}
			// Neither run shorter than least: a first run with a
			// short limit gives the second less.
			days[i].double = max(min(least, d.room), min(d.minutes-first, d.minutes-least))
			days[i].minutes -= days[i].double
		}
	}
}

// minDouble is the shortest second run of a day that can hold two runs
// of that length.
const minDouble = 30

// keepSessions splits a run taper week's longest easy or recovery runs
// into two, each of 30 minutes or more (a shorter run would only make the
// race week's runs shorter still), until the week holds at least 80 %
// of the peak week's sessions: a taper cuts volume, not frequency, by more
// than about 20 % (Mujika & Padilla 2003).
func keepSessions(days []slot, peak int) {
	n := 0
	for _, d := range days {
		if d.minutes > 0 {
			n++
		}
		if d.double > 0 {
			n++
		}
	}
	for ; 5*n < 4*peak; n++ {
		best := -1
		for i, d := range days {
			if (d.role == roleEasy || d.role == roleRecovery) && !d.light && d.double == 0 && d.minutes >= 60 &&
				(best < 0 || d.minutes > days[best].minutes) {
				best = i
			}
		}
		if best < 0 {
			return
		}
		second := max(30, days[best].minutes/3)
		second -= second % 5
		days[best].double = second
		days[best].minutes -= second
	}
}

// sessionCount is the training sessions among ws.
func sessionCount(ws []Workout) int {
	n := 0
	for _, w := range ws {
		if w.Kind != training.KindRest && w.Kind != training.KindRace {
			n++
		}
	}
	return n
}

// fillRaceWeek lays out the race week and returns the minutes planned
// before the race: the taper's last step, (1 − drop) of the peak week's
// daily volume on each day before the race. The days after it get the
// recovery share of the peak week's daily volume.
func (p *planner) fillRaceWeek(days []slot, st *progress, c weekCtx) int {
	before := p.race - days[0].idx
	want := min(floorMinutes(float64(st.peak)*(1-p.drop())*float64(before)/7), st.prev)
	want -= want % 5
	p.raceRoles(days, st.lastKey)
	fill := func(doubles bool) {
		for i := range days {
			days[i].double = 0
		}
		p.allocate(days[:before], want, c, false)
		if doubles && sum(days[:before])+minWorkout <= want && p.sport == Run {
			// Frequency holds in the taper (Bosquet et al. 2007): a runner on
			// doubles keeps some of them.
			c := c
			c.doubles, c.want = true, want
			p.allocate(days[:before], want, c, false)
			p.splitDoubles(days[:before], c)
		}
	}
	fill(st.doubles) // no first doubles in the race week
	// A few passes: each lowers only the days still too long. The minutes
	// the lowered days lose are not made up in second runs.
	for range 8 {
		if !p.capToWeekBefore(days[:before], c, want, st.last) {
			break
		}
		fill(true)
	}
	after := floorMinutes(float64(st.peak) * p.recoveryShare() * float64(6-before) / 7)
	p.allocate(days[before+1:], after-after%5, c, true)
	return want
}

// capToWeekBefore lowers the room of each race-week day whose session is
// longer than the longest session of its kind and sport the week before
// (as far as the day's shortest workout allows), so the taper keeps
// falling into the race; it reports whether it lowered any.
func (p *planner) capToWeekBefore(days []slot, c weekCtx, want int, before []Workout) bool {
	lowered := false
	for _, wo := range p.workouts(days, c) {
		longest, easy := 0, 0
		for _, b := range before {
			switch {
			case b.Sport != wo.Sport:
			case b.Kind == wo.Kind:
				longest = max(longest, b.Minutes)
			case b.Kind == training.KindEasy || b.Kind == training.KindRecovery:
				easy = max(easy, b.Minutes)
			}
		}
		if longest == 0 && (wo.Kind == training.KindEasy || wo.Kind == training.KindRecovery) {
			longest = easy // no match of its kind: an easy session the week before
		}
		most := longest
		if wo.Kind == training.KindRest || longest == 0 || wo.Minutes <= most {
			continue
		}
		i := int(wo.Date.Sub(days[0].date) / day)
		room := days[i].minutes - (wo.Minutes - most)
		room = max(room-room%5, p.limit(days[i], c, want).lo)
		if room < days[i].room {
			days[i].room, lowered = room, true
		}
	}
	return lowered
}

// sum is the minutes of days.
func sum(days []slot) int {
	t := 0
	for _, d := range days {
		t += d.minutes
	}
	return t
}

// easyShare is the share of training minutes that are easy; 1 without
// training.
func easyShare(trainMin, hard int) float64 {
	if trainMin == 0 {
		return 1
	}
	return float64(trainMin-hard) / float64(trainMin)
}

// trainingTarget is the volume a base, build or peak week aims for, in
// whole 5 minutes where the ramp allows (rounded down if that still grows,
// else up if that stays within MaxRamp, else left as it is):
//
//   - week 1: the current weekly volume, where the athlete is now;
//   - a cutback week: CutbackDepth of the week before;
//   - otherwise the growth rate (MaxRamp in peak weeks, to make up for
//     rounding) over the week before, or over the highest non-cutback week
//     when the week before was a cutback, so coming out of a cutback returns
//     to the old level plus one step rather than jumping from the cutback
//     week; never above the peak target, unless the athlete was already
//     above it, when volume holds. A strength week below the best so far
//     (trimmed after a deload to keep clear of the load ramp flag) grows
//     at MaxRamp, back to where it was.
//
// MaxRamp bounds every step: growth ≤ MaxRamp and the highest non-cutback
// week only rises, so a week is never more than MaxRamp over the week
// before it (when that was not a cutback) nor over the best week so far.
func (p *planner) trainingTarget(s weekSpec, f frame, st *progress) int {
	switch {
	case s.n == 1:
		return down5(p.current, 0)
	case s.kind == KindCutback:
		return down5(floorMinutes(float64(st.prev)*p.depth), 0)
	}
	ref, g := st.prev, f.growth
	if st.prevCut {
		ref = st.best
	}
	if s.phase == PhasePeak || p.sport == Strength && ref < st.best {
		g = p.ramp // a trimmed week must not lower the blocks after it
	}
	t := floorMinutes(float64(ref) * (1 + g))
	if r := t - t%5; r > ref {
		t = r
	} else if r+5 <= floorMinutes(float64(ref)*(1+p.ramp)) {
		t = r + 5
	}
	return min(t, max(f.peak, st.best))
}

// down5 rounds t down to whole 5 minutes, as workouts are planned, when
// that still leaves it above floor; else it keeps t, so a small ramp on a
// small volume still grows.
func down5(t, floor int) int {
	if r := t - t%5; r > floor {
		return r
	}
	return t
}

// drop is how far the race week's training falls below the peak week: for
// an A race, whatever makes the whole taper taperMean below the peak week
// once its days before the last seven have fallen from taperFirst (see
// taperShare); 30 % for a B race, 20 % for a C race (only the days just
// before it are light).
func (p *planner) drop() float64 {
	switch p.priority {
	case "B":
		return 0.3
	case "C":
		return 0.2
	}
	l := float64(p.taperLen)
	k := float64(p.taperLen - min(p.taperLen, 7))
	if k == 0 {
		return taperMean
	}
	// The k days cut taperFirst + (drop − taperFirst)·i/k, i = 0…k−1, and
	// the last seven drop: their sum is taperMean·l.
	return (taperMean*l - taperFirst*(k+1)/2) / ((k-1)/2 + 7)
}

// recoveryShare is the post-race volume as a fraction of the peak week: the
// event's recovery week after an A race; half after a B or C race.
func (p *planner) recoveryShare() float64 {
	if p.priority == "A" {
		return p.ev.recovery
	}
	return 0.5
}

// keyCount is how many key workouts week s holds: Options.KeyWorkouts, or
// by experience and phase (beginners at most 2; base weeks fewer, and their
// quality sessions softer); one fewer in a cutback week (a triathlete keeps
// the long ride and long run); never more than one per hour of the week's
// volume (strength: per 45 minutes, a heavy session needing no easy
// volume around it), and never more than the key days allow.
func (p *planner) keyCount(s weekSpec, volume int) int {
	k := p.keys
	if k == 0 {
		k = p.defaultKeys(s.phase)
	}
	switch {
	case s.kind == KindCutback && p.sport == Strength:
		// A deload keeps every heavy day, each a set lighter: frequency
		// held, volume cut (Bosquet et al. 2007; Pritchard et al. 2015).
	case s.kind == KindCutback:
		k = max(k-1, min(k, 2)) // the long session and one short quality session stay
	}
	if p.sport == Triathlon {
		k = p.triKeys(s, k)
	}
	per := keyMinutes
	switch {
	case p.sport == Strength && s.kind == KindCutback:
		per = 35 // a deload session, a set fewer of each lift, shortened to fit
	case p.sport == Strength:
		per = 45
	}
	return clamp(min(k, volume/per), 1, len(p.pattern))
}

// defaultKeys is the number of key workouts by experience and phase. For
// strength they are the heavy and conditioning days.
func (p *planner) defaultKeys(ph Phase) int {
	if p.sport == Strength {
		if p.exp == Beginner {
			return 2
		}
		return 3
	}
	var byPhase [4]int // base, build, peak, taper
	switch p.exp {
	case Beginner:
		byPhase = [4]int{1, 2, 2, 2}
	case Intermediate:
		byPhase = [4]int{2, 2, 3, 3}
	case Advanced:
		byPhase = [4]int{2, 3, 3, 3}
	}
	if p.sport == Triathlon {
		// The long ride and long run, and a quality ride with a threshold
		// swim; advanced athletes a quality run as well from the build
		// phase (Friel 2016; see triKeyDays), and intermediates racing
		// short.
		byPhase = [4]int{3, 3, 3, 3}
		if short := p.eventKind() == Sprint || p.eventKind() == Olympic; p.exp == Advanced || p.exp == Intermediate && short {
			// Intermediates racing a sprint or an Olympic too: its run
			// is raced near threshold, so it is trained there (Friel
			// 2016's short-course build: threshold work in each sport).
			byPhase = [4]int{3, 4, 4, 4}
		}
	}
	switch ph {
	case PhaseBuild:
		return byPhase[1]
	case PhasePeak:
		return byPhase[2]
	case PhaseTaper:
		return byPhase[3]
	}
	return byPhase[0]
}

// maxKeys is the most key workouts any week of the plan asks for.
func (p *planner) maxKeys() int {
	if p.keys != 0 {
		return p.keys
	}
	k := 0
	for _, ph := range []Phase{PhaseBase, PhaseBuild, PhasePeak, PhaseTaper} {
		k = max(k, p.defaultKeys(ph))
	}
	return k
}

func clamp[T int | float64](x, lo, hi T) T { return min(max(x, lo), hi) }

// lastSeven is the training minutes of the seven days before the race,
// from the week before's workouts and the race week's: the taper's real
// depth, as the race week's rationale gives it.
func (p *planner) lastSeven(weeks ...[]Workout) int {
	race := p.start.AddDate(0, 0, p.race)
	m := 0
	for _, ws := range weeks {
		for _, w := range ws {
			if w.Date.Before(race) && !w.Date.Before(race.AddDate(0, 0, -7)) {
				m += w.Minutes
			}
		}
	}
	return m
}

// rationale says in plain words why week s looks as it does.
func (p *planner) rationale(w int, s weekSpec, f frame, st *progress, trainMin, hard, want int, ws []Workout) string {
	var b strings.Builder
	b.Grow(384) // rationales run to about 350 bytes: one buffer instead of several
	switch s.kind {
	case KindCutback:
		word, keys := "Cutback", cutbackKeys(ws)
		if p.sport == Strength {
			word, keys = "Deload", "Every exercise one set fewer, one more repetition in reserve (RPE 7)."
		}
		// Written piece by piece into the one buffer, not joined first.
		writeAll(&b, word, " week: −", strconv.Itoa(percentDown(st.prev, trainMin)), " % volume after ", count(st.sinceCut),
			" build weeks, so the last ", count(st.sinceCut), " weeks' work can turn into fitness. ", keys)
	case KindBuild:
		writeAll(&b, weekOf(string(s.phase), s.inPh, s.of), ": ", p.purpose(s.phase), " ")
		p.volumeSentence(&b, s, st, trainMin)
		if s.phase != PhaseBase && st.hard > 0 && p.sport != Strength {
			hardSentence(&b, st.hard, hard)
		}
		if start := p.taperStart(); p.race >= 0 && start < 7*(w+1) && start > 7*w {
			fmt.Fprintf(&b, " The taper starts on %s, %d days before the race: the last days of the week are lighter.",
				p.start.AddDate(0, 0, start).Weekday(), p.taperLen)
		}
	case KindTaper:
		fmt.Fprintf(&b, "%s (a %d-day taper from %s): volume down to %d %% of the peak week (%d min) while the key sessions keep their intensity and you train as often as before, so fatigue falls faster than fitness (Mujika & Padilla 2003).",
			weekOf("taper", s.n, s.of), p.taperLen, p.start.AddDate(0, 0, p.taperStart()).Format("Mon 2 Jan"), percentOf(trainMin, st.peak), st.peak)
	case KindRace:
		m := p.lastSeven(st.last, ws)
		fmt.Fprintf(&b, "Race week: the %s on %s. The seven days before it are the last of the taper: %d min of training, %d %% below the peak week (%d min), with one short sharpening session at least three days out and an easy day or rest just before. After the race: rest and easy movement only.",
			p.ev.name, p.start.AddDate(0, 0, p.race).Weekday(), m, percentDown(st.peak, m), st.peak)
	case KindRecovery:
		if p.sport == Triathlon && p.priority == "A" {
			p.triRecoveryText(&b, w, s, percentOf(trainMin, st.peak))
			break
		}
		fmt.Fprintf(&b, "%s: only easy sessions and rest, %d %% of the peak week, about one easy day for every 2 km raced (a rule of thumb; Pfitzinger & Douglas (2009) keep hard running out of the first three weeks after a marathon and build back over five). The race was the biggest stress of the plan; the gains from it are made now. Resume harder training only once your legs and motivation are back.",
			weekOf("recovery", s.n, s.of), percentOf(trainMin, st.peak))
	}
	// A shortfall of a few minutes is rounding, not worth a sentence.
	if short := want - trainMin; (short > 5 || short > 0 && 20*short >= want) && s.kind != KindRace && s.kind != KindRecovery {
		writeAll(&b, " The available days, each session at its longest, hold ", strconv.Itoa(trainMin), " of the ", strconv.Itoa(want), " minutes planned.")
	}
	if s.kind != KindRecovery {
		keyList(&b, ws)
	}
	return b.String()
}

// purpose is what a phase is for.
func (p *planner) purpose(ph Phase) string {
	switch ph {
	case PhaseBuild:
		return "more specific work in the key sessions; the days after stay easy."
	case PhasePeak:
		return "the most race-specific weeks, race-pace work in the key sessions; the days after stay easy."
	}
	if p.sport == Strength {
		return "technique and steady loading, with rest or easy movement between the heavy days."
	}
	return "mostly easy aerobic training, so heart, muscles and tendons adapt before harder work."
}

// hardSentence writes to b how a build or peak week's hard minutes compare
// with the last such week's: the words follow the sessions, which may
// shrink when a third key session shares the week's hard budget, or a
// session of fewer hard minutes comes round.
func hardSentence(b *strings.Builder, before, now int) {
	switch {
	case now > before:
		writeAll(b, " Hard work grows: ", strconv.Itoa(now), " min, from ", strconv.Itoa(before), ".")
	case now == before:
		writeAll(b, " Hard work holds at ", strconv.Itoa(now), " min.")
	default:
		writeAll(b, " Hard work eases to ", strconv.Itoa(now), " min, from ", strconv.Itoa(before), ".")
	}
}

// volumeSentence writes to b how a build week's volume compares with the
// week before.
func (p *planner) volumeSentence(b *strings.Builder, s weekSpec, st *progress, trainMin int) {
	minutes := strconv.Itoa(trainMin)
	switch {
	case s.n == 1 && trainMin*100 < 95*p.current:
		writeAll(b, "Volume starts at ", minutes, " min, less than the ", strconv.Itoa(p.current), " you train now.")
	case s.n == 1:
		writeAll(b, "Volume starts at ", minutes, " min, about what you train now.")
	case st.prevCut && trainMin > st.best:
		writeAll(b, "Back to building after the cutback: ", minutes, " min, at most ", p.rampPercent(), " above the best week so far (", strconv.Itoa(st.best), " min).")
	case st.prevCut:
		writeAll(b, "Back to ", minutes, " min after the cutback.")
	case trainMin > st.prev:
		writeAll(b, "Volume +", strconv.Itoa(percentUp(st.prev, trainMin)), " % (", strconv.Itoa(st.prev), " → ", minutes, " min), within the ", p.rampPercent(), " a week limit.")
	case trainMin == st.prev:
		writeAll(b, "Volume holds at ", minutes, " min.")
	default:
		writeAll(b, "Volume ", minutes, " min.")
	}
}

// writeAll writes each of parts to b.
func writeAll(b *strings.Builder, parts ...string) {
	for _, s := range parts {
		b.WriteString(s)
	}
}

// cutbackKeys says which key sessions a cutback week kept, its long
// sessions apart from its quality ones, so a week that keeps only a
// triathlete's long ride and long run does not claim a quality session.
func cutbackKeys(ws []Workout) string {
	long, quality := 0, 0
	for _, w := range ws {
		switch {
		case !w.Key:
		case w.Kind == training.KindLong:
			long++
		default:
			quality++
		}
	}
	lead, stay := "The long session", " stays"
	if long > 1 {
		lead, stay = "The long sessions", " stay"
	}
	switch {
	case long+quality == 0:
		return "No key session this week: only easy training."
	case quality == 0:
		return lead + stay + ", shorter; the other sessions are easy this week."
	case long == 0 && quality == 1:
		return "One key session stays, shorter; the others rest this week."
	case long == 0:
		return count(quality) + " shorter quality sessions stay, so intensity holds while the volume falls."
	case quality == 1:
		return lead + " and one shorter quality session stay, so intensity holds while the volume falls."
	}
	return lead + " and " + count(quality) + " shorter quality sessions stay, so intensity holds while the volume falls."
}

// keyList names the key workouts of a week, if it has any: " Key workouts:
// long run (Sun), tempo (Thu)."
func keyList(b *strings.Builder, ws []Workout) {
	n := 0
	for _, w := range ws {
		if !w.Key {
			continue
		}
		if n == 0 {
			b.WriteString(" Key workouts: ")
		} else {
			b.WriteString(", ")
		}
		n++
		writeLowerFirst(b, w.Title)
		b.WriteString(" (")
		b.WriteString(w.Date.Weekday().String()[:3]) // what Format("Mon") writes
		b.WriteString(")")
	}
	if n > 0 {
		b.WriteString(".")
	}
}

// writeLowerFirst writes sentenceCase(s) without building that string.
func writeLowerFirst(b *strings.Builder, s string) {
	switch {
	case s == "":
	case s[0] >= 'A' && s[0] <= 'Z' && !(len(s) > 1 && s[1] >= 'A' && s[1] <= 'Z'):
		b.WriteByte(s[0] + 'a' - 'A')
		b.WriteString(s[1:])
	case s[0] < utf8.RuneSelf:
		b.WriteString(s)
	default:
		b.WriteString(sentenceCase(s))
	}
}

func percentDown(from, to int) int {
	if from == 0 {
		return 0
	}
	return int(math.Round(100 * float64(from-to) / float64(from)))
}

func percentUp(from, to int) int {
	if from == 0 {
		return 0
	}
	return int(math.Round(100 * float64(to-from) / float64(from)))
}

func percentOf(x, of int) int {
	if of == 0 {
		return 0
	}
	return int(math.Round(100 * float64(x) / float64(of)))
}

// rampPercent is percent(p.ramp), written once a plan.
func (p *planner) rampPercent() string {
	if p.rampText == "" {
		p.rampText = percent(p.ramp)
	}
	return p.rampText
}

// percent writes a fraction as "10 %".
func percent(x float64) string {
	return fmt.Sprintf("%g %%", math.Round(x*1000)/10)
}

// count writes small numbers as words, as a coach would say them.
func count(n int) string {
	words := []string{"no", "one", "two", "three", "four", "five", "six"}
	if n >= 0 && n < len(words) {
		return words[n]
	}
	return fmt.Sprint(n)
}
