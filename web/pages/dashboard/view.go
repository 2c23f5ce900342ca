// Package dashboard renders the coach's home: every athlete's readiness
// and training at a glance, sorted by who needs attention.
package dashboard

import (
	"context"
	"math"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/a-h/templ"

	"rebound/internal/load"
	"rebound/internal/store"
	"rebound/internal/training"
	"rebound/web/components"
)

// Flag is one reason a row needs attention, in words.
type Flag struct {
	Kind training.Attention
	Text string
}

// Row is one athlete on the dashboard.
type Row struct {
	Athlete     training.Athlete
	Today       time.Time
	CheckIn     *store.DayCheckIn // today's answered check-in
	LastCheckIn *time.Time        // in the athlete's zone
	LastDay     time.Time
	Readiness   store.Readiness // today and the days before
	ACWR        float64         // 0: not enough history
	Compliance  load.Compliance
	Ratio       float64 // this week's done / planned so far; NaN: nothing due yet
	NextKey     *store.NextWorkout
	NextKeyPath string // its week
	NextEvent   *store.NextEvent
	Proposal    *store.Proposal
	Unread      int    // the athlete's comments the coach has not read
	Flags       []Flag // most urgent first
	// Drawn is the row as RowHTML drew it for the same values, kept from an
	// earlier page; "": drawn with the page.
	Drawn string
}

// Rank is the row's most urgent attention; NoAttention if nothing needs it.
func (r Row) Rank() training.Attention {
	if len(r.Flags) == 0 {
		return training.NoAttention
	}
	return r.Flags[0].Kind
}

// Group is a heading's rows (one group when not grouping).
type Group struct {
	Name string
	Rows []Row
}

// Counts summarise the whole roster, whatever the filter shows.
type Counts struct {
	Athletes, Red, Amber, NotCheckedIn, Attention, Proposals int
}

// View is the dashboard page.
type View struct {
	Groups    []Group
	Counts    Counts
	Shown     int
	Query     string // the name search
	Show      Filter // which rows
	ByTag     bool   // grouped by tag
	HasTags   bool   // some athlete has a tag
	Proposals []store.Proposal
	Today     time.Time // the coach's day, for the printed week
	More      int       // rows not shown yet
	MoreURL   string    // shows them (the next page's worth)
}

// Filter picks the rows shown: each of the counts above the table is one,
// a link to the dashboard with only those athletes.
type Filter string

const (
	Everyone      Filter = ""
	NeedAttention Filter = "attention"
	RedToday      Filter = "red"
	AmberToday    Filter = "amber"
	NotCheckedIn  Filter = "missing"
	WithProposal  Filter = "proposals"
)

// ParseFilter reads the show parameter; anything else shows everyone.
func ParseFilter(s string) Filter {
	switch f := Filter(s); f {
	case NeedAttention, RedToday, AmberToday, NotCheckedIn, WithProposal:
		return f
	}
	return Everyone
}

// Keeps reports whether the filter shows the row.
func (f Filter) Keeps(r Row) bool {
	switch f {
	case NeedAttention:
		return r.Rank() != training.NoAttention
	case RedToday:
		return r.CheckIn != nil && r.CheckIn.Light == "red"
	case AmberToday:
		return r.CheckIn != nil && r.CheckIn.Light == "amber"
	case NotCheckedIn:
		return r.CheckIn == nil
	case WithProposal:
		return r.Proposal != nil
	}
	return true
}

// URL is the dashboard showing the filter, keeping the view's search and
// grouping.
func (v View) URL(f Filter, byTag bool) templ.SafeURL {
	q := url.Values{}
	if v.Query != "" {
		q.Set("q", v.Query)
	}
	if f != Everyone {
		q.Set("show", string(f))
	}
	if byTag {
		q.Set("group", "tag")
	}
	if len(q) == 0 {
		return "/"
	}
	return templ.SafeURL("/?" + q.Encode())
}

// current marks the link to the page shown.
func current(is bool) templ.Attributes {
	if !is {
		return nil
	}
	return templ.Attributes{"aria-current": "page"}
}

