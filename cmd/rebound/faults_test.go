package main

// Fault tests: the app under load while its database dies and comes back,
// and while it shuts down. They take a while (about 10 s each), so they
// run when REBOUND_FAULTS is set, as .ci/run does.

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"rebound/internal/auth"
	"rebound/internal/store"
	"rebound/internal/training"
)

// requireFaults skips a fault test unless REBOUND_FAULTS is set.
func requireFaults(t *testing.T) {
	t.Helper()
	if os.Getenv("REBOUND_FAULTS") == "" {
		t.Skip("fault test: set REBOUND_FAULTS=1 to run it (.ci/run does)")
	}
}

const squadPassword = "kettle orbit walnut"

// squad is a coach and athletes with accounts, all with squadPassword.
type squad struct {
	coach    store.User
	athletes []training.Athlete
	emails   []string
}

// seedSquad makes, through the store, the coach carla@example.com and n
// athletes athleteNN@example.com with accounts (time zone UTC).
func seedSquad(t *testing.T, st *store.Store, n int) squad {
	t.Helper()
	ctx := context.Background()
	hash, err := auth.HashPassword(ctx, squadPassword)
	if err != nil {
		t.Fatal(err)
	}
	var sq squad
	if sq.coach, err = st.CreateCoach(ctx, "Carla Coach", "carla@example.com", hash, false); err != nil {
		t.Fatal(err)
	}
	for i := range n {
		email := fmt.Sprintf("athlete%02d@example.com", i)
		_, tok := auth.NewToken()
		ath, _, err := st.CreateInvitedAthlete(ctx, sq.coach, store.NewAthlete{Name: fmt.Sprintf("Athlete %02d", i), Email: email, Timezone: "UTC"}, tok)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := st.AcceptAthleteInvite(ctx, tok, hash); err != nil {
			t.Fatal(err)
		}
		sq.athletes = append(sq.athletes, ath)
		sq.emails = append(sq.emails, email)
	}
	return sq
}

// privateStore opens a pool on the private PostgreSQL of a serve whose
// cluster is pgdata (it listens on a socket in that directory).
func privateStore(t *testing.T, pgdata string) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), privateDSN(pgdata))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(st.Close)
	return st
}

func privateDSN(pgdata string) string {
	return "host=" + pgdata + " user=postgres dbname=rebound sslmode=disable"
}

// loadTransport is the one transport of a test's clients: keep-alive
// connections enough for all of them, and a dial that fails fast.
func loadTransport() *http.Transport {
	return &http.Transport{
		DialContext:         (&net.Dialer{Timeout: 5 * time.Second}).DialContext,
		MaxIdleConnsPerHost: 256,
		IdleConnTimeout:     time.Minute,
	}
}

