package plan

import (
	"fmt"
	"maps"
	"math"
	"math/rand"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"rebound/internal/training"
)

// workedWeek is the worked example: Monday 2 March 2026 to Sunday 8 March,
// with Saturday's easy run when easySat. Loads (minutes × RPE):
//
//	Mon rest                          0
//	Tue intervals  60 min × RPE 8   480
//	Wed recovery   30 min × RPE 2    60
//	Thu tempo      50 min × RPE 6   300
//	Fri easy       40 min × RPE 3   120
//	Sat easy       45 min × RPE 3   135 (easySat only)
//	Sun long      100 min × RPE 4   400
//
// 1360 in all, 1495 with Saturday's run.
func workedWeek(easySat bool) []Upcoming {
	ws := []Upcoming{
		{ID: 1, Date: date(2026, 3, 2), Kind: "rest", Sport: "other", Title: "Rest", Protected: true},
		{ID: 2, Date: date(2026, 3, 3), Kind: "intervals", Sport: "run", Title: "5 × 4 min", Minutes: 60, RPE: 8, Zone: 5, Key: true},
		{ID: 3, Date: date(2026, 3, 4), Kind: "recovery", Sport: "run", Title: "Recovery run", Minutes: 30, RPE: 2, Zone: 1, Protected: true},
		{ID: 4, Date: date(2026, 3, 5), Kind: "tempo", Sport: "run", Title: "Tempo run", Minutes: 50, RPE: 6, Zone: 3, Key: true},
		{ID: 5, Date: date(2026, 3, 6), Kind: "easy", Sport: "run", Title: "Easy run", Minutes: 40, RPE: 3, Zone: 2},
		{ID: 7, Date: date(2026, 3, 8), Kind: "long", Sport: "run", Title: "Long run", Minutes: 100, RPE: 4, Zone: 2, Key: true},
	}
	if easySat {
		ws = append(ws, Upcoming{ID: 6, Date: date(2026, 3, 7), Kind: "easy", Sport: "run", Title: "Easy run", Minutes: 45, RPE: 3, Zone: 2})
	}
	return ws
}

// keysApart reports whether every two key workouts of ws are at least 48 h
// apart: on different days with a day between.
func keysApart(ws []Upcoming) bool {
	var days []time.Time
	for _, w := range ws {
		if keyWorkout(w) {
			days = append(days, Day(w.Date))
		}
	}
	slices.SortFunc(days, time.Time.Compare)
	for i := 1; i < len(days); i++ {
		if days[i].Sub(days[i-1]) < 2*day {
			return false
		}
	}
	return true
}

// randomDays is a random nine days — two before From, as context — whose
// key days are 48 h apart, and From.
func randomDays(r *rand.Rand) ([]Upcoming, time.Time) {
	kinds := []string{"rest", "recovery", "recovery", "easy", "easy", "easy", "long", "tempo", "intervals", "race", "strength", "mobility", "cross_training"}
	sports := []string{"run", "bike", "swim", "strength", "other"}
	from := date(2026, 1, 5).AddDate(0, 0, r.Intn(365))
	var days []Upcoming
	ids := r.Perm(30)
	lastKey := from.AddDate(0, 0, -10)
	for d := -2; d < 7; d++ {
		day := from.AddDate(0, 0, d)
		n := []int{0, 1, 1, 1, 1, 1, 1, 2}[r.Intn(8)]
		for range n {
			w := Upcoming{ID: int64(ids[len(days)] + 1), Date: day, Kind: kinds[r.Intn(len(kinds))], Sport: sports[r.Intn(len(sports))],
				Minutes: 10 + r.Intn(170), Zone: r.Intn(6)}
			w.Title = title(w.Kind)
			if r.Intn(3) > 0 {
				w.RPE = float64(1+r.Intn(19)) / 2
			}
			w.Key = keyWorkout(w) || w.Kind == "strength" && r.Intn(2) == 0
			if w.Key && day.Sub(lastKey) < 2*24*time.Hour {
				w.Kind, w.Key = "easy", false // keep the input's keys 48 h apart
			}
			if w.Key {
				lastKey = day
			}
			w.Protected = w.Kind == "recovery" || w.Kind == "rest" || r.Intn(10) == 0
			if w.Kind == "rest" {
				w.Minutes = 0
			}
			if s, ok := sampleStructures[w.Sport+" "+w.Kind]; ok && r.Intn(2) == 0 {
				w.Structure = &s // text written from the numbers, as a generated plan's
				w = Retext(w, w, "")
			}
			w.Done = d < 0 && r.Intn(4) > 0 || r.Intn(10) == 0
			days = append(days, w)
		}
	}
	return days, from
}

