package web

import (
	"encoding/csv"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"rebound/internal/timezone"
	"rebound/internal/training"
	"rebound/internal/units"
	"rebound/web/components"
)

// The fuzz targets of the form decoders post what the fuzzer makes up
// through the real form reading (parseForm: URL-encoded, then decoded),
// then check two things of every result: what is accepted fits the
// database's CHECK constraints (so a save never fails with a 500), and
// what was typed is kept for the re-shown form.

// postedValues reads values as a handler does (parseForm), before
// decoding them.
func postedValues(t *testing.T, values url.Values) url.Values {
	t.Helper()
	req := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(values.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	rec := httptest.NewRecorder()
	if !(&Server{}).parseForm(rec, req) {
		t.Fatalf("an encoded form was not read: %d", rec.Code)
	}
	return req.PostForm
}

// isText reports whether s can be stored in a text column as typed: valid
// UTF-8 without NUL or other control characters (tab and line breaks
// aside).
func isText(s string) bool {
	return utf8.ValidString(s) && !strings.ContainsFunc(s, isControl)
}

// checkKeptTexts fails when a field that was plain text is not kept as
// typed (trimmed, as forms keep values); fields are the form's, by name.
func checkKeptTexts(t *testing.T, fields map[string]components.Text, values url.Values) {
	t.Helper()
	for name, got := range fields {
		v := values.Get(name)
		if isText(v) && got.Value != strings.TrimSpace(v) {
			t.Fatalf("%s: typed %q, the form keeps %q", name, v, got.Value)
		}
		if !isText(v) && got.Error == "" {
			t.Fatalf("%s: %q is not text but has no error", name, v)
		}
		if !isText(got.Value) {
			t.Fatalf("%s: the form keeps %q, which is not text", name, got.Value)
		}
	}
}

// storable is a text column's CHECK: plain text, trimmed length within
// [lo, hi] characters.
func storable(s string, lo, hi int) bool {
	n := utf8.RuneCountInString(strings.Trim(s, " "))
	return isText(s) && n >= lo && n <= hi
}

// emailRE is the CHECK on users.email and athletes.email (\s read as any
// white space, the widest reading).
var emailRE = regexp.MustCompile(`^[^@\s\p{Zs}\x{85}\x{2028}\x{2029}]+@[^@\s\p{Zs}\x{85}\x{2028}\x{2029}]+$`)

func storableEmail(s string) bool {
	return isText(s) && len(s) >= 3 && len(s) <= 254 && emailRE.MatchString(s) && !strings.ContainsFunc(s, unicode.IsSpace)
}

func unitsOf(b bool) units.System {
	if b {
		return units.System("mi")
	}
	return units.System("km")
}

// FuzzReadProfile: the athlete profile form.
func FuzzReadProfile(f *testing.F) {
	f.Add("Maya Runner", "maya@example.com", "Europe/Berlin", "run", "intermediate", "240", "40", "150", "165", "185", "4:30", "250", "km", "monday", "Knee 2024", "marathon, club", false)
	f.Add(" Ana ", "ana@x", "UTC", "tri", "advanced", "3000", "500.4", "1000", "230", "240", "2:00", "600", "mi", "sunday", "", "a,A, a ,b  c", false)
	f.Add("Ana", "ana@x", "UTC", "bike", "advanced", "900", "311", "621", "170", "190", "3:13", "300", "mi", "sunday", "", "", true)
	f.Add("\x00", "@@", "Mars/Base", "bike", "pro", "-1", "1e9", "NaN", "90", "80", "15:01", "49", "m", "friday", strings.Repeat("x", 4001), strings.Repeat("t,", 9), false)
	f.Add("İ", "a@b", "Asia/Tokyo", "swim", "beginner", "0", "", "", "", "", "", "", "km", "monday", "\xff", "İ, i", false)
	f.Fuzz(func(t *testing.T, name, email, tz, sport, experience, weeklyMin, weeklyRun, weeklyBike, thresholdHR, maxHR, pace, ftp,
		unitName, weekStart, notes, tags string, shownInMiles bool) {
		values := url.Values{"name": {name}, "email": {email}, "timezone": {tz}, "sports": {sport, "run"}, "experience": {experience},
			"weekly_minutes": {weeklyMin}, "weekly_run": {weeklyRun}, "weekly_bike": {weeklyBike}, "threshold_hr": {thresholdHR},
			"max_hr": {maxHR}, "threshold_pace": {pace}, "ftp": {ftp}, "units": {unitName}, "week_start": {weekStart}, "notes": {notes}, "tags": {tags}}
		form := decodeProfile(postedValues(t, values), unitsOf(shownInMiles))
		p := form.profile
		checkKeptTexts(t, map[string]components.Text{"name": form.Name, "email": form.Email, "experience": form.Experience,
			"weekly_minutes": form.WeeklyMinutes, "weekly_run": form.WeeklyRun, "threshold_hr": form.ThresholdHR, "notes": form.Notes, "tags": form.Tags}, values)
		// A zone typed in another case or with spaces is kept in the list's
		// spelling (zone); anything else as typed.
		if got := form.Timezone.Value; isText(tz) && got != strings.TrimSpace(tz) {
			if c, ok := timezone.Canonical(tz); !ok || c != got {
				t.Fatalf("timezone: typed %q, the form keeps %q", tz, got)
			}
		}
		if !isText(tz) && form.Timezone.Error == "" || !isText(form.Timezone.Value) {
			t.Fatalf("timezone: typed %q, kept %q with error %q", tz, form.Timezone.Value, form.Timezone.Error)
		}
		if !form.Valid() {
			return
		}
		between := func(v, lo, hi int) bool { return v == 0 || (v >= lo && v <= hi) }
		switch {
		case !storable(p.Name, 1, 200):
			t.Fatalf("name %q accepted", p.Name)
		case !storableEmail(p.Email):
			t.Fatalf("e-mail %q accepted", p.Email)
		case !timezone.Valid(p.Timezone) || len(p.Timezone) > 64:
			t.Fatalf("time zone %q accepted", p.Timezone)
		case len(p.Sports) < 1 || len(p.Sports) > 5 || slices.ContainsFunc(p.Sports, func(s string) bool { return !slices.Contains(training.Sports, s) }):
			t.Fatalf("sports %q accepted", p.Sports)
		case p.Units != "km" && p.Units != "mi":
			t.Fatalf("units %q accepted", p.Units)
		case !slices.Contains(training.Experiences, p.Experience):
			t.Fatalf("experience %q accepted", p.Experience)
		case p.WeeklyMinutes < 0 || p.WeeklyMinutes > 3000:
			t.Fatalf("weekly minutes %d accepted", p.WeeklyMinutes)
		case p.WeeklyRunM < 0 || p.WeeklyRunM > 500_000:
			t.Fatalf("weekly run %d m accepted", p.WeeklyRunM)
		case p.WeeklyBikeM < 0 || p.WeeklyBikeM > 3_000_000:
			t.Fatalf("weekly bike %d m accepted", p.WeeklyBikeM)
		case !between(p.BirthYear, 1900, 2100) || !between(p.ThresholdHR, 80, 230) || !between(p.MaxHR, 100, 240) ||
			!between(p.ThresholdPace, 120, 900) || !between(p.FTP, 50, 600):
			t.Fatalf("numbers out of range accepted: %+v", p)
		case p.ThresholdHR != 0 && p.MaxHR != 0 && p.ThresholdHR >= p.MaxHR:
			t.Fatalf("threshold HR %d not below max %d accepted", p.ThresholdHR, p.MaxHR)
		case !isText(p.Notes) || utf8.RuneCountInString(p.Notes) > 4000:
			t.Fatalf("notes of %d characters accepted", utf8.RuneCountInString(p.Notes))
		}
		checkTags(t, p.Tags)
	})
}

// checkTags holds tags to the database's valid_tags: at most 8, each 1 to
// 40 characters without surrounding spaces, no two equal ignoring case
// (however the database lowers them: Go's simple folding and its
// ToLower stand for PostgreSQL's lower() under a libc or ICU locale).
func checkTags(t *testing.T, tags []string) {
	t.Helper()
	if len(tags) > maxTags {
		t.Fatalf("%d tags accepted", len(tags))
	}
	lowered := map[string]string{}
	for i, tag := range tags {
		if !storable(tag, 1, maxTagLen) || tag != strings.Trim(tag, " ") || strings.Contains(tag, ",") {
			t.Fatalf("tag %q accepted", tag)
		}
		if other, ok := lowered[strings.ToLower(tag)]; ok {
			t.Fatalf("tags %q and %q lower alike", other, tag)
		}
		lowered[strings.ToLower(tag)] = tag
		for _, other := range tags[:i] {
			if strings.EqualFold(tag, other) {
				t.Fatalf("tags %q and %q fold alike", other, tag)
			}
		}
	}
}

// FuzzReadTags: the comma-separated tags field on its own.
func FuzzReadTags(f *testing.F) {
	for _, s := range []string{"marathon, club", "a,A, a ,b  c", "", ",,,", "İ, i", "K, k", "ß, SS", strings.Repeat("x", 41), "1,2,3,4,5,6,7,8,9",
		"\u00a0tag\u00a0", "tab\there", "<b>x</b>, '; --"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		values := url.Values{"tags": {in}}
		var form components.Problems
		tag := decoder{v: postedValues(t, values), form: &form}.text("tags")
		tags := decoder{form: &form}.tags(&tag)
		checkKeptTexts(t, map[string]components.Text{"tags": tag}, values)
		if form.Valid() {
			checkTags(t, tags)
		}
	})
}

