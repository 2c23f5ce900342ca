package web

import (
	"context"
	"math"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
	"time"

	"rebound/internal/training"
	"rebound/web/pages/dashboard"
)

// keptStatements is what serving a kept dashboard takes: the session with
// its account, and the rows' versions.
const keptStatements = 2

// A kept dashboard is served only while it is what a fresh render would
// show: after every kind of change to what the page shows, the page as
// served (kept or not) equals the page rendered anew for a client that
// takes no gzip (which is never kept), in each view.
func TestKeptDashboardFollowsEveryChange(t *testing.T) {
	a := newApp(t)
	ctx := context.Background()
	coach := a.coach("Carla Coach", "carla@example.com")
	other := a.coach("Otto Other", "otto@example.com")
	maya, _ := a.athlete(coach, "Maya Runner", "maya@example.com")
	sam, _ := a.athlete(coach, "Sam Steady", "sam@example.com")
	olga, _ := a.athlete(other, "Olga Elsewhere", "olga@example.com")
	for _, ath := range []int64{maya.ID, sam.ID, olga.ID} {
		a.history(map[int64]training.Athlete{maya.ID: maya, sam.ID: sam, olga.ID: olga}[ath], 20)
	}
	c := a.signedIn("carla@example.com")
	fresh := &client{t: t, app: a, hc: &http.Client{Jar: c.hc.Jar, Transport: &http.Transport{DisableCompression: true},
		CheckRedirect: c.hc.CheckRedirect}}
	views := []string{"/", "/?group=tag", "/?show=attention", "/?q=maya"}
	kept := 0
	check := func(change string) {
		t.Helper()
		for _, v := range views {
			want := fresh.get(v)
			for range 2 { // the first may render and keep, the second is kept
				got := c.get(v)
				if got.StatusCode != http.StatusOK || got.Body != want.Body {
					t.Fatalf("after %s, %s differs from a fresh render:\n%s", change, v, diffAt(got.Body, want.Body))
				}
			}
			if _, n := c.queries(v); n == keptStatements {
				kept++
			}
		}
	}
	exec := func(change, sql string, args ...any) {
		t.Helper()
		if _, err := a.store.Pool().Exec(ctx, sql, args...); err != nil {
			t.Fatalf("%s: %v", change, err)
		}
		check(change)
	}
	check("nothing")
	exec("a lower score today", `UPDATE checkins SET score = 40, light = 'red' WHERE athlete_id = $1 AND day = (SELECT max(day) FROM checkins WHERE athlete_id = $1)`, maya.ID)
	exec("a check-in removed", `DELETE FROM checkins WHERE athlete_id = $1 AND day = (SELECT max(day) FROM checkins WHERE athlete_id = $1)`, sam.ID)
	exec("a planned workout done", `UPDATE workouts SET status = 'done', actual_duration_s = 3600, rpe = 8, logged_at = now()
		WHERE id = (SELECT min(id) FROM workouts WHERE athlete_id = $1 AND key)`, maya.ID)
	exec("a key workout deleted", `DELETE FROM workouts WHERE id = (SELECT min(id) FROM workouts WHERE athlete_id = $1 AND key AND status = 'planned')`, sam.ID)
	exec("a goal event", `INSERT INTO events (athlete_id, coach_id, name, day, sport, kind, priority)
		VALUES ($1, $2, 'City Marathon', current_date + 60, 'run', 'marathon', 'A')`, maya.ID, coach.ID)
	exec("a renamed athlete", `UPDATE athletes SET name = 'Maya Swift' WHERE id = $1`, maya.ID)
	exec("tags", `UPDATE athletes SET tags = '{Track,Masters}' WHERE id = $1`, sam.ID)
	exec("a heart-rate threshold", `UPDATE athletes SET threshold_hr = 120 WHERE id = $1`, maya.ID)
	exec("another time zone", `UPDATE athletes SET timezone = 'Pacific/Kiritimati' WHERE id = $1`, sam.ID)
	exec("another athlete's coach's change", `UPDATE athletes SET name = 'Olga Far' WHERE id = $1`, olga.ID)
	if r := a.signedIn("maya@example.com").post("/checkin", checkInForm("5", [6]string{"2", "2", "2", "2", "2", "2"}, "injury", "on")); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("check-in: %d", r.StatusCode)
	}
	check("a check-in with a proposal")
	if !strings.Contains(c.get("/").Body, "Proposal to review") {
		t.Fatal("the proposal is not on the dashboard")
	}
	exec("a dismissed proposal", `UPDATE proposals SET status = 'dismissed', decided_at = now()`)
	mayaUser, _, err := a.store.Credentials(ctx, "maya@example.com")
	if err != nil {
		t.Fatal(err)
	}
	week := training.WeekSubject(time.Now().UTC().Truncate(24 * time.Hour))
	if _, err := a.store.AddComment(ctx, mayaUser, maya.ID, week, "A question about the week"); err != nil {
		t.Fatal(err)
	}
	check("a comment from the athlete")
	if !strings.Contains(c.get("/").Body, "1 new comment") {
		t.Fatal("the unread comment is not on the dashboard")
	}
	th, err := a.store.Thread(ctx, coach, maya.ID, week)
	if err == nil {
		err = a.store.MarkRead(ctx, coach, th)
	}
	if err != nil {
		t.Fatal(err)
	}
	check("the comment read")
	if _, err := a.store.AddComment(ctx, coach, maya.ID, week, "An answer"); err != nil {
		t.Fatal(err)
	}
	check("the coach's own reply")
	exec("the coach renamed", `UPDATE users SET name = 'Carla Best' WHERE id = $1`, coach.ID)
	exec("an archived athlete", `UPDATE athletes SET archived_at = now() WHERE id = $1`, sam.ID)
	exec("an athlete back", `UPDATE athletes SET archived_at = NULL WHERE id = $1`, sam.ID)
	a.store.Now = func() time.Time { return time.Now().Add(24 * time.Hour) }
	check("a day later")
	if kept == 0 {
		t.Error("no dashboard was ever served as kept")
	}

	// A browser that holds the page is told so, until it changes.
	revalidate := func(etag string) resp {
		req, _ := http.NewRequest(http.MethodGet, a.ts.URL+"/", nil)
		req.Header.Set("If-None-Match", etag)
		return c.do(req)
	}
	etag := c.get("/").Header.Get("ETag")
	if r := revalidate(etag); etag == "" || r.StatusCode != http.StatusNotModified || r.Body != "" {
		t.Errorf("revalidating the dashboard (ETag %q): %d %q, want 304", etag, r.StatusCode, r.Body)
	}
	exec("a renamed athlete", `UPDATE athletes SET name = 'Maya Again' WHERE id = $1`, maya.ID)
	if r := revalidate(etag); r.StatusCode != http.StatusOK || !strings.Contains(r.Body, "Maya Again") {
		t.Errorf("revalidating a changed dashboard: %d, want 200 with the change", r.StatusCode)
	}
}

