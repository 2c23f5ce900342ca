package web

import (
	"fmt"
	"net/http"
	"strconv"
	"time"

	"rebound/web/pages/athletes"
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

// issue e-mails a new link when SMTP is configured and returns it to be
// shown once, in the response to the request that made it. It is never
// stored anywhere in clear (not even in the session), only its hash.
func (s *Server) issue(r *http.Request, kind, url string, expires time.Time, to, subject, body string) athletes.Issued {
	link := athletes.Issued{URL: url, Kind: kind, Expires: expires}
	if s.mailer == nil || to == "" {
		return link
	}
	if err := s.mailer.Send(r.Context(), to, subject, body); err != nil {
		s.logger.ErrorContext(r.Context(), "e-mailing a link failed; it is shown to copy instead", "err", err, "kind", kind)
		return link
	}
	link.Mailed = to
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
