package bulkdata

import (
	"errors"
	"slices"
	"time"

	"rebound/internal/plan"
	"rebound/internal/sim"
	"rebound/internal/training"
)

// event is a goal event as the events table holds it.
type event struct {
	id        int64
	name      string
	day       time.Time
	sport     string // the table's: run, bike, triathlon
	kind      string // the table's: 5k … full_tri, custom
	distanceM int    // custom events only
	priority  string
	planKind  plan.EventKind // what a plan for it is built for; "" when the app plans none (a bike event)
	weeks     int            // the usual plan length for it
}

// block is one plan of the athlete's history, as the scheduling service
// made it.
type block struct {
	id      int64
	in      plan.Input
	p       plan.Plan
	event   *event // the plan's goal; nil for a base block
	start   time.Time
	end     time.Time // the last day
	created time.Time
}

// eventChoice is an event an athlete may train for.
type eventChoice struct {
	kind      plan.EventKind
	sport     string // the table's sport
	dbKind    string
	distanceM int
	name      string
	weeks     int // usual plan length
}

var (
	fiveK      = eventChoice{plan.FiveK, "run", "5k", 0, "5K", 10}
	tenK       = eventChoice{plan.TenK, "run", "10k", 0, "10K", 12}
	half       = eventChoice{plan.Half, "run", "half", 0, "Half Marathon", 14}
	marathon   = eventChoice{plan.Marathon, "run", "marathon", 0, "Marathon", 18}
	ultra      = eventChoice{plan.Ultra, "run", "ultra", 0, "Trail 50K", 24}
	sprintTri  = eventChoice{plan.Sprint, "triathlon", "sprint_tri", 0, "Sprint Triathlon", 10}
	olympicTri = eventChoice{plan.Olympic, "triathlon", "olympic_tri", 0, "Olympic Triathlon", 14}
	halfTri    = eventChoice{plan.Half703, "triathlon", "half_tri", 0, "70.3", 20}
	fullTri    = eventChoice{plan.Ironman, "triathlon", "full_tri", 0, "Ironman", 30}
	// The app plans no bike event (the plan form offers run and triathlon
	// events only), so a cyclist's goal stands beside base blocks.
	granFondo = eventChoice{"", "bike", "custom", 120000, "Gran Fondo", 0}
	timeTrial = eventChoice{"", "bike", "custom", 40000, "40 km Time Trial", 0}
)

// eventsFor are the events an athlete of a sport and experience picks from.
func eventsFor(s plan.Sport, e plan.Experience) []eventChoice {
	i := experienceIndex(e)
	switch s {
	case plan.Run:
		return [][]eventChoice{{fiveK, tenK, tenK, half}, {tenK, half, half, marathon}, {half, marathon, marathon, ultra}}[i]
	case plan.Triathlon:
		return [][]eventChoice{{sprintTri, olympicTri}, {olympicTri, halfTri}, {halfTri, halfTri, fullTri}}[i]
	case plan.Bike:
		return []eventChoice{granFondo, timeTrial}
	}
	return nil
}

var places = []string{"Harbour", "Riverside", "Lakeside", "Spring City", "Valley", "Coastal", "Old Town", "Forest", "Capital",
	"Bay", "Hills", "North Shore"}

// weekStart is the first day of the athlete's week holding day.
func (a *athlete) weekStart(day time.Time) time.Time {
	return training.WeekStart(day, a.WeekStartsSunday)
}

// raceDay is the weekend day of the week holding day that the athlete
// races on: their long day when it is a weekend day, else Sunday.
func (a *athlete) raceDay(day time.Time) time.Time {
	want := time.Sunday
	if a.longDay == time.Saturday {
		want = time.Saturday
	}
	s := a.weekStart(day)
	for i := range 7 {
		if d := s.AddDate(0, 0, i); d.Weekday() == want {
			return d
		}
	}
	return day
}

