package web

import (
	"net/url"
	"slices"
	"strings"
	"testing"

	"rebound/internal/training"
	"rebound/web/components"
	"rebound/web/pages/checkin"
)

// checkInByName is the check-in form's fields by their names in the page.
func checkInByName(f checkin.CheckInFields) map[string]components.Text {
	m := map[string]components.Text{"sleep_hours": f.SleepHours, "illness": f.Illness, "illness_site": f.IllnessSite, "injury": f.Injury,
		"injury_areas": f.InjuryAreas, "resting_hr": f.RestingHR, "hrv_rmssd": f.HRV, "soreness_areas": f.SorenessAreas, "notes": f.Notes}
	for i, name := range checkInItems {
		m[name] = f.Answers[i]
	}
	return m
}

// checkInErrors is the check-in form's errors by field name.
func checkInErrors(f checkin.CheckInFields) map[string]string {
	errs := map[string]string{}
	for name, t := range checkInByName(f) {
		if t.Error != "" {
			errs[name] = t.Error
		}
	}
	return errs
}

func TestDecodeCheckIn(t *testing.T) {
	good := url.Values{"sleep_hours": {"7:30"}, "sleep_quality": {"4"}, "fatigue": {"3"}, "soreness": {"2"}, "stress": {"5"},
		"mood": {"4"}, "motivation": {"5"}, "soreness_areas": {"calves", "calves", ""}, "resting_hr": {"48"},
		"hrv_rmssd": {"72,35"}, "illness": {"on"}, "illness_site": {"above_neck"}, "injury": {"on"},
		"injury_areas": {"knees", "lower_back", "knees"}, "notes": {" slept badly "}, "unknown": {"ignored"}}
	c, f := decodeCheckIn(good)
	if !f.Valid() {
		t.Fatalf("errors: %v", checkInErrors(f))
	}
	if c.SleepHours != 7.5 || c.SleepQuality != 4 || c.Soreness != 2 || c.RestingHR != 48 || c.HRV != 72.4 || !c.Illness ||
		c.IllnessSite != "above_neck" || !c.Injury || !slices.Equal(c.InjuryAreas, []string{"knees", "lower_back"}) ||
		c.Notes != "slept badly" || !slices.Equal(c.SorenessAreas, []string{"calves"}) {
		t.Fatalf("decoded %+v", c)
	}
	for _, tc := range []struct {
		field, value string
	}{
		{"sleep_hours", ""}, {"sleep_hours", "25"}, {"sleep_hours", "7.3"}, {"sleep_hours", "-1"}, {"sleep_hours", "7:70"}, {"sleep_hours", "NaN"},
		{"fatigue", ""}, {"fatigue", "0"}, {"fatigue", "6"}, {"fatigue", "3.5"},
		{"resting_hr", "24"}, {"resting_hr", "221"}, {"hrv_rmssd", "0.5"}, {"hrv_rmssd", "301"}, {"hrv_rmssd", "Inf"},
		{"hrv_rmssd", "4.1"}, {"hrv_rmssd", "6,95"}, // ln(rMSSD), not ms
		{"illness_site", "left_ear"}, {"soreness_areas", "elbows"}, {"injury_areas", "elbows"},
		{"notes", strings.Repeat("x", 2001)},
	} {
		v := url.Values{}
		for k, vs := range good {
			v[k] = vs
		}
		v.Set(tc.field, tc.value)
		_, f := decodeCheckIn(v)
		if checkInByName(f)[tc.field].Error == "" {
			t.Errorf("%s=%q accepted", tc.field, tc.value)
		}
		if checkInByName(f)[tc.field].Value != tc.value && tc.value != "" {
			t.Errorf("%s: the typed %q was not kept (%q)", tc.field, tc.value, checkInByName(f)[tc.field].Value)
		}
	}
	if _, f := decodeCheckIn(with(good, "hrv_rmssd", "4.1")); !strings.Contains(checkInByName(f)["hrv_rmssd"].Error, "ln(rMSSD)") ||
		!strings.Contains(checkInByName(f)["hrv_rmssd"].Error, "about 60 ms") {
		t.Errorf("4.1 ms: %q", checkInByName(f)["hrv_rmssd"].Error)
	}
}

// with is v with field set to values.
func with(v url.Values, field string, values ...string) url.Values {
	out := url.Values{}
	for k, vs := range v {
		out[k] = vs
	}
	out[field] = values
	return out
}

