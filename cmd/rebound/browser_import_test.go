package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"rebound/internal/browsertest"
	"rebound/internal/imports/importstest"
	"rebound/internal/pgtest"
	"rebound/internal/training"
)

// The athlete uploads yesterday's run from the week view on a phone: the
// import page follows it to the end, the run is matched to the planned
// one with its chart, and one tap gives its RPE; the coach's week view
// then shows it done with its load.
func TestBrowserAthleteUploadsAFileCoachSeesIt(t *testing.T) {
	browser := browsertest.New(t)
	dsn := pgtest.DSN(t)
	a := serveApp(t, map[string]string{"DATABASE_URL": dsn})
	st, coach, ath := seedAthlete(t, dsn, "Europe/Berlin")
	ctx := context.Background()
	p := ath.Profile
	p.ThresholdHR, p.MaxHR = 170, 190
	if err := st.UpdateProfile(ctx, coach, ath.ID, p); err != nil {
		t.Fatal(err)
	}
	berlin := mustLoad(t, "Europe/Berlin")
	now := time.Now().In(berlin)
	yesterday := time.Date(now.Year(), now.Month(), now.Day()-1, 0, 0, 0, 0, time.UTC)
	planned, err := st.AddWorkout(ctx, coach, ath.ID, yesterday, training.Prescription{Sport: "run", Kind: "long", Title: "Long run",
		PlannedDurationS: 50 * 60, PlannedDistanceM: 9000, TargetRPE: 5, TargetZone: 2})
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "Morning_Run.fit")
	start := time.Date(now.Year(), now.Month(), now.Day()-1, 7, 15, 0, 0, berlin)
	if err := os.WriteFile(file, importstest.FIT(importstest.Workout{Sport: "run", Start: start, Minutes: 48, HR: 148, SpeedMS: 2.9}), 0o644); err != nil {
		t.Fatal(err)
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	noOverflow := func(tab context.Context, what string) {
		t.Helper()
		overflow, err := chromedp.Run(tab, chromedp.Evaluate[int](`document.documentElement.scrollWidth - window.innerWidth`))
		if err != nil || overflow > 0 {
			t.Errorf("%s overflows the phone by %d px (%v)", what, overflow, err)
		}
	}

	phone := browser.Tab(t, 390, 844)
	signIn(t, phone, a.URL, "maya@example.com")
	weekURL := a.URL + "/athletes/" + itoa(ath.ID) + "/weeks/" + yesterday.Format(time.DateOnly)
	must(chromedp.Do(phone, chromedp.Navigate(weekURL), chromedp.WaitVisible(chromedp.CSS(`.week`))))
	must(chromedp.Do(phone, chromedp.ScrollIntoView(chromedp.CSS(`.upload`))))
	browsertest.Screenshot(t, phone, "import-week-upload-390")
	must(chromedp.Do(phone,
		chromedp.SetUploadFiles(chromedp.CSS(`#add-file-files`), []string{file}),
		chromedp.Click(chromedp.CSS(`.upload button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`.import-report`))))
	// The page refreshes itself until the workers are done.
	deadline := time.Now().Add(20 * time.Second)
	for {
		h1, err := chromedp.Run(phone, chromedp.Text(chromedp.CSS(`main h1`)))
		if err == nil && h1 == "Import finished" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the import page still says %q after 20 s (%v)", h1, err)
		}
		time.Sleep(200 * time.Millisecond)
	}
	must(chromedp.Do(phone, chromedp.WaitVisible(chromedp.CSS(`.import-files a`))))
	browsertest.Screenshot(t, phone, "import-report-390")
	report, err := chromedp.Run(phone, chromedp.Text(chromedp.CSS(`.import-files`)))
	must(err)
	if !strings.Contains(report, "Morning_Run.fit") || !strings.Contains(report, "matched to the plan") || !strings.Contains(report, "Long run") {
		t.Errorf("report: %q", report)
	}
	noOverflow(phone, "the import report")

	must(chromedp.Do(phone, chromedp.Click(chromedp.CSS(`.import-files a`)), chromedp.WaitVisible(chromedp.CSS(`.activity svg`))))
	browsertest.Screenshot(t, phone, "import-workout-390")
	noOverflow(phone, "the workout page")
	titles, err := chromedp.Run(phone, chromedp.Evaluate[[]string](`[...document.querySelectorAll('.activity svg title')].map(t => t.textContent)`))
	must(err)
	if strings.Join(titles, ",") != "Heart rate,Pace" {
		t.Errorf("chart titles %q, want heart rate and pace", titles)
	}
	page, err := chromedp.Run(phone, chromedp.Text(chromedp.CSS(`main`)))
	must(err)
	for _, want := range []string{"Plan", "RPE 5 · zone 2", "48 min", "estimated from heart rate", "How hard was it?", "Laps"} {
		if !strings.Contains(page, want) {
			t.Errorf("workout page lacks %q", want)
		}
	}
	// The same page in the dark, as a phone set to dark mode shows it.
	scheme := func(v string) chromedp.Action[chromedp.Void] {
		return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia,
				emulation.SetEmulatedMediaParams{Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: v}}})
			return err
		})
	}
	must(chromedp.Do(phone, scheme("dark")))
	browsertest.Screenshot(t, phone, "import-workout-dark-390")
	must(chromedp.Do(phone, scheme("light")))

	// The home asks too: one tap, RPE 6.
	must(chromedp.Do(phone, chromedp.Navigate(a.URL+"/"), chromedp.WaitVisible(chromedp.CSS(`.to-rate`))))
	browsertest.Screenshot(t, phone, "import-home-rate-390")
	noOverflow(phone, "the athlete's home")
	must(chromedp.Do(phone, chromedp.Click(chromedp.CSS(`.to-rate .rate-scale button[value="6"]`)), chromedp.WaitVisible(chromedp.CSS(`.notice.success`))))
	if n, err := chromedp.Run(phone, chromedp.Evaluate[int](`document.querySelectorAll('.to-rate').length`)); err != nil || n != 0 {
		t.Errorf("the home still asks after the tap (%d, %v)", n, err)
	}
	must(chromedp.Do(phone, chromedp.Navigate(a.URL+"/athletes/"+itoa(ath.ID)+"/workouts/"+itoa(planned.ID)), chromedp.WaitVisible(chromedp.CSS(`.activity svg`))))
	browsertest.Screenshot(t, phone, "import-workout-rated-390")
	done, err := chromedp.Run(phone, chromedp.Text(chromedp.CSS(`#done + p, .workout-sides section:last-child`)))
	must(err)
	if !strings.Contains(done, "RPE 6") || !strings.Contains(done, "288") || strings.Contains(done, "estimated") {
		t.Errorf("after the tap: %q, want RPE 6 and a load of 6 × 48 = 288", done)
	}

	desk := browser.Tab(t, 1280, 900)
	signIn(t, desk, a.URL, "carla@example.com")
	must(chromedp.Do(desk, chromedp.Navigate(weekURL), chromedp.WaitVisible(chromedp.CSS(`.week`))))
	browsertest.Screenshot(t, desk, "import-coach-week-1280")
	card, err := chromedp.Run(desk, chromedp.Text(chromedp.CSS(`.workout.kind-long`)))
	must(err)
	for _, want := range []string{"Long run", "from file", "48 min", "RPE 6", "load 288", "on plan"} {
		if !strings.Contains(card, want) {
			t.Errorf("the coach's week lacks %q in %q", want, card)
		}
	}
	must(chromedp.Do(desk, chromedp.Navigate(a.URL+"/athletes/"+itoa(ath.ID)+"/workouts/"+itoa(planned.ID)), chromedp.WaitVisible(chromedp.CSS(`.activity svg`))))
	browsertest.Screenshot(t, desk, "import-workout-1280")
}
