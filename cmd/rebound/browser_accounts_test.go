package main

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"rebound/internal/browsertest"
	"rebound/internal/pgtest"
)

// The whole path of a new server: the first coach signs up, adds an
// athlete and copies the invite link; the athlete opens it on a phone, sets
// a password, lands on their home, and cannot reach the coach's pages.
func TestBrowserSignupInviteAndAthleteHome(t *testing.T) {
	browser := browsertest.New(t)
	a := serveApp(t, map[string]string{"DATABASE_URL": pgtest.DSN(t)})
	coach := browser.Tab(t, 1280, 900)

	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	text := func(sel string) string {
		t.Helper()
		s, err := chromedp.Run(coach, chromedp.Text(chromedp.CSS(sel)))
		must(err)
		return s
	}

	must(chromedp.Do(coach, chromedp.Navigate(a.URL+"/")))
	must(chromedp.Do(coach, chromedp.Click(chromedp.CSS(`a[href="/signup"].button`))))
	must(chromedp.Do(coach, chromedp.WaitVisible(chromedp.CSS(`#f-name`))))
	browsertest.Screenshot(t, coach, "signup")
	// A mistake first: the error shows next to the field and the name stays.
	must(chromedp.Do(coach,
		chromedp.SendKeys(chromedp.CSS(`#f-name`), "Carla Coach"),
		chromedp.SendKeys(chromedp.CSS(`#f-email`), "carla@example.com"),
		chromedp.SendKeys(chromedp.CSS(`#f-password`), "short"),
		chromedp.Click(chromedp.CSS(`main form button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`#f-password-error`)),
	))
	browsertest.Screenshot(t, coach, "signup-error")
	if name, _ := chromedp.Run(coach, chromedp.Value(chromedp.CSS(`#f-name`))); name != "Carla Coach" {
		t.Errorf("name after the error = %q", name)
	}
	must(chromedp.Do(coach,
		chromedp.SendKeys(chromedp.CSS(`#f-password`), "kettle orbit walnut"),
		chromedp.Click(chromedp.CSS(`main form button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`a[href="/athletes/new"]`)),
	))
	browsertest.Screenshot(t, coach, "coach-home-empty")
	if got := text(".notice.success"); !strings.Contains(got, "Welcome to Rebound, Carla Coach") {
		t.Errorf("welcome = %q", got)
	}

	must(chromedp.Do(coach,
		chromedp.Click(chromedp.CSS(`a.button[href="/athletes/new"]`)),
		chromedp.WaitVisible(chromedp.CSS(`#f-timezone`)),
		chromedp.SendKeys(chromedp.CSS(`#f-name`), "Maya Runner"),
		chromedp.SendKeys(chromedp.CSS(`#f-email`), "maya@example.com"),
		chromedp.SetValue(chromedp.CSS(`#f-timezone`), "Europe/Berlin"),
	))
	browsertest.Screenshot(t, coach, "athlete-new")
	must(chromedp.Do(coach,
		chromedp.Click(chromedp.CSS(`main form button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`#copy-link`)),
		chromedp.Click(chromedp.CSS(`[data-copy]`)),
	))
	link, err := chromedp.Run(coach, chromedp.Value(chromedp.CSS(`#copy-link`)))
	must(err)
	if !strings.HasPrefix(link, a.URL+"/invite/") {
		t.Fatalf("invite link = %q", link)
	}
	deadline := time.Now().Add(5 * time.Second)
	for text(`[data-copy]`) != "Copied" {
		if time.Now().After(deadline) {
			t.Fatal("the Copy button did not react")
		}
		time.Sleep(20 * time.Millisecond)
	}
	browsertest.Screenshot(t, coach, "athlete-invite-link")

	// The athlete, on a phone, in a browser that has never seen the coach's.
	phone := browser.Tab(t, 390, 844)
	must(chromedp.Do(phone, chromedp.Navigate(link), chromedp.WaitVisible(chromedp.CSS(`#f-password`))))
	browsertest.Screenshot(t, phone, "invite-accept-390")
	h1, err := chromedp.Run(phone, chromedp.Text(chromedp.CSS(`main h1`)))
	must(err)
	if h1 != "Welcome, Maya Runner" {
		t.Errorf("invite page h1 = %q", h1)
	}
	must(chromedp.Do(phone,
		chromedp.SendKeys(chromedp.CSS(`#f-password`), "maya's morning run"),
		chromedp.Click(chromedp.CSS(`main form button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`.notice.success`)),
	))
	browsertest.Screenshot(t, phone, "athlete-home-390")
	h1, err = chromedp.Run(phone, chromedp.Text(chromedp.CSS(`main h1`)))
	must(err)
	if !strings.HasSuffix(h1, "Maya") {
		t.Errorf("athlete home h1 = %q", h1)
	}
	for _, path := range []string{"/athletes", "/athletes/new", "/coaches"} {
		must(chromedp.Do(phone, chromedp.Navigate(a.URL+path)))
		got, err := chromedp.Run(phone, chromedp.Text(chromedp.CSS(`main h1`)))
		must(err)
		if got != "Page not found" {
			t.Errorf("athlete at %s sees %q", path, got)
		}
	}
	browsertest.Screenshot(t, phone, "athlete-404-390")
	overflow, err := chromedp.Run(phone, chromedp.Evaluate[int](`document.documentElement.scrollWidth - window.innerWidth`))
	if err != nil || overflow > 0 {
		t.Errorf("the phone page overflows by %d px (%v)", overflow, err)
	}

	// Back on the coach's screen, the athlete has joined.
	must(chromedp.Do(coach, chromedp.Navigate(a.URL+"/athletes")))
	browsertest.Screenshot(t, coach, "roster")
	if got := text(`.roster tbody tr`); !strings.Contains(got, "Maya Runner") || !strings.Contains(got, "Joined") {
		t.Errorf("roster row = %q", got)
	}
}
