package plan

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"rebound/internal/training"
)

// heavySessions are a week's heavy strength sessions.
func heavySessions(w Week) []Workout {
	var out []Workout
	for _, wo := range w.Workouts {
		if muscleGroups(wo) != 0 {
			out = append(out, wo)
		}
	}
	return out
}

// Each muscle group twice a week (Schoenfeld et al. 2016) wherever two
// heavy days fit: the availability allows two key days, the coach did not
// ask for one key workout, and the week holds two 30-minute sessions.
func TestPropertyStrengthGroupsTwiceAWeek(t *testing.T) {
	forSport(t, Strength, func(g generated) error {
		if g.in.Athlete.Sport != Strength || g.in.Options.KeyWorkouts == 1 {
			return nil
		}
		pl, _ := newPlanner(g.in)
		if len(pl.pattern) < 2 {
			return nil
		}
		for i, w := range g.plan.Weeks {
			if trainingMinutes(w) < 60 {
				continue
			}
			upper, lower := 0, 0
			for _, wo := range heavySessions(w) {
				gr := muscleGroups(wo)
				upper += gr & groupUpper
				lower += gr & groupLower / groupLower
			}
			if upper < 2 || lower < 2 {
				return fmt.Errorf("week %d: upper body %d, lower body %d heavy sessions, want 2 each", i+1, upper, lower)
			}
		}
		return nil
	})
}

// 48 h per muscle group: no group heavy on consecutive days.
func TestPropertyStrengthGroupsApart(t *testing.T) {
	forSport(t, Strength, func(g generated) error {
		if g.in.Athlete.Sport != Strength {
			return nil
		}
		ds := days(g.plan)
		for i := 1; i < len(ds); i++ {
			prev, cur := 0, 0
			for _, w := range ds[i-1] {
				prev |= muscleGroups(w)
			}
			for _, w := range ds[i] {
				cur |= muscleGroups(w)
			}
			if prev&cur != 0 {
				return fmt.Errorf("%s: a muscle group heavy on two days running", ds[i][0].Date.Format(time.DateOnly))
			}
		}
		return nil
	})
}

// The load progresses (ACSM 2009) without nearing failure: a block's
// first week at RPE 7, the second one more repetition a set at RPE 8, the
// third back to the first repetitions at more weight, RPE 8; never above
// RPE 8. A cutback week is a deload (one set fewer, the block's first
// repetitions, lower RPE); the next block starts again at week 1.
func TestPropertyStrengthProgression(t *testing.T) {
	forSport(t, Strength, func(g generated) error {
		if g.in.Athlete.Sport != Strength {
			return nil
		}
		var last *training.Structure
		first := 0 // the block's first repetitions
		for i, w := range g.plan.Weeks {
			hs := heavySessions(w)
			if len(hs) == 0 {
				continue
			}
			s := hs[0].Structure
			for _, h := range hs {
				if h.Structure.Step != s.Step || h.Structure.Block != s.Block {
					return fmt.Errorf("week %d: sessions at different places in the progression", i+1)
				}
				if h.RPE > 8 {
					return fmt.Errorf("week %d: a heavy session at RPE %g, over 8", i+1, h.RPE)
				}
			}
			if s.Step == 1 {
				first = s.Lifts
			}
			switch {
			case w.Kind == KindCutback:
				if s.Step != 0 || hs[0].RPE >= 8 || last != nil && s.Sets >= last.Sets && last.Step != 0 {
					return fmt.Errorf("week %d: a cutback week that is no deload (%+v)", i+1, *s)
				}
			case s.Step == 1 && hs[0].RPE != 7:
				return fmt.Errorf("week %d: a block starts at RPE %g, want 7", i+1, hs[0].RPE)
			case last == nil:
			case last.Step == 0 || last.Block != s.Block:
				if s.Step != 1 || s.Block != last.Block+1 && last.Step == 0 {
					return fmt.Errorf("week %d: after a deload, want week 1 of the next block (%+v after %+v)", i+1, *s, *last)
				}
			case s.Step != last.Step+1:
				return fmt.Errorf("week %d: step %d after %d", i+1, s.Step, last.Step)
			case s.Step == 2 && (s.Lifts != last.Lifts+1 || last.Lifts != first):
				return fmt.Errorf("week %d: %d × %d after %d × %d, want one more repetition", i+1, s.Sets, s.Lifts, last.Sets, last.Lifts)
			case s.Step > 2 && s.Lifts != first:
				return fmt.Errorf("week %d: %d × %d at the top of the range, want more weight at %d repetitions", i+1, s.Sets, s.Lifts, first)
			}
			last = s
		}
		return nil
	})
}

// movementPatterns are the six patterns a full-body plan trains, each by
// the exercises that load it. A hip thrust extends the hip but is no hinge
// (the hamstrings stay short): it counts for none.
var movementPatterns = []struct {
	name      string
	exercises []string
}{
	{"squat or lunge", []string{"squat", "split squat", "lunge"}},
	{"hip hinge", []string{"romanian deadlift", "deadlift"}},
	{"horizontal push", []string{"bench press", "dumbbell bench press"}},
	{"horizontal pull", []string{"row", "one-arm dumbbell row"}},
	{"vertical push", []string{"overhead press"}},
	{"vertical pull", []string{"pull-ups", "lat pulldown"}},
}

