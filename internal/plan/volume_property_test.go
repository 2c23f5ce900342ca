package plan

import (
	"fmt"
	"math/rand"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"rebound/internal/load"
	"rebound/internal/training"
)

// runInputs is how many random run and bike inputs the volume properties
// are checked on: every event of the two sports, every weekday of the
// race, every experience, 60–1,200 min a week, with and without rest days.
const runInputs = 2400

var (
	runOnce   sync.Once
	runCorpus []generated
)

func runPlans(t *testing.T) []generated {
	t.Helper()
	runOnce.Do(func() {
		rng := rand.New(rand.NewSource(20261205))
		for len(runCorpus) < runInputs {
			in := randomRunInput(rng)
			if p, err := Generate(in); err == nil {
				runCorpus = append(runCorpus, generated{in, p})
			}
		}
	})
	return runCorpus
}

// randomRunInput draws a run (or, one in five, bike) athlete and event.
func randomRunInput(r *rand.Rand) Input {
	sport, kinds := Run, []EventKind{FiveK, TenK, Half, Marathon, Ultra, ""}
	if r.Intn(5) == 0 {
		sport, kinds = Bike, []EventKind{TimeTrial, GranFondo, ""}
	}
	a := Athlete{Sport: sport, WeeklyMinutes: 60 + r.Intn(1141),
		Experience: []Experience{Beginner, Intermediate, Advanced}[r.Intn(3)],
		LongDay:    time.Weekday(r.Intn(7)), ThresholdPace: []int{0, 240, 300, 360}[r.Intn(4)]}
	if r.Intn(2) == 0 {
		for i := range a.Availability {
			a.Availability[i].Available = true
		}
		for range r.Intn(3) {
			a.Availability[r.Intn(7)].Available = false
		}
	}
	in := Input{Athlete: a, Start: date(2026, 1, 5).AddDate(0, 0, r.Intn(7))}
	if k := kinds[r.Intn(len(kinds))]; k != "" {
		in.Event = &Event{Name: "Goal", Kind: k, Date: in.Start.AddDate(0, 0, 28+r.Intn(300))}
	}
	return in
}

// forAllRuns runs property on every random run and bike plan.
func forAllRuns(t *testing.T, property func(g generated) error) {
	t.Helper()
	failures := 0
	for _, g := range runPlans(t) {
		if err := property(g); err != nil {
			t.Errorf("%v\ninput: %s", err, describe(g.in))
			if failures++; failures == 3 {
				return
			}
		}
	}
}

// allFree reports whether every day is available without a limit.
func allFree(a Athlete) bool {
	for _, d := range a.Availability {
		if a.Availability != [7]DayAvailability{} && (!d.Available || d.MaxMinutes > 0) {
			return false
		}
	}
	return true
}

// Week 1 holds the stated volume; where the days cannot, it says so, and
// never that it is "about what you train now". Up to 10 h a week on free
// days an intermediate or advanced runner gets it within 5 %.
func TestPropertyWeekOneVolume(t *testing.T) {
	forAllRuns(t, func(g generated) error {
		a, w := g.in.Athlete, g.plan.Weeks[0]
		v := trainingMinutes(w)
		if v*100 >= 95*a.WeeklyMinutes || v+5 >= a.WeeklyMinutes {
			return nil
		}
		if strings.Contains(w.Rationale, "about what you train now") || !strings.Contains(w.Rationale, fmt.Sprintf("less than the %d you train now", a.WeeklyMinutes)) {
			return fmt.Errorf("week 1 holds %d of %d min and says: %s", v, a.WeeklyMinutes, w.Rationale)
		}
		if a.Sport == Run && a.Experience != Beginner && allFree(a) && a.WeeklyMinutes <= 600 {
			return fmt.Errorf("week 1 holds %d of %d min on free days", v, a.WeeklyMinutes)
		}
		return nil
	})
}

