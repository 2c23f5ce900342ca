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

// The coach makes a plan from the preview and finds week 1 in the week view.
func TestBrowserCoachCreatesAPlan(t *testing.T) {
	browser := browsertest.New(t)
	dsn := pgtest.DSN(t)
	a := serveApp(t, map[string]string{"DATABASE_URL": dsn})
	st, coach, ath := seedAthlete(t, dsn, "UTC")
	ctx := context.Background()
	p := ath.Profile
	p.WeeklyMinutes, p.ThresholdPace = 240, 285
	if err := st.UpdateProfile(ctx, coach, ath.ID, p); err != nil {
		t.Fatal(err)
	}
	race := time.Now().UTC().Truncate(24*time.Hour).AddDate(0, 0, 7*16)
	if _, err := st.AddEvent(ctx, coach, ath.ID, training.Event{Name: "Spring Half", Day: race, Sport: "run", Kind: "half", Priority: "A"}); err != nil {
		t.Fatal(err)
	}

	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	tab := browser.Tab(t, 1280, 900)
	signIn(t, tab, a.URL, "carla@example.com")
	must(chromedp.Do(tab,
		chromedp.Navigate(a.URL+"/athletes/"+itoa(ath.ID)),
		chromedp.Click(chromedp.CSS(`a[href$="/plan"]`)),
		chromedp.WaitVisible(chromedp.CSS(`a.button[href$="/plan/new"]`)),
		chromedp.Click(chromedp.CSS(`a.button[href$="/plan/new"]`)),
		chromedp.WaitVisible(chromedp.CSS(`#f-event`)),
	))
	browsertest.Screenshot(t, tab, "plan-new")
	must(chromedp.Do(tab, chromedp.Click(chromedp.CSS(`.new-event summary`)), chromedp.WaitVisible(chromedp.CSS(`#f-event_name`))))
	browsertest.Screenshot(t, tab, "plan-new-event")
	must(chromedp.Do(tab, chromedp.Click(chromedp.CSS(`main form button[type=submit]`)), chromedp.WaitVisible(chromedp.CSS(`.chart svg`))))
	browsertest.Screenshot(t, tab, "plan-preview")
	rows, err := chromedp.Run(tab, chromedp.Evaluate[int](`document.querySelectorAll('.plan-weeks tbody tr').length`))
	must(err)
	if rows < 16 {
		t.Errorf("the preview shows %d weeks", rows)
	}
	must(chromedp.Do(tab, chromedp.Click(chromedp.CSS(`.save-plan button[type=submit]`)), chromedp.WaitVisible(chromedp.CSS(`.week`))))
	browsertest.Screenshot(t, tab, "plan-week-1")
	head, err := chromedp.Run(tab, chromedp.Text(chromedp.CSS(`.plan-week`)))
	must(err)
	if !strings.Contains(head, "phase") || !strings.Contains(head, "week") {
		t.Errorf("week 1 lacks the plan's week: %q", head)
	}
	// The plan starts today: this week holds it from today on, and
	// nothing on the days before.
	n, err := chromedp.Run(tab, chromedp.Evaluate[int](`document.querySelectorAll('.week .day:not(.past) .workout').length`))
	must(err)
	past, err := chromedp.Run(tab, chromedp.Evaluate[int](`document.querySelectorAll('.week .day.past .workout').length`))
	must(err)
	if n < 1 || past != 0 {
		t.Errorf("this week shows %d workouts from today on and %d before", n, past)
	}
}
