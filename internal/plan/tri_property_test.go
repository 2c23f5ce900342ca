package plan

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"rebound/internal/training"
)

// longKey is the sport of a day's long session when that is its only key
// workout; "" otherwise.
func longKey(ws []Workout) string {
	sport := ""
	for _, w := range ws {
		switch {
		case !w.Key:
		case w.Kind == training.KindLong && sport == "":
			sport = w.Sport
		default:
			return ""
		}
	}
	return sport
}

// longPair reports whether two consecutive days are a triathlete's long
// ride and long run, in either order (Friel's weekend pair).
func longPair(a, b []Workout) bool {
	x, y := longKey(a), longKey(b)
	return x == training.SportBike && y == training.SportRun || x == training.SportRun && y == training.SportBike
}

// longPairOf is week w's long ride and long run, nil where it has none.
func longPairOf(w Week) (ride, run *Workout) {
	for j, wo := range w.Workouts {
		switch {
		case wo.Kind == training.KindLong && wo.Sport == training.SportBike:
			ride = &w.Workouts[j]
		case wo.Kind == training.KindLong && wo.Sport == training.SportRun:
			run = &w.Workouts[j]
		}
	}
	return ride, run
}

// triWeeks runs check on the training weeks (base, build, peak; not
// cutback) of every triathlon plan whose week holds at least minutes.
func triWeeks(t *testing.T, minutes int, check func(g generated, i int, w Week) error) {
	t.Helper()
	forSport(t, Triathlon, func(g generated) error {
		if g.in.Athlete.Sport != Triathlon {
			return nil
		}
		for i, w := range g.plan.Weeks {
			if w.Kind != KindBuild || trainingMinutes(w) < minutes {
				continue
			}
			if err := check(g, i, w); err != nil {
				return fmt.Errorf("week %d (%s, %d min): %w%s", i+1, w.Phase, trainingMinutes(w), err, weekListing(w))
			}
		}
		return nil
	})
}

// sessions counts a week's training sessions by sport, a brick's run
// included.
func sessions(w Week) map[string]int {
	n := map[string]int{}
	for _, wo := range w.Workouts {
		if wo.Kind != training.KindRest && wo.Kind != training.KindRace && wo.Minutes > 0 {
			n[wo.Sport]++
		}
		if wo.Structure != nil && wo.Structure.Brick > 0 {
			n[training.SportRun]++
		}
	}
	return n
}

// trainingDays are the days of a week that hold training.
func trainingDays(w Week) map[time.Time]bool {
	days := map[time.Time]bool{}
	for _, wo := range w.Workouts {
		if wo.Kind != training.KindRest && wo.Minutes > 0 {
			days[wo.Date] = true
		}
	}
	return days
}

// Each sport two or three times a week (Friel 2016), a brick's run counted
// as one more, and an Ironman's four runs (see triRuns), where the week has
// the days (five or more that hold an hour) and the minutes (five hours)
// to hold seven sessions: four days hold six at most, one sport then
// comes once.
func TestPropertyTriSportsTwiceAWeek(t *testing.T) {
	triWeeks(t, 300, func(g generated, i int, w Week) error {
		pl := mustPlanner(g.in)
		roomy := 0
		for d := range trainingDays(w) {
			if pl.room[d.Weekday()] >= 60 {
				roomy++
			}
		}
		if roomy < 5 {
			return nil
		}
		n := sessions(w)
		for _, sp := range []string{training.SportSwim, training.SportBike, training.SportRun} {
			most := 4
			if sp == training.SportRun && g.in.Event != nil && rulesFor(g.in.Event.Kind).kind == Ironman {
				most = 5
			}
			if n[sp] < 2 || n[sp] > most {
				return fmt.Errorf("%d %s sessions (%v), want 2–3", n[sp], sp, n)
			}
		}
		return nil
	})
}

