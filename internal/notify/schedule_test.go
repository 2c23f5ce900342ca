package notify_test

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"rebound/internal/demo"
	"rebound/internal/mail/mailtest"
	"rebound/internal/notify"
	"rebound/internal/pgtest"
	"rebound/internal/store"
	"rebound/internal/training"
)

// queued lists the person's notifications of kind, oldest first.
func queued(t *testing.T, st *store.Store, u store.User, kind string) []store.Notification {
	t.Helper()
	rows, err := st.Pool().Query(context.Background(), `SELECT subject, body, link, state, coalesce(day, '0001-01-01') FROM notifications
		WHERE user_id = $1 AND kind = $2 ORDER BY id`, u.ID, kind)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var list []store.Notification
	for rows.Next() {
		var n store.Notification
		if err := rows.Scan(&n.Subject, &n.Body, &n.Link, &n.State, &n.Day); err != nil {
			t.Fatal(err)
		}
		list = append(list, n)
	}
	return list
}

func at(t *testing.T, st *store.Store, utc string) {
	t.Helper()
	now, err := time.Parse(time.RFC3339, utc)
	if err != nil {
		t.Fatal(err)
	}
	st.Now = func() time.Time { return now }
}

func schedule(t *testing.T, w *notify.Worker) {
	t.Helper()
	if err := w.Schedule(context.Background()); err != nil {
		t.Fatal(err)
	}
}

func setReminder(t *testing.T, st *store.Store, u store.User, hhmm string) {
	t.Helper()
	s, err := st.NotificationSettings(context.Background(), u)
	if err != nil {
		t.Fatal(err)
	}
	s.Reminder = hhmm
	if err := st.SaveNotificationSettings(context.Background(), u, s); err != nil {
		t.Fatal(err)
	}
}

// The reminder comes at its time on the athlete's clock, once a day,
// across midnight and the days the clocks change.
func TestRemindersFollowTheAthletesClock(t *testing.T) {
	for _, tc := range []struct {
		name, zone, reminder string
		before, after, again string // UTC instants: just before, at, and later the same local day
		day                  string
	}{
		{"a winter morning", "Europe/Berlin", "07:00", "2026-01-15T05:59:00Z", "2026-01-15T06:00:00Z", "2026-01-15T07:30:00Z", "2026-01-15"},
		{"a summer morning", "Europe/Berlin", "07:00", "2026-07-15T04:59:00Z", "2026-07-15T05:00:00Z", "2026-07-15T06:00:00Z", "2026-07-15"},
		// 02:30 does not exist on 29 March in Berlin: the clocks go from
		// 02:00 to 03:00, and the reminder with them.
		{"clocks forward past it", "Europe/Berlin", "02:30", "2026-03-29T00:59:00Z", "2026-03-29T01:00:00Z", "2026-03-29T01:45:00Z", "2026-03-29"},
		// 02:30 comes twice on 25 October in Berlin: the first one counts.
		{"clocks back over it", "Europe/Berlin", "02:30", "2026-10-25T00:29:00Z", "2026-10-25T00:30:00Z", "2026-10-25T01:30:00Z", "2026-10-25"},
		// Midnight in New York is 05:00 UTC; the day is the new one.
		{"at midnight", "America/New_York", "00:00", "2026-02-11T04:59:00Z", "2026-02-11T05:00:00Z", "2026-02-11T06:00:00Z", "2026-02-11"},
		// 23:30 in Auckland is the morning before in UTC.
		{"a day ahead of UTC", "Pacific/Auckland", "23:30", "2026-05-20T11:29:00Z", "2026-05-20T11:30:00Z", "2026-05-20T11:59:00Z", "2026-05-20"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st := open(t, pgtest.DSN(t))
			_, _, maya := team(t, st, tc.zone)
			setReminder(t, st, maya, tc.reminder)
			w, _ := worker(st, nil)
			at(t, st, tc.before)
			schedule(t, w)
			if got := queued(t, st, maya, store.NotifyReminder); len(got) != 0 {
				t.Fatalf("a reminder before its time: %+v", got)
			}
			at(t, st, tc.after)
			schedule(t, w)
			at(t, st, tc.again)
			schedule(t, w)
			got := queued(t, st, maya, store.NotifyReminder)
			if len(got) != 1 || got[0].Day.Format(time.DateOnly) != tc.day || got[0].Link != "/checkin" || got[0].State != "in_app" {
				t.Fatalf("reminders: %+v", got)
			}
		})
	}
}