// FuzzReadPlan: the coach's workout form (new and edit).
func FuzzReadPlan(f *testing.F) {
	f.Add("2027-04-25", "run", "tempo", "3 × 10 min tempo", "50", "10", "7", "4", "Warm up 15 min", false)
	f.Add("2027-04-25", "run", "recovery", "Jog", "30", "", "3.5", "3", "", true)
	f.Add("1999-12-31", "swim", "race", " ", "1441", "1000.1", "10.05", "8", strings.Repeat("d", 4001), false)
	f.Add("2100-12-31", "other", "cross_training", "\x00", "-0", "-1", "-0", "0", "\xc3", true)
	f.Fuzz(func(t *testing.T, day, sport, kind, title, minutes, distance, rpe, zone, description string, miles bool) {
		values := url.Values{"day": {day}, "sport": {sport}, "kind": {kind}, "title": {title}, "planned_min": {minutes},
			"planned_distance": {distance}, "target_rpe": {rpe}, "target_zone": {zone}, "description": {description}}
		form := decodePlan(postedValues(t, values), unitsOf(miles))
		d, p := form.day, form.plan
		checkKeptTexts(t, map[string]components.Text{"day": form.Day, "sport": form.Sport, "kind": form.Kind, "title": form.Title,
			"planned_min": form.PlannedMin, "planned_distance": form.PlannedDistance, "target_rpe": form.TargetRPE,
			"target_zone": form.TargetZone, "description": form.Description}, values)
		if !form.Valid() {
			return
		}
		switch {
		case d.Year() < 2000 || d.Year() > 2100:
			t.Fatalf("day %v accepted", d)
		case !slices.Contains(training.Sports, p.Sport) || !slices.Contains(training.Kinds, p.Kind):
			t.Fatalf("sport %q, kind %q accepted", p.Sport, p.Kind)
		case !storable(p.Title, 1, 200):
			t.Fatalf("title %q accepted", p.Title)
		case !isText(p.Description) || utf8.RuneCountInString(p.Description) > 4000:
			t.Fatalf("description of %d characters accepted", utf8.RuneCountInString(p.Description))
		case p.PlannedDurationS < 0 || p.PlannedDurationS > 86400:
			t.Fatalf("duration %d s accepted", p.PlannedDurationS)
		case p.PlannedDistanceM < 0 || p.PlannedDistanceM > 1_000_000:
			t.Fatalf("distance %d m accepted", p.PlannedDistanceM)
		case !fitsRPE(p.TargetRPE):
			t.Fatalf("RPE %v accepted", p.TargetRPE)
		case p.TargetZone < 0 || p.TargetZone > 7:
			t.Fatalf("zone %d accepted", p.TargetZone)
		case p.Kind == "recovery" && (p.TargetRPE > 3 || p.TargetZone > 2):
			t.Fatalf("a hard recovery workout accepted: %+v", p)
		}
	})
}