// Swim intensity for everyone, a quality ride for intermediates and
// advanced athletes, and hard minutes for beginners too (short ones).
func TestPropertyTriQuality(t *testing.T) {
	triWeeks(t, 300, func(g generated, i int, w Week) error {
		pl := mustPlanner(g.in)
		if len(pl.pattern) < 3 || pl.room[pl.pattern[2]] < 70 || g.in.Options.KeyWorkouts != 0 && g.in.Options.KeyWorkouts < 3 {
			return nil // no room for a quality day and its swim, or the coach asked for fewer
		}
		if pl.race >= 0 && pl.race-(7*i+6) <= 2 {
			return nil // no key session in the two days before the race
		}
		css, ride, hard := false, false, 0
		for _, wo := range w.Workouts {
			css = css || wo.Sport == training.SportSwim && wo.HardMinutes > 0
			ride = ride || wo.Sport == training.SportBike && wo.Kind != training.KindLong && wo.HardMinutes > 0
			hard += wo.HardMinutes
		}
		switch {
		case !css:
			return fmt.Errorf("no threshold swim")
		case !ride && g.in.Athlete.Experience != Beginner:
			return fmt.Errorf("no quality ride")
		case hard == 0:
			return fmt.Errorf("no hard minutes")
		}
		return nil
	})
}

// The long run is the day before or after the long ride (this week's or
// last week's) wherever a day next to it has room for it, and within two
// fifths of the week's running (brick runs included) where the week holds
// three runs or more, unless it is at its shortest (45 min or less).
func TestPropertyTriLongRun(t *testing.T) {
	triWeeks(t, 0, func(g generated, i int, w Week) error {
		ride, run := longPairOf(w)
		running := 0
		for _, wo := range w.Workouts {
			if wo.Sport == training.SportRun {
				running += wo.Minutes
			}
			if wo.Structure != nil {
				running += wo.Structure.Brick
			}
		}
		if ride == nil || run == nil {
			return nil
		}
		pl := mustPlanner(g.in)
		gap := int(run.Date.Sub(ride.Date) / day)
		next := pl.room[(ride.Date.Weekday()+1)%7] >= 40 || pl.room[(ride.Date.Weekday()+6)%7] >= 40
		if next && gap != 1 && gap != -1 && gap != 6 && gap != -6 {
			return fmt.Errorf("long run %d days from the long ride", gap)
		}
		if float64(run.Minutes) > pl.triLongRunMax()*float64(running)+1e-9 && run.Minutes > 45 && runs(w) >= 3 {
			return fmt.Errorf("long run %d of %d min running", run.Minutes, running)
		}
		return nil
	})
}

// A brick's text says its parts, and they add up to its minutes.
func TestPropertyTriBrickAddsUp(t *testing.T) {
	forSport(t, Triathlon, func(g generated) error {
		for _, w := range g.plan.Weeks {
			for _, wo := range w.Workouts {
				s := wo.Structure
				if s == nil || s.Brick == 0 || wo.Kind != training.KindLong {
					continue
				}
				want := "Ride " + duration(wo.Minutes-s.Brick) + ", then run " + duration(s.Brick) + " straight off the bike: " + duration(wo.Minutes) + " in all."
				if !strings.HasPrefix(wo.Description, want) {
					return fmt.Errorf("%s: %q, want it to start %q", wo.Date.Format(time.DateOnly), wo.Description, want)
				}
			}
		}
		return nil
	})
}

func mustPlanner(in Input) *planner {
	p, err := newPlanner(in)
	if err != nil {
		panic(err)
	}
	return p
}

// weekListing lists a week's workouts, for failure messages.
func weekListing(w Week) string {
	out := ""
	for _, wo := range w.Workouts {
		out += fmt.Sprintf("\n    %s %s %s %d %s", wo.Date.Format("Mon"), wo.Sport, wo.Kind, wo.Minutes, wo.Title)
	}
	return out
}

