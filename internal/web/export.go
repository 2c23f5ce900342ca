package web

import (
	"encoding/csv"
	"fmt"
	"math"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/go-chi/chi/v5/middleware"

	"rebound/internal/store"
	"rebound/internal/training"
)

// The CSV exports: one row per record, a header row naming each column
// with its unit (SI: minutes, kilometres), dates as YYYY-MM-DD and times
// as RFC 3339 in UTC. The per-athlete and the all-athletes files have the
// same columns.
var (
	checkInHeader = []string{"athlete_id", "athlete_name", "date", "answered", "sleep_hours",
		"sleep_quality_1_5", "fatigue_1_5", "soreness_1_5", "stress_1_5", "mood_1_5", "motivation_1_5",
		"soreness_areas", "resting_hr_bpm", "hrv_rmssd_ms", "illness", "illness_site", "injury", "injury_areas", "score_0_100",
		"light", "reasons", "notes", "updated_at"}
	workoutHeader = []string{"athlete_id", "athlete_name", "workout_id", "date", "sport", "kind", "title",
		"planned", "protected", "key", "status", "planned_duration_min", "planned_distance_km", "target_rpe", "target_zone",
		"description", "done_duration_min", "done_distance_km", "rpe", "avg_hr_bpm", "notes", "logged_at",
		"coach_modified_at", "version", "updated_at", "estimated_load", "load_method"}
)

