package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"rebound/internal/config"
	"rebound/internal/demo"
	"rebound/internal/devdb"
	"rebound/internal/pgtest"
	"rebound/internal/store"
	"rebound/internal/training"
	"rebound/internal/web"
)

// pgTool finds a PostgreSQL client program where the tests find the
// server (REBOUND_PG_BIN, PATH, the versioned install directories), so it
// is of the server's version; else on PATH; else the test is skipped.
func pgTool(t *testing.T, name string) string {
	t.Helper()
	if dir, err := devdb.FindBinaries(os.Getenv("REBOUND_PG_BIN")); err == nil {
		if p := filepath.Join(dir, name); isExecutable(p) {
			return p
		}
	}
	if p, err := exec.LookPath(name); err == nil {
		return p
	}
	t.Skipf("%s not found: it comes with PostgreSQL (Debian: apt-get install postgresql-client); the backup test needs it", name)
	return ""
}

func isExecutable(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && !fi.IsDir() && fi.Mode()&0o111 != 0
}

// onDatabase returns dsn (a URL or key=value string) naming database name.
func onDatabase(dsn, name string) string {
	if u, err := url.Parse(dsn); err == nil && (u.Scheme == "postgres" || u.Scheme == "postgresql") {
		u.Path = "/" + name
		return u.String()
	}
	return dsn + " dbname=" + name // the last value of a key wins
}

// emptyDatabase creates a new, empty database on the server of dsn and
// returns its connection string; it is dropped when the test ends.
func emptyDatabase(t *testing.T, admin *store.Store, dsn string) string {
	t.Helper()
	name := fmt.Sprintf("restored_%d_%d", os.Getpid(), time.Now().UnixNano())
	ident := pgx.Identifier{name}.Sanitize()
	if _, err := admin.Pool().Exec(context.Background(), "CREATE DATABASE "+ident); err != nil {
		t.Fatalf("create the database to restore into: %v", err)
	}
	t.Cleanup(func() {
		if _, err := admin.Pool().Exec(context.Background(), "DROP DATABASE IF EXISTS "+ident+" WITH (FORCE)"); err != nil {
			t.Errorf("drop %s: %v", name, err)
		}
	})
	return onDatabase(dsn, name)
}

func openStore(t *testing.T, dsn string) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(st.Close)
	return st
}

// runTool runs a PostgreSQL program, failing the test with its output.
func runTool(t *testing.T, prog string, args ...string) {
	t.Helper()
	out, err := exec.Command(prog, args...).CombinedOutput()
	if err != nil {
		if strings.Contains(string(out), "version mismatch") {
			t.Skipf("%s is older than the test server: %s", prog, out)
		}
		t.Fatalf("%s %s: %v\n%s", filepath.Base(prog), strings.Join(args, " "), err, out)
	}
}

// rowCounts counts the rows of every table of the public schema.
func rowCounts(t *testing.T, st *store.Store) map[string]int64 {
	t.Helper()
	ctx := context.Background()
	rows, err := st.Pool().Query(ctx, `SELECT table_name FROM information_schema.tables
		WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`)
	if err != nil {
		t.Fatal(err)
	}
	tables, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		t.Fatal(err)
	}
	counts := map[string]int64{}
	for _, table := range tables {
		var n int64
		if err := st.Pool().QueryRow(ctx, "SELECT count(*) FROM "+pgx.Identifier{table}.Sanitize()).Scan(&n); err != nil {
			t.Fatal(err)
		}
		counts[table] = n
	}
	return counts
}

// site is the app on one database, with a signed-in browser.
type site struct {
	ts *httptest.Server
	hc *http.Client
}

