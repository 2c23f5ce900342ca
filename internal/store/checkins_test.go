package store_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	"rebound/internal/apperr"
	"rebound/internal/load"
	"rebound/internal/plan"
	"rebound/internal/store"
	"rebound/internal/training"
)

// scoringFields is what ScoringHistory reads of a check-in.
func scoringFields(c training.CheckIn, day time.Time) training.CheckIn {
	s := training.CheckIn{AthleteID: c.AthleteID, Day: c.Day, Answered: c.Answered, SleepHours: c.SleepHours,
		SleepQuality: c.SleepQuality, Fatigue: c.Fatigue, Soreness: c.Soreness, Stress: c.Stress, Mood: c.Mood,
		Motivation: c.Motivation, RestingHR: c.RestingHR, HRV: c.HRV, Illness: c.Illness, Injury: c.Injury}
	if !c.Day.Before(day.AddDate(0, 0, -7)) { // the last week's sore areas, for the red flags
		s.SorenessAreas = c.SorenessAreas
	}
	return s
}

// ScoringHistory reads the same check-ins and load state (of the day
// before) as CheckIns and LoadState, with only the fields scoring reads:
// answered days, imports without answers or sleep, missing measurements,
// days outside the window; and the workouts done in the 21 days before,
// with the athlete's heart rates.
func TestScoringHistoryReadsWhatCheckInsAndLoadStateRead(t *testing.T) {
	st := open(t)
	ctx := context.Background()
	ca, maya, mayaUser := coachWithMaya(t, st)
	day := time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)
	from := day.AddDate(0, 0, -60)

	// Nothing stored yet: no check-ins, no state, no workouts.
	sc, err := st.ScoringHistory(ctx, mayaUser, maya.ID, from, day)
	if err != nil || len(sc.History) != 0 || sc.Load != (load.State{}) || sc.Recent != nil || sc.ThresholdHR != 0 {
		t.Fatalf("an empty history: %+v %v", sc, err)
	}
	p := maya.Profile
	p.ThresholdHR, p.MaxHR = 168, 188
	if err := st.UpdateProfile(ctx, ca, maya.ID, p); err != nil {
		t.Fatal(err)
	}

	for k := 70; k >= 0; k-- {
		d := day.AddDate(0, 0, -k)
		c := training.CheckIn{AthleteID: maya.ID, Day: d, SleepHours: 6 + float64(k%9)*0.25, SleepQuality: 1 + k%5, Fatigue: 1 + (k+1)%5,
			Soreness: 1 + (k+2)%5, Stress: 1 + (k+3)%5, Mood: 1 + (k+4)%5, Motivation: 1 + k%4, RestingHR: 45 + k%11,
			HRV: 40 + float64(k%37)/10, Illness: k%13 == 0, Injury: k%17 == 0, SorenessAreas: []string{"calves"},
			Notes: "note", Score: 70, Light: "amber", Reasons: []training.Reason{{Light: "amber", Code: "x", Text: "X"}}}
		if k%5 == 0 {
			c.RestingHR, c.HRV = 0, 0 // not measured
		}
		if k%7 == 3 || k%11 == 5 {
			continue // an import below, never answered; or a day missed
		}
		if err := st.SaveCheckIn(ctx, mayaUser, c); err != nil {
			t.Fatal(err)
		}
	}
	var imports []store.Measurement
	for k := 3; k <= 70; k += 7 {
		m := store.Measurement{Day: day.AddDate(0, 0, -k), RestingHR: 50 + k%3}
		if k%2 == 0 {
			m.HRV, m.SleepHours = 55.5, 7.25
		}
		imports = append(imports, m)
	}
	if err := st.ImportMeasurements(ctx, mayaUser, maya.ID, imports, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Pool().Exec(ctx, `INSERT INTO workouts (athlete_id, coach_id, day, sport, kind, title, planned, status,
			actual_duration_s, rpe, logged_at)
		SELECT $1, $2, $3::date - i * 2, 'run', 'easy', 'Run', false, 'done', 1800 + i * 97, 3 + i % 6, now()
		FROM generate_series(1, 40) i`, maya.ID, ca.ID, day); err != nil {
		t.Fatal(err)
	}
	// The day before: two done (a recovery jog too hard, a protected
	// mobility session without HR), one planned, one skipped; and today's.
	if _, err := st.Pool().Exec(ctx, `INSERT INTO workouts (athlete_id, coach_id, day, sport, kind, title, planned, protected, status,
			actual_duration_s, rpe, avg_hr, logged_at)
		VALUES ($1, $2, $3::date - 1, 'run', 'recovery', 'Recovery jog', true, true, 'done', 1800, 5.5, 151, now()),
			($1, $2, $3::date - 1, 'other', 'mobility', 'Mobility', true, true, 'done', 900, 2, NULL, now()),
			($1, $2, $3::date - 1, 'run', 'easy', 'Easy run', true, false, 'planned', NULL, NULL, NULL, NULL),
			($1, $2, $3::date - 1, 'bike', 'recovery', 'Spin', true, true, 'skipped', NULL, NULL, NULL, NULL),
			($1, $2, $3::date, 'run', 'recovery', 'Today', true, true, 'done', 1800, 6, NULL, now())`,
		maya.ID, ca.ID, day); err != nil {
		t.Fatal(err)
	}
	// The 21 days before: the easy runs of every other day, then the
	// day before's two done ones.
	var wantRecent []training.Workout
	for i := 10; i >= 1; i-- {
		wantRecent = append(wantRecent, training.Workout{AthleteID: maya.ID, Day: day.AddDate(0, 0, -2*i), Prescription: training.Prescription{Kind: "easy", Title: "Run"},
			Status: "done", Log: training.Log{Status: "done", RPE: float64(3 + i%6)}})
	}
	wantRecent = append(wantRecent,
		training.Workout{AthleteID: maya.ID, Day: day.AddDate(0, 0, -1), Prescription: training.Prescription{Kind: "recovery", Title: "Recovery jog"}, Protected: true,
			Status: "done", Log: training.Log{Status: "done", RPE: 5.5, AvgHR: 151}},
		training.Workout{AthleteID: maya.ID, Day: day.AddDate(0, 0, -1), Prescription: training.Prescription{Kind: "mobility", Title: "Mobility"}, Protected: true,
			Status: "done", Log: training.Log{Status: "done", RPE: 2}})

	full, err := st.CheckIns(ctx, mayaUser, maya.ID, from, day.AddDate(0, 0, -1))
	if err != nil {
		t.Fatal(err)
	}
	var want []training.CheckIn
	unanswered := 0
	for _, c := range full {
		want = append(want, scoringFields(c, day))
		if !c.Answered && c.SleepHours == 0 {
			unanswered++
		}
	}
	if len(want) >= 60 || unanswered == 0 {
		t.Fatalf("the fixture lacks missed days (%d rows) or imports without sleep (%d)", len(want), unanswered)
	}
	wantState, err := st.LoadState(ctx, mayaUser, maya.ID, day.AddDate(0, 0, -1))
	if err != nil {
		t.Fatal(err)
	}
	for _, actor := range []store.User{mayaUser, ca} {
		sc, err := st.ScoringHistory(ctx, actor, maya.ID, from, day)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(sc.History, want) {
			t.Errorf("history: %d rows, want %d\n got %+v\nwant %+v", len(sc.History), len(want), sc.History, want)
		}
		if sc.Load != wantState || sc.Load.ACWR() == 0 {
			t.Errorf("state %+v, want %+v", sc.Load, wantState)
		}
		if !reflect.DeepEqual(sc.Recent, wantRecent) || sc.ThresholdHR != 168 || sc.MaxHR != 188 {
			t.Errorf("the days before: %+v, heart rates %d %d", sc.Recent, sc.ThresholdHR, sc.MaxHR)
		}
	}

	other, _ := st.CreateCoach(ctx, "Otto", "otto@example.com", hash, true)
	if _, err := st.ScoringHistory(ctx, other, maya.ID, from, day); apperr.CodeOf(err) != apperr.NotFound {
		t.Errorf("another coach read Maya's history: %v", err)
	}
}

