package web

import (
	"bytes"
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	goical "github.com/emersion/go-ical"

	"rebound/internal/store"
	"rebound/internal/training"
)

var calendarLink = regexp.MustCompile(`http://[^"]+/calendar/[A-Za-z0-9_-]{43}\.ics`)

// feedOf fetches a feed with no cookies, checks the raw lines and parses
// it with an independent parser (github.com/emersion/go-ical).
func feedOf(t *testing.T, link string) (*goical.Calendar, *http.Response, string) {
	t.Helper()
	r, err := http.Get(link)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Body.Close()
	var buf bytes.Buffer
	if _, err := buf.ReadFrom(r.Body); err != nil {
		t.Fatal(err)
	}
	if r.StatusCode != http.StatusOK {
		t.Fatalf("GET feed: %d", r.StatusCode)
	}
	raw := buf.String()
	if !strings.HasSuffix(raw, "\r\n") {
		t.Error("the feed does not end in CRLF")
	}
	for i, line := range strings.Split(strings.TrimSuffix(raw, "\r\n"), "\r\n") {
		if len(line) > 75 {
			t.Errorf("line %d is %d octets: %q", i+1, len(line), line)
		}
		if strings.ContainsAny(line, "\r\n") {
			t.Errorf("line %d has a bare CR or LF: %q", i+1, line)
		}
		if !utf8.ValidString(line) {
			t.Errorf("line %d is not valid UTF-8 (a character split by folding?): %q", i+1, line)
		}
	}
	cal, err := goical.NewDecoder(strings.NewReader(raw)).Decode()
	if err != nil {
		t.Fatalf("the feed does not parse: %v\n%s", err, raw)
	}
	return cal, r, raw
}

func propText(t *testing.T, props goical.Props, name string) string {
	t.Helper()
	p := props.Get(name)
	if p == nil {
		t.Fatalf("no %s", name)
	}
	v, err := p.Text()
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return v
}

type feedEvent struct{ uid, summary, description string }

func eventsOf(t *testing.T, cal *goical.Calendar) map[string]feedEvent {
	t.Helper()
	out := map[string]feedEvent{}
	for _, e := range cal.Events() {
		start, end := e.Props.Get("DTSTART"), e.Props.Get("DTEND")
		if start == nil || end == nil || start.ValueType() != goical.ValueDate || end.ValueType() != goical.ValueDate {
			t.Fatalf("event without all-day DTSTART/DTEND: %v", e.Props)
		}
		s, err := start.DateTime(time.UTC)
		if err != nil {
			t.Fatal(err)
		}
		en, err := end.DateTime(time.UTC)
		if err != nil {
			t.Fatal(err)
		}
		if !en.Equal(s.AddDate(0, 0, 1)) {
			t.Errorf("DTEND %s is not the day after DTSTART %s", en, s)
		}
		for _, required := range []string{"UID", "DTSTAMP", "SEQUENCE"} {
			if e.Props.Get(required) == nil {
				t.Errorf("event without %s", required)
			}
		}
		uid := propText(t, e.Props, "UID")
		out[s.Format(time.DateOnly)+" "+propText(t, e.Props, "SUMMARY")] = feedEvent{uid: uid, summary: propText(t, e.Props, "SUMMARY"),
			description: propText(t, e.Props, "DESCRIPTION")}
	}
	return out
}

