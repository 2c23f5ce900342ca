package plan

import (
	"fmt"
	"maps"
	"math/rand"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

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
	withRace := func(days []Upcoming, d int) []Upcoming {
		days = slices.Clone(days)
		for i, w := range days {
			if w.Date.Day() == d {
				days[i] = Upcoming{ID: w.ID, Date: w.Date, Kind: "race", Sport: "run", Title: "Race", Minutes: 45, RPE: 9, Zone: 5, Key: true}
			}
		}
		return days
	}
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
			// Fever on Tuesday: Tuesday and Wednesday without training
			// (Wednesday's recovery stays for after), Thursday's tempo
			// easy and shorter, Friday's easy run as it is, Sunday's long
			// run (day 5) left for the next check-in to judge.
			name: "illness below the neck", days: lightenWeek(true), from: tue,
			causes: []Cause{{Code: CauseIllnessBelow, Light: "red"}},
			want: []want{
				{2, "to_rest", "rest", 0, 3},
				{4, "to_easy", "easy", 35, 5},
			},
			ruleHas: "no training until symptom-free",
			noteHas: "Rest instead: Tuesday's intervals.",
		},
		{
			name: "older illness code reads as below the neck", days: lightenWeek(true), from: tue,
			causes: []Cause{{Code: CauseIllness, Light: "red"}},
			want: []want{
				{2, "to_rest", "rest", 0, 3},
				{4, "to_easy", "easy", 35, 5},
			},
		},
		{
			// A cold: 72 h easy and shorter. Tuesday's intervals and
			// Thursday's tempo become easy and 30 % shorter, in whole
			// 5-minute blocks (60 − 15, 50 − 15); nothing else falls in
			// the three days but Wednesday's recovery.
			name: "illness above the neck", days: lightenWeek(true), from: tue,
			causes: []Cause{{Code: CauseIllnessAbove, Light: "red"}},
			want: []want{
				{2, "to_easy", "easy", 45, 3},
				{4, "to_easy", "easy", 35, 5},
			},
			ruleHas: "easy only and shorter for 72 h",
		},
		{
			// Sore knee: every run off its feet for the week, at the same
			// length; the recovery runs stay recovery, on the bike or in
			// the pool.
			name: "injury to the knees", days: lightenWeek(true), from: tue,
			causes: []Cause{{Code: CauseInjury, Light: "red", Areas: []string{"knees"}}},
			want: []want{
				{2, "to_cross", "cross_training", 60, 3},
				{3, "to_cross", "recovery", 30, 4},
				{4, "to_cross", "cross_training", 50, 5},
				{5, "to_cross", "cross_training", 40, 6},
				{6, "to_cross", "cross_training", 45, 7},
				{7, "to_cross", "cross_training", 100, 8},
			},
			ruleHas: "no impact on the knees",
		},
		{
			name: "injury to the shoulders spares the running", days: lightenWeek(true), from: tue,
			causes: []Cause{{Code: CauseInjury, Light: "red", Areas: []string{"shoulders"}}},
		},
		{
			// HRV below range with intervals today: Thursday's easy run
			// has recovery before it, rest after it and the long run 48 h
			// on, so the two change places.
			name: "HRV amber swaps today's key with the next easy day", days: swapWeek(), from: tue,
			causes: []Cause{{Code: CauseHRV, Light: "amber"}},
			want: []want{
				{2, "move", "intervals", 60, 5},
				{4, "move", "easy", 50, 3},
			},
			ruleHas: "changes places with the next easy day",
			noteHas: "Load of the coming days unchanged",
		},
		{
			// In the worked week no later day has room (tempo Thursday,
			// long run Sunday): the intervals become an easy run of the
			// same length.
			name: "short night with no room to swap: easy, same length", days: lightenWeek(true), from: tue,
			causes: []Cause{{Code: CauseSleep, Light: "amber"}},
			want:   []want{{2, "to_easy", "easy", 60, 3}},
		},
		{
			// The race on Thursday: Friday's easy day lies past it, so the
			// intervals do not move there.
			name: "never past a race", days: withRace(swapWeek(), 5), from: tue,
			causes: []Cause{{Code: CauseRestingHR, Light: "amber"}},
			want:   []want{{2, "to_easy", "easy", 60, 3}},
		},
		{
			name: "amber with no hard session today changes nothing", days: swapWeek(), from: date(2026, 3, 4),
			causes:  []Cause{{Code: CauseWellness, Light: "amber"}},
			noteHas: "Nothing in the coming days needs to change",
		},
		{
			// Resting HR 10 bpm up: the keys of the next 3 days (Tuesday's
			// intervals, Thursday's tempo) become easy. Monday's rest is
			// before the check-in and Wednesday holds a recovery run, so
			// the three days have no rest: the check-in's own day becomes
			// one, its recovery run Wednesday still to come.
			name: "red resting HR: three easy days with a rest day", days: lightenWeek(true), from: tue,
			causes: []Cause{{Code: CauseRestingHR, Light: "red"}},
			want: []want{
				{2, "to_rest", "rest", 0, 3},
				{4, "to_easy", "easy", 50, 5},
			},
			ruleHas: "next 3 days",
		},
		{
			// Converging signs: seven days. Every key easy, the long run
			// 30 % shorter, today the rest day.
			name: "converging signs: a week of easy days", days: lightenWeek(true), from: tue,
			causes: []Cause{{Code: CauseConverging, Light: "red"}, {Code: CauseHRV, Light: "amber"}, {Code: CauseSleep, Light: "amber"}},
			want: []want{
				{2, "to_rest", "rest", 0, 3},
				{4, "to_easy", "easy", 50, 5},
				{7, "to_easy", "easy", 70, 8},
			},
			ruleHas: "every hard session of the next 7 days becomes easy",
		},
		{
			// A load spike alone: Lighten's −20 % (of 1495), the keys 30 %
			// shorter in 5-minute blocks, their intensity kept.
			name: "load spike takes volume, not intensity", days: lightenWeek(true), from: date(2026, 3, 2),
			causes: []Cause{{Code: CauseLoad, Light: "amber"}},
			want: []want{
				{2, "shorten", "intervals", 45, 3},
				{4, "shorten", "tempo", 35, 5},
				{7, "shorten", "long", 70, 8},
			},
			ruleHas: "about 20 % less volume",
		},
		{
			name: "only recovery left", from: tue,
			days: []Upcoming{
				{ID: 1, Date: tue, Kind: "recovery", Sport: "run", Minutes: 30, RPE: 2, Zone: 1, Protected: true},
				{ID: 2, Date: tue.AddDate(0, 0, 1), Kind: "rest", Sport: "other", Protected: true},
			},
			causes:  []Cause{{Code: CauseConverging, Light: "red"}, {Code: CauseIllnessBelow, Light: "red"}},
			noteHas: "Nothing in the coming days needs to change",
		},
		{
			name: "green and unknown codes ask for nothing", days: lightenWeek(true), from: tue,
			causes:  []Cause{{Code: "hrv", Light: "green"}, {Code: "ok", Light: "green"}, {Code: "made_up", Light: "amber"}},
			noteHas: "Nothing in the coming days needs to change",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := RespondInput{Days: tc.days, From: tc.from, Causes: tc.causes, Who: "Sofia"}
			res := Respond(in)
			for _, p := range respondProblems(in, res) {
				t.Error(p)
			}
			var got []want
			for _, a := range res.Adjustments {
				if tc.name == "injury to the shoulders spares the running" {
					t.Errorf("a run changed for a shoulder injury: %+v", a)
				}
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
		switch {
		case w.Done:
			add("%s: a done workout changed", at)
		case d.Before(from):
			add("%s: a workout before From changed", at)
		case w.Kind == "race":
			add("%s: a race changed", at)
		case protectedWorkout(w) && (a.Action != "to_cross" || !has(CauseInjury) || a.After.Kind != w.Kind || !to.Equal(d) ||
			a.After.Minutes != w.Minutes || sessionRPE(a.After) > sessionRPE(w) || a.After.Zone > w.Zone):
			add("%s: recovery touched: %+v", at, a.After)
		}
		if a.After.Minutes > w.Minutes || sessionRPE(a.After) > sessionRPE(w)+1e-9 || a.After.Zone > w.Zone || a.After.Kind == "race" {
			add("%s: harder: %d min RPE %g Z%d → %d min RPE %g Z%d", at, w.Minutes, sessionRPE(w), w.Zone, a.After.Minutes, sessionRPE(a.After), a.After.Zone)
		}
		if !keyWorkout(w) && keyWorkout(a.After) {
			add("%s: became a key workout", at)
		}
		if !to.Equal(d) {
			if to.Before(from) {
				add("%s: moved before From", at)
			}
			lo, hi := d, to
			if to.Before(d) {
				lo, hi = to, d
			}
			for _, r := range races {
				if !r.Before(lo) && !r.After(hi) {
					add("%s: moved across the race of %s", at, r.Format(time.DateOnly))
				}
			}
		}
		if a.Why == "" {
			add("%s: no why", at)
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
		open := !w.Done && k >= 0 && !protectedWorkout(w) && w.Kind != "race"
		switch {
		case !open:
		case has(CauseIllnessBelow, CauseIllness) && k < illRestDays && sessionLoad(a) > 0:
			add("%d: trains on day %d of an illness below the neck", id, k)
		case has(CauseIllnessBelow, CauseIllness, CauseIllnessAbove) && k < coldDays && keyWorkout(a):
			add("%d: a key workout on day %d of an illness", id, k)
		case has(CauseConverging) && k < convergingDays && keyWorkout(a):
			add("%d: a key workout on day %d of converging signs", id, k)
		}
		if has(CauseInjury) && a.Sport == sportRun && w.Sport == sportRun && !w.Done && k >= 0 && w.Kind != "race" && w.Kind != "rest" &&
			slices.ContainsFunc(in.Causes, func(c Cause) bool {
				return c.Code == CauseInjury && c.Light != "green" && (len(c.Areas) == 0 || slices.Contains(c.Areas, "knees"))
			}) {
			add("%d: still running with an injured knee", id)
		}
	}
	var loadBefore, loadAfter float64
	for id, w := range given {
		if !w.Done && !Day(w.Date).Before(from) {
			loadBefore += sessionLoad(w)
			loadAfter += sessionLoad(after[id])
		}
	}
	if d := loadBefore - res.LoadBefore; d*d > 1e-6 || (loadAfter-res.LoadAfter)*(loadAfter-res.LoadAfter) > 1e-6 {
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
	codes := []string{CauseIllnessAbove, CauseIllnessBelow, CauseIllness, CauseInjury, CauseSleep, CauseHRV, CauseRestingHR,
		CauseWellness, CauseItemLow, CauseLoad, CauseMissedRecovery, CauseConverging}
	lights := []string{"amber", "red", "amber", "green"}
	var cs []Cause
	for range 1 + r.Intn(3) {
		c := Cause{Code: codes[r.Intn(len(codes))], Light: lights[r.Intn(len(lights))]}
		if c.Code == CauseInjury {
			c.Areas = [][]string{nil, {"knees"}, {"shoulders"}, {"feet", "arms"}}[r.Intn(4)]
			if len(c.Areas) == 0 || slices.Contains(c.Areas, "feet") {
				c.Areas = append(c.Areas, "knees") // the property checks the knees
			}
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
		li := randomLightenInput(r)
		in := RespondInput{Days: li.Days, From: li.From, Causes: randomCauses(r), Who: "Sam"}
		res := Respond(in)
		problems := respondProblems(in, res)
		shuffled := in
		shuffled.Days = slices.Clone(in.Days)
		r.Shuffle(len(shuffled.Days), func(i, j int) { shuffled.Days[i], shuffled.Days[j] = shuffled.Days[j], shuffled.Days[i] })
		if other := Respond(shuffled); fmt.Sprint(other) != fmt.Sprint(res) {
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

func BenchmarkRespondWeek(b *testing.B) {
	in := RespondInput{Days: lightenWeek(true), From: date(2026, 3, 3), Who: "Sofia",
		Causes: []Cause{{Code: CauseConverging, Light: "red"}, {Code: CauseLoad, Light: "amber"}, {Code: CauseInjury, Light: "red", Areas: []string{"knees"}}}}
	for b.Loop() {
		Respond(in)
	}
}

// The README's table of reasons and responses names every code Respond
// answers, so a coach reading it reads what the engine does.
func TestReadmeNamesEveryReason(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, code := range []string{CauseIllnessAbove, CauseIllnessBelow, CauseIllness, CauseInjury, CauseSleep, CauseHRV,
		CauseRestingHR, CauseWellness, CauseItemLow, CauseLoad, CauseMissedRecovery, CauseConverging} {
		if !strings.Contains(string(b), "`"+code+"`") {
			t.Errorf("README's reason → response table lacks `%s`", code)
		}
	}
}
