package web

import (
	"errors"
	"net/http"

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
	f := components.NewForm()
	f.Set("name", p.Name)
	f.Set("units", p.Units)
	f.Set("timezone", p.Timezone)
	s.showAccount(w, r, http.StatusOK, u, f, nil)
}

// showAccount renders the account page with the forms given; a nil
// notifications form shows the saved settings.
func (s *Server) showAccount(w http.ResponseWriter, r *http.Request, status int, u store.User, f, nf *components.Form) {
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
		nf = notifyForm(settings)
	}
	v := accountpages.View{Form: f, Notify: nf, Email: u.Email, Athlete: u.Role == store.RoleAthlete, Mail: s.mailer != nil}
	if ok {
		v.Pending, v.Until = pending.NewEmail, pending.ExpiresAt
	}
	s.render(w, r, status, accountpages.Page(s.page(r, "Your account"), v))
}

// accountSave saves the name and, for athletes, units and time zone.
func (s *Server) accountSave(w http.ResponseWriter, r *http.Request) {
	u, _ := viewer(r.Context())
	fields := []string{"name"}
	athlete := u.Role == store.RoleAthlete
	if athlete {
		fields = append(fields, "units", "timezone")
	}
	f, ok := s.parseForm(w, r, fields...)
	if !ok {
		return
	}
	required(f, fields...)
	checkName(f, "name")
	if athlete {
		oneOf(f, "units", []string{"km", "mi"})
		if tz := f.Value("timezone"); tz != "" && !timezone.Valid(tz) {
			f.Fail("timezone", "Choose a time zone from the list.")
		}
	}
	if !f.Valid() {
		s.showAccount(w, r, http.StatusUnprocessableEntity, u, f, nil)
		return
	}
	err := s.store.SavePreferences(r.Context(), u, store.Preferences{Name: f.Value("name"), Units: f.Value("units"), Timezone: f.Value("timezone")})
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.redirect(w, r, "/account", "Saved.")
}

// checkCurrentPassword fails the form's current_password unless it is
// the account's. Wrong guesses count with failed sign-ins: a stolen
// session cannot be used to guess the password faster than the sign-in
// form could. ok is false when a response has been written.
func (s *Server) checkCurrentPassword(w http.ResponseWriter, r *http.Request, u store.User, f *components.Form) bool {
	if f.Value("current_password") == "" {
		return true // required() has failed it
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
	if !auth.CheckPassword(r.Context(), hash, f.Value("current_password")) {
		s.logger.InfoContext(r.Context(), "current password wrong", "user_id", u.ID)
		f.Fail("current_password", "This is not your current password.")
		return true
	}
	if err := s.store.LoginSucceeded(r.Context(), u.Email); err != nil {
		s.renderError(w, r, err)
		return false
	}
	return true
}

func (s *Server) passwordForm(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, accountpages.Password(s.page(r, "Change your password"), components.NewForm()))
}

// passwordChange sets a new password after checking the current one,
// signs out every other session and renews this one's token.
func (s *Server) passwordChange(w http.ResponseWriter, r *http.Request) {
	u, _ := viewer(r.Context())
	f, ok := s.parseForm(w, r, "current_password", "password")
	if !ok {
		return
	}
	show := func() {
		s.render(w, r, http.StatusUnprocessableEntity, accountpages.Password(s.page(r, "Change your password"), f))
	}
	required(f, "current_password", "password")
	if v := f.Value("password"); v != "" {
		if msg := auth.CheckNewPassword(v, u.Email); msg != "" {
			f.Fail("password", msg)
		} else if v == f.Value("current_password") {
			f.Fail("password", "Choose a password other than your current one.")
		}
	}
	if !s.checkCurrentPassword(w, r, u, f) {
		return
	}
	if !f.Valid() {
		show()
		return
	}
	hash, err := auth.HashPassword(r.Context(), f.Value("password"))
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

func (s *Server) emailForm(w http.ResponseWriter, r *http.Request) {
	u, _ := viewer(r.Context())
	s.render(w, r, http.StatusOK, accountpages.Email(s.page(r, "Change your e-mail"), components.NewForm(), u.Email, s.mailer != nil))
}

// emailChange checks the current password and the new address, then
// sends a link to the new address (or, on a server without e-mail,
// changes it at once).
func (s *Server) emailChange(w http.ResponseWriter, r *http.Request) {
	u, _ := viewer(r.Context())
	f, ok := s.parseForm(w, r, "email", "current_password")
	if !ok {
		return
	}
	show := func() {
		s.render(w, r, http.StatusUnprocessableEntity, accountpages.Email(s.page(r, "Change your e-mail"), f, u.Email, s.mailer != nil))
	}
	required(f, "email", "current_password")
	checkEmail(f, "email")
	if f.Error("email") == "" && store.NormalizeEmail(f.Value("email")) == u.Email {
		f.Fail("email", "This is already your address.")
	}
	if !s.checkCurrentPassword(w, r, u, f) {
		return
	}
	if !f.Valid() {
		show()
		return
	}
	if s.mailer == nil {
		old, err := s.store.ChangeEmail(r.Context(), u, f.Value("email"))
		if errors.Is(err, store.ErrEmailInUse) {
			f.Fail("email", apperr.MessageOf(err))
			show()
			return
		}
		if err != nil {
			s.renderError(w, r, err)
			return
		}
		s.logger.InfoContext(r.Context(), "e-mail changed", "user_id", u.ID, "old", old)
		s.redirect(w, r, "/account", "Your e-mail is now "+f.Value("email")+". Sign in with it from now on.")
		return
	}
	token, hash := auth.NewToken()
	expires, err := s.store.RequestEmailChange(r.Context(), u, f.Value("email"), hash)
	if errors.Is(err, store.ErrEmailInUse) {
		f.Fail("email", apperr.MessageOf(err))
		show()
		return
	}
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	subject, body := emailChangeMail(u.Name, f.Value("email"), s.absolute(r, "/account/email/"+token), expires)
	if err := s.mailer.Send(r.Context(), f.Value("email"), subject, body); err != nil {
		s.logger.ErrorContext(r.Context(), "e-mailing an address confirmation failed", "err", err, "user_id", u.ID)
		f.Problem = "The confirmation e-mail could not be sent just now. Please try again in a few minutes."
		show()
		return
	}
	s.redirect(w, r, "/account", "We sent a link to "+f.Value("email")+". Follow it to confirm the new address.")
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