// tint is a count's colour class when it counts anyone.
func tint(light string, n int) string {
	if n == 0 {
		return ""
	}
	return light
}

// nothingShown says why no row is shown.
func nothingShown(v View) string {
	if v.Query != "" {
		return "No athlete matches “" + v.Query + "”."
	}
	switch v.Show {
	case NeedAttention:
		return "Nobody needs attention right now: every check-in today is green and training is on track."
	case RedToday:
		return "Nobody is red today."
	case AmberToday:
		return "Nobody is amber today."
	case NotCheckedIn:
		return "Everyone has checked in today."
	case WithProposal:
		return "No proposal is waiting."
	}
	return "No athletes to show."
}

// attentionClass names the attention for CSS.
func attentionClass(a training.Attention) string {
	switch a {
	case training.RedCheckIn:
		return "red"
	case training.AmberCheckIn, training.Overreaching:
		return "amber"
	case training.NoAttention:
		return "none"
	}
	return "watch"
}

func groupLabel(g Group) string {
	if g.Name == "" {
		return "Athletes"
	}
	return "Tag: " + g.Name
}

func athletePath(r Row) templ.SafeURL {
	return templ.SafeURL("/athletes/" + strconv.FormatInt(r.Athlete.ID, 10))
}

func tagList(tags []string) string { return strings.Join(tags, " · ") }

// otherFlags are the flags the Today column does not already show.
func otherFlags(r Row) []Flag {
	var out []Flag
	for _, f := range r.Flags {
		if f.Kind != training.RedCheckIn && f.Kind != training.AmberCheckIn {
			out = append(out, f)
		}
	}
	return out
}

func acwr(v float64) string {
	if v <= 0 {
		return "–"
	}
	return strconv.FormatFloat(v, 'f', 2, 64)
}

func compliance(r Row) string {
	if math.IsNaN(r.Ratio) {
		return "nothing due yet"
	}
	return strconv.Itoa(int(math.Round(r.Ratio*100))) + " % done"
}

func days(today, day time.Time) int { return int(math.Round(day.Sub(today).Hours() / 24)) }

// when names a coming day: today, tomorrow, a weekday this week, else a date.
func when(today, day time.Time) string {
	switch n := days(today, day); {
	case n == 0:
		return "Today"
	case n == 1:
		return "Tomorrow"
	case n < 7:
		return day.Format("Monday")
	}
	return day.Format("Mon 2 Jan")
}

// daysLeft is components.DaysTo at the start of a cell: "In 12 days".
func daysLeft(today, day time.Time) string {
	s := components.DaysTo(today, day)
	return strings.ToUpper(s[:1]) + s[1:]
}

// lastSeen is when the athlete last checked in, in their own time.
func lastSeen(r Row) string {
	if r.LastCheckIn == nil {
		return "Never"
	}
	at := r.LastCheckIn.Format("15:04")
	switch n := days(r.LastDay, r.Today); n {
	case 0:
		return "Today " + at
	case 1:
		return "Yesterday " + at
	default:
		return strconv.Itoa(n) + " days ago"
	}
}

// Spark is the sparkline of the row's readiness, a point per day. Worked
// out as the row is drawn: only the rows shown need it.
func (row Row) Spark() components.Spark {
	r := row.Readiness
	s := components.Spark{Points: make([]components.SparkPoint, r.Days())}
	label := make([]byte, 0, 128)
	label = append(label, "Readiness, last "...)
	label = strconv.AppendInt(label, int64(r.Days()), 10)
	label = append(label, " days (oldest first): "...)
	for i := range s.Points {
		if i > 0 {
			label = append(label, ", "...)
		}
		score, light, ok := r.Day(i)
		if !ok {
			s.Points[i].Value = math.NaN()
			label = append(label, "none"...)
			continue
		}
		s.Points[i] = components.SparkPoint{Value: float64(score), Light: light}
		label = strconv.AppendInt(label, int64(score), 10)
	}
	s.Label = string(label)
	return s
}

// RowHTML draws one row as the page does, to be kept as its Drawn.
func RowHTML(ctx context.Context, r Row) (string, error) {
	var b strings.Builder
	err := row(r).Render(ctx, &b)
	return b.String(), err
}
