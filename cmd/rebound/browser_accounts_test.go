package main

import (
	"context"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
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

	// The first athlete's time zone: the coach's device's, filled in.
	must(chromedp.Do(coach, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetTimezoneOverride, emulation.SetTimezoneOverrideParams{TimezoneID: "Asia/Tokyo"})
		return err
	})))
	must(chromedp.Do(coach,
		chromedp.Click(chromedp.CSS(`a.button[href="/athletes/new"]`)),
		chromedp.WaitVisible(chromedp.CSS(`#f-timezone`)),
	))
	if zone, _ := chromedp.Run(coach, chromedp.Value(chromedp.CSS(`#f-timezone`))); zone != "Asia/Tokyo" {
		t.Errorf("the new athlete's zone = %q, want the device's Asia/Tokyo", zone)
	}
	must(chromedp.Do(coach,
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
	// The link is on a page of its own, at the top, with a code to scan and
	// nothing beside it that would replace it.
	invitePage, err := chromedp.Run(coach, chromedp.Location())
	must(err)
	if !regexp.MustCompile(`/athletes/\d+/invite$`).MatchString(invitePage) {
		t.Errorf("after adding an athlete the coach is at %s", invitePage)
	}
	top, err := chromedp.Run(coach, chromedp.Evaluate[float64](`document.getElementById("copy-link").getBoundingClientRect().bottom`))
	if err != nil || top > 500 {
		t.Errorf("the link's field ends %.0f px down (%v)", top, err)
	}
	replacing, err := chromedp.Run(coach, chromedp.Evaluate[int](`document.querySelectorAll('main form[action$="/invite"]').length`))
	if err != nil || replacing != 0 {
		t.Errorf("%d forms beside the fresh link make a new one (%v)", replacing, err)
	}
	if qr, err := chromedp.Run(coach, chromedp.Evaluate[int](`document.querySelectorAll("svg.qr path").length`)); err != nil || qr != 1 {
		t.Errorf("no QR code (%d, %v)", qr, err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for text(`[data-copy]`) != "Copied" {
		if time.Now().After(deadline) {
			t.Fatal("the Copy button did not react")
		}
		time.Sleep(20 * time.Millisecond)
	}
	browsertest.Screenshot(t, coach, "athlete-invite-link")
	// A refresh shows the same link: nothing is posted again.
	must(chromedp.Do(coach, chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS(`#copy-link`))))
	if again, _ := chromedp.Run(coach, chromedp.Value(chromedp.CSS(`#copy-link`))); again != link {
		t.Errorf("after a refresh the link is %q, was %q", again, link)
	}
	must(chromedp.Do(coach, chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile, chromedp.EmulateTouch, chromedp.EmulateScale(2))))
	browsertest.Screenshot(t, coach, "athlete-invite-link-390")
	must(chromedp.Do(coach, chromedp.EmulateViewport(1280, 900)))
	// A new link is a step of its own, which says what becomes of this one;
	// keeping it keeps it.
	must(chromedp.Do(coach,
		chromedp.Click(chromedp.CSS(`main a[href$="/invite/new"]`)),
		chromedp.WaitVisible(chromedp.CSS(`main form[action$="/invite"] button`)),
	))
	browsertest.Screenshot(t, coach, "athlete-invite-confirm")
	if got := text("main"); !strings.Contains(got, "stops working at once") {
		t.Errorf("the confirmation says %q", got)
	}
	must(chromedp.Do(coach, chromedp.Click(chromedp.CSS(`main a.button.secondary[href$="/invite"]`)), chromedp.WaitVisible(chromedp.CSS(`#copy-link`))))
	if kept, _ := chromedp.Run(coach, chromedp.Value(chromedp.CSS(`#copy-link`))); kept != link {
		t.Errorf("after keeping the link it is %q, was %q", kept, link)
	}

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
