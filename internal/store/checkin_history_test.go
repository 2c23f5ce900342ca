package store_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	"rebound/internal/store"
	"rebound/internal/training"
)

// seedCheckIns gives the athlete n days of check-ins up to today: answered
// ones with all their fields, and every fifth day a measured-only one.
func seedCheckIns(t *testing.T, st *store.Store, coach store.User, athleteID int64, today time.Time, n int) {
	t.Helper()
	ctx := context.Background()
	var answered []training.CheckIn
	var measured []store.Measurement
	for i := range n {
		day := today.AddDate(0, 0, -i)
		if i%5 == 3 {
			measured = append(measured, store.Measurement{Day: day, RestingHR: 50 + i%4, HRV: 40 + float64(i%9)})
			continue
		}
		answered = append(answered, training.CheckIn{Day: day, SleepHours: 7.25, SleepQuality: 1 + i%5, Fatigue: 2, Soreness: 3, Stress: 4,
			Mood: 5, Motivation: 1 + i%3, SorenessAreas: []string{training.SorenessAreas[i%len(training.SorenessAreas)]}, RestingHR: 48 + i%5,
			HRV: float64(i % 3 * 30), Illness: i%7 == 0, Injury: i%11 == 0, Notes: "day " + itoa(int64(i)), Score: 40 + i%60,
			Light: []string{"green", "amber", "red"}[i%3], UpdatedAt: day.Add(7 * time.Hour),
			Reasons: []training.Reason{{Light: "green", Code: "ok", Text: "As usual " + itoa(int64(i))}}})
		c := &answered[len(answered)-1]
		if c.Illness {
			c.IllnessSite = []string{"", "above_neck", "below_neck"}[i%3]
		}
		if c.Injury {
			c.InjuryAreas = []string{"knees", training.SorenessAreas[i%len(training.SorenessAreas)]}
			c.Reasons = append(c.Reasons, training.Reason{Light: "red", Code: "injury", Text: "Reported injury", Areas: c.InjuryAreas})
		} else {
			c.InjuryAreas = []string{} // as read back
		}
	}
	if _, err := st.SeedCheckIns(ctx, coach, athleteID, answered); err != nil {
		t.Fatal(err)
	}
	if err := st.ImportMeasurements(ctx, coach, athleteID, measured, nil); err != nil {
		t.Fatal(err)
	}
}

// CheckInDays gives every day what CheckIns gives of it, and the recent
// days whole.
func TestCheckInDaysAgreeWithCheckIns(t *testing.T) {
	st := open(t)
	ctx := context.Background()
	ca, _ := st.CreateCoach(ctx, "Carla", "carla@example.com", hash, true)
	cb, _ := st.CreateCoach(ctx, "Ben", "ben@example.com", hash, true)
	maya, _ := st.CreateAthlete(ctx, ca, store.NewAthlete{Name: "Maya", Email: "maya@example.com", Timezone: "UTC"})
	today := time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)
	seedCheckIns(t, st, ca, maya.ID, today, 60)

	from, recent := today.AddDate(0, 0, -40), today.AddDate(0, 0, -13)
	want, err := st.CheckIns(ctx, ca, maya.ID, from, today)
	if err != nil {
		t.Fatal(err)
	}
	days, full, err := st.CheckInDays(ctx, ca, maya.ID, from, recent, today)
	if err != nil {
		t.Fatal(err)
	}
	if len(days) != len(want) {
		t.Fatalf("%d days, want %d", len(days), len(want))
	}
	var wantFull []training.CheckIn
	for i, c := range want {
		if got := days[i]; got != (store.CheckInDay{Day: c.Day, Answered: c.Answered, Score: c.Score, Light: c.Light, RestingHR: c.RestingHR, HRV: c.HRV}) {
			t.Errorf("day %s: %+v, want %+v", c.Day.Format(time.DateOnly), got, c)
		}
		if !c.Day.Before(recent) {
			wantFull = append(wantFull, c)
		}
	}
	if !reflect.DeepEqual(full, wantFull) {
		t.Errorf("the recent days in full:\n%+v\nwant\n%+v", full, wantFull)
	}

	days, full, err = st.CheckInDays(ctx, cb, maya.ID, from, recent, today)
	if err != nil || len(days) != 0 || len(full) != 0 {
		t.Errorf("another coach read %d days and %d check-ins (%v)", len(days), len(full), err)
	}
}
