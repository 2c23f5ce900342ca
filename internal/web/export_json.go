package web

import (
	"bytes"
	"encoding/json"
	"mime"
	"net/http"
	"slices"
	"time"

	"rebound/internal/training"
)

// The JSON export of one athlete's whole record, for taking it elsewhere.
// Its shape is stable: keys are snake_case, dates YYYY-MM-DD, instants RFC
// 3339 in UTC, durations seconds and distances metres (the unit is in the
// key), an unknown value null, an empty list []. Lists are oldest first.
// A change to the shape that breaks a reader raises the version.
const (
	exportFormat  = "rebound.athlete"
	exportVersion = 1
)

type exportDoc struct {
	Format     string          `json:"format"`  // always "rebound.athlete"
	Version    int             `json:"version"` // 1
	ExportedAt string          `json:"exported_at"`
	Athlete    exportAthlete   `json:"athlete"`
	Events     []exportEvent   `json:"events"`
	Plans      []exportPlan    `json:"plans"`
	Workouts   []exportWorkout `json:"workouts"`
	CheckIns   []exportCheckIn `json:"checkins"`
	Changes    []exportChange  `json:"changes"`
}

type exportAthlete struct {
	ID                  int64    `json:"id"`
	Name                string   `json:"name"`
	Email               string   `json:"email"`
	Timezone            string   `json:"timezone"`
	Units               string   `json:"units"` // how distances are shown: km or mi
	WeekStartsSunday    bool     `json:"week_starts_sunday"`
	Sports              []string `json:"sports"`
	Experience          string   `json:"experience"`
	BirthYear           *int     `json:"birth_year"`
	WeeklyMinutes       int      `json:"weekly_minutes"`
	WeeklyRunM          *int     `json:"weekly_run_m"`
	WeeklyBikeM         *int     `json:"weekly_bike_m"`
	ThresholdHR         *int     `json:"threshold_hr_bpm"`
	MaxHR               *int     `json:"max_hr_bpm"`
	ThresholdPaceSPerKm *int     `json:"threshold_pace_s_per_km"`
	FTP                 *int     `json:"ftp_w"`
	Notes               string   `json:"notes"`
	Tags                []string `json:"tags"`
	Coach               string   `json:"coach_name"`
	CreatedAt           string   `json:"created_at"`
	ArchivedAt          *string  `json:"archived_at"`
}

type exportEvent struct {
	ID        int64  `json:"id"`
	Name      string `json:"name"`
	Date      string `json:"date"`
	Sport     string `json:"sport"`
	Kind      string `json:"kind"`
	DistanceM *int   `json:"distance_m"` // custom distances only
	Priority  string `json:"priority"`   // A, B or C
	Notes     string `json:"notes"`
}

type exportPlan struct {
	ID        int64            `json:"id"`
	EventID   *int64           `json:"event_id"`
	Sport     string           `json:"sport"`
	Start     string           `json:"start"`
	End       string           `json:"end"`
	Warnings  []string         `json:"warnings"`
	Notes     []string         `json:"notes"`
	Inputs    json.RawMessage  `json:"inputs"` // the plan form as the coach filled it in
	CreatedAt string           `json:"created_at"`
	Weeks     []exportPlanWeek `json:"weeks"`
}

type exportPlanWeek struct {
	Start         string  `json:"start"`
	Phase         string  `json:"phase"`
	Kind          string  `json:"kind"`
	TargetMinutes int     `json:"target_minutes"`
	EasyShare     float64 `json:"easy_share"` // 0–1
	Rationale     string  `json:"rationale"`
}

type exportWorkout struct {
	ID               int64    `json:"id"`
	Date             string   `json:"date"`
	Sport            string   `json:"sport"`
	Kind             string   `json:"kind"`
	Title            string   `json:"title"`
	Planned          bool     `json:"planned"` // false: logged without a plan
	Protected        bool     `json:"protected"`
	Key              bool     `json:"key"`
	PlanID           *int64   `json:"plan_id"` // null: added by hand
	Status           string   `json:"status"`  // planned, done or skipped
	PlannedDurationS *int     `json:"planned_duration_s"`
	PlannedDistanceM *int     `json:"planned_distance_m"`
	TargetRPE        *float64 `json:"target_rpe"`
	TargetZone       *int     `json:"target_zone"`
	Description      string   `json:"description"`
	DoneDurationS    *int     `json:"done_duration_s"`
	DoneDistanceM    *int     `json:"done_distance_m"`
	RPE              *float64 `json:"rpe"`
	AvgHR            *int     `json:"avg_hr_bpm"`
	Notes            string   `json:"notes"`
	LoggedAt         *string  `json:"logged_at"`
	CoachModifiedAt  *string  `json:"coach_modified_at"`
	Version          int      `json:"version"`
	// Of a workout done from a file: the load estimated from it (RPE ×
	// minutes scale), counted while rpe is null, and how ("power",
	// "heart rate", "none").
	EstimatedLoad *float64 `json:"estimated_load"`
	LoadMethod    *string  `json:"load_method"`
}