// An athlete who checked in gets no reminder; one who checks in after it
// was queued is not sent it; a reminder off is off.
func TestRemindersSkipACheckIn(t *testing.T) {
	ctx := context.Background()
	st := open(t, pgtest.DSN(t))
	coach, ath, maya := team(t, st, "Europe/Berlin")
	noDigest(t, st, coach)
	setReminder(t, st, maya, "07:00")
	srv := mailtestServer(t)
	w, _ := worker(st, smtp(srv))
	checkIn := func(day string) {
		t.Helper()
		d, _ := time.Parse(time.DateOnly, day)
		if err := st.SaveCheckIn(ctx, maya, training.CheckIn{AthleteID: ath.ID, Day: d, Answered: true, SleepHours: 8, SleepQuality: 4,
			Fatigue: 4, Soreness: 4, Stress: 4, Mood: 4, Motivation: 4, Score: 85, Light: "green"}); err != nil {
			t.Fatal(err)
		}
	}
	at(t, st, "2026-01-15T05:30:00Z")
	checkIn("2026-01-15")
	at(t, st, "2026-01-15T06:10:00Z")
	schedule(t, w)
	if got := queued(t, st, maya, store.NotifyReminder); len(got) != 0 {
		t.Fatalf("a reminder after the check-in: %+v", got)
	}

	at(t, st, "2026-01-16T06:10:00Z")
	schedule(t, w)
	checkIn("2026-01-16") // before the queue got to it
	if _, err := w.Deliver(ctx); err != nil {
		t.Fatal(err)
	}
	if got := queued(t, st, maya, store.NotifyReminder); len(got) != 1 || got[0].State != "skipped" {
		t.Fatalf("a reminder overtaken by the check-in: %+v", got)
	}

	at(t, st, "2026-01-17T06:10:00Z")
	schedule(t, w)
	if _, err := w.Deliver(ctx); err != nil {
		t.Fatal(err)
	}
	if m := srv.Next(t); !strings.Contains(m.Data, "Time for your check-in") {
		t.Errorf("the reminder: %s", m.Data)
	}

	setReminder(t, st, maya, "")
	at(t, st, "2026-01-18T06:10:00Z")
	schedule(t, w)
	if got := queued(t, st, maya, store.NotifyReminder); len(got) != 2 {
		t.Errorf("reminders with the reminder off: %d", len(got))
	}
}

