// Package weeks renders the week view: seven days of an athlete's plan and
// log, with the load and compliance of each workout and of the week.
package weeks

import (
	"fmt"
	"math"
	"strconv"
	"time"

	"rebound/internal/load"
	"rebound/internal/training"
	"rebound/web/pages/comments"
)

// View is one week of an athlete.
type View struct {
	Athlete   training.Athlete
	CoachView bool
	Start     time.Time
	Today     time.Time
	Days      []Day
	Prev      string
	Next      string
	ThisWeek  string

	PlannedS   int
	DoneS      int
	Load       float64
	Ratio      float64 // done / planned of the workouts due; NaN: nothing due
	Compliance load.Compliance
	Monotony   float64 // NaN: not meaningful; +Inf: the same load every day
	Strain     float64 // NaN and +Inf with Monotony
	ACWR       float64 // 0: not enough history
	Form       load.Form
	FormDay    time.Time // the day Form is at the end of
	Ramp       float64
	RampFlag   bool
	TooHard    []string // recovery workouts done too hard
	PlanWeek   training.PlanWeek
	HasPlan    bool
	// Comments counts the comments of the week's workouts and of the
	// week itself, by training.Subject.Key.
	Comments map[string]training.CommentCount
}

// workoutComments is the link to a workout's conversation, in words.
func (v View) workoutComments(w training.Workout) (string, string) {
	subj := training.WorkoutSubject(w.ID)
	return comments.Path(v.Athlete.ID, subj), comments.Count(v.Comments[subj.Key()])
}

// weekComments is the week's conversation: its page and counts.
func (v View) weekComments() (string, training.CommentCount) {
	subj := training.WeekSubject(v.Start)
	return comments.Path(v.Athlete.ID, subj), v.Comments[subj.Key()]
}

// Day is one day of the week.
type Day struct {
	Date   time.Time
	Items  []Item
	Load   float64
	Events []training.Event
}

// Item is a workout with what the week view says of it.
type Item struct {
	training.Workout
	Load       float64
	Compliance load.Compliance
	TooHard    bool
	Reason     string // why the coach changed it, when they said
	Changed    bool   // changed since the athlete last looked
}

func (v View) athletePath() string { return "/athletes/" + strconv.FormatInt(v.Athlete.ID, 10) }

// workoutPath is the workout's page, or with an action one of its forms.
func (v View) workoutPath(w training.Workout, action string) string {
	p := v.athletePath() + "/workouts/" + strconv.FormatInt(w.ID, 10)
	if action != "" {
		p += "/" + action
	}
	return p
}

func (v View) newPath(d Day) string {
	return v.athletePath() + "/workouts/new?day=" + d.Date.Format(time.DateOnly)
}

// canLog reports whether the workout can be logged now (its day has come);
// a rest day has nothing to log.
func (v View) canLog(w training.Workout) bool { return !w.Day.After(v.Today) && w.Kind != "rest" }

func loadText(l float64) string { return strconv.Itoa(int(math.Round(l))) }

func percent(r float64) string {
	if math.IsNaN(r) {
		return "–"
	}
	return strconv.Itoa(int(math.Round(r*100))) + " %"
}

// complianceText is the word for a compliance level.
func complianceText(c load.Compliance) string {
	switch c {
	case load.Green:
		return "on plan"
	case load.Amber:
		return "off plan"
	case load.Red:
		return "missed"
	case load.ModifiedByCoach:
		return "modified by coach"
	case load.Unplanned:
		return "unplanned"
	case "":
		return ""
	}
	return "to do"
}

// loadChange describes the acute:chronic ratio as what it is — a change in
// load against the athlete's recent normal — and not as an injury risk,
// which it does not predict (Impellizzeri et al. 2020).
func loadChange(r float64) string {
	switch {
	case r == 0:
		return "Needs four weeks of logged training."
	case r < 0.8:
		return "Lighter than usual"
	case r <= 1.3:
		return "About usual"
	case r <= 1.5:
		return "Heavier than usual"
	}
	return "Much heavier than usual"
}

func num(v float64, prec int) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "–"
	}
	return strconv.FormatFloat(v, 'f', prec, 64)
}

// monotonous shows a monotony or strain figure: +Inf, the same load
// every day, is "very high" (load.Monotony).
func monotonous(v float64, prec int) string {
	if math.IsInf(v, 1) {
		return "very high"
	}
	return num(v, prec)
}

// form is fitness − fatigue of the same day, from the whole numbers
// shown beside it, so the three read as a sum.
func (v View) form() float64 { return math.Round(v.Form.CTL) - math.Round(v.Form.ATL) }

func signed(v float64) string {
	if math.IsNaN(v) {
		return "–"
	}
	return fmt.Sprintf("%+.0f", v)
}

// lightClass is the colour class of a compliance level.
func lightClass(c load.Compliance) string {
	switch c {
	case load.Green, load.Amber, load.Red:
		return string(c)
	}
	return "grey"
}

// empty reports whether no day of the week holds a workout: the page says
// so once, above seven days of "Nothing planned".
func (v View) empty() bool {
	for _, d := range v.Days {
		if len(d.Items) > 0 {
			return false
		}
	}
	return true
}
