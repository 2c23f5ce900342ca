package web

import (
	"errors"
	"net/http"
	"net/url"
	"strings"

	"github.com/go-chi/chi/v5"

	"rebound/internal/apperr"
	"rebound/internal/auth"
	"rebound/internal/store"
	"rebound/internal/timezone"
	"rebound/web/components"
	accountpages "rebound/web/pages/account"
	authpages "rebound/web/pages/auth"
)

// accountPage shows the viewer's own account.
func (s *Server) accountPage(w http.ResponseWriter, r *http.Request) {
	u, _ := viewer(r.Context())
	p, err := s.store.AccountPreferences(r.Context(), u)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.showAccount(w, r, http.StatusOK, u, aboutFieldsOf(p), nil)
}

// aboutFieldsOf fills the form about the person from their preferences.
func aboutFieldsOf(p store.Preferences) accountpages.AboutFields {
	var f accountpages.AboutFields
	f.Name.Value, f.Units.Value, f.Timezone.Value = strings.TrimSpace(p.Name), p.Units, p.Timezone
	return f
}

// showAccount renders the account page with the forms given; a nil
// notifications form shows the saved settings.
func (s *Server) showAccount(w http.ResponseWriter, r *http.Request, status int, u store.User, f accountpages.AboutFields, nf *accountpages.NotifyFields) {
	pending, ok, err := s.store.PendingEmailChange(r.Context(), u)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if nf == nil {
		settings, err := s.store.NotificationSettings(r.Context(), u)
		if err != nil {
			s.renderError(w, r, err)
			return
		}
		n := notifyFieldsOf(settings)
		nf = &n
	}
	v := accountpages.View{Form: f, Notify: *nf, Email: u.Email, Athlete: u.Role == store.RoleAthlete, Mail: s.mailer != nil}
	if ok {
		v.Pending, v.Until = pending.NewEmail, pending.ExpiresAt
	}
	s.render(w, r, status, accountpages.Page(s.page(r, "Your account"), v))
}

// accountSave saves the name and, for athletes, units and time zone.
func (s *Server) accountSave(w http.ResponseWriter, r *http.Request) {
	u, _ := viewer(r.Context())
	if !s.parseForm(w, r) {
		return
	}
	f := decodeAbout(r.PostForm, u.Role == store.RoleAthlete)
	if !f.Valid() {
		s.showAccount(w, r, http.StatusUnprocessableEntity, u, f, nil)
		return
	}
	err := s.store.SavePreferences(r.Context(), u, store.Preferences{Name: f.Name.Value, Units: f.Units.Value, Timezone: f.Timezone.Value})
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.redirect(w, r, "/account", "Saved.")
}

// decodeAbout reads and checks the name and, for an athlete, units and
// time zone.
func decodeAbout(v url.Values, athlete bool) accountpages.AboutFields {
	var f accountpages.AboutFields
	d := decoder{v: v, form: &f.Problems}
	f.Name = d.text("name")
	d.required(&f.Name)
	d.maxLength(&f.Name, 200)
	if athlete {
		f.Units, f.Timezone = d.text("units"), d.text("timezone")
		d.required(&f.Units, &f.Timezone)
		d.oneOf(&f.Units, []string{"km", "mi"})
		if tz := f.Timezone.Value; tz != "" && !timezone.Valid(tz) {
			f.Fail(&f.Timezone, "Choose a time zone from the list.")
		}
	}
	return f
}

// checkCurrentPassword fails current, the form's current password, unless
// it is the account's. Wrong guesses count with failed sign-ins: a stolen
// session cannot be used to guess the password faster than the sign-in
// form could. ok is false when a response has been written.
func (s *Server) checkCurrentPassword(w http.ResponseWriter, r *http.Request, u store.User, form *components.Problems, current *components.Text) bool {
	if current.Value == "" {
		return true // the decoding has failed it
	}
	byEmail, byClient, err := s.store.LoginAttempt(r.Context(), u.Email, s.clientAddr(r), throttleWindow)
	if err != nil {
		s.renderError(w, r, err)
		return false
	}
	if byEmail > throttlePerAccount || byClient > throttlePerClient {
		s.logger.WarnContext(r.Context(), "password check throttled", "user_id", u.ID, "client", s.clientAddr(r))
		s.render(w, r, http.StatusTooManyRequests, authpages.Throttled(s.page(r, "Too many attempts"), int(throttleWindow.Minutes())))
		return false
	}
	hash, err := s.store.PasswordHash(r.Context(), u)
	if err != nil {
		s.renderError(w, r, err)
		return false
	}
	if !auth.CheckPassword(r.Context(), hash, current.Value) {
		s.logger.InfoContext(r.Context(), "current password wrong", "user_id", u.ID)
		form.Fail(current, "This is not your current password.")
		return true
	}
	if err := s.store.LoginSucceeded(r.Context(), u.Email); err != nil {
		s.renderError(w, r, err)
		return false
	}
	return true
}

