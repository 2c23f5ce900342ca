package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"rebound/internal/browsertest"
	"rebound/internal/pgtest"
	"rebound/internal/training"
)

// The athlete checks in red; the coach sees the proposal on their home
// page, applies it, and the week shows the key workouts softened and
// every recovery workout intact.
func TestBrowserRedCheckInProposalApplied(t *testing.T) {
	browser := browsertest.New(t)
	dsn := pgtest.DSN(t)
	a := serveApp(t, map[string]string{"DATABASE_URL": dsn})
	st, coach, ath := seedAthlete(t, dsn, "UTC")
	ctx := context.Background()
	today := time.Now().UTC().Truncate(24 * time.Hour)
	plans := []struct {
		day  int
		plan training.Prescription
	}{
		{1, training.Prescription{Sport: "run", Kind: "intervals", Title: "6 × 3 min", PlannedDurationS: 3600, TargetRPE: 8}},
		{2, training.Prescription{Sport: "run", Kind: "recovery", Title: "Recovery jog", PlannedDurationS: 1800, TargetRPE: 2}},
		{3, training.Prescription{Sport: "run", Kind: "tempo", Title: "3 × 10 min tempo", PlannedDurationS: 3600, TargetRPE: 7}},
		{4, training.Prescription{Sport: "run", Kind: "recovery", Title: "Recovery jog", PlannedDurationS: 1800, TargetRPE: 2}},
	}
	for _, p := range plans {
		if _, err := st.AddWorkout(ctx, coach, ath.ID, today.AddDate(0, 0, p.day), p.plan); err != nil {
			t.Fatal(err)
		}
	}

	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	phone := browser.Tab(t, 390, 844)
	signIn(t, phone, a.URL, "maya@example.com")
	steps := []chromedp.Action[chromedp.Void]{chromedp.Navigate(a.URL + "/checkin"), chromedp.SendKeys(chromedp.CSS(`#f-sleep_hours`), "6")}
	for _, name := range []string{"sleep_quality", "fatigue", "soreness", "stress", "mood", "motivation"} {
		steps = append(steps, chromedp.Click(chromedp.CSS(`input[name="`+name+`"][value="2"] + span`)))
	}
	steps = append(steps, chromedp.Click(chromedp.CSS(`input[name="illness"]`)),
		chromedp.Click(chromedp.CSS(`form.checkin button[type=submit]`)), chromedp.WaitVisible(chromedp.CSS(`.verdict.red`)))
	must(chromedp.Do(phone, steps...))

	desk := browser.Tab(t, 1280, 900)
	signIn(t, desk, a.URL, "carla@example.com")
	must(chromedp.Do(desk, chromedp.Navigate(a.URL+"/"), chromedp.WaitVisible(chromedp.CSS(`.proposals`))))
	browsertest.Screenshot(t, desk, "coach-home-proposal")
	must(chromedp.Do(desk, chromedp.Click(chromedp.CSS(`.proposals a`)), chromedp.WaitVisible(chromedp.CSS(`#proposal`))))
	browsertest.Screenshot(t, desk, "athlete-proposal")
	diff, err := chromedp.Run(desk, chromedp.Text(chromedp.CSS(`#proposal`)))
	must(err)
	if strings.Contains(diff, "Recovery jog") {
		t.Errorf("the proposal touches a recovery workout:\n%s", diff)
	}
	must(chromedp.Do(desk, chromedp.Click(chromedp.CSS(`#proposal form[action$="/apply"] button`)), chromedp.WaitVisible(chromedp.CSS(`.week`))))
	browsertest.Screenshot(t, desk, "week-after-proposal")
	if flash, _ := chromedp.Run(desk, chromedp.Text(chromedp.CSS(`.notice.success`))); !strings.Contains(flash, "Applied") {
		t.Errorf("flash = %q", flash)
	}

	list, err := st.Workouts(ctx, coach, ath.ID, today, today.AddDate(0, 0, 7))
	must(err)
	var recoveries, softened int
	for _, w := range list {
		switch {
		case w.Kind == "recovery":
			recoveries++
			if w.PlannedDurationS != 1800 || w.TargetRPE != 2 {
				t.Errorf("a recovery workout changed: %+v", w.Prescription)
			}
		case w.CoachModified:
			softened++
		}
	}
	if recoveries != 2 || softened == 0 {
		t.Fatalf("%d recovery workouts and %d softened key workouts after applying", recoveries, softened)
	}
	if n, _ := chromedp.Run(desk, chromedp.Evaluate[int](`[...document.querySelectorAll('.light')].filter(e => e.textContent.includes('modified by coach')).length`)); n == 0 {
		t.Error("the week view does not show the softened workouts as modified by coach")
	}
}