// The check-in and what it leads to are written together: the proposal,
// the withdrawal of pending ones, or neither when one of them fails.
func TestSaveCheckInAndProposal(t *testing.T) {
	st := open(t)
	ctx := context.Background()
	ca, maya, mayaUser := coachWithMaya(t, st)
	day := time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)
	checkIn := func(d time.Time, light string) training.CheckIn {
		return training.CheckIn{AthleteID: maya.ID, Day: d, SleepHours: 7, SleepQuality: 3, Fatigue: 3, Soreness: 3, Stress: 3, Mood: 3,
			Motivation: 3, Score: 60, Light: light, Reasons: []training.Reason{{Light: light, Code: "x", Text: "Tired"}}}
	}
	proposal := func(d time.Time) *store.Proposal {
		return &store.Proposal{AthleteID: maya.ID, CheckInDay: d, Light: "amber", Reason: "Amber check-in: Tired",
			Adjustments: []plan.Adjustment{{WorkoutID: 1, Action: "shorten", Why: "Shorter"}}}
	}
	pending := func() []store.Proposal {
		list, err := st.PendingProposals(ctx, ca)
		if err != nil {
			t.Fatal(err)
		}
		return list
	}

	if err := st.SaveCheckInAndProposal(ctx, mayaUser, checkIn(day.AddDate(0, 0, -1), "amber"), proposal(day.AddDate(0, 0, -1))); err != nil {
		t.Fatal(err)
	}
	if err := st.SaveCheckInAndProposal(ctx, mayaUser, checkIn(day, "amber"), proposal(day)); err != nil {
		t.Fatal(err)
	}
	if list := pending(); len(list) != 1 || !list[0].CheckInDay.Equal(day) {
		t.Fatalf("after two amber days: %+v", list)
	}
	if err := st.SaveCheckInAndProposal(ctx, mayaUser, checkIn(day, "green"), nil); err != nil {
		t.Fatal(err)
	}
	if list := pending(); len(list) != 0 {
		t.Errorf("a green check-in left %d proposals pending", len(list))
	}
	got, _ := st.CheckIns(ctx, mayaUser, maya.ID, day, day)
	if len(got) != 1 || got[0].Light != "green" {
		t.Errorf("today's check-in: %+v", got)
	}

	// A proposal the database refuses (no adjustments) takes the check-in
	// with it.
	bad := proposal(day.AddDate(0, 0, 1))
	bad.Adjustments = nil
	if err := st.SaveCheckInAndProposal(ctx, mayaUser, checkIn(day.AddDate(0, 0, 1), "red"), bad); err == nil {
		t.Fatal("a proposal without adjustments was saved")
	}
	if got, _ := st.CheckIns(ctx, mayaUser, maya.ID, day.AddDate(0, 0, 1), day.AddDate(0, 0, 1)); len(got) != 0 {
		t.Errorf("the check-in was saved without its proposal: %+v", got)
	}

	// Only the athlete saves their check-ins.
	for _, p := range []*store.Proposal{nil, proposal(day)} {
		if err := st.SaveCheckInAndProposal(ctx, ca, checkIn(day, "amber"), p); apperr.CodeOf(err) != apperr.NotFound {
			t.Errorf("the coach saved the athlete's check-in: %v", err)
		}
	}
}