// A coach hears of an athlete red, or with a proposal, once a day.
func TestAlertsOncePerAthletePerDay(t *testing.T) {
	ctx := context.Background()
	st := open(t, pgtest.DSN(t))
	coach, ath, maya := team(t, st, "Europe/Berlin")
	w, _ := worker(st, nil)
	red := func(day string) {
		t.Helper()
		d, _ := time.Parse(time.DateOnly, day)
		if err := st.SaveCheckIn(ctx, maya, training.CheckIn{AthleteID: ath.ID, Day: d, Answered: true, SleepHours: 3, SleepQuality: 1,
			Fatigue: 1, Soreness: 2, Stress: 2, Mood: 2, Motivation: 2, Illness: true, Score: 30, Light: "red",
			Reasons: []training.Reason{{Light: "red", Code: "illness_below_neck", Text: "Ill below the neck"}}}); err != nil {
			t.Fatal(err)
		}
	}
	at(t, st, "2026-01-15T06:00:00Z")
	red("2026-01-15")
	schedule(t, w)
	red("2026-01-15") // again the same morning
	schedule(t, w)
	got := queued(t, st, coach, store.NotifyAlert)
	if len(got) != 1 || got[0].Subject != "Maya Runner is red today" || !strings.Contains(got[0].Body, "Ill below the neck") {
		t.Fatalf("alerts: %+v", got)
	}
	at(t, st, "2026-01-16T06:00:00Z")
	red("2026-01-16")
	schedule(t, w)
	if got := queued(t, st, coach, store.NotifyAlert); len(got) != 2 {
		t.Errorf("the next day's red: %d alerts", len(got))
	}

	s, _ := st.NotificationSettings(ctx, coach)
	s.Alerts = false
	if err := st.SaveNotificationSettings(ctx, coach, s); err != nil {
		t.Fatal(err)
	}
	at(t, st, "2026-01-17T06:00:00Z")
	red("2026-01-17")
	schedule(t, w)
	if got := queued(t, st, coach, store.NotifyAlert); len(got) != 2 {
		t.Errorf("alerts switched off: %d", len(got))
	}
}

// New comments reach the other side once the thread is quiet, one
// notification for a burst; read in the app first, they are not sent.
func TestCommentNotifications(t *testing.T) {
	ctx := context.Background()
	st := open(t, pgtest.DSN(t))
	coach, ath, maya := team(t, st, "Europe/Berlin")
	noDigest(t, st, coach)
	srv := mailtestServer(t)
	w, _ := worker(st, smtp(srv))
	wo, err := st.AddWorkout(ctx, coach, ath.ID, time.Date(2026, 1, 14, 0, 0, 0, 0, time.UTC),
		training.Prescription{Sport: "run", Kind: "easy", Title: "Easy run", PlannedDurationS: 2400})
	if err != nil {
		t.Fatal(err)
	}
	subj := training.WorkoutSubject(wo.ID)
	at(t, st, "2026-01-15T06:00:00Z")
	for _, text := range []string{"Calves tight.", "Should I skip tomorrow?"} {
		if _, err := st.AddComment(ctx, maya, ath.ID, subj, text); err != nil {
			t.Fatal(err)
		}
	}
	schedule(t, w)
	if got := queued(t, st, coach, store.NotifyComment); len(got) != 0 {
		t.Fatal("notified while the athlete may still be typing")
	}
	at(t, st, "2026-01-15T06:05:00Z")
	schedule(t, w)
	schedule(t, w)
	got := queued(t, st, coach, store.NotifyComment)
	if len(got) != 1 || got[0].Subject != "2 new comments, the latest from Maya Runner" || !strings.Contains(got[0].Body, "Should I skip tomorrow?") ||
		got[0].Link != "/athletes/"+itoa(ath.ID)+"/workouts/"+itoa(wo.ID)+"/comments" {
		t.Fatalf("the coach's notification: %+v", got)
	}
	if _, err := w.Deliver(ctx); err != nil {
		t.Fatal(err)
	}
	if m := srv.Next(t); !strings.Contains(m.Body(t), "https://rebound.example/athletes/") {
		t.Errorf("the mail: %s", m.Body(t))
	}

	// The coach replies; the athlete reads it before the queue gets to it.
	if _, err := st.AddComment(ctx, coach, ath.ID, subj, "Yes, skip it."); err != nil {
		t.Fatal(err)
	}
	at(t, st, "2026-01-15T06:10:00Z")
	schedule(t, w)
	th, _ := st.Thread(ctx, maya, ath.ID, subj)
	if err := st.MarkRead(ctx, maya, th); err != nil {
		t.Fatal(err)
	}
	if _, err := w.Deliver(ctx); err != nil {
		t.Fatal(err)
	}
	if got := queued(t, st, maya, store.NotifyComment); len(got) != 1 || got[0].State != "skipped" {
		t.Errorf("a reply read in the app: %+v", got)
	}
}

