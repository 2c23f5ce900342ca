package web

import (
	"net/http"
	"sync"

	"rebound/internal/store"
)

// loadSessions is the session manager's LoadAndSave with the app's own
// answer when loading or saving a session fails (the sessions live in
// PostgreSQL, so that is what a database outage looks like to a signed-in
// visitor): the 503 page when the database is unreachable, the 500 page
// otherwise — not the session library's bare "Internal Server Error".
func (s *Server) loadSessions(next http.Handler) http.Handler {
	inner := s.sessions.LoadAndSave(next)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// The session store reads the signed-in account with the session,
		// and writes whose it is (authenticate and signIn say).
		ctx, _ := store.WithSessionUser(r.Context())
		inner.ServeHTTP(&sessionGuard{ResponseWriter: w}, r.WithContext(ctx))
	})
}

// sessionError is the session manager's ErrorFunc. Saving the session
// happens when the handler starts its response; if that fails, the error
// page is the whole answer and the handler's own response is dropped (a
// retry is safe: forms are idempotent or refuse a stale version).
func (s *Server) sessionError(w http.ResponseWriter, r *http.Request, err error) {
	// What the handler set for its own answer does not belong on the error
	// page (a redirect's target, an export's attachment name, a kept
	// page's gzip encoding).
	for _, h := range []string{"Location", "Content-Disposition", "Content-Length", "Content-Encoding", "ETag", "Last-Modified"} {
		w.Header().Del(h)
	}
	s.renderError(w, r, store.Classify(err))
	if g, ok := w.(*sessionGuard); ok {
		g.answered()
	}
}

// sessionGuard passes a response through until sessionError has answered
// the request, and drops what the handler writes after that.
type sessionGuard struct {
	http.ResponseWriter
	mu   sync.Mutex
	done bool
}

func (g *sessionGuard) answered() {
	g.mu.Lock()
	g.done = true
	g.mu.Unlock()
}

func (g *sessionGuard) dropped() bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.done
}

func (g *sessionGuard) WriteHeader(status int) {
	if !g.dropped() {
		g.ResponseWriter.WriteHeader(status)
	}
}

func (g *sessionGuard) Write(b []byte) (int, error) {
	if g.dropped() {
		return len(b), nil
	}
	return g.ResponseWriter.Write(b)
}

func (g *sessionGuard) Unwrap() http.ResponseWriter { return g.ResponseWriter }