// timeline lays out the athlete's plans from the week holding first to
// eight weeks after today: a goal event ahead (its plan begun in the
// past), most often one already raced about a year ago, and rolling base
// blocks between them, with now and then a week without a plan (a break
// after a race, a holiday).
func (a *athlete) timeline(first, today time.Time) ([]*event, []*block, error) {
	rng := a.rng
	t0 := a.weekStart(first)
	horizon := a.weekStart(today.AddDate(0, 0, 56)).AddDate(0, 0, 7)
	var events []*event
	var blocks []*block

	choices := eventsFor(a.sport, a.exp())
	futStart := horizon
	if len(choices) > 0 {
		c := choices[rng.IntN(len(choices))]
		ev := a.newEvent(c, a.raceDay(today.AddDate(0, 0, 21+rng.IntN(120))), "A")
		events = append(events, ev)
		if b := a.eventPlan(ev, t0, horizon.AddDate(0, 0, 7*4)); b != nil {
			blocks = append(blocks, b)
			futStart = b.start
		}
	}
	pastEnd := t0
	before := futStart // the goal raced already comes before this
	if today.Before(before) {
		before = today
	}
	if len(choices) > 0 && before.Sub(t0) >= 30*7*24*time.Hour && rng.IntN(100) < 85 {
		c := choices[rng.IntN(len(choices))]
		day := a.raceDay(before.AddDate(0, 0, -7*(3+rng.IntN(12))))
		ev := a.newEvent(c, day, "A")
		if b := a.eventPlan(ev, t0, futStart); b != nil || ev.planKind == "" {
			events = append(events, ev)
			if b != nil {
				blocks = append(blocks, b)
				pastEnd = b.end.AddDate(0, 0, 1)
				if err := a.baseBlocks(&blocks, t0, b.start, false); err != nil {
					return nil, nil, err
				}
			}
		}
	}
	if err := a.baseBlocks(&blocks, pastEnd, futStart, pastEnd != t0); err != nil {
		return nil, nil, err
	}
	if futStart != horizon {
		last := blocks[0] // the goal ahead, made first
		if err := a.baseBlocks(&blocks, last.end.AddDate(0, 0, 1), horizon, true); err != nil {
			return nil, nil, err
		}
	}
	slices.SortFunc(blocks, func(x, y *block) int { return x.start.Compare(y.start) })
	slices.SortFunc(events, func(x, y *event) int { return x.day.Compare(y.day) })
	return events, blocks, nil
}

func (a *athlete) newEvent(c eventChoice, day time.Time, priority string) *event {
	return &event{name: places[a.rng.IntN(len(places))] + " " + c.name, day: day, sport: c.sport, kind: c.dbKind,
		distanceM: c.distanceM, priority: priority, planKind: c.kind, weeks: c.weeks}
}

// input is the plan form's input for the athlete from start.
func (a *athlete) input(start time.Time) plan.Input {
	in := plan.Input{Athlete: sim.PlanAthlete(a.Profile, a.sport, a.WeeklyMinutes, a.longDay, a.off), Start: start}
	if a.rng.IntN(10) < 3 {
		in.Options.CutbackEvery = 3
	}
	return in
}

// eventPlan makes the plan for ev, starting on or after lo and ending
// before hi: the usual length where it fits, else longer or shorter as the
// scheduling service allows. It returns nil when none fits.
func (a *athlete) eventPlan(ev *event, lo, hi time.Time) *block {
	if ev.planKind == "" {
		return nil
	}
	for _, w := range []int{ev.weeks, ev.weeks + 4, ev.weeks + 8, ev.weeks - 2, ev.weeks - 4} {
		start := a.weekStart(ev.day).AddDate(0, 0, -7*(w-1))
		if w < 4 || w > 52 || start.Before(lo) {
			continue
		}
		in := a.input(start)
		in.Event = &plan.Event{Name: ev.name, Date: ev.day, Kind: ev.planKind, Priority: ev.priority}
		p, err := plan.Generate(in)
		if err != nil {
			continue
		}
		b := newBlock(in, p, ev)
		if b.end.Before(hi) {
			return b
		}
	}
	return nil
}

// baseBlocks fills the weeks from `from` up to `to` with rolling base
// blocks of 6 to 16 weeks; a week now and then is left without a plan,
// and the first one when rest is set (the break after a race, half the
// time).
func (a *athlete) baseBlocks(blocks *[]*block, from, to time.Time, rest bool) error {
	rng := a.rng
	cursor := from
	for first := true; ; first = false {
		left := int(to.Sub(cursor).Hours()+12) / (24 * 7)
		if left <= 0 {
			return nil
		}
		if left >= 3 && (first && rest && rng.IntN(2) == 0 || rng.IntN(100) < 10) {
			cursor = cursor.AddDate(0, 0, 7)
			continue
		}
		in := a.input(cursor)
		in.Options.Weeks = min(left, 6+rng.IntN(11))
		p, err := plan.Generate(in)
		var refusal *plan.Refusal
		if errors.As(err, &refusal) && refusal.Field == "availability" {
			// Too few days for this sport: plan on every day.
			in.Athlete.Availability = [7]plan.DayAvailability{}
			p, err = plan.Generate(in)
		}
		if err != nil {
			return err
		}
		b := newBlock(in, p, nil)
		*blocks = append(*blocks, b)
		cursor = b.end.AddDate(0, 0, 1)
	}
}

func newBlock(in plan.Input, p plan.Plan, ev *event) *block {
	b := &block{in: in, p: p, event: ev, start: in.Start}
	b.end = b.start
	if n := len(p.Weeks); n > 0 {
		b.end = p.Weeks[n-1].Start.AddDate(0, 0, 6)
	}
	return b
}