// sampleStructures are structures of a generated triathlon plan's
// workouts, by sport and kind ("run intervals").
var sampleStructures = func() map[string]training.Structure {
	p, err := Generate(Input{Athlete: Athlete{Sport: Triathlon, WeeklyMinutes: 480, Experience: "intermediate", LongDay: time.Saturday,
		ThresholdPace: 280, FTP: 220}, Event: &Event{Name: "Lake 70.3", Date: date(2026, 6, 14), Kind: Half703, Priority: "A"},
		Start: date(2026, 1, 5)})
	if err != nil {
		panic(err)
	}
	out := map[string]training.Structure{}
	for _, wk := range p.Weeks {
		for _, w := range wk.Workouts {
			if w.Structure != nil {
				out[w.Sport+" "+w.Kind] = *w.Structure
			}
		}
	}
	return out
}()

// swapWeek is a week where Tuesday's intervals have a later easy day to
// change places with: Thursday, with recovery before it, rest after it and
// Saturday's long run 48 h on.
//
//	Mon rest, Tue intervals 60 min RPE 8, Wed recovery 30, Thu easy 50,
//	Fri rest, Sat long 110 min RPE 4, Sun recovery 30
func swapWeek() []Upcoming {
	return []Upcoming{
		{ID: 1, Date: date(2026, 3, 2), Kind: "rest", Sport: "other", Title: "Rest", Protected: true},
		{ID: 2, Date: date(2026, 3, 3), Kind: "intervals", Sport: "run", Title: "Intervals", Minutes: 60, RPE: 8, Zone: 5, Key: true},
		{ID: 3, Date: date(2026, 3, 4), Kind: "recovery", Sport: "run", Title: "Recovery run", Minutes: 30, RPE: 2, Zone: 1, Protected: true},
		{ID: 4, Date: date(2026, 3, 5), Kind: "easy", Sport: "run", Title: "Easy run", Minutes: 50, RPE: 3, Zone: 2},
		{ID: 5, Date: date(2026, 3, 6), Kind: "rest", Sport: "other", Title: "Rest", Protected: true},
		{ID: 6, Date: date(2026, 3, 7), Kind: "long", Sport: "run", Title: "Long run", Minutes: 110, RPE: 4, Zone: 2, Key: true},
		{ID: 7, Date: date(2026, 3, 8), Kind: "recovery", Sport: "run", Title: "Recovery run", Minutes: 30, RPE: 2, Zone: 1, Protected: true},
	}
}

// with is days with the workout of the given day of March replaced.
func with(days []Upcoming, day int, w Upcoming) []Upcoming {
	days = slices.Clone(days)
	for i, d := range days {
		if d.Date.Day() == day {
			w.ID, w.Date = d.ID, d.Date
			days[i] = w
		}
	}
	return days
}

var race = Upcoming{Kind: "race", Sport: "run", Title: "Race", Minutes: 45, RPE: 9, Zone: 5, Key: true}

// want is what a test expects of one adjustment: the action and the
// workout's kind, minutes and day of March after it.
type want struct {
	id      int64
	action  string
	kind    string
	minutes int
	day     int
}

