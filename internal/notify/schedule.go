package notify

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"rebound/internal/readiness"
	"rebound/internal/store"
	"rebound/internal/training"
	"rebound/web/pages/comments"
)

// Schedule queues every notification that is due and not yet queued.
func (w *Worker) Schedule(ctx context.Context) error {
	for _, step := range []func(context.Context) error{w.alerts, w.comments, w.reminders, w.digests, w.plans} {
		if err := step(ctx); err != nil {
			return err
		}
	}
	return nil
}

func (w *Worker) enqueue(ctx context.Context, n store.Notification) error {
	queued, err := w.Store.Enqueue(ctx, n, w.Mail != nil)
	if queued {
		w.Logger.Info("notification queued", "kind", n.Kind, "user_id", n.UserID)
	}
	return err
}

func athletePath(id int64) string { return "/athletes/" + strconv.FormatInt(id, 10) }

// alerts: at most one a day per athlete, for red or a proposal, whichever
// comes first.
func (w *Worker) alerts(ctx context.Context) error {
	due, err := w.Store.DueAlerts(ctx)
	if err != nil {
		return err
	}
	for _, d := range due {
		n := store.Notification{UserID: d.CoachID, Kind: store.NotifyAlert, AthleteID: d.Athlete,
			Dedup: "alert:" + strconv.FormatInt(d.Athlete, 10) + ":" + d.Day.Format(time.DateOnly), Link: athletePath(d.Athlete)}
		n.Subject, n.Body = AlertText(d)
		if err := w.enqueue(ctx, n); err != nil {
			return err
		}
	}
	return nil
}

// AlertText words an alert.
func AlertText(d store.DueAlert) (subject, body string) {
	var b strings.Builder
	if d.Light == "red" {
		subject = d.Name + " is red today"
		fmt.Fprintf(&b, "%s checked in red today", d.Name)
		if d.FirstReason != "" {
			fmt.Fprintf(&b, ": %s", d.FirstReason)
		}
		b.WriteString(".\n")
	} else {
		subject = "A lighter plan for " + d.Name + " waits for you"
	}
	if d.Proposal {
		fmt.Fprintf(&b, "A lighter plan for the coming days is proposed; apply or dismiss it on %s's page.\n", training.FirstName(d.Name))
	}
	return subject, b.String()
}

func (w *Worker) comments(ctx context.Context) error {
	due, err := w.Store.DueComments(ctx, w.CommentQuiet)
	if err != nil {
		return err
	}
	for _, d := range due {
		subj := d.Subject
		if subj.Kind == training.SubjectWeek {
			subj.Day = d.WeekStart
		}
		n := store.Notification{UserID: d.UserID, Kind: store.NotifyComment, AthleteID: d.Athlete, ThreadID: d.ThreadID, Marker: d.Marker,
			Dedup: "comment:" + strconv.FormatInt(d.ThreadID, 10) + ":" + strconv.FormatInt(d.Marker, 10), Link: comments.Path(d.Athlete, subj)}
		n.Subject, n.Body = CommentText(d)
		if err := w.enqueue(ctx, n); err != nil {
			return err
		}
	}
	return nil
}

// CommentText words new comments in a thread.
func CommentText(d store.DueComment) (subject, body string) {
	about := comments.Label(training.ThreadSummary{Subject: d.Subject, Title: d.Title})
	if d.Unread == 1 {
		subject = "New comment from " + d.LastBy
	} else {
		subject = fmt.Sprintf("%d new comments, the latest from %s", d.Unread, d.LastBy)
	}
	var b strings.Builder
	if d.Coach {
		fmt.Fprintf(&b, "%s's %s:\n\n", d.Name, lowerFirst(about))
	} else {
		fmt.Fprintf(&b, "About your %s:\n\n", lowerFirst(about))
	}
	fmt.Fprintf(&b, "%s wrote: %s\n\nRead and answer it here:", d.LastBy, excerpt(d.Last, 600))
	return subject, b.String()
}

func (w *Worker) reminders(ctx context.Context) error {
	due, err := w.Store.DueReminders(ctx)
	if err != nil {
		return err
	}
	for _, d := range due {
		n := store.Notification{UserID: d.UserID, Kind: store.NotifyReminder, AthleteID: d.Athlete, Day: d.Day,
			Dedup: "reminder:" + d.Day.Format(time.DateOnly), Link: "/checkin",
			Subject: "Time for your check-in",
			Body: "Good morning, " + training.FirstName(d.Name) + ". Your check-in takes about 30 seconds and tells your coach how ready you are today.\n\n" +
				"Check in here:"}
		if err := w.enqueue(ctx, n); err != nil {
			return err
		}
	}
	return nil
}

