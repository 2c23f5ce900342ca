package web

import (
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"rebound/internal/apperr"
	"rebound/internal/plan"
	"rebound/internal/store"
	"rebound/internal/training"
	"rebound/internal/units"
	"rebound/web/components"
	"rebound/web/pages/athletes"
)

// profileFieldsOf fills the form from the stored profile.
func profileFieldsOf(a training.Athlete) athletes.ProfileFields {
	var f athletes.ProfileFields
	sys := units.System(a.Units)
	num := func(t *components.Text, v int) {
		if v != 0 {
			t.Value = strconv.Itoa(v)
		}
	}
	// Trimmed as a posted form keeps them.
	f.Name.Value, f.Email.Value, f.Notes.Value = strings.TrimSpace(a.Name), strings.TrimSpace(a.Email), strings.TrimSpace(a.Notes)
	f.Timezone.Value, f.Experience.Value = a.Timezone, a.Experience
	f.Sports.Value = strings.Join(a.Sports, ",")
	f.WeeklyMinutes.Value = strconv.Itoa(a.WeeklyMinutes)
	num(&f.BirthYear, a.BirthYear)
	num(&f.ThresholdHR, a.ThresholdHR)
	num(&f.MaxHR, a.MaxHR)
	num(&f.FTP, a.FTP)
	if a.WeeklyRunM > 0 {
		f.WeeklyRun.Value = strings.TrimSuffix(sys.Distance(a.WeeklyRunM), " "+sys.Label())
	}
	if a.WeeklyBikeM > 0 {
		f.WeeklyBike.Value = strings.TrimSuffix(sys.Distance(a.WeeklyBikeM), " "+sys.Label())
	}
	if a.ThresholdPace > 0 {
		f.ThresholdPace.Value = strings.TrimSuffix(sys.Pace(float64(a.ThresholdPace)), " /"+sys.Label())
	}
	f.Units.Value = a.Units
	f.WeekStart.Value = "monday"
	if a.WeekStartsSunday {
		f.WeekStart.Value = "sunday"
	}
	f.Tags.Value = strings.Join(a.Tags, ", ")
	return f
}

// maxWeeklyRunM is the largest weekly run volume the database takes.
const maxWeeklyRunM = 500_000

// profileForm is the profile form as posted: what was typed, to show
// again, and the profile once valid.
type profileForm struct {
	athletes.ProfileFields
	profile training.Profile
}

// decodeProfile reads and checks the profile form. Distances and paces
// are read in shown, the units the form showed them in: switching units
// must not reinterpret the numbers.
func decodeProfile(v url.Values, shown units.System) profileForm {
	var f profileForm
	d := decoder{v: v, form: &f.Problems}
	var sports []string
	for _, v := range v["sports"] {
		if slices.Contains(training.Sports, v) && !slices.Contains(sports, v) {
			sports = append(sports, v)
		}
	}
	f.Sports.Value = strings.Join(sports, ",")
	if len(sports) == 0 {
		f.Fail(&f.Sports, "Choose at least one sport.")
	}
	f.Name, f.Email, f.Timezone, f.BirthYear, f.Experience = d.text("name"), d.text("email"), d.text("timezone"), d.text("birth_year"), d.text("experience")
	f.WeeklyMinutes, f.WeeklyRun, f.WeeklyBike = d.text("weekly_minutes"), d.text("weekly_run"), d.text("weekly_bike")
	f.ThresholdHR, f.MaxHR, f.ThresholdPace, f.FTP = d.text("threshold_hr"), d.text("max_hr"), d.text("threshold_pace"), d.text("ftp")
	f.Units, f.WeekStart, f.Notes, f.Tags = d.text("units"), d.text("week_start"), d.text("notes"), d.text("tags")
	d.required(&f.Name, &f.Email, &f.Timezone, &f.Experience, &f.WeeklyMinutes, &f.Units, &f.WeekStart)
	d.maxLength(&f.Name, 200)
	d.email(&f.Email)
	d.zone(&f.Timezone)
	d.oneOf(&f.Experience, training.Experiences)
	d.oneOf(&f.Units, []string{"km", "mi"})
	d.oneOf(&f.WeekStart, []string{"monday", "sunday"})
	sys := shown
	p := training.Profile{
		Name: f.Name.Value, Email: f.Email.Value, Timezone: f.Timezone.Value, Sports: sports,
		Units: f.Units.Value, WeekStartsSunday: f.WeekStart.Value == "sunday", Experience: f.Experience.Value,
		BirthYear:     d.int(&f.BirthYear, 1900, 2100, "a year"),
		WeeklyMinutes: d.int(&f.WeeklyMinutes, 0, plan.MaxWeeklyMinutes, "minutes"),
		ThresholdHR:   d.int(&f.ThresholdHR, 80, 230, "a heart rate"),
		MaxHR:         d.int(&f.MaxHR, 100, 240, "a heart rate"),
		FTP:           d.int(&f.FTP, 50, 600, "watts"),
		Notes:         f.Notes.Value,
	}
	if p.ThresholdHR > 0 && p.MaxHR > 0 && p.ThresholdHR >= p.MaxHR {
		f.Fail(&f.ThresholdHR, "The threshold heart rate must be below the maximum.")
	}
	var err error
	if p.WeeklyRunM, err = sys.ParseDistance(f.WeeklyRun.Value); err != nil {
		f.Fail(&f.WeeklyRun, "Enter a distance such as 40 or 42.5.")
	} else if p.WeeklyRunM > maxWeeklyRunM {
		limit := "500 km"
		if sys.Label() == "mi" {
			limit = "310 mi"
		}
		f.Fail(&f.WeeklyRun, "Enter at most "+limit+" a week.")
	}
	p.WeeklyBikeM = d.distance(&f.WeeklyBike, sys, "150")
	if v := f.ThresholdPace.Value; v != "" {
		secPerKm, err := sys.ParsePace(v)
		switch {
		case err != nil:
			f.Fail(&f.ThresholdPace, "Enter a pace as min:ss, such as 4:30.")
		case secPerKm < 120 || secPerKm > 900:
			f.Fail(&f.ThresholdPace, "Enter a pace between "+strings.TrimSuffix(sys.Pace(120), " /"+sys.Label())+" and "+strings.TrimSuffix(sys.Pace(900), " /"+sys.Label())+" per "+sys.Label()+".")
		default:
			p.ThresholdPace = int(secPerKm + 0.5)
		}
	}
	d.maxLength(&f.Notes, 4000)
	p.Tags = d.tags(&f.Tags)
	f.profile = p
	return f
}

