package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptrace"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"rebound/internal/devdb"
	"rebound/internal/pgtest"
)

// reboundProcess is `rebound serve` running as a program of its own.
type reboundProcess struct {
	cmd            *exec.Cmd
	URL            string
	stdout, stderr *syncBuffer
	exited         chan struct{} // closed when the process has exited
	err            error         // its exit status, once exited
}

// buildRebound builds the rebound program into a temporary directory.
func buildRebound(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "rebound")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// startRebound runs bin serve on a free loopback port with its private
// PostgreSQL under dir, and waits until it listens. A process still
// running when the test ends is killed.
func startRebound(t *testing.T, bin, dir string, env ...string) *reboundProcess {
	t.Helper()
	p := &reboundProcess{stdout: &syncBuffer{}, stderr: &syncBuffer{}, exited: make(chan struct{})}
	p.cmd = exec.Command(bin, "serve", "-addr", "127.0.0.1:0", "-log-format", "text")
	p.cmd.Env = append([]string{"PATH=" + os.Getenv("PATH"), "HOME=" + os.Getenv("HOME"), "REBOUND_DATA_DIR=" + dir}, env...)
	if tmp := os.Getenv("TMPDIR"); tmp != "" {
		p.cmd.Env = append(p.cmd.Env, "TMPDIR="+tmp)
	}
	p.cmd.Stdout, p.cmd.Stderr = p.stdout, p.stderr
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		p.err = p.cmd.Wait()
		close(p.exited)
	}()
	t.Cleanup(func() {
		select {
		case <-p.exited:
		default:
			p.cmd.Process.Kill()
			<-p.exited
		}
	})
	deadline := time.After(2 * time.Minute)
	for {
		if m := listening.FindStringSubmatch(p.stdout.String()); m != nil {
			p.URL = m[1]
			return p
		}
		select {
		case <-p.exited:
			t.Fatalf("serve exited before listening: %v\n%s", p.err, p.stderr)
		case <-deadline:
			t.Fatalf("serve did not listen within 2 minutes\n%s", p.stderr)
		case <-time.After(10 * time.Millisecond):
		}
	}
}

// countingTransport counts the responses its requests got.
type countingTransport struct {
	http.RoundTripper
	answered atomic.Int64
}

func (c *countingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := c.RoundTripper.RoundTrip(r)
	if err == nil {
		c.answered.Add(1)
	}
	return resp, err
}

// timedCall is one request of the shutdown test, as its client saw it.
type timedCall struct {
	method, path string
	seq          int // a check-in's sequence number; 0 for pages
	start, end   time.Time
	status       int
	err          error
	sentAt       time.Time // when its headers were written (first attempt), if they were
	reused       bool      // sent on a kept-alive connection
}

func (c timedCall) String() string {
	if c.err != nil {
		return fmt.Sprintf("%s %s (reused connection: %v): %v", c.method, c.path, c.reused, c.err)
	}
	return fmt.Sprintf("%s %s: %d", c.method, c.path, c.status)
}

// connRefused reports a request refused at connect: the listener is closed.
func connRefused(err error) bool { return errors.Is(err, syscall.ECONNREFUSED) }

// timedRequest sends a page request, or with seq > 0 a check-in.
func timedRequest(c *http.Client, method, url string, seq int) timedCall {
	var body io.Reader
	if seq > 0 {
		body = strings.NewReader(checkInForm(seq).Encode())
	}
	return timedSend(c, method, url, seq, body)
}

// trickle is a request body sent in pieces over a while, as from a phone
// on a poor connection.
type trickle struct {
	data     []byte
	piece    int
	pause    time.Duration
	reads    int
	onItsWay chan struct{} // closed at the second Read: the headers and the first piece are sent
}

func (r *trickle) Read(p []byte) (int, error) {
	if r.reads++; r.reads == 2 {
		close(r.onItsWay)
	}
	if len(r.data) == 0 {
		return 0, io.EOF
	}
	time.Sleep(r.pause) // the poor connection the scenario is about, not a wait for anything
	n := copy(p[:min(len(p), r.piece)], r.data)
	r.data = r.data[n:]
	return n, nil
}

