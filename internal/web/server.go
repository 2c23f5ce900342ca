// Package web is Rebound's HTTP side: the chi router, its middleware, and
// the handlers that turn requests into store calls and templ pages.
package web

import (
	"log/slog"
	"net/http"
	"time"

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
	// renewal is how often a visit writes its session down again to keep
	// it alive: a hundredth of the idle timeout, so an idle session ends
	// at most that much early.
	renewal    time.Duration
	dashboards dashboardCache
	rosters    rosterCache
	// wakeImports tells the import workers an upload is waiting; nil:
	// they find it when they next look.
	wakeImports func()
}

// New returns the app's HTTP handler.
func New(cfg config.Config, st *store.Store, logger *slog.Logger) *Server {
	s := &Server{store: st, logger: logger, cfg: cfg, renewal: cfg.SessionIdle / 100}
	s.sessions = newSessions(cfg, st)
	s.sessions.ErrorFunc = s.sessionError
	if cfg.SMTP.Host != "" {
		s.mailer = mail.New(mail.Config{Host: cfg.SMTP.Host, Port: cfg.SMTP.Port,
			Username: cfg.SMTP.Username, Password: cfg.SMTP.Password, From: cfg.SMTP.From})
	}
	s.router = s.routes()
	return s
}

// WakeImports sets what an upload calls to have the import queue worked
// at once (imports.Worker.Wake).
func (s *Server) WakeImports(wake func()) { s.wakeImports = wake }

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.router.ServeHTTP(w, r) }

// newSessions keeps login sessions in PostgreSQL, so every app process
// shares them and a restart signs nobody out.
func newSessions(cfg config.Config, st *store.Store) *scs.SessionManager {
	sm := scs.New()
	// The app deletes expired sessions once for all its processes
	// (store.CleanSessions). The idle timeout is the store's: scs's own
	// would write the session on every request (authenticate renews it now
	// and then instead). So the cookie lasts to the session's deadline; the
	// server has forgotten an idle session before that.
	sm.Store = st.NewSessions(cfg.SessionIdle)
	sm.Codec = sessionCodec{lifetime: cfg.SessionLifetime}
	sm.Lifetime = cfg.SessionLifetime
	sm.Cookie.Name = "rebound_session"
	sm.Cookie.HttpOnly = true
	sm.Cookie.SameSite = http.SameSiteLaxMode
	sm.Cookie.Secure = cfg.SecureCookies()
	sm.Cookie.Persist = true
	return sm
}
