package web

import (
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"rebound/internal/apperr"
	"rebound/internal/plan"
	"rebound/internal/store"
	"rebound/internal/units"
	"rebound/web/components"
	"rebound/web/pages/athletes"
)

var profileFields = []string{"name", "email", "timezone", "birth_year", "experience", "weekly_minutes", "weekly_run",
	"weekly_bike", "threshold_hr", "max_hr", "threshold_pace", "ftp", "units", "week_start", "notes", "tags"}

// profileForm fills the form from the stored profile.
func profileForm(a store.Athlete) *components.Form {
	f := components.NewForm()
	sys := units.System(a.Units)
	num := func(name string, v int) {
		if v != 0 {
			f.Set(name, strconv.Itoa(v))
		}
	}
	f.Set("name", a.Name)
	f.Set("email", a.Email)
	f.Set("timezone", a.Timezone)
	f.Set("experience", a.Experience)
	f.Set("sports", strings.Join(a.Sports, ","))
	f.Set("weekly_minutes", strconv.Itoa(a.WeeklyMinutes))
	num("birth_year", a.BirthYear)
	num("threshold_hr", a.ThresholdHR)
	num("max_hr", a.MaxHR)
	num("ftp", a.FTP)
	if a.WeeklyRunM > 0 {
		f.Set("weekly_run", strings.TrimSuffix(sys.Distance(a.WeeklyRunM), " "+sys.Label()))
	}
	if a.WeeklyBikeM > 0 {
		f.Set("weekly_bike", strings.TrimSuffix(sys.Distance(a.WeeklyBikeM), " "+sys.Label()))
	}
	if a.ThresholdPace > 0 {
		f.Set("threshold_pace", strings.TrimSuffix(sys.Pace(float64(a.ThresholdPace)), " /"+sys.Label()))
	}
	f.Set("units", a.Units)
	f.Set("week_start", "monday")
	if a.WeekStartsSunday {
		f.Set("week_start", "sunday")
	}
	f.Set("notes", a.Notes)
	f.Set("tags", strings.Join(a.Tags, ", "))
	return f
}

// intField reads an optional whole number in [min, max]; empty is 0.
func intField(f *components.Form, name string, min, max int, what string) int {
	n, msg := wholeNumber(f.Value(name), min, max, what)
	if msg != "" {
		f.Fail(name, msg)
	}
	return n
}

// oneOf fails a value that is not one of the choices.
func oneOf(f *components.Form, name string, choices []string) {
	if msg := choice(f.Value(name), choices); msg != "" {
		f.Fail(name, msg)
	}
}

// maxWeeklyRunM is the largest weekly run volume the database takes.
const maxWeeklyRunM = 500_000