// fitsRPE is numeric(3, 1) between 0 and 10: one decimal.
func fitsRPE(x float64) bool {
	return x >= 0 && x <= 10 && x*10 == float64(int(x*10))
}

// FuzzReadLog: what the athlete logs for a workout.
func FuzzReadLog(f *testing.F) {
	f.Add("done", "45", "9.2", "6", "162", "legs heavy", false)
	f.Add("skipped", "", "", "", "", "ill", true)
	f.Add("done", "0", "1e6", "10.1", "251", strings.Repeat("n", 2001), false)
	f.Add("done", "1440", "621.37", "6.5", "25", "\x00\xff", true)
	f.Add("maybe", "-5", "NaN", "Inf", "abc", "'; DROP TABLE workouts; --", false)
	f.Fuzz(func(t *testing.T, status, minutes, distance, rpe, avgHR, notes string, miles bool) {
		values := url.Values{"status": {status}, "duration_min": {minutes}, "distance": {distance}, "rpe": {rpe}, "avg_hr": {avgHR}, "notes": {notes}}
		form := decodeLog(postedValues(t, values), unitsOf(miles))
		l := form.log
		checkKeptTexts(t, map[string]components.Text{"status": form.Status, "duration_min": form.DurationMin, "distance": form.Distance,
			"rpe": form.RPE, "avg_hr": form.AvgHR, "notes": form.Notes}, values)
		if !form.Valid() {
			return
		}
		switch {
		case l.Status != "done" && l.Status != "skipped":
			t.Fatalf("status %q accepted", l.Status)
		case !isText(l.Notes) || utf8.RuneCountInString(l.Notes) > 2000:
			t.Fatalf("notes of %d characters accepted", utf8.RuneCountInString(l.Notes))
		case l.Status == "done" && (l.DurationS < 60 || l.DurationS > 86400):
			t.Fatalf("duration %d s accepted", l.DurationS)
		case l.DistanceM < 0 || l.DistanceM > 1_000_000:
			t.Fatalf("distance %d m accepted", l.DistanceM)
		case !fitsRPE(l.RPE):
			t.Fatalf("RPE %v accepted", l.RPE)
		case l.AvgHR != 0 && (l.AvgHR < 25 || l.AvgHR > 250):
			t.Fatalf("average HR %d accepted", l.AvgHR)
		}
	})
}

