package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"rebound/internal/browsertest"
	"rebound/internal/demo"
	"rebound/internal/pgtest"
	"rebound/internal/store"
)

// On the demo, the overreaching athlete is above the steady one on the
// coach's dashboard and their page gives the resting-HR reason; the
// dashboard, an athlete page and an athlete's phone home are the README's
// screenshots (saved with REBOUND_SCREENSHOTS).
func TestBrowserDemoDashboard(t *testing.T) {
	browser := browsertest.New(t)
	_, res, a := demoApp(t)
	story := map[string]demo.Athlete{}
	for _, ath := range res.Athletes {
		story[ath.Story] = ath
	}
	steady, over := story["steady"], story["overreaching"]

	tab := browser.Tab(t, 1280, 900)
	signInWith(t, tab, a.URL, res.Coach.Email, res.Coach.Password)
	names, err := chromedp.Run(tab, chromedp.Evaluate[[]string](
		`[...document.querySelectorAll('table.dashboard tbody th > a:first-child')].map(a => a.textContent.trim())`))
	if err != nil {
		t.Fatal(err)
	}
	pos := func(name string) int {
		for i, n := range names {
			if n == name {
				return i
			}
		}
		t.Fatalf("%s is not on the dashboard %v", name, names)
		return -1
	}
	if pos(over.Name) > pos(steady.Name) {
		t.Errorf("the overreaching %s is below the steady %s: %v", over.Name, steady.Name, names)
	}
	browsertest.Screenshot(t, tab, "demo-dashboard-1280")

	if err := chromedp.Do(tab, chromedp.Navigate(a.URL+"/athletes/"+itoa(over.ID)), chromedp.WaitVisible(chromedp.CSS(`#readiness`))); err != nil {
		t.Fatal(err)
	}
	text, err := chromedp.Run(tab, chromedp.Text(chromedp.CSS(`main`)))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text, "Resting HR") || !strings.Contains(text, "above your 28-day baseline") {
		t.Errorf("%s's page does not give the resting-HR reason", over.Name)
	}
	browsertest.Screenshot(t, tab, "demo-athlete-1280")

	phone := browser.Tab(t, 390, 844)
	signInWith(t, phone, a.URL, steady.Email, steady.Password)
	home, err := chromedp.Run(phone, chromedp.Text(chromedp.CSS(`main`)))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(home, "This week") {
		t.Error("the athlete's home lacks the week at a glance")
	}
	browsertest.Screenshot(t, phone, "demo-athlete-home-390")
}

// demoApp seeds the demo as of now into a private database and serves the
// app on it.
func demoApp(t *testing.T) (*store.Store, demo.Result, *app) {
	t.Helper()
	dsn := pgtest.DSN(t)
	st, err := store.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(st.Close)
	res, err := demo.Seed(context.Background(), st, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	return st, res, serveApp(t, map[string]string{"DATABASE_URL": dsn})
}