type exportCheckIn struct {
	Date          string            `json:"date"`
	Answered      bool              `json:"answered"` // false: only a wearable import's measurements
	SleepHours    *float64          `json:"sleep_hours"`
	SleepQuality  *int              `json:"sleep_quality"` // this and the next five: 1–5, 5 is best
	Fatigue       *int              `json:"fatigue"`
	Soreness      *int              `json:"soreness"`
	Stress        *int              `json:"stress"`
	Mood          *int              `json:"mood"`
	Motivation    *int              `json:"motivation"`
	SorenessAreas []string          `json:"soreness_areas"`
	RestingHR     *int              `json:"resting_hr_bpm"`
	HRV           *float64          `json:"hrv_rmssd_ms"`
	Illness       bool              `json:"illness"`
	IllnessSite   *string           `json:"illness_site"` // above_neck or below_neck; null: not said (read as below the neck)
	Injury        bool              `json:"injury"`
	InjuryAreas   []string          `json:"injury_areas"`
	Notes         string            `json:"notes"`
	Score         *int              `json:"score"` // 0–100
	Light         *string           `json:"light"` // green, amber or red
	Reasons       []training.Reason `json:"reasons"`
	UpdatedAt     string            `json:"updated_at"`
}

type exportChange struct {
	ID        int64          `json:"id"`
	WorkoutID *int64         `json:"workout_id"`
	By        string         `json:"by"`
	At        string         `json:"at"`
	Action    string         `json:"action"` // add, edit, delete, plan or undo
	Summary   string         `json:"summary"`
	Reason    string         `json:"reason"`
	Override  bool           `json:"override"` // it cut a recovery workout, with the reason as the why
	Undone    bool           `json:"undone"`
	Before    *exportWorkout `json:"before"`
	After     *exportWorkout `json:"after"`
}

// Far enough apart to hold every day a record can have.
var (
	exportFrom = time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC)
	exportTo   = time.Date(2200, 1, 1, 0, 0, 0, 0, time.UTC)
)

// exportAthleteJSON is one athlete's whole record as JSON (their coach, or
// the athlete themself), read in a fixed number of queries.
func (s *Server) exportAthleteJSON(w http.ResponseWriter, r *http.Request) {
	u, a, err := s.visibleAthlete(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	ctx := r.Context()
	doc := exportDoc{Format: exportFormat, Version: exportVersion, ExportedAt: s.store.Now().UTC().Format(time.RFC3339),
		Athlete: athleteOut(a), Events: []exportEvent{}, Plans: []exportPlan{}, Workouts: []exportWorkout{},
		CheckIns: []exportCheckIn{}, Changes: []exportChange{}}
	events, err := s.store.Events(ctx, u, a.ID)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	for _, e := range events {
		doc.Events = append(doc.Events, exportEvent{ID: e.ID, Name: e.Name, Date: e.Day.Format(time.DateOnly), Sport: e.Sport,
			Kind: e.Kind, DistanceM: orNull(e.DistanceM), Priority: e.Priority, Notes: e.Notes})
	}
	plans, err := s.store.Plans(ctx, u, a.ID)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	for _, p := range plans {
		out := exportPlan{ID: p.ID, EventID: orNull(p.EventID), Sport: p.Sport, Start: p.Start.Format(time.DateOnly),
			End: p.End.Format(time.DateOnly), Warnings: nonNilStrings(p.Warnings), Notes: nonNilStrings(p.Notes), Inputs: json.RawMessage(p.Inputs),
			CreatedAt: utcTime(p.CreatedAt), Weeks: []exportPlanWeek{}}
		for _, wk := range p.Weeks {
			out.Weeks = append(out.Weeks, exportPlanWeek{Start: wk.Start.Format(time.DateOnly), Phase: wk.Phase, Kind: wk.Kind,
				TargetMinutes: wk.TargetMinutes, EasyShare: wk.EasyShare, Rationale: wk.Rationale})
		}
		doc.Plans = append(doc.Plans, out)
	}
	workouts, err := s.store.Workouts(ctx, u, a.ID, exportFrom, exportTo)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	for _, wo := range workouts {
		doc.Workouts = append(doc.Workouts, workoutOut(wo))
	}
	checkIns, err := s.store.CheckIns(ctx, u, a.ID, exportFrom, exportTo)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	for _, c := range checkIns {
		doc.CheckIns = append(doc.CheckIns, checkInOut(c))
	}
	changes, err := s.store.Changes(ctx, u, a.ID, 1<<31-1)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	slices.Reverse(changes) // oldest first, as every list here
	for _, c := range changes {
		out := exportChange{ID: c.ID, WorkoutID: orNull(c.WorkoutID), By: c.By, At: utcTime(c.At), Action: c.Action,
			Summary: c.Summary, Reason: c.Reason, Override: c.Override, Undone: c.Undone}
		if c.Before != nil {
			b := workoutOut(*c.Before)
			out.Before = &b
		}
		if c.After != nil {
			af := workoutOut(*c.After)
			out.After = &af
		}
		doc.Changes = append(doc.Changes, out)
	}

	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil {
		s.renderError(w, r, err)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Content-Disposition", mime.FormatMediaType("attachment",
		map[string]string{"filename": exportName(a.Name, a.ID, "", s.store.Now(), "json")}))
	h.Set("Cache-Control", "private, no-store")
	_, _ = buf.WriteTo(w)
}

