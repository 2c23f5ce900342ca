package main

import (
	"context"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"rebound/internal/browsertest"
	"rebound/internal/demo"
	"rebound/internal/training"
)

// On the demo, the ill, the overreaching and the short-night athletes get
// proposals that follow three different rules; the coach applies each,
// and the week read back in the browser states in no workout's title or
// description a duration, RPE, zone or distance other than its targets.
func TestBrowserProposalsAnswerTheReason(t *testing.T) {
	browser := browsertest.New(t)
	_, res, a := demoApp(t)
	tab := browser.Tab(t, 1280, 900)
	signInWith(t, tab, a.URL, res.Coach.Email, res.Coach.Password)

	seen := map[string]string{}
	for _, c := range []struct{ story, rule string }{
		{demo.Ill, "no training at all, recovery sessions included"},
		{demo.Overreaching, "signs of poor recovery"},
		{demo.TrailUltra, "One sign of poor recovery today"},
	} {
		var ath demo.Athlete
		for _, x := range res.Athletes {
			if x.Story == c.story {
				ath = x
			}
		}
		if err := chromedp.Do(tab, chromedp.Navigate(a.URL+"/athletes/"+itoa(ath.ID)), chromedp.WaitVisible(chromedp.CSS(`#proposal`))); err != nil {
			t.Fatalf("%s: no proposal on the athlete page: %v", ath.Name, err)
		}
		rules, err := chromedp.Run(tab, chromedp.Text(chromedp.CSS(`#proposal .rules`)))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(rules, c.rule) {
			t.Errorf("%s: the proposal's rules lack %q:\n%s", ath.Name, c.rule, rules)
		}
		for other, r := range seen {
			if r == rules {
				t.Errorf("%s and %s get the same rules", ath.Name, other)
			}
		}
		seen[ath.Name] = rules
		if n, _ := chromedp.Run(tab, chromedp.Evaluate[int](`document.querySelectorAll('#proposal .week-diff tbody tr').length`)); n != 7 {
			t.Errorf("%s: the proposal shows %d days, want the week", ath.Name, n)
		}
		browsertest.Screenshot(t, tab, "proposal-"+c.story)

		if err := chromedp.Do(tab, chromedp.Click(chromedp.CSS(`#proposal form[action$="/apply"] button`)), chromedp.WaitVisible(chromedp.CSS(`.week`))); err != nil {
			t.Fatal(err)
		}
		if flash, _ := chromedp.Run(tab, chromedp.Text(chromedp.CSS(`.notice.success`))); !strings.Contains(flash, "Applied") {
			t.Errorf("%s: flash %q", ath.Name, flash)
		}
		browsertest.Screenshot(t, tab, "week-after-"+c.story)
		cards, err := chromedp.Run(tab, chromedp.Evaluate[[]weekCard](`[...document.querySelectorAll('article.workout')].map(a => ({
			title: a.querySelector('h3').firstChild.textContent.trim(),
			planned: (a.querySelector('.planned') || {textContent: ''}).textContent.replace('Plan', '').trim(),
			description: (a.querySelector('.description') || {textContent: ''}).textContent}))`))
		if err != nil {
			t.Fatal(err)
		}
		if len(cards) == 0 {
			t.Fatalf("%s: the week shows no workouts", ath.Name)
		}
		for _, card := range cards {
			if p := card.problem(); p != "" {
				t.Errorf("%s: %q (%s): %s\n%s", ath.Name, card.Title, card.Planned, p, card.Description)
			}
		}
	}
}

// weekCard is a workout as the week view shows it.
type weekCard struct {
	Title       string `json:"title"`
	Planned     string `json:"planned"` // "1 h 5 min · 12.4 km · RPE 3 · zone 2"
	Description string `json:"description"`
}

var (
	cardDuration = regexp.MustCompile(`(\d+) h(?: (\d+) min)?|(\d+) min\b`)
	cardReps     = regexp.MustCompile(`(\d+) × (\d+) (min|s)\b`)
	cardRPE      = regexp.MustCompile(`RPE (\d+(?:\.\d+)?)`)
	cardZone     = regexp.MustCompile(`\b(?:zone |Z)(\d)\b`)
	cardDistance = regexp.MustCompile(`\d+(?:\.\d+)? (?:km|mi)\b`)
)

// minutesOf is the first duration in s, in minutes; -1 without one.
func minutesOf(s string) int {
	m := cardDuration.FindStringSubmatch(s)
	if m == nil {
		return -1
	}
	n := func(x string) int { v, _ := strconv.Atoi(x); return v }
	if m[1] != "" {
		return 60*n(m[1]) + n(m[2])
	}
	return n(m[3])
}

