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

// A typical morning check-in on a phone (390 × 844), counted in taps from
// the athlete's home: the first question on the home page, the five others
// on the check-in page (the hours slept are filled in with the athlete's
// usual), and Check in: 7 taps, none of them needing a scroll. Then the
// verdict shows instead of the form, with a way to change it; a wrong
// entry brings the focus to the list of errors.
func TestBrowserCheckInOnAPhone(t *testing.T) {
	browser := browsertest.New(t)
	dsn := pgtest.DSN(t)
	a := serveApp(t, map[string]string{"DATABASE_URL": dsn})
	st, _, ath := seedAthlete(t, dsn, "Europe/Berlin")
	// Five mornings of the last week: the usual night is 7 h 30 min.
	maya, _, err := st.Credentials(context.Background(), "maya@example.com")
	if err != nil {
		t.Fatal(err)
	}
	zone, _ := time.LoadLocation("Europe/Berlin")
	now := time.Now().In(zone)
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	for i, h := range []float64{7.5, 7, 8, 7.5, 6.5} {
		if err := st.SaveCheckIn(context.Background(), maya, training.CheckIn{AthleteID: ath.ID, Day: today.AddDate(0, 0, -5+i), Answered: true,
			SleepHours: h, SleepQuality: 4, Fatigue: 4, Soreness: 4, Stress: 4, Mood: 4, Motivation: 4, Score: 85, Light: "green"}); err != nil {
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
	must(chromedp.Do(phone, chromedp.WaitVisible(chromedp.CSS(`.checkin-start`))))
	browsertest.Screenshot(t, phone, "checkin-home-390")

	// tap taps sel as a thumb would: only where it shows on the screen as
	// the page opened, unscrolled.
	taps := 0
	tap := func(sel string) {
		t.Helper()
		inView, err := chromedp.Run(phone, chromedp.Evaluate[bool](`(() => {
			const e = document.querySelector(`+"`"+sel+"`"+`);
			if (!e) return false;
			const r = e.getBoundingClientRect();
			const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
			const shown = hit && (e.contains(hit) || hit.contains(e) || hit.closest('label') === e.closest('label'));
			return window.scrollY === 0 && r.top >= 0 && r.left >= 0 && r.bottom <= window.innerHeight && r.right <= window.innerWidth && r.height >= 44 && !!shown;
		})()`))
		must(err)
		if !inView {
			t.Fatalf("tap %d: %s is not on the screen without scrolling (or smaller than 44 px)", taps+1, sel)
		}
		must(chromedp.Do(phone, chromedp.Click(chromedp.CSS(sel))))
		taps++
	}
	tap(`.checkin-start button[value="4"]`)
	must(chromedp.Do(phone, chromedp.WaitVisible(chromedp.CSS(`form.checkin`))))
	sleep, err := chromedp.Run(phone, chromedp.Value(chromedp.CSS(`#f-sleep_hours`)))
	if err != nil || sleep != "7:30" {
		t.Errorf("hours slept filled in with %q, want the usual 7:30 (%v)", sleep, err)
	}
	if n, _ := chromedp.Run(phone, chromedp.Evaluate[int](`document.querySelectorAll('input[name=sleep_quality][value="4"]:checked').length`)); n != 1 {
		t.Error("the answer given on the home page is not in the form")
	}
	overflow, err := chromedp.Run(phone, chromedp.Evaluate[int](`document.documentElement.scrollWidth - window.innerWidth`))
	if err != nil || overflow > 0 {
		t.Errorf("the check-in form is %d px wider than the phone (%v)", overflow, err)
	}
	// Every tap target of the scales is at least 44 px high.
	small, err := chromedp.Run(phone, chromedp.Evaluate[int](`[...document.querySelectorAll('.scale .choice span')].filter(e => e.getBoundingClientRect().height < 44).length`))
	if err != nil || small > 0 {
		t.Errorf("%d scale buttons are smaller than 44 px (%v)", small, err)
	}
	browsertest.Accessible(t, phone, "the check-in form")
	for _, q := range []struct{ name, v string }{{"fatigue", "3"}, {"soreness", "4"}, {"stress", "3"}, {"mood", "4"}, {"motivation", "4"}} {
		tap(`input[name="` + q.name + `"][value="` + q.v + `"] + span`)
	}
	browsertest.Screenshot(t, phone, "checkin-form-390")
	tap(`form.checkin button[type=submit]`)
	must(chromedp.Do(phone, chromedp.WaitVisible(chromedp.CSS(`.verdict`))))
	if taps > 7 {
		t.Errorf("a morning check-in took %d taps, want at most 7", taps)
	}
	t.Logf("a morning check-in from the home page: %d taps", taps)
	browsertest.Screenshot(t, phone, "checkin-verdict-390")

	// After saving: the verdict, not the form again, and a way to change it.
	verdict, err := chromedp.Run(phone, chromedp.Text(chromedp.CSS(`.verdict`)))
	must(err)
	if !strings.Contains(verdict, "Green") {
		t.Errorf("verdict = %q", verdict)
	}
	if n, _ := chromedp.Run(phone, chromedp.Evaluate[int](`document.querySelectorAll('.verdict .reasons li').length`)); n == 0 {
		t.Error("the light comes without reasons")
	}
	if n, _ := chromedp.Run(phone, chromedp.Evaluate[int](`document.querySelectorAll('form.checkin').length`)); n != 0 {
		t.Error("the form shows again after saving")
	}
	must(chromedp.Do(phone, chromedp.Click(chromedp.CSS(`a[href="/checkin?edit"]`)), chromedp.WaitVisible(chromedp.CSS(`form.checkin`))))
	if n, _ := chromedp.Run(phone, chromedp.Evaluate[int](`document.querySelectorAll('input[name=fatigue][value="3"]:checked').length`)); n != 1 {
		t.Error("changing today's check-in does not show its answers")
	}

	// A wrong entry: the focus goes to the list of errors, which links to
	// the field; the field says it is invalid and why, and keeps the text.
	must(chromedp.Do(phone,
		chromedp.SetValue(chromedp.CSS(`#f-sleep_hours`), "seven"),
		chromedp.Click(chromedp.CSS(`form.checkin button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`.error-summary`)),
	))
	browsertest.Screenshot(t, phone, "checkin-error-390")
	focused, err := chromedp.Run(phone, chromedp.Evaluate[string](`document.activeElement.className`))
	if err != nil || !strings.Contains(focused, "error-summary") {
		t.Errorf("focus is on %q, want the error summary (%v)", focused, err)
	}
	state, err := chromedp.Run(phone, chromedp.Evaluate[string](`(() => {
		const i = document.getElementById('f-sleep_hours');
		const link = document.querySelector('.error-summary a[href="#f-sleep_hours"]');
		return [i.value, i.getAttribute('aria-invalid'), i.getAttribute('aria-describedby'), link ? 'linked' : 'unlinked'].join('|');
	})()`))
	if err != nil || state != "seven|true|f-sleep_hours-hint f-sleep_hours-error|linked" {
		t.Errorf("the invalid field: %q (%v)", state, err)
	}
	browsertest.Accessible(t, phone, "the check-in with an error")
}