// Where it is ill or hurts belongs to the illness or injury: without them
// it is ignored (the questions are hidden), and an illness without a site
// is stored without one. A whole number under 7 is a (low) rMSSD in ms.
func TestDecodeCheckInFollowUps(t *testing.T) {
	good := url.Values{"sleep_hours": {"8"}, "sleep_quality": {"4"}, "fatigue": {"4"}, "soreness": {"4"}, "stress": {"4"},
		"mood": {"4"}, "motivation": {"4"}}
	for _, tc := range []struct {
		name   string
		values url.Values
		check  func(c training.CheckIn) bool
		kept   map[string]string // what the form keeps
	}{
		{"a site without illness", with(good, "illness_site", "below_neck"),
			func(c training.CheckIn) bool { return !c.Illness && c.IllnessSite == "" }, map[string]string{"illness_site": "below_neck"}},
		{"an unknown site without illness", with(good, "illness_site", "left_ear"),
			func(c training.CheckIn) bool { return c.IllnessSite == "" }, nil},
		{"illness without a site", with(good, "illness", "on"),
			func(c training.CheckIn) bool { return c.Illness && c.IllnessSite == "" }, nil},
		{"below the neck", with(with(good, "illness", "on"), "illness_site", "below_neck"),
			func(c training.CheckIn) bool { return c.IllnessSite == "below_neck" }, nil},
		{"areas without injury, unknown ones too", with(good, "injury_areas", "knees", "elbows"),
			func(c training.CheckIn) bool { return !c.Injury && c.InjuryAreas == nil }, map[string]string{"injury_areas": "knees"}},
		{"injury without areas", with(good, "injury", "on"),
			func(c training.CheckIn) bool { return c.Injury && len(c.InjuryAreas) == 0 }, nil},
		{"HRV 5 ms", with(good, "hrv_rmssd", "5"), func(c training.CheckIn) bool { return c.HRV == 5 }, nil},
		{"HRV 7.5 ms", with(good, "hrv_rmssd", "7.5"), func(c training.CheckIn) bool { return c.HRV == 7.5 }, nil},
	} {
		c, f := decodeCheckIn(tc.values)
		if !f.Valid() || !tc.check(c) {
			t.Errorf("%s: %+v, errors %v", tc.name, c, checkInErrors(f))
		}
		for k, v := range tc.kept {
			if checkInByName(f)[k].Value != v {
				t.Errorf("%s: the form keeps %s %q, want %q", tc.name, k, checkInByName(f)[k].Value, v)
			}
		}
	}
	// Unknown areas are refused next to the field, the form keeping what
	// was ticked.
	_, f := decodeCheckIn(with(with(good, "injury", "on"), "injury_areas", "knees", "elbows"))
	if checkInByName(f)["injury_areas"].Error == "" || checkInByName(f)["injury_areas"].Value != "knees,elbows" {
		t.Errorf("unknown injury area: %q, kept %q", checkInByName(f)["injury_areas"].Error, checkInByName(f)["injury_areas"].Value)
	}
}

// FuzzDecodeCheckIn: whatever is posted, decoding never panics, and what
// it accepts is within the ranges the database allows.
func FuzzDecodeCheckIn(f *testing.F) {
	f.Add("7.5", "4", "3", "48", "65.2", "on")
	f.Add("7:30", "5", "1", "", "", "")
	f.Add("24", "0", "6", "221", "300.05", "true")
	f.Add("1e300", "-1", "9999999999999999999", "NaN", "-Inf", "\x00")
	f.Fuzz(func(t *testing.T, sleep, quality, fatigue, rhr, hrv, ill string) {
		c, form := decodeCheckIn(url.Values{"sleep_hours": {sleep}, "sleep_quality": {quality}, "fatigue": {fatigue},
			"soreness": {quality}, "stress": {fatigue}, "mood": {quality}, "motivation": {fatigue},
			"resting_hr": {rhr}, "hrv_rmssd": {hrv}, "illness": {ill}, "soreness_areas": {ill, "knees"},
			"illness_site": {rhr}, "injury": {quality}, "injury_areas": {"calves", hrv}})
		if !form.Valid() {
			return
		}
		in := func(x, lo, hi float64) bool { return x >= lo && x <= hi }
		if !in(c.SleepHours, 0, 24) || c.SleepHours*4 != float64(int(c.SleepHours*4)) {
			t.Fatalf("sleep %v accepted", c.SleepHours)
		}
		for _, n := range []int{c.SleepQuality, c.Fatigue, c.Soreness, c.Stress, c.Mood, c.Motivation} {
			if n < 1 || n > 5 {
				t.Fatalf("item %d accepted", n)
			}
		}
		if c.RestingHR != 0 && !in(float64(c.RestingHR), 25, 220) {
			t.Fatalf("resting HR %d accepted", c.RestingHR)
		}
		if c.HRV != 0 && !in(c.HRV, 1, 300) {
			t.Fatalf("HRV %v accepted", c.HRV)
		}
		// The database's CHECKs on the site and the areas.
		if c.IllnessSite != "" && (!c.Illness || c.IllnessSite != "above_neck" && c.IllnessSite != "below_neck") {
			t.Fatalf("illness %v with site %q accepted", c.Illness, c.IllnessSite)
		}
		if len(c.InjuryAreas) > 0 && !c.Injury {
			t.Fatalf("injury areas %q without an injury accepted", c.InjuryAreas)
		}
		for _, a := range append(slices.Clone(c.SorenessAreas), c.InjuryAreas...) {
			if !slices.Contains(training.SorenessAreas, a) {
				t.Fatalf("area %q accepted", a)
			}
		}
	})
}
