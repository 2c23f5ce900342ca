package plan

import (
	"fmt"
	"math/rand"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"rebound/internal/training"
)

// properties is how many random valid inputs each property is checked on.
const properties = 1200

type generated struct {
	in   Input
	plan Plan
}

var (
	corpusOnce sync.Once
	corpus     []generated
	refused    int
)

// plans returns the same properties random inputs that Generate accepted,
// with their plans, for every property test (built once).
func plans(t *testing.T) []generated {
	t.Helper()
	corpusOnce.Do(func() {
		rng := rand.New(rand.NewSource(20260112))
		for len(corpus) < properties {
			in := randomInput(rng)
			p, err := Generate(in)
			if err != nil {
				refused++
				continue
			}
			corpus = append(corpus, generated{in, p})
		}
	})
	if refused > 4*properties {
		t.Fatalf("the generator of inputs is refused too often (%d refused for %d accepted)", refused, properties)
	}
	return corpus
}

// randomInput draws an input that is valid field by field; whether the
// event can be reached safely is left to Generate.
func randomInput(r *rand.Rand) Input {
	sport := []Sport{Run, Run, Run, Bike, Triathlon, Triathlon, Strength}[r.Intn(7)]
	a := Athlete{
		Sport:         sport,
		WeeklyMinutes: 60 + r.Intn(r.Intn(900)+1),
		Experience:    []Experience{Beginner, Intermediate, Advanced}[r.Intn(3)],
		LongDay:       time.Weekday(r.Intn(7)),
		Units:         []string{"km", "mi", ""}[r.Intn(3)],
	}
	if r.Intn(3) > 0 {
		for i := range a.Availability {
			a.Availability[i].Available = r.Intn(6) > 0
			if r.Intn(3) == 0 {
				a.Availability[i].MaxMinutes = 10 + r.Intn(240)
			}
		}
	}
	if r.Intn(2) == 0 {
		a.ThresholdPace = 180 + r.Intn(300)
	}
	if r.Intn(2) == 0 {
		a.FTP = 120 + r.Intn(280)
	}
	switch r.Intn(3) {
	case 0:
		a.ThresholdHR = 140 + r.Intn(40)
	case 1:
		a.MaxHR = 170 + r.Intn(40)
	}
	in := Input{Athlete: a, Start: date(2025, 1, 1).AddDate(0, 0, r.Intn(730))}
	o := &in.Options
	if r.Intn(3) == 0 {
		o.CutbackEvery = 3 + r.Intn(2)
	}
	if r.Intn(3) == 0 {
		o.CutbackDepth = 0.6 + 0.3*r.Float64()
	}
	if r.Intn(3) == 0 {
		o.MaxRamp = 0.01 + 0.14*r.Float64()
	}
	if r.Intn(4) == 0 {
		o.KeyWorkouts = 1 + r.Intn(3)
	}
	if r.Intn(4) == 0 {
		o.TaperDays = 5 + r.Intn(24)
	}
	if r.Intn(3) == 0 {
		o.Weeks = 1 + r.Intn(52)
	}
	if sport != Strength && r.Intn(5) > 0 {
		var kinds []EventKind
		for _, e := range events {
			if e.sport == sport {
				kinds = append(kinds, e.kind)
			}
		}
		in.Event = &Event{
			Name:     "Goal",
			Kind:     kinds[r.Intn(len(kinds))],
			Date:     in.Start.AddDate(0, 0, 21+r.Intn(340)),
			Priority: []string{"A", "A", "A", "B", "C", ""}[r.Intn(6)],
		}
	}
	return in
}

// describe is a short form of an input for failure messages.
func describe(in Input) string {
	s := fmt.Sprintf("%+v start %s %+v", in.Athlete, in.Start.Format(time.DateOnly), in.Options)
	if e := in.Event; e != nil {
		s += fmt.Sprintf(" event %s %s %s", e.Kind, e.Date.Format(time.DateOnly), e.Priority)
	}
	return s
}

// forAll runs property on every generated plan, stopping at the first few
// failures.
func forAll(t *testing.T, property func(g generated) error) {
	t.Helper()
	failures := 0
	for _, g := range plans(t) {
		if err := property(g); err != nil {
			t.Errorf("%v\ninput: %s", err, describe(g.in))
			if failures++; failures == 3 {
				return
			}
		}
	}
}

func TestPropertyCheckPasses(t *testing.T) {
	forAll(t, func(g generated) error {
		if problems := Check(g.in, g.plan); len(problems) > 0 {
			return fmt.Errorf("Check: %s", strings.Join(problems, "; "))
		}
		return nil
	})
}

