package web

import (
	"net/http"

	"rebound/web/pages/home"
)

func (s *Server) home(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, home.Page())
}
