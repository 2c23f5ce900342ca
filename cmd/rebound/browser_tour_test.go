package main

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"rebound/internal/browsertest"
	"rebound/internal/pgtest"
	"rebound/internal/store"
)

// Every page, as the coach and as the athlete, on a phone and on a desktop:
// nothing is wider than the screen (with REBOUND_SCREENSHOTS set, each page
// is saved to look at).
func TestBrowserEveryPageFitsTheScreen(t *testing.T) {
	browser := browsertest.New(t)
	dsn := pgtest.DSN(t)
	a := serveApp(t, map[string]string{"DATABASE_URL": dsn})
	st, coach, ath := seedAthlete(t, dsn, "UTC")
	ctx := context.Background()
	p := ath.Profile
	p.WeeklyMinutes, p.ThresholdPace, p.ThresholdHR, p.FTP, p.Sports = 300, 270, 168, 240, []string{"run", "bike"}
	if err := st.UpdateProfile(ctx, coach, ath.ID, p); err != nil {
		t.Fatal(err)
	}
	today := time.Now().UTC().Truncate(24 * time.Hour)
	if _, err := st.AddEvent(ctx, coach, ath.ID, store.Event{Name: "City Marathon", Day: today.AddDate(0, 4, 0), Sport: "run", Kind: "marathon", Priority: "A"}); err != nil {
		t.Fatal(err)
	}
	for i, pl := range []store.Plan{
		{Sport: "run", Kind: "intervals", Title: "6 × 800 m at 5K pace", PlannedDurationS: 3600, TargetRPE: 8, Description: "15 min easy, 6 × 800 m, 90 s jog"},
		{Sport: "run", Kind: "recovery", Title: "Recovery jog", PlannedDurationS: 1800, TargetRPE: 2},
		{Sport: "bike", Kind: "long", Title: "Long ride", PlannedDurationS: 9000, TargetRPE: 4},
	} {
		if _, err := st.AddWorkout(ctx, coach, ath.ID, today.AddDate(0, 0, i-1), pl); err != nil {
			t.Fatal(err)
		}
	}
	list, _ := st.Workouts(ctx, coach, ath.ID, today.AddDate(0, 0, -1), today.AddDate(0, 0, -1))
	id := itoa(ath.ID)
	monday := today.AddDate(0, 0, -((int(today.Weekday()) + 6) % 7)).Format(time.DateOnly)
	printed := "/athletes/" + id + "/weeks/" + monday + "/print"
	coachPages := []string{printed, "/weeks/" + monday + "/print", "/", "/athletes", "/athletes/new", "/athletes/" + id, "/athletes/" + id + "/edit",
		"/athletes/" + id + "/events/new", "/athletes/" + id + "/weeks", "/athletes/" + id + "/workouts/new",
		"/athletes/" + id + "/workouts/" + itoa(list[0].ID) + "/edit", "/athletes/" + id + "/plan", "/athletes/" + id + "/plan/new",
		"/athletes/" + id + "/plan/history", "/athletes/" + id + "/checkins", "/athletes/" + id + "/checkins/import", "/coaches"}
	athletePages := []string{printed, "/", "/checkin", "/athletes/" + id, "/athletes/" + id + "/weeks", "/athletes/" + id + "/log",
		"/athletes/" + id + "/workouts/" + itoa(list[0].ID) + "/log", "/athletes/" + id + "/checkins", "/athletes/" + id + "/plan"}
	for _, who := range []struct {
		email string
		pages []string
	}{{"carla@example.com", coachPages}, {"maya@example.com", athletePages}} {
		for _, width := range []int64{390, 1280} {
			tab := browser.Tab(t, width, 900)
			signIn(t, tab, a.URL, who.email)
			for _, path := range who.pages {
				if err := chromedp.Do(tab, chromedp.Navigate(a.URL+path)); err != nil {
					t.Fatalf("%s: %v", path, err)
				}
				name := fmt.Sprintf("tour-%s-%d%s", strings.Split(who.email, "@")[0], width, strings.ReplaceAll(path, "/", "-"))
				browsertest.Screenshot(t, tab, name)
				over, err := chromedp.Run(tab, chromedp.Evaluate[int](`document.documentElement.scrollWidth - window.innerWidth`))
				if err != nil || over > 0 {
					t.Errorf("%s as %s at %d px: %d px too wide (%v)", path, who.email, width, over, err)
				}
			}
		}
	}
}
