package main

import (
	"context"
	"io"
	"io/fs"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"rebound/internal/auth"
	"rebound/internal/pgtest"
	"rebound/internal/plan"
	"rebound/internal/store"
	"rebound/internal/training"
	"rebound/migrations"
)

// Two `rebound serve` on one DATABASE_URL, as behind a load balancer: they
// migrate an empty database at once without harm; a session made on one
// works on the other; a change through one shows at once on the other's
// kept dashboard; sign-in throttling counts across both; and a proposal
// applied from both at once is applied once.
func TestTwoServersShareOneDatabase(t *testing.T) {
	ctx := context.Background()
	dsn := pgtest.DSN(t)
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	// pgtest's databases come migrated: start from an empty one.
	if _, err := conn.Exec(ctx, "DROP SCHEMA public CASCADE; CREATE SCHEMA public"); err != nil {
		t.Fatal(err)
	}
	conn.Close(ctx)

	env := map[string]string{"DATABASE_URL": dsn}
	one, two := startServe(env), startServe(env)
	one.waitListening(t)
	two.waitListening(t)

	st, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	files, _ := fs.Glob(migrations.FS, "*.sql")
	var applied, distinct int
	if err := st.Pool().QueryRow(ctx, `SELECT count(*), count(DISTINCT version_id) FROM goose_db_version WHERE version_id > 0`).
		Scan(&applied, &distinct); err != nil {
		t.Fatal(err)
	}
	if applied != len(files) || distinct != len(files) {
		t.Fatalf("%d migrations recorded (%d distinct) for %d files", applied, distinct, len(files))
	}

	password := "kettle orbit walnut"
	hash, err := auth.HashPassword(ctx, password)
	if err != nil {
		t.Fatal(err)
	}
	coach, err := st.CreateCoach(ctx, "Carla Coach", "carla@example.com", hash, true)
	if err != nil {
		t.Fatal(err)
	}
	ath, err := st.CreateAthlete(ctx, coach, store.NewAthlete{Name: "Maya Runner", Email: "maya@example.com", Timezone: "Europe/Berlin"})
	if err != nil {
		t.Fatal(err)
	}
	_, tokenHash := auth.NewToken()
	if _, err := st.IssueAthleteInvite(ctx, coach, ath.ID, tokenHash); err != nil {
		t.Fatal(err)
	}
	maya, err := st.AcceptAthleteInvite(ctx, tokenHash, hash)
	if err != nil {
		t.Fatal(err)
	}

	// Signed in on one, the session works on the other.
	noFollow := &http.Client{Timeout: 30 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	send := func(method, base, path string, form url.Values, cookie string) (int, string, *http.Response) {
		t.Helper()
		var body io.Reader
		if form != nil {
			body = strings.NewReader(form.Encode())
		}
		req, err := http.NewRequest(method, base+path, body)
		if err != nil {
			t.Fatal(err)
		}
		if form != nil {
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		}
		if cookie != "" {
			req.AddCookie(&http.Cookie{Name: "rebound_session", Value: cookie})
		}
		resp, err := noFollow.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b), resp
	}
	code, _, resp := send(http.MethodPost, one.URL, "/login", url.Values{"email": {"carla@example.com"}, "password": {password}}, "")
	var session string
	for _, c := range resp.Cookies() {
		if c.Name == "rebound_session" {
			session = c.Value
		}
	}
	if code != http.StatusSeeOther || session == "" {
		t.Fatalf("sign in on the first server: %d", code)
	}
	if code, page, _ := send(http.MethodGet, two.URL, "/athletes", nil, session); code != http.StatusOK || !strings.Contains(page, "Maya Runner") {
		t.Fatalf("the session on the second server: %d", code)
	}

	// The second server keeps its dashboard; a change through the first
	// shows on it at the next visit.
	for range 2 {
		if code, page, _ := send(http.MethodGet, two.URL, "/", nil, session); code != http.StatusOK || !strings.Contains(page, "Maya Runner") {
			t.Fatalf("dashboard on the second server: %d", code)
		}
	}
	profile := url.Values{"name": {"Maya Swift"}, "email": {"maya@example.com"}, "timezone": {"Europe/Berlin"}, "sports": {"run"},
		"experience": {"intermediate"}, "weekly_minutes": {"240"}, "units": {"km"}, "week_start": {"monday"}}
	if code, page, _ := send(http.MethodPost, one.URL, "/athletes/"+strconv.FormatInt(ath.ID, 10)+"/edit", profile, session); code != http.StatusSeeOther {
		t.Fatalf("edit through the first server: %d\n%.2000s", code, page)
	}
	if _, page, _ := send(http.MethodGet, two.URL, "/", nil, session); !strings.Contains(page, "Maya Swift") || strings.Contains(page, "Maya Runner") {
		t.Error("the second server's dashboard does not show the change made through the first")
	}

	// Failed sign-ins count on both: the limit is the same whichever
	// server the guesses reach.
	for i := range 10 {
		base := []string{one.URL, two.URL}[i%2]
		if code, _, _ := send(http.MethodPost, base, "/login", url.Values{"email": {"nobody@example.com"}, "password": {"guess number " + strconv.Itoa(i)}}, ""); code != http.StatusUnprocessableEntity {
			t.Fatalf("guess %d: %d", i, code)
		}
	}
	for _, base := range []string{one.URL, two.URL} {
		if code, _, _ := send(http.MethodPost, base, "/login", url.Values{"email": {"nobody@example.com"}, "password": {"one guess more"}}, ""); code != http.StatusTooManyRequests {
			t.Errorf("the eleventh guess on %s: %d, want 429", base, code)
		}
	}

	// One proposal, applied from both servers at once: one applies it, the
	// other finds it no longer pending.
	day := time.Now().UTC().Truncate(24*time.Hour).AddDate(0, 0, 2)
	wo, err := st.AddWorkout(ctx, coach, ath.ID, day, training.Prescription{Sport: "run", Kind: "tempo", Title: "Tempo", PlannedDurationS: 3000, TargetRPE: 6})
	if err != nil {
		t.Fatal(err)
	}
	before := plan.Upcoming{ID: wo.ID, Date: day, Sport: "run", Kind: "tempo", Title: "Tempo", Minutes: 50, RPE: 6, Key: true}
	after := before
	after.Minutes, after.RPE = 35, 5
	if err := st.SaveProposal(ctx, maya, store.Proposal{AthleteID: ath.ID, CheckInDay: day, Light: "amber", Reason: "Amber check-in",
		Adjustments: []plan.Adjustment{{WorkoutID: wo.ID, Action: "shorten", Before: before, After: after, Why: "Shorter"}}}); err != nil {
		t.Fatal(err)
	}
	p, ok, err := st.PendingProposal(ctx, coach, ath.ID)
	if err != nil || !ok {
		t.Fatalf("pending proposal: %v %v", ok, err)
	}
	path := "/athletes/" + strconv.FormatInt(ath.ID, 10) + "/proposals/" + strconv.FormatInt(p.ID, 10) + "/apply"
	codes := make([]int, 2)
	var wg sync.WaitGroup
	for i, base := range []string{one.URL, two.URL} {
		wg.Go(func() {
			req, _ := http.NewRequest(http.MethodPost, base+path, nil)
			req.AddCookie(&http.Cookie{Name: "rebound_session", Value: session})
			if resp, err := noFollow.Do(req); err == nil {
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				codes[i] = resp.StatusCode
			}
		})
	}
	wg.Wait()
	slices.Sort(codes)
	if codes[0] != http.StatusSeeOther || codes[1] != http.StatusNotFound {
		t.Errorf("applied from both servers: %v, want one 303 and one 404", codes)
	}
	got, err := st.Workout(ctx, coach, wo.ID)
	if err != nil || got.PlannedDurationS != 35*60 {
		t.Errorf("the workout after the proposal: %d s (%v)", got.PlannedDurationS, err)
	}
}
