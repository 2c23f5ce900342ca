package web

import (
	"errors"
	"net"
	"net/http"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/alexedwards/scs/v2"
)

// flakySessions is a session store that fails as told.
type flakySessions struct {
	scs.Store
	mu           sync.Mutex
	find, commit error
}

func (f *flakySessions) fail(find, commit error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.find, f.commit = find, commit
}

func (f *flakySessions) Find(token string) ([]byte, bool, error) {
	f.mu.Lock()
	err := f.find
	f.mu.Unlock()
	if err != nil {
		return nil, false, err
	}
	return f.Store.Find(token)
}

func (f *flakySessions) Commit(token string, b []byte, expiry time.Time) error {
	f.mu.Lock()
	err := f.commit
	f.mu.Unlock()
	if err != nil {
		return err
	}
	return f.Store.Commit(token, b, expiry)
}

// The sessions live in PostgreSQL: while it is down, loading or saving a
// session fails, and the visitor sees the app's 503 page (500 for other
// failures) as the whole answer, not the session library's bare text
// and not the handler's own answer after it.
func TestSessionStoreFailuresAnswerWithTheErrorPage(t *testing.T) {
	a := newApp(t)
	a.coach("Carla Coach", "carla@example.com")
	sessions := &flakySessions{Store: a.srv.sessions.Store}
	a.srv.sessions.Store = sessions
	c := a.signedIn("carla@example.com")

	down := &net.OpError{Op: "write", Net: "unix", Err: syscall.EPIPE}
	check := func(what string, r resp, status int, message string) {
		t.Helper()
		if r.StatusCode != status {
			t.Errorf("%s: %d, want %d", what, r.StatusCode, status)
		}
		if !strings.Contains(r.Body, message) || strings.Count(r.Body, "</html>") != 1 {
			t.Errorf("%s: want exactly the error page saying %q, got\n%.2000s", what, message, r.Body)
		}
		for _, h := range []string{"Location", "Set-Cookie"} {
			if v := r.Header.Get(h); v != "" {
				t.Errorf("%s: %s: %s on the error page", what, h, v)
			}
		}
	}
	const unreachable, ours = "reach its database right now", "Something went wrong on our side"

	sessions.fail(down, nil)
	check("loading a session, database down", c.get("/"), http.StatusServiceUnavailable, unreachable)

	sessions.fail(nil, down)
	a.srv.renewal = 0 // every visit saves the session again
	check("saving a session, database down", c.get("/"), http.StatusServiceUnavailable, unreachable)
	check("signing in, database down", a.client().login("carla@example.com", testPassword), http.StatusServiceUnavailable, unreachable)

	sessions.fail(nil, errors.New("out of disk"))
	check("saving a session, another failure", c.get("/"), http.StatusInternalServerError, ours)

	sessions.fail(nil, nil)
	if r := c.get("/"); r.StatusCode != http.StatusOK {
		t.Errorf("after the failures: %d", r.StatusCode)
	}
}