func newSite(t *testing.T, st *store.Store) *site {
	t.Helper()
	cfg := config.Config{Addr: "127.0.0.1:0", RequestTimeout: 30 * time.Second, MaxBodyBytes: 1 << 20,
		SessionIdle: time.Hour, SessionLifetime: 24 * time.Hour}
	ts := httptest.NewServer(web.New(cfg, st, slog.New(slog.DiscardHandler)))
	t.Cleanup(ts.Close)
	jar, _ := cookiejar.New(nil)
	return &site{ts: ts, hc: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

func (s *site) signIn(t *testing.T, email, password string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, s.ts.URL+"/login", strings.NewReader(url.Values{"email": {email}, "password": {password}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", s.ts.URL)
	r, err := s.hc.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	r.Body.Close()
	if r.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign in as %s: %d", email, r.StatusCode)
	}
}

// get returns the status, the redirect target and the body of path, with
// the site's own address taken out.
func (s *site) get(t *testing.T, path string) (int, string, string) {
	t.Helper()
	r, err := s.hc.Get(s.ts.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Body.Close()
	b, err := io.ReadAll(r.Body)
	if err != nil {
		t.Fatal(err)
	}
	return r.StatusCode, r.Header.Get("Location"), strings.ReplaceAll(string(b), s.ts.URL, "http://rebound")
}

// A dump of a seeded database (pg_dump -Fc), restored into a new empty
// database (pg_restore), has the same rows, and the app on it serves the
// same pages to the coach and to an athlete; restored over an existing
// Rebound database (pg_restore --clean), likewise.
func TestBackupAndRestoreServeTheSamePages(t *testing.T) {
	dump, restore := pgTool(t, "pg_dump"), pgTool(t, "pg_restore")
	ctx := context.Background()
	srcDSN := pgtest.DSN(t)
	src := openStore(t, srcDSN)
	began := time.Now()
	res, err := demo.Seed(ctx, src, began)
	if err != nil {
		t.Fatal(err)
	}
	seeded := time.Now()

	file := filepath.Join(t.TempDir(), "rebound.dump")
	runTool(t, dump, "--format=custom", "--file="+file, "--dbname="+srcDSN)
	dumped := time.Now()
	fi, err := os.Stat(file)
	if err != nil {
		t.Fatal(err)
	}

	// Into a new, empty database.
	freshDSN := emptyDatabase(t, src, srcDSN)
	runTool(t, restore, "--exit-on-error", "--no-owner", "--dbname="+freshDSN, file)
	restored := time.Now()
	// Over an existing Rebound database that holds other data.
	overDSN := pgtest.DSN(t)
	over := openStore(t, overDSN)
	if _, err := over.CreateCoach(ctx, "Someone Else", "else@example.com", "$argon2id$v=19$m=1,t=1,p=1$c2FsdA$aGFzaA", true); err != nil {
		t.Fatal(err)
	}
	runTool(t, restore, "--clean", "--if-exists", "--single-transaction", "--exit-on-error", "--no-owner", "--dbname="+overDSN, file)

	want := rowCounts(t, src)
	var total int64
	for _, n := range want {
		total += n
	}
	t.Logf("demo seeded in %v: %d tables, %d rows; pg_dump %v (%d KB), pg_restore %v",
		seeded.Sub(began).Round(time.Millisecond), len(want), total, dumped.Sub(seeded).Round(time.Millisecond), fi.Size()>>10,
		restored.Sub(dumped).Round(time.Millisecond))

	// Every page is rendered as of the same instant on each database.
	at := time.Now()
	src.Now = func() time.Time { return at }
	sites := map[string]*store.Store{"new database": openStore(t, freshDSN), "restored over": over}
	for what, st := range sites {
		st.Now = src.Now
		if got := rowCounts(t, st); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%s: row counts\n%v\nwant\n%v", what, got, want)
		}
	}

	// The coach's pages of every athlete, and an athlete's own pages. An
	// athlete's JSON export holds their whole record; the CSV exports
	// every workout and check-in of the coach's athletes.
	type viewer struct {
		email, password string
		paths           []string
	}
	coachView := viewer{email: res.Coach.Email, password: res.Coach.Password,
		paths: []string{"/", "/athletes", "/export/workouts.csv", "/export/checkins.csv"}}
	for _, a := range res.Athletes {
		p := fmt.Sprintf("/athletes/%d", a.ID)
		coachView.paths = append(coachView.paths, p, p+"/weeks", p+"/export.json")
	}
	logins := res.Logins()
	if len(logins) == 0 {
		t.Fatal("the demo prints no athlete sign-in")
	}
	own := fmt.Sprintf("/athletes/%d", logins[0].ID)
	athleteView := viewer{email: logins[0].Email, password: logins[0].Password,
		paths: []string{"/", "/checkin", own, own + "/weeks", own + "/plan/history", own + "/checkins"}}

	compared := 0
	for _, v := range []viewer{coachView, athleteView} {
		copies := map[string]*site{}
		for what, st := range sites {
			copies[what] = newSite(t, st)
			copies[what].signIn(t, v.email, v.password)
		}
		original := newSite(t, src)
		original.signIn(t, v.email, v.password)
		for _, path := range v.paths {
			wantStatus, wantLoc, wantBody := original.get(t, path)
			if wantStatus == http.StatusSeeOther && strings.HasSuffix(path, "/weeks") {
				path = wantLoc // the current week
				wantStatus, wantLoc, wantBody = original.get(t, path)
			}
			if wantStatus != http.StatusOK {
				t.Errorf("the original database: %s, %s: %d", v.email, path, wantStatus)
			}
			for what, copied := range copies {
				gotStatus, gotLoc, gotBody := copied.get(t, path)
				compared++
				if gotStatus != wantStatus || gotLoc != wantLoc {
					t.Errorf("%s, %s, %s: %d %q, the original %d %q", what, v.email, path, gotStatus, gotLoc, wantStatus, wantLoc)
					continue
				}
				if gotBody != wantBody {
					t.Errorf("%s, %s, %s: the page differs from the original's at %s", what, v.email, path, firstDifference(gotBody, wantBody))
				}
			}
		}
	}
	t.Logf("%d pages compared with the original's (%d as the coach, %d as an athlete, on each restored database)",
		compared, len(coachView.paths), len(athleteView.paths))

	// The restored database takes new writes: its sequences came along.
	for what, st := range sites {
		coach, _, err := st.Credentials(ctx, res.Coach.Email)
		if err == nil {
			_, err = st.AddWorkout(ctx, coach, res.Athletes[0].ID, at, training.Prescription{Sport: "run", Kind: "easy", Title: "After the restore", PlannedDurationS: 1800})
		}
		if err != nil {
			t.Errorf("%s: a new workout after the restore: %v", what, err)
		}
	}
}

// firstDifference shows where two pages part.
func firstDifference(a, b string) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	from := max(0, i-80)
	return fmt.Sprintf("byte %d:\n  got  %q\n  want %q", i, a[from:min(len(a), i+80)], b[from:min(len(b), i+80)])
}