// exportAthleteCheckIns is one athlete's check-ins as CSV (their coach,
// or the athlete themself).
func (s *Server) exportAthleteCheckIns(w http.ResponseWriter, r *http.Request) {
	u, a, err := s.visibleAthlete(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.exportCheckIns(w, r, u, a.ID, exportName(a.Name, a.ID, "checkins", s.store.Now(), "csv"))
}

// exportAllCheckIns is the check-ins of all the coach's athletes as CSV.
func (s *Server) exportAllCheckIns(w http.ResponseWriter, r *http.Request) {
	u, _ := viewer(r.Context())
	s.exportCheckIns(w, r, u, 0, exportName("", 0, "checkins", s.store.Now(), "csv"))
}

func (s *Server) exportCheckIns(w http.ResponseWriter, r *http.Request, u store.User, athleteID int64, filename string) {
	out := s.newCSV(w, r, filename, checkInHeader)
	out.finish(s.store.EachCheckIn(r.Context(), u, athleteID, func(name string, c training.CheckIn) error {
		answered := func(v int) string { return csvInt(v, c.Answered) }
		reasons := make([]string, len(c.Reasons))
		for i, rs := range c.Reasons {
			reasons[i] = rs.Text
		}
		return out.row(csvID(c.AthleteID), csvText(name), csvDate(c.Day), strconv.FormatBool(c.Answered),
			csvFloat(c.SleepHours, c.Answered || c.SleepHours > 0),
			answered(c.SleepQuality), answered(c.Fatigue), answered(c.Soreness), answered(c.Stress), answered(c.Mood), answered(c.Motivation),
			csvText(strings.Join(c.SorenessAreas, "|")), csvInt(c.RestingHR, c.RestingHR > 0), csvFloat(c.HRV, c.HRV > 0),
			strconv.FormatBool(c.Illness), csvText(c.IllnessSite), strconv.FormatBool(c.Injury), csvText(strings.Join(c.InjuryAreas, "|")),
			answered(c.Score), csvText(c.Light), csvText(strings.Join(reasons, "; ")),
			csvText(c.Notes), csvTime(&c.UpdatedAt))
	}))
}

// exportAthleteWorkouts is one athlete's workouts as CSV (their coach, or
// the athlete themself).
func (s *Server) exportAthleteWorkouts(w http.ResponseWriter, r *http.Request) {
	u, a, err := s.visibleAthlete(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.exportWorkouts(w, r, u, a.ID, exportName(a.Name, a.ID, "workouts", s.store.Now(), "csv"))
}

// exportAllWorkouts is the workouts of all the coach's athletes as CSV.
func (s *Server) exportAllWorkouts(w http.ResponseWriter, r *http.Request) {
	u, _ := viewer(r.Context())
	s.exportWorkouts(w, r, u, 0, exportName("", 0, "workouts", s.store.Now(), "csv"))
}

func (s *Server) exportWorkouts(w http.ResponseWriter, r *http.Request, u store.User, athleteID int64, filename string) {
	out := s.newCSV(w, r, filename, workoutHeader)
	out.finish(s.store.EachWorkout(r.Context(), u, athleteID, func(name string, f store.FeedWorkout) error {
		wo := f.Workout
		done := wo.Status == "done"
		return out.row(csvID(wo.AthleteID), csvText(name), csvID(wo.ID), csvDate(wo.Day), csvText(wo.Sport), csvText(wo.Kind), csvText(wo.Title),
			strconv.FormatBool(wo.Planned), strconv.FormatBool(wo.Protected), strconv.FormatBool(wo.Key), csvText(wo.Status),
			csvMinutes(wo.PlannedDurationS, wo.PlannedDurationS > 0), csvKm(wo.PlannedDistanceM, wo.PlannedDistanceM > 0),
			csvFloat(wo.TargetRPE, wo.TargetRPE > 0), csvInt(wo.TargetZone, wo.TargetZone > 0), csvText(wo.Description),
			csvMinutes(wo.Log.DurationS, done), csvKm(wo.Log.DistanceM, done && wo.Log.DistanceM > 0),
			csvFloat(wo.Log.RPE, done && !wo.Log.Unrated), csvInt(wo.Log.AvgHR, wo.Log.AvgHR > 0), csvText(wo.Log.Notes),
			csvTime(wo.LoggedAt), csvTime(wo.ModifiedAt), strconv.Itoa(wo.Version), csvTime(&f.UpdatedAt),
			csvFloat(wo.Log.EstimatedLoad, done && wo.Log.LoadMethod != ""), csvText(wo.Log.LoadMethod))
	}))
}

// csvOut streams a CSV download: the header row goes out with the first
// row (or at the end, for an empty file), so a failure before any row
// still gets the error page.
type csvOut struct {
	s        *Server
	w        http.ResponseWriter
	r        *http.Request
	cw       *csv.Writer
	filename string
	header   []string
	started  bool
}

func (s *Server) newCSV(w http.ResponseWriter, r *http.Request, filename string, header []string) *csvOut {
	return &csvOut{s: s, w: w, r: r, cw: csv.NewWriter(w), filename: filename, header: header}
}

func (o *csvOut) start() error {
	o.started = true
	h := o.w.Header()
	h.Set("Content-Type", "text/csv; charset=utf-8")
	h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": o.filename}))
	h.Set("Cache-Control", "private, no-store")
	o.w.WriteHeader(http.StatusOK)
	return o.cw.Write(o.header)
}

func (o *csvOut) row(cells ...string) error {
	if !o.started {
		if err := o.start(); err != nil {
			return err
		}
	}
	return o.cw.Write(cells) // csv.Writer buffers, and writes through as its buffer fills
}

// finish ends the file. An error before the first row is the error page;
// one after it can no longer change the status, so the response is cut
// off (the download fails rather than looking complete) and logged.
func (o *csvOut) finish(err error) {
	if err == nil && !o.started {
		err = o.start()
	}
	if err == nil {
		o.cw.Flush()
		err = o.cw.Error()
	}
	if err == nil {
		return
	}
	if !o.started {
		o.s.renderError(o.w, o.r, err)
		return
	}
	o.s.logger.ErrorContext(o.r.Context(), "export cut off", "err", err, "file", o.filename,
		"request_id", middleware.GetReqID(o.r.Context()))
	panic(http.ErrAbortHandler)
}

// csvText is a cell of text a user typed, neutralised for spreadsheets
// (OWASP, "CSV Injection"): a cell starting with =, +, -, @, a tab or a
// carriage return would be read as a formula, so it gets a leading single
// quote. Numbers we write ourselves do not go through it.
func csvText(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

func csvID(n int64) string { return strconv.FormatInt(n, 10) }

func csvDate(t time.Time) string { return t.Format(time.DateOnly) }

// csvTime is an instant in RFC 3339, UTC; empty for none.
func csvTime(t *time.Time) string {
	if t == nil || t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

func csvInt(v int, show bool) string {
	if !show {
		return ""
	}
	return strconv.Itoa(v)
}

func csvFloat(v float64, show bool) string {
	if !show {
		return ""
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// csvMinutes is seconds as minutes, to two decimals at most.
func csvMinutes(seconds int, show bool) string {
	return csvFloat(math.Round(float64(seconds)/60*100)/100, show)
}

func csvKm(metres int, show bool) string { return csvFloat(float64(metres)/1000, show) }

// exportName is a download's file name: rebound-maya-runner-checkins-2026-11-23.csv,
// or without a name rebound-checkins-2026-11-23.csv.
func exportName(name string, athleteID int64, what string, now time.Time, ext string) string {
	parts := []string{"rebound"}
	if athleteID != 0 {
		slug := slugOf(name)
		if slug == "" {
			slug = "athlete-" + csvID(athleteID)
		}
		parts = append(parts, slug)
	}
	if what != "" {
		parts = append(parts, what)
	}
	return fmt.Sprintf("%s-%s.%s", strings.Join(parts, "-"), now.UTC().Format(time.DateOnly), ext)
}

// slugOf keeps the ASCII letters and digits of a name, lower case, with
// single dashes between words.
func slugOf(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(name) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		} else {
			dash = true
		}
	}
	return b.String()
}