func athleteOut(a training.Athlete) exportAthlete {
	out := exportAthlete{ID: a.ID, Name: a.Name, Email: a.Email, Timezone: a.Timezone, Units: a.Units,
		WeekStartsSunday: a.WeekStartsSunday, Sports: nonNilStrings(a.Sports), Experience: a.Experience,
		BirthYear: orNull(a.BirthYear), WeeklyMinutes: a.WeeklyMinutes, WeeklyRunM: orNull(a.WeeklyRunM), WeeklyBikeM: orNull(a.WeeklyBikeM),
		ThresholdHR: orNull(a.ThresholdHR), MaxHR: orNull(a.MaxHR), ThresholdPaceSPerKm: orNull(a.ThresholdPace), FTP: orNull(a.FTP),
		Notes: a.Notes, Tags: nonNilStrings(a.Tags), Coach: a.CoachName, CreatedAt: utcTime(a.CreatedAt)}
	if a.ArchivedAt != nil {
		at := utcTime(*a.ArchivedAt)
		out.ArchivedAt = &at
	}
	return out
}

func workoutOut(w training.Workout) exportWorkout {
	out := exportWorkout{ID: w.ID, Date: w.Day.Format(time.DateOnly), Sport: w.Sport, Kind: w.Kind, Title: w.Title,
		Planned: w.Planned, Protected: w.Protected, Key: w.Key, PlanID: orNull(w.PlanID), Status: w.Status,
		PlannedDurationS: orNull(w.PlannedDurationS), PlannedDistanceM: orNull(w.PlannedDistanceM), TargetRPE: orNull(w.TargetRPE),
		TargetZone: orNull(w.TargetZone), Description: w.Description, Notes: w.Log.Notes,
		LoggedAt: utcTimeOrNull(w.LoggedAt), CoachModifiedAt: utcTimeOrNull(w.ModifiedAt), Version: w.Version}
	if w.Status == "done" {
		d, rpe := w.Log.DurationS, w.Log.RPE
		out.DoneDurationS = &d
		if !w.Log.Unrated {
			out.RPE = &rpe
		}
		if w.Log.LoadMethod != "" {
			est, method := w.Log.EstimatedLoad, w.Log.LoadMethod
			out.EstimatedLoad, out.LoadMethod = &est, &method
		}
		out.DoneDistanceM, out.AvgHR = orNull(w.Log.DistanceM), orNull(w.Log.AvgHR)
	}
	return out
}

func checkInOut(c training.CheckIn) exportCheckIn {
	out := exportCheckIn{Date: c.Day.Format(time.DateOnly), Answered: c.Answered, SleepHours: orNull(c.SleepHours),
		SorenessAreas: nonNilStrings(c.SorenessAreas), RestingHR: orNull(c.RestingHR), HRV: orNull(c.HRV),
		Illness: c.Illness, IllnessSite: orNull(c.IllnessSite), Injury: c.Injury, InjuryAreas: nonNilStrings(c.InjuryAreas),
		Notes: c.Notes, Reasons: c.Reasons, UpdatedAt: utcTime(c.UpdatedAt)}
	if out.Reasons == nil {
		out.Reasons = []training.Reason{}
	}
	if c.Answered {
		sleep, score, light := c.SleepHours, c.Score, c.Light
		out.SleepHours, out.Score, out.Light = &sleep, &score, &light
		out.SleepQuality, out.Fatigue, out.Soreness = orNull(c.SleepQuality), orNull(c.Fatigue), orNull(c.Soreness)
		out.Stress, out.Mood, out.Motivation = orNull(c.Stress), orNull(c.Mood), orNull(c.Motivation)
	}
	return out
}

// orNull is v, or null for the zero value ("not known" in the store).
func orNull[T comparable](v T) *T {
	var zero T
	if v == zero {
		return nil
	}
	return &v
}

func utcTime(t time.Time) string { return t.UTC().Format(time.RFC3339) }

func utcTimeOrNull(t *time.Time) *string {
	if t == nil {
		return nil
	}
	s := utcTime(*t)
	return &s
}

func nonNilStrings(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
