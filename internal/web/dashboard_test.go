package web

import (
	"context"
	"fmt"
	"maps"
	"math"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"rebound/internal/coaching"
	"rebound/internal/load"
	"rebound/internal/store"
	"rebound/web/pages/dashboard"
)

// history gives an athlete `days` days of check-ins (green, score 85) and
// workouts (an easy 45 min a day, done at RPE 4; a planned interval
// session every fourth day ahead) up to today, straight in SQL: these
// tests measure reading, not writing.
func (a *app) history(ath store.Athlete, days int) {
	a.t.Helper()
	ctx := context.Background()
	today := time.Now().UTC().Truncate(24 * time.Hour)
	_, err := a.store.Pool().Exec(ctx, `
		INSERT INTO checkins (athlete_id, day, answered, sleep_hours, sleep_quality, fatigue, soreness, stress, mood,
			motivation, resting_hr, hrv_rmssd, score, light, reasons)
		SELECT $1, d, true, 7.5, 4, 4, 4, 4, 4, 4, 50 + (i % 3), 60 + (i % 7), 85, 'green',
			'[{"light":"green","code":"ok","text":"All as usual"}]'
		FROM generate_series(1, $3) i, LATERAL (SELECT ($2::date - i + 1) AS d) x`, ath.ID, today, days)
	if err != nil {
		a.t.Fatal(err)
	}
	_, err = a.store.Pool().Exec(ctx, `
		INSERT INTO workouts (athlete_id, coach_id, day, sport, kind, title, planned_duration_s, target_rpe, status,
			actual_duration_s, rpe, logged_at)
		SELECT $1, $2, $3::date - i + 1, 'run', 'easy', 'Easy run', 2700, 4, 'done', 2700, 4, now()
		FROM generate_series(1, $4) i`, ath.ID, ath.CoachID, today, days)
	if err != nil {
		a.t.Fatal(err)
	}
	_, err = a.store.Pool().Exec(ctx, `
		INSERT INTO workouts (athlete_id, coach_id, day, sport, kind, title, planned_duration_s, target_rpe, key)
		SELECT $1, $2, $3::date + i, 'run', 'intervals', 'Hill repeats', 3600, 8, true
		FROM generate_series(1, 21, 4) i`, ath.ID, ath.CoachID, today)
	if err != nil {
		a.t.Fatal(err)
	}
}

var queriesLogged = regexp.MustCompile(`queries=(\d+)`)

// queries fetches path and returns the number of SQL statements the
// request ran, from the request log.
func (c *client) queries(path string) (resp, int) {
	c.t.Helper()
	r := c.get(path)
	if r.StatusCode != http.StatusOK {
		c.t.Fatalf("GET %s: %d", path, r.StatusCode)
	}
	lines := strings.Split(strings.TrimSpace(c.app.logs.String()), "\n")
	for i := len(lines) - 1; i >= 0; i-- {
		if strings.Contains(lines[i], "msg=request") && strings.Contains(lines[i], "path="+strings.SplitN(path, "?", 2)[0]+" ") {
			m := queriesLogged.FindStringSubmatch(lines[i])
			if m == nil {
				c.t.Fatalf("no query count in %q", lines[i])
			}
			n, _ := strconv.Atoi(m[1])
			return r, n
		}
	}
	c.t.Fatalf("no log line for %s", path)
	return r, 0
}

// The dashboard reads every athlete in a fixed number of queries.
func TestDashboardQueryBudget(t *testing.T) {
	count := func(athletes int) int {
		a := newApp(t)
		coach := a.coach("Carla Coach", "carla@example.com")
		for i := range athletes {
			ath, _ := a.athlete(coach, fmt.Sprintf("Athlete %02d", i), fmt.Sprintf("a%d@example.com", i))
			a.history(ath, 30)
		}
		c := a.signedIn("carla@example.com")
		c.get("/") // the session's first use may write it
		r, n := c.queries("/")
		if got := strings.Count(r.Body, `<tr class="attention-`); got != athletes {
			t.Fatalf("%d athletes shown, want %d", got, athletes)
		}
		return n
	}
	few, many := count(3), count(60)
	t.Logf("dashboard: %d queries for 3 athletes, %d for 60", few, many)
	if few != many {
		t.Errorf("queries grow with athletes: %d for 3, %d for 60", few, many)
	}
	if many > 6 {
		t.Errorf("%d queries for the dashboard, want at most 6", many)
	}
}

