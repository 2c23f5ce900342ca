package web

import (
	"net/url"
	"strings"
	"testing"
)

func TestDecodeCheckIn(t *testing.T) {
	good := url.Values{"sleep_hours": {"7:30"}, "sleep_quality": {"4"}, "fatigue": {"3"}, "soreness": {"2"}, "stress": {"5"},
		"mood": {"4"}, "motivation": {"5"}, "soreness_areas": {"calves", "calves", "elbows"}, "resting_hr": {"48"},
		"hrv_rmssd": {"72,35"}, "illness": {"on"}, "notes": {" slept badly "}, "unknown": {"ignored"}}
	c, f := decodeCheckIn(good)
	if !f.Valid() {
		t.Fatalf("errors: %v", f.Errors)
	}
	if c.SleepHours != 7.5 || c.SleepQuality != 4 || c.Soreness != 2 || c.RestingHR != 48 || c.HRV != 72.4 || !c.Illness || c.Injury ||
		c.Notes != "slept badly" || len(c.SorenessAreas) != 1 || c.SorenessAreas[0] != "calves" {
		t.Fatalf("decoded %+v", c)
	}
	for _, tc := range []struct {
		field, value string
	}{
		{"sleep_hours", ""}, {"sleep_hours", "25"}, {"sleep_hours", "7.3"}, {"sleep_hours", "-1"}, {"sleep_hours", "7:70"}, {"sleep_hours", "NaN"},
		{"fatigue", ""}, {"fatigue", "0"}, {"fatigue", "6"}, {"fatigue", "3.5"},
		{"resting_hr", "24"}, {"resting_hr", "221"}, {"hrv_rmssd", "0.5"}, {"hrv_rmssd", "301"}, {"hrv_rmssd", "Inf"},
		{"notes", strings.Repeat("x", 2001)},
	} {
		v := url.Values{}
		for k, vs := range good {
			v[k] = vs
		}
		v.Set(tc.field, tc.value)
		_, f := decodeCheckIn(v)
		if f.Error(tc.field) == "" {
			t.Errorf("%s=%q accepted", tc.field, tc.value)
		}
		if f.Value(tc.field) != tc.value && tc.value != "" {
			t.Errorf("%s: the typed %q was not kept (%q)", tc.field, tc.value, f.Value(tc.field))
		}
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
			"resting_hr": {rhr}, "hrv_rmssd": {hrv}, "illness": {ill}, "soreness_areas": {ill, "knees"}})
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
	})
}
