package web

import (
	"context"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// Words per reader: the athlete reads a reason as written to them, the
// coach reads it about the athlete, on the dashboard, the athlete page and
// the check-ins.
func TestReasonsSpeakToTheirReader(t *testing.T) {
	a := newApp(t)
	ca := a.coach("Carla Coach", "carla@example.com")
	ath, mayaUser := a.athlete(ca, "Maya Runner", "maya@example.com")
	stableMonth(t, a, mayaUser, ath.ID)
	maya := a.signedIn("maya@example.com")
	// Resting HR 62 against a 28-day baseline of about 50: red.
	maya.post("/checkin", checkInForm("7.5", fine, "resting_hr", "62"))
	if page := maya.get("/checkin").Body; !strings.Contains(page, "above your 28-day baseline") {
		t.Error("the athlete does not read the reason written to them")
	}
	coach := a.signedIn("carla@example.com")
	for _, path := range []string{"/", athletePath(ath.ID), athletePath(ath.ID) + "/checkins"} {
		page := coach.get(path).Body
		if !strings.Contains(page, "above their 28-day baseline") || strings.Contains(page, "above your") {
			t.Errorf("the coach's %s does not speak of the athlete", path)
		}
	}
}

// The week view: the athlete reads no coach's metrics (monotony, strain,
// acute:chronic), the coach does; both read fitness · fatigue · form of
// one day, named, with form = fitness − fatigue.
func TestWeekLoadFiguresPerReader(t *testing.T) {
	a := newApp(t)
	ca := a.coach("Carla Coach", "carla@example.com")
	ath, _ := a.athlete(ca, "Maya Runner", "maya@example.com")
	start := weekStart(ath, berlinDay(t, -7))
	if _, err := a.store.Pool().Exec(context.Background(), `
		INSERT INTO workouts (athlete_id, coach_id, day, sport, kind, title, planned, status, actual_duration_s, rpe, logged_at)
		SELECT $1, $2, $3::date + i, 'run', 'easy', 'Run', false, 'done', 2700 + 600 * (i % 3), 4 + i % 4, now() FROM generate_series(-40, 6) i`,
		ath.ID, ca.ID, start); err != nil {
		t.Fatal(err)
	}
	path := athletePath(ath.ID) + "/weeks/" + start.Format(time.DateOnly)
	figures := regexp.MustCompile(`<dt>Fitness · fatigue · form</dt><dd>(\d+) · (\d+) · ([+-]\d+) <small>end of ([^;]+); form = fitness − fatigue</small>`)
	for _, reader := range []string{"carla@example.com", "maya@example.com"} {
		page := a.signedIn(reader).get(path).Body
		coachOnly := strings.Contains(page, "<dt>Monotony</dt>") && strings.Contains(page, "<dt>Strain</dt>") && strings.Contains(page, "acute:chronic")
		if coachOnly != (reader == "carla@example.com") {
			t.Errorf("%s: monotony, strain and acute:chronic shown: %v", reader, coachOnly)
		}
		m := figures.FindStringSubmatch(page)
		if m == nil {
			t.Fatalf("%s: no fitness · fatigue · form of a named day", reader)
		}
		ctl, _ := strconv.Atoi(m[1])
		atl, _ := strconv.Atoi(m[2])
		form, _ := strconv.Atoi(m[3])
		if ctl-atl != form || m[4] != start.AddDate(0, 0, 6).Format("Mon 2 Jan") {
			t.Errorf("%s: %s · %s · %s at the end of %s: form is not fitness − fatigue of the week's last day", reader, m[1], m[2], m[3], m[4])
		}
	}
}