// diffAt shows where two pages part.
func diffAt(got, want string) string {
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	return "got:  …" + got[max(0, i-200):min(len(got), i+200)] + "\nwant: …" + want[max(0, i-200):min(len(want), i+200)]
}

// Only the views the page links to are kept (a long search typed into the
// address, or an odd number of rows, is drawn each time and held nowhere),
// and only for a client that takes gzip.
func TestWhichDashboardsAreKept(t *testing.T) {
	a := newApp(t)
	coach := a.coach("Carla Coach", "carla@example.com")
	ath, _ := a.athlete(coach, "Maya Runner", "maya@example.com")
	a.history(ath, 5)
	c := a.signedIn("carla@example.com")
	for _, tc := range []struct {
		path string
		kept bool
	}{
		{"/", true},
		{"/?q=maya&show=attention&group=tag", true},
		{"/?rows=300", true},
		{"/?rows=250", false},
		{"/?rows=999999", false},
		{"/?q=" + strings.Repeat("m", 101), false},
	} {
		c.get(tc.path)
		if _, n := c.queries(tc.path); (n == keptStatements) != tc.kept {
			t.Errorf("%s: %d statements the second time, kept: %v, want %v", tc.path, n, n == keptStatements, tc.kept)
		}
	}
	for _, tc := range []struct {
		header string
		gzip   bool
	}{
		{"gzip", true}, {"br, gzip;q=0.5", true}, {"GZIP", true}, {"gzip;q=1.0", true},
		{"", false}, {"br", false}, {"gzip;q=0", false}, {"gzip; q=0.0", false}, {"identity, gzip;q=0.000", false},
	} {
		r := httptest.NewRequest(http.MethodGet, "/", nil)
		r.Header.Set("Accept-Encoding", tc.header)
		if got := acceptsGzip(r); got != tc.gzip {
			t.Errorf("Accept-Encoding %q: gzip %v, want %v", tc.header, got, tc.gzip)
		}
	}
}

