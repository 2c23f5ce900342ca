package main

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"rebound/internal/browsertest"
	"rebound/internal/demo"
	"rebound/internal/pgtest"
	"rebound/internal/training"
)

// The page tour: every page, as a visitor, the coach and the athlete, on a
// phone and on a desktop, in the light and the dark colour scheme. Each is
// checked by axe-core (no serious or critical violation) and the basic
// checks (one h1, labels, names, contrast), and is no wider than the
// screen; on the phone, the pages of the athlete and the sign-in have no
// link or button under 44 px tall (WCAG 2.5.5), except a link inside
// running text (WCAG 2.5.8's inline exception). With REBOUND_SCREENSHOTS
// set, each is saved to look at. One tour, so each page loads once a width.
func TestBrowserEveryPage(t *testing.T) {
	browser := browsertest.New(t)
	visitTour(t, browser, func(tab context.Context, at tourStop) {
		browsertest.Screenshot(t, tab, at.name)
		over, err := chromedp.Run(tab, chromedp.Evaluate[int](`document.documentElement.scrollWidth - window.innerWidth`))
		if err != nil || over > 0 {
			t.Errorf("%s: %d px too wide (%v)", at.name, over, err)
		}
		browsertest.Accessible(t, tab, at.name)
		violations, err := browsertest.Axe(tab)
		if err != nil {
			t.Errorf("%s: axe: %v", at.name, err)
		}
		for _, v := range violations {
			t.Errorf("%s: %s", at.name, v)
		}
		if at.width < 600 && at.scheme == "light" && !at.coach {
			small, err := chromedp.Run(tab, chromedp.Evaluate[[]string](smallTargetsJS))
			if err != nil {
				t.Errorf("%s: %v", at.name, err)
			}
			for _, s := range small {
				t.Errorf("%s: tap target under 44 px: %s", at.name, s)
			}
		}
	})
}

// smallTargetsJS lists the visible links and buttons under 44 px tall,
// leaving out a link in a line of text: an inline element whose block has
// words besides its own.
const smallTargetsJS = `(() => {
  const out = [];
  const blockOf = el => { let b = el.parentElement; while (b && getComputedStyle(b).display.startsWith("inline")) b = b.parentElement; return b || document.body; };
  for (const el of document.querySelectorAll("a[href], button, summary, input[type=submit], input[type=button]")) {
    const r = el.getBoundingClientRect(), s = getComputedStyle(el);
    if (r.width === 0 || r.height === 0 || r.right <= 0 || s.visibility === "hidden" || el.closest(".visually-hidden, [hidden]")) continue;
    if (r.height >= 44) continue;
    if (s.display === "inline" && blockOf(el).textContent.replace(el.textContent, "").trim() !== "") continue;
    out.push(JSON.stringify((el.textContent || el.value || el.getAttribute("aria-label") || "").trim().replace(/\s+/g, " ").slice(0, 40)) + " " + Math.round(r.width) + "×" + Math.round(r.height));
  }
  return out;
})()`

// A tourStop is a page of the tour as one user sees it at one width in
// one colour scheme; name says all of it.
type tourStop struct {
	name   string
	width  int64
	scheme string
	coach  bool
}

// A tour leg is a user and the pages they open; no email: signed out.
type tourLeg struct {
	email, password string
	pages           []string
	coach           bool
}

