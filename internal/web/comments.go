package web

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"unicode/utf8"

	"github.com/go-chi/chi/v5"

	"rebound/internal/apperr"
	"rebound/internal/store"
	"rebound/internal/timezone"
	"rebound/internal/training"
	"rebound/internal/units"
	"rebound/web/components"
	"rebound/web/pages/comments"
	"rebound/web/pages/workouts"
)

// threadsListed is how many threads the athlete's comments page lists.
const threadsListed = 100

// subjectPage is a thread's subject as its page shows it.
type subjectPage struct {
	subject  training.Subject
	title    string
	facts    []string
	light    string
	back     string
	backText string
	note     *comments.Message // the athlete's note that starts the thread
}

// threadSubject reads the subject named in the URL of a thread page (a
// workout, a check-in's day or a week) for the athlete, who must be
// visible to u. A week's address not on the week's first day answers
// with the right address in redirect.
func (s *Server) threadSubject(r *http.Request, u store.User, a training.Athlete, kind string) (sp subjectPage, redirect string, err error) {
	sys := units.System(a.Units)
	switch kind {
	case training.SubjectWorkout:
		wid, err := strconv.ParseInt(chi.URLParam(r, "wid"), 10, 64)
		if err != nil {
			return sp, "", apperr.New(apperr.NotFound, "No such workout.")
		}
		wo, err := s.store.Workout(r.Context(), u, wid)
		if err == nil && wo.AthleteID != a.ID {
			err = apperr.New(apperr.NotFound, "No such workout.")
		}
		if err != nil {
			return sp, "", err
		}
		sp = subjectPage{subject: training.WorkoutSubject(wo.ID), title: wo.Title + ", " + wo.Day.Format("Monday 2 January"),
			back: weekPath(a, wo.Day), backText: "The week"}
		if wo.Planned {
			sp.facts = append(sp.facts, "Plan: "+workouts.Planned(wo, sys))
		}
		switch wo.Status {
		case "done":
			sp.facts = append(sp.facts, "Done: "+workouts.Done(wo, sys))
		case "skipped":
			sp.facts = append(sp.facts, "Skipped")
		}
		if wo.Log.Notes != "" && wo.LoggedAt != nil {
			sp.note = &comments.Message{Note: "with the log", Comment: training.Comment{AuthorName: a.Name, Body: wo.Log.Notes, CreatedAt: *wo.LoggedAt}}
		}
	case training.SubjectCheckIn:
		day, err := dayParam(r)
		if err != nil {
			return sp, "", err
		}
		list, err := s.store.CheckIns(r.Context(), u, a.ID, day, day)
		if err != nil {
			return sp, "", err
		}
		if len(list) == 0 {
			return sp, "", apperr.New(apperr.NotFound, "No check-in that day.")
		}
		c := list[0]
		sp = subjectPage{subject: training.CheckInSubject(day), title: "Check-in, " + day.Format("Monday 2 January"),
			back: athletePath(a.ID) + "/checkins", backText: "Check-ins"}
		if c.Answered {
			sp.light = c.Light
			sp.facts = append(sp.facts, components.Words(c.Light)+" · "+strconv.Itoa(c.Score))
			for _, reason := range c.Reasons {
				if u.Role == store.RoleCoach {
					reason.Text = components.ThirdPerson(reason.Text)
				}
				sp.facts = append(sp.facts, reason.Text)
			}
		}
		if c.Notes != "" {
			sp.note = &comments.Message{Note: "with the check-in", Comment: training.Comment{AuthorName: a.Name, Body: c.Notes, CreatedAt: c.UpdatedAt}}
		}
	default:
		day, err := dayParam(r)
		if err != nil {
			return sp, "", err
		}
		if start := weekStart(a, day); !start.Equal(day) {
			return sp, comments.Path(a.ID, training.WeekSubject(start)), nil
		}
		sp = subjectPage{subject: training.WeekSubject(day), title: "Week of " + day.Format("2 January 2006"),
			back: weekPath(a, day), backText: "The week"}
	}
	return sp, "", nil
}

// threadPage shows a thread and marks it read.
func (s *Server) threadPage(kind string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		s.showThread(w, r, kind, http.StatusOK, comments.CommentFields{})
	}
}