// FuzzReadEvent: a goal event.
func FuzzReadEvent(f *testing.F) {
	f.Add("City Half", "2027-04-25", "run", "half", "", "A", "Flat course", false)
	f.Add("Hill 30K", "2027-09-01", "run", "custom", "30", "B", "", true)
	f.Add(" ", "2101-01-01", "triathlon", "custom", "0", "D", strings.Repeat("n", 2001), false)
	f.Add("\x00", "2027-02-30", "bike", "custom", "1000.0001", "C", "\xff", false)
	f.Fuzz(func(t *testing.T, name, day, sport, kind, distance, priority, notes string, miles bool) {
		values := url.Values{"name": {name}, "day": {day}, "sport": {sport}, "kind": {kind}, "distance": {distance}, "priority": {priority}, "notes": {notes}}
		form := decodeEvent(postedValues(t, values), unitsOf(miles))
		e := form.event
		checkKeptTexts(t, map[string]components.Text{"name": form.Name, "day": form.Day, "sport": form.Sport, "kind": form.Kind,
			"distance": form.Distance, "priority": form.Priority, "notes": form.Notes}, values)
		if !form.Valid() {
			return
		}
		switch {
		case !storable(e.Name, 1, 200):
			t.Fatalf("name %q accepted", e.Name)
		case e.Day.Year() < 2000 || e.Day.Year() > 2100:
			t.Fatalf("day %v accepted", e.Day)
		case !slices.Contains(training.EventSports, e.Sport) || !slices.Contains(training.EventKinds, e.Kind):
			t.Fatalf("sport %q, kind %q accepted", e.Sport, e.Kind)
		case !slices.Contains([]string{"A", "B", "C"}, e.Priority):
			t.Fatalf("priority %q accepted", e.Priority)
		case e.Kind == "custom" && (e.DistanceM < 1 || e.DistanceM > 1_000_000):
			t.Fatalf("custom distance %d m accepted", e.DistanceM)
		case e.Kind != "custom" && e.DistanceM != 0:
			t.Fatalf("a %s event with a distance of %d m", e.Kind, e.DistanceM)
		case !isText(e.Notes) || utf8.RuneCountInString(e.Notes) > 2000:
			t.Fatalf("notes of %d characters accepted", utf8.RuneCountInString(e.Notes))
		}
	})
}

