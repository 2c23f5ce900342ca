package web

import (
	"bytes"
	"net/http"

	"github.com/a-h/templ"
)

// render writes a page. It renders into a buffer first, so a failure half
// way shows the error page instead of half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, c templ.Component) {
	var buf bytes.Buffer
	if err := c.Render(r.Context(), &buf); err != nil {
		s.renderError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	if w.Header().Get("Cache-Control") == "" {
		w.Header().Set("Cache-Control", "private, no-cache") // pages can hold personal data
	}
	w.WriteHeader(status)
	_, _ = buf.WriteTo(w)
}