func (s *Server) showThread(w http.ResponseWriter, r *http.Request, kind string, status int, f comments.CommentFields) {
	u, a, err := s.visibleAthlete(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	sp, redirect, err := s.threadSubject(r, u, a, kind)
	if redirect != "" {
		http.Redirect(w, r, redirect, http.StatusSeeOther)
		return
	}
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	th, err := s.store.Thread(r.Context(), u, a.ID, sp.subject)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if status == http.StatusOK {
		if err := s.store.MarkRead(r.Context(), u, th); err != nil {
			s.renderError(w, r, err)
			return
		}
	}
	now := s.store.Now()
	v := comments.ThreadView{Athlete: a, Title: sp.title, Facts: sp.facts, Light: sp.light, Back: sp.back, BackText: sp.backText,
		Unread: th.Unread, Action: comments.Path(a.ID, sp.subject), Form: f, Zone: timezone.Location(a.Timezone), Coach: th.Coach}
	if sp.note != nil {
		v.Messages = append(v.Messages, *sp.note)
	}
	for _, c := range th.Comments {
		m := comments.Message{Comment: c, Own: c.AuthorID == u.ID}
		if m.Own {
			path := athletePath(a.ID) + "/comments/" + strconv.FormatInt(c.ID, 10)
			m.CanEdit, m.EditPath, m.DelPath = c.Editable(now), path+"/edit", path+"/delete"
		}
		v.Messages = append(v.Messages, m)
	}
	s.render(w, r, status, comments.Thread(s.page(r, sp.title), v))
}

// commentForm is the comment form as posted: what was typed, to show
// again, and the comment to store once valid.
type commentForm struct {
	comments.CommentFields
	body string
}

// decodeComment reads and checks the comment: something written, at most
// training.MaxComment characters. The form keeps it as typed, line breaks
// and spaces too.
func decodeComment(v url.Values) commentForm {
	var f commentForm
	f.Body = decoder{v: v, form: &f.Problems}.raw("body")
	f.body = store.NormalizeComment(f.Body.Value)
	switch n := utf8.RuneCountInString(f.body); {
	case n == 0:
		f.Fail(&f.Body, "Write something first.")
	case n > training.MaxComment:
		f.Fail(&f.Body, fmt.Sprintf("Use at most %d characters; this has %d.", training.MaxComment, n))
	}
	return f
}

// threadPost adds the viewer's comment to the thread.
func (s *Server) threadPost(kind string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		u, a, err := s.visibleAthlete(r)
		if err != nil {
			s.renderError(w, r, err)
			return
		}
		if !s.parseForm(w, r) {
			return
		}
		f := decodeComment(r.PostForm)
		if !f.Valid() {
			s.showThread(w, r, kind, http.StatusUnprocessableEntity, f.CommentFields)
			return
		}
		sp, redirect, err := s.threadSubject(r, u, a, kind)
		if err == nil && redirect != "" {
			err = apperr.New(apperr.NotFound, "No such week.") // a form posts to the week's own address
		}
		if err != nil {
			s.renderError(w, r, err)
			return
		}
		c, err := s.store.AddComment(r.Context(), u, a.ID, sp.subject, f.body)
		if err != nil {
			s.renderError(w, r, err)
			return
		}
		s.logger.InfoContext(r.Context(), "comment added", "athlete_id", a.ID, "comment_id", c.ID, "subject", sp.subject.Kind)
		s.redirect(w, r, comments.Path(a.ID, sp.subject)+"#c"+strconv.FormatInt(c.ID, 10), "")
	}
}

// commentList lists the athlete's threads, newest first.
func (s *Server) commentList(w http.ResponseWriter, r *http.Request) {
	u, a, err := s.visibleAthlete(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	list, err := s.store.Threads(r.Context(), u, a.ID, false, threadsListed)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, comments.List(s.page(r, "Comments · "+a.Name), a, threadItems(a, list), timezone.Location(a.Timezone)))
}

func threadItems(a training.Athlete, list []training.ThreadSummary) []comments.Item {
	items := make([]comments.Item, len(list))
	for i, t := range list {
		subj := t.Subject
		if subj.Kind == training.SubjectWeek {
			subj.Day = weekStart(a, subj.Day)
		}
		items[i] = comments.Item{ThreadSummary: t, Label: comments.Label(t), Path: comments.Path(a.ID, subj)}
	}
	return items
}

// ownComment loads the viewer's own comment named in the URL.
func (s *Server) ownComment(r *http.Request) (store.User, training.Athlete, training.Comment, error) {
	u, a, err := s.visibleAthlete(r)
	if err != nil {
		return u, a, training.Comment{}, err
	}
	id, err := strconv.ParseInt(chi.URLParam(r, "cid"), 10, 64)
	if err != nil {
		return u, a, training.Comment{}, apperr.New(apperr.NotFound, "No such comment.")
	}
	c, err := s.store.OwnComment(r.Context(), u, a.ID, id)
	return u, a, c, err
}

// threadOf is the page of a comment's thread, at the comment.
func threadOf(a training.Athlete, c training.Comment) string {
	subj := c.Subject
	if subj.Kind == training.SubjectWeek {
		subj.Day = weekStart(a, subj.Day)
	}
	return comments.Path(a.ID, subj)
}

func (s *Server) commentEditForm(w http.ResponseWriter, r *http.Request) {
	_, a, c, err := s.ownComment(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if !c.Editable(s.store.Now()) {
		s.redirect(w, r, threadOf(a, c)+"#c"+strconv.FormatInt(c.ID, 10), apperr.MessageOf(store.ErrEditWindow))
		return
	}
	var f comments.CommentFields
	f.Body.Value = c.Body
	s.render(w, r, http.StatusOK, comments.Edit(s.page(r, "Edit your comment"), a, f, r.URL.Path, threadOf(a, c)))
}

func (s *Server) commentEdit(w http.ResponseWriter, r *http.Request) {
	u, a, c, err := s.ownComment(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if !s.parseForm(w, r) {
		return
	}
	f := decodeComment(r.PostForm)
	show := func() {
		s.render(w, r, http.StatusUnprocessableEntity, comments.Edit(s.page(r, "Edit your comment"), a, f.CommentFields, r.URL.Path, threadOf(a, c)))
	}
	if !f.Valid() {
		show()
		return
	}
	c, err = s.store.EditComment(r.Context(), u, a.ID, c.ID, f.body)
	if errors.Is(err, store.ErrEditWindow) {
		f.Problem = apperr.MessageOf(err)
		show()
		return
	}
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.redirect(w, r, threadOf(a, c)+"#c"+strconv.FormatInt(c.ID, 10), "")
}

func (s *Server) commentDelete(w http.ResponseWriter, r *http.Request) {
	u, a, err := s.visibleAthlete(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	id, err := strconv.ParseInt(chi.URLParam(r, "cid"), 10, 64)
	if err != nil {
		s.renderError(w, r, apperr.New(apperr.NotFound, "No such comment."))
		return
	}
	c, err := s.store.DeleteComment(r.Context(), u, a.ID, id)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.redirect(w, r, threadOf(a, c), "Your comment is deleted.")
}