// patternsOf is the set of movementPatterns a heavy session's lifts (its
// description's first sentence, one lift a comma) train.
func patternsOf(w Workout) []bool {
	lifts, _, _ := strings.Cut(strings.ToLower(w.Description), ".")
	got := make([]bool, len(movementPatterns))
	for _, lift := range strings.Split(lifts, ", ") {
		for i, p := range movementPatterns {
			got[i] = got[i] || slices.ContainsFunc(p.exercises, func(e string) bool { return strings.HasPrefix(lift, e+" ") })
		}
	}
	return got
}

// Every movement pattern at least twice a week, 48 h apart, in every week
// with two heavy sessions or more, deload weeks included (ACSM 2009;
// Schoenfeld, Ogborn & Krieger 2016). A week with one heavy session (the
// coach asked for one, or the days hold no more) trains each once.
func TestPropertyStrengthPatternsTwiceAWeek(t *testing.T) {
	forSport(t, Strength, func(g generated) error {
		last := make([]time.Time, len(movementPatterns))
		for i, w := range g.plan.Weeks {
			hs := heavySessions(w)
			count := make([]int, len(movementPatterns))
			for _, h := range hs {
				if h.Structure == nil || !h.Structure.Full {
					continue
				}
				for j, ok := range patternsOf(h) {
					if !ok {
						continue
					}
					if !last[j].IsZero() && h.Date.Sub(last[j]) < 48*time.Hour {
						return fmt.Errorf("week %d: %s on %s, under 48 h after %s", i+1, movementPatterns[j].name, h.Date.Format(time.DateOnly), last[j].Format(time.DateOnly))
					}
					count[j]++
					last[j] = h.Date
				}
			}
			if len(hs) < 2 {
				continue
			}
			for j, n := range count {
				if n < 2 {
					return fmt.Errorf("week %d (%s): %s trained %d times in %d heavy sessions, want at least 2", i+1, w.Kind, movementPatterns[j].name, n, len(hs))
				}
			}
		}
		return nil
	})
}

// A heavy session lasts what its lifts take (heavyMinutes: the warm-up,
// then every set's repetitions and rest), so more work never reads as fewer
// minutes; sets left out to fit the session are said.
func TestPropertyStrengthMinutesFromLifts(t *testing.T) {
	forSport(t, Strength, func(g generated) error {
		for i, w := range g.plan.Weeks {
			for _, h := range heavySessions(w) {
				s := h.Structure
				if s == nil || !s.Full {
					continue
				}
				if h.Minutes != heavyMinutes(*s) {
					return fmt.Errorf("week %d: %q is %d min, its lifts take %d", i+1, h.Title, h.Minutes, heavyMinutes(*s))
				}
				if said := strings.Contains(h.Description, "fewer than planned"); said != (s.Cut > 0) {
					return fmt.Errorf("week %d: %d sets left out, but the text says %q", i+1, s.Cut, h.Description)
				}
			}
		}
		return nil
	})
}

// One more set or repetition never takes fewer minutes, in a training week
// or a deload, in either session.
func TestHeavyMinutesGrowWithWork(t *testing.T) {
	for _, session := range []int{1, 2} {
		for _, step := range []int{0, 1} {
			for sets := 1; sets <= 5; sets++ {
				for lifts := 4; lifts <= 10; lifts++ {
					s := training.Structure{Full: true, Session: session, Block: 1, Step: step, Sets: sets, Lifts: lifts}
					moreSets, moreLifts := s, s
					moreSets.Sets++
					moreLifts.Lifts++
					for _, m := range []training.Structure{moreSets, moreLifts} {
						if heavyMinutes(m) < heavyMinutes(s) {
							t.Errorf("%d × %d takes %d min, %d × %d %d (session %d, step %d)", m.Sets, m.Lifts, heavyMinutes(m), sets, lifts, heavyMinutes(s), session, step)
						}
					}
				}
			}
		}
	}
}

// liftingMinutes is the minutes of a week's heavy sessions.
func liftingMinutes(w Week) int {
	m := 0
	for _, h := range heavySessions(w) {
		m += h.Minutes
	}
	return m
}

// Plans do not shrink block after block: where week 1 holds every set
// planned (the stated volume holds the sessions), every week but a deload
// keeps week 1's heavy sessions, at least 80 % of its lifting minutes and
// two thirds of its training minutes (easy days give way first after a
// deep deload). The return from a deload stays clear of the load ramp
// flag by design (see heavy), not by cutting the weeks after it, which
// lowered every block after the first.
func TestPropertyStrengthHoldsAfterDeloads(t *testing.T) {
	forSport(t, Strength, func(g generated) error {
		first := g.plan.Weeks[0]
		hs := heavySessions(first)
		for _, h := range hs {
			if h.Structure == nil || h.Structure.Cut > 0 {
				return nil
			}
		}
		for i, w := range g.plan.Weeks {
			if w.Kind == KindCutback {
				continue
			}
			switch {
			case len(heavySessions(w)) < len(hs):
				return fmt.Errorf("week %d: %d heavy sessions, week 1 %d", i+1, len(heavySessions(w)), len(hs))
			case 5*liftingMinutes(w) < 4*liftingMinutes(first):
				return fmt.Errorf("week %d: %d min of lifting, under 80 %% of week 1's %d", i+1, liftingMinutes(w), liftingMinutes(first))
			case 3*trainingMinutes(w) < 2*trainingMinutes(first):
				return fmt.Errorf("week %d: %d min, under two thirds of week 1's %d", i+1, trainingMinutes(w), trainingMinutes(first))
			}
		}
		return nil
	})
}
