package plan

import (
	"cmp"
	"fmt"
	"math"
	"math/bits"
	"slices"
	"strings"
	"time"

	"rebound/internal/units"
	"rebound/internal/zones"
)

// planner is a validated Input with every default resolved: what build
// needs and nothing it has to guess.
type planner struct {
	in      Input
	start   time.Time // Start's calendar day, 00:00 UTC
	sport   Sport
	exp     Experience
	units   units.System
	current int // current weekly minutes

	ev       *eventRules // nil without an event
	priority string      // "A", "B" or "C"
	race     int         // the event's day, as days from start; -1 without an event

	every     int     // a cutback week every this many weeks
	depth     float64 // cutback volume as a fraction of the week before
	ramp      float64 // largest week-on-week growth
	keys      int     // key workouts a week asked for; 0 = by experience and phase
	taperDays int     // 0 = by event
	taperLen  int     // the taper's days before the race, resolved (see frame)
	weeks     int     // rolling block length, without an event

	room    [7]int         // minutes each weekday can hold; 0 = no training
	pattern []time.Weekday // key days in order of use: the long day, then the rest

	// The athlete's zones, from package zones (nil where the threshold is
	// unknown), so every target agrees with the zones the athlete sees.
	paceZones, lthrZones, maxHRZones, powerZones []zones.Zone

	// What a plan repeats week after week, worked out the first time it is
	// needed (see runCue, run, racePaceCue, raceFactor, rampPercent).
	runCues, bikeCues, hrCues cues
	runs                      map[runKey]int // indexes into runList
	runList                   []Workout
	rest                      Workout // a rest day, written (see restDay)
	raceCue                   string
	raceFactorOnce            float64 // 0 until worked out
	rampText                  string
	spare                     []Workout // the plan's workouts, not yet handed to a week (see workouts)

	notes    []string
	warnings []string
}

// Limits of a plausible input, mostly the database's CHECK ranges: outside
// them the value is a typo, and planning from it would be guessing.
const (
	minWeekly   = 60   // below this there is no training week to build from
	maxWeekly   = 3000 // 50 h a week
	minWorkout  = 15   // the shortest workout planned; a day with less room is a rest day
	noLimit     = 24 * 60
	maxPlanWeek = 52
	keyMinutes  = 60 // weekly minutes each key workout needs around it
)

