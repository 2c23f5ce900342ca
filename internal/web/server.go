// Package web is Rebound's HTTP side: the chi router, its middleware, and
// the handlers that turn requests into domain calls and templ pages.
package web

import (
	"log/slog"
	"net/http"

	"rebound/internal/config"
	"rebound/internal/store"
)

// Server holds what the handlers need.
type Server struct {
	store  *store.Store
	logger *slog.Logger
	cfg    config.Config
}

// New returns the app's HTTP handler.
func New(cfg config.Config, st *store.Store, logger *slog.Logger) http.Handler {
	s := &Server{store: st, logger: logger, cfg: cfg}
	return s.routes()
}
