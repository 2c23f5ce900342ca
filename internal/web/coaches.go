package web

import (
	"net/http"
	"time"

	"rebound/internal/auth"
	"rebound/web/pages/athletes"
	"rebound/web/pages/coaches"
)

func (s *Server) coachList(w http.ResponseWriter, r *http.Request) {
	s.showCoaches(w, r, http.StatusOK, coaches.InviteFields{}, athletes.Issued{})
}

// showCoaches renders the admin's coaches page, with a coach invite just
// made shown this once.
func (s *Server) showCoaches(w http.ResponseWriter, r *http.Request, status int, f coaches.InviteFields, link athletes.Issued) {
	admin, _ := viewer(r.Context())
	summaries, err := s.store.Coaches(r.Context(), admin)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	list := make([]coaches.Coach, len(summaries))
	for i, c := range summaries {
		list[i] = coaches.Coach{Name: c.Name, Email: c.Email, IsAdmin: c.IsAdmin, Athletes: c.Athletes}
	}
	p := s.page(r, "Coaches")
	if link.URL != "" {
		p.Flash = "A coach invite link is ready."
		w.Header().Set("Cache-Control", "no-store")
	}
	s.render(w, r, status, coaches.List(p, list, f, link.URL, link.Expires))
}

func (s *Server) coachInvite(w http.ResponseWriter, r *http.Request) {
	admin, _ := viewer(r.Context())
	if !s.parseForm(w, r) {
		return
	}
	var f coaches.InviteFields
	d := decoder{v: r.PostForm, form: &f.Problems}
	f.Email = d.text("email")
	d.email(&f.Email)
	if !f.Valid() {
		s.showCoaches(w, r, http.StatusUnprocessableEntity, f, athletes.Issued{})
		return
	}
	token, hash := auth.NewToken()
	expires, err := s.store.IssueCoachInvite(r.Context(), admin, f.Email.Value, hash)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	link := s.absolute(r, "/invite/"+token)
	subject := admin.Name + " invites you to coach on Rebound"
	body := "Hello,\n\n" + admin.Name + " invites you to coach on Rebound. Create your account here (the link works once, until " +
		expires.Format(time.RFC1123) + "):\n\n" + link + "\n"
	s.showCoaches(w, r, http.StatusOK, coaches.InviteFields{}, s.issue(r, "invite", link, expires, f.Email.Value, subject, body))
}