// runs counts a week's run workouts.
func runs(w Week) int {
	n := 0
	for _, wo := range w.Workouts {
		if wo.Sport == training.SportRun && wo.Minutes > 0 {
			n++
		}
	}
	return n
}

// A 70.3's long ride reaches 3 h and its long run 1 h 30 by the peak (an
// Olympic's 2 h and 1 h), or the plan says it cannot, above the plan.
func TestPropertyTriLongSessionsOrWarning(t *testing.T) {
	forSport(t, Triathlon, func(g generated) error {
		if g.in.Event == nil {
			return nil
		}
		ev := rulesFor(g.in.Event.Kind)
		ride, run := 0, 0
		for _, w := range g.plan.Weeks {
			for _, wo := range w.Workouts {
				switch {
				case wo.Kind != training.KindLong:
				case wo.Sport == training.SportBike && wo.Structure != nil:
					ride = max(ride, wo.Minutes-wo.Structure.Brick)
				case wo.Sport == training.SportRun:
					run = max(run, wo.Minutes)
				}
			}
		}
		if (ride < ev.minRide || run < ev.minRun) && len(g.plan.Warnings) == 0 {
			return fmt.Errorf("long ride %d min, long run %d min for a %s, and no warning", ride, run, ev.name)
		}
		return nil
	})
}

// From 8 h a week, three rides where the week has six days that hold an
// hour, two of them easy days (the key days and the recovery days after
// them aside), and a long ride and a long run (Friel 2016: each sport three times, the bike about
// half the week).
func TestPropertyTriThreeRides(t *testing.T) {
	triWeeks(t, 300, func(g generated, i int, w Week) error {
		pl := mustPlanner(g.in)
		roomy, easy := 0, map[time.Time]bool{}
		for d := range trainingDays(w) {
			if pl.room[d.Weekday()] >= 60 {
				roomy++
				easy[d] = true
			}
		}
		longs := 0
		for _, wo := range w.Workouts {
			if wo.Key || wo.Kind == training.KindRecovery {
				delete(easy, wo.Date)
			}
			if wo.Kind == training.KindLong {
				longs++
			}
		}
		if g.in.Athlete.WeeklyMinutes < triFullWeek || roomy < 6 || len(easy) < 2 || longs < 2 || w.Phase == PhaseTaper {
			return nil
		}
		if n := sessions(w)[training.SportBike]; n < 3 {
			return fmt.Errorf("%d rides from %d min a week, want 3", n, g.in.Athlete.WeeklyMinutes)
		}
		return nil
	})
}

// The day before the weekend's long ride and long run holds no run longer
// than beforePairRun, and a long ride on Sunday has its long run on
// Saturday where Saturday has the room.
func TestPropertyTriLongPairFresh(t *testing.T) {
	triWeeks(t, 0, func(g generated, i int, w Week) error {
		pl := mustPlanner(g.in)
		ride, run := longPairOf(w)
		if ride == nil || run == nil {
			return nil
		}
		first := ride.Date
		if run.Date.Before(first) {
			first = run.Date
		}
		for _, wo := range w.Workouts {
			if wo.Sport == training.SportRun && wo.Kind != training.KindLong && wo.Date.Equal(first.AddDate(0, 0, -1)) && wo.Minutes > beforePairRun {
				return fmt.Errorf("%d min run on %s, the day before the long pair", wo.Minutes, wo.Date.Weekday())
			}
		}
		lo := bounds(Triathlon, roleKey, 1, "").lo
		if ride.Date.Weekday() == time.Sunday && pl.room[time.Saturday] >= lo && run.Date.Weekday() != time.Saturday {
			return fmt.Errorf("long ride on Sunday, long run on %s though Saturday has room", run.Date.Weekday())
		}
		return nil
	})
}

