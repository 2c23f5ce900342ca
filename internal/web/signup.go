package web

import (
	"errors"
	"net/http"
	"net/url"

	"rebound/internal/auth"
	"rebound/internal/store"
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
	s.render(w, r, http.StatusOK, authpages.Signup(s.page(r, "Create a coach account"), authpages.AccountFields{}, first))
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
	if !s.parseForm(w, r) {
		return
	}
	f := decodeAccount(r.PostForm, "")
	show := func() {
		s.render(w, r, http.StatusUnprocessableEntity, authpages.Signup(s.page(r, "Create a coach account"), f, first))
	}
	if !f.Valid() {
		show()
		return
	}
	hash, err := auth.HashPassword(r.Context(), f.Password.Value)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	u, err := s.store.CreateCoach(r.Context(), f.Name.Value, f.Email.Value, hash, s.cfg.OpenSignup)
	switch {
	case errors.Is(err, store.ErrEmailTaken):
		f.Fail(&f.Email, "An account with this e-mail address already exists. Sign in instead, or use another address.")
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

// decodeAccount reads and checks the fields of a new account: a name and
// an e-mail unless the account's address is known (an athlete's invite, a
// reset), and always the password.
func decodeAccount(v url.Values, known string) authpages.AccountFields {
	var f authpages.AccountFields
	d := decoder{v: v, form: &f.Problems}
	if known == "" {
		f.Name, f.Email = d.text("name"), d.text("email")
		d.required(&f.Name, &f.Email)
		d.maxLength(&f.Name, 200)
		d.email(&f.Email)
	} else {
		f.Email.Value = known // for the password rules; not a field here
	}
	f.Password = d.raw("password") // taken as typed
	d.required(&f.Password)
	if f.Password.Value != "" {
		f.Fail(&f.Password, auth.CheckNewPassword(f.Password.Value, f.Email.Value))
	}
	return f
}