// Day returns t's calendar day — its year, month and day in t's own
// location — as midnight UTC, the form every date in a Plan takes.
func Day(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

const day = 24 * time.Hour

// newPlanner validates in field by field, resolves the defaults and lays
// down what every week shares: which days hold keys and the long session.
func newPlanner(in Input) (*planner, error) {
	a := in.Athlete
	p := &planner{in: in, race: -1, current: a.WeeklyMinutes}
	if in.Start.IsZero() {
		return nil, refuse("start", "choose the first day of the plan")
	}
	p.start = Day(in.Start)

	p.sport = a.Sport
	switch a.Sport {
	case "":
		p.sport = Run
	case Run, Bike, Triathlon, Strength:
	default:
		return nil, refuse("sport", "%q is not a sport this planner knows: choose run, bike, tri or strength", a.Sport)
	}
	p.exp = a.Experience
	switch a.Experience {
	case "":
		p.exp = Intermediate
	case Beginner, Intermediate, Advanced:
	default:
		return nil, refuse("experience", "choose beginner, intermediate or advanced")
	}
	switch a.Units {
	case "", "km":
		p.units = units.Metric
	case "mi":
		p.units = units.Imperial
	default:
		return nil, refuse("units", "choose km or mi")
	}
	if a.WeeklyMinutes < minWeekly {
		return nil, refuse("weekly_minutes",
			"at least %d minutes of training a week are needed to plan from (%d given): start with three 20-minute sessions a week for a few weeks", minWeekly, a.WeeklyMinutes)
	}
	if a.WeeklyMinutes > maxWeekly {
		return nil, refuse("weekly_minutes", "%d minutes a week is more than the %d this planner accepts", a.WeeklyMinutes, maxWeekly)
	}
	if err := validThresholds(a); err != nil {
		return nil, err
	}
	p.paceZones = zones.RunPaceFromThreshold(float64(a.ThresholdPace))
	p.lthrZones = zones.HeartRateFromThreshold(a.ThresholdHR)
	p.maxHRZones = zones.HeartRateFromMax(a.MaxHR)
	p.powerZones = zones.PowerFromFTP(a.FTP)
	if err := p.options(in.Options); err != nil {
		return nil, err
	}
	if err := p.event(in.Event); err != nil {
		return nil, err
	}
	if err := p.availability(); err != nil {
		return nil, err
	}
	if err := p.keyDays(); err != nil {
		return nil, err
	}
	return p, nil
}

// validThresholds refuses thresholds outside the database's ranges.
func validThresholds(a Athlete) error {
	for _, c := range []struct {
		field    string
		v, lo, h int
		what     string
	}{
		{"threshold_pace", a.ThresholdPace, 120, 900, "a threshold pace between 2:00 and 15:00 per km"},
		{"ftp", a.FTP, 50, 600, "an FTP between 50 and 600 W"},
		{"threshold_hr", a.ThresholdHR, 80, 230, "a threshold heart rate between 80 and 230 bpm"},
		{"max_hr", a.MaxHR, 100, 240, "a maximum heart rate between 100 and 240 bpm"},
	} {
		if c.v != 0 && (c.v < c.lo || c.v > c.h) {
			return refuse(c.field, "enter %s, or leave it empty", c.what)
		}
	}
	if a.ThresholdHR != 0 && a.MaxHR != 0 && a.ThresholdHR >= a.MaxHR {
		return refuse("threshold_hr", "the threshold heart rate must be below the maximum heart rate")
	}
	return nil
}

// options resolves Options, refusing values outside their ranges. NaN fails
// every range test, so it is refused too.
func (p *planner) options(o Options) error {
	switch o.CutbackEvery {
	case 0:
		p.every = 4
	case 3, 4:
		p.every = o.CutbackEvery
	default:
		return refuse("cutback_every", "a cutback week comes every 3 or every 4 weeks")
	}
	p.depth = o.CutbackDepth
	if p.depth == 0 {
		p.depth = 0.75
	} else if !(p.depth >= 0.6 && p.depth <= 0.9) {
		return refuse("cutback_depth", "a cutback week keeps 60–90 %% of the week before's volume")
	}
	p.ramp = o.MaxRamp
	if p.ramp == 0 {
		p.ramp = 0.10
	} else if !(p.ramp > 0 && p.ramp <= 0.15) {
		return refuse("max_ramp", "weekly volume may grow by at most 15 %% a week")
	}
	if o.KeyWorkouts != 0 {
		if o.KeyWorkouts < 1 || o.KeyWorkouts > 3 {
			return refuse("key_workouts", "choose 1, 2 or 3 key workouts a week")
		}
		if need := o.KeyWorkouts * keyMinutes; p.current < need {
			return refuse("key_workouts",
				"%d key workouts a week need at least %d minutes of training a week around them (%d min now): ask for %d, or build volume first",
				o.KeyWorkouts, need, p.current, max(1, p.current/keyMinutes))
		}
	}
	p.keys = o.KeyWorkouts
	if o.TaperDays != 0 && (o.TaperDays < 5 || o.TaperDays > 28) {
		return refuse("taper_days", "a taper lasts 5 to 28 days")
	}
	p.taperDays = o.TaperDays
	p.weeks = o.Weeks
	if p.weeks == 0 {
		p.weeks = 12
	} else if p.weeks < 1 || p.weeks > maxPlanWeek {
		return refuse("weeks", "a plan lasts 1 to %d weeks", maxPlanWeek)
	}
	return nil
}

// event resolves the goal event and refuses one that cannot be reached
// safely: see minWeeks.
func (p *planner) event(e *Event) error {
	if e == nil {
		return nil
	}
	if p.sport == Strength {
		return refuse("event_kind", "a strength plan has no race: plan it without an event")
	}
	ev := rulesFor(e.Kind)
	if ev == nil {
		return refuse("event_kind", "%q is not an event kind this planner knows", e.Kind)
	}
	if ev.sport != p.sport {
		return refuse("event_kind", "%s is not a %s event: choose a %s event, or change the sport", ev.aName(), sportName(p.sport), sportName(p.sport))
	}
	p.ev = ev
	switch e.Priority {
	case "", "A":
		p.priority = "A"
	case "B", "C":
		p.priority = e.Priority
	default:
		return refuse("event_priority", "choose priority A, B or C")
	}
	if e.Date.IsZero() {
		return refuse("event_date", "choose the event's date")
	}
	race := Day(e.Date)
	if race.Before(p.start) {
		return refuse("event_date", "the event (%s) is before the plan's start (%s)", race.Format(dateLong), p.start.Format(dateLong))
	}
	// Plans last at most a year, so the subtraction cannot overflow; the
	// check first compares dates, which cannot.
	if race.After(p.start.AddDate(0, 0, 7*maxPlanWeek-1)) {
		return refuse("event_date", "the event is more than %d weeks away: start with a rolling base block and plan the event later", maxPlanWeek)
	}
	p.race = int(race.Sub(p.start) / day)
	weeks := p.race/7 + 1
	need, fromBase := p.minWeeks()
	if weeks < need {
		msg := fmt.Sprintf("%s needs at least %d weeks of training from %d minutes a week", ev.aName(), ev.minWeeks, ev.baseMinutes)
		if need > ev.minWeeks {
			msg += fmt.Sprintf("; from your %d minutes it needs %d (%d to build up to %d minutes safely first)",
				p.current, need, fromBase, ev.baseMinutes)
		}
		return refuse("event_date", "%s, and the event is in week %d: choose a later event or a shorter race", msg, weeks)
	}
	return nil
}

// minWeeks is the fewest weeks, start to race, that make the event safe:
// the event's minimum from its base volume, plus the weeks the plan's own
// volume rule (ramp and cutbacks) needs to bring the athlete up to that base.
// fromBase is that second part.
func (p *planner) minWeeks() (need, fromBase int) {
	fromBase = p.rampWeeks(p.current, p.ev.baseMinutes)
	return p.ev.minWeeks + fromBase, fromBase
}

// rampWeeks is how many weeks the volume rule takes to grow from from to
// to minutes a week at the full ramp, cutback weeks included. A ramp too small
// to add a whole minute never gets there: the result is then larger than
// any plan.
func (p *planner) rampWeeks(from, to int) int {
	v, best := from, from
	for n := 1; v < to; n++ {
		if n > 2*maxPlanWeek {
			return n
		}
		if n%p.every == 0 {
			v = int(float64(v) * p.depth)
			continue
		}
		v = int(float64(best) * (1 + p.ramp))
		if v <= best {
			return 2*maxPlanWeek + 1
		}
		best = v
		if v >= to {
			return n
		}
	}
	return 0
}

// availability turns Athlete.Availability into minutes per weekday and
// refuses too few training days.
func (p *planner) availability() error {
	a := p.in.Athlete.Availability
	days := 0
	for wd := range p.room {
		switch {
		case a == [7]DayAvailability{}:
			p.room[wd] = noLimit
		case a[wd].MaxMinutes < 0:
			return refuse("availability", "%s: the longest workout cannot be negative", time.Weekday(wd))
		case !a[wd].Available:
			p.room[wd] = 0
		case a[wd].MaxMinutes == 0:
			p.room[wd] = noLimit
		case a[wd].MaxMinutes < minWorkout:
			p.room[wd] = 0
		default:
			p.room[wd] = min(a[wd].MaxMinutes, noLimit)
		}
		if p.room[wd] > 0 {
			days++
		}
	}
	// Two days already make a base block; an event needs a long session, a
	// key session and an easy one, and a triathlon a day more for its third
	// sport.
	need := 2
	switch {
	case p.ev != nil && p.sport == Triathlon:
		need = 4
	case p.ev != nil:
		need = 3
	}
	if days < need {
		what := "this plan"
		if p.ev != nil {
			what = p.ev.aName()
		}
		return refuse("availability", "%s needs at least %d days a week with %d minutes or more to train; %d available", what, need, minWorkout, days)
	}
	return nil
}

// sportName is sport in words.
func sportName(s Sport) string {
	switch s {
	case Triathlon:
		return "triathlon"
	case Bike:
		return "cycling"
	}
	return string(s)
}

// dateLong is how dates read in messages.
const dateLong = "Mon 2 Jan 2006"

// longName is what the long session is called in messages.
func (p *planner) longName() string {
	switch p.sport {
	case Bike, Triathlon:
		return "long ride"
	case Strength:
		return "heavy lower-body session"
	}
	return "long run"
}

// longRoom is the room the long day needs: the event's, else enough for the
// shortest long session (or, for strength, the shortest heavy session).
func (p *planner) longRoom() int {
	if p.ev != nil {
		return p.ev.longRoom
	}
	return bounds(p.sport, roleKey, 0, "").lo
}

// keyDays chooses the long day and the days that hold key workouts, the same
// weekdays every week. The long session goes on Athlete.LongDay or, if that
// day is unavailable or too short, the nearest day that has room (the day
// before first: a Saturday for a Sunday). The other key days are the set
// that keeps every two key days, the long one included, at least one day
// apart — also around the week, so a key on the last day of a week is never
// followed by one on the first day of the next — with the largest smallest
// gap, then the longest rest before the long day. Using the first k of one
// such list every week keeps the rule however k changes from week to week.
func (p *planner) keyDays() error {
	a := p.in.Athlete
	if a.LongDay < time.Sunday || a.LongDay > time.Saturday {
		return refuse("long_day", "choose a weekday for the long workout")
	}
	need := p.longRoom()
	long := time.Weekday(-1)
	for _, off := range []int{0, -1, 1, -2, 2, -3, 3} {
		wd := time.Weekday((int(a.LongDay) + off + 7) % 7)
		if p.room[wd] >= need {
			long = wd
			break
		}
	}
	if long < 0 {
		return refuse("availability", "the plan needs one day a week with room for a %s of at least %d minutes", p.longName(), need)
	}
	if long != a.LongDay {
		p.note("%s is not available for the %s (or too short), so it goes on %s.", a.LongDay, p.longName(), long)
	}
	if p.sport == Triathlon {
		p.triKeyDays(long)
		return nil
	}

	want := p.maxKeys()
	best := p.bestKeySet(long, want)
	for len(best)+1 < want && p.keys == 0 {
		want--
		best = p.bestKeySet(long, want)
	}
	if len(best)+1 < want {
		return refuse("key_workouts", "%d key workouts need %d available days with a day between each; the available days allow %d",
			p.keys, p.keys, p.possibleKeys(long))
	}
	if want < p.maxKeys() {
		p.note("The available days allow %d key workouts a week with a day between them, so the plan uses at most %d.", want, want)
	}
	p.pattern = append([]time.Weekday{long}, best...)
	return nil
}

// possibleKeys is the most key days the availability allows.
func (p *planner) possibleKeys(long time.Weekday) int {
	n := 1
	for n < 4 && len(p.bestKeySet(long, n+1)) == n {
		n++
	}
	return n
}

// bestKeySet returns want−1 weekdays, besides long, for key workouts (see
// keyDays), in the order weeks with fewer keys use them: farthest from the
// long day first. It returns fewer when no such set exists.
func (p *planner) bestKeySet(long time.Weekday, want int) []time.Weekday {
	lo := bounds(p.sport, roleKey, 1, "").lo
	var best []time.Weekday
	bestScore := [2]int{-1, -1}
	var buf [8]time.Weekday
	for mask := range 1 << 7 {
		if mask&(1<<long) != 0 || bits.OnesCount(uint(mask)) != want-1 {
			continue
		}
		set := append(buf[:0], long)
		ok := true
		for wd := range 7 {
			if mask&(1<<wd) != 0 {
				ok = ok && p.room[wd] >= lo
				set = append(set, time.Weekday(wd))
			}
		}
		if !ok {
			continue
		}
		gap, before := gaps(set, long)
		if gap < 2 {
			continue
		}
		// Strictly better only, so of equal sets the first found (the
		// lowest weekdays) stays: deterministic.
		if gap > bestScore[0] || gap == bestScore[0] && before > bestScore[1] {
			best, bestScore = slices.Clone(set[1:]), [2]int{gap, before}
		}
	}
	// Farthest from the long day first; of two as far, the one after it.
	slices.SortFunc(best, func(a, b time.Weekday) int {
		after := func(wd time.Weekday) int { return (int(wd) - int(long) + 7) % 7 }
		apart := func(wd time.Weekday) int { return min(after(wd), 7-after(wd)) }
		return cmp.Or(apart(b)-apart(a), after(a)-after(b))
	})
	return best
}

// gaps returns the smallest gap in days between neighbouring key days
// around the week, and the gap before the long day. A single day has gaps
// of 7.
func gaps(set []time.Weekday, long time.Weekday) (smallest, before int) {
	var on [7]bool
	for _, wd := range set {
		on[wd] = true
	}
	smallest = 7
	for wd := range 7 {
		if !on[wd] {
			continue
		}
		g := 1
		for !on[(wd+g)%7] {
			g++
		}
		smallest = min(smallest, g)
		if (wd+g)%7 == int(long) {
			before = g
		}
	}
	return smallest, before
}

// note adds a line to Plan.Notes.
func (p *planner) note(format string, args ...any) {
	p.notes = append(p.notes, fmt.Sprintf(format, args...))
}

// warn adds a line to Plan.Warnings.
func (p *planner) warn(format string, args ...any) {
	p.warnings = append(p.warnings, fmt.Sprintf(format, args...))
}

// floorMinutes is x whole minutes, rounded down, guarding against the tiny
// floating-point error that would turn 180·1.1 into 197.99999.
func floorMinutes(x float64) int {
	return int(math.Floor(x + 1e-9))
}

// title capitalises the first letter of s.
// aName is the event's name after "a" or "an", by its first letter: every
// name that starts with a vowel letter also starts with a vowel sound
// ("an Olympic triathlon", "an ultra", "a 10K").
func (e *eventRules) aName() string {
	if strings.ContainsRune("aeiouAEIOU", rune(e.name[0])) {
		return "an " + e.name
	}
	return "a " + e.name
}

func title(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
