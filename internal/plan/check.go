package plan

import (
	"fmt"
	"time"

	"rebound/internal/training"
)

// Check returns the ways p breaks the plan's safety rules for in, in plain
// words; none when the plan is safe. Generate's plans always pass. Check
// judges safety, not sameness with what Generate would build: a coach's
// lighter week passes, a heavier one may not. An input Generate refuses
// gives one problem, the refusal.
//
// The rules (the design's "Scheduling service"):
//
//   - shape: weeks of seven days from Start, one workout or more a day in
//     date order; TargetMinutes and EasyShare agree with the workouts;
//     phases in order; with an event, one race workout, on its date, in
//     the race week, followed after an A race by the recovery weeks its
//     distance needs (see recoveryWeeks) and none after a B or C race;
//     without, Options.Weeks base weeks;
//   - workouts: known sports and kinds, sane numbers; key kinds (long,
//     tempo, intervals, race) are Key; recovery and rest are Protected;
//     recovery is RPE ≤ 3, zone ≤ 2, nothing hard; easy, mobility and cross
//     training are RPE ≤ 4, zone ≤ 2, nothing hard;
//   - ramp: a base, build or peak week is at most MaxRamp above the week
//     before (the current weekly volume before week 1) unless that was a
//     cutback, and at most MaxRamp above the highest non-cutback week
//     planned so far (the current volume before week 1): ramps are judged
//     against the weeks planned, not the volume stated;
//   - load ramp: no week's load (session RPE × minutes) raises the week
//     view's load ramp flag (load.RampFlag) over the two weeks before it,
//     the first compared with two weeks at the current volume; the race
//     week aside (the race is its point), but not the weeks after it;
//   - cutbacks: training week n is a cutback week exactly when n is a
//     multiple of CutbackEvery (not the last one before a taper), and holds
//     at most CutbackDepth of the week before;
//   - taper: taper weeks never add training minutes, nor does the race
//     week before the race;
//   - keys: at most 3 a week (or Options.KeyWorkouts), the race aside; no
//     two on consecutive days, across weeks too; the day after a key day is
//     rest or recovery only. Strength counts by muscle group instead (upper
//     body, lower body; a full-body or unknown session trains both): each
//     group at most 3 heavy sessions a week, never on consecutive days, and
//     the day after a heavy session holds rest, recovery, mobility or
//     heavy work for the other group only, so an upper/lower split on
//     consecutive days keeps 48 h per group (ACSM 2009). Triathlon counts
//     key days: at most 4 (or Options.KeyWorkouts, at least the long ride
//     and long run), two key workouts a day at most (a quality ride and a
//     threshold swim), and the long run may be the day before or after the
//     long ride — Friel's weekend pair, the run on tired legs as in the
//     race — with the day after the pair rest or recovery;
//   - rest: every week has a rest day, or a very light one (recovery or
//     mobility only, RPE ≤ 3, 30 minutes at most);
//   - long sessions: a run plan's long run at most 30 % of the week's run
//     minutes (40 % in a taper week), a bike plan's long ride 40 % of its ride minutes, a
//     triathlon's long ride 35 % and long run 20 % of its training minutes;
//   - intensity: at least 75 % of every week's training minutes easy;
//   - after the event: rest, recovery or easy at RPE ≤ 3 only; after a
//     triathlon no run before its first running day (triRecovery: an
//     Olympic's fourth, a 70.3's seventh or eighth, an Ironman's tenth to
//     fourteenth, by experience);
//   - availability: nothing on an unavailable day, nothing longer than the
//     day's MaxMinutes (the race aside: its date is the organiser's).
func Check(in Input, p Plan) []string {
	pl, err := newPlanner(in)
	if err != nil {
		return []string{"the input is refused: " + err.Error()}
	}
	c := &checker{pl: pl, plan: p}
	if !c.shape() {
		return c.problems
	}
	for i, w := range p.Weeks {
		c.week(i, w)
	}
	c.ramp()
	c.loadRamp()
	c.taper()
	c.keys()
	return c.problems
}

type checker struct {
	pl       *planner
	plan     Plan
	problems []string
}

func (c *checker) add(format string, args ...any) {
	c.problems = append(c.problems, fmt.Sprintf(format, args...))
}

// phaseOrder ranks the phases in the order they come.
var phaseOrder = map[Phase]int{PhaseBase: 0, PhaseBuild: 1, PhasePeak: 2, PhaseTaper: 3, PhaseRace: 4, PhaseRecovery: 5}

