// Package web is Rebound's HTTP side: the chi router, its middleware, and
// the handlers that turn requests into store calls and templ pages.
package web

import (
	"log/slog"
	"net/http"

	"github.com/alexedwards/scs/pgxstore"
	"github.com/alexedwards/scs/v2"
	"github.com/go-chi/chi/v5"

	"rebound/internal/config"
	"rebound/internal/mail"
	"rebound/internal/store"
)

// Server holds what the handlers need.
type Server struct {
	store    *store.Store
	logger   *slog.Logger
	cfg      config.Config
	sessions *scs.SessionManager
	mailer   *mail.Sender // nil without SMTP settings
	router   chi.Router
}

// New returns the app's HTTP handler.
func New(cfg config.Config, st *store.Store, logger *slog.Logger) *Server {
	s := &Server{store: st, logger: logger, cfg: cfg}
	s.sessions = newSessions(cfg, st)
	s.sessions.ErrorFunc = s.sessionError
	if cfg.SMTP.Host != "" {
		s.mailer = mail.New(mail.Config{Host: cfg.SMTP.Host, Port: cfg.SMTP.Port,
			Username: cfg.SMTP.Username, Password: cfg.SMTP.Password, From: cfg.SMTP.From})
	}
	s.router = s.routes()
	return s
}

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.router.ServeHTTP(w, r) }

// newSessions keeps login sessions in PostgreSQL, so every app process
// shares them and a restart signs nobody out.
func newSessions(cfg config.Config, st *store.Store) *scs.SessionManager {
	sm := scs.New()
	// No cleanup goroutine of the store's own: the app deletes expired
	// sessions itself, once for all its processes (store.CleanSessions).
	sm.Store = pgxstore.NewWithCleanupInterval(st.Pool(), 0)
	sm.IdleTimeout = cfg.SessionIdle
	sm.Lifetime = cfg.SessionLifetime
	sm.Cookie.Name = "rebound_session"
	sm.Cookie.HttpOnly = true
	sm.Cookie.SameSite = http.SameSiteLaxMode
	sm.Cookie.Secure = cfg.SecureCookies()
	sm.Cookie.Persist = true
	return sm
}