func TestPropertyDeterministic(t *testing.T) {
	forAll(t, func(g generated) error {
		again, err := Generate(g.in)
		if err != nil || !reflect.DeepEqual(again, g.plan) {
			return fmt.Errorf("a second Generate differs (err %v)", err)
		}
		return nil
	})
}

// options resolves the options as Generate does, for the direct checks.
func options(in Input) (every int, depth, ramp float64) {
	every, depth, ramp = 4, 0.75, 0.10
	if o := in.Options; o.CutbackEvery != 0 {
		every = o.CutbackEvery
	}
	if o := in.Options; o.CutbackDepth != 0 {
		depth = o.CutbackDepth
	}
	if o := in.Options; o.MaxRamp != 0 {
		ramp = o.MaxRamp
	}
	return every, depth, ramp
}

// trainingWeeks are the base, build and peak weeks, with their training
// minutes.
func trainingWeeks(p Plan) (ws []Week, minutes []int) {
	for _, w := range p.Weeks {
		if w.Phase == PhaseBase || w.Phase == PhaseBuild || w.Phase == PhasePeak {
			ws = append(ws, w)
			minutes = append(minutes, trainingMinutes(w))
		}
	}
	return ws, minutes
}

func TestPropertyRamp(t *testing.T) {
	forAll(t, func(g generated) error {
		_, _, ramp := options(g.in)
		ws, v := trainingWeeks(g.plan)
		prev, best, prevCut := g.in.Athlete.WeeklyMinutes, g.in.Athlete.WeeklyMinutes, false
		for i, w := range ws {
			if w.Kind != KindCutback {
				ref := prev
				if prevCut {
					ref = best
				}
				if float64(v[i]) > float64(ref)*(1+ramp)+1e-6 || float64(v[i]) > float64(best)*(1+ramp)+1e-6 {
					return fmt.Errorf("week %d: %d min after %d (best %d), ramp %.3f", i+1, v[i], prev, best, ramp)
				}
				best = max(best, v[i])
			}
			prev, prevCut = v[i], w.Kind == KindCutback
		}
		return nil
	})
}

func TestPropertyCutbackCadence(t *testing.T) {
	forAll(t, func(g generated) error {
		every, depth, _ := options(g.in)
		ws, v := trainingWeeks(g.plan)
		for i, w := range ws {
			n := i + 1
			want := n%every == 0 && !(g.in.Event != nil && n == len(ws))
			if want != (w.Kind == KindCutback) {
				return fmt.Errorf("training week %d is a %s week, cutback every %d", n, w.Kind, every)
			}
			if !want {
				continue
			}
			// At the depth, rounded down to whole 5 minutes, and at most
			// 5 minutes less where the days' limits round it down again;
			// lighter only where the available days cannot hold it, and
			// then the week says so.
			target := float64(v[i-1]) * depth
			short := float64(v[i]) < target-10 && !strings.Contains(w.Rationale, "available days, each session at its longest, hold")
			if float64(v[i]) > target+1e-6 || short {
				return fmt.Errorf("cutback week %d holds %d min, want %.0f %% of %d", n, v[i], 100*depth, v[i-1])
			}
		}
		return nil
	})
}

func TestPropertyTaperEndsOnRaceDay(t *testing.T) {
	forAll(t, func(g generated) error {
		e := g.in.Event
		if e == nil {
			return nil
		}
		race := Day(e.Date)
		var raceWeek = -1
		for i, w := range g.plan.Weeks {
			for _, wo := range w.Workouts {
				if wo.Kind == training.KindRace {
					if !wo.Date.Equal(race) {
						return fmt.Errorf("race on %s, event on %s", wo.Date.Format(time.DateOnly), race.Format(time.DateOnly))
					}
					raceWeek = i
				}
			}
		}
		if raceWeek < 0 || g.plan.Weeks[raceWeek].Kind != KindRace {
			return fmt.Errorf("no race week holding the race")
		}
		// Taper weeks come right before the race week and nowhere else.
		for i, w := range g.plan.Weeks {
			if w.Kind == KindTaper && (i > raceWeek || g.plan.Weeks[i+1].Kind != KindTaper && i+1 != raceWeek) {
				return fmt.Errorf("taper week %d is not part of the run-in to the race", i+1)
			}
			prev := 0
			if i > 0 {
				prev = trainingMinutes(g.plan.Weeks[i-1])
			}
			if w.Kind == KindTaper && trainingMinutes(w) > prev {
				return fmt.Errorf("taper week %d adds volume", i+1)
			}
		}
		// Recovery weeks after an A race by distance: a few easy days
		// after a 5K or 10K fit in one, the ten after a half in one or
		// two; a marathon, ultra or Ironman gets a reverse taper of two
		// or three.
		after, lo, hi := len(g.plan.Weeks)-1-raceWeek, 0, 0
		if e.Priority == "A" || e.Priority == "" {
			lo, hi = 1, 3
			switch e.Kind {
			case FiveK, TenK, Sprint:
				hi = 1
			case Half:
				hi = 2
			case Marathon, Ultra, Ironman:
				lo = 2
			}
		}
		if after < lo || after > hi {
			return fmt.Errorf("%d weeks after the race week, want %d–%d", after, lo, hi)
		}
		return nil
	})
}