// kindsOf lists the week kinds each phase allows.
var kindsOf = map[Phase][]WeekKind{
	PhaseBase: {KindBuild, KindCutback}, PhaseBuild: {KindBuild, KindCutback}, PhasePeak: {KindBuild, KindCutback},
	PhaseTaper: {KindTaper}, PhaseRace: {KindRace}, PhaseRecovery: {KindRecovery},
}

// shape checks the weeks' dates, phases and kinds, and the race's place. It
// reports false when the plan is too malformed for the other checks.
func (c *checker) shape() bool {
	ws := c.plan.Weeks
	if len(ws) == 0 {
		c.add("the plan has no weeks")
		return false
	}
	ok := true
	prev := -1
	for i, w := range ws {
		if want := c.pl.start.AddDate(0, 0, 7*i); !w.Start.Equal(want) {
			c.add("week %d starts %s, want %s", i+1, w.Start.Format(dateLong), want.Format(dateLong))
			ok = false
		}
		rank, known := phaseOrder[w.Phase]
		if !known || !contains(kindsOf[w.Phase], w.Kind) {
			c.add("week %d: phase %q with kind %q", i+1, w.Phase, w.Kind)
			ok = false
		} else if rank < prev {
			c.add("week %d: phase %s after a later phase", i+1, w.Phase)
		}
		prev = max(prev, rank)
		covered := map[time.Time]bool{}
		for j, wo := range w.Workouts {
			d := Day(wo.Date)
			if d.Before(w.Start) || !d.Before(w.Start.AddDate(0, 0, 7)) || j > 0 && wo.Date.Before(w.Workouts[j-1].Date) {
				c.add("week %d: workout on %s is outside the week or out of order", i+1, wo.Date.Format(dateLong))
				ok = false
			}
			covered[d] = true
		}
		if len(covered) != 7 {
			c.add("week %d: %d of its 7 days have a workout (rest days included)", i+1, len(covered))
			ok = false
		}
	}
	if !ok {
		return false
	}
	c.race()
	return true
}

// race checks that the race is where it belongs, and that the plan ends
// where it should.
func (c *checker) race() {
	ws := c.plan.Weeks
	races := 0
	for i, w := range ws {
		for _, wo := range w.Workouts {
			if wo.Kind != training.KindRace {
				continue
			}
			races++
			if c.pl.race < 0 {
				c.add("a race on %s, but the plan has no event", wo.Date.Format(dateLong))
			} else if idx := int(Day(wo.Date).Sub(c.pl.start) / day); idx != c.pl.race || w.Kind != KindRace {
				c.add("week %d: race on %s, not on the event day in the race week", i+1, wo.Date.Format(dateLong))
			}
		}
	}
	if c.pl.race < 0 {
		for i, w := range ws {
			if w.Phase != PhaseBase {
				c.add("week %d: phase %s in a plan without an event", i+1, w.Phase)
			}
		}
		if len(ws) != c.pl.weeks {
			c.add("%d weeks, but the base block asked for %d", len(ws), c.pl.weeks)
		}
		return
	}
	if races != 1 {
		c.add("%d race workouts, want 1", races)
	}
	raceWeek := c.pl.race / 7
	want := raceWeek + 1
	if c.pl.priority == "A" {
		want += c.pl.recoveryWeeks()
	}
	if len(ws) != want {
		c.add("%d weeks, want %d: the race week ends the plan, followed by the recovery weeks after an A race", len(ws), want)
	}
	if raceWeek < len(ws) && ws[raceWeek].Kind != KindRace {
		c.add("week %d holds the event but is a %s week", raceWeek+1, ws[raceWeek].Kind)
	}
	for i := range min(raceWeek, len(ws)) {
		if ph := ws[i].Phase; ph == PhaseRace || ph == PhaseRecovery {
			c.add("week %d: %s week before the race", i+1, ph)
		}
	}
}

// week checks one week's totals and workouts.
func (c *checker) week(i int, w Week) {
	total, trainMin, hard := 0, 0, 0
	runMin, rideMin := 0, 0
	keys := 0
	for _, wo := range w.Workouts {
		c.workout(i, wo)
		total += wo.Minutes
		if wo.Kind == training.KindRace {
			continue
		}
		trainMin += wo.Minutes
		hard += wo.HardMinutes
		switch wo.Sport {
		case training.SportRun:
			runMin += wo.Minutes
		case training.SportBike:
			rideMin += wo.Minutes
		}
		if wo.Key {
			keys++
		}
	}
	if total != w.TargetMinutes {
		c.add("week %d: TargetMinutes %d, but the workouts add up to %d", i+1, w.TargetMinutes, total)
	}
	share := easyShare(trainMin, hard)
	if d := share - w.EasyShare; d > 1e-9 || d < -1e-9 {
		c.add("week %d: EasyShare %.3f, but the workouts give %.3f", i+1, w.EasyShare, share)
	}
	if share < 0.75-1e-9 {
		c.add("week %d: only %.0f %% easy, under 75 %%", i+1, 100*share)
	}
	limit := 3
	if c.pl.keys > 0 {
		limit = c.pl.keys
	}
	switch {
	case c.pl.sport == Strength:
		c.groupsPerWeek(i, w, limit)
	case c.pl.sport == Triathlon:
		c.triKeyDays(i, w)
	case keys > limit:
		c.add("week %d: %d key workouts, more than %d", i+1, keys, limit)
	}
	c.longShares(i, w, trainMin, runMin, rideMin)
	c.restDay(i, w)
}