// timedSend sends a request and records when it went, what came back and
// when.
func timedSend(c *http.Client, method, url string, seq int, body io.Reader) timedCall {
	rec := timedCall{method: method, path: strings.SplitN(strings.TrimPrefix(url, "http://"), "/", 2)[1], seq: seq, start: time.Now()}
	req, err := http.NewRequest(method, url, body)
	if err != nil {
		panic(err)
	}
	if seq > 0 {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	req = req.WithContext(httptrace.WithClientTrace(req.Context(), &httptrace.ClientTrace{
		GotConn: func(info httptrace.GotConnInfo) { rec.reused = info.Reused },
		WroteHeaders: func() {
			if rec.sentAt.IsZero() {
				rec.sentAt = time.Now()
			}
		},
	}))
	resp, err := c.Do(req)
	if err == nil {
		_, err = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		rec.status = resp.StatusCode
	}
	rec.end, rec.err = time.Now(), err
	return rec
}

// TestGracefulShutdownUnderLoad sends SIGTERM to a real rebound serve
// (built here, with its private PostgreSQL) while athletes and coaches
// load pages and submit check-ins. Requests the server has taken get
// their answers, never a 5xx or a broken connection; later ones are
// refused (the listener is closed); PostgreSQL stops cleanly afterwards;
// and every acknowledged check-in is there when it starts again. Besides
// the steady load, a few athletes on slow connections are half-way through
// sending their check-ins at SIGTERM: the server waits for them.
func TestGracefulShutdownUnderLoad(t *testing.T) {
	requireFaults(t)
	const (
		athletes, slow, coaches = 8, 4, 4
		slowFor                 = 1500 * time.Millisecond // how long a slow check-in takes to send
	)
	bin := buildRebound(t)
	dir := dataDir(t)
	pgdata := filepath.Join(dir, "pgdata")
	p := startRebound(t, bin, dir, "REBOUND_SHUTDOWN_TIMEOUT=20s")

	st := privateStore(t, pgdata)
	sq := seedSquad(t, st, athletes+slow) // athletes first, then the slow ones
	st.Close()
	rt := &countingTransport{RoundTripper: loadTransport()}
	emails := append([]string{}, sq.emails...)
	for range coaches {
		emails = append(emails, "carla@example.com")
	}
	clients := signInAll(t, p.URL, rt, emails)
	pgPID := postmasterPID(t, pgdata)

	stop := make(chan struct{})
	results := make([][]timedCall, len(clients))
	done := make([]atomic.Int64, len(clients)) // how many requests each load client has made
	var wg sync.WaitGroup
	for w, c := range clients {
		if w >= athletes && w < athletes+slow {
			continue // the slow ones send once, below
		}
		wg.Go(func() {
			for n := 0; ; n++ {
				select {
				case <-stop:
					return
				default:
				}
				var rec timedCall
				if w < athletes {
					id := sq.athletes[w].ID
					switch n % 4 {
					case 0:
						rec = timedRequest(c, http.MethodGet, p.URL+"/", 0)
					case 1:
						rec = timedRequest(c, http.MethodGet, p.URL+"/checkin", 0)
					case 2:
						rec = timedRequest(c, http.MethodPost, p.URL+"/checkin", n)
					case 3:
						rec = timedRequest(c, http.MethodGet, fmt.Sprintf("%s/athletes/%d", p.URL, id), 0)
					}
				} else {
					id := sq.athletes[(w+n)%athletes].ID
					switch n % 3 {
					case 0:
						rec = timedRequest(c, http.MethodGet, p.URL+"/", 0)
					case 1:
						rec = timedRequest(c, http.MethodGet, p.URL+"/athletes", 0)
					case 2:
						rec = timedRequest(c, http.MethodGet, fmt.Sprintf("%s/athletes/%d", p.URL, id), 0)
					}
				}
				results[w] = append(results[w], rec)
				done[w].Add(1)
				if connRefused(rec.err) {
					return // the listener is closed: nothing more to send
				}
			}
		})
	}

	// The load is under way once every load client has been through its
	// pages (an athlete's four, a coach's three).
	eventually(t, time.Minute, func() bool {
		for w := range clients {
			if (w < athletes || w >= athletes+slow) && done[w].Load() < 4 {
				return false
			}
		}
		return true
	}, "the load did not get going within a minute\n%s", p.stderr)
	slowCalls := make([]timedCall, slow)
	onItsWay := make([]chan struct{}, slow)
	var slowWG sync.WaitGroup
	for i := range slow {
		data := []byte(checkInForm(1000 + i).Encode())
		piece := len(data)/10 + 1
		body := &trickle{data: data, piece: piece, pause: slowFor / time.Duration(len(data)/piece+1), onItsWay: make(chan struct{})}
		onItsWay[i] = body.onItsWay
		slowWG.Go(func() {
			slowCalls[i] = timedSend(clients[athletes+i], http.MethodPost, p.URL+"/checkin", 1000+i, body)
		})
	}
	for i, c := range onItsWay {
		select {
		case <-c:
		case <-time.After(time.Minute):
			t.Fatalf("slow check-in %d did not start sending within a minute", i)
		}
	}
	sigAt := time.Now()
	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	var exitedAt time.Time
	select {
	case <-p.exited:
		exitedAt = time.Now()
	case <-time.After(time.Minute):
		t.Errorf("serve did not exit within a minute of SIGTERM")
	}
	close(stop)
	wg.Wait()
	slowWG.Wait()
	results = append(results, slowCalls)
	if p.err != nil {
		t.Errorf("serve exited with %v after SIGTERM", p.err)
	}

	var (
		total, before, inFlight, inFlightAnswered, after, afterAnswered int
		refusedN, dropped, fiveXX                                       int
		lastAcked                                                       = make([]int, athletes+slow)
		lastTried                                                       = make([]int, athletes+slow)
		problems                                                        []string
	)
	for w, rs := range results {
		for j, rec := range rs {
			total++
			// In flight: its headers were on their way before SIGTERM, its
			// answer was not back.
			sentBefore := !rec.sentAt.IsZero() && rec.sentAt.Before(sigAt)
			switch {
			case rec.end.Before(sigAt):
				before++
			case sentBefore:
				inFlight++
				if rec.err == nil {
					inFlightAnswered++
				}
			default:
				after++
				if rec.err == nil {
					afterAnswered++
				}
			}
			switch {
			case rec.err == nil && rec.status >= 500:
				fiveXX++
				problems = append(problems, "5xx: "+rec.String())
			case rec.err == nil:
			case connRefused(rec.err) && !sentBefore:
				refusedN++ // came after the listener closed
			default:
				// Sent and not answered: the connection was closed under the
				// request (the transport may have retried it, to be refused).
				dropped++
				problems = append(problems, fmt.Sprintf("no answer, sent %v after SIGTERM: %v",
					rec.sentAt.Sub(sigAt).Round(time.Millisecond), rec))
			}
			who := w
			if w == len(clients) { // the slow check-ins
				who = athletes + j
			}
			if rec.seq > 0 {
				lastTried[who] = max(lastTried[who], rec.seq)
				if rec.err == nil && rec.status == http.StatusSeeOther {
					lastAcked[who] = max(lastAcked[who], rec.seq)
				}
			}
		}
	}
	handled := strings.Count(p.stderr.String(), "msg=request ")
	t.Logf("clients %d (%d athletes, %d more sending a check-in over %v, %d coaches); requests %d: finished before SIGTERM %d; in flight at SIGTERM %d, answered %d; sent after SIGTERM %d, answered %d",
		len(clients), athletes, slow, slowFor, coaches, total, before, inFlight, inFlightAnswered, after, afterAnswered)
	t.Logf("5xx %d; refused (listener closed) %d; dropped unanswered %d; responses %d, requests in the server's log %d; time to exit %v",
		fiveXX, refusedN, dropped, rt.answered.Load(), handled, exitedAt.Sub(sigAt).Round(time.Millisecond))
	if handled != int(rt.answered.Load()) {
		t.Errorf("the server logged %d requests but its clients got %d answers: a request it handled lost its answer", handled, rt.answered.Load())
	}
	if inFlight == 0 {
		t.Error("no request was in flight at SIGTERM: the test proved nothing")
	}
	if len(problems) > 0 {
		t.Errorf("%d problems, the first:\n%s", len(problems), strings.Join(problems[:min(len(problems), 20)], "\n"))
	}

	// PostgreSQL stopped cleanly: no process left, no postmaster.pid, and
	// its log says so.
	if err := syscall.Kill(pgPID, 0); !errors.Is(err, syscall.ESRCH) {
		t.Errorf("postgres (pid %d) still running after serve exited", pgPID)
	}
	if pids := postgresProcesses(pgdata); len(pids) > 0 {
		t.Errorf("postgres processes left on %s: %v", pgdata, pids)
	}
	if _, err := os.Stat(filepath.Join(pgdata, "postmaster.pid")); !errors.Is(err, os.ErrNotExist) {
		t.Error("postmaster.pid left behind: postgres did not shut down cleanly")
	}
	pgLog, err := os.ReadFile(pgdata + ".log")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(pgLog), "database system is shut down") {
		t.Errorf("the PostgreSQL log does not say it shut down:\n%s", pgLog)
	}
	for _, want := range []string{"shutting down", "private PostgreSQL stopped", "msg=stopped"} {
		if !strings.Contains(p.stderr.String(), want) {
			t.Errorf("serve's log lacks %q", want)
		}
	}

	// Started again, the cluster needs no crash recovery and holds every
	// acknowledged check-in.
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	server, err := devdb.New(ctx, devdb.Options{DataDir: pgdata})
	if err != nil {
		t.Fatal(err)
	}
	if err := server.Start(ctx); err != nil {
		t.Fatal(err)
	}
	defer server.Stop()
	pgLog, _ = os.ReadFile(pgdata + ".log")
	restart := string(pgLog[strings.LastIndex(string(pgLog), "database system is shut down"):])
	if strings.Contains(restart, "not properly shut down") || strings.Contains(restart, "automatic recovery") {
		t.Errorf("the next start had to recover:\n%s", restart)
	}
	stored := storedSeqs(t, server.DSN("rebound"), sq.athletes)
	lost := 0
	for i, c := range slowCalls {
		if c.err != nil || c.status != http.StatusSeeOther || !c.start.Before(sigAt) || !c.end.After(sigAt) {
			t.Errorf("slow check-in %d: want one sent before SIGTERM and acknowledged after it, got %v from %v to %v after SIGTERM",
				i, c, c.start.Sub(sigAt).Round(time.Millisecond), c.end.Sub(sigAt).Round(time.Millisecond))
		}
	}
	for i := range athletes + slow {
		if stored[i] < lastAcked[i] || stored[i] > lastTried[i] {
			lost++
			t.Errorf("athlete %d: last acknowledged check-in seq %d (last sent %d), stored %d", i, lastAcked[i], lastTried[i], stored[i])
		}
	}
	t.Logf("postgres stopped cleanly; acknowledged check-ins stored, lost %d", lost)
	if t.Failed() {
		t.Logf("serve's log:\n%.20000s", p.stderr)
	}
}