func TestDashboardOrderFiltersAndGroups(t *testing.T) {
	a := newApp(t)
	ctx := context.Background()
	coach := a.coach("Carla Coach", "carla@example.com")
	other := a.coach("Otto Other", "otto@example.com")
	steady, _ := a.athlete(coach, "Sam Steady", "sam@example.com")
	tired, _ := a.athlete(coach, "Rita Red", "rita@example.com")
	quiet, _ := a.athlete(coach, "Quinn Quiet", "quinn@example.com")
	hidden, _ := a.athlete(other, "Olga Elsewhere", "olga@example.com")
	for _, ath := range []store.Athlete{steady, tired, quiet, hidden} {
		a.history(ath, 40)
	}
	pool := a.store.Pool()
	// Today Rita is red; Quinn last checked in four days ago.
	if _, err := pool.Exec(ctx, `UPDATE checkins SET score = 35, light = 'red',
		reasons = '[{"light":"red","code":"resting_hr","text":"Resting HR 11 bpm above your 7-day baseline (50 bpm)"}]'
		WHERE athlete_id = $1 AND day = (SELECT max(day) FROM checkins WHERE athlete_id = $1)`, tired.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := pool.Exec(ctx, `DELETE FROM checkins WHERE athlete_id = $1 AND day > current_date - 4`, quiet.ID); err != nil {
		t.Fatal(err)
	}
	p := steady.Profile
	p.Tags = []string{"Marathon squad"}
	if err := a.store.UpdateProfile(ctx, coach, steady.ID, p); err != nil {
		t.Fatal(err)
	}

	c := a.signedIn("carla@example.com")
	page := c.get("/").Body
	order := []string{"Rita Red", "Quinn Quiet", "Sam Steady"}
	last := -1
	for _, name := range order {
		i := strings.Index(page, ">"+name+"<")
		if i < last {
			t.Errorf("%s is not below the rows before it in %v", name, order)
		}
		last = i
	}
	for _, want := range []string{"Resting HR 11 bpm above your 7-day baseline", "Last check-in 4 days ago", "Marathon squad"} {
		if !strings.Contains(page, want) {
			t.Errorf("dashboard lacks %q", want)
		}
	}
	if strings.Contains(page, "Olga Elsewhere") {
		t.Error("another coach's athlete is on the dashboard")
	}

	attention := c.get("/?show=attention").Body
	if !strings.Contains(attention, "Rita Red") || !strings.Contains(attention, "Quinn Quiet") || strings.Contains(attention, ">Sam Steady<") {
		t.Error("needs attention should show Rita and Quinn only")
	}
	if found := c.get("/?q=sa+st").Body; !strings.Contains(found, ">Sam Steady<") || strings.Contains(found, ">Rita Red<") {
		t.Error("search by name prefixes should find Sam only")
	}
	if none := c.get("/?q=%3Cscript%3E").Body; !strings.Contains(none, "No athlete matches “&lt;script&gt;”") {
		t.Error("an unmatched search should say so, escaped")
	}
	grouped := c.get("/?group=tag").Body
	squad, untagged := strings.Index(grouped, "Marathon squad <span"), strings.Index(grouped, "No tag <span")
	if squad < 0 || untagged < squad || !strings.Contains(grouped[squad:untagged], "Sam Steady") {
		t.Error("grouping by tag should put Sam under Marathon squad and the rest under No tag")
	}
}

// rosterRow flags each kind of attention, in the product's order.
func TestRosterRowAttention(t *testing.T) {
	today := time.Date(2026, 11, 19, 0, 0, 0, 0, time.UTC) // a Thursday
	day := func(n int) time.Time { return today.AddDate(0, 0, n) }
	checkIn := func(n int, light string, score int) store.DayCheckIn {
		return store.DayCheckIn{Day: day(n), Answered: true, Light: light, Score: score, FirstReason: store.Reason{Text: "why " + light}}
	}
	athlete := store.Athlete{Profile: store.Profile{Name: "A", Timezone: "UTC", ThresholdHR: 170}}
	// steadyLoad is 12 weeks of one 60-minute session at RPE 5 a day.
	steadyLoad := func() []store.DaySummary {
		var out []store.DaySummary
		for i := -84; i <= 0; i++ {
			out = append(out, store.DaySummary{Day: day(i), Load: 300, PlannedS: 3600, SettledS: 3600, DoneS: 3600})
		}
		return out
	}
	tests := []struct {
		name  string
		entry store.RosterEntry
		want  []dashboard.Attention
	}{
		{"all well", store.RosterEntry{LastDay: day(0), CheckIns: []store.DayCheckIn{checkIn(0, "green", 90)}, Days: steadyLoad()}, nil},
		{"red today", store.RosterEntry{LastDay: day(0), CheckIns: []store.DayCheckIn{checkIn(0, "red", 40)}, Days: steadyLoad()},
			[]dashboard.Attention{dashboard.Red}},
		{"amber yesterday is not today's light", store.RosterEntry{LastDay: day(-1), CheckIns: []store.DayCheckIn{checkIn(-1, "amber", 70)}, Days: steadyLoad()}, nil},
		{"three days silent", store.RosterEntry{LastDay: day(-3), Days: steadyLoad()}, []dashboard.Attention{dashboard.MissedCheckIns}},
		{"never checked in is not missed", store.RosterEntry{Days: steadyLoad()}, nil},
		{"recovery too hard last Saturday, before this week", store.RosterEntry{LastDay: day(0), Days: append(steadyLoad(),
			store.DaySummary{Day: day(-5), RecoveryRPE: 6})}, []dashboard.Attention{dashboard.RecoveryTooHard}},
		{"recovery too hard a week ago is past", store.RosterEntry{LastDay: day(0), Days: append(steadyLoad(),
			store.DaySummary{Day: day(-7), RecoveryRPE: 6})}, nil},
		{"recovery too hard this week", store.RosterEntry{LastDay: day(0), Days: append(steadyLoad(),
			store.DaySummary{Day: day(-1), RecoveryRPE: 6})}, []dashboard.Attention{dashboard.RecoveryTooHard}},
		{"recovery above zone 2 HR", store.RosterEntry{LastDay: day(0), Days: append(steadyLoad(),
			store.DaySummary{Day: day(-1), RecoveryRPE: 2, RecoveryAvgHR: 160})}, []dashboard.Attention{dashboard.RecoveryTooHard}},
		{"low compliance", store.RosterEntry{LastDay: day(0), Days: func() []store.DaySummary {
			d := steadyLoad()
			for i := len(d) - 3; i < len(d); i++ { // Tuesday to Thursday not done
				d[i].DoneS, d[i].Load = 0, 0
			}
			return d
		}()}, []dashboard.Attention{dashboard.LowCompliance}},
		{"load rising fast", store.RosterEntry{LastDay: day(0), Days: func() []store.DaySummary {
			d := steadyLoad()
			for i := len(d) - 7; i < len(d); i++ {
				d[i].Load = 1200
			}
			return d
		}()}, []dashboard.Attention{dashboard.LoadRising}},
		{"red and silent before", store.RosterEntry{LastDay: day(0), CheckIns: []store.DayCheckIn{checkIn(0, "red", 30)},
			Days: append(steadyLoad(), store.DaySummary{Day: day(-2), RecoveryRPE: 5})},
			[]dashboard.Attention{dashboard.Red, dashboard.RecoveryTooHard}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := tt.entry
			e.Athlete, e.Today = athlete, today
			days := stored(e.Days)
			e.LoadState = days.State(today)
			row := rosterRow(e)
			var got []dashboard.Attention
			for _, f := range row.Flags {
				got = append(got, f.Kind)
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("flags %v (%+v), want %v", got, row.Flags, tt.want)
			}
			if len(row.Spark.Points) != sparkDays {
				t.Errorf("%d sparkline points, want %d", len(row.Spark.Points), sparkDays)
			}
		})
	}
}

