package web

import (
	"errors"
	"math"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"rebound/internal/apperr"
	"rebound/internal/timezone"
	"rebound/internal/units"
	"rebound/web/components"
)

// parseForm reads the posted form into r.PostForm, for a decoder. It
// answers 413 or 400 itself and returns false when the body cannot be
// read.
func (s *Server) parseForm(w http.ResponseWriter, r *http.Request) bool {
	if err := r.ParseForm(); err != nil {
		if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
			s.renderPage(w, r, http.StatusRequestEntityTooLarge, "The form was too large to accept.")
			return false
		}
		s.renderError(w, r, apperr.Wrap(apperr.Invalid, "The form could not be read. Please try again.", err))
		return false
	}
	return true
}

// cleanText returns v without what is not text (invalid UTF-8, control
// characters), and what to tell the user when there was any: they hear of
// it rather than the database refusing it.
func cleanText(v string) (string, string) {
	if utf8.ValidString(v) && !strings.ContainsFunc(v, isControl) {
		return v, ""
	}
	return strings.Map(func(r rune) rune {
		if isControl(r) {
			return -1
		}
		return r
	}, strings.ToValidUTF8(v, "")), "This contains characters that are not text."
}

// isControl reports a control character other than tab and line breaks,
// which only multi-line fields (notes) meaningfully hold.
func isControl(r rune) bool {
	return unicode.IsControl(r) && r != '\t' && r != '\n' && r != '\r'
}

// decoder reads a posted form into the fields of a typed form (a struct
// of components.Text embedding components.Problems), each field failed
// through the form's Problems.
type decoder struct {
	v    url.Values
	form *components.Problems
}

// text is field name as typed, trimmed; what is not text is taken out and
// the field failed.
func (d decoder) text(name string) components.Text {
	t := d.raw(name)
	t.Value = strings.TrimSpace(t.Value)
	return t
}

// raw is field name as typed, spaces kept, but for what is not text.
func (d decoder) raw(name string) components.Text {
	v, msg := cleanText(d.v.Get(name))
	t := components.Text{Value: v}
	d.form.Fail(&t, msg)
	return t
}

// required fails each field that is empty.
func (d decoder) required(fields ...*components.Text) {
	for _, t := range fields {
		if t.Value == "" {
			d.form.Fail(t, "Please fill this in.")
		}
	}
}

func (d decoder) oneOf(t *components.Text, choices []string) {
	d.form.Fail(t, choice(t.Value, choices))
}

func (d decoder) maxLength(t *components.Text, n int) { d.form.Fail(t, longerThan(t.Value, n)) }

func (d decoder) int(t *components.Text, min, max int, what string) int {
	n, msg := wholeNumber(t.Value, min, max, what)
	d.form.Fail(t, msg)
	return n
}

func (d decoder) number(t *components.Text, min, max float64, what string) float64 {
	n, msg := decimal(t.Value, min, max, what)
	d.form.Fail(t, msg)
	return n
}

func (d decoder) day(t *components.Text) time.Time {
	day, msg := date(t.Value)
	d.form.Fail(t, msg)
	return day
}

// distance reads a distance in sys; example is what to type ("10 or
// 12.5").
func (d decoder) email(t *components.Text) { d.form.Fail(t, email(t.Value)) }

// zone keeps a time zone in the list's spelling.
func (d decoder) zone(t *components.Text) {
	var msg string
	t.Value, msg = zone(t.Value)
	d.form.Fail(t, msg)
}

func (d decoder) tags(t *components.Text) []string {
	tags, msg := tagList(t.Value)
	d.form.Fail(t, msg)
	return tags
}

func (d decoder) distance(t *components.Text, sys units.System, example string) int {
	m, err := sys.ParseDistance(t.Value)
	if err != nil {
		d.form.Fail(t, "Enter a distance such as "+example+".")
	}
	return m
}

// The rules of single fields: each takes what was typed and returns its
// value and, when it is wrong, what to tell the user.

// choice refuses a value that is not one of the choices; empty passes.
func choice(v string, choices []string) string {
	if v != "" && !slices.Contains(choices, v) {
		return "Choose one of the options."
	}
	return ""
}

// longerThan refuses text of more than n characters.
func longerThan(v string, n int) string {
	if utf8.RuneCountInString(v) > n {
		return "Use at most " + strconv.Itoa(n) + " characters."
	}
	return ""
}

// wholeNumber reads an optional whole number in [min, max]; empty is 0.
func wholeNumber(v string, min, max int, what string) (int, string) {
	if v == "" {
		return 0, ""
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < min || n > max {
		return 0, "Enter " + what + " between " + strconv.Itoa(min) + " and " + strconv.Itoa(max) + "."
	}
	return n, ""
}

// decimal reads an optional number in [min, max] with at most one
// decimal (RPE 6.5), a decimal comma taken as a point; empty is 0.
func decimal(v string, min, max float64, what string) (float64, string) {
	v = strings.Replace(v, ",", ".", 1)
	if v == "" {
		return 0, ""
	}
	n, err := strconv.ParseFloat(v, 64)
	if err != nil || math.IsNaN(n) || n < min || n > max || math.Round(n*10) != n*10 {
		return 0, "Enter " + what + " from " + strconv.FormatFloat(min, 'f', -1, 64) + " to " + strconv.FormatFloat(max, 'f', -1, 64) + "."
	}
	return n, ""
}

// date reads an optional yyyy-mm-dd in the years the database takes.
func date(v string) (time.Time, string) {
	if v == "" {
		return time.Time{}, ""
	}
	day, err := time.Parse(time.DateOnly, v)
	if err != nil || day.Year() < 2000 || day.Year() > 2100 {
		return time.Time{}, "Enter a date such as 2027-04-25."
	}
	return day, ""
}

// email refuses an address that cannot be one; empty passes.
func email(v string) string {
	if v == "" {
		return ""
	}
	at := strings.LastIndexByte(v, '@')
	if len(v) > 254 || at < 1 || at == len(v)-1 || strings.ContainsFunc(v, unicode.IsSpace) || strings.ContainsAny(v, "<>\"") || strings.Count(v, "@") != 1 {
		return "Enter an e-mail address such as maya@example.com."
	}
	return ""
}

// zone takes a typed time zone in the list's spelling; empty passes.
func zone(v string) (string, string) {
	if v == "" {
		return "", ""
	}
	if tz, ok := timezone.Canonical(v); ok {
		return tz, ""
	}
	return v, "Choose a time zone from the list, such as Europe/Berlin."
}
