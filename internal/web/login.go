package web

import (
	"net/http"
	"net/url"
	"time"

	"rebound/internal/apperr"
	"rebound/internal/auth"
	"rebound/internal/store"
	authpages "rebound/web/pages/auth"
)

// Throttling of failed sign-ins: per account, and per client address
// (higher, since a gym or an office shares one address).
const (
	throttleWindow     = 15 * time.Minute
	throttlePerAccount = 10
	throttlePerClient  = 50
)

const wrongCredentials = "The e-mail or password is not right."

func (s *Server) loginForm(w http.ResponseWriter, r *http.Request) {
	if _, ok := viewer(r.Context()); ok {
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return
	}
	hasUsers, err := s.store.HasUsers(r.Context())
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	next := localPath(r.URL.Query().Get("next"))
	s.render(w, r, http.StatusOK, authpages.Login(s.page(r, "Sign in"), authpages.LoginFields{}, next, !hasUsers, s.mailer != nil))
}

func (s *Server) login(w http.ResponseWriter, r *http.Request) {
	if !s.parseForm(w, r) {
		return
	}
	f, next := decodeLogin(r.PostForm)
	show := func(status int) {
		s.render(w, r, status, authpages.Login(s.page(r, "Sign in"), f, next, false, s.mailer != nil))
	}
	if !f.Valid() {
		show(http.StatusUnprocessableEntity)
		return
	}
	email, client := f.Email.Value, s.clientAddr(r)
	byEmail, byClient, err := s.store.LoginAttempt(r.Context(), email, client, throttleWindow)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if byEmail > throttlePerAccount || byClient > throttlePerClient {
		s.logger.WarnContext(r.Context(), "sign-in throttled", "email", email, "client", client,
			"attempts_for_account", byEmail, "attempts_from_client", byClient)
		s.render(w, r, http.StatusTooManyRequests, authpages.Throttled(s.page(r, "Too many attempts"), int(throttleWindow.Minutes())))
		return
	}
	u, hash, err := s.store.Credentials(r.Context(), email)
	if err != nil && apperr.CodeOf(err) != apperr.NotFound {
		s.renderError(w, r, err)
		return
	}
	// An unknown e-mail is checked against a dummy hash: same answer, same time.
	if !auth.CheckPassword(r.Context(), hash, f.Password.Value) {
		if err := r.Context().Err(); err != nil {
			// Out of time before a hashing slot was free: the password was
			// not checked, so it is not "not right" (the attempt counts).
			s.renderError(w, r, err)
			return
		}
		s.logger.InfoContext(r.Context(), "sign-in failed", "email", email, "client", client)
		f.Problem = wrongCredentials
		show(http.StatusUnprocessableEntity)
		return
	}
	if err := s.store.LoginSucceeded(r.Context(), email); err != nil {
		s.renderError(w, r, err)
		return
	}
	if err := s.signIn(r, u); err != nil {
		s.renderError(w, r, err)
		return
	}
	s.logger.InfoContext(r.Context(), "signed in", "user_id", u.ID, "role", u.Role)
	s.redirect(w, r, next, "")
}

// decodeLogin reads the sign-in form, and where to go after it: a path
// on this site.
func decodeLogin(v url.Values) (authpages.LoginFields, string) {
	var f authpages.LoginFields
	d := decoder{v: v, form: &f.Problems}
	f.Email, f.Password = d.text("email"), d.raw("password") // a password is taken as typed
	// A next that is not text fails the form, as a field would.
	next := d.text("next")
	d.required(&f.Email, &f.Password)
	return f, localPath(next.Value)
}

func (s *Server) logout(w http.ResponseWriter, r *http.Request) {
	// Destroy deletes the session server-side: its old cookie is worthless.
	if err := s.sessions.Destroy(r.Context()); err != nil {
		s.renderError(w, r, err)
		return
	}
	s.redirect(w, r, "/login", "You are signed out.")
}

// welcome is the flash after an account is created.
func welcome(u store.User) string {
	if u.Role == store.RoleAthlete {
		return "Welcome to Rebound, " + u.Name + "."
	}
	return "Welcome to Rebound, " + u.Name + ". Add your first athlete to get started."
}
