package demo

import (
	"context"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"rebound/internal/apperr"
	"rebound/internal/auth"
	"rebound/internal/coaching"
	"rebound/internal/load"
	"rebound/internal/pgtest"
	"rebound/internal/plan"
	"rebound/internal/readiness"
	"rebound/internal/store"
	"rebound/internal/training"
	"rebound/internal/zones"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// demoDB is a test database and the demo coach in it.
type demoDB struct {
	st    *store.Store
	coach store.User
}

func newDemoDB(t *testing.T) *demoDB {
	t.Helper()
	st, err := store.Open(context.Background(), pgtest.DSN(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(st.Close)
	return &demoDB{st: st}
}

// seed runs Seed as of now and logs how long it took.
func (db *demoDB) seed(t *testing.T, now time.Time) Result {
	t.Helper()
	began := time.Now()
	res, err := Seed(context.Background(), db.st, now)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("seeded as of %s in %v: %d check-ins added, %d workouts logged", now.Format(time.RFC3339),
		time.Since(began).Round(time.Millisecond), res.CheckIns, res.Logged)
	if db.coach, _, err = db.st.Credentials(context.Background(), CoachEmail); err != nil {
		t.Fatal(err)
	}
	return res
}

// athlete is the demo athlete of the story, and their calendar day now.
func (db *demoDB) athlete(t *testing.T, res Result, key string, now time.Time) (training.Athlete, time.Time) {
	t.Helper()
	i := slices.IndexFunc(res.Athletes, func(a Athlete) bool { return a.Story == key })
	if i < 0 {
		t.Fatalf("no athlete with story %q", key)
	}
	a, err := db.st.Athlete(context.Background(), db.coach, res.Athletes[i].ID)
	if err != nil {
		t.Fatal(err)
	}
	loc, err := time.LoadLocation(a.Timezone)
	if err != nil {
		t.Fatal(err)
	}
	return a, plan.Day(now.In(loc))
}

func (db *demoDB) checkIns(t *testing.T, a training.Athlete, today time.Time) []training.CheckIn {
	t.Helper()
	list, err := db.st.CheckIns(context.Background(), db.coach, a.ID, today.AddDate(-1, 0, 0), today.AddDate(0, 0, 1))
	if err != nil {
		t.Fatal(err)
	}
	if len(list) == 0 {
		t.Fatalf("%s has no check-ins", a.Name)
	}
	return list
}

func (db *demoDB) workouts(t *testing.T, a training.Athlete, today time.Time) []training.Workout {
	t.Helper()
	list, err := db.st.Workouts(context.Background(), db.coach, a.ID, today.AddDate(-1, 0, 0), today.AddDate(1, 0, 0))
	if err != nil {
		t.Fatal(err)
	}
	return list
}

// counts are the rows of every table the demo writes.
func (db *demoDB) counts(t *testing.T) map[string]int {
	t.Helper()
	out := map[string]int{}
	for _, table := range []string{"users", "athletes", "invites", "events", "plans", "plan_weeks", "workouts", "checkins",
		"proposals", "plan_changes"} {
		var n int
		if err := db.st.Pool().QueryRow(context.Background(), "SELECT count(*) FROM "+table).Scan(&n); err != nil {
			t.Fatal(err)
		}
		out[table] = n
	}
	var logged int
	if err := db.st.Pool().QueryRow(context.Background(), "SELECT count(*) FROM workouts WHERE status <> 'planned'").Scan(&logged); err != nil {
		t.Fatal(err)
	}
	out["logged workouts"] = logged
	return out
}

func TestSeedTwiceDuplicatesNothingAndGivesNewPasswords(t *testing.T) {
	db := newDemoDB(t)
	now := time.Now()
	first := db.seed(t, now)
	if !first.Created || len(first.Athletes) != 13 || len(first.Logins()) == 0 {
		t.Fatalf("first run: created %v, %d athletes, %d logins", first.Created, len(first.Athletes), len(first.Logins()))
	}
	before := db.counts(t)
	t.Logf("rows: %v", before)
	if before["checkins"] < 1200 || before["logged workouts"] < 1000 || before["athletes"] != 13 || before["users"] != 14 {
		t.Errorf("too little made: %v", before)
	}

	second := db.seed(t, now.Add(time.Minute))
	if second.Created || second.CheckIns != 0 || second.Logged != 0 {
		t.Errorf("second run: created %v, %d check-ins, %d logged", second.Created, second.CheckIns, second.Logged)
	}
	if after := db.counts(t); !reflect.DeepEqual(before, after) {
		t.Errorf("rows changed on the second run:\nbefore %v\nafter  %v", before, after)
	}

	ctx := context.Background()
	accounts := []Account{first.Coach}
	for _, a := range first.Logins() {
		accounts = append(accounts, Account{Name: a.Name, Email: a.Email, Password: a.Password})
	}
	for _, acc := range accounts {
		u, hash, err := db.st.Credentials(ctx, acc.Email)
		if err != nil {
			t.Fatal(err)
		}
		if auth.CheckPassword(ctx, hash, acc.Password) {
			t.Errorf("%s: the first run's password still works", acc.Email)
		}
		now := second.Coach.Password
		if u.Role == store.RoleAthlete {
			i := slices.IndexFunc(second.Athletes, func(a Athlete) bool { return a.Email == acc.Email })
			now = second.Athletes[i].Password
		}
		if now == "" || now == acc.Password || !auth.CheckPassword(ctx, hash, now) {
			t.Errorf("%s: the second run's password does not sign in", acc.Email)
		}
		if msg := auth.CheckNewPassword(now, acc.Email); msg != "" {
			t.Errorf("%s: the password breaks the app's own rules: %s", acc.Email, msg)
		}
	}
	if first.Coach.Password == first.Athletes[0].Password {
		t.Error("two accounts share a password")
	}
	if u, _, _ := db.st.Credentials(ctx, CoachEmail); !u.IsAdmin {
		t.Error("on an empty server the demo coach is the first account, so its admin")
	}
}

func TestSeedFillsInTheDaysSinceTheLastRun(t *testing.T) {
	db := newDemoDB(t)
	now := time.Now()
	db.seed(t, now.AddDate(0, 0, -3))
	before := db.counts(t)
	res := db.seed(t, now)
	after := db.counts(t)
	for _, table := range []string{"users", "athletes", "events", "plans", "plan_weeks", "workouts"} {
		if before[table] != after[table] {
			t.Errorf("%s: %d rows before, %d after", table, before[table], after[table])
		}
	}
	if res.Created || res.CheckIns < 25 || after["checkins"] != before["checkins"]+res.CheckIns || res.Logged < 20 {
		t.Errorf("topped up %d check-ins and %d logs; rows %v → %v", res.CheckIns, res.Logged, before, after)
	}
	for _, key := range []string{Steady, Overreaching, Ill, Cyclist} {
		a, today := db.athlete(t, res, key, now)
		list := db.checkIns(t, a, today)
		if last := list[len(list)-1]; !last.Day.Equal(today) {
			t.Errorf("%s: last check-in %s, want today %s", a.Name, last.Day.Format(time.DateOnly), today.Format(time.DateOnly))
		}
		for _, w := range db.workouts(t, a, today) {
			if w.Day.Before(today.AddDate(0, 0, -1)) && !w.Day.Before(today.AddDate(0, 0, -4)) && w.Kind != "rest" && w.Status == "planned" {
				t.Errorf("%s: %s of %s is still not logged", a.Name, w.Title, w.Day.Format(time.DateOnly))
			}
		}
	}
}

func TestSeedIsDeterministic(t *testing.T) {
	now := time.Date(2027, 5, 12, 9, 30, 0, 0, time.UTC)
	type day struct {
		CheckIn training.CheckIn
		Logs    []training.Log
	}
	digest := func() map[string][]day {
		db := newDemoDB(t)
		res := db.seed(t, now)
		out := map[string][]day{}
		for _, s := range stories {
			a, today := db.athlete(t, res, s.key, now)
			byDay := map[time.Time]*day{}
			var days []time.Time
			for _, c := range db.checkIns(t, a, today) {
				c.AthleteID, c.UpdatedAt = 0, c.UpdatedAt.UTC()
				byDay[c.Day] = &day{CheckIn: c}
				days = append(days, c.Day)
			}
			for _, w := range db.workouts(t, a, today) {
				if d := byDay[w.Day]; d != nil {
					d.Logs = append(d.Logs, w.Log)
				}
			}
			for _, d := range days {
				out[s.key] = append(out[s.key], *byDay[d])
			}
		}
		return out
	}
	one, two := digest(), digest()
	for key := range one {
		if !reflect.DeepEqual(one[key], two[key]) {
			t.Errorf("%s: two seeds as of the same time differ", key)
		}
	}
}

// The stories hold whatever the day: today, around clock changes, at the
// turn of the year (when it is already tomorrow in Auckland).
func TestStories(t *testing.T) {
	for _, now := range []time.Time{
		time.Now(),
		time.Date(2027, 3, 28, 1, 30, 0, 0, time.UTC),   // Europe moves its clocks on this day
		time.Date(2026, 11, 1, 7, 0, 0, 0, time.UTC),    // so does the US, and Chicago is still before dawn
		time.Date(2026, 12, 31, 23, 10, 0, 0, time.UTC), // New Year's Day in Auckland and Tokyo
	} {
		t.Run(now.Format("2006-01-02T15:04"), func(t *testing.T) {
			db := newDemoDB(t)
			res := db.seed(t, now)
			checkStories(t, db, res, now)
		})
	}
}

func checkStories(t *testing.T, db *demoDB, res Result, now time.Time) {
	ctx := context.Background()
	rules := map[string]string{} // the first rule of the ill, overreaching and short-night athletes' proposals
	for _, s := range stories {
		a, today := db.athlete(t, res, s.key, now)
		list := db.checkIns(t, a, today)
		first, last := list[0], list[len(list)-1]

		// About 120 days of history, ending today.
		if want := today.AddDate(0, 0, -(HistoryDays - 1)); first.Day.Before(want) || first.Day.After(want.AddDate(0, 0, 7)) {
			t.Errorf("%s: first check-in %s, want about %s", a.Name, first.Day.Format(time.DateOnly), want.Format(time.DateOnly))
		}
		if min := 100; s.key == SkippedCheckIns || s.key == Beginner10K {
			if len(list) < 75 {
				t.Errorf("%s: %d check-ins", a.Name, len(list))
			}
		} else if len(list) < min {
			t.Errorf("%s: %d check-ins, want at least %d", a.Name, len(list), min)
		}
		if s.key != SkippedCheckIns && !last.Day.Equal(today) {
			t.Errorf("%s: last check-in %s, want today %s", a.Name, last.Day.Format(time.DateOnly), today.Format(time.DateOnly))
		}
		if last.UpdatedAt.After(now) {
			t.Errorf("%s: the last check-in was made in the future (%s)", a.Name, last.UpdatedAt)
		}
		workouts := db.workouts(t, a, today)
		var done, sports = 0, map[string]bool{}
		for _, w := range workouts {
			if w.Status == "done" {
				done++
				sports[w.Sport] = true
				if w.Log.DurationS <= 0 || w.Log.RPE <= 0 || w.LoggedAt == nil || w.LoggedAt.After(now) {
					t.Errorf("%s: a bad log %+v on %s", a.Name, w.Log, w.Day.Format(time.DateOnly))
				}
			}
			if !w.Day.Before(today) && w.Status != "planned" {
				t.Errorf("%s: %s of %s is logged already", a.Name, w.Title, w.Day.Format(time.DateOnly))
			}
		}
		if done < 50 {
			t.Errorf("%s: only %d workouts done", a.Name, done)
		}
		if _, err := db.st.LatestPlan(ctx, db.coach, a.ID); err != nil {
			t.Errorf("%s: no plan: %v", a.Name, err)
		}

		// The verdict is the app's: judged again now it comes out the same.
		if last.Day.Equal(today) {
			c := last
			c.Score, c.Light, c.Reasons = 0, "", nil
			again, err := coaching.Judge(ctx, db.st, db.coach, c)
			if err != nil {
				t.Fatal(err)
			}
			if again.Score != last.Score || again.Light != last.Light || !reflect.DeepEqual(again.Reasons, last.Reasons) {
				t.Errorf("%s: stored verdict %s %d %v, the app's %s %d %v", a.Name, last.Light, last.Score, last.Reasons,
					again.Light, again.Score, again.Reasons)
			}
		}
		proposal, pending, err := db.st.PendingProposal(ctx, db.coach, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		if last.Day.Equal(today) && last.Light == "green" && pending {
			t.Errorf("%s: green today, yet a proposal is pending", a.Name)
		}

		switch s.key {
		case Steady, Taper, Cyclist, Triathlete, StrengthAthlete, MastersCutback, RecoveryTooHard:
			if last.Light != "green" {
				t.Errorf("%s (%s): today %s %v", a.Name, s.key, last.Light, last.Reasons)
			}
		case Beginner10K:
			if last.Light != "green" && (last.Light != "amber" || last.Reasons[0].Code != "load") {
				t.Errorf("%s (%s): today %s %v", a.Name, s.key, last.Light, last.Reasons)
			}
		case Overreaching:
			if last.Light == "green" || !hasReason(last, "resting_hr") {
				t.Errorf("%s: today %s %v, want red or amber for resting HR", a.Name, last.Light, last.Reasons)
			}
			// Against their usual (the month before the last ten days),
			// resting HR is 10 bpm up and HRV down.
			var hr, hrv, n, nHRV float64
			for _, c := range list {
				if k := today.Sub(c.Day).Hours() / 24; k >= 14 && k < 42 {
					hr, n = hr+float64(c.RestingHR), n+1
					if c.HRV > 0 {
						hrv, nHRV = hrv+c.HRV, nHRV+1
					}
				}
			}
			if float64(last.RestingHR) < hr/n+10 || last.HRV >= 0.85*hrv/nHRV {
				t.Errorf("%s: today resting HR %d and HRV %.0f vs usual %.0f and %.0f", a.Name, last.RestingHR, last.HRV, hr/n, hrv/nHRV)
			}
			tenDaysAgo := list[len(list)-11]
			if last.Fatigue >= tenDaysAgo.Fatigue && last.Fatigue > 2 {
				t.Errorf("%s: fatigue %d today, %d ten days ago", a.Name, last.Fatigue, tenDaysAgo.Fatigue)
			}
			if !pending || proposal.CheckInDay != today {
				t.Errorf("%s: no proposal after today's %s check-in", a.Name, last.Light)
			}
			changes, err := db.st.Changes(ctx, db.coach, a.ID, 50)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.ContainsFunc(changes, func(c training.Change) bool { return c.Action == "edit" && c.Reason != "" }) {
				t.Errorf("%s: the coach's lighter week is not in the plan history", a.Name)
			}
		case Ill:
			yesterday := list[len(list)-2]
			if last.Light != "red" || !last.Illness && !yesterday.Illness {
				t.Errorf("%s: today %s, ill %v/%v", a.Name, last.Light, last.Illness, yesterday.Illness)
			}
			if !pending || proposal.Light != "red" {
				t.Errorf("%s: no red proposal pending", a.Name)
			}
		case SkippedCheckIns:
			if missed := readiness.MissedDays(last.Day, today); missed < 2 || missed > 4 {
				t.Errorf("%s: last check-in %s, %d days missed", a.Name, last.Day.Format(time.DateOnly), missed)
			}
		case TrailUltra:
			if last.Light != "amber" || last.Reasons[0].Code != "sleep" {
				t.Errorf("%s: today %s %v, want amber for sleep", a.Name, last.Light, last.Reasons)
			}
			// A short night on his long-run day: the long run stays, all
			// easy and a little shorter.
			if !pending || proposal.CheckInDay != today {
				t.Errorf("%s: no proposal after today's short night", a.Name)
			}
		}
		if s.key == RedFlags {
			if last.Light != "amber" || last.Reasons[0].Code != "overreaching_pattern" || len(last.Reasons[0].Flags) < 2 {
				t.Errorf("%s: today %s %v, want the overreaching pattern first", a.Name, last.Light, last.Reasons)
			}
			if !pending || !strings.Contains(strings.Join(proposal.Rules, " "), "the next cutback week comes now") || len(proposal.Pattern) < 2 {
				t.Errorf("%s: no cutback brought forward: %v %+v", a.Name, pending, proposal)
			}
			t.Logf("%s: %s | %s", a.Name, last.Reasons[0].Text, proposal.Note)
		}
		switch s.key {
		case Ill, Overreaching, TrailUltra:
			if pending && len(proposal.Rules) > 0 {
				rules[s.key] = proposal.Rules[0]
				t.Logf("%s: %s | %s", a.Name, strings.Join(proposal.Rules, " | "), proposal.Note)
			}
		}

		switch s.key {
		case Taper, MastersCutback:
			want := map[string]string{Taper: "taper", MastersCutback: "cutback"}[s.key]
			w, ok, err := db.st.PlanWeekOf(ctx, db.coach, a.ID, training.WeekStart(today, a.WeekStartsSunday))
			if err != nil || !ok || w.Kind != want {
				t.Errorf("%s: this week is %q (%v, %v), want %s", a.Name, w.Kind, ok, err, want)
			}
		case RecoveryTooHard:
			zone2, tooHard := zones.Zone2CeilingHR(a.ThresholdHR, a.MaxHR), 0
			for _, w := range workouts {
				if w.Kind == "recovery" && w.Status == "done" && w.Log.RPE > 3 && load.RecoveryTooHard(w.Log.RPE, w.Log.AvgHR, zone2) {
					tooHard++
				}
			}
			if tooHard < 5 {
				t.Errorf("%s: %d recovery workouts done too hard", a.Name, tooHard)
			}
		case Cyclist:
			if a.FTP == 0 || !sports["bike"] || !slices.Equal(a.Sports, []string{"bike"}) {
				t.Errorf("%s: FTP %d, sports %v, done %v", a.Name, a.FTP, a.Sports, sports)
			}
		case Triathlete:
			if !sports["run"] || !sports["bike"] || !sports["swim"] {
				t.Errorf("%s: done %v", a.Name, sports)
			}
		case StrengthAthlete:
			if !sports["strength"] {
				t.Errorf("%s: done %v", a.Name, sports)
			}
		case Beginner10K:
			if a.Units != "mi" || !a.WeekStartsSunday || a.Experience != "beginner" {
				t.Errorf("%s: %+v", a.Name, a.Profile)
			}
		}
		for _, g := range s.goals {
			events, err := db.st.Events(ctx, db.coach, a.ID)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.ContainsFunc(events, func(e training.Event) bool { return e.Name == g.name && e.Day.Equal(today.AddDate(0, 0, g.in)) }) {
				t.Errorf("%s: no %s in %d days among %v", a.Name, g.name, g.in, events)
			}
		}
		if !slices.Equal(a.Tags, s.prof.Tags) && !(len(a.Tags) == 0 && len(s.prof.Tags) == 0) {
			t.Errorf("%s: tags %v", a.Name, a.Tags)
		}
	}
	// Each reason gets its own response: the three proposals follow three
	// different rules.
	if len(rules) != 3 || rules[Ill] == rules[Overreaching] || rules[Ill] == rules[TrailUltra] || rules[Overreaching] == rules[TrailUltra] {
		t.Errorf("the ill, overreaching and short-night athletes' proposals: %q", rules)
	}
}

// The demo is found by its coach's e-mail, beside real accounts.
func TestSeedBesideRealAccounts(t *testing.T) {
	db := newDemoDB(t)
	ctx := context.Background()
	hash, err := auth.HashPassword(ctx, "kettle orbit walnut")
	if err != nil {
		t.Fatal(err)
	}
	real, err := db.st.CreateCoach(ctx, "Carla Coach", "carla@example.com", hash, false)
	if err != nil {
		t.Fatal(err)
	}
	res := db.seed(t, time.Now())
	if db.coach.IsAdmin || db.coach.ID == real.ID {
		t.Error("the demo coach took over the real admin")
	}
	list, err := db.st.Athletes(ctx, real, false)
	if err != nil || len(list) != 0 {
		t.Errorf("the real coach got athletes: %v %v", list, err)
	}
	if len(res.Athletes) != 13 {
		t.Errorf("%d demo athletes", len(res.Athletes))
	}
}

func TestSeedRefusesAnAthleteWithTheCoachEmail(t *testing.T) {
	db := newDemoDB(t)
	ctx := context.Background()
	hash, _ := auth.HashPassword(ctx, "kettle orbit walnut")
	coach, err := db.st.CreateCoach(ctx, "Carla Coach", "carla@example.com", hash, false)
	if err != nil {
		t.Fatal(err)
	}
	_, tok := auth.NewToken()
	if _, _, err := db.st.CreateInvitedAthlete(ctx, coach, store.NewAthlete{Name: "Odd One", Email: CoachEmail, Timezone: "UTC"}, tok); err != nil {
		t.Fatal(err)
	}
	if _, err := db.st.AcceptAthleteInvite(ctx, tok, hash); err != nil {
		t.Fatal(err)
	}
	if _, err := Seed(ctx, db.st, time.Now()); err == nil || apperr.CodeOf(err) == apperr.NotFound {
		t.Fatalf("seeding over an athlete's account: %v", err)
	}
}