func TestRespondByReason(t *testing.T) {
	tue := date(2026, 3, 3)
	for _, tc := range []struct {
		name    string
		days    []Upcoming
		from    time.Time
		causes  []Cause
		want    []want
		ruleHas string
		noteHas string
	}{
		{
			// Fever on Tuesday: Tuesday and Wednesday without training,
			// the recovery run too; then half the minutes Thursday (the
			// tempo made easy), three quarters Friday, and Sunday's long
			// run no longer than an hour, a week after an illness.
			name: "illness below the neck", days: workedWeek(true), from: tue,
			causes: []Cause{{Code: CauseIllnessBelow, Light: "red"}},
			want: []want{
				{2, "to_rest", "rest", 0, 3},
				{3, "to_rest", "rest", 0, 4},
				{4, "to_easy", "easy", 25, 5},
				{5, "shorten", "easy", 30, 6},
				{7, "shorten", "long", 60, 8},
			},
			ruleHas: "no training at all, recovery sessions included",
			noteHas: "Rest instead: Tuesday's intervals and Wednesday's recovery run.",
		},
		{
			name: "older illness code reads as below the neck", days: workedWeek(true), from: tue,
			causes: []Cause{{Code: CauseIllness, Light: "red"}},
			want: []want{
				{2, "to_rest", "rest", 0, 3},
				{3, "to_rest", "rest", 0, 4},
				{4, "to_easy", "easy", 25, 5},
				{5, "shorten", "easy", 30, 6},
				{7, "shorten", "long", 60, 8},
			},
		},
		{
			// Symptom-free again: the return starts today.
			name: "back from an illness", days: workedWeek(true), from: tue,
			causes: []Cause{{Code: CauseIllnessRecent, Light: "amber"}},
			want: []want{
				{2, "to_easy", "easy", 30, 3},
				{4, "to_easy", "easy", 50, 5},
				{7, "shorten", "long", 60, 8},
			},
			ruleHas: "the first day at half the minutes",
		},
		{
			// A cold: 72 h easy and shorter. Tuesday's intervals and
			// Thursday's tempo become easy and 30 % shorter, in whole
			// 5-minute blocks (60 − 15, 50 − 15); nothing else falls in
			// the three days but Wednesday's recovery.
			name: "illness above the neck", days: workedWeek(true), from: tue,
			causes: []Cause{{Code: CauseIllnessAbove, Light: "red"}},
			want: []want{
				{2, "to_easy", "easy", 45, 3},
				{4, "to_easy", "easy", 35, 5},
			},
			ruleHas: "easy only and shorter for 72 h",
		},
		{
			// Sore knee: every run off its feet for the week, at the same
			// length; the recovery run stays recovery, on the bike or in
			// the pool.
			name: "injury to the knees", days: workedWeek(true), from: tue,
			causes: []Cause{{Code: CauseInjury, Light: "red", Areas: []string{"knees"}}},
			want: []want{
				{2, "to_cross", "cross_training", 60, 3},
				{3, "to_cross", "recovery", 30, 4},
				{4, "to_cross", "cross_training", 50, 5},
				{5, "to_cross", "cross_training", 40, 6},
				{6, "to_cross", "cross_training", 45, 7},
				{7, "to_cross", "cross_training", 100, 8},
			},
			ruleHas: "no load on the knees",
			noteHas: "Recovery sessions keep their day and length, off the injured area.",
		},
		{
			name: "injury to the shoulders spares the running", days: workedWeek(true), from: tue,
			causes:  []Cause{{Code: CauseInjury, Light: "red", Areas: []string{"shoulders"}}},
			want:    []want{},
			noteHas: "Nothing in the coming days needs to change",
		},
		{
			// HRV below range with intervals today: Thursday's easy run
			// has recovery before it, rest after it and the long run 48 h
			// on, so the two change places.
			name: "HRV amber swaps today's hard session with the next easy day", days: swapWeek(), from: tue,
			causes: []Cause{{Code: CauseHRV, Light: "amber"}},
			want: []want{
				{2, "move", "intervals", 60, 5},
				{4, "move", "easy", 50, 3},
			},
			ruleHas: "changes places with the next easy day",
			noteHas: "Moved: Tuesday's intervals to Thursday and Thursday's easy run to Tuesday.",
		},
		{
			// In the worked week no later day has room (tempo Thursday,
			// long run Sunday): the intervals become an easy run of the
			// same length.
			name: "short night with no room to swap: easy, same length", days: workedWeek(true), from: tue,
			causes: []Cause{{Code: CauseSleep, Light: "amber"}},
			want:   []want{{2, "to_easy", "easy", 60, 3}},
		},
		{
			// A long run at an easy level is not a hard session: it stays
			// on its day, a fifth shorter.
			name: "amber on a long-run day", days: swapWeek(), from: date(2026, 3, 7),
			causes: []Cause{{Code: CauseHRV, Light: "amber"}},
			want:   []want{{6, "shorten", "long", 90, 7}},
		},
		{
			// The race on Thursday: Friday's easy day lies past it, so the
			// intervals do not move there.
			name: "never past a race", days: with(swapWeek(), 5, race), from: tue,
			causes: []Cause{{Code: CauseRestingHR, Light: "amber"}},
			want:   []want{{2, "to_easy", "easy", 60, 3}},
		},
		{
			name: "amber with no hard session today changes nothing", days: swapWeek(), from: date(2026, 3, 4),
			causes:  []Cause{{Code: CauseWellness, Light: "amber"}},
			want:    []want{},
			noteHas: "Nothing in the coming days needs to change",
		},
		{
			// Resting HR 10 bpm up: the hard sessions of the next 3 days
			// (Tuesday's intervals, Thursday's tempo) become easy, and
			// Tuesday a rest day, since neither it nor Wednesday is one;
			// Sunday's long run, the next after them, a quarter shorter.
			name: "red resting HR: three easy days with a rest day", days: workedWeek(true), from: tue,
			causes: []Cause{{Code: CauseRestingHR, Light: "red"}},
			want: []want{
				{2, "to_rest", "rest", 0, 3},
				{4, "to_easy", "easy", 50, 5},
				{7, "shorten", "long", 75, 8},
			},
			ruleHas: "often comes before an illness",
		},
		{
			// Converging signs: three easy days, renewed by each morning
			// they last; today the rest day, Sunday's long run a quarter
			// shorter.
			name: "converging signs: easy days while they last", days: workedWeek(true), from: tue,
			causes: []Cause{{Code: CauseConverging, Light: "red"}, {Code: CauseHRV, Light: "amber"}, {Code: CauseSleep, Light: "amber"}},
			want: []want{
				{2, "to_rest", "rest", 0, 3},
				{4, "to_easy", "easy", 50, 5},
				{7, "shorten", "long", 75, 8},
			},
			ruleHas: "each morning they last renews the easy days",
		},
		{
			// Red flags over the weeks: a cutback week now. Thursday's
			// tempo, the first hard session two days on, stays but 30 %
			// shorter; the intervals (today) and the long run become
			// easy and shorter, the easy runs shorter, today a rest day.
			name: "an overreaching pattern brings the cutback forward", days: workedWeek(true), from: tue,
			causes: []Cause{{Code: CausePattern, Light: "amber"}},
			want: []want{
				{2, "to_rest", "rest", 0, 3},
				{4, "shorten", "tempo", 35, 5},
				{5, "shorten", "easy", 30, 6},
				{6, "shorten", "easy", 35, 7},
				{7, "to_easy", "easy", 70, 8},
			},
			ruleHas: "the next cutback week comes now",
		},
		{
			// A load spike alone: 20 % of 1435 is 287. The easy runs a
			// quarter shorter take 60, the keys a fifth shorter 220: not
			// enough, so a quarter, intensity kept.
			name: "load spike takes volume, easy sessions first", days: workedWeek(true), from: date(2026, 3, 2),
			causes: []Cause{{Code: CauseLoad, Light: "amber"}},
			want: []want{
				{2, "shorten", "intervals", 45, 3},
				{4, "shorten", "tempo", 40, 5},
				{5, "shorten", "easy", 30, 6},
				{6, "shorten", "easy", 35, 7},
				{7, "shorten", "long", 75, 8},
			},
			ruleHas: "the easy sessions first",
		},
		{
			name: "a load spike in a race week leaves the taper alone", days: with(workedWeek(true), 7, race), from: date(2026, 3, 2),
			causes: []Cause{{Code: CauseLoad, Light: "amber"}},
			want:   []want{},
		},
		{
			name: "a fever before a race", days: with(workedWeek(true), 7, race), from: tue,
			causes:  []Cause{{Code: CauseIllnessBelow, Light: "red"}},
			ruleHas: "Saturday's race: after a fever this close to it the advice is not to start",
		},
		{
			name: "an injury before a race", days: with(workedWeek(true), 7, race), from: tue,
			causes:  []Cause{{Code: CauseInjury, Light: "red", Areas: []string{"calves"}}},
			ruleHas: "Saturday's race: the day before, walking and 20 single-leg hops must be pain-free",
		},
		{
			// Keys on consecutive days (the coach's own week): HRV low on
			// Tuesday, intervals; Wednesday's tempo is right after, so no
			// easy day can take the intervals without two keys within
			// 48 h: they become easy, and the tempo stays for Wednesday's
			// check-in to judge.
			name: "keys on consecutive days", from: tue,
			days:   with(workedWeek(true), 4, Upcoming{Kind: "tempo", Sport: "run", Title: "Tempo run", Minutes: 50, RPE: 6, Zone: 3, Key: true}),
			causes: []Cause{{Code: CauseHRV, Light: "amber"}},
			want:   []want{{2, "to_easy", "easy", 60, 3}},
		},
		{
			// A red sign with today a race and tomorrow a done double
			// session: no rest day can be added, and none is invented.
			name: "no day free for rest", from: tue,
			days: []Upcoming{
				{ID: 1, Date: tue, Kind: "race", Sport: "run", Title: "Race", Minutes: 45, RPE: 9, Zone: 5, Key: true},
				{ID: 2, Date: tue.AddDate(0, 0, 1), Kind: "easy", Sport: "run", Title: "Easy run", Minutes: 40, RPE: 3, Zone: 2, Done: true},
				{ID: 3, Date: tue.AddDate(0, 0, 1), Kind: "intervals", Sport: "bike", Title: "Intervals", Minutes: 60, RPE: 8, Zone: 5, Key: true},
				{ID: 4, Date: tue.AddDate(0, 0, 3), Kind: "tempo", Sport: "run", Title: "Tempo run", Minutes: 50, RPE: 6, Zone: 3, Key: true},
			},
			causes:  []Cause{{Code: CauseSleep, Light: "red"}},
			want:    []want{{3, "to_easy", "easy", 60, 4}, {4, "shorten", "tempo", 40, 6}},
			ruleHas: "Tuesday's race stays: start only if the morning readings are back to normal",
		},
		{
			// Only recovery and rest: the fever makes the recovery run
			// rest too; the rest day stays.
			name: "only recovery left", from: tue,
			days: []Upcoming{
				{ID: 1, Date: tue, Kind: "recovery", Sport: "run", Minutes: 30, RPE: 2, Zone: 1, Protected: true},
				{ID: 2, Date: tue.AddDate(0, 0, 1), Kind: "rest", Sport: "other", Protected: true},
			},
			causes:  []Cause{{Code: CauseConverging, Light: "red"}, {Code: CauseIllnessBelow, Light: "red"}},
			want:    []want{{1, "to_rest", "rest", 0, 3}},
			noteHas: "Recovery sessions in the days of rest become rest too",
		},
		{
			name: "green and unknown codes ask for nothing", days: workedWeek(true), from: tue,
			causes:  []Cause{{Code: "hrv", Light: "green"}, {Code: "ok", Light: "green"}, {Code: "made_up", Light: "amber"}},
			want:    []want{},
			noteHas: "Nothing in the coming days needs to change",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := RespondInput{Days: tc.days, From: tc.from, Causes: tc.causes, Who: "Sofia"}
			res := Respond(in)
			for _, p := range respondProblems(in, res) {
				t.Error(p)
			}
			got := []want{}
			for _, a := range res.Adjustments {
				got = append(got, want{a.WorkoutID, a.Action, a.After.Kind, a.After.Minutes, a.After.Date.Day()})
			}
			if tc.want != nil && !reflect.DeepEqual(got, tc.want) {
				t.Errorf("adjustments\n got %+v\nwant %+v", got, tc.want)
			}
			if rules := strings.Join(res.Rules, " | "); !strings.Contains(rules, tc.ruleHas) {
				t.Errorf("rules %q lack %q", rules, tc.ruleHas)
			}
			if !strings.Contains(res.Note, tc.noteHas) {
				t.Errorf("note %q lacks %q", res.Note, tc.noteHas)
			}
		})
	}
}