// FuzzAccountFields: the sign-up form (and the coach's invite
// acceptance, which checks the same fields).
func FuzzAccountFields(f *testing.F) {
	f.Add("Carla Coach", "carla@example.com", "kettle orbit walnut")
	f.Add(" ", "a@b", "short")
	f.Add("\x00Name", "a b@c", "password123")
	f.Add(strings.Repeat("n", 201), "a@b@c", "carla@example.com")
	f.Add("Ana", "\u00a0@x", "\xff\xfe\xfd\xfc\xfb\xfa\xf9\xf8\xf7\xf6")
	f.Fuzz(func(t *testing.T, name, email, password string) {
		values := url.Values{"name": {name}, "email": {email}, "password": {password}}
		form := decodeAccount(postedValues(t, values), "")
		checkKeptTexts(t, map[string]components.Text{"name": form.Name, "email": form.Email}, values)
		if password != "" && isText(password) && form.Password.Value != password {
			t.Fatalf("the password was changed: %q → %q", password, form.Password.Value)
		}
		if !form.Valid() {
			return
		}
		switch {
		case !storable(form.Name.Value, 1, 200):
			t.Fatalf("name %q accepted", form.Name.Value)
		case !storableEmail(form.Email.Value):
			t.Fatalf("e-mail %q accepted", form.Email.Value)
		case utf8.RuneCountInString(password) < 10 || !isText(password):
			t.Fatalf("password %q accepted", password)
		}
	})
}

// FuzzSignInFields: the sign-in form, and where a sign-in may send the
// browser next. A browser drops tabs and line breaks from a URL and reads
// a backslash as a slash; whatever next was, the place it resolves to is
// on this site.
func FuzzSignInFields(f *testing.F) {
	for _, next := range []string{"", "/", "/athletes/3?q=x#y", "//evil.example", "/\\evil.example", "/\t/evil.example", "https://evil.example/",
		"javascript:alert(1)", "/%2F/evil.example", " /x", "/\x00", "\\\\evil.example"} {
		f.Add("carla@example.com", "kettle orbit walnut", next)
	}
	base, _ := url.Parse("https://rebound.example/login")
	browser := strings.NewReplacer("\t", "", "\n", "", "\r", "", "\\", "/")
	f.Fuzz(func(t *testing.T, email, password, next string) {
		values := url.Values{"email": {email}, "password": {password}, "next": {next}}
		form, dest := decodeLogin(postedValues(t, values))
		checkKeptTexts(t, map[string]components.Text{"email": form.Email}, values)
		if (form.Email.Value == "") != (form.Email.Error != "") && isText(email) {
			t.Fatalf("e-mail %q: error %q", email, form.Email.Error)
		}
		if isText(next) && dest != localPath(strings.TrimSpace(next)) {
			t.Fatalf("next %q: the form goes to %q", next, dest)
		}
		if !isText(next) && form.Valid() {
			t.Fatalf("next %q is not text but the form is valid", next)
		}
		if !strings.HasPrefix(dest, "/") || !isText(dest) {
			t.Fatalf("next %q → %q", next, dest)
		}
		// Leading and trailing spaces and control characters, which a
		// browser trims, cannot be there: the form trims and refuses them.
		u, err := base.Parse(browser.Replace(dest))
		if err != nil || u.Scheme != "https" || u.Host != "rebound.example" {
			t.Fatalf("next %q → %q, which a browser reads as %v (%v)", next, dest, u, err)
		}
	})
}

// FuzzExportCell: a text cell of the CSV exports, written by the export's
// own writer and read back with encoding/csv, comes back as written, and
// never starts with a character a spreadsheet reads as a formula.
func FuzzExportCell(f *testing.F) {
	for _, s := range []string{"", "plain", "=1+1", "+33 6 12", "-5", "@SUM(A1)", "\tx", "\rx", "'=quoted", "a,b", `say "hi"`,
		"line\nbreak", "crlf\r\nbreak", "=HYPERLINK(\"http://evil\")", "\xff", " =x", "\ufeff=x"} {
		f.Add(s, "second")
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		rec := httptest.NewRecorder()
		req := httptest.NewRequest(http.MethodGet, "/export/workouts.csv", nil)
		out := (&Server{}).newCSV(rec, req, "x.csv", []string{"first", "second"})
		cells := []string{csvText(a), csvText(b)}
		if err := out.row(cells...); err != nil {
			t.Fatal(err)
		}
		out.finish(nil)
		for _, c := range cells {
			if c != "" && strings.ContainsRune("=+-@\t\r", rune(c[0])) {
				t.Fatalf("cell %q starts a formula", c)
			}
		}
		records, err := csv.NewReader(rec.Body).ReadAll()
		if err != nil {
			t.Fatalf("the export is not CSV: %v\n%q", err, rec.Body.String())
		}
		if len(records) != 2 || len(records[1]) != 2 {
			t.Fatalf("records %q", records)
		}
		// encoding/csv reads a quoted CRLF as LF.
		crlf := strings.NewReplacer("\r\n", "\n")
		for i, c := range cells {
			if records[1][i] != crlf.Replace(c) {
				t.Fatalf("cell %q read back as %q", c, records[1][i])
			}
		}
	})
}