// stored is days as the database keeps them: one row per day, its state
// advanced from the day before's (package load, as the triggers do).
func stored(days []store.DaySummary) store.DayHistory {
	byDay := map[time.Time]store.DaySummary{}
	for _, d := range days {
		sum := byDay[d.Day]
		sum.Day, sum.Load = d.Day, sum.Load+d.Load
		sum.PlannedS, sum.SettledS, sum.DoneS, sum.AllDoneS = sum.PlannedS+d.PlannedS, sum.SettledS+d.SettledS, sum.DoneS+d.DoneS, sum.AllDoneS+d.AllDoneS
		sum.RecoveryRPE, sum.RecoveryAvgHR = max(sum.RecoveryRPE, d.RecoveryRPE), max(sum.RecoveryAvgHR, d.RecoveryAvgHR)
		byDay[d.Day] = sum
	}
	var h store.DayHistory
	var s load.State
	for _, day := range slices.SortedFunc(maps.Keys(byDay), time.Time.Compare) {
		d := byDay[day]
		s = load.Advance(s, day, d.Load)
		d.State = s
		h.Days = append(h.Days, d)
	}
	return h
}

// span is what store.Days reads of h: the days from..to and the last
// state before them.
func span(h store.DayHistory, from, to time.Time) store.DayHistory {
	var out store.DayHistory
	for _, d := range h.Days {
		switch {
		case d.Day.Before(from):
			out.Before = d.State
		case !d.Day.After(to):
			out.Days = append(out.Days, d)
		}
	}
	return out
}

