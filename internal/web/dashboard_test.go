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
	"rebound/internal/training"
)

// history gives an athlete `days` days of check-ins (green, score 85) and
// workouts (an easy 45 min a day, done at RPE 4; a planned interval
// session every fourth day ahead) up to today, straight in SQL: these
// tests measure reading, not writing.
// athleteToday is the athlete's calendar day now, at 00:00 UTC: in the
// hour or so when the athlete's day and UTC's differ, history written on
// UTC's day would leave today without a check-in.
func athleteToday(t *testing.T, ath training.Athlete) time.Time {
	now := time.Now().In(mustZone(t, ath.Timezone))
	return time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
}

func (a *app) history(ath training.Athlete, days int) {
	a.t.Helper()
	ctx := context.Background()
	today := athleteToday(a.t, ath)
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

// The dashboard reads every athlete in a fixed number of queries: the
// session with its account, the version of the athletes' data
// (recomputing stale kept rows in the same statement), and then, unless
// the page rendered for that version is kept, the kept rows (after the
// setting of their plan, in the same round trip) and the pending
// proposals.
func TestDashboardQueryBudget(t *testing.T) {
	count := func(athletes int) (rendered, kept int) {
		a := newApp(t)
		coach := a.coach("Carla Coach", "carla@example.com")
		for i := range athletes {
			ath, _ := a.athlete(coach, fmt.Sprintf("Athlete %02d", i), fmt.Sprintf("a%d@example.com", i))
			a.history(ath, 30)
		}
		c := a.signedIn("carla@example.com")
		c.get("/") // the session's first use may write it
		// Every athlete changed since: the dashboard recomputes each
		// one's kept row, in the same statements.
		if _, err := a.store.Pool().Exec(context.Background(), `UPDATE checkins SET notes = 'changed'`); err != nil {
			t.Fatal(err)
		}
		r, rendered := c.queries("/")
		if got := strings.Count(r.Body, `<tr class="attention-`); got != athletes {
			t.Fatalf("%d athletes shown, want %d", got, athletes)
		}
		r, kept = c.queries("/")
		if got := strings.Count(r.Body, `<tr class="attention-`); got != athletes {
			t.Fatalf("kept page: %d athletes shown, want %d", got, athletes)
		}
		return rendered, kept
	}
	few, fewKept := count(3)
	many, manyKept := count(60)
	t.Logf("dashboard: %d queries rendered, %d kept for 3 athletes; %d and %d for 60", few, fewKept, many, manyKept)
	if few != many || fewKept != manyKept {
		t.Errorf("queries grow with athletes: %d and %d for 3, %d and %d for 60", few, fewKept, many, manyKept)
	}
	if many > 5 || manyKept > keptStatements {
		t.Errorf("%d queries for the dashboard rendered, %d kept; want at most 5 and %d", many, manyKept, keptStatements)
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
	flagged, _ := a.athlete(coach, "Petra Pattern", "petra@example.com")
	amber, _ := a.athlete(coach, "Andy Amber", "andy@example.com")
	for _, ath := range []training.Athlete{steady, tired, quiet, hidden, flagged, amber} {
		a.history(ath, 40)
	}
	pool := a.store.Pool()
	// Petra shows red flags over the weeks, Andy one amber sign today.
	for _, x := range []struct {
		id     int64
		reason string
	}{
		{flagged.ID, `{"light":"amber","code":"overreaching_pattern","text":"Red flags over the last weeks: always tired, sleep all over the place — together a pattern of overreaching (not a diagnosis)"}`},
		{amber.ID, `{"light":"amber","code":"sleep","text":"Slept 5 h (under 6 h)"}`},
	} {
		if _, err := pool.Exec(ctx, `UPDATE checkins SET score = 60, light = 'amber', reasons = jsonb_build_array($2::jsonb)
			WHERE athlete_id = $1 AND day = (SELECT max(day) FROM checkins WHERE athlete_id = $1)`, x.id, x.reason); err != nil {
			t.Fatal(err)
		}
	}
	// Today Rita is red; Quinn last checked in four days ago.
	if _, err := pool.Exec(ctx, `UPDATE checkins SET score = 35, light = 'red',
		reasons = '[{"light":"red","code":"resting_hr","text":"Resting HR 11 bpm above your 7-day baseline (50 bpm)"}]'
		WHERE athlete_id = $1 AND day = (SELECT max(day) FROM checkins WHERE athlete_id = $1)`, tired.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := pool.Exec(ctx, `DELETE FROM checkins WHERE athlete_id = $1 AND day > $2::date - 4`, quiet.ID, athleteToday(t, quiet)); err != nil {
		t.Fatal(err)
	}
	p := steady.Profile
	p.Tags = []string{"Marathon squad"}
	if err := a.store.UpdateProfile(ctx, coach, steady.ID, p); err != nil {
		t.Fatal(err)
	}

	c := a.signedIn("carla@example.com")
	page := c.get("/").Body
	order := []string{"Rita Red", "Petra Pattern", "Andy Amber", "Quinn Quiet", "Sam Steady"} // red, red flags, amber, silence
	last := -1
	for _, name := range order {
		i := strings.Index(page, ">"+name+"<")
		if i < last {
			t.Errorf("%s is not below the rows before it in %v", name, order)
		}
		last = i
	}
	for _, want := range []string{"Resting HR 11 bpm above their 7-day baseline", "Last check-in 4 days ago", "Marathon squad"} {
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
	// Each count above the table is a link to its filter, marked current
	// when shown; a search keeps the filter.
	if !strings.Contains(page, `<a class="tally" href="/" aria-current="page"><strong>5</strong> athletes</a>`) {
		t.Error("the roster's count is not the current filter on the plain dashboard")
	}
	for _, f := range []struct {
		path       string
		count      string // the link's text
		shows, not []string
	}{
		{"/?show=red", "1</strong> red", []string{"Rita Red"}, []string{"Andy Amber", "Sam Steady", "Quinn Quiet"}},
		{"/?show=amber", "2</strong> amber", []string{"Petra Pattern", "Andy Amber"}, []string{"Rita Red", "Sam Steady"}},
		{"/?show=missing", "1</strong> not checked in today", []string{"Quinn Quiet"}, []string{"Rita Red", "Sam Steady"}},
		{"/?show=attention", "4</strong> need attention", []string{"Rita Red", "Petra Pattern", "Andy Amber", "Quinn Quiet"}, []string{"Sam Steady"}},
		{"/?q=an&show=amber", "2</strong> amber", []string{"Andy Amber"}, []string{"Petra Pattern"}},
	} {
		link := `href="` + strings.ReplaceAll(f.path, "&", "&amp;") + `"`
		if !strings.Contains(page, strings.Replace(link, "q=an&amp;", "", 1)) {
			t.Errorf("the dashboard has no link to %s", f.path)
		}
		body := c.get(f.path).Body
		if !strings.Contains(body, link+` aria-current="page"><strong>`+f.count+`</a>`) {
			t.Errorf("%s: its count %q is not the current link", f.path, f.count)
		}
		for _, name := range f.shows {
			if !strings.Contains(body, ">"+name+"<") {
				t.Errorf("%s does not show %s", f.path, name)
			}
		}
		for _, name := range f.not {
			if strings.Contains(body, ">"+name+"<") {
				t.Errorf("%s shows %s", f.path, name)
			}
		}
	}
	if body := c.get("/?show=amber").Body; !strings.Contains(body, `<input type="hidden" name="show" value="amber">`) {
		t.Error("the search form does not keep the filter")
	}
	if body := c.get("/?show=proposals").Body; !strings.Contains(body, "No proposal is waiting.") {
		t.Error("the proposals filter with none waiting does not say so")
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
	checkIn := func(light string, score int) *store.DayCheckIn {
		return &store.DayCheckIn{Light: light, Score: score, FirstReason: training.Reason{Text: "why " + light}}
	}
	athlete := training.Athlete{Profile: training.Profile{Name: "A", Timezone: "UTC", ThresholdHR: 170}}
	// steadyLoad is 12 weeks of one 60-minute session at RPE 5 a day.
	steadyLoad := func() []store.DaySummary {
		var out []store.DaySummary
		for i := -84; i <= 0; i++ {
			out = append(out, store.DaySummary{Day: day(i), Load: 300})
		}
		return out
	}
	week := func(e store.RosterEntry) store.RosterEntry { // Monday to today, all done
		e.WeekPlannedS, e.WeekDoneS = 4*3600, 4*3600
		return e
	}
	tests := []struct {
		name  string
		entry store.RosterEntry
		load  []store.DaySummary
		want  []training.Attention
	}{
		{"all well", week(store.RosterEntry{LastDay: day(0), CheckIn: checkIn("green", 90)}), steadyLoad(), nil},
		{"red today", week(store.RosterEntry{LastDay: day(0), CheckIn: checkIn("red", 40)}), steadyLoad(),
			[]training.Attention{training.RedCheckIn}},
		{"amber yesterday, none yet today", week(store.RosterEntry{LastDay: day(-1)}), steadyLoad(), nil},
		{"three days silent", week(store.RosterEntry{LastDay: day(-3)}), steadyLoad(), []training.Attention{training.MissedCheckIns}},
		{"never checked in is not missed", week(store.RosterEntry{}), steadyLoad(), nil},
		{"recovery too hard", week(store.RosterEntry{LastDay: day(0), Recovery: []store.RecoveryDay{{Day: day(-5), RPE: 6}}}),
			steadyLoad(), []training.Attention{training.RecoveryTooHard}},
		{"recovery easy enough", week(store.RosterEntry{LastDay: day(0), Recovery: []store.RecoveryDay{{Day: day(-1), RPE: 3, AvgHR: 130}}}),
			steadyLoad(), nil},
		{"recovery above zone 2 HR", week(store.RosterEntry{LastDay: day(0), Recovery: []store.RecoveryDay{{Day: day(-1), RPE: 2, AvgHR: 160}}}),
			steadyLoad(), []training.Attention{training.RecoveryTooHard}},
		{"low compliance", store.RosterEntry{LastDay: day(0), WeekPlannedS: 4 * 3600, WeekDoneS: 3600}, steadyLoad(),
			[]training.Attention{training.LowCompliance}},
		{"nothing due yet", store.RosterEntry{LastDay: day(0)}, steadyLoad(), nil},
		{"load rising fast", week(store.RosterEntry{LastDay: day(0)}), func() []store.DaySummary {
			d := steadyLoad()
			for i := len(d) - 7; i < len(d); i++ {
				d[i].Load = 1200
			}
			return d
		}(), []training.Attention{training.LoadRising}},
		{"red and recovery too hard", week(store.RosterEntry{LastDay: day(0), CheckIn: checkIn("red", 30),
			Recovery: []store.RecoveryDay{{Day: day(-2), RPE: 5}}}), steadyLoad(),
			[]training.Attention{training.RedCheckIn, training.RecoveryTooHard}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := tt.entry
			e.Athlete, e.Today = athlete, today
			e.LoadState = stored(tt.load).State(today)
			row := rosterRow(e)
			var got []training.Attention
			for _, f := range row.Flags {
				got = append(got, f.Kind)
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("flags %v (%+v), want %v", got, row.Flags, tt.want)
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

// The dashboard's load ratio and this week's compliance are the week
// view's, to the last digit, whichever day the athlete's week starts on:
// both come from the same stored days. The ratio is also the one package
// coaching works out from the workouts themselves. Recovery done too hard
// counts for seven days, whatever the week.
func TestDashboardLoadMatchesWeekView(t *testing.T) {
	for _, sunday := range []bool{false, true} {
		a := newApp(t)
		ctx := context.Background()
		coach := a.coach("Carla Coach", "carla@example.com")
		ath, _ := a.athlete(coach, "Maya Runner", "maya@example.com")
		today := time.Date(2026, 11, 19, 0, 0, 0, 0, time.UTC) // a Thursday
		a.store.Now = func() time.Time { return today.Add(12 * time.Hour) }
		if _, err := a.store.Pool().Exec(ctx, `UPDATE athletes SET week_starts_sunday = $2, timezone = 'UTC' WHERE id = $1`, ath.ID, sunday); err != nil {
			t.Fatal(err)
		}
		for i := -95; i <= 6; i++ {
			if i%5 == 0 { // rest days, today among them: the state decays to it
				continue
			}
			minutes := 30 + ((i+200)*7)%50
			kind, status, rpe := "easy", "'done'", fmt.Sprint(3+(i+100)%5)
			switch {
			case i > 0 || i == -2: // to do; and a skipped one, due but not done
				status, rpe = "'planned'", "NULL"
				if i == -2 {
					status = "'skipped'"
				}
			case i == -3 || i == -8: // recovery run too hard: counts within seven days only
				kind, rpe = "recovery", "6"
			}
			if _, err := a.store.Pool().Exec(ctx, fmt.Sprintf(`INSERT INTO workouts (athlete_id, coach_id, day, sport, kind, title,
					planned_duration_s, status, actual_duration_s, rpe, logged_at, protected)
				VALUES ($1, $2, $3, 'run', '%s', 'Run', $4::int, %s, CASE WHEN %s = 'done' THEN $4::int END, %s,
					CASE WHEN %s = 'done' THEN now() END, %t)`, kind, status, status, rpe, status, kind == "recovery"),
				ath.ID, coach.ID, today.AddDate(0, 0, i), minutes*60); err != nil {
				t.Fatal(err)
			}
		}
		entries, err := a.store.Roster(ctx, coach, sparkDays-1, 6)
		if err != nil || len(entries) != 1 {
			t.Fatalf("roster: %v, %d entries", err, len(entries))
		}
		row := rosterRow(entries[0])
		athlete := entries[0].Athlete
		start := weekStart(athlete, today)
		list, err := a.store.Workouts(ctx, coach, ath.ID, today.AddDate(0, 0, -100), today.AddDate(0, 0, 7))
		if err != nil {
			t.Fatal(err)
		}
		var thisWeek []training.Workout
		for _, wo := range list {
			if !wo.Day.Before(start) && !wo.Day.After(start.AddDate(0, 0, 6)) {
				thisWeek = append(thisWeek, wo)
			}
		}
		days, err := a.store.Days(ctx, coach, ath.ID, start.AddDate(0, 0, -7*(rampWeeks-1)), start.AddDate(0, 0, 6))
		if err != nil {
			t.Fatal(err)
		}
		week := buildWeek(athlete, start, today, thisWeek, days, nil)
		if week.ACWR == 0 || week.ACWR != row.ACWR {
			t.Errorf("sunday %t: dashboard ratio %v, week view %v", sunday, row.ACWR, week.ACWR)
		}
		if want := coaching.ACWROn(list, today); math.Abs(week.ACWR-want) > 1e-12 {
			t.Errorf("sunday %t: week view ratio %v, from the workouts %v", sunday, week.ACWR, want)
		}
		if math.IsNaN(week.Ratio) || math.Abs(week.Ratio-row.Ratio) > 1e-12 {
			t.Errorf("sunday %t: dashboard compliance %v, week view %v", sunday, row.Ratio, week.Ratio)
		}
		var tooHard []string
		for _, f := range row.Flags {
			if f.Kind == training.RecoveryTooHard {
				tooHard = append(tooHard, f.Text)
			}
		}
		if want := "Recovery done too hard on " + today.AddDate(0, 0, -3).Format("Monday"); fmt.Sprint(tooHard) != "["+want+"]" {
			t.Errorf("sunday %t: flags %v, want %q only", sunday, tooHard, want)
		}
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