// No week but the race week raises the week view's load ramp flag
// (load.RampFlag, the same function the week view calls), week 1 after two
// weeks at the current volume; ramps are judged against the weeks planned.
func TestPropertyLoadRampAndPlannedRamp(t *testing.T) {
	check := func(g generated) error {
		ws := g.plan.Weeks
		l := make([]float64, 0, len(ws)+2)
		for _, w := range ws {
			s := 0.0
			for _, wo := range w.Workouts {
				s += wo.RPE * float64(wo.Minutes)
			}
			l = append(l, s)
		}
		pre := l[0] * float64(g.in.Athlete.WeeklyMinutes) / float64(max(1, trainingMinutes(ws[0])))
		l = append([]float64{pre, pre}, l...)
		for i := 2; i < len(l); i++ {
			if r, flagged := load.RampFlag(l[i-2 : i+1]); flagged && ws[i-2].Kind != KindRace {
				return fmt.Errorf("week %d: load ramp %.0f %% (%.0f, %.0f → %.0f)", i-1, 100*r, l[i-2], l[i-1], l[i])
			}
		}
		_, _, ramp := options(g.in)
		tw, v := trainingWeeks(g.plan)
		best := 0
		for i, w := range tw {
			if i > 0 && w.Kind != KindCutback && float64(v[i]) > float64(max(best, 1))*(1+ramp)+1e-6 {
				return fmt.Errorf("training week %d: %d min, more than %.0f %% over the best week planned (%d)", i+1, v[i], 100*ramp, best)
			}
			if i > 0 && tw[i-1].Kind == KindCutback && i >= 2 && float64(v[i]) > float64(v[i-2])*(1+ramp)+1e-6 && float64(v[i]) > float64(best)*(1+ramp)+1e-6 {
				return fmt.Errorf("training week %d: %d min after a cutback, more than %.0f %% over the week before it (%d)", i+1, v[i], 100*ramp, v[i-2])
			}
			if w.Kind != KindCutback {
				best = max(best, v[i])
			}
		}
		return nil
	}
	forAllRuns(t, check)
	forAll(t, check)
}

// A run event's longest long run reaches the event's minimum, or the plan
// warns; it never passes the event's longest for the athlete's experience;
// a warning is printed.
func TestPropertyLongRunForEvent(t *testing.T) {
	forAllRuns(t, func(g generated) error {
		e := g.in.Event
		if e == nil || g.in.Athlete.Sport != Run {
			return nil
		}
		ev := rulesFor(e.Kind)
		longest := 0
		for _, w := range g.plan.Weeks {
			for _, wo := range w.Workouts {
				if wo.Kind == training.KindLong {
					longest = max(longest, wo.Minutes)
				}
			}
		}
		warned := len(g.plan.Warnings) > 0 && strings.Contains(g.plan.Text(), g.plan.Warnings[0])
		switch {
		case longest > ev.longRun[experienceIndex(g.in.Athlete.Experience)]:
			return fmt.Errorf("a long run of %d min, past the %s's %d", longest, ev.name, ev.longRun[experienceIndex(g.in.Athlete.Experience)])
		case longest < ev.minLong && !warned:
			return fmt.Errorf("longest long run %d min for a %s, and no warning", longest, ev.name)
		case longest >= ev.minLong && len(g.plan.Warnings) > 0:
			return fmt.Errorf("longest long run %d min for a %s, yet a warning: %v", longest, ev.name, g.plan.Warnings)
		}
		return nil
	})
}

