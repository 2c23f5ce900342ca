package web

import (
	"errors"
	"net/http"

	"rebound/internal/auth"
	"rebound/internal/store"
	"rebound/web/components"
	authpages "rebound/web/pages/auth"
)

// signupState says whether the sign-up form is open, and if this is the
// server's first account.
func (s *Server) signupState(r *http.Request) (open, first bool, err error) {
	hasUsers, err := s.store.HasUsers(r.Context())
	return !hasUsers || s.cfg.OpenSignup, !hasUsers, err
}

func (s *Server) signupForm(w http.ResponseWriter, r *http.Request) {
	if _, ok := viewer(r.Context()); ok {
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return
	}
	open, first, err := s.signupState(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if !open {
		s.render(w, r, http.StatusOK, authpages.SignupClosed(s.page(r, "Sign-up is closed")))
		return
	}
	s.render(w, r, http.StatusOK, authpages.Signup(s.page(r, "Create a coach account"), components.NewForm(), first))
}

func (s *Server) signup(w http.ResponseWriter, r *http.Request) {
	open, first, err := s.signupState(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if !open {
		s.render(w, r, http.StatusForbidden, authpages.SignupClosed(s.page(r, "Sign-up is closed")))
		return
	}
	f, ok := s.parseForm(w, r, "name", "email", "password")
	if !ok {
		return
	}
	show := func() {
		s.render(w, r, http.StatusUnprocessableEntity, authpages.Signup(s.page(r, "Create a coach account"), f, first))
	}
	validateAccount(f, true)
	if !f.Valid() {
		show()
		return
	}
	hash, err := auth.HashPassword(r.Context(), f.Value("password"))
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	u, err := s.store.CreateCoach(r.Context(), f.Value("name"), f.Value("email"), hash, s.cfg.OpenSignup)
	switch {
	case errors.Is(err, store.ErrEmailTaken):
		f.Fail("email", "An account with this e-mail address already exists. Sign in instead, or use another address.")
		show()
		return
	case errors.Is(err, store.ErrSignupClosed):
		// Someone else became the first coach a moment ago.
		s.render(w, r, http.StatusForbidden, authpages.SignupClosed(s.page(r, "Sign-up is closed")))
		return
	case err != nil:
		s.renderError(w, r, err)
		return
	}
	if err := s.signIn(r, u); err != nil {
		s.renderError(w, r, err)
		return
	}
	s.logger.InfoContext(r.Context(), "coach signed up", "user_id", u.ID, "admin", u.IsAdmin)
	s.redirect(w, r, "/", welcome(u))
}

// validateAccount checks the fields of a new account: name and e-mail
// when withIdentity, and always the password.
func validateAccount(f *components.Form, withIdentity bool) {
	if withIdentity {
		required(f, "name", "email")
		checkName(f, "name")
		checkEmail(f, "email")
	}
	required(f, "password")
	if f.Value("password") != "" {
		if msg := auth.CheckNewPassword(f.Value("password"), f.Value("email")); msg != "" {
			f.Fail("password", msg)
		}
	}
}
