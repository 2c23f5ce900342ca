package main

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"rebound/internal/browsertest"
	"rebound/internal/pgtest"
	"rebound/internal/training"
)

// The athlete logs yesterday's workout on a phone; the coach's week view
// then shows it with its load and compliance.
func TestBrowserAthleteLogsYesterdayCoachSeesIt(t *testing.T) {
	browser := browsertest.New(t)
	dsn := pgtest.DSN(t)
	a := serveApp(t, map[string]string{"DATABASE_URL": dsn})

	st, coach, ath := seedAthlete(t, dsn, "Europe/Berlin")
	ctx := context.Background()
	now := time.Now().In(mustLoad(t, "Europe/Berlin"))
	yesterday := time.Date(now.Year(), now.Month(), now.Day()-1, 0, 0, 0, 0, time.UTC)
	if _, err := st.AddWorkout(ctx, coach, ath.ID, yesterday, training.Prescription{Sport: "run", Kind: "intervals", Title: "6 × 800 m",
		PlannedDurationS: 3600, PlannedDistanceM: 10000, TargetRPE: 8, Description: "15 min easy, 6 × 800 m at 5K pace, 90 s jog between"}); err != nil {
		t.Fatal(err)
	}

	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	phone := browser.Tab(t, 390, 844)
	signIn(t, phone, a.URL, "maya@example.com")
	must(chromedp.Do(phone, chromedp.WaitVisible(chromedp.CSS(`.to-log`))))
	browsertest.Screenshot(t, phone, "athlete-today-390")
	must(chromedp.Do(phone, chromedp.Click(chromedp.CSS(`.to-log a.button`)), chromedp.WaitVisible(chromedp.CSS(`.rpe-scale`))))
	browsertest.Screenshot(t, phone, "log-form-390")
	// A few taps: the duration is the plan's; change it, pick the effort.
	must(chromedp.Do(phone,
		chromedp.SetValue(chromedp.CSS(`#f-duration_min`), "55"),
		chromedp.Click(chromedp.CSS(`.rpe-scale input[value="7"] + span`)),
		chromedp.SendKeys(chromedp.CSS(`#f-avg_hr`), "168"),
		chromedp.Click(chromedp.CSS(`main form button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`.notice.success`)),
	))
	browsertest.Screenshot(t, phone, "athlete-after-log-390")
	overflow, err := chromedp.Run(phone, chromedp.Evaluate[int](`document.documentElement.scrollWidth - window.innerWidth`))
	if err != nil || overflow > 0 {
		t.Errorf("the phone page overflows by %d px (%v)", overflow, err)
	}

	desk := browser.Tab(t, 1280, 900)
	signIn(t, desk, a.URL, "carla@example.com")
	must(chromedp.Do(desk, chromedp.Navigate(a.URL+"/athletes/"+itoa(ath.ID)+"/weeks/"+yesterday.Format(time.DateOnly)), chromedp.WaitVisible(chromedp.CSS(`.week`))))
	browsertest.Screenshot(t, desk, "coach-week-1280")
	card, err := chromedp.Run(desk, chromedp.Text(chromedp.CSS(`.workout.kind-intervals`)))
	must(err)
	// 55 min × RPE 7 = 385; 55 of 60 planned minutes = 92 %: on plan.
	for _, want := range []string{"6 × 800 m", "55 min", "RPE 7", "168 bpm", "load 385", "on plan"} {
		if !strings.Contains(card, want) {
			t.Errorf("the coach's week view lacks %q in %q", want, card)
		}
	}
	summary, err := chromedp.Run(desk, chromedp.Text(chromedp.CSS(`.week-summary`)))
	must(err)
	if !strings.Contains(summary, "385") {
		t.Errorf("week load missing from %q", summary)
	}
}

func mustLoad(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