// The taper lasts the event's days whatever the race's weekday: the taper
// weeks (those with four or more of its days) and the race week's days
// before the race come within half a week of it. The seven days before
// the race hold at least 20 % less than the peak week (the race week's
// days 41–60 % less, as in Bosquet et al. 2007, but a session of the week
// before may fall in those seven days), and, where
// the days are free and five of them are in the race week, not more than
// 75 % less (the race week's rest day, shakeout and sharpener take some).
func TestPropertyTaperLengthAndDepth(t *testing.T) {
	forAllRuns(t, func(g generated) error {
		e := g.in.Event
		if e == nil {
			return nil
		}
		ev := rulesFor(e.Kind)
		taper, peak, race := 0, 0, Day(e.Date)
		for _, n := range g.plan.Notes {
			if strings.Contains(n, "taper is shortened") {
				return nil
			}
		}
		var rw Week
		for _, w := range g.plan.Weeks {
			switch w.Kind {
			case KindTaper:
				taper++
			case KindBuild:
				peak = max(peak, trainingMinutes(w))
			case KindRace:
				rw = w
			}
		}
		before := int(race.Sub(rw.Start) / day)
		if d := 7*taper + before; d > ev.taperDays+3 || d < ev.taperDays-3 {
			return fmt.Errorf("%d taper weeks and %d days before a %s on %s: %d days, want %d", taper, before, ev.name, race.Weekday(), d, ev.taperDays)
		}
		m := 0
		for _, w := range g.plan.Weeks {
			for _, wo := range w.Workouts {
				if wo.Date.Before(race) && !wo.Date.Before(race.AddDate(0, 0, -7)) {
					m += wo.Minutes
				}
			}
		}
		drop := 1 - float64(m)/float64(peak)
		if g.in.Athlete.Sport != Run {
			return nil
		}
		if drop < 0.20 || before >= 5 && allFree(g.in.Athlete) && drop > 0.75 {
			return fmt.Errorf("the seven days before the %s hold %d min: %.0f %% below the peak week (%d)", ev.name, m, 100*drop, peak)
		}
		return nil
	})
}

// A cutback week keeps a short quality session where the week before had
// one and the cutback's volume allows, and its words say what it kept.
func TestPropertyCutbackKeepsQuality(t *testing.T) {
	forAllRuns(t, func(g generated) error {
		ws := g.plan.Weeks
		for i := 1; i < len(ws); i++ {
			if ws[i].Kind != KindCutback {
				continue
			}
			keys := func(w Week) int {
				n := 0
				for _, wo := range w.Workouts {
					if wo.Key {
						n++
					}
				}
				return n
			}
			k, before := keys(ws[i]), keys(ws[i-1])
			if before >= 2 && trainingMinutes(ws[i]) >= 180 && k < 2 && g.in.Athlete.Sport == Run {
				return fmt.Errorf("cutback week %d keeps %d key sessions of %d", i+1, k, before)
			}
			if k == 2 && !strings.Contains(ws[i].Rationale, "one shorter quality session stay") || k < 2 && strings.Contains(ws[i].Rationale, "quality session") {
				return fmt.Errorf("cutback week %d has %d key sessions and says: %s", i+1, k, ws[i].Rationale)
			}
		}
		return nil
	})
}

// Recovery runs last 30, 35 or 40 minutes at most by experience; second
// runs come only on easy and recovery days, at most 60 minutes.
func TestPropertyRecoveryRunsAndDoubles(t *testing.T) {
	forAllRuns(t, func(g generated) error {
		most := map[Experience]int{Beginner: 30, Intermediate: 35, Advanced: 40}[g.in.Athlete.Experience]
		for _, d := range days(g.plan) {
			for _, wo := range d {
				if wo.Kind == training.KindRecovery && wo.Sport == training.SportRun && wo.Minutes > most {
					return fmt.Errorf("%s: a recovery run of %d min", wo.Date.Format(time.DateOnly), wo.Minutes)
				}
			}
			if len(d) < 2 {
				continue
			}
			for _, wo := range d {
				if wo.Kind != training.KindEasy && wo.Kind != training.KindRecovery || wo.Sport != training.SportRun {
					return fmt.Errorf("%s: a second session on a %s day", wo.Date.Format(time.DateOnly), wo.Kind)
				}
			}
			if len(d) > 2 || d[1].Minutes > 60 {
				return fmt.Errorf("%s: %d sessions, the second %d min", d[0].Date.Format(time.DateOnly), len(d), d[1].Minutes)
			}
			// Both runs of a day of an hour or more are worth the change
			// of clothes: 30 minutes at least.
			if d[0].Minutes+d[1].Minutes >= 60 && min(d[0].Minutes, d[1].Minutes) < minDouble {
				return fmt.Errorf("%s: runs of %d and %d min", d[0].Date.Format(time.DateOnly), d[0].Minutes, d[1].Minutes)
			}
		}
		return nil
	})
}