// longShares checks the long-session caps (see Check).
func (c *checker) longShares(i int, w Week, trainMin, runMin, rideMin int) {
	for _, wo := range w.Workouts {
		if wo.Kind != training.KindLong {
			continue
		}
		var share float64
		var of int
		var what string
		switch {
		case c.pl.sport == Triathlon && wo.Sport == training.SportRun:
			share, of, what = 0.20, trainMin, "the week's training"
		case c.pl.sport == Triathlon:
			share, of, what = 0.35, trainMin, "the week's training"
		case wo.Sport == training.SportBike:
			share, of, what = 0.40, rideMin, "the week's riding"
		case w.Kind == KindTaper:
			share, of, what = 0.40, runMin, "the week's running" // the taper keeps its long runs (taperLong)
		default:
			share, of, what = 0.30, runMin, "the week's running"
		}
		if float64(wo.Minutes) > share*float64(of)+1e-9 {
			c.add("week %d: %s of %d min is more than %.0f %% of %s (%d min)", i+1, wo.Title, wo.Minutes, 100*share, what, of)
		}
	}
}

// restDay checks for a rest or very light day.
func (c *checker) restDay(i int, w Week) {
	byDay := map[time.Time][]Workout{}
	for _, wo := range w.Workouts {
		byDay[Day(wo.Date)] = append(byDay[Day(wo.Date)], wo)
	}
	for d := range 7 {
		if light(byDay[w.Start.AddDate(0, 0, d)]) {
			return
		}
	}
	c.add("week %d has no rest day and no very light day", i+1)
}

// light reports whether a day's workouts make a rest or very light day.
func light(ws []Workout) bool {
	minutes := 0
	for _, w := range ws {
		switch {
		case w.Kind == training.KindRest:
		case (w.Kind == training.KindRecovery || w.Kind == training.KindMobility) && w.RPE <= training.RecoveryMaxRPE:
			minutes += w.Minutes
		default:
			return false
		}
	}
	return minutes <= 30
}