// readProfile validates the profile form and returns the profile.
// Distances and paces are read in shown, the units the form showed them
// in: switching units must not reinterpret the numbers.
func readProfile(r *http.Request, f *components.Form, shown units.System) store.Profile {
	var sports []string
	for _, v := range r.PostForm["sports"] {
		if slices.Contains(store.Sports, v) && !slices.Contains(sports, v) {
			sports = append(sports, v)
		}
	}
	f.Values["sports"] = strings.Join(sports, ",")
	if len(sports) == 0 {
		f.Fail("sports", "Choose at least one sport.")
	}
	required(f, "name", "email", "timezone", "experience", "weekly_minutes", "units", "week_start")
	checkName(f, "name")
	checkEmail(f, "email")
	checkZone(f, "timezone")
	oneOf(f, "experience", store.Experiences)
	oneOf(f, "units", []string{"km", "mi"})
	oneOf(f, "week_start", []string{"monday", "sunday"})
	sys := shown
	p := store.Profile{
		Name: f.Value("name"), Email: f.Value("email"), Timezone: f.Value("timezone"), Sports: sports,
		Units: f.Value("units"), WeekStartsSunday: f.Value("week_start") == "sunday", Experience: f.Value("experience"),
		BirthYear:     intField(f, "birth_year", 1900, 2100, "a year"),
		WeeklyMinutes: intField(f, "weekly_minutes", 0, plan.MaxWeeklyMinutes, "minutes"),
		ThresholdHR:   intField(f, "threshold_hr", 80, 230, "a heart rate"),
		MaxHR:         intField(f, "max_hr", 100, 240, "a heart rate"),
		FTP:           intField(f, "ftp", 50, 600, "watts"),
		Notes:         f.Value("notes"),
	}
	if p.ThresholdHR > 0 && p.MaxHR > 0 && p.ThresholdHR >= p.MaxHR {
		f.Fail("threshold_hr", "The threshold heart rate must be below the maximum.")
	}
	var err error
	if p.WeeklyRunM, err = sys.ParseDistance(f.Value("weekly_run")); err != nil {
		f.Fail("weekly_run", "Enter a distance such as 40 or 42.5.")
	} else if p.WeeklyRunM > maxWeeklyRunM {
		limit := "500 km"
		if sys.Label() == "mi" {
			limit = "310 mi"
		}
		f.Fail("weekly_run", "Enter at most "+limit+" a week.")
	}
	if p.WeeklyBikeM, err = sys.ParseDistance(f.Value("weekly_bike")); err != nil {
		f.Fail("weekly_bike", "Enter a distance such as 150.")
	}
	if v := f.Value("threshold_pace"); v != "" {
		secPerKm, err := sys.ParsePace(v)
		switch {
		case err != nil:
			f.Fail("threshold_pace", "Enter a pace as min:ss, such as 4:30.")
		case secPerKm < 120 || secPerKm > 900:
			f.Fail("threshold_pace", "Enter a pace between "+strings.TrimSuffix(sys.Pace(120), " /"+sys.Label())+" and "+strings.TrimSuffix(sys.Pace(900), " /"+sys.Label())+" per "+sys.Label()+".")
		default:
			p.ThresholdPace = int(secPerKm + 0.5)
		}
	}
	if len([]rune(p.Notes)) > 4000 {
		f.Fail("notes", "Use at most 4000 characters.")
	}
	p.Tags = readTags(f, "tags")
	return p
}

func (s *Server) athleteEditForm(w http.ResponseWriter, r *http.Request) {
	_, a, err := s.visibleAthlete(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, athletes.Edit(s.page(r, "Edit "+a.Name), a, profileForm(a)))
}

func (s *Server) athleteUpdate(w http.ResponseWriter, r *http.Request) {
	coach, a, err := s.visibleAthlete(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	f, ok := s.parseForm(w, r, profileFields...)
	if !ok {
		return
	}
	p := readProfile(r, f, units.System(a.Units))
	show := func() {
		s.render(w, r, http.StatusUnprocessableEntity, athletes.Edit(s.page(r, "Edit "+a.Name), a, f))
	}
	if !f.Valid() {
		show()
		return
	}
	err = s.store.UpdateProfile(r.Context(), coach, a.ID, p)
	if errors.Is(err, store.ErrAthleteEmailTaken) {
		f.Fail("email", apperr.MessageOf(err))
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

// readTags reads a comma-separated list of tags: trimmed, inner spaces
// collapsed, duplicates (ignoring case) dropped. Two tags are the same if
// they fold alike or lower alike: the database's check compares them with
// lower(), which under a libc locale maps İ to i, as ToLower does and
// folding does not.
func readTags(f *components.Form, name string) []string {
	var tags []string
	lowered := map[string]bool{}
	for _, t := range strings.Split(f.Value(name), ",") {
		t = strings.Join(strings.Fields(t), " ")
		switch {
		case t == "" || lowered[strings.ToLower(t)] || slices.ContainsFunc(tags, func(o string) bool { return strings.EqualFold(o, t) }):
		case len([]rune(t)) > maxTagLen:
			f.Fail(name, "Keep each tag to "+strconv.Itoa(maxTagLen)+" characters.")
		default:
			tags = append(tags, t)
			lowered[strings.ToLower(t)] = true
		}
	}
	if len(tags) > maxTags {
		f.Fail(name, "Use at most "+strconv.Itoa(maxTags)+" tags.")
	}
	return tags
}