// A coach's edits reach the athlete as one notification once the coach
// has left the plan alone for a while.
func TestPlanChangeNotifications(t *testing.T) {
	ctx := context.Background()
	st := open(t, pgtest.DSN(t))
	coach, ath, maya := team(t, st, "Europe/Berlin")
	w, _ := worker(st, nil)
	at(t, st, "2026-01-15T06:00:00Z")
	for _, title := range []string{"Tempo", "Long run"} {
		if _, err := st.AddWorkout(ctx, coach, ath.ID, time.Date(2026, 1, 17, 0, 0, 0, 0, time.UTC),
			training.Prescription{Sport: "run", Kind: "easy", Title: title, PlannedDurationS: 2400}); err != nil {
			t.Fatal(err)
		}
	}
	at(t, st, "2026-01-15T06:05:00Z")
	schedule(t, w)
	if got := queued(t, st, maya, store.NotifyPlan); len(got) != 0 {
		t.Fatal("notified while the coach may still be editing")
	}
	at(t, st, "2026-01-15T06:11:00Z")
	schedule(t, w)
	schedule(t, w)
	got := queued(t, st, maya, store.NotifyPlan)
	if len(got) != 1 || !strings.Contains(got[0].Body, "Tempo") || !strings.Contains(got[0].Body, "Long run") ||
		got[0].Link != "/athletes/"+itoa(ath.ID)+"/weeks/2026-01-12" {
		t.Fatalf("plan notifications: %+v", got)
	}
}

// The morning digest of the demo names who needs the coach, by the
// dashboard's signs, at 07:00 in the coach's zone.
func TestDigestOfTheDemo(t *testing.T) {
	ctx := context.Background()
	st := open(t, pgtest.DSN(t))
	// The demo as of 07:30 on a Wednesday in Toronto, its newest athlete's
	// zone and so its coach's: a fixed day, since each demo athlete joins
	// before the week its history starts in, in its own zone, so which one
	// joined last moves with the day.
	loc, err := time.LoadLocation("America/Toronto")
	if err != nil {
		t.Fatal(err)
	}
	morning := time.Date(2026, 11, 18, 7, 30, 0, 0, loc)
	st.Now = func() time.Time { return morning }
	res, err := demo.Seed(ctx, st, morning)
	if err != nil {
		t.Fatal(err)
	}
	coach, _, err := st.Credentials(ctx, res.Coach.Email)
	if err != nil {
		t.Fatal(err)
	}
	if zone, err := st.LastTimezone(ctx, coach); err != nil || zone != "America/Toronto" {
		t.Fatalf("the demo coach's newest athlete lives in %q (%v): the test's morning is Toronto's", zone, err)
	}
	w, _ := worker(st, nil)
	schedule(t, w)
	schedule(t, w)
	got := queued(t, st, coach, store.NotifyDigest)
	if len(got) != 1 {
		t.Fatalf("%d digests", len(got))
	}
	body := got[0].Body
	t.Logf("%s\n%s", got[0].Subject, body)
	for _, want := range []string{"Good morning, Sam.", "Red today", "Proposals to review", "No check-in for two days or more", "on track so far today"} {
		if !strings.Contains(body, want) {
			t.Errorf("the digest lacks %q", want)
		}
	}
	if !strings.Contains(got[0].Subject, "need you today") {
		t.Errorf("subject %q", got[0].Subject)
	}
}

func mailtestServer(t *testing.T) *mailtest.Server { return mailtest.Start(t) }

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// noDigest switches the coach's morning digest off, so that a test's
// mail server sees only what it is about.
func noDigest(t *testing.T, st *store.Store, coach store.User) {
	t.Helper()
	s, err := st.NotificationSettings(context.Background(), coach)
	if err != nil {
		t.Fatal(err)
	}
	s.Digest = false
	if err := st.SaveNotificationSettings(context.Background(), coach, s); err != nil {
		t.Fatal(err)
	}
}
