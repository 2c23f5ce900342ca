package web

import (
	"errors"
	"net/http"

	"github.com/go-chi/chi/v5"

	"rebound/internal/apperr"
	"rebound/internal/auth"
	"rebound/internal/store"
	authpages "rebound/web/pages/auth"
)

// linkPage looks up the link in the URL and renders why it cannot be
// used when it cannot. ok is false when a response has been written.
func (s *Server) linkPage(w http.ResponseWriter, r *http.Request, kinds ...store.InviteKind) (store.Invite, []byte, bool) {
	hash := auth.HashToken(chi.URLParam(r, "token"))
	in, err := s.store.InviteByToken(r.Context(), hash)
	if err == nil {
		for _, k := range kinds {
			if in.Kind == k {
				return in, hash, true
			}
		}
		err = apperr.New(apperr.NotFound, "No such link.") // a reset token on the invite path, or the reverse
	}
	if apperr.CodeOf(err) == apperr.Invalid {
		s.render(w, r, http.StatusGone, authpages.LinkProblem(s.page(r, "Link can't be used"), apperr.MessageOf(err)))
		return in, nil, false
	}
	s.renderError(w, r, err)
	return in, nil, false
}

func (s *Server) linkView(r *http.Request, in store.Invite) authpages.Link {
	l := authpages.Link{Kind: string(in.Kind), Name: in.Name, Email: in.Email, CoachName: in.CoachName, Action: r.URL.Path}
	if u, ok := viewer(r.Context()); ok {
		l.SignedIn = u.Name
	}
	return l
}

func linkTitle(in store.Invite) string {
	if in.Kind == store.PasswordReset {
		return "Choose a new password"
	}
	return "Accept your invite"
}

func (s *Server) inviteForm(w http.ResponseWriter, r *http.Request) {
	in, _, ok := s.linkPage(w, r, store.AthleteInvite, store.CoachInvite)
	if !ok {
		return
	}
	var f authpages.AccountFields
	f.Email.Value = in.Email
	s.render(w, r, http.StatusOK, authpages.SetPassword(s.page(r, linkTitle(in)), s.linkView(r, in), f))
}

func (s *Server) acceptInvite(w http.ResponseWriter, r *http.Request) {
	in, hash, ok := s.linkPage(w, r, store.AthleteInvite, store.CoachInvite)
	if !ok {
		return
	}
	if !s.parseForm(w, r) {
		return
	}
	known := in.Email // a new coach gives their own name and address
	if in.Kind == store.CoachInvite {
		known = ""
	}
	f := decodeAccount(r.PostForm, known)
	s.setPassword(w, r, in, f, func(pwHash string) (store.User, error) {
		if in.Kind == store.CoachInvite {
			return s.store.AcceptCoachInvite(r.Context(), hash, f.Name.Value, f.Email.Value, pwHash)
		}
		return s.store.AcceptAthleteInvite(r.Context(), hash, pwHash)
	})
}

func (s *Server) resetForm(w http.ResponseWriter, r *http.Request) {
	in, _, ok := s.linkPage(w, r, store.PasswordReset)
	if !ok {
		return
	}
	s.render(w, r, http.StatusOK, authpages.SetPassword(s.page(r, linkTitle(in)), s.linkView(r, in), authpages.AccountFields{}))
}

func (s *Server) resetPassword(w http.ResponseWriter, r *http.Request) {
	in, hash, ok := s.linkPage(w, r, store.PasswordReset)
	if !ok {
		return
	}
	if !s.parseForm(w, r) {
		return
	}
	f := decodeAccount(r.PostForm, in.Email)
	s.setPassword(w, r, in, f, func(pwHash string) (store.User, error) {
		return s.store.ResetPassword(r.Context(), hash, pwHash)
	})
}

// inviteRefused is the answer to an athlete invite whose address cannot
// have a new account. It says nothing of why: the coach holds the link,
// and a coach must not learn who has an account on the server.
const inviteRefused = "This invite can't be used to make an account. Ask your coach to check the e-mail address on it, " +
	"or to invite you with another one."

// setPassword shows the decoded form again if invalid, else runs use with
// the new password's hash and signs the account in.
func (s *Server) setPassword(w http.ResponseWriter, r *http.Request, in store.Invite, f authpages.AccountFields, use func(string) (store.User, error)) {
	show := func(status int) {
		s.render(w, r, status, authpages.SetPassword(s.page(r, linkTitle(in)), s.linkView(r, in), f))
	}
	if !f.Valid() {
		show(http.StatusUnprocessableEntity)
		return
	}
	pwHash, err := auth.HashPassword(r.Context(), f.Password.Value)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	u, err := use(pwHash)
	switch {
	case errors.Is(err, store.ErrEmailTaken):
		if in.Kind == store.CoachInvite {
			f.Fail(&f.Email, "An account with this e-mail address already exists. Use another address, or sign in.")
		} else {
			// Whoever holds the link (the coach too) reads this: it must
			// not say that someone, perhaps another coach's athlete, has
			// an account under the address.
			s.logger.InfoContext(r.Context(), "athlete invite refused: the address has an account", "email", in.Email)
			f.Problem = inviteRefused
		}
		show(http.StatusUnprocessableEntity)
		return
	case apperr.CodeOf(err) == apperr.Invalid: // used or expired since the form was shown
		s.render(w, r, http.StatusGone, authpages.LinkProblem(s.page(r, "Link can't be used"), apperr.MessageOf(err)))
		return
	case err != nil:
		s.renderError(w, r, err)
		return
	}
	if err := s.signIn(r, u); err != nil {
		s.renderError(w, r, err)
		return
	}
	s.logger.InfoContext(r.Context(), "link used", "kind", in.Kind, "user_id", u.ID)
	if in.Kind == store.PasswordReset {
		s.redirect(w, r, "/", "Your new password is set.")
		return
	}
	s.redirect(w, r, "/", welcome(u))
}
