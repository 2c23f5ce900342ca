package web

import (
	"bytes"
	"net/http"
	"time"

	"github.com/go-chi/chi/v5"

	"rebound/web/static"
)

// static serves the embedded assets. Hashed names are cached for a year
// (the URL changes with the content); plain names are revalidated by ETag.
func (s *Server) static(w http.ResponseWriter, r *http.Request) {
	a, ok := static.Lookup(chi.URLParam(r, "*"))
	if !ok {
		s.notFound(w, r)
		return
	}
	if a.Immutable {
		w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		w.Header().Set("Cache-Control", "no-cache")
	}
	w.Header().Set("ETag", a.ETag)
	http.ServeContent(w, r, a.Name, time.Time{}, bytes.NewReader(a.Data))
}
