package web

import (
	"context"
	"html"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

var (
	olderLink  = regexp.MustCompile(`href="([^"]*)" rel="next">Older</a>`)
	newestLink = regexp.MustCompile(`href="([^"]*)">Newest</a>`)
)

// pages follows a list's Older links from path to its last page, and
// returns each page's rows as rowsOf finds them. Every page but the last
// must be full and link to the next; every page but the first links back
// to the newest.
func (c *client) pages(path string, full int, rowsOf func(string) []string) [][]string {
	c.t.Helper()
	var out [][]string
	for next := path; next != ""; {
		r := c.get(next)
		if r.StatusCode != http.StatusOK {
			c.t.Fatalf("GET %s: %d", next, r.StatusCode)
		}
		rows := rowsOf(r.Body)
		out = append(out, rows)
		if m := newestLink.FindStringSubmatch(r.Body); (m != nil) != (len(out) > 1) || (m != nil && html.UnescapeString(m[1]) != path) {
			c.t.Errorf("page %d: Newest link %q", len(out), m)
		}
		next = ""
		if m := olderLink.FindStringSubmatch(r.Body); m != nil {
			next = html.UnescapeString(m[1])
			if len(rows) != full {
				c.t.Errorf("page %d has %d rows and an Older link, want %d", len(out), len(rows), full)
			}
		}
		if len(out) > 100 {
			c.t.Fatal("the Older links go round in circles")
		}
	}
	return out
}

// matches are the first submatches of re in s.
func matches(re *regexp.Regexp, s string) []string {
	var out []string
	for _, m := range re.FindAllStringSubmatch(s, -1) {
		out = append(out, m[1])
	}
	return out
}

// TestPlanHistoryPages: the plan history shows 50 changes a page, newest
// first; its Older links walk the whole history without a gap or a repeat
// (changes at the same moment included), even when a change is made while
// someone is paging; a page link that cannot be read is a 400, and another
// coach's athlete stays a 404.
func TestPlanHistoryPages(t *testing.T) {
	a := newApp(t)
	ctx := context.Background()
	ca := a.coach("Carla Coach", "carla@example.com")
	a.coach("Ben Coach", "ben@example.com")
	ath, _ := a.athlete(ca, "Maya Runner", "maya@example.com")
	// 2 full pages and 7 more; four changes share each moment, and ids
	// run against time in every other group, as they can when clocks differ.
	const n = 2*historyPage + 7
	if _, err := a.store.Pool().Exec(ctx, `
		INSERT INTO plan_changes (athlete_id, changed_by, changed_at, action, summary, after)
		SELECT $1, $2, timestamptz '2026-11-01 08:00' + (CASE WHEN (i / 4) % 2 = 0 THEN i / 4 ELSE 1000 - i / 4 END) * interval '1 hour',
			CASE WHEN i % 5 = 0 THEN 'add' ELSE 'plan' END, 'Change ' || lpad(i::text, 3, '0'), CASE WHEN i % 5 = 0 THEN '{}'::jsonb END
		FROM generate_series(1, $3) i`, ath.ID, ca.ID, n); err != nil {
		t.Fatal(err)
	}
	var want []string
	rows, _ := a.store.Pool().Query(ctx, `SELECT summary FROM plan_changes WHERE athlete_id = $1 ORDER BY changed_at DESC, id DESC`, ath.ID)
	for rows.Next() {
		var s string
		rows.Scan(&s)
		want = append(want, s)
	}
	if rows.Err() != nil || len(want) != n {
		t.Fatalf("%d changes stored (%v)", len(want), rows.Err())
	}

	summary := regexp.MustCompile(`<p class="summary">(Change \d{3})`)
	rowsOf := func(page string) []string { return matches(summary, page) }
	path := athletePath(ath.ID) + "/plan/history"
	for _, who := range []string{"carla@example.com", "maya@example.com"} {
		pages := a.signedIn(who).pages(path, historyPage, rowsOf)
		if len(pages) != 3 || len(pages[2]) != 7 {
			t.Errorf("%s: %d pages, the last with %d changes; want 3, the last with 7", who, len(pages), len(pages[len(pages)-1]))
		}
		if got := slices.Concat(pages...); !slices.Equal(got, want) {
			t.Errorf("%s: the pages hold\n%v\nwant\n%v", who, got, want)
		}
	}

	// A change made after the first page was shown does not push a row of
	// it onto the second.
	coach := a.signedIn("carla@example.com")
	first := coach.get(path).Body
	if _, err := a.store.Pool().Exec(ctx, `INSERT INTO plan_changes (athlete_id, changed_by, changed_at, action, summary)
		VALUES ($1, $2, '2027-01-01', 'plan', 'Change 999')`, ath.ID, ca.ID); err != nil {
		t.Fatal(err)
	}
	second := coach.get(html.UnescapeString(olderLink.FindStringSubmatch(first)[1])).Body
	if got := matches(summary, second); !slices.Equal(got, want[historyPage:2*historyPage]) {
		t.Errorf("the second page after a new change: %v", got)
	}
	// Older pages have changes that can be undone too, but the undo is of
	// the newest: its button belongs on the first page only.
	if strings.Contains(second, "Undo the last change") || !strings.Contains(first, "Undo the last change") {
		t.Error("the undo button belongs on the first page only")
	}

	for _, q := range []string{"?before=yesterday&id=3", "?before=2026-11-01T08:00:00Z&id=x", "?before=2026-11-01T08:00:00Z&id=-4",
		"?before=2026-11-01T08:00:00Z", "?id=12", "?before=&id="} {
		if r := coach.get(path + q); r.StatusCode != http.StatusBadRequest {
			t.Errorf("%s: status %d, want 400", q, r.StatusCode)
		}
	}
	if r := coach.get(path + "?before=1999-01-01T00:00:00Z&id=1"); r.StatusCode != http.StatusOK || !strings.Contains(r.Body, "No changes yet") ||
		olderLink.MatchString(r.Body) {
		t.Errorf("a page before the first change: %d", r.StatusCode)
	}
	older := html.UnescapeString(olderLink.FindStringSubmatch(first)[1])
	if r := a.signedIn("ben@example.com").get(older); r.StatusCode != http.StatusNotFound {
		t.Errorf("another coach paging the history: %d, want 404", r.StatusCode)
	}
}

// TestCheckInPages: the check-ins list shows 90 a page, newest first, back
// to the first check-in, without a gap or a repeat, also when today's
// check-in arrives while someone is paging; a page link that cannot be read
// is a 400, and another coach's athlete stays a 404.
func TestCheckInPages(t *testing.T) {
	a := newApp(t)
	ctx := context.Background()
	ca := a.coach("Carla Coach", "carla@example.com")
	a.coach("Ben Coach", "ben@example.com")
	ath, _ := a.athlete(ca, "Maya Runner", "maya@example.com")
	today := a.srv.athleteToday(ath)
	const n = 2*checkInPage + 13
	// Every day from yesterday back, n of them, each with a note naming it.
	if _, err := a.store.Pool().Exec(ctx, `
		INSERT INTO checkins (athlete_id, day, answered, sleep_hours, sleep_quality, fatigue, soreness, stress, mood, motivation,
			score, light, notes)
		SELECT $1, $2::date - i, true, 7.5, 4, 4, 4, 4, 4, 4, 90, 'green', 'day ' || lpad(i::text, 3, '0')
		FROM generate_series(1, $3) i`, ath.ID, today, n); err != nil {
		t.Fatal(err)
	}
	var want []string
	for i := 1; i <= n; i++ {
		want = append(want, "day "+strings.Repeat("0", 3-len(itoa64(int64(i))))+itoa64(int64(i)))
	}

	note := regexp.MustCompile(`<p class="athlete-notes">“(day \d{3})”`)
	rowsOf := func(page string) []string { return matches(note, page) }
	path := athletePath(ath.ID) + "/checkins"
	for _, who := range []string{"carla@example.com", "maya@example.com"} {
		pages := a.signedIn(who).pages(path, checkInPage, rowsOf)
		if len(pages) != 3 || len(pages[2]) != 13 {
			t.Errorf("%s: %d pages, the last with %d check-ins; want 3, the last with 13", who, len(pages), len(pages[len(pages)-1]))
		}
		if got := slices.Concat(pages...); !slices.Equal(got, want) {
			t.Errorf("%s: the pages hold\n%v\nwant\n%v", who, got, want)
		}
	}

	coach := a.signedIn("carla@example.com")
	first := coach.get(path).Body
	older := html.UnescapeString(olderLink.FindStringSubmatch(first)[1])
	if want := path + "?before=" + today.AddDate(0, 0, -checkInPage).Format(time.DateOnly); older != want {
		t.Errorf("Older links to %s, want %s", older, want)
	}
	if _, err := a.store.Pool().Exec(ctx, `INSERT INTO checkins (athlete_id, day, resting_hr, notes) VALUES ($1, $2, 50, 'today')`,
		ath.ID, today); err != nil {
		t.Fatal(err)
	}
	if got := matches(note, coach.get(older).Body); !slices.Equal(got, want[checkInPage:2*checkInPage]) {
		t.Errorf("the second page after today's check-in: %v", got)
	}

	for _, q := range []string{"?before=", "?before=2026-13-01", "?before=last+week", "?before=2026-11-01T00:00:00Z"} {
		if r := coach.get(path + q); r.StatusCode != http.StatusBadRequest {
			t.Errorf("%s: status %d, want 400", q, r.StatusCode)
		}
	}
	if r := a.signedIn("ben@example.com").get(older); r.StatusCode != http.StatusNotFound {
		t.Errorf("another coach paging the check-ins: %d, want 404", r.StatusCode)
	}
}
