package web

import (
	"context"
	"net"
	"net/http"
	"net/url"
	"path"
	"strings"
	"time"

	"rebound/internal/apperr"
	"rebound/internal/store"
	"rebound/web/layouts"
)

// Session keys.
const (
	keyUser   = "user_id"
	keyAuthAt = "auth_at" // when the session signed in (Unix nanoseconds)
	keyKept   = "kept_at" // when a visit last renewed the session (Unix seconds)
	keyFlash  = "flash"
)

type ctxKey int

const (
	userKey    ctxKey = iota
	sessionKey        // set where a session is loaded: scs panics on a context without one
)

// viewer returns the signed-in user, if any.
func viewer(ctx context.Context) (store.User, bool) {
	u, ok := ctx.Value(userKey).(store.User)
	return u, ok
}

// authenticate loads the signed-in user into the request context. A
// session older than the account's last password change is void.
func (s *Server) authenticate(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r = r.WithContext(context.WithValue(r.Context(), sessionKey, true))
		id := s.sessions.GetInt64(r.Context(), keyUser)
		if id == 0 {
			next.ServeHTTP(w, r)
			return
		}
		// The account came with the session, unless the session was written
		// without it (before migration 00015, by an older version of the
		// app during a rollout, or by a store that does not).
		su := store.SessionUserFrom(r.Context())
		var u store.User
		var err error
		if su != nil && su.User.ID == id {
			u = su.User
		} else {
			u, err = s.store.User(r.Context(), id)
		}
		if apperr.CodeOf(err) == apperr.NotFound || (err == nil && u.PasswordChangedAt.UnixNano() > s.sessions.GetInt64(r.Context(), keyAuthAt)) {
			if err := s.sessions.Destroy(r.Context()); err != nil {
				s.renderError(w, r, err)
				return
			}
			next.ServeHTTP(w, r)
			return
		}
		if err != nil {
			s.renderError(w, r, err)
			return
		}
		// A visit renews the session once per renewal period; and one read
		// without its account is written with it now.
		unlinked := su != nil && su.User.ID != u.ID
		if su != nil {
			su.ID = u.ID
		}
		if now := time.Now().Unix(); unlinked || time.Duration(now-s.sessions.GetInt64(r.Context(), keyKept))*time.Second >= s.renewal {
			s.sessions.Put(r.Context(), keyKept, now)
		}
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), userKey, u)))
	})
}

// signIn starts a session for u under a new token, so a token planted
// before sign-in (session fixation) is worth nothing after it.
func (s *Server) signIn(r *http.Request, u store.User) error {
	if err := s.sessions.RenewToken(r.Context()); err != nil {
		return err
	}
	s.sessions.Put(r.Context(), keyUser, u.ID)
	s.sessions.Put(r.Context(), keyAuthAt, time.Now().UnixNano())
	s.sessions.Put(r.Context(), keyKept, time.Now().Unix())
	if su := store.SessionUserFrom(r.Context()); su != nil {
		su.ID = u.ID
	}
	return nil
}

// requireUser sends anonymous visitors to the sign-in page, and then back.
func (s *Server) requireUser(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, ok := viewer(r.Context()); !ok {
			target := "/login"
			if (r.Method == http.MethodGet || r.Method == http.MethodHead) && r.URL.Path != "/" {
				target += "?next=" + url.QueryEscape(r.URL.RequestURI())
			}
			http.Redirect(w, r, target, http.StatusSeeOther)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// requireCoach answers 404 to athletes: coach pages do not exist for them.
func (s *Server) requireCoach(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if u, _ := viewer(r.Context()); u.Role != store.RoleCoach {
			s.notFound(w, r)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// requireAdmin answers 404 to everyone but the instance admin.
func (s *Server) requireAdmin(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if u, _ := viewer(r.Context()); !u.IsAdmin {
			s.notFound(w, r)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// page describes the shell for a page titled title, taking the flash.
func (s *Server) page(r *http.Request, title string) layouts.Page {
	p := s.shell(r, title)
	if r.Context().Value(sessionKey) != nil {
		p.Flash = s.sessions.PopString(r.Context(), keyFlash)
	}
	return p
}

// shell describes the shell for a page titled title, leaving the flash
// for the next page (error pages do not show it).
func (s *Server) shell(r *http.Request, title string) layouts.Page {
	p := layouts.Page{Title: title, Path: r.URL.Path}
	if u, ok := viewer(r.Context()); ok {
		p.Viewer = &layouts.Viewer{Name: u.Name, Coach: u.Role == store.RoleCoach, Admin: u.IsAdmin, Athlete: u.AthleteID, Inbox: s.mailer == nil}
	}
	return p
}

// redirect answers a successful form with a 303 and a message for the
// next page.
func (s *Server) redirect(w http.ResponseWriter, r *http.Request, to, flash string) {
	if flash != "" {
		s.sessions.Put(r.Context(), keyFlash, flash)
	}
	http.Redirect(w, r, to, http.StatusSeeOther)
}

// localPath returns next if it is a path on this site, else "/": a
// sign-in link must not send anyone to another site. It judges the path
// http.Redirect will send (cleaned of "." and "..") as a browser reads it:
// a browser drops tabs and line breaks and takes a backslash for a slash,
// so "/./\evil.example" (sent as "/\evil.example") or "/\t/evil.example"
// would leave the site. So next must be one path starting with a single
// slash, with no backslash (typed or %5C), no control character and no
// scheme or host; what comes back is the cleaned path with its query.
func localPath(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") ||
		strings.Contains(next, "\\") || strings.Contains(strings.ToLower(next), "%5c") || hasControl(next) {
		return "/"
	}
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil || u.Opaque != "" ||
		strings.HasPrefix(u.Path, "//") || strings.Contains(u.Path, "\\") || hasControl(u.Path) || hasControl(u.Fragment) {
		return "/"
	}
	clean := path.Clean(u.Path)
	if strings.HasSuffix(u.Path, "/") && clean != "/" {
		clean += "/"
	}
	if !strings.HasPrefix(clean, "/") || strings.HasPrefix(clean, "//") {
		return "/"
	}
	return (&url.URL{Path: clean, RawQuery: u.RawQuery, Fragment: u.Fragment}).String()
}

// hasControl reports whether s holds an ASCII control character, which a
// browser may drop from a URL before reading it.
func hasControl(s string) bool {
	return strings.ContainsFunc(s, func(r rune) bool { return r < 0x20 || r == 0x7f })
}

// clientAddr is the address login throttling counts against. Behind a
// trusted proxy it is the last X-Forwarded-For entry: the one the proxy
// appended. Earlier entries, and X-Real-IP (which many proxies pass
// through untouched), come from the client and can be forged.
func (s *Server) clientAddr(r *http.Request) string {
	if s.cfg.TrustProxy {
		if xff := r.Header.Values("X-Forwarded-For"); len(xff) > 0 {
			hops := strings.Split(xff[len(xff)-1], ",")
			if ip := strings.TrimSpace(hops[len(hops)-1]); ip != "" {
				return ip
			}
		}
	}
	if host, _, err := net.SplitHostPort(r.RemoteAddr); err == nil {
		return host
	}
	return r.RemoteAddr
}
