package comments

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"rebound/internal/training"
	"rebound/web/components"
)

func athletePath(a training.Athlete) string { return "/athletes/" + strconv.FormatInt(a.ID, 10) }

// Path is the page of the subject's thread.
func Path(athleteID int64, s training.Subject) string {
	base := "/athletes/" + strconv.FormatInt(athleteID, 10)
	switch s.Kind {
	case training.SubjectWorkout:
		return base + "/workouts/" + strconv.FormatInt(s.WorkoutID, 10) + "/comments"
	case training.SubjectCheckIn:
		return base + "/checkins/" + s.Day.Format(time.DateOnly) + "/comments"
	}
	return base + "/weeks/" + s.Day.Format(time.DateOnly) + "/comments"
}

// Label says what a thread is about, in a few words.
func Label(t training.ThreadSummary) string {
	switch t.Kind {
	case training.SubjectWorkout:
		return t.Title + ", " + t.Day.Format("Mon 2 Jan")
	case training.SubjectCheckIn:
		return "Check-in, " + t.Day.Format("Mon 2 Jan")
	}
	return "Week of " + t.Day.Format("2 Jan")
}

// Count is a subject's comment count as a link's words: "Comment", or
// "3 comments", and how many are new.
func Count(n training.CommentCount) string {
	switch {
	case n.Comments == 0:
		return "Comment"
	case n.Unread > 0:
		return strconv.Itoa(n.Comments) + " " + plural(n.Comments) + ", " + strconv.Itoa(n.Unread) + " new"
	}
	return strconv.Itoa(n.Comments) + " " + plural(n.Comments)
}

func plural(n int) string {
	if n == 1 {
		return "comment"
	}
	return "comments"
}

// who is whom the reader talks to.
func who(v ThreadView) string {
	if v.Coach {
		return training.FirstName(v.Athlete.Name)
	}
	return v.Athlete.CoachName
}

// excerpt is the start of a comment on one line.
func excerpt(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= 140 {
		return s
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:139])) + "…"
}

// CommentFields is the comment form, on a thread (ThreadView) and to edit
// one's own comment (Edit).
type CommentFields struct {
	components.Problems
	Body components.Text // as typed: its spaces and line breaks kept
}
