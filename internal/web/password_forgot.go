package web

import (
	"context"
	"net/http"
	"strings"
	"time"

	"rebound/internal/apperr"
	"rebound/internal/auth"
	"rebound/internal/store"
	accountpages "rebound/web/pages/account"
)

// Throttling of reset e-mails: per address (so nobody's mailbox is
// flooded) and per client address (so nobody probes many addresses).
const (
	resetWindow    = time.Hour
	resetPerEmail  = 3
	resetPerClient = 20
	resetMailLimit = 30 * time.Second // how long sending one may take
)

func (s *Server) forgotForm(w http.ResponseWriter, r *http.Request) {
	var f accountpages.ForgotFields
	f.Email.Value = strings.TrimSpace(r.URL.Query().Get("email"))
	s.render(w, r, http.StatusOK, accountpages.Forgot(s.page(r, "Forgot your password?"), f, s.mailer != nil))
}

// forgotSend e-mails a reset link to the address if it has an account,
// and answers the same whether or not it has: the page, its status and
// its timing say nothing about which addresses have accounts (the e-mail
// goes out after the answer).
func (s *Server) forgotSend(w http.ResponseWriter, r *http.Request) {
	if s.mailer == nil {
		s.forgotForm(w, r)
		return
	}
	if !s.parseForm(w, r) {
		return
	}
	var f accountpages.ForgotFields
	d := decoder{v: r.PostForm, form: &f.Problems}
	f.Email = d.text("email")
	d.required(&f.Email)
	d.email(&f.Email)
	if !f.Valid() {
		s.render(w, r, http.StatusUnprocessableEntity, accountpages.Forgot(s.page(r, "Forgot your password?"), f, true))
		return
	}
	email, client := f.Email.Value, s.clientAddr(r)
	byEmail, byClient, err := s.store.ResetRequest(r.Context(), email, client, resetWindow)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if byEmail > resetPerEmail || byClient > resetPerClient {
		s.logger.WarnContext(r.Context(), "reset e-mails throttled", "email", email, "client", client,
			"requests_for_address", byEmail, "requests_from_client", byClient)
		s.render(w, r, http.StatusTooManyRequests, accountpages.ResetThrottled(s.page(r, "Too many requests"), int(resetWindow.Minutes())))
		return
	}
	token, hash := auth.NewToken()
	u, expires, err := s.store.IssuePasswordResetByEmail(r.Context(), email, hash)
	switch {
	case apperr.CodeOf(err) == apperr.NotFound:
		s.logger.InfoContext(r.Context(), "reset asked for an unknown address", "client", client)
	case err != nil:
		s.renderError(w, r, err)
		return
	default:
		s.mailReset(r, u, s.absolute(r, "/reset/"+token), expires)
	}
	s.render(w, r, http.StatusOK, accountpages.ResetSent(s.page(r, "Check your e-mail"), email))
}

// mailReset sends the reset link in the background, so that the answer
// does not wait for the mail server (and does not take longer for an
// address that has an account). A mail still in flight when the server
// stops is lost; asking again sends another.
func (s *Server) mailReset(r *http.Request, u store.User, link string, expires time.Time) {
	subject, body := selfResetMail(u.Name, link, expires)
	logger := s.logger
	go func() {
		ctx, cancel := context.WithTimeout(context.WithoutCancel(r.Context()), resetMailLimit)
		defer cancel()
		if err := s.mailer.Send(ctx, u.Email, subject, body); err != nil {
			logger.ErrorContext(ctx, "e-mailing a reset link failed", "err", err, "user_id", u.ID)
			return
		}
		logger.InfoContext(ctx, "reset link e-mailed", "user_id", u.ID)
	}()
}