func TestCalendarFeed(t *testing.T) {
	a := newApp(t)
	ctx := context.Background()
	coach := a.coach("Carla Coach", "carla@example.com")
	ath, maya := a.athlete(coach, "Maya Runner", "maya@example.com")
	p := ath.Profile
	p.Units, p.ThresholdHR, p.ThresholdPace = "km", 170, 270
	if err := a.store.UpdateProfile(ctx, coach, ath.ID, p); err != nil {
		t.Fatal(err)
	}
	ath, _ = a.store.Athlete(ctx, coach, ath.ID)
	today := a.srv.athleteToday(ath)
	add := func(offset int, pl training.Prescription) training.Workout {
		t.Helper()
		w, err := a.store.AddWorkout(ctx, coach, ath.ID, today.AddDate(0, 0, offset), pl)
		if err != nil {
			t.Fatal(err)
		}
		return w
	}
	longTitle := strings.Repeat("Ü🏃,;\\", 40) // 200 characters, 400 octets
	special := "Warm up 15′; then 3 × 10 min, easy between.\nCool down \\ stretch 🧘\n\n" + strings.Repeat("Hills, hills; hills. ", 20)
	add(-15, training.Prescription{Sport: "run", Kind: "easy", Title: "Too old", PlannedDurationS: 1800})
	done := add(-3, training.Prescription{Sport: "run", Kind: "easy", Title: "Easy run", PlannedDurationS: 2700, PlannedDistanceM: 8000, TargetRPE: 3, TargetZone: 2})
	if _, err := a.store.LogWorkout(ctx, maya, done.ID, training.Log{Status: "done", DurationS: 2820, DistanceM: 8200, RPE: 3, Notes: "Felt good, legs fresh"}); err != nil {
		t.Fatal(err)
	}
	skipped := add(-2, training.Prescription{Sport: "bike", Kind: "easy", Title: "Spin", PlannedDurationS: 3600})
	if _, err := a.store.LogWorkout(ctx, maya, skipped.ID, training.Log{Status: "skipped"}); err != nil {
		t.Fatal(err)
	}
	recovery := add(0, training.Prescription{Sport: "run", Kind: "recovery", Title: "Recovery jog", PlannedDurationS: 1800, TargetRPE: 2, TargetZone: 1})
	tempo := add(1, training.Prescription{Sport: "run", Kind: "tempo", Title: longTitle, PlannedDurationS: 3000, TargetRPE: 7, TargetZone: 4, Description: special})
	add(60, training.Prescription{Sport: "run", Kind: "long", Title: "Long run", PlannedDurationS: 6000, PlannedDistanceM: 21100})

	// The athlete makes the link; it is shown once, on the page.
	c := a.signedIn("maya@example.com")
	r := c.post(athletePath(ath.ID)+"/calendar", url.Values{})
	link := calendarLink.FindString(r.Body)
	if r.StatusCode != http.StatusOK || link == "" {
		t.Fatalf("making a link: %d, link %q", r.StatusCode, link)
	}
	if !strings.Contains(r.Body, `href="webcal://`+strings.TrimPrefix(link, "http://")+`"`) {
		t.Error("no webcal:// link to subscribe on the device")
	}
	if r.Header.Get("Cache-Control") != "no-store" {
		t.Errorf("the page showing the link is cacheable: %q", r.Header.Get("Cache-Control"))
	}
	if page := c.get(athletePath(ath.ID)).Body; strings.Contains(page, link) || !strings.Contains(page, "A calendar link is live") {
		t.Error("the athlete page should say a link is live, and not show it again")
	}
	token := strings.TrimSuffix(link[strings.LastIndex(link, "/")+1:], ".ics")
	var stored int
	if err := a.store.Pool().QueryRow(ctx, `SELECT count(*) FROM calendar_tokens WHERE token_hash::text LIKE '%'||$1||'%'`, token).Scan(&stored); err != nil || stored != 0 {
		t.Errorf("the token is stored in clear (%d, %v)", stored, err)
	}

	cal, resp, raw := feedOf(t, link)
	if ct := resp.Header.Get("Content-Type"); ct != "text/calendar; charset=utf-8" {
		t.Errorf("Content-Type %q", ct)
	}
	if cc := resp.Header.Get("Cache-Control"); !strings.Contains(cc, "no-cache") {
		t.Errorf("Cache-Control %q", cc)
	}
	if name := propText(t, cal.Props, "X-WR-CALNAME"); name != "Rebound: Maya Runner's training" {
		t.Errorf("X-WR-CALNAME %q", name)
	}
	if v := cal.Props.Get("VERSION"); v == nil || v.Value != "2.0" {
		t.Error("no VERSION:2.0")
	}
	if cal.Props.Get("PRODID") == nil {
		t.Error("no PRODID")
	}
	events := eventsOf(t, cal)
	day := func(offset int) string { return today.AddDate(0, 0, offset).Format(time.DateOnly) }
	want := map[string]func(feedEvent) bool{
		day(-3) + " Easy run (done)": func(e feedEvent) bool {
			return strings.Contains(e.description, "45 min · 8 km") && strings.Contains(e.description, "Intensity: RPE 3 · zone 2: ") &&
				strings.Contains(e.description, "Done: 47 min · 8.2 km · RPE 3") && strings.Contains(e.description, "Notes: Felt good, legs fresh")
		},
		day(-2) + " Spin (skipped)": func(e feedEvent) bool { return strings.Contains(e.description, "Skipped.") },
		day(0) + " Recovery jog": func(e feedEvent) bool {
			return strings.Contains(e.description, "easy means easy") && strings.Contains(e.description, "protected") &&
				strings.Contains(e.description, "Intensity: RPE 2 · zone 1: up to ")
		},
		day(1) + " " + longTitle: func(e feedEvent) bool {
			return strings.HasSuffix(e.description, "\n\n"+strings.TrimSpace(special)) && strings.Contains(e.description, "bpm")
		},
		day(60) + " Long run": func(e feedEvent) bool { return strings.HasPrefix(e.description, "1 h 40 min · 21.1 km") },
	}
	if len(events) != len(want) {
		t.Errorf("%d events, want %d (two weeks back to the last workout): %v", len(events), len(want), keys(events))
	}
	for k, ok := range want {
		e, found := events[k]
		if !found {
			t.Errorf("no event %q; have %v", k, keys(events))
			continue
		}
		if !ok(e) {
			t.Errorf("event %q has description %q", k, e.description)
		}
	}
	if e := events[day(1)+" "+longTitle]; e.uid != "workout-"+strconv.FormatInt(tempo.ID, 10)+"@127.0.0.1" {
		t.Errorf("UID %q", e.uid)
	}

	// Fetched again: the same UIDs and body; the ETag saves a poll its body.
	cal2, resp2, raw2 := feedOf(t, link)
	if raw2 != raw || resp2.Header.Get("ETag") == "" || resp2.Header.Get("ETag") != resp.Header.Get("ETag") {
		t.Error("two fetches of an unchanged plan differ")
	}
	for k, e := range eventsOf(t, cal2) {
		if events[k].uid != e.uid {
			t.Errorf("UID of %q changed between fetches", k)
		}
	}
	req, _ := http.NewRequest(http.MethodGet, link, nil)
	req.Header.Set("If-None-Match", resp.Header.Get("ETag"))
	if r, err := http.DefaultClient.Do(req); err != nil || r.StatusCode != http.StatusNotModified {
		t.Errorf("If-None-Match: %v %v, want 304", r.StatusCode, err)
	} else {
		r.Body.Close()
	}

	// The coach changes the recovery jog: the next fetch has it, under the
	// same UID, with a higher SEQUENCE.
	if _, err := a.store.UpdatePlan(ctx, coach, recovery.ID, recovery.Version, recovery.Day,
		training.Prescription{Sport: "run", Kind: "recovery", Title: "Recovery jog, flat", PlannedDurationS: 2100, TargetRPE: 2, TargetZone: 1}, ""); err != nil {
		t.Fatal(err)
	}
	cal3, resp3, _ := feedOf(t, link)
	if resp3.Header.Get("ETag") == resp.Header.Get("ETag") {
		t.Error("the ETag did not change with the plan")
	}
	changed, ok := eventsOf(t, cal3)[day(0)+" Recovery jog, flat"]
	if !ok || changed.uid != events[day(0)+" Recovery jog"].uid || !strings.HasPrefix(changed.description, "35 min") {
		t.Errorf("the change is not in the next fetch: %+v", changed)
	}
	for _, e := range cal3.Events() {
		if uid, _ := e.Props.Text("UID"); uid == changed.uid {
			if seq, _ := e.Props.Get("SEQUENCE").Int(); seq != 1 {
				t.Errorf("SEQUENCE %d after one change, want 1", seq)
			}
		}
	}

	// The token is not in the log; the route pattern is.
	if logs := a.logs.String(); strings.Contains(logs, token) || !strings.Contains(logs, "path=/calendar/{token}.ics") {
		t.Error("the request log shows the calendar token, or no line for the feed")
	}

	// A new link replaces the old one (the coach may make it too); revoking
	// ends the new one. Gone links, and made-up ones, are 404.
	r = a.signedIn("carla@example.com").post(athletePath(ath.ID)+"/calendar", url.Values{})
	second := calendarLink.FindString(r.Body)
	if second == "" || second == link {
		t.Fatalf("the coach's new link: %q", second)
	}
	forged := second[:len(second)-len("AAAAAAAA.ics")] + "AAAAAAAA.ics"
	for l, status := range map[string]int{link: 404, second: 200, forged: 404,
		a.ts.URL + "/calendar/nope.ics": 404} {
		if r, err := http.Get(l); err != nil || r.StatusCode != status {
			t.Errorf("GET %s: %v %v, want %d", l, r.StatusCode, err, status)
		} else {
			r.Body.Close()
		}
	}
	if r := c.post(athletePath(ath.ID)+"/calendar/revoke", url.Values{}); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("revoke: %d", r.StatusCode)
	}
	if r, err := http.Get(second); err != nil || r.StatusCode != http.StatusNotFound {
		t.Errorf("a revoked link answers %v %v", r.StatusCode, err)
	} else {
		r.Body.Close()
	}
	if page := c.get(athletePath(ath.ID)).Body; !strings.Contains(page, "Create a calendar link") || strings.Contains(page, "A calendar link is live") {
		t.Error("after revoking, the athlete page should offer a new link")
	}
}

