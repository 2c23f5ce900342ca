package web

import (
	"fmt"
	"math"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"rebound/internal/readiness"
	"rebound/internal/store"
	"rebound/internal/units"
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
	c.SorenessAreas = bodyAreas(f, v, "soreness_areas", true)

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
		switch {
		case err != nil || math.IsNaN(x) || x < 1 || x > 300:
			f.Fail("hrv_rmssd", "Enter an rMSSD from 1 to 300 ms, or leave it empty.")
		case x < lnLooking && x != math.Trunc(x):
			// Apps show ln(rMSSD) too (about 3 to 5.5); in ms it would
			// be e^x, and 7 ms or less is rarely a real rMSSD.
			f.Fail("hrv_rmssd", fmt.Sprintf("%s looks like ln(rMSSD), which would be about %.0f ms. Enter rMSSD in milliseconds.",
				s, math.Exp(x)))
		default:
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
	// Where, asked only when ill or injured; without them it is ignored.
	// An illness without a site (an older client) is stored without one.
	switch site := get("illness_site"); {
	case !c.Illness:
	case site == "" || site == readiness.AboveNeck || site == readiness.BelowNeck:
		c.IllnessSite = site
	default:
		f.Fail("illness_site", "Choose above the neck only, or below the neck or fever.")
	}
	c.InjuryAreas = bodyAreas(f, v, "injury_areas", c.Injury)
	c.Notes = get("notes")
	if utf8.RuneCountInString(c.Notes) > 2000 {
		f.Fail("notes", "Use at most 2000 characters.")
	}
	c.Answered = true
	return c, f
}

func checked(s string) bool { return s == "on" || s == "true" || s == "1" || s == "yes" }

// lnLooking is the HRV below which a value with decimals is taken for
// ln(rMSSD): the ln of any real rMSSD is below it (e^7 is about 1100 ms),
// while a real rMSSD under 7 ms is rare, and apps give it in whole ms.
const lnLooking = 7

// bodyAreas reads a list of body areas (store.SorenessAreas), each once;
// an empty value is no area. When asked, an unknown one is refused and the
// form keeps what was ticked; when not (the question is hidden), the list
// is ignored and the form keeps only the known ones.
func bodyAreas(f *components.Form, v url.Values, name string, asked bool) []string {
	var areas, typed []string
	for _, a := range v[name] {
		if a == "" {
			continue
		}
		known := slices.Contains(store.SorenessAreas, a)
		switch {
		case known && !slices.Contains(areas, a):
			areas = append(areas, a)
		case !known && asked:
			f.Fail(name, "Choose from the areas listed.")
		}
		if known || asked {
			typed = append(typed, plainText(f, name, a))
		}
	}
	f.Values[name] = strings.Join(typed, ",")
	if !asked {
		return nil
	}
	return areas
}

// sleepHours reads the hours slept as people type them ("7.5", "7,5",
// "7:30", "7h30"; units.ParseHours) in quarter hours from 0 to 24.
func sleepHours(f *components.Form, s string) float64 {
	if s == "" {
		f.Fail("sleep_hours", "How long did you sleep? For example 7.5, 7:30 or 7h30.")
		return 0
	}
	h, err := units.ParseHours(s)
	if err != nil || h > 24 || math.Abs(h*4-math.Round(h*4)) > 1e-9 {
		f.Fail("sleep_hours", "Enter the hours you slept, from 0 to 24 in quarter hours: for example 7.5, 7:30 or 7h30.")
		return 0
	}
	return math.Round(h*4) / 4
}