// workout checks one workout's own numbers, its flags, availability, and
// what may follow the event.
func (c *checker) workout(i int, w Workout) {
	at := fmt.Sprintf("week %d, %s (%s)", i+1, w.Date.Format(dateLong), w.Title)
	if !training.IsSport(w.Sport) {
		c.add("%s: unknown sport %q", at, w.Sport)
	}
	if !training.IsKind(w.Kind) {
		c.add("%s: unknown kind %q", at, w.Kind)
	}
	if w.Title == "" {
		c.add("week %d, %s: a workout without a title", i+1, w.Date.Format(dateLong))
	}
	if w.Minutes < 0 || w.Minutes > noLimit || w.HardMinutes < 0 || w.HardMinutes > w.Minutes ||
		!(w.RPE >= 0 && w.RPE <= 10) || w.Zone < 0 || w.Zone > 7 || w.DistanceM < 0 {
		c.add("%s: numbers out of range (%d min, %d hard, RPE %g, zone %d, %d m)", at, w.Minutes, w.HardMinutes, w.RPE, w.Zone, w.DistanceM)
	}
	keyKind := training.KeyKind(w.Kind)
	if keyKind && !w.Key || w.Key && !keyKind && w.Kind != training.KindStrength {
		c.add("%s: a %s workout with Key %t", at, w.Kind, w.Key)
	}
	if protected := training.Protected(w.Kind); w.Protected != protected {
		c.add("%s: a %s workout with Protected %t", at, w.Kind, w.Protected)
	}
	switch w.Kind {
	case training.KindRest:
		if w.Minutes != 0 {
			c.add("%s: a rest day of %d min", at, w.Minutes)
		}
	case training.KindRecovery:
		if !training.RecoveryEasy(w.RPE, w.Zone, w.HardMinutes) {
			c.add("%s: a recovery workout must be very easy (RPE ≤ 3, zone ≤ 2)", at)
		}
	case training.KindEasy, training.KindMobility, training.KindCrossTraining:
		if w.RPE > 4 || w.Zone > training.RecoveryMaxZone || w.HardMinutes > 0 {
			c.add("%s: an easy workout with hard parts (RPE %g, zone %d)", at, w.RPE, w.Zone)
		}
	}
	day := int(Day(w.Date).Sub(c.pl.start) / day)
	if c.pl.race >= 0 && day > c.pl.race && (!contains([]string{training.KindRest, training.KindRecovery, training.KindEasy}, w.Kind) || w.RPE > training.RecoveryMaxRPE) {
		c.add("%s: after the event only rest, recovery and easy workouts at RPE ≤ 3", at)
	}
	if r, ok := triRecovery[c.pl.eventKind()]; ok && c.pl.sport == Triathlon && w.Sport == training.SportRun && w.Minutes > 0 &&
		c.pl.race >= 0 && day > c.pl.race && day-c.pl.race < r.run[experienceIndex(c.pl.exp)] {
		c.add("%s: a run %d days after the %s; running comes back from day %d", at, day-c.pl.race, c.pl.ev.name, r.run[experienceIndex(c.pl.exp)])
	}
	if w.Kind != training.KindRace && w.Minutes > 0 {
		a := c.pl.in.Athlete.Availability
		d := a[w.Date.Weekday()]
		switch {
		case a == [7]DayAvailability{}:
		case !d.Available:
			c.add("%s: %s is not available", at, w.Date.Weekday())
		case d.MaxMinutes > 0 && w.Minutes > d.MaxMinutes:
			c.add("%s: %d min, more than the %d available on %s", at, w.Minutes, d.MaxMinutes, w.Date.Weekday())
		}
	}
}

// ramp checks week-on-week growth and the cutback weeks (see Check).
func (c *checker) ramp() {
	var train []Week
	for _, w := range c.plan.Weeks {
		if w.Phase == PhaseBase || w.Phase == PhaseBuild || w.Phase == PhasePeak {
			train = append(train, w)
		}
	}
	prev, best, prevCut := c.pl.current, c.pl.current, false
	for i, w := range train {
		n := i + 1
		v := trainingMinutes(w)
		cut := n%c.pl.every == 0 && !(c.pl.race >= 0 && n == len(train))
		switch {
		case cut != (w.Kind == KindCutback):
			c.add("training week %d is a %s week, but the cutback comes every %d weeks", n, w.Kind, c.pl.every)
		case cut && v > floorMinutes(float64(prev)*c.pl.depth):
			c.add("cutback week %d holds %d min, more than %.0f %% of the %d before", n, v, 100*c.pl.depth, prev)
		case !cut:
			ref := prev
			if prevCut {
				ref = best
			}
			if lim := floorMinutes(float64(min(ref, best)) * (1 + c.pl.ramp)); v > lim {
				c.add("training week %d: %d min is more than %.0f %% above %d min", n, v, 100*c.pl.ramp, min(ref, best))
			}
			if n == 1 {
				best = v
			}
			best = max(best, v)
		}
		prev, prevCut = v, w.Kind == KindCutback
	}
}

// loadRamp checks each week's training load against the two weeks before
// with the week view's rule (see Check).
func (c *checker) loadRamp() {
	loads := planLoads(c.pl.current, c.plan.Weeks)
	for i := 2; i < len(loads); i++ {
		if c.plan.Weeks[i-2].Kind != KindRace && rampFlagged(loads[:i], loads[i]) {
			c.add("week %d: a load of %.0f, more than 30 %% over the two weeks before (%.0f, %.0f)", i-1, loads[i], loads[i-2], loads[i-1])
		}
	}
}

// trainingMinutes is a week's minutes without the race.
func trainingMinutes(w Week) int {
	t := 0
	for _, wo := range w.Workouts {
		if wo.Kind != training.KindRace {
			t += wo.Minutes
		}
	}
	return t
}

// taper checks that taper weeks, and the race week's days before the race,
// never add training minutes.
func (c *checker) taper() {
	ws := c.plan.Weeks
	for i := 1; i < len(ws); i++ {
		prev := trainingMinutes(ws[i-1])
		switch ws[i].Kind {
		case KindTaper:
			if v := trainingMinutes(ws[i]); v > prev {
				c.add("taper week %d holds %d min, more than the %d of the week before", i+1, v, prev)
			}
		case KindRace:
			before := 0
			for _, wo := range ws[i].Workouts {
				if int(Day(wo.Date).Sub(c.pl.start)/day) < c.pl.race {
					before += wo.Minutes
				}
			}
			if before > prev {
				c.add("the race week holds %d min before the race, more than the %d of the week before", before, prev)
			}
		}
	}
}