// visitTour serves the app with a coach and an athlete of a fresh plan
// (carla and maya) and the demo's coaching business beside them, and opens
// every page of theirs as each user at 390 and 1280 px, calling check on
// it in the light and then the dark colour scheme (switched in place: the
// page need not load again).
func visitTour(t *testing.T, browser *browsertest.Browser, check func(tab context.Context, at tourStop)) {
	t.Helper()
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
	if _, err := st.AddEvent(ctx, coach, ath.ID, training.Event{Name: "City Marathon", Day: today.AddDate(0, 4, 0), Sport: "run", Kind: "marathon", Priority: "A"}); err != nil {
		t.Fatal(err)
	}
	for i, pl := range []training.Prescription{
		{Sport: "run", Kind: "intervals", Title: "6 × 800 m at 5K pace", PlannedDurationS: 3600, TargetRPE: 8, Description: "15 min easy, 6 × 800 m, 90 s jog"},
		{Sport: "run", Kind: "recovery", Title: "Recovery jog", PlannedDurationS: 1800, TargetRPE: 2},
		{Sport: "bike", Kind: "long", Title: "Long ride", PlannedDurationS: 9000, TargetRPE: 4},
	} {
		if _, err := st.AddWorkout(ctx, coach, ath.ID, today.AddDate(0, 0, i-1), pl); err != nil {
			t.Fatal(err)
		}
	}
	res, err := demo.Seed(ctx, st, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	list, _ := st.Workouts(ctx, coach, ath.ID, today.AddDate(0, 0, -1), today.AddDate(0, 0, -1))
	id, wid := itoa(ath.ID), itoa(list[0].ID)
	monday := training.WeekStart(today, false).Format(time.DateOnly)
	printed := "/athletes/" + id + "/weeks/" + monday + "/print"
	var over, steady demo.Athlete
	for _, x := range res.Athletes {
		switch x.Story {
		case demo.Overreaching:
			over = x
		case demo.Steady:
			steady = x
		}
	}
	overPage, steadyPage := "/athletes/"+itoa(over.ID), "/athletes/"+itoa(steady.ID)
	legs := []tourLeg{
		{pages: []string{"/login"}},
		{"carla@example.com", "kettle orbit walnut", []string{printed, "/weeks/" + monday + "/print", "/", "/athletes", "/athletes/new", "/athletes/" + id, "/athletes/" + id + "/edit",
			"/athletes/" + id + "/events/new", "/athletes/" + id + "/weeks", "/athletes/" + id + "/workouts/new",
			"/athletes/" + id + "/workouts/" + wid + "/edit", "/athletes/" + id + "/plan", "/athletes/" + id + "/plan/new",
			"/athletes/" + id + "/plan/history", "/athletes/" + id + "/checkins", "/athletes/" + id + "/checkins/import", "/coaches"}, true},
		{"maya@example.com", "kettle orbit walnut", []string{printed, "/", "/checkin", "/athletes/" + id, "/athletes/" + id + "/weeks", "/athletes/" + id + "/log",
			"/athletes/" + id + "/workouts/" + wid + "/log", "/athletes/" + id + "/checkins", "/athletes/" + id + "/plan", "/account"}, false},
		// The demo's months of history fill what a fresh plan leaves
		// empty: the dashboard's lights and sparklines, charts, check-ins.
		{res.Coach.Email, res.Coach.Password, []string{"/", overPage, overPage + "/weeks", overPage + "/checkins", overPage + "/plan"}, true},
		{steady.Email, steady.Password, []string{"/", "/checkin", steadyPage + "/weeks", steadyPage, steadyPage + "/checkins"}, false},
	}
	for _, leg := range legs {
		who := "visitor"
		if leg.email != "" {
			who = strings.Split(leg.email, "@")[0]
		}
		for _, width := range []int64{390, 1280} {
			var tab context.Context
			for i, path := range leg.pages {
				// A tab's work must end within 90 s (browsertest.Tab), and
				// each page here is checked twice: a fresh tab every six.
				if i%6 == 0 {
					tab = browser.Tab(t, width, 900)
					if leg.email != "" {
						signInWith(t, tab, a.URL, leg.email, leg.password)
					}
				}
				if err := chromedp.Do(tab, chromedp.Navigate(a.URL+path)); err != nil {
					t.Fatalf("%s: %v", path, err)
				}
				for _, scheme := range []string{"light", "dark"} {
					if err := browsertest.ColorScheme(tab, scheme); err != nil {
						t.Fatal(err)
					}
					name := fmt.Sprintf("tour-%s-%d-%s%s", who, width, scheme, strings.ReplaceAll(path, "/", "-"))
					check(tab, tourStop{name: name, width: width, scheme: scheme, coach: leg.coach})
				}
			}
		}
	}
}
