package plan

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"rebound/internal/training"
)

// taperDepth is how far an A race's taper days (from the first taper
// week to the race) fall below the peak week's daily volume, averaged over
// them; ok is false when the plan has no full A-race taper to judge.
func taperDepth(g generated) (depth float64, ok bool) {
	e := g.in.Event
	if e == nil || e.Priority != "" && e.Priority != "A" {
		return 0, false
	}
	for _, n := range g.plan.Notes {
		if strings.Contains(n, "taper is shortened") {
			return 0, false
		}
	}
	race := Day(e.Date)
	var start time.Time
	peak, m := 0, 0
	for _, w := range g.plan.Weeks {
		switch {
		case w.Kind == KindBuild:
			peak = max(peak, trainingMinutes(w))
		case start.IsZero() && (w.Kind == KindTaper || w.Kind == KindRace):
			start = w.Start
		}
		for _, wo := range w.Workouts {
			if !start.IsZero() && wo.Date.Before(race) {
				m += wo.Minutes
			}
		}
	}
	days := int(race.Sub(start) / day)
	if peak == 0 || days == 0 {
		return 0, false
	}
	return 1 - float64(m)/(float64(peak)/7*float64(days)), true
}

// An A race's taper cuts volume by 41–60 % averaged over its days (Bosquet
// et al. 2007). The bound below is checked where the race week alone is not
// the taper, every day is free and the peak week is at least 150 min: there
// the race week's fixed rest day and shakeout, and a small week's shortest
// sessions, can take a taper deeper.
func TestPropertyTaperDepth(t *testing.T) {
	property := func(g generated) error {
		d, ok := taperDepth(g)
		if !ok {
			return nil
		}
		weeks, peak := 0, 0
		for _, w := range g.plan.Weeks {
			if w.Kind == KindTaper {
				weeks++
			}
			if w.Kind == KindBuild {
				peak = max(peak, trainingMinutes(w))
			}
		}
		if d < 0.41 || d > 0.60 && weeks > 0 && allFree(g.in.Athlete) && peak >= 150 {
			return fmt.Errorf("the taper is %.0f %% below the peak week, want 41–60 %%", 100*d)
		}
		return nil
	}
	forAll(t, property)
	forAllRuns(t, property)
}

// No race-week session before the race is longer than the longest of its
// kind and sport the week before (an easy or recovery session without one
// of its kind: than the week's longest easy or recovery session of its
// sport) unless it is 30 minutes or less, so the taper keeps falling into
// the race.
func TestPropertyRaceWeekShorter(t *testing.T) {
	property := func(g generated) error {
		ws := g.plan.Weeks
		for i := 1; i < len(ws); i++ {
			if ws[i].Kind != KindRace {
				continue
			}
			for _, wo := range ws[i].Workouts {
				if wo.Kind == training.KindRace {
					break
				}
				longest, easy := 0, 0
				for _, b := range ws[i-1].Workouts {
					switch {
					case b.Sport != wo.Sport:
					case b.Kind == wo.Kind:
						longest = max(longest, b.Minutes)
					case b.Kind == training.KindEasy || b.Kind == training.KindRecovery:
						easy = max(easy, b.Minutes)
					}
				}
				if longest == 0 && (wo.Kind == training.KindEasy || wo.Kind == training.KindRecovery) {
					longest = easy
				}
				// 30 minutes is the shortest easy ride the plan makes.
				if longest > 0 && wo.Minutes > max(longest, 30) {
					return fmt.Errorf("race week %d: %s %s %d min on %s, the week before's longest %d\n%s", i+1, wo.Sport, wo.Kind, wo.Minutes, wo.Date.Format("Mon 2 Jan"), longest, weekListing(ws[i]))
				}
			}
		}
		return nil
	}
	forAll(t, property)
	forAllRuns(t, property)
}

// A cutback week's rationale speaks of a quality session only when the
// week holds one (a key session other than a long one).
func TestPropertyCutbackWordsMatchDays(t *testing.T) {
	property := func(g generated) error {
		for i, w := range g.plan.Weeks {
			if w.Kind != KindCutback {
				continue
			}
			quality := false
			for _, wo := range w.Workouts {
				quality = quality || wo.Key && wo.Kind != training.KindLong
			}
			if strings.Contains(w.Rationale, "quality session") && !quality {
				return fmt.Errorf("cutback week %d holds no quality session but says: %s\n%s", i+1, w.Rationale, weekListing(w))
			}
		}
		return nil
	}
	forAll(t, property)
	forAllRuns(t, property)
}

// A run plan's taper sessions keep the peak's intensity with no more work:
// each quality session of a taper week holds at most the hard minutes of
// the last peak week's quality sessions at its level.
func TestPropertyTaperSessionsNoBiggerThanPeak(t *testing.T) {
	forAllRuns(t, func(g generated) error {
		var peak [zVO2 + 1]int
		for i, w := range g.plan.Weeks {
			quality := func(wo Workout) bool {
				return wo.Key && wo.Kind != training.KindLong && wo.Kind != training.KindRace && wo.Sport == training.SportRun && wo.Zone >= 0 && wo.Zone <= zVO2
			}
			switch {
			case w.Kind == KindBuild && w.Phase != PhaseBase:
				peak = [zVO2 + 1]int{}
				for _, wo := range w.Workouts {
					if quality(wo) {
						peak[wo.Zone] = max(peak[wo.Zone], wo.HardMinutes)
					}
				}
			case w.Kind == KindTaper:
				for _, wo := range w.Workouts {
					if quality(wo) && peak[wo.Zone] > 0 && wo.HardMinutes > peak[wo.Zone] {
						return fmt.Errorf("week %d: %s holds %d hard min, the last peak week's at that level %d", i+1, wo.Title, wo.HardMinutes, peak[wo.Zone])
					}
				}
			}
		}
		return nil
	})
}

// The race week's rationale gives the taper's real depth: the minutes of
// the seven days before the race and how far below the peak week they are.
func TestPropertyRaceWeekSaysTheRealCut(t *testing.T) {
	forAll(t, func(g generated) error {
		if g.in.Event == nil {
			return nil
		}
		race := g.in.Event.Date
		peak, m := 0, 0
		var text string
		for _, w := range g.plan.Weeks {
			if w.Kind == KindBuild {
				peak = max(peak, trainingMinutes(w))
			}
			if w.Kind == KindRace {
				text = w.Rationale
			}
			for _, wo := range w.Workouts {
				if wo.Date.Before(race) && !wo.Date.Before(race.AddDate(0, 0, -7)) {
					m += wo.Minutes
				}
			}
		}
		if text == "" || !strings.HasPrefix(text, "Race week") {
			return nil
		}
		want := fmt.Sprintf("%d min of training, %d %% below the peak week (%d min)", m, percentDown(peak, m), peak)
		if !strings.Contains(text, want) {
			return fmt.Errorf("race week says %q, want %q", text, want)
		}
		return nil
	})
}
