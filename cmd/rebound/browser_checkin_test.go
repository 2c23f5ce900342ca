package main

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"rebound/internal/browsertest"
	"rebound/internal/pgtest"
)

// The athlete checks in on a phone: sleep, six taps, submit, and sees the
// light with its reasons.
func TestBrowserCheckInOnAPhone(t *testing.T) {
	browser := browsertest.New(t)
	dsn := pgtest.DSN(t)
	a := serveApp(t, map[string]string{"DATABASE_URL": dsn})
	seedAthlete(t, dsn, "Europe/Berlin")

	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	phone := browser.Tab(t, 390, 844)
	signIn(t, phone, a.URL, "maya@example.com")
	must(chromedp.Do(phone,
		chromedp.WaitVisible(chromedp.CSS(`.cta a.button`)),
		chromedp.Click(chromedp.CSS(`.cta a.button`)),
		chromedp.WaitVisible(chromedp.CSS(`form.checkin`)),
	))
	browsertest.Screenshot(t, phone, "checkin-form-390")
	overflow, err := chromedp.Run(phone, chromedp.Evaluate[int](`document.documentElement.scrollWidth - window.innerWidth`))
	if err != nil || overflow > 0 {
		t.Errorf("the check-in form is %d px wider than the phone (%v)", overflow, err)
	}
	// Every tap target of the scales is at least 44 px high.
	small, err := chromedp.Run(phone, chromedp.Evaluate[int](`[...document.querySelectorAll('.scale .choice span')].filter(e => e.getBoundingClientRect().height < 44).length`))
	if err != nil || small > 0 {
		t.Errorf("%d scale buttons are smaller than 44 px (%v)", small, err)
	}
	steps := []chromedp.Action[chromedp.Void]{chromedp.SendKeys(chromedp.CSS(`#f-sleep_hours`), "5:45")}
	for name, v := range map[string]string{"sleep_quality": "2", "fatigue": "2", "soreness": "3", "stress": "3", "mood": "3", "motivation": "4"} {
		steps = append(steps, chromedp.Click(chromedp.CSS(`input[name="`+name+`"][value="`+v+`"] + span`)))
	}
	steps = append(steps, chromedp.Click(chromedp.CSS(`form.checkin button[type=submit]`)), chromedp.WaitVisible(chromedp.CSS(`.verdict`)))
	must(chromedp.Do(phone, steps...))
	browsertest.Screenshot(t, phone, "checkin-verdict-390")
	verdict, err := chromedp.Run(phone, chromedp.Text(chromedp.CSS(`.verdict`)))
	must(err)
	// 5 h 45 min is under 6 h; with only this check-in there is no baseline.
	if !strings.Contains(verdict, "Amber") || !strings.Contains(verdict, "5 h 45") {
		t.Errorf("verdict = %q", verdict)
	}
	if n, _ := chromedp.Run(phone, chromedp.Evaluate[int](`document.querySelectorAll('.verdict .reasons li').length`)); n == 0 {
		t.Error("the light comes without reasons")
	}
}