// A dashboard drawn after a change reads again only the rows whose version
// or unread comments changed, and its rows are those built from a whole
// read, through every kind of change; a process that kept nothing reads
// them all.
func TestRosterCacheReadsWhatChanged(t *testing.T) {
	a := newApp(t)
	ctx := context.Background()
	coach := a.coach("Carla Coach", "carla@example.com")
	maya, _ := a.athlete(coach, "Maya Runner", "maya@example.com")
	sam, _ := a.athlete(coach, "Sam Steady", "sam@example.com")
	ines, _ := a.athlete(coach, "Ines Early", "ines@example.com")
	for _, ath := range []training.Athlete{maya, sam, ines} {
		a.history(ath, 20)
	}
	cache := &rosterCache{}
	step := func(change string, wantRead int) {
		t.Helper()
		vs, err := a.store.RosterVersions(ctx, coach, sparkDays-1, recoveryDays)
		if err != nil {
			t.Fatal(err)
		}
		rows, _, read, err := cache.rows(ctx, a.store, coach, vs)
		if err != nil {
			t.Fatal(err)
		}
		if read != wantRead {
			t.Errorf("after %s: %d rows read, want %d", change, read, wantRead)
		}
		entries, err := a.store.Roster(ctx, coach, sparkDays-1, recoveryDays)
		if err != nil {
			t.Fatal(err)
		}
		want := make([]dashboard.Row, len(entries))
		for i, e := range entries {
			want[i] = rosterRow(e)
		}
		for _, list := range [][]dashboard.Row{rows, want} {
			for i := range list {
				if math.IsNaN(list[i].Ratio) { // nothing due yet; NaN equals nothing
					list[i].Ratio = -1
				}
			}
		}
		if !reflect.DeepEqual(rows, want) {
			t.Errorf("after %s: the kept rows differ from a whole read:\n got %+v\nwant %+v", change, rows, want)
		}
	}
	exec := func(change string, wantRead int, sql string, args ...any) {
		t.Helper()
		if _, err := a.store.Pool().Exec(ctx, sql, args...); err != nil {
			t.Fatalf("%s: %v", change, err)
		}
		step(change, wantRead)
	}
	step("the first visit", 3)
	step("nothing", 0)
	exec("a lower score today", 1, `UPDATE checkins SET score = 40, light = 'red' WHERE athlete_id = $1 AND day = (SELECT max(day) FROM checkins WHERE athlete_id = $1)`, maya.ID)
	exec("two athletes' changes", 2, `UPDATE workouts SET status = 'done', actual_duration_s = 3600, rpe = 8, logged_at = now()
		WHERE id IN (SELECT min(id) FROM workouts WHERE athlete_id IN ($1, $2) AND key GROUP BY athlete_id)`, sam.ID, ines.ID)
	exec("a rename that changes the order", 1, `UPDATE athletes SET name = 'Aaron Late' WHERE id = $1`, sam.ID)
	exec("a proposal's change alone", 0, `UPDATE proposals SET status = 'dismissed'`)
	mayaUser, _, err := a.store.Credentials(ctx, "maya@example.com")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.store.AddComment(ctx, mayaUser, maya.ID, training.WeekSubject(time.Now().UTC().Truncate(24*time.Hour)), "A question"); err != nil {
		t.Fatal(err)
	}
	step("a comment from the athlete", 1)
	exec("an archived athlete", 0, `UPDATE athletes SET archived_at = now() WHERE id = $1`, ines.ID)
	exec("an athlete back", 1, `UPDATE athletes SET archived_at = NULL WHERE id = $1`, ines.ID)
	a.store.Now = func() time.Time { return time.Now().Add(24 * time.Hour) }
	step("a day later", 3)
	cache = &rosterCache{}
	step("another process", 3)
}

// The rows kept are bounded: past rosterCacheRows the cache starts over
// rather than grow with every coach who ever looked.
func TestRosterCacheIsBounded(t *testing.T) {
	c := &rosterCache{}
	rows := func(n int) map[int64]*keptRow {
		m := make(map[int64]*keptRow, n)
		for i := range n {
			m[int64(i)] = &keptRow{}
		}
		return m
	}
	for coach := range int64(rosterCacheRows / 500) {
		c.put(coach, rows(500))
	}
	if c.held != rosterCacheRows || len(c.coaches) != rosterCacheRows/500 {
		t.Fatalf("%d rows of %d coaches held, want %d of %d", c.held, len(c.coaches), rosterCacheRows, rosterCacheRows/500)
	}
	c.put(0, rows(400)) // a coach's rows again: replaced, not added
	if c.held != rosterCacheRows-100 {
		t.Fatalf("%d rows held after a coach's rows were replaced, want %d", c.held, rosterCacheRows-100)
	}
	c.put(-1, rows(500))
	if c.held != 500 || len(c.coaches) != 1 {
		t.Errorf("past the bound: %d rows of %d coaches held, want 500 of 1", c.held, len(c.coaches))
	}
}
