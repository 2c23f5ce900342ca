package coaching

import (
	"context"
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"rebound/internal/auth"
	"rebound/internal/pgtest"
	"rebound/internal/store"
	"rebound/internal/training"
	"rebound/internal/zones"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// today is the day every test judges.
var today = day(2026, 3, 2)

// steadyMonth is 30 ordinary check-ins before today.
func steadyMonth() []training.CheckIn {
	var list []training.CheckIn
	for k := 30; k >= 1; k-- {
		list = append(list, training.CheckIn{Day: today.AddDate(0, 0, -k), Answered: true, SleepHours: 8, SleepQuality: 4,
			Fatigue: 4, Soreness: 4, Stress: 4, Mood: 4, Motivation: 4, RestingHR: 50 + k%2, HRV: 60 + float64(k%3),
			Score: 95, Light: "green"})
	}
	return list
}

func fine(d time.Time) training.CheckIn {
	return training.CheckIn{Day: d, Answered: true, SleepHours: 8, SleepQuality: 4, Fatigue: 4, Soreness: 4, Stress: 4, Mood: 4,
		Motivation: 4, RestingHR: 50, HRV: 61}
}

func codes(c training.CheckIn) []string {
	var out []string
	for _, r := range c.Reasons {
		out = append(out, r.Code)
	}
	return out
}

func TestVerdict(t *testing.T) {
	if c := Verdict(fine(today), steadyMonth(), 0, "", nil); c.Light != "green" || c.Score < 80 || len(c.Reasons) != 1 || c.Reasons[0].Code != "ok" {
		t.Errorf("an ordinary day: %s %d %v", c.Light, c.Score, c.Reasons)
	}
	up := fine(today)
	up.RestingHR = 62
	if c := Verdict(up, steadyMonth(), 0, "", nil); c.Light != "red" || c.Reasons[0].Code != "resting_hr" {
		t.Errorf("resting HR 12 bpm up: %s %v", c.Light, c.Reasons)
	}
	if c := Verdict(fine(today), steadyMonth(), 1.62, "", nil); c.Light != "amber" || c.Reasons[0].Code != "load" {
		t.Errorf("a load ratio of 1.62: %s %v", c.Light, c.Reasons)
	}
}

// A day a wearable import filled without sleep is not a sleepless night
// in the sleep baseline.
func TestVerdictImportWithoutSleep(t *testing.T) {
	history := steadyMonth()
	for i := range history[len(history)-10:] { // the last ten days: imports, no answers, no sleep
		history[len(history)-10+i] = training.CheckIn{Day: history[len(history)-10+i].Day, RestingHR: 50}
	}
	c := fine(today)
	c.SleepHours = 6.5 // 1 h 30 under the usual 8 h
	if got := Verdict(c, history, 0, "", nil); !strings.Contains(strings.Join(codes(got), ","), "sleep") {
		t.Errorf("1 h 30 under the usual sleep is not flagged: %v", got.Reasons)
	}
}

func done(d time.Time, minutes int, rpe float64) training.Workout {
	return training.Workout{Day: d, Status: "done", Planned: true, Prescription: training.Prescription{Sport: "run", Kind: "easy", Title: "Easy run",
		PlannedDurationS: minutes * 60}, Log: training.Log{Status: "done", DurationS: minutes * 60, RPE: rpe}}
}

func TestACWR(t *testing.T) {
	var steady []training.Workout
	for k := 40; k >= 1; k-- {
		steady = append(steady, done(today.AddDate(0, 0, -k), 45, 4))
	}
	if r := ACWROn(steady, today.AddDate(0, 0, -15)); r != 0 {
		t.Errorf("with 25 days of history the ratio is %v, want 0 (unknown)", r)
	}
	if r := ACWROn(steady, today.AddDate(0, 0, -1)); math.Abs(r-1) > 1e-9 {
		t.Errorf("a steady load gives %v, want 1", r)
	}
	spike := append([]training.Workout{}, steady...)
	for k := 5; k >= 1; k-- {
		spike = append(spike, done(today.AddDate(0, 0, -k), 90, 7))
	}
	// Planned, skipped and later workouts do not count.
	spike = append(spike, training.Workout{Day: today.AddDate(0, 0, -1), Status: "skipped"},
		training.Workout{Day: today.AddDate(0, 0, -2), Status: "planned", Prescription: training.Prescription{PlannedDurationS: 3600}},
		done(today.AddDate(0, 0, 1), 300, 10))
	r := ACWROn(spike, today)
	if r < 1.3 {
		t.Errorf("five hard days give %v, want above 1.3", r)
	}
	if byDay := ACWRByDay(spike, today); byDay(today) != r || byDay(today.AddDate(0, 0, -20)) != ACWROn(spike, today.AddDate(0, 0, -20)) {
		t.Error("ACWRByDay and ACWROn disagree")
	}
}

// JudgeWith reads the same days as Judge: check-ins of the BaselineDays
// before, every workout up to the day before (today's training comes
// after the check-in), and the recovery done the day before.
func TestJudgeWithReadsJudgesWindows(t *testing.T) {
	history := steadyMonth()
	old := fine(today.AddDate(0, 0, -BaselineDays-1))
	old.RestingHR = 90 // outside the window: must not count
	history = append(history, old, fine(today.AddDate(0, 0, 1)))
	var workouts []training.Workout
	for k := 100; k >= 1; k-- {
		workouts = append(workouts, done(today.AddDate(0, 0, -k), 30+k%40, 5))
	}
	workouts = append(workouts, recovery(today.AddDate(0, 0, -1), 6, 0),
		done(today, 300, 10), done(today.AddDate(0, 0, 1), 300, 10)) // today and tomorrow: not read
	c := fine(today)
	var inWindow []training.CheckIn
	for _, h := range history {
		if !h.Day.Before(today.AddDate(0, 0, -BaselineDays)) && h.Day.Before(today) {
			inWindow = append(inWindow, h)
		}
	}
	want := Verdict(c, inWindow, ACWROn(workouts[:101], today.AddDate(0, 0, -1)), "Recovery done too hard yesterday: Recovery jog at RPE 6", workouts)
	if got := JudgeWith(c, history, workouts, 0); !reflect.DeepEqual(got, want) {
		t.Errorf("JudgeWith %s %d %v, want %s %d %v", got.Light, got.Score, got.Reasons, want.Light, want.Score, want.Reasons)
	}
}

// recovery is a recovery workout done on day d at the RPE and average HR.
func recovery(d time.Time, rpe float64, avgHR int) training.Workout {
	w := done(d, 30, rpe)
	w.Kind, w.Title, w.Protected, w.Log.AvgHR = "recovery", "Recovery jog", true, avgHR
	return w
}

// Recovery is too hard as load.RecoveryTooHard says (RPE above 3, or an
// average HR above the zone 2 ceiling when both are known), and only the
// day before the check-in's counts.
func TestMissedRecovery(t *testing.T) {
	yesterday := today.AddDate(0, 0, -1)
	protectedEasy := done(yesterday, 40, 4)
	protectedEasy.Protected, protectedEasy.Title = true, "Easy spin"
	skipped := recovery(yesterday, 0, 0)
	skipped.Status, skipped.Log = "skipped", training.Log{Status: "skipped"}
	for _, c := range []struct {
		name     string
		workouts []training.Workout
		zone2    int
		want     string
	}{
		{"RPE 6", []training.Workout{recovery(yesterday, 6, 0)}, 145, "Recovery done too hard yesterday: Recovery jog at RPE 6"},
		{"RPE 3 is easy", []training.Workout{recovery(yesterday, 3, 0)}, 145, ""},
		{"RPE 3.5", []training.Workout{recovery(yesterday, 3.5, 0)}, 0, "Recovery done too hard yesterday: Recovery jog at RPE 3.5"},
		{"an easy RPE above zone 2", []training.Workout{recovery(yesterday, 2, 152)}, 145,
			"Recovery done too hard yesterday: Recovery jog at RPE 2, 152 bpm average (zone 2 ends at 145)"},
		{"at the zone 2 ceiling", []training.Workout{recovery(yesterday, 2, 145)}, 145, ""},
		{"heart rate without a ceiling", []training.Workout{recovery(yesterday, 2, 170)}, 0, ""},
		{"a protected workout of another kind", []training.Workout{protectedEasy}, 0, "Recovery done too hard yesterday: Easy spin at RPE 4"},
		{"an easy run is not recovery", []training.Workout{done(yesterday, 40, 7)}, 0, ""},
		{"skipped", []training.Workout{skipped}, 0, ""},
		{"two days ago and today do not count",
			[]training.Workout{recovery(today.AddDate(0, 0, -2), 6, 0), recovery(today, 6, 0)}, 0, ""},
		{"two at once", []training.Workout{recovery(yesterday, 5, 0), protectedEasy}, 0,
			"Recovery done too hard yesterday: Recovery jog at RPE 5; Easy spin at RPE 4"},
	} {
		if got := MissedRecovery(c.workouts, today, c.zone2); got != c.want {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
}

// week is Monday 2 March to Sunday 8 March: a key workout on Tuesday,
// a protected recovery run on Wednesday, a long run on Sunday.
func week() []training.Workout {
	w := func(id int64, d int, kind string, minutes int, rpe float64, key, protected bool) training.Workout {
		return training.Workout{ID: id, Day: day(2026, 3, d), Status: "planned", Planned: true, Key: key, Protected: protected,
			Prescription: training.Prescription{Sport: "run", Kind: kind, Title: kind, PlannedDurationS: minutes * 60, TargetRPE: rpe}}
	}
	return []training.Workout{
		w(1, 2, "rest", 0, 0, false, false),
		w(2, 3, "intervals", 60, 8, true, false),
		w(3, 4, "recovery", 30, 2, false, true),
		w(4, 5, "easy", 40, 3, false, false),
		w(5, 8, "long", 100, 4, true, false),
		w(6, 20, "intervals", 60, 8, true, false), // beyond the six days: not read
	}
}

func TestProposalFor(t *testing.T) {
	tue := today.AddDate(0, 0, 1)
	c := training.CheckIn{AthleteID: 7, Day: tue, Light: "amber", Reasons: []training.Reason{{Light: "amber", Code: "sleep", Text: "Slept 5 h (under 6 h)"}}}
	p, ok := ProposalFor(c, "Sofia Marín", week())
	// Thursday's easy run has recovery before it and nothing after it:
	// the intervals go there, the easy run comes to Tuesday.
	if !ok || len(p.Adjustments) != 2 || p.Adjustments[0].WorkoutID != 2 || p.Adjustments[0].After.Date.Day() != 5 ||
		p.Adjustments[1].WorkoutID != 4 || p.Adjustments[1].After.Date.Day() != 3 {
		t.Fatalf("a short night before intervals: %+v", p.Adjustments)
	}
	if p.Reason != "Amber check-in: Slept 5 h (under 6 h)" || p.AthleteID != 7 || !p.CheckInDay.Equal(tue) || p.Light != "amber" ||
		len(p.Rules) != 1 || !strings.Contains(p.Rules[0], "today's hard session") {
		t.Errorf("proposal %+v", p)
	}
	c.Day = today // a rest day: nothing hard to change
	if _, ok := ProposalFor(c, "Sofia", week()); ok {
		t.Error("an amber rest day proposes")
	}
	c.Day, c.Light = tue, "green"
	if _, ok := ProposalFor(c, "Sofia", week()); ok {
		t.Error("a green day proposes")
	}
	c.Light = "red"
	c.Reasons = []training.Reason{{Light: "red", Code: "resting_hr", Text: "Resting HR 11 bpm above your 28-day baseline (50 bpm)"}}
	if _, ok := ProposalFor(c, "Sofia", []training.Workout{week()[2]}); ok {
		t.Error("a red sign in a week with only a recovery run, after a free day, proposes")
	}
	c.Reasons = []training.Reason{{Light: "red", Code: "illness", Text: "Reported illness"}}
	p, ok = ProposalFor(c, "Sofia Marín", week())
	if !ok || !strings.HasPrefix(p.Rules[0], "Sofia reported illness below the neck") {
		t.Fatalf("illness: %+v", p)
	}
	for _, a := range p.Adjustments {
		switch {
		case a.WorkoutID == 3 && a.After.Kind != "rest": // ill on Wednesday too: its recovery run becomes rest
			t.Errorf("the recovery run becomes %+v", a.After)
		case a.WorkoutID == 1 || a.WorkoutID == 6:
			t.Errorf("the proposal changes workout %d: %+v", a.WorkoutID, a)
		}
	}
}

func TestUpcoming(t *testing.T) {
	list := week()
	list[1].Status = "done"
	up := Upcoming(list)
	if len(up) != len(list) || !up[0].Protected || !up[1].Done || up[2].Done || !up[2].Protected || up[4].Minutes != 100 || !up[4].Key {
		t.Errorf("upcoming %+v", up)
	}
}

// Judge, Propose and Import read and write through the store.
func TestWithTheStore(t *testing.T) {
	ctx := context.Background()
	st, coach, a, maya := withMaya(t)
	for _, c := range steadyMonth() {
		c.AthleteID = a.ID
		if err := st.SaveCheckIn(ctx, maya, c); err != nil {
			t.Fatal(err)
		}
	}
	for _, w := range week()[1:5] {
		if _, err := st.AddWorkout(ctx, coach, a.ID, w.Day, w.Prescription); err != nil {
			t.Fatal(err)
		}
	}

	// Yesterday's recovery jog, run at RPE 5.
	if _, err := st.Pool().Exec(ctx, `INSERT INTO workouts (athlete_id, coach_id, day, sport, kind, title, planned, protected,
			status, actual_duration_s, rpe, logged_at)
		VALUES ($1, $2, $3::date - 1, 'run', 'recovery', 'Recovery jog', true, true, 'done', 1800, 5, now())`, a.ID, coach.ID, today); err != nil {
		t.Fatal(err)
	}

	c := fine(today)
	c.AthleteID, c.RestingHR = a.ID, 63
	judged, err := Judge(ctx, st, maya, c)
	if err != nil {
		t.Fatal(err)
	}
	if judged.Light != "red" || judged.Reasons[0].Code != "resting_hr" || codes(judged)[1] != "missed_recovery" {
		t.Fatalf("judged %s %v", judged.Light, judged.Reasons)
	}
	history, _ := st.CheckIns(ctx, maya, a.ID, today.AddDate(0, 0, -100), today)
	workouts, _ := st.Workouts(ctx, maya, a.ID, today.AddDate(0, 0, -100), today.AddDate(0, 0, 10))
	if again := JudgeWith(c, history, workouts, 0); !reflect.DeepEqual(again, judged) {
		t.Errorf("JudgeWith on the stored data disagrees with Judge")
	}
	if err := Save(ctx, st, maya, judged); err != nil {
		t.Fatal(err)
	}
	p, ok, err := st.PendingProposal(ctx, coach, a.ID)
	if err != nil || !ok || p.Light != "red" || !strings.HasPrefix(p.Reason, "Red check-in: Resting HR") {
		t.Fatalf("pending after a red day: %+v %v %v", p, ok, err)
	}
	green := fine(today)
	green.AthleteID, green.Light = a.ID, "green"
	if err := Propose(ctx, st, maya, green); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := st.PendingProposal(ctx, coach, a.ID); ok {
		t.Error("a green check-in left the proposal pending")
	}

	// An import of a raised resting HR on the three days before: today's
	// verdict changes (the 28-day baseline moves a bpm or two), and keeps
	// yesterday's recovery done too hard.
	var raised []store.Measurement
	for k := 1; k <= 3; k++ {
		raised = append(raised, store.Measurement{Day: today.AddDate(0, 0, -k), RestingHR: 70})
	}
	if err := Import(ctx, st, coach, a.ID, raised, today); err != nil {
		t.Fatal(err)
	}
	list, _ := st.CheckIns(ctx, coach, a.ID, today.AddDate(0, 0, -1), today)
	if len(list) != 2 || list[0].Light != "red" || list[1].Score == judged.Score && reflect.DeepEqual(list[1].Reasons, judged.Reasons) ||
		!slices.Contains(codes(list[1]), "missed_recovery") {
		t.Errorf("after the import: %s %v; today %d %v (was %d %v)", list[0].Light, list[0].Reasons, list[1].Score, list[1].Reasons,
			judged.Score, judged.Reasons)
	}

	// The load ratio a verdict reads is the state the database keeps, and
	// the same as package coaching works out from the workouts themselves.
	if _, err := st.Pool().Exec(ctx, `INSERT INTO workouts (athlete_id, coach_id, day, sport, kind, title, planned, status,
			actual_duration_s, rpe, logged_at)
		SELECT $1, $2, $3::date - i * 2 - i % 3, 'run', 'easy', 'Run', false, 'done', 1800 + i * 97, 3 + i % 6, now()
		FROM generate_series(0, 30) i`, a.ID, coach.ID, today); err != nil {
		t.Fatal(err)
	}
	all, _ := st.Workouts(ctx, maya, a.ID, today.AddDate(-1, 0, 0), today.AddDate(0, 0, 10))
	for _, d := range []time.Time{today.AddDate(0, 0, -40), today.AddDate(0, 0, -3), today, today.AddDate(0, 0, 4)} {
		state, err := st.LoadState(ctx, maya, a.ID, d)
		if err != nil {
			t.Fatal(err)
		}
		want := ACWROn(all, d)
		if got := state.RatioOrZero(); math.Abs(got-want) > 1e-9 || d.Equal(today) && got == 0 {
			t.Errorf("on %s the stored state's ratio is %v, from the workouts %v", d.Format(time.DateOnly), got, want)
		}
	}
}

// Judge reads only the fields scoring needs, in one query; its verdicts
// are those of every stored field and the load state read apart.
func TestJudgeReadsWhatScoringNeeds(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, pgtest.DSN(t))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	hash, err := auth.HashPassword(ctx, "kettle orbit walnut")
	if err != nil {
		t.Fatal(err)
	}
	coach, _ := st.CreateCoach(ctx, "Carla Coach", "carla@example.com", hash, false)
	_, tok := auth.NewToken()
	a, _, err := st.CreateInvitedAthlete(ctx, coach, store.NewAthlete{Name: "Maya Runner", Email: "maya@example.com", Timezone: "UTC"}, tok)
	if err != nil {
		t.Fatal(err)
	}
	maya, err := st.AcceptAthleteInvite(ctx, tok, hash)
	if err != nil {
		t.Fatal(err)
	}
	for k := 65; k >= 1; k-- {
		if k%9 == 4 {
			continue // missed
		}
		c := fine(today.AddDate(0, 0, -k))
		c.AthleteID, c.RestingHR, c.HRV, c.SleepHours = a.ID, 48+k%6, 50+float64(k%23)/10, 7.5+float64(k%5)*0.25
		c.Fatigue, c.Mood, c.SorenessAreas, c.Notes, c.Score, c.Light = 2+k%4, 3+k%3, []string{"knees"}, "notes", 70, "green"
		switch {
		case k == BaselineDays:
			c.HRV = 120 // the first day read: it moves the HRV normal range
		case k%6 == 0:
			c.HRV = 0 // no measurement that day
		}
		if err := st.SaveCheckIn(ctx, maya, c); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.ImportMeasurements(ctx, maya, a.ID, []store.Measurement{
		{Day: today.AddDate(0, 0, -4), RestingHR: 58}, {Day: today.AddDate(0, 0, -13), HRV: 44},
		{Day: today.AddDate(0, 0, -22), RestingHR: 50}, {Day: today.AddDate(0, 0, -31), RestingHR: 50}, // no sleep: not 0 h of it
	}, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Pool().Exec(ctx, `INSERT INTO workouts (athlete_id, coach_id, day, sport, kind, title, planned, status,
			actual_duration_s, rpe, logged_at)
		SELECT $1, $2, $3::date - i, 'run', 'easy', 'Run', false, 'done', 1800 + i * 53 + (i % 5) * 900, 3 + i % 6, now()
		FROM generate_series(0, 50) i`, a.ID, coach.ID, today); err != nil {
		t.Fatal(err)
	}
	// Yesterday's recovery jog too hard by heart rate: Maya's zone 2 ends
	// at 150 (89 % of a threshold of 168).
	if _, err := st.Pool().Exec(ctx, `INSERT INTO workouts (athlete_id, coach_id, day, sport, kind, title, planned, protected,
			status, actual_duration_s, rpe, avg_hr, logged_at)
		VALUES ($1, $2, $3::date - 1, 'run', 'recovery', 'Recovery jog', true, true, 'done', 1800, 3, 156, now())`, a.ID, coach.ID, today); err != nil {
		t.Fatal(err)
	}
	p := a.Profile
	p.ThresholdHR = 168
	if err := st.UpdateProfile(ctx, coach, a.ID, p); err != nil {
		t.Fatal(err)
	}
	history, err := st.CheckIns(ctx, maya, a.ID, today.AddDate(0, 0, -BaselineDays), today.AddDate(0, 0, -1))
	if err != nil {
		t.Fatal(err)
	}
	state, err := st.LoadState(ctx, maya, a.ID, today.AddDate(0, 0, -1))
	if err != nil {
		t.Fatal(err)
	}
	yesterday, err := st.Workouts(ctx, maya, a.ID, today.AddDate(0, 0, -1), today.AddDate(0, 0, -1))
	if err != nil {
		t.Fatal(err)
	}
	workouts, err := st.Workouts(ctx, maya, a.ID, today.AddDate(0, 0, -21), today.AddDate(0, 0, -1))
	if err != nil {
		t.Fatal(err)
	}
	missed := MissedRecovery(yesterday, today, zones.Zone2CeilingHR(168, 0))
	if !strings.Contains(missed, "156 bpm") {
		t.Fatalf("yesterday's recovery: %q", missed)
	}
	for _, edit := range []func(*training.CheckIn){
		func(*training.CheckIn) {},
		func(c *training.CheckIn) { c.RestingHR = 61 },
		func(c *training.CheckIn) { c.HRV = 30 },
		func(c *training.CheckIn) { c.SleepHours, c.Fatigue = 4.5, 1 },
		func(c *training.CheckIn) { c.SleepHours = 6.25 },
		func(c *training.CheckIn) { c.Illness = true },
		func(c *training.CheckIn) { c.Illness, c.IllnessSite = true, "above_neck" },
		func(c *training.CheckIn) { c.Injury, c.InjuryAreas = true, []string{"calves"} },
	} {
		c := fine(today)
		c.AthleteID = a.ID
		edit(&c)
		got, err := Judge(ctx, st, maya, c)
		if err != nil {
			t.Fatal(err)
		}
		if want := Verdict(c, history, state.RatioOrZero(), missed, workouts); !reflect.DeepEqual(got, want) {
			t.Errorf("Judge %s %d %v, want %s %d %v", got.Light, got.Score, got.Reasons, want.Light, want.Score, want.Reasons)
		}
	}
}

// An overreaching pattern brings the cutback week forward; a coach who
// dismissed that for some red flags is not asked again for the same ones,
// but is for a new one; one applied runs its week.
func TestDismissedPatternIsRemembered(t *testing.T) {
	ctx := context.Background()
	st, coach, a, maya := withMaya(t)
	for _, w := range week()[1:5] {
		if _, err := st.AddWorkout(ctx, coach, a.ID, w.Day, w.Prescription); err != nil {
			t.Fatal(err)
		}
	}
	propose := func(day int, flags ...string) (store.Proposal, bool) {
		t.Helper()
		c := fine(time.Date(2026, 3, day, 0, 0, 0, 0, time.UTC))
		c.AthleteID, c.Light = a.ID, "amber"
		c.Reasons = []training.Reason{{Light: "amber", Code: "overreaching_pattern", Text: "Red flags over the last weeks", Flags: flags}}
		if err := Propose(ctx, st, maya, c); err != nil {
			t.Fatal(err)
		}
		p, ok, err := st.PendingProposal(ctx, coach, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		return p, ok
	}
	p, ok := propose(3, "always_tired", "sleep_disrupted")
	if !ok || !slices.Equal(p.Pattern, []string{"always_tired", "sleep_disrupted"}) || !strings.Contains(strings.Join(p.Rules, " "), "the next cutback week comes now") {
		t.Fatalf("the first pattern's proposal: %v %+v", ok, p)
	}
	if err := st.DismissProposal(ctx, coach, a.ID, p.ID); err != nil {
		t.Fatal(err)
	}
	if p, ok := propose(4, "sleep_disrupted", "always_tired"); ok {
		t.Errorf("the same flags, dismissed the day before, proposed again: %+v", p)
	}
	p, ok = propose(5, "always_tired", "sleep_disrupted", "mood_low")
	if !ok || len(p.Pattern) != 3 || !strings.Contains(strings.Join(p.Rules, " "), "about 40 % less volume") {
		t.Fatalf("a new flag does not ask again, or three flags do not cut deeper: %v %+v", ok, p)
	}
	// Applied, the cutback runs its week: the flags, still raised the next
	// morning, do not cut again.
	if _, err := st.ApplyProposal(ctx, coach, a.ID, p.ID); err != nil {
		t.Fatal(err)
	}
	if p, ok := propose(6, "always_tired", "sleep_disrupted", "mood_low"); ok {
		t.Errorf("the day after a cutback was applied, another: %+v", p)
	}
}

// withMaya is a store whose clock reads 07:00 on today, with Carla, a
// coach, and her athlete Maya, who has joined.
func withMaya(t *testing.T) (*store.Store, store.User, training.Athlete, store.User) {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, pgtest.DSN(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(st.Close)
	st.Now = func() time.Time { return today.Add(7 * time.Hour) }
	hash, err := auth.HashPassword(ctx, "kettle orbit walnut")
	if err != nil {
		t.Fatal(err)
	}
	coach, err := st.CreateCoach(ctx, "Carla Coach", "carla@example.com", hash, false)
	if err != nil {
		t.Fatal(err)
	}
	_, tok := auth.NewToken()
	a, _, err := st.CreateInvitedAthlete(ctx, coach, store.NewAthlete{Name: "Maya Runner", Email: "maya@example.com", Timezone: "UTC"}, tok)
	if err != nil {
		t.Fatal(err)
	}
	maya, err := st.AcceptAthleteInvite(ctx, tok, hash)
	if err != nil {
		t.Fatal(err)
	}
	return st, coach, a, maya
}

// Judge's one-row read of the history gives the verdicts of every stored
// field read apart, over random histories and random changes to them:
// missed days, imports without answers, edits and deletions of old days,
// imports of measurements (which judge the days after them again), and
// days on and around the clock changes of both hemispheres' springs and
// autumns.
func TestJudgeEqualsFullReadsOverRandomChanges(t *testing.T) {
	ctx := context.Background()
	st, coach, a, maya := withMaya(t)
	rng := rand.New(rand.NewPCG(5, 28))
	first, last := day(2025, 9, 1), day(2026, 4, 15) // Europe's and America's autumn and spring clock changes
	areas := training.SorenessAreas
	random := func(d time.Time) training.CheckIn {
		c := training.CheckIn{AthleteID: a.ID, Day: d, SleepHours: float64(rng.IntN(45)+8) / 4,
			SleepQuality: 1 + rng.IntN(5), Fatigue: 1 + rng.IntN(5), Soreness: 1 + rng.IntN(5), Stress: 1 + rng.IntN(5),
			Mood: 1 + rng.IntN(5), Motivation: 1 + rng.IntN(5), RestingHR: 44 + rng.IntN(20), HRV: float64(300+rng.IntN(700)) / 10,
			Illness: rng.IntN(15) == 0, Injury: rng.IntN(20) == 0, Notes: "n"}
		switch rng.IntN(8) {
		case 0:
			c.RestingHR, c.HRV = 0, 0 // not measured
		case 1:
			c.HRV = float64(rng.IntN(5)+1) * 40 // far from the usual: left out
		}
		for range rng.IntN(3) {
			if s := areas[rng.IntN(len(areas))]; !slices.Contains(c.SorenessAreas, s) {
				c.SorenessAreas = append(c.SorenessAreas, s)
			}
		}
		if c.Illness && rng.IntN(2) == 0 {
			c.IllnessSite = "above_neck"
		}
		if c.Injury {
			c.InjuryAreas = []string{areas[rng.IntN(len(areas))]}
		}
		return Verdict(c, nil, 0, "", nil) // any stored verdict will do
	}
	for d := first; !d.After(last); d = d.AddDate(0, 0, 1) {
		if rng.IntN(6) == 0 {
			continue // missed
		}
		if err := st.SaveCheckIn(ctx, maya, random(d)); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := st.Pool().Exec(ctx, `INSERT INTO workouts (athlete_id, coach_id, day, sport, kind, title, planned, protected, status,
			actual_duration_s, rpe, avg_hr, logged_at)
		SELECT $1, $2, $3::date + i, 'run', k.kind, 'Run ' || i, false, k.kind = 'recovery', 'done', 1200 + (i * 37) % 3600,
			2 + i % 7, nullif(120 + (i * 13) % 50, 120), now()
		FROM generate_series(0, $4::int) i, LATERAL (SELECT (ARRAY['easy', 'recovery', 'intervals', 'long'])[1 + (i * 7) % 4] AS kind) k
		WHERE i % 5 <> 2`, a.ID, coach.ID, first, int(last.Sub(first).Hours()/24)); err != nil {
		t.Fatal(err)
	}
	p := a.Profile
	p.ThresholdHR = 168
	if err := st.UpdateProfile(ctx, coach, a.ID, p); err != nil {
		t.Fatal(err)
	}
	zone2 := zones.Zone2CeilingHR(168, 0)
	dayIn := func() time.Time { return first.AddDate(0, 0, rng.IntN(int(last.Sub(first).Hours()/24)+1)) }
	clockDays := []time.Time{day(2025, 10, 26), day(2025, 10, 27), day(2025, 11, 2), day(2025, 11, 3),
		day(2026, 3, 8), day(2026, 3, 9), day(2026, 3, 29), day(2026, 3, 30), day(2026, 4, 5)}

	judged := 0
	check := func(d time.Time) {
		t.Helper()
		c := random(d)
		c.Score, c.Light, c.Reasons = 0, "", nil
		got, err := Judge(ctx, st, maya, c)
		if err != nil {
			t.Fatal(err)
		}
		sc, err := st.ScoringHistory(ctx, maya, a.ID, d.AddDate(0, 0, -BaselineDays), d)
		if err != nil {
			t.Fatal(err)
		}
		full, err := st.CheckIns(ctx, maya, a.ID, d.AddDate(0, 0, -BaselineDays), d.AddDate(0, 0, -1))
		if err != nil {
			t.Fatal(err)
		}
		var fields []training.CheckIn
		for _, h := range full {
			f := training.CheckIn{AthleteID: h.AthleteID, Day: h.Day, Answered: h.Answered, SleepHours: h.SleepHours,
				SleepQuality: h.SleepQuality, Fatigue: h.Fatigue, Soreness: h.Soreness, Stress: h.Stress, Mood: h.Mood,
				Motivation: h.Motivation, RestingHR: h.RestingHR, HRV: h.HRV, Illness: h.Illness, Injury: h.Injury}
			if !h.Day.Before(d.AddDate(0, 0, -7)) {
				f.SorenessAreas = h.SorenessAreas
			}
			fields = append(fields, f)
		}
		if len(sc.History)+len(fields) > 0 && !reflect.DeepEqual(sc.History, fields) {
			t.Fatalf("%s: the scoring history\n got %+v\nwant %+v", d.Format(time.DateOnly), sc.History, fields)
		}
		state, err := st.LoadState(ctx, maya, a.ID, d.AddDate(0, 0, -1))
		if err != nil {
			t.Fatal(err)
		}
		recent, err := st.Workouts(ctx, maya, a.ID, d.AddDate(0, 0, -PatternDays), d.AddDate(0, 0, -1))
		if err != nil {
			t.Fatal(err)
		}
		if want := Verdict(c, full, state.RatioOrZero(), MissedRecovery(recent, d, zone2), recent); !reflect.DeepEqual(got, want) {
			t.Fatalf("%s: Judge %s %d %v, want %s %d %v", d.Format(time.DateOnly), got.Light, got.Score, got.Reasons,
				want.Light, want.Score, want.Reasons)
		}
		judged++
	}
	for step := range 60 {
		switch rng.IntN(4) {
		case 0: // an edit of an old day, or a day missed filled in late
			if err := st.SaveCheckIn(ctx, maya, random(dayIn())); err != nil {
				t.Fatal(err)
			}
		case 1: // a deletion
			if _, err := st.Pool().Exec(ctx, `DELETE FROM checkins WHERE athlete_id = $1 AND day = $2`, a.ID, dayIn()); err != nil {
				t.Fatal(err)
			}
		case 2: // an import of measurements, on answered days and on days without a check-in
			var ms []store.Measurement
			from := dayIn()
			for k := range 1 + rng.IntN(10) {
				m := store.Measurement{Day: from.AddDate(0, 0, k*(1+rng.IntN(3)))}
				switch rng.IntN(3) {
				case 0:
					m.RestingHR = 40 + rng.IntN(30)
				case 1:
					m.HRV = float64(200+rng.IntN(1000)) / 10
				default:
					m.RestingHR, m.SleepHours = 50+rng.IntN(10), float64(rng.IntN(40)+4)/4
				}
				ms = append(ms, m)
			}
			if err := Import(ctx, st, coach, a.ID, ms, last); err != nil {
				t.Fatal(err)
			}
		default: // nothing changed: judge again
		}
		check(dayIn())
		check(clockDays[step%len(clockDays)])
	}
	check(first)                  // nothing before it
	check(first.AddDate(0, 0, 5)) // a short history: no baseline
	check(last.AddDate(0, 0, 1))
	if judged != 123 {
		t.Errorf("judged %d days", judged)
	}
}