// A brick's run off the bike goes with a leg injury: the ride stays, its
// text without the run.
func TestRespondBrickLosesItsRun(t *testing.T) {
	s, ok := sampleStructures["bike long"]
	if !ok || s.Brick == 0 {
		t.Skip("the sample plan has no brick")
	}
	ride := Upcoming{ID: 1, Date: date(2026, 3, 7), Kind: "long", Sport: "bike", Minutes: 150, RPE: 4, Zone: 2, Key: true, Structure: &s}
	ride = Retext(ride, ride, "")
	if !strings.Contains(strings.ToLower(ride.Description), "run") {
		t.Fatalf("the brick's description does not mention its run: %q", ride.Description)
	}
	res := Respond(RespondInput{Days: []Upcoming{ride}, From: date(2026, 3, 3), Causes: []Cause{{Code: CauseInjury, Light: "red", Areas: []string{"calves"}}}})
	if len(res.Adjustments) != 1 {
		t.Fatalf("adjustments %+v", res.Adjustments)
	}
	a := res.Adjustments[0].After
	if a.Sport != "bike" || a.Minutes != 150 || a.Structure == nil || a.Structure.Brick != 0 || !strings.Contains(res.Adjustments[0].Why, "loses its run off the bike") {
		t.Errorf("after: %+v, why %q", a, res.Adjustments[0].Why)
	}
}

