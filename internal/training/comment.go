package training

import (
	"strconv"
	"time"
)

// Comment rules.
const (
	// MaxComment is the longest comment, in characters.
	MaxComment = 4000
	// EditWindow is how long after posting its author may edit a comment
	// (deleting it is always possible).
	EditWindow = 15 * time.Minute
)

// Subject kinds: what a thread is about.
const (
	SubjectWorkout = "workout"
	SubjectCheckIn = "checkin"
	SubjectWeek    = "week"
)

// Subject is what a thread is about: a workout, or a check-in's day, or a
// week's first day.
type Subject struct {
	Kind      string
	WorkoutID int64     // a workout's
	Day       time.Time // a check-in's or a week's
}

// Key names the subject in maps and URLs.
func (s Subject) Key() string {
	if s.Kind == SubjectWorkout {
		return SubjectWorkout + ":" + strconv.FormatInt(s.WorkoutID, 10)
	}
	return s.Kind + ":" + s.Day.Format(time.DateOnly)
}

// WorkoutSubject, CheckInSubject and WeekSubject name subjects.
func WorkoutSubject(id int64) Subject      { return Subject{Kind: SubjectWorkout, WorkoutID: id} }
func CheckInSubject(day time.Time) Subject { return Subject{Kind: SubjectCheckIn, Day: day} }
func WeekSubject(start time.Time) Subject  { return Subject{Kind: SubjectWeek, Day: start} }

// Comment is one message of a thread.
type Comment struct {
	ID         int64
	AthleteID  int64
	AuthorID   int64 // 0: the account is gone
	AuthorName string
	ByCoach    bool
	Body       string
	CreatedAt  time.Time
	EditedAt   *time.Time
	Unread     bool // by the other side, after what the reader had read
	Subject    Subject
}

// Editable reports whether the comment may still be edited at now.
func (c Comment) Editable(now time.Time) bool { return now.Sub(c.CreatedAt) < EditWindow }

// Thread is the conversation about one subject, as one of its two sides
// reads it.
type Thread struct {
	ID        int64 // 0: nobody has written yet
	AthleteID int64
	Subject   Subject
	Coach     bool // the reader is the coach
	Comments  []Comment
	Unread    int // the other side's comments the reader has not read
}

// LastID is the newest comment's id, or 0.
func (t Thread) LastID() int64 {
	if n := len(t.Comments); n > 0 {
		return t.Comments[n-1].ID
	}
	return 0
}

// ThreadSummary is a thread as lists show it.
type ThreadSummary struct {
	Subject
	Title    string // the workout's; empty for check-ins and weeks
	Comments int
	Unread   int // for the reader
	LastAt   time.Time
	LastBy   string // the newest comment's author
	Last     string // and its text
}

// CommentCount is how many comments a subject has, and how many of them
// the reader has not read.
type CommentCount struct{ Comments, Unread int }