// signInClient signs email in through /login and returns its client, which
// keeps the session cookie and does not follow redirects (a form's 303 is
// its answer).
func signInClient(base string, rt http.RoundTripper, email string) (*http.Client, error) {
	jar, err := cookiejar.New(nil)
	if err != nil {
		return nil, err
	}
	c := &http.Client{Transport: rt, Jar: jar, Timeout: time.Minute,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := c.PostForm(base+"/login", url.Values{"email": {email}, "password": {squadPassword}})
	if err != nil {
		return nil, fmt.Errorf("sign in %s: %w", email, err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/" {
		return nil, fmt.Errorf("sign in %s: %d to %q, want 303 to /", email, resp.StatusCode, resp.Header.Get("Location"))
	}
	return c, nil
}

// signInAll signs every e-mail in, a few at a time (a sign-in hashes a
// password: 19 MiB and a noticeable share of a core each).
func signInAll(t *testing.T, base string, rt http.RoundTripper, emails []string) []*http.Client {
	t.Helper()
	clients := make([]*http.Client, len(emails))
	errs := make([]error, len(emails))
	var wg sync.WaitGroup
	sem := make(chan struct{}, 4)
	for i, email := range emails {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			clients[i], errs[i] = signInClient(base, rt, email)
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	return clients
}

// checkInForm is a valid check-in whose notes carry seq, so that the
// stored row tells which submission it holds.
func checkInForm(seq int) url.Values {
	return url.Values{
		"sleep_hours": {"7:30"}, "sleep_quality": {"4"}, "fatigue": {"3"}, "soreness": {"4"},
		"stress": {"3"}, "mood": {"4"}, "motivation": {"4"}, "notes": {"seq " + strconv.Itoa(seq)},
	}
}

func seqOf(notes string) int {
	n, err := strconv.Atoi(strings.TrimPrefix(notes, "seq "))
	if err != nil {
		return -1
	}
	return n
}

// storedSeqs reads, straight from the database, the seq each athlete's
// check-in holds (the latest day's; -1 for none).
func storedSeqs(t *testing.T, dsn string, athletes []training.Athlete) []int {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	got := make([]int, len(athletes))
	for i, a := range athletes {
		var notes string
		err := conn.QueryRow(ctx, `SELECT notes FROM checkins WHERE athlete_id = $1 ORDER BY day DESC LIMIT 1`, a.ID).Scan(&notes)
		switch {
		case errors.Is(err, pgx.ErrNoRows):
			got[i] = -1
		case err != nil:
			t.Fatal(err)
		default:
			got[i] = seqOf(notes)
		}
	}
	return got
}

// requireDurable checks that the server behind dsn commits durably: the fault tests
// mean nothing on a throwaway server that may lose acknowledged commits.
func requireDurable(t *testing.T, dsn string) {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	for _, setting := range []string{"fsync", "synchronous_commit", "full_page_writes"} {
		var v string
		if err := conn.QueryRow(ctx, "SELECT current_setting($1)", setting).Scan(&v); err != nil {
			t.Fatal(err)
		}
		if v != "on" {
			t.Fatalf("the private PostgreSQL runs with %s=%s: acknowledged commits could be lost in a crash", setting, v)
		}
	}
}

// postgresProcesses lists the postgres processes working in pgdata (a
// postmaster and its children all have it as their working directory).
func postgresProcesses(pgdata string) []int {
	entries, _ := os.ReadDir("/proc")
	var pids []int
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		comm, err := os.ReadFile(filepath.Join("/proc", e.Name(), "comm"))
		if err != nil || !strings.HasPrefix(string(comm), "postgres") {
			continue
		}
		if cwd, err := os.Readlink(filepath.Join("/proc", e.Name(), "cwd")); err == nil && cwd == pgdata {
			pids = append(pids, pid)
		}
	}
	return pids
}

// attempt is one request of a load test, as its client saw it.
type attempt struct {
	athlete    int
	seq        int
	start, end time.Time
	status     int // 0: no answer
	location   string
	err        error
	plain503   bool // a 503 with the error page's plain message
}

func (a attempt) latency() time.Duration { return a.end.Sub(a.start) }

func (a attempt) acknowledged() bool {
	return a.err == nil && a.status == http.StatusSeeOther && a.location == "/checkin?saved"
}

// unavailableMessage is what both 503 pages say: the database is out of
// reach, or a request ran out of time while it came back.
const unavailableMessage = "Nothing you saved is lost"

func submitCheckIn(c *http.Client, base string, athlete, seq int) attempt {
	at := attempt{athlete: athlete, seq: seq, start: time.Now()}
	resp, err := c.PostForm(base+"/checkin", checkInForm(seq))
	if err != nil {
		at.end, at.err = time.Now(), err
		return at
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	at.end, at.err = time.Now(), err
	at.status, at.location = resp.StatusCode, resp.Header.Get("Location")
	at.plain503 = resp.StatusCode == http.StatusServiceUnavailable && strings.Contains(string(body), unavailableMessage) &&
		strings.Count(string(body), "</html>") == 1 // the error page alone, nothing after it
	return at
}

func (a attempt) String() string {
	if a.err != nil {
		return fmt.Sprintf("athlete %d seq %d: %v after %v", a.athlete, a.seq, a.err, a.latency().Round(time.Millisecond))
	}
	return fmt.Sprintf("athlete %d seq %d: %d %s after %v", a.athlete, a.seq, a.status, a.location, a.latency().Round(time.Millisecond))
}

// TestDatabaseRestartUnderLoad kills the private PostgreSQL of a running
// serve (SIGKILL to the postmaster: a crash) while 40 signed-in athletes
// submit check-ins, and lets serve's supervisor bring it back. Nothing
// acknowledged may be lost; meanwhile requests fail fast with the 503
// page; afterwards the app serves again without a restart.
//
// A check-in is one per athlete per day, a resubmission updates it, so
// each submission carries a sequence number in its notes and the stored
// row must hold one at least as new as the last acknowledged. Half of the
// athletes (the witnesses) stop at their first failure after the kill, so
// their rows must still hold what was acknowledged before the crash; the
// others keep going through the outage and after it.
func TestDatabaseRestartUnderLoad(t *testing.T) {
	requireFaults(t)
	const (
		athletes       = 40
		requestTimeout = 5 * time.Second
		before, after  = 2 * time.Second, 2 * time.Second // load before the kill and after recovery
	)
	dir := dataDir(t)
	pgdata := filepath.Join(dir, "pgdata")
	a := serveApp(t, map[string]string{
		"REBOUND_DATA_DIR":        dir,
		"REBOUND_REQUEST_TIMEOUT": requestTimeout.String(),
		"REBOUND_LOG_LEVEL":       "warn", // thousands of requests
	})
	dsn := privateDSN(pgdata)
	requireDurable(t, dsn)
	st := privateStore(t, pgdata)
	sq := seedSquad(t, st, athletes)
	st.Close()
	rt := loadTransport()
	defer rt.CloseIdleConnections()
	clients := signInAll(t, a.URL, rt, sq.emails)

	killed := make(chan struct{})
	stop := make(chan struct{})
	results := make([][]attempt, athletes)
	var wg sync.WaitGroup
	for i := range athletes {
		witness := i%2 == 0
		wg.Go(func() {
			for seq := 1; ; seq++ {
				select {
				case <-stop:
					return
				default:
				}
				at := submitCheckIn(clients[i], a.URL, i, seq)
				results[i] = append(results[i], at)
				select {
				case <-killed:
					if witness && !at.acknowledged() {
						return
					}
				default:
				}
				time.Sleep(10 * time.Millisecond) // a little air between one athlete's submissions
			}
		})
	}

	time.Sleep(before)
	pid := postmasterPID(t, pgdata)
	killAt := time.Now()
	if err := syscall.Kill(pid, syscall.SIGKILL); err != nil {
		close(stop)
		wg.Wait()
		t.Fatal(err)
	}
	close(killed)

	// The outage, as /readyz sees it.
	probe := http.Client{Timeout: 10 * time.Second}
	var downAt, upAt time.Time
	for deadline := time.Now().Add(25 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		resp, err := probe.Get(a.URL + "/readyz")
		if err != nil {
			continue
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK && downAt.IsZero() {
			downAt = time.Now()
		}
		if resp.StatusCode == http.StatusOK && !downAt.IsZero() {
			upAt = time.Now()
			break
		}
	}
	if !upAt.IsZero() {
		time.Sleep(after)
	}
	close(stop)
	wg.Wait()
	if upAt.IsZero() {
		t.Fatalf("the database did not come back within 25 s of the kill (down from %v)\n%s", downAt, a.stderr)
	}

	// Figures, and every answer judged.
	var all []attempt
	for _, rs := range results {
		all = append(all, rs...)
	}
	var (
		successes, outage503, other int
		duringOutage, ackedDuring   int // sent between the kill and /readyz answering 200
		firstAckAfterKill           time.Time
		maxLatency, max503          time.Duration
		lastAcked                   = make([]int, athletes)
		lastTried                   = make([]int, athletes)
		ackedAfterUp                = make([]bool, athletes)
		failedAfterUp               []attempt
		problems                    []string
	)
	for _, at := range all {
		maxLatency = max(maxLatency, at.latency())
		lastTried[at.athlete] = max(lastTried[at.athlete], at.seq)
		if at.start.After(killAt) && at.start.Before(upAt) {
			duringOutage++
			if at.acknowledged() {
				ackedDuring++
			}
		}
		switch {
		case at.acknowledged():
			successes++
			lastAcked[at.athlete] = max(lastAcked[at.athlete], at.seq)
			if at.start.After(killAt) && (firstAckAfterKill.IsZero() || at.end.Before(firstAckAfterKill)) {
				firstAckAfterKill = at.end
			}
			if at.start.After(upAt) {
				ackedAfterUp[at.athlete] = true
			}
		case at.err == nil && at.status == http.StatusServiceUnavailable && at.plain503:
			outage503++
			max503 = max(max503, at.latency())
			if at.end.Before(killAt) {
				problems = append(problems, "503 before the database was killed: "+at.String())
			}
			if at.start.After(upAt) {
				failedAfterUp = append(failedAfterUp, at)
			}
		default:
			other++
			problems = append(problems, "neither acknowledged nor the 503 page: "+at.String())
		}
		if at.latency() >= requestTimeout {
			problems = append(problems, "took the whole request timeout: "+at.String())
		}
	}
	stored := storedSeqs(t, dsn, sq.athletes)
	lost, witnessesChecked := 0, 0
	for i := range athletes {
		if stored[i] < lastAcked[i] {
			lost++
			t.Errorf("athlete %d: check-in seq %d was acknowledged, the database holds seq %d", i, lastAcked[i], stored[i])
		}
		if stored[i] > lastTried[i] {
			t.Errorf("athlete %d: the database holds seq %d, never submitted (last %d)", i, stored[i], lastTried[i])
		}
		if i%2 == 0 {
			if last := results[i][len(results[i])-1]; !last.acknowledged() {
				witnessesChecked++ // stopped by the outage: its row holds what was acknowledged before the crash
			}
		} else if !ackedAfterUp[i] {
			t.Errorf("athlete %d got no check-in acknowledged in the %v after the database returned", i, after)
		}
	}
	t.Logf("athletes %d (witnesses stopping at their first failure after the kill: %d); request timeout %v",
		athletes, athletes/2, requestTimeout)
	t.Logf("requests %d: acknowledged %d, 503 page %d, other %d; sent during the outage %d (acknowledged %d); 503s sent after /readyz was back %d",
		len(all), successes, outage503, other, duringOutage, ackedDuring, len(failedAfterUp))
	t.Logf("outage: kill to /readyz 503 %v, kill to /readyz 200 %v, kill to the first acknowledged check-in %v",
		downAt.Sub(killAt).Round(time.Millisecond), upAt.Sub(killAt).Round(time.Millisecond), firstAckAfterKill.Sub(killAt).Round(time.Millisecond))
	t.Logf("max latency %v (503 answers: %v); witnesses stopped by the outage, rows checked %d; lost %d",
		maxLatency.Round(time.Millisecond), max503.Round(time.Millisecond), witnessesChecked, lost)
	if outage503 == 0 {
		t.Error("no request saw the outage: the kill came to nothing?")
	}
	for _, at := range failedAfterUp {
		problems = append(problems, "503 for a request sent after /readyz was back: "+at.String())
	}
	if len(problems) > 0 {
		slices.Sort(problems)
		problems = slices.Compact(problems)
		t.Errorf("%d problems, the first:\n%s", len(problems), strings.Join(problems[:min(len(problems), 20)], "\n"))
	}

	// Every athlete, the witnesses too, submits again: accepted and stored.
	for i := range athletes {
		at := submitCheckIn(clients[i], a.URL, i, lastTried[i]+1)
		if !at.acknowledged() {
			t.Errorf("after the outage: %v", at)
		}
		lastTried[i]++
	}
	for i, s := range storedSeqs(t, dsn, sq.athletes) {
		if s != lastTried[i] {
			t.Errorf("athlete %d: submitted seq %d after the outage, the database holds %d", i, lastTried[i], s)
		}
	}
	if t.Failed() {
		t.Logf("server log:\n%.20000s", a.stderr)
	}
}
