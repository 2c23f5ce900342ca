package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"rebound/internal/browsertest"
	"rebound/internal/pgtest"
	"rebound/internal/timezone"
	"rebound/internal/training"
)

// The athlete comments on yesterday's workout from a phone; the coach sees
// the unread badge on the dashboard, opens the thread and replies; the
// athlete finds the reply on her home and reads it.
func TestBrowserCommentOnYesterdaysWorkout(t *testing.T) {
	browser := browsertest.New(t)
	dsn := pgtest.DSN(t)
	a := serveApp(t, map[string]string{"DATABASE_URL": dsn})
	st, coach, ath := seedAthlete(t, dsn, "Europe/Berlin")
	ctx := context.Background()
	now := time.Now().In(timezone.Location("Europe/Berlin"))
	yesterday := time.Date(now.Year(), now.Month(), now.Day()-1, 0, 0, 0, 0, time.UTC)
	wo, err := st.AddWorkout(ctx, coach, ath.ID, yesterday, training.Prescription{Sport: "run", Kind: "easy", Title: "Easy run", PlannedDurationS: 2700})
	if err != nil {
		t.Fatal(err)
	}
	mayaUser, _, err := st.Credentials(ctx, "maya@example.com")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.LogWorkout(ctx, mayaUser, wo.ID, training.Log{Status: "done", DurationS: 2700, RPE: 5, Notes: "Calves tight after 20 minutes."}); err != nil {
		t.Fatal(err)
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	text := func(tab context.Context, sel string) string {
		t.Helper()
		s, err := chromedp.Run(tab, chromedp.Text(chromedp.CSS(sel)))
		must(err)
		return s
	}
	fits := func(tab context.Context, name string) {
		t.Helper()
		overflow, err := chromedp.Run(tab, chromedp.Evaluate[int](`document.documentElement.scrollWidth - window.innerWidth`))
		if err != nil || overflow > 0 {
			t.Errorf("%s is %d px wider than the phone (%v)", name, overflow, err)
		}
	}

	// The athlete, on her phone: the week, yesterday's run, a comment.
	phone := browser.Tab(t, 390, 844)
	signIn(t, phone, a.URL, "maya@example.com")
	must(chromedp.Do(phone, chromedp.Click(chromedp.CSS(`.actions a[href*="/weeks/"]`)), chromedp.WaitVisible(chromedp.CSS(`ol.week`))))
	if now.Weekday() == time.Monday { // yesterday was the week before's

		must(chromedp.Do(phone, chromedp.Click(chromedp.CSS(`a[rel=prev]`)), chromedp.WaitVisible(chromedp.CSS(`ol.week`))))
	}
	browsertest.Screenshot(t, phone, "comment-week-390")
	must(chromedp.Do(phone, chromedp.Click(chromedp.CSS(`a.talk[href$="/workouts/`+itoa(wo.ID)+`/comments"]`)),
		chromedp.WaitVisible(chromedp.CSS(`#f-body`))))
	if got := text(phone, `.comment.note`); !strings.Contains(got, "Calves tight after 20 minutes.") {
		t.Errorf("the thread does not start with the log's note: %q", got)
	}
	must(chromedp.Do(phone,
		chromedp.SendKeys(chromedp.CSS(`#f-body`), "Should I skip Thursday's tempo?\nThis helped: https://example.com/calves <b>really</b>"),
		chromedp.Click(chromedp.CSS(`.comment-form button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`.comment.own`)),
	))
	browsertest.Screenshot(t, phone, "comment-athlete-390")
	fits(phone, "the thread")
	browsertest.Accessible(t, phone, "the thread on a phone")
	mine := text(phone, `.comment.own .plain-text`)
	if !strings.Contains(mine, "Thursday's tempo?\nThis helped") || !strings.Contains(mine, "<b>really</b>") {
		t.Errorf("the comment as shown: %q", mine)
	}
	rel, err := chromedp.Run(phone, chromedp.AttributeValue(chromedp.CSS(`.comment.own a[href="https://example.com/calves"]`), "rel"))
	if err != nil || rel.Value != "noopener nofollow ugc" {
		t.Errorf("the link's rel = %q (%v)", rel.Value, err)
	}

	// The coach, at a desk: the badge, the thread, a reply.
	desk := browser.Tab(t, 1280, 900)
	signIn(t, desk, a.URL, "carla@example.com")
	must(chromedp.Do(desk, chromedp.WaitVisible(chromedp.CSS(`a.badge.new`))))
	browsertest.Screenshot(t, desk, "comment-dashboard-badge")
	browsertest.Accessible(t, desk, "the dashboard")
	if got := text(desk, `a.badge.new`); got != "1 new comment" {
		t.Errorf("badge = %q", got)
	}
	must(chromedp.Do(desk, chromedp.Click(chromedp.CSS(`a.badge.new`)), chromedp.WaitVisible(chromedp.CSS(`.thread-item`))))
	browsertest.Screenshot(t, desk, "comment-list")
	browsertest.Accessible(t, desk, "the athlete's comments")
	must(chromedp.Do(desk, chromedp.Click(chromedp.CSS(`.thread-item a`)), chromedp.WaitVisible(chromedp.CSS(`.comment.unread`))))
	browsertest.Screenshot(t, desk, "comment-coach-thread")
	must(chromedp.Do(desk,
		chromedp.SendKeys(chromedp.CSS(`#f-body`), "Good call asking. Swap Thursday for 40 min easy; we'll see on Saturday."),
		chromedp.Click(chromedp.CSS(`.comment-form button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`.comment.by-coach.own`)),
	))
	browsertest.Screenshot(t, desk, "comment-coach-replied")
	must(chromedp.Do(desk, chromedp.Navigate(a.URL+"/")))
	if n, _ := chromedp.Run(desk, chromedp.Evaluate[int](`document.querySelectorAll('a.badge.new').length`)); n != 0 {
		t.Error("the badge stays after the coach read and replied")
	}

	// The athlete sees the reply on her home, and reads it.
	must(chromedp.Do(phone, chromedp.Navigate(a.URL+"/"), chromedp.WaitVisible(chromedp.CSS(`.news`))))
	browsertest.Screenshot(t, phone, "comment-athlete-home-390")
	fits(phone, "the home")
	browsertest.Accessible(t, phone, "the athlete's home")
	if got := text(phone, `.news`); !strings.Contains(got, "Swap Thursday for 40 min easy") || !strings.Contains(got, "1 new") {
		t.Errorf("the news on the home: %q", got)
	}
	must(chromedp.Do(phone, chromedp.Click(chromedp.CSS(`.news .thread-item a`)), chromedp.WaitVisible(chromedp.CSS(`.comment.by-coach`))))
	browsertest.Screenshot(t, phone, "comment-athlete-reply-390")
	if got := text(phone, `.comment.by-coach .plain-text`); !strings.Contains(got, "Swap Thursday for 40 min easy") {
		t.Errorf("the reply: %q", got)
	}
	must(chromedp.Do(phone, chromedp.Navigate(a.URL+"/")))
	if n, _ := chromedp.Run(phone, chromedp.Evaluate[int](`document.querySelectorAll('.news').length`)); n != 0 {
		t.Error("the reply is still news after she read it")
	}
}

// The account page on a phone offers the device's own time zone (by the
// site's script) and saves it.
func TestBrowserAccountOffersTheDevicesZone(t *testing.T) {
	browser := browsertest.New(t)
	dsn := pgtest.DSN(t)
	a := serveApp(t, map[string]string{"DATABASE_URL": dsn})
	st, coach, ath := seedAthlete(t, dsn, "Europe/Berlin")
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	phone := browser.Tab(t, 390, 844)
	must(chromedp.Do(phone, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetTimezoneOverride, emulation.SetTimezoneOverrideParams{TimezoneID: "America/New_York"})
		return err
	})))
	signIn(t, phone, a.URL, "maya@example.com")
	must(chromedp.Do(phone, chromedp.Click(chromedp.CSS(`.site-nav a[href="/account"]`)), chromedp.WaitVisible(chromedp.CSS(`[data-zone-offer] button`))))
	browsertest.Screenshot(t, phone, "account-390")
	browsertest.Accessible(t, phone, "the account page")
	offer, err := chromedp.Run(phone, chromedp.Text(chromedp.CSS(`[data-zone-offer] button`)))
	must(err)
	if offer != "Use this device's zone: America/New York" {
		t.Errorf("offer = %q", offer)
	}
	must(chromedp.Do(phone, chromedp.Click(chromedp.CSS(`[data-zone-offer] button`)),
		chromedp.Click(chromedp.CSS(`main form[action="/account"] button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`.notice.success`))))
	got, err := st.Athlete(context.Background(), coach, ath.ID)
	if err != nil || got.Timezone != "America/New_York" {
		t.Errorf("zone after saving: %q (%v)", got.Timezone, err)
	}
	overflow, err := chromedp.Run(phone, chromedp.Evaluate[int](`document.documentElement.scrollWidth - window.innerWidth`))
	if err != nil || overflow > 0 {
		t.Errorf("the account page is %d px wider than the phone (%v)", overflow, err)
	}
	// Where the device's zone is the one chosen, nothing is offered.
	if n, _ := chromedp.Run(phone, chromedp.Evaluate[int](`document.querySelectorAll('[data-zone-offer]:not([hidden])').length`)); n != 0 {
		t.Error("the zone already chosen is offered again")
	}
}
