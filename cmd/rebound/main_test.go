package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/jackc/pgx/v5"

	"rebound/internal/auth"
	"rebound/internal/pgtest"
	"rebound/internal/store"
	"rebound/internal/training"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// syncBuffer is an io.Writer the server writes to while the test reads.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// app is `rebound serve` running in the test.
type app struct {
	URL     string
	stop    context.CancelFunc
	done    chan error
	stopped bool
	stdout  *syncBuffer
	stderr  *syncBuffer
}

// Stop shuts the app down as SIGTERM would and returns run's error.
func (a *app) Stop(t *testing.T) error {
	t.Helper()
	if a.stopped {
		return nil
	}
	a.stop()
	select {
	case err := <-a.done:
		a.stopped = true
		return err
	case <-time.After(time.Minute):
		t.Fatalf("serve did not stop within a minute\n%s", a.stderr)
		return nil
	}
}

var listening = regexp.MustCompile(`listening on (http://\S+)`)

// serveApp runs `rebound serve` on a free loopback port with env as its
// environment and waits until it listens.
func serveApp(t *testing.T, env map[string]string, args ...string) *app {
	t.Helper()
	a := startServe(env, args...)
	a.waitListening(t)
	return a
}

// startServe starts `rebound serve` without waiting for it, so that tests
// can start several at once.
func startServe(env map[string]string, args ...string) *app {
	ctx, cancel := context.WithCancel(context.Background())
	a := &app{stop: cancel, done: make(chan error, 1), stdout: &syncBuffer{}, stderr: &syncBuffer{}}
	args = append([]string{"serve", "-addr", "127.0.0.1:0", "-log-format", "text"}, args...)
	go func() { a.done <- run(ctx, args, func(k string) string { return env[k] }, a.stdout, a.stderr) }()
	return a
}

// waitListening waits until the app listens, and stops it when the test
// ends.
func (a *app) waitListening(t *testing.T) {
	t.Helper()
	deadline := time.After(2 * time.Minute)
	for {
		if m := listening.FindStringSubmatch(a.stdout.String()); m != nil {
			a.URL = m[1]
			break
		}
		select {
		case err := <-a.done:
			t.Fatalf("serve exited before listening: %v\n%s", err, a.stderr)
		case <-deadline:
			a.stop()
			t.Fatalf("serve did not listen within 2 minutes\n%s", a.stderr)
		case <-time.After(10 * time.Millisecond):
		}
	}
	t.Cleanup(func() {
		if err := a.Stop(t); err != nil {
			t.Errorf("serve: %v", err)
		}
	})
}

func status(t *testing.T, url string) int {
	t.Helper()
	client := http.Client{Timeout: 10 * time.Second}
	resp, err := client.Get(url)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode
}

