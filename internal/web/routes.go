package web

import (
	"net/http"

	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"
)

// routes is the whole HTTP surface of the app in one place.
func (s *Server) routes() http.Handler {
	r := chi.NewRouter()
	r.Use(
		middleware.RequestID,
		s.logRequests,
		s.recoverPanics,
		securityHeaders(s.cfg.SecureCookies()),
		http.NewCrossOriginProtection().Handler,
		limitBody(s.cfg.MaxBodyBytes),
		timeout(s.cfg.RequestTimeout),
		middleware.Compress(5, "text/html", "text/css", "text/plain", "image/svg+xml", "application/javascript"),
	)
	r.NotFound(s.notFound)
	r.MethodNotAllowed(s.methodNotAllowed)

	r.Get("/healthz", s.healthz)
	r.Get("/readyz", s.readyz)
	r.Get("/static/*", s.static)

	r.Get("/", s.home)
	return r
}
