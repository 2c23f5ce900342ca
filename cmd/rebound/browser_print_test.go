package main

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"rebound/internal/browsertest"
	"rebound/internal/pgtest"
	"rebound/internal/store"
	"rebound/internal/training"
)

// pdfPage matches a page object of a PDF (not the /Pages tree).
var pdfPage = regexp.MustCompile(`/Type\s*/Page\b`)

// A busy week, 14 workouts with long descriptions, prints on exactly one
// page of A4 and one of US Letter; the squad's week prints a page each.
func TestBrowserPrintedWeekIsOnePage(t *testing.T) {
	browser := browsertest.New(t)
	dsn := pgtest.DSN(t)
	a := serveApp(t, map[string]string{"DATABASE_URL": dsn})
	st, coach, ath := seedAthlete(t, dsn, "UTC")
	ctx := context.Background()
	p := ath.Profile
	p.ThresholdHR, p.ThresholdPace = 172, 265
	if err := st.UpdateProfile(ctx, coach, ath.ID, p); err != nil {
		t.Fatal(err)
	}
	second, err := st.CreateAthlete(ctx, coach, store.NewAthlete{Name: "Sam Second", Email: "sam@example.com", Timezone: "UTC"})
	if err != nil {
		t.Fatal(err)
	}
	today := time.Now().UTC().Truncate(24 * time.Hour)
	monday := training.WeekStart(today, false)
	long := strings.Repeat("Warm up 15 min easy; drills (A-skips, strides) & 4 × 20 s \"fast but relaxed\". ", 6)
	kinds := []string{"intervals", "recovery", "tempo", "easy", "long", "recovery", "strength"}
	for i := range 14 {
		kind := kinds[(i/2)%len(kinds)]
		if i%2 == 1 && kind != "recovery" {
			kind = "mobility"
		}
		_, err := st.AddWorkout(ctx, coach, ath.ID, monday.AddDate(0, 0, i/2), training.Prescription{Sport: "run", Kind: kind,
			Title: "Session " + itoa(int64(i+1)) + ": a descriptive title for " + kind, PlannedDurationS: 2400 + 300*i,
			PlannedDistanceM: 8000, TargetRPE: 5, TargetZone: 2, Description: long})
		if err != nil {
			t.Fatal(err)
		}
	}
	if _, err := st.AddWorkout(ctx, coach, second.ID, monday, training.Prescription{Sport: "bike", Kind: "easy", Title: "Spin", PlannedDurationS: 3600}); err != nil {
		t.Fatal(err)
	}

	tab := browser.Tab(t, 1280, 900)
	signIn(t, tab, a.URL, "carla@example.com")
	pages := func(path, name string, paper chromedp.PaperSize) int {
		t.Helper()
		if err := chromedp.Do(tab, chromedp.Navigate(a.URL+path), chromedp.WaitVisible(chromedp.CSS(`.sheet`))); err != nil {
			t.Fatal(err)
		}
		pdf, err := chromedp.Run(tab, chromedp.PrintToPDF(chromedp.PDFPaper(paper)))
		if err != nil {
			t.Fatal(err)
		}
		if dir := os.Getenv("REBOUND_SCREENSHOTS"); dir != "" {
			_ = os.MkdirAll(dir, 0o755)
			_ = os.WriteFile(filepath.Join(dir, name+".pdf"), pdf, 0o644)
		}
		return len(pdfPage.FindAll(pdf, -1))
	}
	week := "/athletes/" + itoa(ath.ID) + "/weeks/" + monday.Format(time.DateOnly) + "/print"
	if err := chromedp.Do(tab, chromedp.Navigate(a.URL+week), chromedp.WaitVisible(chromedp.CSS(`.sheet`))); err != nil {
		t.Fatal(err)
	}
	browsertest.Screenshot(t, tab, "print-week-1280")
	if n := pages(week, "print-week-a4", chromedp.PaperA4); n != 1 {
		t.Errorf("the week prints on %d A4 pages, want 1", n)
	}
	if n := pages(week, "print-week-letter", chromedp.PaperLetter); n != 1 {
		t.Errorf("the week prints on %d Letter pages, want 1", n)
	}
	if n := pages("/weeks/"+monday.Format(time.DateOnly)+"/print", "print-roster-a4", chromedp.PaperA4); n != 2 {
		t.Errorf("two athletes' weeks print on %d pages, want 2", n)
	}
	// On paper: no navigation and no buttons.
	hidden, err := chromedp.Run(tab, chromedp.Evaluate[bool](`(() => {
		const sheet = [...document.styleSheets].find(s => s.media.mediaText === 'print');
		return !!sheet && [...sheet.cssRules].some(r => r.selectorText && r.selectorText.includes('.site-header'));
	})()`))
	if err != nil || !hidden {
		t.Errorf("the print stylesheet should hide the navigation (err %v)", err)
	}

	// A device in dark mode still prints black on white.
	if _, err := chromedp.Call(tab, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print",
		Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: "dark"}}}); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(tab, chromedp.Navigate(a.URL+week), chromedp.WaitVisible(chromedp.CSS(`.sheet`))); err != nil {
		t.Fatal(err)
	}
	colours, err := chromedp.Run(tab, chromedp.Evaluate[[]string](`[document.body, document.querySelector(".sheet"), document.querySelector(".sheet-title strong")]
		.map(el => getComputedStyle(el).color + " on " + getComputedStyle(el).backgroundColor)`))
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"rgb(0, 0, 0) on rgb(255, 255, 255)", "rgb(0, 0, 0) on rgb(255, 255, 255)", "rgb(0, 0, 0) on rgba(0, 0, 0, 0)"}; !slices.Equal(colours, want) {
		t.Errorf("printed in dark mode, body, sheet and a title are %q, want %q", colours, want)
	}
}