// problem says how the card's text disagrees with its targets: a duration
// longer than the workout, repetitions whose work does not fit in it, an
// RPE, zone or distance not its own. The line saying what a change was
// ("Changed from 1 h 15 min intervals …") names the old numbers on
// purpose and is left out.
func (c weekCard) problem() string {
	var lines []string
	for _, l := range strings.Split(c.Description, "\n") {
		if !strings.HasPrefix(l, "Changed from ") && !strings.HasPrefix(l, "Moved from ") && !strings.HasPrefix(l, "Changed: ") {
			lines = append(lines, l)
		}
	}
	text := c.Title + "\n" + strings.Join(lines, "\n")
	minutes := minutesOf(c.Planned)
	if minutes < 0 {
		minutes = 0
	}
	for _, m := range cardReps.FindAllStringSubmatch(text, -1) {
		reps, _ := strconv.Atoi(m[1])
		each, _ := strconv.Atoi(m[2])
		if m[3] == "min" {
			each *= 60
		}
		if reps*each > 60*minutes {
			return m[0] + " does not fit in the workout"
		}
	}
	for _, m := range cardDuration.FindAllString(cardReps.ReplaceAllString(text, ""), -1) {
		if minutesOf(m) > minutes {
			return m + " is longer than the workout"
		}
	}
	for _, m := range cardRPE.FindAllStringSubmatch(text, -1) {
		if !strings.Contains(c.Planned, "RPE "+m[1]) {
			return m[0] + " is not the target"
		}
	}
	for _, m := range cardZone.FindAllStringSubmatch(text, -1) {
		if !strings.Contains(c.Planned, "zone "+m[1]) {
			return m[0] + " is not the target"
		}
	}
	for _, m := range cardDistance.FindAllString(text, -1) {
		if !strings.Contains(c.Planned, m) {
			return m + " is not the planned distance"
		}
	}
	return ""
}

// On the demo, the coach sees Amara's red flags on the dashboard, above
// the amber athletes, opens her page and reads the evidence, and applies
// the cutback brought forward; the week then shows the lighter days and
// every recovery workout as it was.
func TestBrowserRedFlagsBringTheCutbackForward(t *testing.T) {
	browser := browsertest.New(t)
	st, res, a := demoApp(t)
	ctx := context.Background()
	var amara, kenji demo.Athlete
	for _, x := range res.Athletes {
		switch x.Story {
		case demo.RedFlags:
			amara = x
		case demo.TrailUltra:
			kenji = x
		}
	}
	tab := browser.Tab(t, 1280, 900)
	signInWith(t, tab, a.URL, res.Coach.Email, res.Coach.Password)

	rows, err := chromedp.Run(tab, chromedp.Evaluate[[]string](
		`[...document.querySelectorAll('table.dashboard tbody tr')].map(r => r.querySelector('th > a').textContent.trim() + ' | ' + r.textContent.replace(/\s+/g, ' '))`))
	if err != nil {
		t.Fatal(err)
	}
	at := func(name string) int {
		for i, r := range rows {
			if strings.HasPrefix(r, name+" |") {
				return i
			}
		}
		t.Fatalf("%s is not on the dashboard", name)
		return -1
	}
	if !strings.Contains(rows[at(amara.Name)], "Red flags over the last weeks") {
		t.Errorf("the dashboard does not show Amara's red flags: %s", rows[at(amara.Name)])
	}
	if at(amara.Name) > at(kenji.Name) {
		t.Errorf("Amara's red flags rank below Kenji's amber short night: %v", rows)
	}
	browsertest.Screenshot(t, tab, "dashboard-red-flags")

	coach, _, err := st.Credentials(ctx, demo.CoachEmail)
	if err != nil {
		t.Fatal(err)
	}
	before, err := st.Workouts(ctx, coach, amara.ID, time.Now().AddDate(0, 0, -1), time.Now().AddDate(0, 0, 8))
	if err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(tab, chromedp.Navigate(a.URL+"/athletes/"+itoa(amara.ID)), chromedp.WaitVisible(chromedp.CSS(`#red-flags`))); err != nil {
		t.Fatal(err)
	}
	panel, err := chromedp.Run(tab, chromedp.Text(chromedp.CSS(`section.red-flags`)))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"A pattern of overreaching", "not a diagnosis", "Always tired", "after a rest or easy day", "Sleep all over the place"} {
		if !strings.Contains(panel, want) {
			t.Errorf("the red flags panel lacks %q:\n%s", want, panel)
		}
	}
	if rules, _ := chromedp.Run(tab, chromedp.Text(chromedp.CSS(`#proposal .rules`))); !strings.Contains(rules, "the next cutback week comes now") {
		t.Errorf("the proposal does not bring the cutback forward:\n%s", rules)
	}
	browsertest.Screenshot(t, tab, "athlete-red-flags")
	if err := chromedp.Do(tab, chromedp.Click(chromedp.CSS(`#proposal form[action$="/apply"] button`)), chromedp.WaitVisible(chromedp.CSS(`.week`))); err != nil {
		t.Fatal(err)
	}
	browsertest.Screenshot(t, tab, "week-cutback-brought-forward")
	if changed, _ := chromedp.Run(tab, chromedp.Text(chromedp.CSS(`.week`))); !strings.Contains(changed, "cutback week, brought forward") {
		t.Errorf("the week does not say the cutback was brought forward")
	}

	after, err := st.Workouts(ctx, coach, amara.ID, time.Now().AddDate(0, 0, -1), time.Now().AddDate(0, 0, 8))
	if err != nil {
		t.Fatal(err)
	}
	byID := map[int64]training.Workout{}
	for _, w := range after {
		byID[w.ID] = w
	}
	lighter := 0
	for _, w := range before {
		now := byID[w.ID]
		switch {
		case w.Kind == "recovery" || w.Kind == "rest":
			// Kept as it was, or (the added rest day) made rest: more
			// recovery, never less.
			kept := now.Kind == w.Kind && now.PlannedDurationS == w.PlannedDurationS && now.TargetRPE <= w.TargetRPE
			if !now.Day.Equal(w.Day) || !kept && now.Kind != "rest" {
				t.Errorf("a recovery day changed: %+v → %+v", w.Prescription, now.Prescription)
			}
		case now.PlannedDurationS < w.PlannedDurationS:
			lighter++
		}
	}
	if lighter < 2 {
		t.Errorf("only %d workouts lighter after the cutback", lighter)
	}
}
