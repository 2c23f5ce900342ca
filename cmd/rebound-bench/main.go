// Command rebound-bench measures Rebound under load on realistic data: it
// loads a coach with hundreds of athletes and years of history (once; the
// data is kept for later runs), starts `rebound serve` on it as its own
// process, signs in as the coach and as many athletes, and drives a
// bounded, self-stopping load at loopback against the pages people use.
// In the same run it measures two ceilings: the same server's /healthz,
// and the raw rate of the check-in upsert on the same PostgreSQL at the
// same concurrency. docs/PERFORMANCE.md explains the figures.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"

	"rebound/internal/store"
	"rebound/internal/web"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	_, err := benchmark(ctx, os.Args[1:])
	stop()
	if err != nil && !errors.Is(err, flag.ErrHelp) {
		fmt.Fprintln(os.Stderr, "rebound-bench:", err)
		os.Exit(1)
	}
}

// options are the harness's flags.
type options struct {
	dataDir     string
	athletes    int
	days        int
	binary      string
	duration    time.Duration
	coaches     int // concurrent coach sessions on the coach's pages
	checkins    int // concurrent athlete sessions submitting check-ins
	maxRequests int
	markdown    bool
	only        []string // endpoints to drive, by words of their names (nil: all)
}

// wants reports whether -only leaves the endpoint of this name in: each
// of its items is whole words of the name ("after" is in "dashboard after
// change", "dash" in nothing); the ceilings always run.
func (o options) wants(name string) bool {
	return o.only == nil || strings.Contains(name, "ceiling") ||
		slices.ContainsFunc(o.only, func(words string) bool { return strings.Contains(" "+name+" ", " "+words+" ") })
}

