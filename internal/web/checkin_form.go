package web

import (
	"math"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"rebound/internal/store"
	"rebound/web/components"
)

// checkInItems are the six 1–5 questions of the check-in.
var checkInItems = []string{"sleep_quality", "fatigue", "soreness", "stress", "mood", "motivation"}

// decodeCheckIn reads a submitted check-in form. Every field is checked
// (unknown fields are ignored); the form keeps what was typed, with an
// error next to each field that is wrong.
func decodeCheckIn(v url.Values) (store.CheckIn, *components.Form) {
	f := components.NewForm()
	get := func(name string) string {
		s := plainText(f, name, v.Get(name))
		if name == "notes" {
			f.Values[name] = strings.TrimSpace(s)
		} else {
			f.Set(name, s)
		}
		return f.Value(name)
	}
	var c store.CheckIn

	c.SleepHours = sleepHours(f, get("sleep_hours"))
	items := []*int{&c.SleepQuality, &c.Fatigue, &c.Soreness, &c.Stress, &c.Mood, &c.Motivation}
	for i, name := range checkInItems {
		s := get(name)
		n, err := strconv.Atoi(s)
		switch {
		case s == "":
			f.Fail(name, "Choose 1 to 5.")
		case err != nil || n < 1 || n > 5:
			f.Fail(name, "Choose 1 to 5.")
		default:
			*items[i] = n
		}
	}
	for _, a := range v["soreness_areas"] {
		if slices.Contains(store.SorenessAreas, a) && !slices.Contains(c.SorenessAreas, a) {
			c.SorenessAreas = append(c.SorenessAreas, a)
		}
	}
	f.Values["soreness_areas"] = strings.Join(c.SorenessAreas, ",")

	if s := get("resting_hr"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 25 || n > 220 {
			f.Fail("resting_hr", "Enter a resting heart rate from 25 to 220 bpm, or leave it empty.")
		} else {
			c.RestingHR = n
		}
	}
	if s := get("hrv_rmssd"); s != "" {
		x, err := strconv.ParseFloat(strings.Replace(s, ",", ".", 1), 64)
		if err != nil || math.IsNaN(x) || x < 1 || x > 300 {
			f.Fail("hrv_rmssd", "Enter an rMSSD from 1 to 300 ms, or leave it empty.")
		} else {
			c.HRV = math.Round(x*10) / 10
		}
	}
	c.Illness = checked(get("illness"))
	c.Injury = checked(get("injury"))
	if checked(f.Value("illness")) {
		f.Values["illness"] = "on"
	}
	if checked(f.Value("injury")) {
		f.Values["injury"] = "on"
	}
	c.Notes = get("notes")
	if utf8.RuneCountInString(c.Notes) > 2000 {
		f.Fail("notes", "Use at most 2000 characters.")
	}
	c.Answered = true
	return c, f
}

func checked(s string) bool { return s == "on" || s == "true" || s == "1" || s == "yes" }

// sleepHours reads "7.5", "7,5" or "7:30" in quarter hours from 0 to 24.
func sleepHours(f *components.Form, s string) float64 {
	const msg = "Enter the hours you slept, from 0 to 24 in quarter hours: for example 7.5 or 7:30."
	if s == "" {
		f.Fail("sleep_hours", "How long did you sleep? For example 7.5 or 7:30.")
		return 0
	}
	var h float64
	if hh, mm, ok := strings.Cut(s, ":"); ok {
		hours, err1 := strconv.Atoi(hh)
		mins, err2 := strconv.Atoi(mm)
		if err1 != nil || err2 != nil || len(mm) != 2 || mins < 0 || mins > 59 || hours < 0 {
			f.Fail("sleep_hours", msg)
			return 0
		}
		h = float64(hours) + float64(mins)/60
	} else {
		x, err := strconv.ParseFloat(strings.Replace(s, ",", ".", 1), 64)
		if err != nil || math.IsNaN(x) {
			f.Fail("sleep_hours", msg)
			return 0
		}
		h = x
	}
	if h < 0 || h > 24 || math.Abs(h*4-math.Round(h*4)) > 1e-9 {
		f.Fail("sleep_hours", msg)
		return 0
	}
	return math.Round(h*4) / 4
}
