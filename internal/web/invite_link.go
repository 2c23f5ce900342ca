package web

import (
	"net/http"
	"time"

	"rebound/internal/auth"
	"rebound/internal/store"
	"rebound/internal/training"
	"rebound/internal/units"
	"rebound/web/components"
	"rebound/web/pages/athletes"
)

// inviteShownFor is how long the invite page shows a link just made.
// Only the token's hash is stored, so the link itself lives in a cookie of
// the coach's browser (never in the database, not even in the session
// table): a refresh shows it again, and the e-mail button can send it,
// until the cookie and this window run out.
const inviteShownFor = 30 * time.Minute

const inviteCookie = "rebound_invite"

func invitePath(id int64) string { return athletePath(id) + "/invite" }

// shownUntil is when the invite page stops showing a link that expires
// then: inviteShownFor after it was made.
func shownUntil(expires time.Time) time.Time { return expires.Add(-store.InviteTTL + inviteShownFor) }

// keepInviteLink hands the coach's browser the link of athlete id's new
// invite, for the invite page's paths only.
func (s *Server) keepInviteLink(w http.ResponseWriter, id int64, token string) {
	http.SetCookie(w, &http.Cookie{Name: inviteCookie, Value: token, Path: invitePath(id),
		MaxAge: int(inviteShownFor / time.Second), HttpOnly: true, Secure: s.cfg.SecureCookies(), SameSite: http.SameSiteStrictMode})
}

func (s *Server) forgetInviteLink(w http.ResponseWriter, id int64) {
	http.SetCookie(w, &http.Cookie{Name: inviteCookie, Path: invitePath(id), MaxAge: -1,
		HttpOnly: true, Secure: s.cfg.SecureCookies(), SameSite: http.SameSiteStrictMode})
}

// heldInvite returns the token the coach's browser holds for a's invite
// while it is a's open invite and was made under inviteShownFor ago.
func (s *Server) heldInvite(r *http.Request, coach store.User, a training.Athlete) (token string, expires time.Time, err error) {
	c, err := r.Cookie(inviteCookie)
	if err != nil || c.Value == "" {
		return "", time.Time{}, nil
	}
	expires, open, err := s.store.OpenAthleteInvite(r.Context(), coach, a.ID, auth.HashToken(c.Value))
	if err != nil || !open || s.store.Now().After(shownUntil(expires)) {
		return "", time.Time{}, err
	}
	return c.Value, expires, nil
}

// athleteInvitePage shows the invite link just made, at the top, with
// Copy, e-mail and a QR code; or, once it is no longer held, where the
// invite stands and what can be done.
func (s *Server) athleteInvitePage(w http.ResponseWriter, r *http.Request) {
	coach, a, err := s.visibleAthlete(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	token, expires, err := s.heldInvite(r, coach, a)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	d := athletes.InviteData{Athlete: a, CanMail: s.mailer != nil, ShownFor: units.Duration(int(inviteShownFor / time.Second))}
	if token != "" {
		d.Link = s.absolute(r, "/invite/"+token)
		d.Expires, d.ShownUntil = expires, shownUntil(expires)
		d.QR = components.NewQR(d.Link)
		w.Header().Set("Cache-Control", "no-store") // the page holds a secret
	} else if _, err := r.Cookie(inviteCookie); err == nil {
		s.forgetInviteLink(w, a.ID)
	}
	s.render(w, r, http.StatusOK, athletes.Invite(s.page(r, "Invite "+a.Name), d))
}

// athleteInviteConfirm asks before a new link replaces one that works:
// the coach may have sent that one already.
func (s *Server) athleteInviteConfirm(w http.ResponseWriter, r *http.Request) {
	_, a, err := s.visibleAthlete(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if a.Joined {
		s.redirect(w, r, invitePath(a.ID), "")
		return
	}
	s.render(w, r, http.StatusOK, athletes.InviteConfirm(s.page(r, "New invite link for "+a.Name), a))
}

// athleteInviteSend e-mails the link the coach's browser holds.
func (s *Server) athleteInviteSend(w http.ResponseWriter, r *http.Request) {
	coach, a, err := s.visibleAthlete(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	token, expires, err := s.heldInvite(r, coach, a)
	switch {
	case err != nil:
		s.renderError(w, r, err)
	case s.mailer == nil:
		s.redirect(w, r, invitePath(a.ID), "This server sends no e-mail: copy the link into a message of your own.")
	case token == "":
		s.redirect(w, r, invitePath(a.ID), "The link is no longer shown here, so it cannot be sent: make a new one.")
	default:
		link := s.inviteLink(r, coach, a, token, expires)
		s.redirect(w, r, invitePath(a.ID), mailedNotice(link))
	}
}

// mailedNotice says whether the link went out by e-mail.
func mailedNotice(link athletes.Issued) string {
	if link.Mailed != "" {
		return "The invite link was e-mailed to " + link.Mailed + "."
	}
	return "E-mailing the link failed: copy it into a message of your own, or try again later."
}

// issueInvite makes athlete a new invite link, e-mails it when the server
// sends e-mail, and sends the coach to the page that shows it.
func (s *Server) issueInvite(w http.ResponseWriter, r *http.Request, coach store.User, a training.Athlete, token string, expires time.Time, notice string) {
	s.keepInviteLink(w, a.ID, token)
	if s.mailer != nil {
		notice += " " + mailedNotice(s.inviteLink(r, coach, a, token, expires))
	}
	s.redirect(w, r, invitePath(a.ID), notice)
}