func (s *Server) athleteEditForm(w http.ResponseWriter, r *http.Request) {
	_, a, err := s.visibleAthlete(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, athletes.Edit(s.page(r, "Edit "+a.Name), a, profileFieldsOf(a)))
}

func (s *Server) athleteUpdate(w http.ResponseWriter, r *http.Request) {
	coach, a, err := s.visibleAthlete(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if !s.parseForm(w, r) {
		return
	}
	f := decodeProfile(r.PostForm, units.System(a.Units))
	p := f.profile
	show := func() {
		s.render(w, r, http.StatusUnprocessableEntity, athletes.Edit(s.page(r, "Edit "+a.Name), a, f.ProfileFields))
	}
	if !f.Valid() {
		show()
		return
	}
	err = s.store.UpdateProfile(r.Context(), coach, a.ID, p)
	if errors.Is(err, store.ErrAthleteEmailTaken) {
		f.Fail(&f.Email, apperr.MessageOf(err))
		show()
		return
	}
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.redirect(w, r, athletePath(a.ID), "The profile is saved.")
}

func (s *Server) athleteArchive(w http.ResponseWriter, r *http.Request) {
	s.setArchived(w, r, true)
}

func (s *Server) athleteRestore(w http.ResponseWriter, r *http.Request) {
	s.setArchived(w, r, false)
}

func (s *Server) setArchived(w http.ResponseWriter, r *http.Request, archived bool) {
	coach, a, err := s.visibleAthlete(r)
	if err == nil {
		err = s.store.SetArchived(r.Context(), coach, a.ID, archived)
	}
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if archived {
		s.redirect(w, r, athletePath(a.ID), a.Name+" is archived: off the roster, with everything kept.")
		return
	}
	s.redirect(w, r, athletePath(a.ID), a.Name+" is back on the roster.")
}

// Tag limits, as the database checks them.
const (
	maxTags   = 8
	maxTagLen = 40
)

// tagList reads a comma-separated list of tags: trimmed, inner spaces
// collapsed, duplicates (ignoring case) dropped. Two tags are the same if
// they fold alike or lower alike: the database's check compares them with
// lower(), which under a libc locale maps İ to i, as ToLower does and
// folding does not.
func tagList(v string) (tags []string, msg string) {
	lowered := map[string]bool{}
	for _, t := range strings.Split(v, ",") {
		t = strings.Join(strings.Fields(t), " ")
		switch {
		case t == "" || lowered[strings.ToLower(t)] || slices.ContainsFunc(tags, func(o string) bool { return strings.EqualFold(o, t) }):
		case len([]rune(t)) > maxTagLen:
			if msg == "" {
				msg = "Keep each tag to " + strconv.Itoa(maxTagLen) + " characters."
			}
		default:
			tags = append(tags, t)
			lowered[strings.ToLower(t)] = true
		}
	}
	if len(tags) > maxTags && msg == "" {
		msg = "Use at most " + strconv.Itoa(maxTags) + " tags."
	}
	return tags, msg
}