// respondProblems lists the ways res breaks Respond's rules for in.
func respondProblems(in RespondInput, res Response) []string {
	var problems []string
	add := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
	from := Day(in.From)
	given := map[int64]Upcoming{}
	var races []time.Time
	for _, w := range in.Days {
		given[w.ID] = w
		if w.Kind == "race" {
			races = append(races, Day(w.Date))
		}
	}
	has := func(codes ...string) bool {
		return slices.ContainsFunc(in.Causes, func(c Cause) bool {
			return slices.Contains(codes, c.Code) && (c.Light == "red" || c.Light == "amber")
		})
	}
	red := has(CauseConverging) || slices.ContainsFunc(in.Causes, func(c Cause) bool {
		return c.Light == "red" && slices.Contains([]string{CauseSleep, CauseHRV, CauseRestingHR, CauseWellness, CauseItemLow, CauseLoad, CauseMissedRecovery}, c.Code)
	})
	after := maps.Clone(given)
	seen := map[int64]bool{}
	for _, a := range res.Adjustments {
		w, ok := given[a.WorkoutID]
		if !ok || fmt.Sprint(a.Before) != fmt.Sprint(w) || seen[w.ID] {
			add("%d: not a workout given, or adjusted twice", a.WorkoutID)
			continue
		}
		seen[w.ID] = true
		after[w.ID] = a.After
		at := fmt.Sprintf("%d (%s %s %s, %s)", w.ID, w.Date.Format(time.DateOnly), w.Sport, w.Kind, a.Action)
		d, to := Day(w.Date), Day(a.After.Date)
		k := int(d.Sub(from) / day)
		toRest := a.Action == "to_rest" && a.After.Kind == "rest" && a.After.Minutes == 0 && to.Equal(d)
		switch {
		case w.Done:
			add("%s: a done workout changed", at)
		case d.Before(from):
			add("%s: a workout before From changed", at)
		case w.Kind == "race" || w.Kind == "rest":
			add("%s: a race or a rest day changed", at)
		case !protectedWorkout(w):
		case toRest && k < 2 && (has(CauseIllnessBelow, CauseIllness, CausePattern) || red):
			// Rest in place of recovery, on a day of illness or the rest
			// day of a red sign: more recovery, not less.
		case a.Action != "to_cross" || !has(CauseInjury) || a.After.Kind != w.Kind || !to.Equal(d) ||
			a.After.Minutes != w.Minutes || sessionRPE(a.After) > sessionRPE(w) || a.After.Zone > w.Zone:
			add("%s: recovery touched: %+v", at, a.After)
		}
		if a.After.Minutes > max(w.Minutes, 0) || sessionRPE(a.After) > sessionRPE(w)+1e-9 || a.After.Zone > w.Zone || a.After.Kind == "race" {
			add("%s: harder: %d min RPE %g Z%d → %d min RPE %g Z%d", at, w.Minutes, sessionRPE(w), w.Zone, a.After.Minutes, sessionRPE(a.After), a.After.Zone)
		}
		if !keyWorkout(w) && keyWorkout(a.After) {
			add("%s: became a key workout", at)
		}
		if !to.Equal(d) {
			lo, hi := d, to
			if to.Before(d) {
				lo, hi = to, d
			}
			if lo.Before(from) {
				add("%s: moved before From", at)
			}
			for _, r := range races {
				if !r.Before(lo) && !r.After(hi) {
					add("%s: moved across the race of %s", at, r.Format(time.DateOnly))
				}
			}
		}
		if a.Why == "" || a.After.Title == "" {
			add("%s: no why, or no title", at)
		}
	}
	// A key moved keeps 48 h from every other key and race.
	for _, a := range res.Adjustments {
		if !keyWorkout(a.After) || Day(a.After.Date).Equal(Day(a.Before.Date)) {
			continue
		}
		for id, o := range after {
			if id != a.WorkoutID && keyWorkout(o) {
				if gap := Day(o.Date).Sub(Day(a.After.Date)); gap > -2*day && gap < 2*day {
					add("%d: moved within 48 h of key %d", a.WorkoutID, id)
				}
			}
		}
	}
	if keysApart(slices.Collect(maps.Values(given))) && !keysApart(slices.Collect(maps.Values(after))) {
		add("two key workouts within 48 h after the changes")
	}
	// What each rule promises.
	for id, w := range given {
		a, k := after[id], int(Day(w.Date).Sub(from)/day)
		counts := !w.Done && k >= 0 && w.Kind != "race"
		switch {
		case !counts:
		case has(CauseIllnessBelow, CauseIllness) && k < illRestDays && sessionLoad(a) > 0:
			add("%d: trains on day %d of an illness below the neck", id, k)
		case has(CauseIllnessBelow, CauseIllness, CauseIllnessAbove, CauseIllnessRecent) && k < coldDays && keyWorkout(a) && !protectedWorkout(w):
			add("%d: a key workout on day %d of an illness", id, k)
		case has(CauseConverging) && !has(CauseIllnessBelow, CauseIllness) && k < overloadDays && keyWorkout(a) && !protectedWorkout(w):
			add("%d: a key workout on day %d of converging signs", id, k)
		}
		if counts && w.Sport == training.SportRun && a.Sport == training.SportRun && w.Kind != "rest" && slices.ContainsFunc(in.Causes, func(c Cause) bool {
			return c.Code == CauseInjury && c.Light != "green" && (len(c.Areas) == 0 || slices.Contains(c.Areas, "knees"))
		}) {
			add("%d: still running with an injured knee", id)
		}
	}
	// A cutback brought forward leaves at most one hard session in the
	// week, shorter than it was (a race week's taper is the cutback).
	raceWeek := slices.ContainsFunc(races, func(r time.Time) bool { return !r.Before(from) && r.Before(from.AddDate(0, 0, weekDays)) })
	if has(CausePattern) && !has(CauseIllnessBelow, CauseIllness) && !raceWeek {
		hard := 0
		for id, w := range given {
			a, k := after[id], int(Day(w.Date).Sub(from)/day)
			if !w.Done && k >= 0 && k < weekDays && keyWorkout(a) && a.Kind != "race" && !protectedWorkout(w) {
				hard++
				if a.Minutes >= w.Minutes && cutMinutes(w.Minutes, cutbackCut) > 0 {
					add("%d: the hard session kept in a cutback week is not shorter", id)
				}
			}
		}
		if hard > 1 {
			add("%d hard sessions left in a cutback week brought forward", hard)
		}
	}
	var loadBefore, loadAfter float64
	for id, w := range given {
		if !w.Done && !Day(w.Date).Before(from) {
			loadBefore += sessionLoad(w)
			loadAfter += sessionLoad(after[id])
		}
	}
	if math.Abs(loadBefore-res.LoadBefore) > 1e-6 || math.Abs(loadAfter-res.LoadAfter) > 1e-6 {
		add("load %g → %g, but the workouts give %g → %g", res.LoadBefore, res.LoadAfter, loadBefore, loadAfter)
	}
	if res.Note == "" {
		add("no note")
	}
	if len(res.Adjustments) > 0 && len(res.Rules) == 0 {
		add("changes without a rule")
	}
	return problems
}