// A request that reaches a kept-alive connection after the shutdown began
// (here: its headers were only half sent) is answered, with "Connection:
// close", rather than its connection closed under it; new connections are
// refused.
func TestShutdownAnswersRequestsOnOpenConnections(t *testing.T) {
	a := serveApp(t, map[string]string{"DATABASE_URL": pgtest.DSN(t)})
	addr := strings.TrimPrefix(a.URL, "http://")
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(30 * time.Second))
	r := bufio.NewReader(conn)
	read := func() *http.Response {
		t.Helper()
		resp, err := http.ReadResponse(r, nil)
		if err != nil {
			t.Fatalf("no answer: %v", err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		return resp
	}
	io.WriteString(conn, "GET /healthz HTTP/1.1\r\nHost: "+addr+"\r\n\r\n")
	if resp := read(); resp.StatusCode != http.StatusOK || resp.Close {
		t.Fatalf("before the shutdown: %d, close %v", resp.StatusCode, resp.Close)
	}

	io.WriteString(conn, "GET /healthz HTTP/1.1\r\nHost: "+addr+"\r\n")
	a.stop() // SIGTERM
	eventually(t, 10*time.Second, func() bool {
		c, err := net.Dial("tcp", addr)
		if err == nil {
			c.Close()
		}
		return connRefused(err)
	}, "new connections were still accepted 10 s into the shutdown")
	io.WriteString(conn, "\r\n")
	if resp := read(); resp.StatusCode != http.StatusOK || !resp.Close {
		t.Errorf("during the shutdown: %d, close %v; want 200 and Connection: close", resp.StatusCode, resp.Close)
	}
	if err := a.Stop(t); err != nil {
		t.Fatalf("serve: %v", err)
	}
}