// days flattens a plan into its days in order, each with its workouts.
func days(p Plan) [][]Workout {
	var out [][]Workout
	for _, w := range p.Weeks {
		for _, wo := range w.Workouts {
			if n := len(out); n > 0 && out[n-1][0].Date.Equal(wo.Date) {
				out[n-1] = append(out[n-1], wo)
				continue
			}
			out = append(out, []Workout{wo})
		}
	}
	return out
}

func anyKey(ws []Workout) bool {
	for _, w := range ws {
		if w.Key {
			return true
		}
	}
	return false
}

func TestPropertyKeysApart(t *testing.T) {
	forAll(t, func(g generated) error {
		ds := days(g.plan)
		for i := 1; i < len(ds); i++ {
			if anyKey(ds[i-1]) && anyKey(ds[i]) && !longPair(ds[i-1], ds[i]) {
				return fmt.Errorf("key workouts on %s and the day after", ds[i-1][0].Date.Format(time.DateOnly))
			}
		}
		return nil
	})
}

func TestPropertyRecoveryAfterKeyAndLong(t *testing.T) {
	forAll(t, func(g generated) error {
		ds := days(g.plan)
		for i := 1; i < len(ds); i++ {
			hard := false
			for _, w := range ds[i-1] {
				hard = hard || w.Key || w.Kind == training.KindLong
			}
			if !hard || longPair(ds[i-1], ds[i]) {
				continue
			}
			for _, w := range ds[i] {
				if w.Kind != training.KindRecovery && w.Kind != training.KindRest {
					return fmt.Errorf("%s: %s the day after a key workout", w.Date.Format(time.DateOnly), w.Kind)
				}
			}
		}
		return nil
	})
}

func TestPropertyRestDayEachWeek(t *testing.T) {
	forAll(t, func(g generated) error {
		for i, w := range g.plan.Weeks {
			ok := false
			for _, wo := range w.Workouts {
				ok = ok || wo.Kind == training.KindRest || wo.Kind == training.KindRecovery && wo.Minutes <= 30 && wo.RPE <= 3
			}
			if !ok {
				return fmt.Errorf("week %d has no rest or very light day", i+1)
			}
		}
		return nil
	})
}

func TestPropertyLongShare(t *testing.T) {
	forAll(t, func(g generated) error {
		for i, w := range g.plan.Weeks {
			run, ride, trainMin := 0, 0, trainingMinutes(w)
			for _, wo := range w.Workouts {
				switch {
				case wo.Kind == training.KindRace:
				case wo.Sport == training.SportRun:
					run += wo.Minutes
				case wo.Sport == training.SportBike:
					ride += wo.Minutes
				}
			}
			for _, wo := range w.Workouts {
				if wo.Kind != training.KindLong {
					continue
				}
				share := 0.30
				if w.Kind == KindTaper {
					share = 0.40 // the taper keeps its long runs (taperLong)
				}
				limit := map[Sport]map[string]float64{
					Run:       {training.SportRun: share * float64(run)},
					Bike:      {training.SportBike: 0.40 * float64(ride)},
					Triathlon: {training.SportRun: 0.20 * float64(trainMin), training.SportBike: 0.35 * float64(trainMin)},
				}[g.in.Athlete.Sport][wo.Sport]
				if g.in.Athlete.Sport == "" {
					limit = share * float64(run)
				}
				if float64(wo.Minutes) > limit+1e-9 {
					return fmt.Errorf("week %d: %s (%d min) over its share (%.1f min)", i+1, wo.Title, wo.Minutes, limit)
				}
			}
		}
		return nil
	})
}