func (s *Server) passwordForm(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, accountpages.Password(s.page(r, "Change your password"), accountpages.PasswordFields{}))
}

// passwordChange sets a new password after checking the current one,
// signs out every other session and renews this one's token.
func (s *Server) passwordChange(w http.ResponseWriter, r *http.Request) {
	u, _ := viewer(r.Context())
	if !s.parseForm(w, r) {
		return
	}
	f := decodePasswordChange(r.PostForm, u.Email)
	show := func() {
		s.render(w, r, http.StatusUnprocessableEntity, accountpages.Password(s.page(r, "Change your password"), f))
	}
	if !s.checkCurrentPassword(w, r, u, &f.Problems, &f.CurrentPassword) {
		return
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
	if u, err = s.store.ChangePassword(r.Context(), u, hash); err != nil {
		s.renderError(w, r, err)
		return
	}
	if err := s.signIn(r, u); err != nil {
		s.renderError(w, r, err)
		return
	}
	s.logger.InfoContext(r.Context(), "password changed", "user_id", u.ID)
	s.redirect(w, r, "/account", "Your new password is set. Other devices are signed out.")
}

// decodePasswordChange reads and checks the new password (of the account
// of address email) and that the current one is given.
func decodePasswordChange(v url.Values, email string) accountpages.PasswordFields {
	var f accountpages.PasswordFields
	d := decoder{v: v, form: &f.Problems}
	f.CurrentPassword, f.Password = d.raw("current_password"), d.raw("password") // passwords are taken as typed
	d.required(&f.CurrentPassword, &f.Password)
	if p := f.Password.Value; p != "" {
		if msg := auth.CheckNewPassword(p, email); msg != "" {
			f.Fail(&f.Password, msg)
		} else if p == f.CurrentPassword.Value {
			f.Fail(&f.Password, "Choose a password other than your current one.")
		}
	}
	return f
}

func (s *Server) emailForm(w http.ResponseWriter, r *http.Request) {
	u, _ := viewer(r.Context())
	s.render(w, r, http.StatusOK, accountpages.Email(s.page(r, "Change your e-mail"), accountpages.EmailFields{}, u.Email, s.mailer != nil))
}

// decodeEmailChange reads and checks the new address (other than
// current) and that the current password is given.
func decodeEmailChange(v url.Values, current string) accountpages.EmailFields {
	var f accountpages.EmailFields
	d := decoder{v: v, form: &f.Problems}
	f.Email, f.CurrentPassword = d.text("email"), d.raw("current_password")
	d.required(&f.Email, &f.CurrentPassword)
	d.email(&f.Email)
	if f.Email.Error == "" && store.NormalizeEmail(f.Email.Value) == current {
		f.Fail(&f.Email, "This is already your address.")
	}
	return f
}

// emailChange checks the current password and the new address, then
// sends a link to the new address (or, on a server without e-mail,
// changes it at once).
func (s *Server) emailChange(w http.ResponseWriter, r *http.Request) {
	u, _ := viewer(r.Context())
	if !s.parseForm(w, r) {
		return
	}
	f := decodeEmailChange(r.PostForm, u.Email)
	show := func() {
		s.render(w, r, http.StatusUnprocessableEntity, accountpages.Email(s.page(r, "Change your e-mail"), f, u.Email, s.mailer != nil))
	}
	if !s.checkCurrentPassword(w, r, u, &f.Problems, &f.CurrentPassword) {
		return
	}
	if !f.Valid() {
		show()
		return
	}
	if s.mailer == nil {
		old, err := s.store.ChangeEmail(r.Context(), u, f.Email.Value)
		if errors.Is(err, store.ErrEmailInUse) {
			f.Fail(&f.Email, apperr.MessageOf(err))
			show()
			return
		}
		if err != nil {
			s.renderError(w, r, err)
			return
		}
		s.logger.InfoContext(r.Context(), "e-mail changed", "user_id", u.ID, "old", old)
		s.redirect(w, r, "/account", "Your e-mail is now "+f.Email.Value+". Sign in with it from now on.")
		return
	}
	token, hash := auth.NewToken()
	expires, err := s.store.RequestEmailChange(r.Context(), u, f.Email.Value, hash)
	if errors.Is(err, store.ErrEmailInUse) {
		f.Fail(&f.Email, apperr.MessageOf(err))
		show()
		return
	}
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	subject, body := emailChangeMail(u.Name, f.Email.Value, s.absolute(r, "/account/email/"+token), expires)
	if err := s.mailer.Send(r.Context(), f.Email.Value, subject, body); err != nil {
		s.logger.ErrorContext(r.Context(), "e-mailing an address confirmation failed", "err", err, "user_id", u.ID)
		f.Problem = "The confirmation e-mail could not be sent just now. Please try again in a few minutes."
		show()
		return
	}
	s.redirect(w, r, "/account", "We sent a link to "+f.Email.Value+". Follow it to confirm the new address.")
}

// emailConfirmForm shows the change a confirmation link makes.
func (s *Server) emailConfirmForm(w http.ResponseWriter, r *http.Request) {
	c, err := s.store.EmailChangeByToken(r.Context(), auth.HashToken(chi.URLParam(r, "token")))
	if s.linkFailed(w, r, err) {
		return
	}
	s.render(w, r, http.StatusOK, accountpages.ConfirmEmail(s.page(r, "Confirm your new e-mail"), r.URL.Path, c.Name, c.OldEmail, c.NewEmail))
}

// emailConfirm makes the change, and tells the old address about it.
func (s *Server) emailConfirm(w http.ResponseWriter, r *http.Request) {
	u, old, err := s.store.ConfirmEmailChange(r.Context(), auth.HashToken(chi.URLParam(r, "token")))
	if errors.Is(err, store.ErrEmailInUse) {
		s.render(w, r, http.StatusConflict, authpages.LinkProblem(s.page(r, "Link can't be used"), apperr.MessageOf(err)))
		return
	}
	if s.linkFailed(w, r, err) {
		return
	}
	s.logger.InfoContext(r.Context(), "e-mail changed", "user_id", u.ID)
	if s.mailer != nil {
		subject, body := emailChangedMail(u.Name, u.Email)
		if err := s.mailer.Send(r.Context(), old, subject, body); err != nil {
			s.logger.WarnContext(r.Context(), "telling the old address of its change failed", "err", err, "user_id", u.ID)
		}
	}
	to := "/login"
	if v, ok := viewer(r.Context()); ok && v.ID == u.ID {
		to = "/account"
	}
	s.redirect(w, r, to, "Your e-mail is now "+u.Email+".")
}

// linkFailed renders why a link cannot be used, when err says so.
func (s *Server) linkFailed(w http.ResponseWriter, r *http.Request, err error) bool {
	switch {
	case err == nil:
		return false
	case apperr.CodeOf(err) == apperr.Invalid:
		s.render(w, r, http.StatusGone, authpages.LinkProblem(s.page(r, "Link can't be used"), apperr.MessageOf(err)))
	default:
		s.renderError(w, r, err)
	}
	return true
}

// signOutEverywhere ends every session of the account, this one too.
func (s *Server) signOutEverywhere(w http.ResponseWriter, r *http.Request) {
	u, _ := viewer(r.Context())
	if err := s.store.SignOutEverywhere(r.Context(), u); err != nil {
		s.renderError(w, r, err)
		return
	}
	if err := s.sessions.Destroy(r.Context()); err != nil {
		s.renderError(w, r, err)
		return
	}
	s.logger.InfoContext(r.Context(), "signed out everywhere", "user_id", u.ID)
	s.redirect(w, r, "/login", "You are signed out everywhere.")
}
