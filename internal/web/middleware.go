package web

import (
	"context"
	"crypto/rand"
	"errors"
	"log/slog"
	"net/http"
	"path"
	"runtime/debug"
	"slices"
	"strings"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"

	"rebound/internal/store"
)

// requestID gives each request an id of our own making (a client's
// X-Request-Id is not trusted: it would let anyone forge log lines), for
// the log, the X-Request-Id header and the error page.
func requestID(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := rand.Text()[:16]
		w.Header().Set("X-Request-Id", id)
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), middleware.RequestIDKey, id)))
	})
}

// logRequests writes one structured line per request. Paths that carry a
// secret (invite, reset and calendar links) are logged with {token} in
// place of it, whatever the answer: a refused method or a mistyped link
// leaks nothing either.
func (s *Server) logRequests(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		ww := middleware.NewWrapResponseWriter(w, r.ProtoMajor)
		id := middleware.GetReqID(r.Context())
		ctx, queries := store.CountQueries(r.Context())
		next.ServeHTTP(ww, r.WithContext(ctx))
		path := logPath(r.URL.Path)
		if rc := chi.RouteContext(r.Context()); rc != nil && strings.Contains(rc.RoutePattern(), "{token}") {
			path = rc.RoutePattern()
		}
		status := ww.Status()
		switch {
		case status == 0 && errors.Is(ctx.Err(), context.Canceled):
			status = 499 // the client closed the connection first (nginx's code)
		case status == 0:
			status = http.StatusOK
		}
		level := slog.LevelInfo
		if status >= 500 {
			level = slog.LevelError
		}
		s.logger.Log(r.Context(), level, "request",
			"method", r.Method,
			"path", path,
			"status", status,
			"bytes", ww.BytesWritten(),
			"duration_ms", float64(time.Since(start).Microseconds())/1000,
			"queries", queries.N(),
			"request_id", id,
			"remote", r.RemoteAddr,
		)
	})
}

// tokenPaths are the first path segments of the links whose next segment
// is a credential: /invite/{token}, /reset/{token}, /calendar/{token}.ics.
var tokenPaths = []string{"invite", "reset", "calendar"}

// logPath is p as the request log may show it: under a token path's first
// segment (in any case, after "." and ".." are resolved) everything is
// replaced by {token}, keeping a calendar feed's ".ics".
func logPath(p string) string {
	clean := strings.TrimLeft(path.Clean("/"+p), "/")
	first, rest, ok := strings.Cut(clean, "/")
	if !ok || rest == "" || !slices.Contains(tokenPaths, strings.ToLower(first)) {
		return p
	}
	if strings.HasSuffix(strings.ToLower(rest), ".ics") {
		return "/" + first + "/{token}.ics"
	}
	return "/" + first + "/{token}"
}

// recoverPanics turns a panic into a logged error and the 500 page, so no
// panic reaches a user as a dropped connection.
func (s *Server) recoverPanics(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			rec := recover()
			if rec == nil {
				return
			}
			if err, ok := rec.(error); ok && errors.Is(err, http.ErrAbortHandler) {
				panic(rec) // net/http's own way to abort a response; let it through
			}
			s.logger.ErrorContext(r.Context(), "panic", "panic", rec,
				"request_id", middleware.GetReqID(r.Context()), "stack", string(debug.Stack()))
			s.renderStatus(w, r, http.StatusInternalServerError)
		}()
		next.ServeHTTP(w, r)
	})
}

// securityHeaders sets the headers every response carries. The policy
// allows no inline script and no framing.
func securityHeaders(https bool) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			h := w.Header()
			h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "+
				"object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'")
			h.Set("X-Content-Type-Options", "nosniff")
			h.Set("Referrer-Policy", "same-origin")
			h.Set("X-Frame-Options", "DENY")
			h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
			if https {
				h.Set("Strict-Transport-Security", "max-age=63072000; includeSubDomains")
			}
			next.ServeHTTP(w, r)
		})
	}
}

// limitBody refuses request bodies over n bytes (413 when read).
func limitBody(n int64) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.ContentLength > n {
				http.Error(w, "Request body too large.", http.StatusRequestEntityTooLarge)
				return
			}
			r.Body = http.MaxBytesReader(w, r.Body, n)
			next.ServeHTTP(w, r)
		})
	}
}

// timeout bounds the work a request may do: database calls and renders
// see the deadline through the context.
func timeout(d time.Duration) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			ctx, cancel := context.WithTimeout(r.Context(), d)
			defer cancel()
			next.ServeHTTP(w, r.WithContext(ctx))
		})
	}
}
