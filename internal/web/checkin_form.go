package web

import (
	"fmt"
	"math"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"rebound/internal/readiness"
	"rebound/internal/training"
	"rebound/internal/units"
	"rebound/web/components"
	"rebound/web/pages/checkin"
)

// checkInItems are the six 1–5 questions of the check-in.
var checkInItems = []string{"sleep_quality", "fatigue", "soreness", "stress", "mood", "motivation"}

// decodeCheckIn reads a submitted check-in form. Every field is checked
// (unknown fields are ignored); the form keeps what was typed, with an
// error next to each field that is wrong.
func decodeCheckIn(v url.Values) (training.CheckIn, checkin.CheckInFields) {
	var f checkin.CheckInFields
	d := decoder{v: v, form: &f.Problems}
	var c training.CheckIn

	f.SleepHours = d.text("sleep_hours")
	c.SleepHours = sleepHours(d, &f.SleepHours)
	items := []*int{&c.SleepQuality, &c.Fatigue, &c.Soreness, &c.Stress, &c.Mood, &c.Motivation}
	for i, name := range checkInItems {
		t := &f.Answers[i]
		*t = d.text(name)
		if n, err := strconv.Atoi(t.Value); err != nil || n < 1 || n > 5 {
			f.Fail(t, "Choose 1 to 5.")
		} else {
			*items[i] = n
		}
	}
	c.SorenessAreas = bodyAreas(d, &f.SorenessAreas, "soreness_areas", true)

	f.RestingHR = d.text("resting_hr")
	if s := f.RestingHR.Value; s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 25 || n > 220 {
			f.Fail(&f.RestingHR, "Enter a resting heart rate from 25 to 220 bpm, or leave it empty.")
		} else {
			c.RestingHR = n
		}
	}
	f.HRV = d.text("hrv_rmssd")
	if s := f.HRV.Value; s != "" {
		x, err := strconv.ParseFloat(strings.Replace(s, ",", ".", 1), 64)
		switch {
		case err != nil || math.IsNaN(x) || x < 1 || x > 300:
			f.Fail(&f.HRV, "Enter an rMSSD from 1 to 300 ms, or leave it empty.")
		case x < lnLooking && x != math.Trunc(x):
			// Apps show ln(rMSSD) too (about 3 to 5.5); in ms it would
			// be e^x, and 7 ms or less is rarely a real rMSSD.
			f.Fail(&f.HRV, fmt.Sprintf("%s looks like ln(rMSSD), which would be about %.0f ms. Enter rMSSD in milliseconds.",
				s, math.Exp(x)))
		default:
			c.HRV = math.Round(x*10) / 10
		}
	}
	f.Illness, f.Injury = d.text("illness"), d.text("injury")
	c.Illness, c.Injury = checked(f.Illness.Value), checked(f.Injury.Value)
	if c.Illness {
		f.Illness.Value = "on"
	}
	if c.Injury {
		f.Injury.Value = "on"
	}
	// Where, asked only when ill or injured; without them it is ignored.
	// An illness without a site (an older client) is stored without one.
	f.IllnessSite = d.text("illness_site")
	switch site := f.IllnessSite.Value; {
	case !c.Illness:
	case site == "" || site == readiness.AboveNeck || site == readiness.BelowNeck:
		c.IllnessSite = site
	default:
		f.Fail(&f.IllnessSite, "Choose above the neck only, or below the neck or fever.")
	}
	c.InjuryAreas = bodyAreas(d, &f.InjuryAreas, "injury_areas", c.Injury)
	f.Notes = d.text("notes")
	c.Notes = f.Notes.Value
	d.maxLength(&f.Notes, 2000)
	c.Answered = true
	return c, f
}

func checked(s string) bool { return s == "on" || s == "true" || s == "1" || s == "yes" }

// lnLooking is the HRV below which a value with decimals is taken for
// ln(rMSSD): the ln of any real rMSSD is below it (e^7 is about 1100 ms),
// while a real rMSSD under 7 ms is rare, and apps give it in whole ms.
const lnLooking = 7

// bodyAreas reads a list of body areas (training.SorenessAreas) into t, each
// once; an empty value is no area. When asked, an unknown one is refused
// and the form keeps what was ticked; when not (the question is hidden),
// the list is ignored and the form keeps only the known ones.
func bodyAreas(d decoder, t *components.Text, name string, asked bool) []string {
	var areas, typed []string
	for _, a := range d.v[name] {
		if a == "" {
			continue
		}
		known := slices.Contains(training.SorenessAreas, a)
		switch {
		case known && !slices.Contains(areas, a):
			areas = append(areas, a)
		case !known && asked:
			d.form.Fail(t, "Choose from the areas listed.")
		}
		if known || asked {
			clean, msg := cleanText(a)
			d.form.Fail(t, msg)
			typed = append(typed, clean)
		}
	}
	t.Value = strings.Join(typed, ",")
	if !asked {
		return nil
	}
	return areas
}

// sleepHours reads the hours slept as people type them ("7.5", "7,5",
// "7:30", "7h30"; units.ParseHours) in quarter hours from 0 to 24.
func sleepHours(d decoder, t *components.Text) float64 {
	if t.Value == "" {
		d.form.Fail(t, "How long did you sleep? For example 7.5, 7:30 or 7h30.")
		return 0
	}
	h, err := units.ParseHours(t.Value)
	if err != nil || h > 24 || math.Abs(h*4-math.Round(h*4)) > 1e-9 {
		d.form.Fail(t, "Enter the hours you slept, from 0 to 24 in quarter hours: for example 7.5, 7:30 or 7h30.")
		return 0
	}
	return math.Round(h*4) / 4
}