// The feed writer holds up with text no form would take: a 300-character
// title of escapes and emoji still parses back as itself.
func TestCalendarFeedLongText(t *testing.T) {
	title := strings.Repeat("a,b;c\\d🏃é", 30) // 300 characters
	desc := strings.Repeat("Line one, with; all \\ the things 🧘\r\n", 30)
	f := feed{athlete: training.Athlete{Profile: training.Profile{Name: "Zoë, \"Z\"; Ørsted", Units: "mi"}}, host: "rebound.example",
		weekURL: func(time.Time) string { return "https://rebound.example/athletes/1/weeks/2026-11-23" },
		workouts: []store.FeedWorkout{{Workout: training.Workout{ID: 7, Day: time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC), Version: 3, Planned: true,
			Prescription: training.Prescription{Sport: "run", Kind: "easy", Title: title, Description: desc, PlannedDistanceM: 16093}}, UpdatedAt: time.Now()}}}
	var buf bytes.Buffer
	if err := f.write(&buf); err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(strings.TrimSuffix(buf.String(), "\r\n"), "\r\n") {
		if len(line) > 75 || !utf8.ValidString(line) {
			t.Fatalf("bad line %q", line)
		}
	}
	cal, err := goical.NewDecoder(&buf).Decode()
	if err != nil {
		t.Fatal(err)
	}
	if name := propText(t, cal.Props, "X-WR-CALNAME"); name != "Rebound: Zoë, \"Z\"; Ørsted's training" {
		t.Errorf("X-WR-CALNAME %q", name)
	}
	ev := cal.Events()[0]
	if got := propText(t, ev.Props, "SUMMARY"); got != title {
		t.Errorf("SUMMARY %q, want %q", got, title)
	}
	wantDesc := "10 mi\n\n" + strings.TrimSpace(strings.ReplaceAll(desc, "\r\n", "\n"))
	if got := propText(t, ev.Props, "DESCRIPTION"); got != wantDesc {
		t.Errorf("DESCRIPTION %q, want %q", got, wantDesc)
	}
	if seq, _ := ev.Props.Get("SEQUENCE").Int(); seq != 2 {
		t.Errorf("SEQUENCE %d for version 3", seq)
	}
}

func keys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}