func benchmark(ctx context.Context, args []string) ([]result, error) {
	var o options
	fs := flag.NewFlagSet("rebound-bench", flag.ContinueOnError)
	fs.StringVar(&o.dataDir, "data-dir", filepath.Join(os.TempDir(), "rebound-bench"),
		"directory of the private PostgreSQL holding the generated data (kept between runs); ignored with DATABASE_URL")
	fs.IntVar(&o.athletes, "athletes", 500, "athletes of the generated coach")
	fs.IntVar(&o.days, "days", 730, "days of history per athlete")
	fs.StringVar(&o.binary, "rebound", "", "the rebound binary to serve with (default: go build ./cmd/rebound)")
	fs.DurationVar(&o.duration, "duration", 10*time.Second, "how long each endpoint is driven")
	fs.IntVar(&o.coaches, "coaches", 8, "concurrent coach sessions")
	fs.IntVar(&o.checkins, "checkins", 32, "concurrent athlete sessions submitting check-ins")
	fs.IntVar(&o.maxRequests, "max-requests", 200000, "most requests per endpoint")
	fs.BoolVar(&o.markdown, "markdown", false, "print the results as a Markdown table")
	only := fs.String("only", "", "drive only these endpoints, comma-separated words of their names (e.g. dashboard,check-in or dashboard after); the ceilings always run")
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	if *only != "" {
		for _, w := range strings.Split(*only, ",") {
			o.only = append(o.only, strings.Join(strings.Fields(w), " "))
		}
	}
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))

	db, err := openBenchDB(ctx, o, logger)
	if err != nil {
		return nil, err
	}
	defer db.close()
	fix, err := db.fixture(ctx, o)
	if err != nil {
		return nil, err
	}
	if err := db.settle(ctx); err != nil {
		return nil, err
	}

	if o.binary == "" {
		o.binary = filepath.Join(os.TempDir(), "rebound-bench-serve")
		build := exec.CommandContext(ctx, "go", "build", "-o", o.binary, "./cmd/rebound")
		build.Stdout, build.Stderr = os.Stderr, os.Stderr
		if err := build.Run(); err != nil {
			return nil, fmt.Errorf("build rebound (run from the repository's root, or pass -rebound): %w", err)
		}
	}
	srv, err := startServer(ctx, o.binary, db.dsn, nil)
	if err != nil {
		return nil, err
	}
	defer srv.stop()

	coachClients, err := signInAll(srv.URL, fix.coachEmail, fix.password, o.coaches, func(i int) string { return fmt.Sprintf("10.1.0.%d", 1+i) })
	if err != nil {
		return nil, fmt.Errorf("coach sign-in: %w", err)
	}
	var athleteClients []*http.Client
	for i := range o.checkins {
		c, err := signInAll(srv.URL, fix.joined[i%len(fix.joined)].email, fix.password, 1,
			func(int) string { return fmt.Sprintf("10.2.%d.%d", i/250, 1+i%250) })
		if err != nil {
			return nil, fmt.Errorf("athlete sign-in: %w", err)
		}
		athleteClients = append(athleteClients, c...)
	}
	fmt.Fprintf(os.Stderr, "rebound-bench: %d athletes, %d days; server %s; %d coach and %d athlete sessions; %s per endpoint\n",
		o.athletes, o.days, srv.URL, o.coaches, o.checkins, o.duration)

	get := func(clients []*http.Client, path func(worker, i int) string) func(context.Context, int, int) sample {
		return func(ctx context.Context, w, i int) sample {
			req, _ := http.NewRequest(http.MethodGet, srv.URL+path(w, i), nil)
			req.Header.Set("Accept-Encoding", "gzip")
			return fetch(ctx, clients[w%len(clients)], req, http.StatusOK)
		}
	}
	pick := func(w, i int) athlete { return fix.all[(w*7919+i*104729)%len(fix.all)] }
	plain := &http.Client{Transport: transport(o.checkins)}
	var results []result
	measure := func(r result) {
		r.queries = srv.meanQueries(r.samples)
		results = append(results, r)
		fmt.Fprintf(os.Stderr, "  %-22s %8.0f req/s  p95 %v  errors %d\n", r.name, r.rate(), r.percentile(95).Round(10*time.Microsecond), r.errors())
	}

	// driveThrough runs one endpoint unless -only leaves it out; direct
	// ones go straight to the database, so the server's CPU is not theirs.
	driveThrough := func(direct bool, name string, concurrency int, do func(context.Context, int, int) sample) {
		if !o.wants(name) {
			return
		}
		pg := 0
		if db.server != nil {
			pg = postmaster(filepath.Join(o.dataDir, "pgdata"))
		}
		server, database := processCPU(srv.cmd.Process.Pid), treeCPU(pg)
		r := run(name, concurrency, o.duration, o.maxRequests, do)
		if !direct {
			r.serverCPU = processCPU(srv.cmd.Process.Pid) - server
		}
		if pg != 0 {
			r.dbCPU = treeCPU(pg) - database
		}
		measure(r)
	}
	drive := func(name string, concurrency int, do func(context.Context, int, int) sample) {
		driveThrough(false, name, concurrency, do)
	}

	drive("healthz (ceiling)", o.coaches,
		get([]*http.Client{plain}, func(int, int) string { return "/healthz" }))
	dashboard := get(coachClients, func(int, int) string { return "/" })
	drive("dashboard", o.coaches, dashboard)
	// The same, each visit after an athlete's change: the page is drawn
	// anew (the change itself is not timed).
	drive("dashboard after change", o.coaches, func(ctx context.Context, w, i int) sample {
		if err := db.touch(ctx, pick(w, i), i); err != nil {
			if ctx.Err() != nil {
				return sample{failure: "cancelled"}
			}
			return sample{failure: err.Error()}
		}
		return dashboard(ctx, w, i)
	})
	drive("athlete page", o.coaches,
		get(coachClients, func(w, i int) string { return fmt.Sprintf("/athletes/%d", pick(w, i).id) }))
	drive("week view", o.coaches,
		get(coachClients, func(w, i int) string { a := pick(w, i); return fmt.Sprintf("/athletes/%d/weeks/%s", a.id, a.week) }))
	drive("print page", o.coaches,
		get(coachClients, func(w, i int) string {
			a := pick(w, i)
			return fmt.Sprintf("/athletes/%d/weeks/%s/print", a.id, a.week)
		}))
	drive("calendar feed", o.coaches,
		get([]*http.Client{plain}, func(w, i int) string { return "/calendar/" + fix.tokens[(w+i)%len(fix.tokens)] + ".ics" }))

	driveThrough(true, "check-in upsert (ceiling)", o.checkins, func(ctx context.Context, w, i int) sample {
		return db.upsert(ctx, fix.joined[w%len(fix.joined)], i)
	})
	// The submission's domain work alone: judged and saved with what it
	// leads to, as the handler does, through the store without HTTP or
	// session; between it and the submission is the web's share.
	driveThrough(true, "check-in judged without HTTP", o.checkins, func(ctx context.Context, w, i int) sample {
		return db.judged(ctx, fix.joined[w%len(fix.joined)], i)
	})
	drive("check-in submission", o.checkins, func(ctx context.Context, w, i int) sample {
		form := url.Values{"sleep_hours": {"7.5"}, "sleep_quality": {"4"}, "fatigue": {fmt.Sprint(2 + i%3)}, "soreness": {"4"},
			"stress": {"3"}, "mood": {"4"}, "motivation": {"4"}, "resting_hr": {fmt.Sprint(48 + i%5)}, "notes": {fmt.Sprintf("run %d", i)}}
		req, _ := http.NewRequest(http.MethodPost, srv.URL+"/checkin", strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Origin", srv.URL)
		return fetch(ctx, athleteClients[w], req, http.StatusSeeOther)
	})

	// The kept rows' refresh after one athlete's change, through the store
	// with its clock set to days whose plans have differed: one stale row
	// at a time, on a connection of its own, so that its backend's CPU
	// time is the refresh's alone (the edit before it, untimed, runs on
	// another). The rows are first made fresh for that day, and for today
	// after.
	since, recovery := web.DashboardWindows()
	refresher, err := store.Open(ctx, oneConnection(db.dsn))
	if err != nil {
		return nil, err
	}
	defer refresher.Close()
	for _, c := range clockDays(time.Now(), fix.zones) {
		name := "refresh after change, " + c.name
		if !o.wants(name) {
			continue
		}
		refresher.Now = func() time.Time { return c.at }
		if _, err := refresher.RosterVersions(ctx, fix.coach, since, recovery); err != nil {
			return nil, err
		}
		var backend int
		if err := refresher.Pool().QueryRow(ctx, `SELECT pg_backend_pid()`).Scan(&backend); err != nil {
			return nil, err
		}
		cpu := processCPU(backend)
		// The refresh is not cut off by the end of the run (a query
		// cancelled closes its connection, and the backend's count with it).
		r := run(name, 1, o.duration, o.maxRequests, func(runCtx context.Context, w, i int) sample {
			if err := db.touch(runCtx, pick(w, i), i); err != nil {
				if runCtx.Err() != nil {
					return sample{failure: "cancelled"}
				}
				return sample{failure: err.Error()}
			}
			began := time.Now()
			_, err := refresher.RosterVersions(ctx, fix.coach, since, recovery)
			s := sample{took: time.Since(began), status: 200}
			if err != nil {
				s.failure = err.Error()
			}
			return s
		})
		if db.server != nil { // the backend is a process of this machine
			r.dbCPU = processCPU(backend) - cpu
		}
		measure(r)
	}
	refresher.Now = time.Now
	if _, err := refresher.RosterVersions(ctx, fix.coach, since, recovery); err != nil {
		return nil, err
	}

	rss, peak, err := srv.memory()
	if err != nil {
		return nil, err
	}
	report(os.Stdout, o, results, rss, peak)
	return results, nil
}

