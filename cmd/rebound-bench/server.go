package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// server is `rebound serve` running as its own process, so that its
// memory is its own and its log tells how many SQL statements each
// request ran.
type server struct {
	cmd  *exec.Cmd
	URL  string
	done chan error

	mu      sync.Mutex
	queries map[string]int // request id → statements
}

var listening = regexp.MustCompile(`listening on (http://\S+)`)

// startServer runs binary serve on dsn, on a free loopback port.
func startServer(ctx context.Context, binary, dsn string, extraEnv []string) (*server, error) {
	cmd := exec.Command(binary, "serve")
	cmd.Env = append(os.Environ(), "DATABASE_URL="+dsn, "REBOUND_ADDR=127.0.0.1:0", "REBOUND_LOG_FORMAT=json",
		"REBOUND_MIGRATE=false", "REBOUND_TRUST_PROXY=true")
	cmd.Env = append(cmd.Env, extraEnv...)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	s := &server{cmd: cmd, done: make(chan error, 1), queries: map[string]int{}}
	go s.readLog(stderr)
	found := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if m := listening.FindStringSubmatch(sc.Text()); m != nil {
				select {
				case found <- m[1]:
				default:
				}
			}
		}
	}()
	go func() { s.done <- cmd.Wait() }()
	select {
	case s.URL = <-found:
		return s, nil
	case err := <-s.done:
		return nil, fmt.Errorf("rebound serve exited before listening: %v", err)
	case <-time.After(30 * time.Second):
		_ = cmd.Process.Kill()
		return nil, errors.New("rebound serve did not start listening within 30 s")
	case <-ctx.Done():
		_ = cmd.Process.Kill()
		return nil, ctx.Err()
	}
}

// readLog keeps each request's statement count from the JSON log.
func (s *server) readLog(r io.Reader) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		var line struct {
			Msg       string `json:"msg"`
			RequestID string `json:"request_id"`
			Queries   int    `json:"queries"`
			Level     string `json:"level"`
		}
		if json.Unmarshal(sc.Bytes(), &line) != nil {
			continue
		}
		switch {
		case line.Msg == "request":
			s.mu.Lock()
			s.queries[line.RequestID] = line.Queries
			s.mu.Unlock()
		case line.Level == "ERROR" || line.Level == "WARN":
			fmt.Fprintln(os.Stderr, "server:", sc.Text())
		}
	}
}

// meanQueries is the mean statement count of the requests with these ids
// (the log line of a request comes just after its answer, so wait a moment).
func (s *server) meanQueries(samples []sample) float64 {
	time.Sleep(200 * time.Millisecond)
	s.mu.Lock()
	defer s.mu.Unlock()
	total, n := 0, 0
	for _, smp := range samples {
		if q, ok := s.queries[smp.id]; ok {
			total += q
			n++
		}
	}
	if n == 0 {
		return 0
	}
	return float64(total) / float64(n)
}

// memory is the server process's resident memory now and at its peak.
func (s *server) memory() (rss, peak int64, err error) {
	data, err := os.ReadFile(filepath.Join("/proc", strconv.Itoa(s.cmd.Process.Pid), "status"))
	if err != nil {
		return 0, 0, err
	}
	for _, line := range strings.Split(string(data), "\n") {
		f := strings.Fields(line)
		if len(f) < 2 {
			continue
		}
		kb, _ := strconv.ParseInt(f[1], 10, 64)
		switch f[0] {
		case "VmRSS:":
			rss = kb << 10
		case "VmHWM:":
			peak = kb << 10
		}
	}
	return rss, peak, nil
}

// stop ends the server as an operator would, with SIGTERM.
func (s *server) stop() error {
	_ = s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case err := <-s.done:
		return err
	case <-time.After(30 * time.Second):
		_ = s.cmd.Process.Kill()
		return errors.New("rebound serve did not stop within 30 s of SIGTERM")
	}
}