// waitStatus polls url until it answers want.
func waitStatus(t *testing.T, url string, want int, within time.Duration) {
	t.Helper()
	deadline := time.Now().Add(within)
	for {
		got := status(t, url)
		if got == want {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("GET %s = %d for %v, want %d", url, got, within, want)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// eventually polls cond until it holds, and fails the test with the
// message if it does not within the time given.
func eventually(t *testing.T, within time.Duration, cond func() bool, format string, args ...any) {
	t.Helper()
	deadline := time.Now().Add(within)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf(format, args...)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// dataDir returns a directory the postgres user can enter when the tests
// run as root (t.TempDir is mode 0700).
func dataDir(t *testing.T) string {
	t.Helper()
	base := ""
	if fi, err := os.Stat("/dev/shm"); err == nil && fi.IsDir() {
		base = "/dev/shm"
	}
	dir, err := os.MkdirTemp(base, "rebound-serve-test-")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	return dir
}

func postmasterPID(t *testing.T, pgdata string) int {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(pgdata, "postmaster.pid"))
	if err != nil {
		t.Fatal(err)
	}
	pid, err := strconv.Atoi(strings.SplitN(string(data), "\n", 2)[0])
	if err != nil {
		t.Fatal(err)
	}
	return pid
}

func TestServeRunsItsOwnPostgreSQL(t *testing.T) {
	dir := dataDir(t)
	pgdata := filepath.Join(dir, "pgdata")
	a := serveApp(t, map[string]string{"REBOUND_DATA_DIR": dir})
	if got := status(t, a.URL+"/healthz"); got != http.StatusOK {
		t.Fatalf("/healthz = %d", got)
	}
	if got := status(t, a.URL+"/readyz"); got != http.StatusOK {
		t.Fatalf("/readyz = %d", got)
	}
	// Something to find again after a restart.
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, "host="+pgdata+" user=postgres dbname=rebound")
	if err != nil {
		t.Fatalf("the private server listens on a socket in its data directory: %v", err)
	}
	if _, err := conn.Exec(ctx, "INSERT INTO sessions (token, data, expiry) VALUES ('kept', '', now() + interval '1 day')"); err != nil {
		t.Fatal(err)
	}
	conn.Close(ctx)

	// The one-off commands use the running server's PostgreSQL.
	var out bytes.Buffer
	env := func(k string) string { return map[string]string{"REBOUND_DATA_DIR": dir}[k] }
	if err := run(ctx, []string{"migrate", "status"}, env, &out, io.Discard); err != nil || !strings.Contains(out.String(), "00001_sessions.sql") {
		t.Fatalf("migrate status beside a running serve: %v\n%s", err, out.String())
	}

	// Stopped under the running app, the database comes back by itself.
	pid := postmasterPID(t, pgdata)
	if err := syscall.Kill(pid, syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	waitStatus(t, a.URL+"/readyz", http.StatusServiceUnavailable, 10*time.Second)
	if got := status(t, a.URL+"/healthz"); got != http.StatusOK {
		t.Errorf("/healthz while the database is down = %d, want 200", got)
	}
	waitStatus(t, a.URL+"/readyz", http.StatusOK, 30*time.Second)

	pid = postmasterPID(t, pgdata)
	if err := a.Stop(t); err != nil {
		t.Fatalf("serve: %v", err)
	}
	if err := syscall.Kill(pid, 0); !errors.Is(err, syscall.ESRCH) {
		t.Fatalf("postgres (pid %d) still running after serve stopped", pid)
	}
	if _, err := os.Stat(filepath.Join(pgdata, "postmaster.pid")); !errors.Is(err, os.ErrNotExist) {
		t.Fatal("postmaster.pid left behind: postgres did not shut down cleanly")
	}

	// A second start reuses the cluster and finds the data.
	b := serveApp(t, map[string]string{"REBOUND_DATA_DIR": dir})
	waitStatus(t, b.URL+"/readyz", http.StatusOK, 10*time.Second)
	conn, err = pgx.Connect(ctx, "host="+pgdata+" user=postgres dbname=rebound")
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	var n int
	if err := conn.QueryRow(ctx, "SELECT count(*) FROM sessions WHERE token = 'kept'").Scan(&n); err != nil || n != 1 {
		t.Fatalf("row after restart: %d, %v", n, err)
	}
}

func TestServeRecoversWhenItsDatabaseReturns(t *testing.T) {
	a := serveApp(t, map[string]string{"DATABASE_URL": pgtest.DSN(t)})
	waitStatus(t, a.URL+"/readyz", http.StatusOK, 10*time.Second)
	server := pgtest.Server(t)
	if err := server.Stop(); err != nil {
		t.Fatal(err)
	}
	start := func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		if err := server.Start(ctx); err != nil {
			t.Fatal(err)
		}
	}
	defer start() // the other tests need it back even if this one fails
	if got := status(t, a.URL+"/readyz"); got != http.StatusServiceUnavailable {
		t.Fatalf("/readyz with the database stopped = %d, want 503", got)
	}
	start()
	waitStatus(t, a.URL+"/readyz", http.StatusOK, 10*time.Second)
}

func TestServeExplainsMissingPostgreSQL(t *testing.T) {
	err := run(context.Background(), []string{"serve", "-addr", "127.0.0.1:0"},
		func(k string) string {
			return map[string]string{"REBOUND_PG_BIN": t.TempDir(), "REBOUND_DATA_DIR": dataDir(t)}[k]
		},
		io.Discard, io.Discard)
	if err == nil {
		t.Fatal("serve started without PostgreSQL binaries")
	}
	for _, want := range []string{"apt-get install postgresql", "DATABASE_URL"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q: %v", want, err)
		}
	}
}

func TestMigrateUpDownStatus(t *testing.T) {
	env := map[string]string{"DATABASE_URL": pgtest.DSN(t)}
	getenv := func(k string) string { return env[k] }
	migrate := func(action string) string {
		t.Helper()
		var out bytes.Buffer
		if err := run(context.Background(), []string{"migrate", action}, getenv, &out, io.Discard); err != nil {
			t.Fatalf("migrate %s: %v", action, err)
		}
		return out.String()
	}
	// pgtest's databases come migrated.
	if out := migrate("up"); !strings.Contains(out, "up to date") {
		t.Errorf("migrate up on a migrated database: %q", out)
	}
	if out := migrate("status"); !strings.Contains(out, "00001_sessions.sql") || strings.Contains(out, "pending") {
		t.Errorf("status: %q", out)
	}
	for range 1000 { // roll everything back, whatever later issues add
		if out := migrate("down"); strings.Contains(out, "no migration to roll back") {
			break
		}
	}
	if out := migrate("status"); !strings.Contains(out, "pending") {
		t.Errorf("status after rolling back: %q", out)
	}
	if out := migrate("up"); !strings.Contains(out, "applied 00001_sessions.sql") {
		t.Errorf("migrate up: %q", out)
	}
	var stderr bytes.Buffer
	if err := run(context.Background(), []string{"migrate", "sideways"}, getenv, io.Discard, &stderr); err == nil {
		t.Error("migrate accepted an unknown command")
	}
}

func TestHealthcheckCommand(t *testing.T) {
	a := serveApp(t, map[string]string{"DATABASE_URL": pgtest.DSN(t)})
	addr := strings.TrimPrefix(a.URL, "http://")
	if err := run(context.Background(), []string{"healthcheck", "-addr", addr}, func(string) string { return "" }, io.Discard, io.Discard); err != nil {
		t.Fatalf("healthcheck of a running server: %v", err)
	}
	if err := a.Stop(t); err != nil {
		t.Fatal(err)
	}
	if err := run(context.Background(), []string{"healthcheck", "-addr", addr}, func(string) string { return "" }, io.Discard, io.Discard); err == nil {
		t.Fatal("healthcheck of a stopped server succeeded")
	}
}

func TestHelpAndVersion(t *testing.T) {
	var out, errOut bytes.Buffer
	if err := run(context.Background(), []string{"version"}, os.Getenv, &out, &errOut); err != nil || !strings.HasPrefix(out.String(), "rebound ") {
		t.Fatalf("version: %q, %v", out.String(), err)
	}
	for _, cmd := range []string{"serve", "migrate", "version", "healthcheck", "user"} {
		errOut.Reset()
		err := run(context.Background(), []string{cmd, "-h"}, func(string) string { return "" }, io.Discard, &errOut)
		if !errors.Is(err, flag.ErrHelp) || !strings.Contains(errOut.String(), "Usage: rebound "+cmd) {
			t.Errorf("%s -h: %v\n%s", cmd, err, errOut.String())
		}
	}
	if !strings.Contains(errOut.String(), "REBOUND_ADDR") {
		t.Error("help does not name the environment variables")
	}
	if err := run(context.Background(), []string{"fly"}, os.Getenv, io.Discard, io.Discard); err == nil {
		t.Error("an unknown command succeeded")
	}
}

func TestUserResetPasswordPrintsAWorkingLink(t *testing.T) {
	dsn := pgtest.DSN(t)
	env := map[string]string{"DATABASE_URL": dsn}
	a := serveApp(t, env)
	signup := url.Values{"name": {"Carla Coach"}, "email": {"carla@example.com"}, "password": {"kettle orbit walnut"}}
	resp, err := http.PostForm(a.URL+"/signup", signup)
	if err != nil || resp.StatusCode != http.StatusOK { // the client followed the redirect home
		t.Fatalf("sign-up: %v %v", resp.StatusCode, err)
	}
	resp.Body.Close()

	env["REBOUND_BASE_URL"] = a.URL
	var out bytes.Buffer
	if err := run(context.Background(), []string{"user", "reset-password", "CARLA@example.com"}, func(k string) string { return env[k] }, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	link := regexp.MustCompile(`http://\S+/reset/\S+`).FindString(out.String())
	if link == "" {
		t.Fatalf("no link in %q", out.String())
	}
	if got := status(t, link); got != http.StatusOK {
		t.Fatalf("GET %s = %d", link, got)
	}
	err = run(context.Background(), []string{"user", "reset-password", "nobody@example.com"}, func(k string) string { return env[k] }, io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "no account") {
		t.Fatalf("unknown e-mail: %v", err)
	}
}

func TestPlanCommand(t *testing.T) {
	now := time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC) // a Tuesday
	var out bytes.Buffer
	err := planCommand([]string{"--sport", "run", "--event", "marathon", "--event-date", "2027-03-28", "--start", "2026-11-23",
		"--weekly-minutes", "180", "--experience", "beginner", "--long-day", "sun", "--format", "json"}, now, &out, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		Weeks []struct {
			Start, Phase, Kind, Rationale string
			TargetMinutes                 int `json:"target_minutes"`
			Workouts                      []map[string]any
		}
	}
	if err := json.Unmarshal(out.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if len(got.Weeks) < 18 || got.Weeks[0].Start != "2026-11-23" || got.Weeks[0].Rationale == "" {
		t.Fatalf("%d weeks, first %+v", len(got.Weeks), got.Weeks[0])
	}
	for _, key := range []string{"date", "sport", "kind", "minutes", "distance_m", "rpe", "zone", "key", "protected", "title", "description"} {
		if _, ok := got.Weeks[0].Workouts[0][key]; !ok {
			t.Errorf("workout JSON lacks %q", key)
		}
	}
	var raced bool
	for _, w := range got.Weeks {
		for _, wo := range w.Workouts {
			raced = raced || (wo["date"] == "2027-03-28" && wo["kind"] == "race")
		}
	}
	if !raced {
		t.Error("no race on the event day")
	}

	out.Reset()
	if err := planCommand([]string{"--weekly-minutes", "240", "--cutback-every", "3"}, now, &out, io.Discard); err != nil || !strings.Contains(out.String(), "Mon 30 Nov 2026") {
		t.Errorf("text plan from next Monday: %v\n%.300s", err, out.String())
	}
	for _, tc := range []struct {
		args []string
		flag string
	}{
		{[]string{"--weekly-minutes", "180", "--sport", "rowing"}, "--sport"},
		{[]string{"--weekly-minutes", "180", "--event", "marathon"}, "--event-date"},
		{[]string{"--weekly-minutes", "180", "--start", "23/11/2026"}, "--start"},
		{[]string{"--sport", "run"}, "--weekly-minutes"},
		{[]string{"--weekly-minutes", "180", "--long-day", "someday"}, "--long-day"},
		{[]string{"--weekly-minutes", "180", "--format", "xml"}, "--format"},
		{[]string{"--weekly-minutes", "60", "--event", "marathon", "--event-date", "2026-12-20", "--start", "2026-11-23"}, "--"},
	} {
		err := planCommand(tc.args, now, io.Discard, io.Discard)
		if err == nil || !strings.Contains(err.Error(), tc.flag) {
			t.Errorf("%v: %v (want an error naming %s)", tc.args, err, tc.flag)
		}
	}
}

// seedAthlete makes, through the store, a coach (carla@example.com) and an
// athlete with an account (maya@example.com) in the zone tz, both with the
// password "kettle orbit walnut".
func seedAthlete(t *testing.T, dsn, tz string) (*store.Store, store.User, training.Athlete) {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(st.Close)
	hash, err := auth.HashPassword(ctx, "kettle orbit walnut")
	if err != nil {
		t.Fatal(err)
	}
	coach, err := st.CreateCoach(ctx, "Carla Coach", "carla@example.com", hash, false)
	if err != nil {
		t.Fatal(err)
	}
	_, tok := auth.NewToken()
	ath, _, err := st.CreateInvitedAthlete(ctx, coach, store.NewAthlete{Name: "Maya Runner", Email: "maya@example.com", Timezone: tz}, tok)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.AcceptAthleteInvite(ctx, tok, hash); err != nil {
		t.Fatal(err)
	}
	return st, coach, ath
}

// signIn signs the tab in and waits until the signed-in page shows.
func signIn(t *testing.T, tab context.Context, base, email string) {
	t.Helper()
	signInWith(t, tab, base, email, "kettle orbit walnut")
}

// signInWith signs the tab in with password.
func signInWith(t *testing.T, tab context.Context, base, email, password string) {
	t.Helper()
	err := chromedp.Do(tab, chromedp.Navigate(base+"/login"),
		chromedp.SendKeys(chromedp.CSS(`#f-email`), email),
		chromedp.SendKeys(chromedp.CSS(`#f-password`), password),
		chromedp.Click(chromedp.CSS(`main form button[type=submit]`)),
		// The sign-out button shows only once signed in (the sign-in
		// page's own h1 would match at once).
		chromedp.WaitVisible(chromedp.CSS(`.site-nav form button`)))
	if err != nil {
		t.Fatal(err)
	}
}