// The dashboard's load ratio is the week view's, to the last digit: both
// decay the same stored state to today. It is also the ratio package
// coaching works out from the workouts themselves.
func TestDashboardLoadMatchesWeekView(t *testing.T) {
	today := time.Date(2026, 11, 19, 0, 0, 0, 0, time.UTC)
	athlete := store.Athlete{Profile: store.Profile{Name: "A", Timezone: "UTC"}}
	var list []store.Workout
	var days []store.DaySummary
	for i := -95; i <= 6; i++ {
		if i%5 == 0 { // rest days, today among them: the state decays to it
			continue
		}
		minutes := 30 + ((i+200)*7)%50
		rpe := float64(3 + (i+100)%5)
		d := today.AddDate(0, 0, i)
		wo := store.Workout{Day: d, Planned: true, Status: "done", Plan: store.Plan{PlannedDurationS: minutes * 60},
			Log: store.Log{DurationS: minutes * 60, RPE: rpe}}
		sum := store.DaySummary{Day: d, Load: rpe * float64(minutes), PlannedS: minutes * 60, SettledS: minutes * 60, DoneS: minutes * 60}
		if i > 0 {
			wo.Status, wo.Log, sum.Load, sum.SettledS, sum.DoneS = "planned", store.Log{}, 0, 0, 0
		}
		list = append(list, wo)
		days = append(days, sum)
	}
	table := stored(days)
	start := weekStart(athlete, today)
	var thisWeek []store.Workout
	for _, wo := range list {
		if !wo.Day.Before(start) {
			thisWeek = append(thisWeek, wo)
		}
	}
	week := buildWeek(athlete, start, today, thisWeek, span(table, start.AddDate(0, 0, -14), start.AddDate(0, 0, 6)), nil)
	row := rosterRow(store.RosterEntry{Athlete: athlete, Today: today, LastDay: today,
		Days: span(table, today.AddDate(0, 0, -6), today.AddDate(0, 0, 7)).Days, LoadState: table.State(today)})
	if week.ACWR == 0 || week.ACWR != row.ACWR {
		t.Errorf("dashboard ratio %v, week view %v", row.ACWR, week.ACWR)
	}
	if want := coaching.ACWROn(list, today); math.Abs(week.ACWR-want) > 1e-12 {
		t.Errorf("week view ratio %v, from the workouts %v", week.ACWR, want)
	}
	if math.Abs(week.Ratio-row.Ratio) > 1e-12 {
		t.Errorf("dashboard compliance %v, week view %v", row.Ratio, week.Ratio)
	}
}

// A big roster shows the most urgent hundred first, and more on request.
func TestDashboardShowsMoreOnRequest(t *testing.T) {
	a := newApp(t)
	coach := a.coach("Carla Coach", "carla@example.com")
	ctx := context.Background()
	for i := range 130 {
		if _, err := a.store.CreateAthlete(ctx, coach, store.NewAthlete{Name: fmt.Sprintf("Athlete %03d", i),
			Email: fmt.Sprintf("a%d@example.com", i), Timezone: "UTC"}); err != nil {
			t.Fatal(err)
		}
	}
	c := a.signedIn("carla@example.com")
	first := c.get("/").Body
	if n := strings.Count(first, `<tr class="attention-`); n != 100 {
		t.Errorf("%d rows at first, want 100", n)
	}
	if !strings.Contains(first, "30 more athletes") || !strings.Contains(first, `href="/?rows=200"`) {
		t.Error("the first page should offer the 30 more")
	}
	if n := strings.Count(c.get("/?rows=200").Body, `<tr class="attention-`); n != 130 {
		t.Errorf("%d rows after Show more, want 130", n)
	}
	if r := c.get("/?rows=-5"); strings.Count(r.Body, `<tr class="attention-`) != 100 {
		t.Error("a nonsense row count should show the first hundred")
	}
}