// Where an illness is felt and which areas an injury is in are stored,
// changed, read by every path that reads check-ins, and held to the
// vocabulary and to the illness or injury they belong to by the database.
func TestCheckInIllnessSiteAndInjuryAreas(t *testing.T) {
	st := open(t)
	ctx := context.Background()
	ca, maya, mayaUser := coachWithMaya(t, st)
	day := time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)
	c := training.CheckIn{AthleteID: maya.ID, Day: day, SleepHours: 7, SleepQuality: 3, Fatigue: 3, Soreness: 3, Stress: 3, Mood: 3,
		Motivation: 3, Illness: true, IllnessSite: "above_neck", Injury: true, InjuryAreas: []string{"knees", "lower_back"},
		Score: 40, Light: "red", Reasons: []training.Reason{{Light: "red", Code: "injury", Text: "Reported injury: knees, lower back",
			Areas: []string{"knees", "lower_back"}}}}
	if err := st.SaveCheckIn(ctx, mayaUser, c); err != nil {
		t.Fatal(err)
	}
	check := func(name, site string, areas []string, reasons []training.Reason) {
		t.Helper()
		list, err := st.CheckIns(ctx, ca, maya.ID, day, day)
		if err != nil || len(list) != 1 {
			t.Fatalf("%s: %+v %v", name, list, err)
		}
		_, full, _ := st.CheckInDays(ctx, ca, maya.ID, day, day, day)
		before, _, _ := st.CheckInsBefore(ctx, ca, maya.ID, time.Time{}, 5)
		var exported []training.CheckIn
		if err := st.EachCheckIn(ctx, ca, maya.ID, func(_ string, c training.CheckIn) error {
			exported = append(exported, c)
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		for path, got := range map[string][]training.CheckIn{"CheckIns": list, "CheckInDays": full, "CheckInsBefore": before, "EachCheckIn": exported} {
			if len(got) != 1 || got[0].IllnessSite != site || !reflect.DeepEqual(got[0].InjuryAreas, areas) ||
				!reflect.DeepEqual(got[0].Reasons, reasons) {
				t.Errorf("%s, %s: %+v", name, path, got)
			}
		}
	}
	check("saved", "above_neck", []string{"knees", "lower_back"}, c.Reasons)

	// Saved again the same day: the new answers replace them.
	c.IllnessSite, c.InjuryAreas = "", nil
	c.Reasons = []training.Reason{{Light: "red", Code: "illness_below_neck", Text: "Reported illness"}}
	if err := st.SaveCheckIn(ctx, mayaUser, c); err != nil {
		t.Fatal(err)
	}
	check("saved again without site or areas", "", []string{}, c.Reasons)

	for _, bad := range []string{
		`UPDATE checkins SET illness_site = 'left_ear'`,
		`UPDATE checkins SET illness = false`, // a site needs an illness
		`UPDATE checkins SET injury_areas = '{elbows}'`,
		`UPDATE checkins SET illness_site = NULL, injury = false, injury_areas = '{knees}'`, // areas need an injury
	} {
		if _, err := st.Pool().Exec(ctx, `UPDATE checkins SET illness_site = 'below_neck'`); err != nil {
			t.Fatal(err)
		}
		if _, err := st.Pool().Exec(ctx, bad); err == nil {
			t.Errorf("the database took %s", bad)
		}
	}
}