func TestPropertyEasyShare(t *testing.T) {
	forAll(t, func(g generated) error {
		for i, w := range g.plan.Weeks {
			trainMin, hard := 0, 0
			for _, wo := range w.Workouts {
				if wo.Kind != training.KindRace {
					trainMin += wo.Minutes
					hard += wo.HardMinutes
				}
			}
			if trainMin > 0 && float64(trainMin-hard) < 0.75*float64(trainMin) || w.EasyShare < 0.75 {
				return fmt.Errorf("week %d: %d of %d min hard (EasyShare %.2f)", i+1, hard, trainMin, w.EasyShare)
			}
		}
		return nil
	})
}

func TestPropertyOnlyEasyAfterEvent(t *testing.T) {
	forAll(t, func(g generated) error {
		if g.in.Event == nil {
			return nil
		}
		race := Day(g.in.Event.Date)
		for _, w := range g.plan.Weeks {
			for _, wo := range w.Workouts {
				ok := wo.Kind == training.KindRest || wo.Kind == training.KindRecovery || wo.Kind == training.KindEasy
				if wo.Date.After(race) && (!ok || wo.RPE > 3) {
					return fmt.Errorf("%s: %s at RPE %g after the event", wo.Date.Format(time.DateOnly), wo.Kind, wo.RPE)
				}
			}
		}
		return nil
	})
}

func TestPropertyRecoveryProtected(t *testing.T) {
	forAll(t, func(g generated) error {
		for _, w := range g.plan.Weeks {
			for _, wo := range w.Workouts {
				if (wo.Kind == training.KindRecovery || wo.Kind == training.KindRest) && !wo.Protected {
					return fmt.Errorf("%s: %s not protected", wo.Date.Format(time.DateOnly), wo.Kind)
				}
				if wo.Kind == training.KindRecovery && (wo.RPE > 3 || wo.Zone > 2) {
					return fmt.Errorf("%s: recovery at RPE %g zone %d", wo.Date.Format(time.DateOnly), wo.RPE, wo.Zone)
				}
			}
		}
		return nil
	})
}

func TestPropertyAvailability(t *testing.T) {
	forAll(t, func(g generated) error {
		a := g.in.Athlete.Availability
		if a == [7]DayAvailability{} {
			return nil
		}
		for _, w := range g.plan.Weeks {
			for _, wo := range w.Workouts {
				d := a[wo.Date.Weekday()]
				if wo.Kind == training.KindRace || wo.Minutes == 0 {
					continue
				}
				if !d.Available || d.MaxMinutes > 0 && wo.Minutes > d.MaxMinutes {
					return fmt.Errorf("%s: %d min on a %s with %+v", wo.Date.Format(time.DateOnly), wo.Minutes, wo.Date.Weekday(), d)
				}
			}
		}
		return nil
	})
}

func BenchmarkGenerate24Weeks(b *testing.B) {
	in := Input{
		Athlete: Athlete{Sport: Run, WeeklyMinutes: 240, Experience: Intermediate, LongDay: time.Sunday, ThresholdPace: 270},
		Event:   &Event{Name: "Marathon", Date: date(2026, 6, 14), Kind: Marathon, Priority: "A"}, // 22 weeks, then two of recovery
		Start:   date(2026, 1, 12),
	}
	if p, err := Generate(in); err != nil || len(p.Weeks) != 24 {
		b.Fatalf("%v, %d weeks", err, len(p.Weeks))
	}
	for b.Loop() {
		if _, err := Generate(in); err != nil {
			b.Fatal(err)
		}
	}
}

// Week 1 starts as the other weeks do: where the day before the plan is
// the long day, the plan's first day is a rest or recovery day, not an
// easy day that pushes the week's rest day elsewhere.
func TestPropertyFirstDayAfterLongDay(t *testing.T) {
	for _, g := range plans(t) {
		in := g.in
		if in.Athlete.Sport == Strength || len(g.plan.Weeks) < 2 || g.plan.Weeks[0].Kind != KindBuild {
			continue
		}
		pl := mustPlanner(in)
		if len(pl.pattern) == 0 || pl.pattern[0] != (in.Start.Weekday()+6)%7 {
			continue
		}
		if in.Athlete.Sport == Triathlon && len(pl.pattern) > 1 && pl.pattern[1] == in.Start.Weekday() {
			continue // the long run the day after the long ride (see triKeyDays)
		}
		for _, wo := range g.plan.Weeks[0].Workouts {
			if wo.Date.Equal(in.Start) && wo.Kind != training.KindRest && wo.Kind != training.KindRecovery {
				t.Fatalf("the plan starts the day after the long day with %q%s\ninput: %s", wo.Title, weekListing(g.plan.Weeks[0]), describe(in))
			}
		}
	}
}
