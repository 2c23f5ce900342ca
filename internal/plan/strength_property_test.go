package plan

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
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
		var last *Structure
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

// Every heavy full-body session has a squat or lunge, a hinge, a push and
// a pull, so every pattern is trained on every heavy day (ACSM 2009;
// Schoenfeld et al. 2016: each group at least twice a week).
func TestPropertyStrengthPatternsEverySession(t *testing.T) {
	patterns := [][]string{{"squat", "lunge"}, {"deadlift", "hip thrust"}, {"press"}, {"row", "pull-up"}}
	forSport(t, Strength, func(g generated) error {
		for i, w := range g.plan.Weeks {
			for _, h := range heavySessions(w) {
				if h.Structure == nil || !h.Structure.Full {
					continue
				}
				d := strings.ToLower(h.Description)
				for _, p := range patterns {
					if !slices.ContainsFunc(p, func(s string) bool { return strings.Contains(d, s) }) {
						return fmt.Errorf("week %d: %q has no %s", i+1, h.Title, p[0])
					}
				}
			}
		}
		return nil
	})
}