// A triathlete's long ride grows by at most 15 minutes and the long run by
// 10 over the last training week's (cutbacks aside; triLongGrowth).
func TestPropertyTriLongSessionsGrowSlowly(t *testing.T) {
	forSport(t, Triathlon, func(g generated) error {
		var last [2]int
		for i, w := range g.plan.Weeks {
			if w.Kind != KindBuild {
				continue
			}
			var now [2]int
			ride, run := longPairOf(w)
			if ride != nil {
				now[0] = ride.Minutes
			}
			if run != nil {
				now[1] = run.Minutes
			}
			for k := range 2 {
				if last[k] > 0 && now[k] > last[k]+triLongGrowth[k] {
					return fmt.Errorf("week %d: long %s %d min after %d", i+1, [2]string{"ride", "run"}[k], now[k], last[k])
				}
				if now[k] > 0 {
					last[k] = now[k]
				}
			}
		}
		return nil
	})
}

// Two swims in every training week that has four training days and three
// hours (Friel 2016: the swim is the novice's limiter and the race's
// safety risk, so it is the last sport to go): a week short of time loses
// an easy run or ride first.
func TestPropertyTriSwimsTwice(t *testing.T) {
	triWeeks(t, 180, func(g generated, i int, w Week) error {
		if len(trainingDays(w)) < 4 {
			return nil
		}
		if n := sessions(w); n[training.SportSwim] < 2 {
			return fmt.Errorf("%d swims (%v), want 2", n[training.SportSwim], n)
		}
		return nil
	})
}

// A triathlete's quality run is cruise intervals at threshold (see
// triWorkout), the pace short races are run at: no hill or VO2max
// repetitions on legs that ride and swim too.
func TestPropertyTriQualityRunAtThreshold(t *testing.T) {
	forSport(t, Triathlon, func(g generated) error {
		for i, w := range g.plan.Weeks {
			for _, wo := range w.Workouts {
				if wo.Sport != training.SportRun || !wo.Key || wo.Kind == training.KindLong || wo.HardMinutes == 0 || wo.Structure == nil || wo.Structure.Name == "Sharpener" {
					continue
				}
				if w.Phase != PhaseBase && wo.Zone != zThreshold {
					return fmt.Errorf("week %d (%s): quality run %q in zone %d, want threshold", i+1, w.Phase, wo.Title, wo.Zone)
				}
			}
		}
		return nil
	})
}

// Intermediate and advanced triathletes racing a sprint or an Olympic run
// a quality session at threshold every build and peak week, where the week
// has 8 hours and every day holds an hour (see triKeyDays), and their long
// run then stays aerobic.
func TestPropertyTriShortRaceQualityRun(t *testing.T) {
	forSport(t, Triathlon, func(g generated) error {
		in := g.in
		if in.Event == nil || in.Athlete.Experience == Beginner || in.Options.KeyWorkouts != 0 || in.Athlete.WeeklyMinutes < triFullWeek {
			return nil
		}
		if k := eventKind(g); k != Sprint && k != Olympic {
			return nil
		}
		pl := mustPlanner(in)
		for _, m := range pl.room {
			if m < 60 {
				return nil
			}
		}
		for i, w := range g.plan.Weeks {
			if w.Kind != KindBuild || w.Phase != PhaseBuild && w.Phase != PhasePeak {
				continue
			}
			if i+1 < len(g.plan.Weeks) && g.plan.Weeks[i+1].Kind == KindRace {
				continue // its last days may be the two before the race, which hold no key workout
			}
			quality := false
			for _, wo := range w.Workouts {
				if wo.Sport != training.SportRun || !wo.Key {
					continue
				}
				if wo.Kind == training.KindLong && wo.HardMinutes > 0 {
					return fmt.Errorf("week %d: long run %q with a faster finish beside a quality run", i+1, wo.Title)
				}
				quality = quality || wo.Kind != training.KindLong && wo.HardMinutes > 0
			}
			if !quality {
				return fmt.Errorf("week %d (%s): no quality run%s", i+1, w.Phase, weekListing(w))
			}
		}
		return nil
	})
}