// transport keeps enough idle connections for every worker.
func transport(conns int) *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConns, t.MaxIdleConnsPerHost = conns*2, conns*2
	t.DisableCompression = true // we ask for gzip ourselves and count the compressed bytes
	return t
}

// signInAll signs n clients in as email. Each client has its own address
// (the server trusts X-Forwarded-For here), as real users would.
func signInAll(base, email, password string, n int, addr func(i int) string) ([]*http.Client, error) {
	var out []*http.Client
	for i := range n {
		jar, _ := cookiejar.New(nil)
		c := &http.Client{Jar: jar, Transport: &forwarded{base: transport(4), addr: addr(i)},
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
		form := url.Values{"email": {email}, "password": {password}}
		req, _ := http.NewRequest(http.MethodPost, base+"/login", strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Origin", base)
		resp, err := c.Do(req)
		if err != nil {
			return nil, err
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusSeeOther {
			return nil, fmt.Errorf("sign in as %s: status %d", email, resp.StatusCode)
		}
		out = append(out, c)
	}
	return out, nil
}

// forwarded sets the client's address as a proxy would.
type forwarded struct {
	base http.RoundTripper
	addr string
}

func (f *forwarded) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	r.Header.Set("X-Forwarded-For", f.addr)
	return f.base.RoundTrip(r)
}

// machine describes where the run happened.
func machine() string {
	cpu := "unknown CPU"
	if data, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, line := range strings.Split(string(data), "\n") {
			if strings.HasPrefix(line, "model name") {
				cpu = strings.TrimSpace(strings.SplitN(line, ":", 2)[1])
				break
			}
		}
	}
	return fmt.Sprintf("%d cores (%s), %s, %s/%s", runtime.NumCPU(), cpu, runtime.Version(), runtime.GOOS, runtime.GOARCH)
}

// oneConnection is dsn for a pool of one connection.
func oneConnection(dsn string) string {
	if strings.Contains(dsn, "://") {
		if strings.Contains(dsn, "?") {
			return dsn + "&pool_max_conns=1"
		}
		return dsn + "?pool_max_conns=1"
	}
	return dsn + " pool_max_conns=1"
}