// Muscle groups of a heavy strength session, as a bit set.
const (
	groupUpper = 1 << iota
	groupLower
)

// muscleGroups is the groups a workout trains heavily: a key strength
// session's own (both where the structure does not say), else none.
func muscleGroups(w Workout) int {
	switch s := w.Structure; {
	case w.Kind != training.KindStrength || !w.Key:
		return 0
	case s == nil || s.Full || s.Sets == 0:
		return groupUpper | groupLower
	case s.Upper:
		return groupUpper
	}
	return groupLower
}

// groupsPerWeek checks that no muscle group has more than limit heavy
// sessions in week i (see Check).
func (c *checker) groupsPerWeek(i int, w Week, limit int) {
	upper, lower := 0, 0
	for _, wo := range w.Workouts {
		g := muscleGroups(wo)
		upper += g & groupUpper
		lower += g & groupLower / groupLower
	}
	if n := max(upper, lower); n > limit {
		c.add("week %d: a muscle group trained heavy %d times, more than %d", i+1, n, limit)
	}
}

// triKeyDays checks a triathlon week's key days (see Check).
func (c *checker) triKeyDays(i int, w Week) {
	limit := 4
	if c.pl.keys > 0 {
		limit = max(c.pl.keys, 2)
	}
	perDay := map[time.Time]int{}
	for _, wo := range w.Workouts {
		if wo.Key && wo.Kind != training.KindRace {
			perDay[Day(wo.Date)]++
		}
	}
	if len(perDay) > limit {
		c.add("week %d: %d key days, more than %d", i+1, len(perDay), limit)
	}
	for d, n := range perDay {
		if n > 2 {
			c.add("%s: %d key workouts in one day, more than 2", d.Format(dateLong), n)
		}
	}
}

// keys checks the spacing of key days and what follows them, across the
// whole plan: per muscle group for heavy strength sessions (see Check).
func (c *checker) keys() {
	type dayInfo struct {
		key, easy bool // a key workout other than heavy strength; only rest and recovery
		groups    int  // muscle groups trained heavy
		light     bool // only rest, recovery, mobility and heavy strength
		long      int  // a triathlon's long ride (1) or long run (2), the day's only key workout
		others    bool // a key workout other than a triathlon's long ride and run
	}
	var days []dayInfo
	for _, w := range c.plan.Weeks {
		for _, wo := range w.Workouts {
			idx := int(Day(wo.Date).Sub(c.pl.start) / day)
			for len(days) <= idx {
				days = append(days, dayInfo{easy: true, light: true})
			}
			d := &days[idx]
			g := muscleGroups(wo)
			if c.pl.sport != Strength && g != 0 {
				g = 0 // outside a strength plan, a key strength session is a key like any other
			}
			d.groups |= g
			d.key = d.key || wo.Key && g == 0
			switch {
			case c.pl.sport == Triathlon && wo.Kind == training.KindLong && wo.Sport == training.SportBike:
				d.long |= 1
			case c.pl.sport == Triathlon && wo.Kind == training.KindLong && wo.Sport == training.SportRun:
				d.long |= 2
			case wo.Key:
				d.others = true
			}
			d.easy = d.easy && (wo.Kind == training.KindRest || wo.Kind == training.KindRecovery)
			d.light = d.light && (wo.Kind == training.KindRest || wo.Kind == training.KindRecovery || wo.Kind == training.KindMobility || g != 0)
		}
	}
	for i := 1; i < len(days); i++ {
		prev, d := days[i-1], days[i]
		date := c.pl.start.AddDate(0, 0, i).Format(dateLong)
		pair := prev.long|d.long == 3 && prev.long != 3 && !prev.others && !d.others
		switch {
		case pair && (i < 2 || days[i-2].long == 0 || days[i-2].others):
			// Friel's weekend pair: the long ride and the long run.
		case prev.key && (d.key || d.groups != 0):
			c.add("%s: a key workout the day after another", date)
		case prev.key && !d.easy:
			c.add("%s: the day after a key workout must be rest or recovery", date)
		case prev.groups&d.groups != 0:
			c.add("%s: a muscle group trained heavy on two days running: 48 h between", date)
		case prev.groups != 0 && (d.key || !d.light):
			c.add("%s: the day after a heavy strength session must be rest, recovery, mobility or the other muscle group", date)
		}
	}
}

func contains[T comparable](xs []T, x T) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}
