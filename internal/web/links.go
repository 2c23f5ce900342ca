package web

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"rebound/web/pages/athletes"
)

// Session keys of a link made by a request, shown once by the next page.
const (
	keyIssuedURL     = "issued_url"
	keyIssuedFor     = "issued_for" // athlete id, or 0 for a coach invite
	keyIssuedKind    = "issued_kind"
	keyIssuedExpires = "issued_expires"
	keyIssuedMailed  = "issued_mailed"
)

// absolute turns a path into a link to hand on: on the configured base
// URL, else on the address the request came to.
func (s *Server) absolute(r *http.Request, path string) string {
	if s.cfg.BaseURL != "" {
		return s.cfg.BaseURL + path
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host + path
}

// issue keeps a new link in the session for the next page to show once,
// and e-mails it when SMTP is configured.
func (s *Server) issue(r *http.Request, forID int64, kind, url string, expires time.Time, to, subject, body string) {
	ctx := r.Context()
	s.sessions.Put(ctx, keyIssuedURL, url)
	s.sessions.Put(ctx, keyIssuedFor, forID)
	s.sessions.Put(ctx, keyIssuedKind, kind)
	s.sessions.Put(ctx, keyIssuedExpires, expires.Unix())
	if s.mailer == nil || to == "" {
		return
	}
	if err := s.mailer.Send(ctx, to, subject, body); err != nil {
		s.logger.ErrorContext(ctx, "e-mailing a link failed; it is shown to copy instead", "err", err, "kind", kind)
		return
	}
	s.sessions.Put(ctx, keyIssuedMailed, to)
}

// issued takes the link made for forID by the previous request, if any.
func (s *Server) issued(ctx context.Context, forID int64) athletes.Issued {
	if s.sessions.GetString(ctx, keyIssuedURL) == "" || s.sessions.GetInt64(ctx, keyIssuedFor) != forID {
		return athletes.Issued{}
	}
	link := athletes.Issued{
		URL:     s.sessions.PopString(ctx, keyIssuedURL),
		Kind:    s.sessions.PopString(ctx, keyIssuedKind),
		Expires: time.Unix(s.sessions.GetInt64(ctx, keyIssuedExpires), 0),
		Mailed:  s.sessions.PopString(ctx, keyIssuedMailed),
	}
	s.sessions.Remove(ctx, keyIssuedExpires)
	s.sessions.Remove(ctx, keyIssuedFor)
	return link
}

func inviteMail(coach, athlete, link string, expires time.Time) (subject, body string) {
	subject = coach + " invites you to Rebound"
	body = fmt.Sprintf("Hello %s,\n\n%s coaches you on Rebound, where your training plan lives and where you check in each morning.\n\n"+
		"Choose your password here (the link works once, until %s):\n\n%s\n\n"+
		"If you did not expect this e-mail, you can ignore it.\n", athlete, coach, expires.Format("Mon 2 Jan 2006 15:04 MST"), link)
	return subject, body
}

func resetMail(coach, name, link string, expires time.Time) (subject, body string) {
	subject = "Choose a new Rebound password"
	body = fmt.Sprintf("Hello %s,\n\n%s made you a link to choose a new Rebound password (it works once, until %s):\n\n%s\n\n"+
		"If you did not ask for this, you can ignore it: your password stays as it is.\n", name, coach, expires.Format("Mon 2 Jan 2006 15:04 MST"), link)
	return subject, body
}

func athletePath(id int64) string { return "/athletes/" + strconv.FormatInt(id, 10) }