// randomCauses is one to three reasons, as a check-in gives them.
func randomCauses(r *rand.Rand) []Cause {
	codes := []string{CauseIllnessAbove, CauseIllnessBelow, CauseIllness, CauseIllnessRecent, CauseInjury, CauseSleep, CauseHRV,
		CauseRestingHR, CauseWellness, CauseItemLow, CauseLoad, CauseMissedRecovery, CauseConverging, CausePattern}
	lights := []string{"amber", "red", "amber", "green"}
	var cs []Cause
	for range 1 + r.Intn(3) {
		c := Cause{Code: codes[r.Intn(len(codes))], Light: lights[r.Intn(len(lights))]}
		if c.Code == CauseInjury {
			c.Areas = [][]string{nil, {"knees"}, {"shoulders"}, {"feet", "arms"}}[r.Intn(4)]
		}
		cs = append(cs, c)
	}
	return cs
}

// respondProperties is how many random weeks × reasons the property test
// checks.
const respondProperties = 10000

func TestRespondProperties(t *testing.T) {
	r := rand.New(rand.NewSource(20261205))
	failures, actions := 0, map[string]int{}
	for range respondProperties {
		days, from := randomDays(r)
		in := RespondInput{Days: days, From: from, Causes: randomCauses(r), Who: "Sam"}
		res := Respond(in)
		problems := respondProblems(in, res)
		shuffled := in
		shuffled.Days = slices.Clone(in.Days)
		r.Shuffle(len(shuffled.Days), func(i, j int) { shuffled.Days[i], shuffled.Days[j] = shuffled.Days[j], shuffled.Days[i] })
		if other := Respond(shuffled); !reflect.DeepEqual(other, res) {
			problems = append(problems, "another order of the days gives another response")
		}
		if len(problems) > 0 {
			t.Errorf("%s\ncauses: %+v\ninput: %+v\nresponse: %+v", strings.Join(problems, "\n"), in.Causes, in.Days, res)
			if failures++; failures == 3 {
				return
			}
		}
		for _, a := range res.Adjustments {
			actions[a.Action]++
		}
	}
	t.Logf("%d random weeks: adjustments %v", respondProperties, actions)
}

