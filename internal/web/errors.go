package web

import (
	"context"
	"errors"
	"net/http"

	"github.com/go-chi/chi/v5/middleware"

	"rebound/internal/apperr"
	"rebound/web/pages/errorpage"
)

var statusOf = map[apperr.Code]int{
	apperr.Invalid:     http.StatusBadRequest,
	apperr.NotFound:    http.StatusNotFound,
	apperr.Conflict:    http.StatusConflict,
	apperr.Forbidden:   http.StatusForbidden,
	apperr.Unavailable: http.StatusServiceUnavailable,
	apperr.Internal:    http.StatusInternalServerError,
}

var titleOf = map[int]string{
	http.StatusBadRequest:            "That request didn't make sense",
	http.StatusNotFound:              "Page not found",
	http.StatusMethodNotAllowed:      "Not allowed here",
	http.StatusConflict:              "Someone else changed this first",
	http.StatusForbidden:             "Not allowed",
	http.StatusServiceUnavailable:    "Rebound is briefly unavailable",
	http.StatusInternalServerError:   "Something went wrong",
	http.StatusRequestEntityTooLarge: "Too much at once",
	http.StatusGone:                  "This link can't be used",
}

var messageOf = map[int]string{
	http.StatusNotFound:            "There is nothing at this address, or it isn't yours to see. Check the link, or start again from your home page.",
	http.StatusMethodNotAllowed:    "This address doesn't accept that kind of request.",
	http.StatusServiceUnavailable:  "Rebound can't reach its database right now. Nothing you saved is lost; please try again in a minute.",
	http.StatusInternalServerError: "Something went wrong on our side. It has been logged; please try again.",
}

// busyMessage answers a request that ran out of time.
const busyMessage = "Rebound is busy and could not answer in time. Nothing you saved is lost; please try again in a minute."

// renderError answers a failed request: the status for the error's code,
// the error page with a user-safe message, and a log line for faults.
// It never shows err.Error() to the user.
func (s *Server) renderError(w http.ResponseWriter, r *http.Request, err error) {
	if errors.Is(r.Context().Err(), context.Canceled) {
		// The client went away mid-request: nobody reads an answer, and
		// it is no fault of ours (the request log says 499).
		return
	}
	if errors.Is(r.Context().Err(), context.DeadlineExceeded) {
		// The request ran out of its time (REBOUND_REQUEST_TIMEOUT): a
		// loaded server, not an unreachable database, so say "busy".
		s.logger.WarnContext(r.Context(), "request timed out", "err", err, "request_id", middleware.GetReqID(r.Context()))
		s.renderPage(w, r, http.StatusServiceUnavailable, busyMessage)
		return
	}
	code := apperr.CodeOf(err)
	status := statusOf[code]
	msg := apperr.MessageOf(err)
	switch code {
	case apperr.Internal:
		s.logger.ErrorContext(r.Context(), "request failed", "err", err, "request_id", middleware.GetReqID(r.Context()))
		msg = messageOf[status]
	case apperr.Unavailable:
		s.logger.WarnContext(r.Context(), "dependency unavailable", "err", err, "request_id", middleware.GetReqID(r.Context()))
		msg = messageOf[status]
	}
	s.renderPage(w, r, status, msg)
}

// renderStatus shows the error page for a bare status.
func (s *Server) renderStatus(w http.ResponseWriter, r *http.Request, status int) {
	s.renderPage(w, r, status, messageOf[status])
}

func (s *Server) renderPage(w http.ResponseWriter, r *http.Request, status int, msg string) {
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	if status == http.StatusServiceUnavailable {
		h.Set("Retry-After", "30")
	}
	w.WriteHeader(status)
	page := errorpage.Page(s.shell(r, titleOf[status]), errorpage.Data{
		Status:    status,
		Message:   msg,
		RequestID: middleware.GetReqID(r.Context()),
	})
	// Rendered even when the request has run out of time: templ stops at
	// a done context, which left a timed-out request an empty page.
	if err := page.Render(context.WithoutCancel(r.Context()), w); err != nil {
		s.logger.WarnContext(r.Context(), "render error page", "err", err)
	}
}

func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	s.renderStatus(w, r, http.StatusNotFound)
}

func (s *Server) methodNotAllowed(w http.ResponseWriter, r *http.Request) {
	s.renderStatus(w, r, http.StatusMethodNotAllowed)
}