func (w *Worker) digests(ctx context.Context) error {
	due, err := w.Store.DueDigests(ctx, w.DigestHour)
	if err != nil {
		return err
	}
	for _, d := range due {
		entries, err := w.Store.Roster(ctx, d.Coach, 13, 6)
		if err != nil {
			return err
		}
		proposals, err := w.Store.PendingProposals(ctx, d.Coach)
		if err != nil {
			return err
		}
		n := store.Notification{UserID: d.Coach.ID, Kind: store.NotifyDigest, Day: d.Day, Dedup: "digest:" + d.Day.Format(time.DateOnly), Link: "/"}
		n.Subject, n.Body = DigestText(d.Coach, d.Day, entries, proposals)
		if err := w.enqueue(ctx, n); err != nil {
			return err
		}
	}
	return nil
}

// DigestText is the morning's who-needs-you, by the dashboard's own
// signs: red, amber, check-ins missed two days or more, proposals waiting
// and unread comments.
func DigestText(coach store.User, day time.Time, entries []store.RosterEntry, proposals []store.Proposal) (subject, body string) {
	var red, amber, missed, talk []string
	need := map[int64]bool{}
	for _, e := range entries {
		switch c := e.CheckIn; {
		case c != nil && c.Light == "red":
			red = append(red, fmt.Sprintf("%s (%d): %s", e.Name, c.Score, c.FirstReason.Text))
			need[e.ID] = true
		case c != nil && c.Light == "amber":
			amber = append(amber, fmt.Sprintf("%s (%d): %s", e.Name, c.Score, c.FirstReason.Text))
			need[e.ID] = true
		}
		if readiness.Missed(e.LastDay, e.Today) {
			missed = append(missed, fmt.Sprintf("%s: last check-in %d days ago", e.Name, readiness.MissedDays(e.LastDay, e.Today)+1))
			need[e.ID] = true
		}
		if e.UnreadComments > 0 {
			talk = append(talk, fmt.Sprintf("%s: %d unread", e.Name, e.UnreadComments))
			need[e.ID] = true
		}
	}
	var waiting []string
	for _, p := range proposals {
		waiting = append(waiting, fmt.Sprintf("%s (%s, %s): %s", p.AthleteName, p.Light, p.CheckInDay.Format("Mon 2 Jan"), p.Reason))
		need[p.AthleteID] = true
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Good morning, %s. Who needs you on %s:\n", training.FirstName(coach.Name), day.Format("Monday 2 January"))
	section := func(title string, lines []string) {
		if len(lines) == 0 {
			return
		}
		fmt.Fprintf(&b, "\n%s\n", title)
		for _, l := range lines {
			fmt.Fprintf(&b, "- %s\n", l)
		}
	}
	section("Red today", red)
	section("Amber today", amber)
	section("Proposals to review", waiting)
	section("No check-in for two days or more", missed)
	section("New comments", talk)
	if len(need) == 0 {
		b.WriteString("\nNobody: every athlete is on track so far today.\n")
	} else if rest := len(entries) - len(need); rest > 0 {
		fmt.Fprintf(&b, "\nThe other %d %s on track so far today.\n", rest, plural(rest, "athlete is", "athletes are"))
	}
	b.WriteString("\nThe dashboard:")
	subject = fmt.Sprintf("%d of %d %s need you today", len(need), len(entries), plural(len(entries), "athlete", "athletes"))
	if len(entries) == 1 && len(need) == 1 {
		subject = "Your athlete needs you today"
	} else if len(need) == 0 {
		subject = "Everyone is on track this morning"
	}
	return subject, b.String()
}

func (w *Worker) plans(ctx context.Context) error {
	due, err := w.Store.DuePlanChanges(ctx, w.PlanQuiet)
	if err != nil {
		return err
	}
	for _, d := range due {
		n := store.Notification{UserID: d.UserID, Kind: store.NotifyPlan, AthleteID: d.Athlete, Marker: d.LastID,
			Dedup: "plan:" + strconv.FormatInt(d.LastID, 10), Link: athletePath(d.Athlete) + "/weeks/" + d.WeekStart.Format(time.DateOnly),
			Subject: "Your coach changed your plan"}
		var b strings.Builder
		b.WriteString("Your coach changed your training plan:\n\n")
		for _, s := range d.Summaries {
			fmt.Fprintf(&b, "- %s\n", s)
		}
		b.WriteString("\nSee the week:")
		n.Body = b.String()
		if err := w.enqueue(ctx, n); err != nil {
			return err
		}
	}
	return nil
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

// excerpt is the start of a text, at most n characters.
func excerpt(s string, n int) string {
	r := []rune(strings.TrimSpace(s))
	if len(r) <= n {
		return string(r)
	}
	return strings.TrimSpace(string(r[:n-1])) + "…"
}