// FuzzRespond: whatever the minutes, RPE and day, Respond never panics and
// keeps its rules.
func FuzzRespond(f *testing.F) {
	f.Add(60, 8.0, 100, 4.0, uint8(0), int8(1), uint16(0x0fff))
	f.Add(0, 0.0, 0, 0.0, uint8(0xff), int8(3), uint16(1))
	f.Add(-30, -1.0, 1<<40, 11.0, uint8(0x12), int8(-2), uint16(0x1234))
	f.Add(90, math.NaN(), 180, math.Inf(1), uint8(0x40), int8(9), uint16(0xffff))
	f.Fuzz(func(t *testing.T, minutes int, rpe float64, longMinutes int, longRPE float64, done uint8, from int8, causes uint16) {
		days := workedWeek(true)
		days[1].Minutes, days[1].RPE = minutes, rpe
		days[5].Minutes, days[5].RPE = longMinutes, longRPE
		days[3].Minutes = minutes / 2
		for i := range days {
			days[i].Done = done&(1<<i) != 0
		}
		codes := []string{CauseIllnessAbove, CauseIllnessBelow, CauseIllness, CauseIllnessRecent, CauseInjury, CauseSleep, CauseHRV,
			CauseRestingHR, CauseWellness, CauseItemLow, CauseLoad, CauseMissedRecovery, CauseConverging}
		var cs []Cause
		for i, c := range codes {
			if causes&(1<<i) != 0 {
				cs = append(cs, Cause{Code: c, Light: []string{"amber", "red"}[i%2], Areas: []string{"knees"}})
			}
		}
		in := RespondInput{Days: days, From: date(2026, 3, 2).AddDate(0, 0, int(from)%10), Causes: cs}
		for _, p := range respondProblems(in, Respond(in)) {
			t.Error(p)
		}
	})
}

// The guide's table of reasons and responses names every code Respond
// answers, so a coach reading it reads what the engine does.
func TestGuideNamesEveryReason(t *testing.T) {
	b, err := os.ReadFile("../../docs/GUIDE.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, code := range []string{CauseIllnessAbove, CauseIllnessBelow, CauseIllness, CauseIllnessRecent, CauseInjury, CauseSleep, CauseHRV,
		CauseRestingHR, CauseWellness, CauseItemLow, CauseLoad, CauseMissedRecovery, CauseConverging, CausePattern} {
		if !strings.Contains(string(b), "`"+code+"`") {
			t.Errorf("docs/GUIDE.md's reason → response table lacks `%s`", code)
		}
	}
}

func BenchmarkRespondWeek(b *testing.B) {
	in := RespondInput{Days: workedWeek(true), From: date(2026, 3, 3), Who: "Sofia",
		Causes: []Cause{{Code: CauseConverging, Light: "red"}, {Code: CauseLoad, Light: "amber"}, {Code: CauseInjury, Light: "red", Areas: []string{"knees"}}}}
	for b.Loop() {
		Respond(in)
	}
}