// After an A race the recovery weeks build back (a reverse taper): none
// holds less than the one before, give or take the 15 % its days' roles
// (more rest days, an unavailable day) may cost it (10 minutes in a week of
// a few short runs), and all of them less than the peak week.
func TestPropertyReverseTaper(t *testing.T) {
	forAllRuns(t, func(g generated) error {
		prev, peak := 0, 0
		for i, w := range g.plan.Weeks {
			if w.Kind == KindBuild {
				peak = max(peak, trainingMinutes(w))
			}
			if w.Kind != KindRecovery {
				continue
			}
			v := trainingMinutes(w)
			if float64(v) < 0.85*float64(prev) && v < prev-10 || v >= peak {
				return fmt.Errorf("recovery week %d holds %d min after %d (peak %d)", i+1, v, prev, peak)
			}
			prev = v
		}
		return nil
	})
}

// A plan whose build weeks grow more than 10 % above the stated volume
// says so in its notes: the athlete has to find the time.
func TestPropertyPeakVolumeNoted(t *testing.T) {
	forAll(t, func(g generated) error {
		peak := 0
		for _, w := range g.plan.Weeks {
			if w.Kind == KindBuild {
				peak = max(peak, trainingMinutes(w))
			}
		}
		noted := slices.ContainsFunc(g.plan.Notes, func(n string) bool { return strings.HasPrefix(n, "Volume grows from the ") })
		if big := 10*peak > 11*g.in.Athlete.WeeklyMinutes; big != noted {
			return fmt.Errorf("peak week %d min from %d min a week; noted: %v", peak, g.in.Athlete.WeeklyMinutes, noted)
		}
		return nil
	})
}

// A build or peak week's rationale gives its hard minutes as its workouts
// hold them, and says "grows" only when they grew.
func TestPropertyHardWorkWords(t *testing.T) {
	forAll(t, func(g generated) error {
		prev := 0
		for i, w := range g.plan.Weeks {
			hard := 0
			for _, wo := range w.Workouts {
				if wo.Kind != training.KindRace {
					hard += wo.HardMinutes
				}
			}
			_, words, ok := strings.Cut(w.Rationale, " Hard work ")
			if ok {
				var now int
				verb, rest, _ := strings.Cut(words, " ")
				rest = strings.TrimPrefix(rest, "at ")
				rest = strings.TrimPrefix(rest, "to ")
				if _, err := fmt.Sscanf(rest, "%d min", &now); err != nil || now != hard {
					return fmt.Errorf("week %d says %q; its workouts hold %d hard min", i+1, words, hard)
				}
				if want := map[bool]string{true: "grows:", false: ""}[hard > prev]; want != "" && verb != want || want == "" && verb == "grows:" {
					return fmt.Errorf("week %d says %q after a week of %d hard min", i+1, words, prev)
				}
			}
			if w.Kind == KindBuild && w.Phase != PhaseBase {
				prev = hard
			}
		}
		return nil
	})
}

// No marathon long run passes 35 km, nor a half marathon's 27 km
// (Pfitzinger & Douglas's 22 and 17 miles), at the plan's own distances.
func TestPropertyLongRunDistance(t *testing.T) {
	forAllRuns(t, func(g generated) error {
		if g.in.Event == nil {
			return nil
		}
		most := map[EventKind]int{Marathon: 35000, Half: 27000}[g.in.Event.Kind]
		for _, w := range g.plan.Weeks {
			for _, wo := range w.Workouts {
				if most > 0 && wo.Kind == training.KindLong && wo.DistanceM > most {
					return fmt.Errorf("%s: a long run of %d m (%d min)", wo.Date.Format(time.DateOnly), wo.DistanceM, wo.Minutes)
				}
			}
		}
		return nil
	})
}

// A run plan's long run grows by at most 10 minutes a week, and a
// cutback week's is at most 80 % of the last one before it (or the
// shortest a long run is).
func TestPropertyLongRunSteps(t *testing.T) {
	forAllRuns(t, func(g generated) error {
		last := 0
		for i, w := range g.plan.Weeks {
			if w.Phase != PhaseBase && w.Phase != PhaseBuild && w.Phase != PhasePeak || g.in.Athlete.Sport != Run {
				continue
			}
			for _, wo := range w.Workouts {
				if wo.Kind != training.KindLong {
					continue
				}
				lo := bounds(Run, roleKey, 0, "").lo
				switch {
				case last == 0:
				case w.Kind == KindCutback && wo.Minutes > max(lo, 5*(8*last/50)):
					return fmt.Errorf("week %d: a cutback long run of %d min after %d", i+1, wo.Minutes, last)
				case w.Kind != KindCutback && wo.Minutes > last+10:
					return fmt.Errorf("week %d: a long run of %d min after %d", i+1, wo.Minutes, last)
				}
				if w.Kind != KindCutback {
					last = wo.Minutes
				}
			}
		}
		return nil
	})
}

// A training week's recovery day is one run unless two recovery runs make
// a day of minDoubleDay: only an advanced runner's, of 40 minutes each (two
// short recovery runs are not worth the change of clothes).
func TestPropertyNoShortDoubles(t *testing.T) {
	forAllRuns(t, func(g generated) error {
		if g.in.Athlete.Experience == Advanced {
			return nil
		}
		for i, w := range g.plan.Weeks {
			if w.Kind != KindBuild && w.Kind != KindCutback {
				continue
			}
			byDay, runs := map[time.Time]int{}, map[time.Time]int{}
			for _, wo := range w.Workouts {
				if wo.Sport == training.SportRun {
					byDay[wo.Date] += wo.Minutes
					runs[wo.Date]++
				}
			}
			for d, n := range runs {
				if n > 1 {
					for _, wo := range w.Workouts {
						if wo.Date.Equal(d) && wo.Kind == training.KindRecovery {
							return fmt.Errorf("week %d: %d recovery minutes in two runs on %s", i+1, byDay[d], d.Weekday())
						}
					}
				}
			}
		}
		return nil
	})
}

// A marathon's or half's taper keeps its long runs: 75 % of the last long
// run before the taper, 55 % in its last week, within 38 % of the week
// and the day's room (taperLong).
func TestPropertyTaperLongRuns(t *testing.T) {
	forAllRuns(t, func(g generated) error {
		e := g.in.Event
		if e == nil || e.Priority != "A" || e.Kind != Marathon && e.Kind != Half {
			return nil
		}
		pl := mustPlanner(g.in)
		last, n := 0, 0
		for _, w := range g.plan.Weeks {
			if w.Kind == KindTaper {
				n++
			}
		}
		k := 0
		for i, w := range g.plan.Weeks {
			for _, wo := range w.Workouts {
				if wo.Kind != training.KindLong || wo.Sport != training.SportRun {
					continue
				}
				switch w.Kind {
				case KindBuild:
					last = wo.Minutes
				case KindTaper:
					f := taperLong[0]
					if k == n-1 {
						f = taperLong[1]
					}
					want := min(pl.room[wo.Date.Weekday()], 5*(floorMinutes(f*float64(last))/5), 5*(floorMinutes(0.38*float64(trainingMinutes(w)))/5))
					if wo.Minutes < want-10 {
						return fmt.Errorf("taper week %d: long run of %d min after %d, want %d", i+1, wo.Minutes, last, want)
					}
				}
			}
			if w.Kind == KindTaper {
				k++
			}
		}
		return nil
	})
}
