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
// through the form's Problems with what to tell the user. Its checks of a
// single field pass an empty one: required says whether it may be.
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

// oneOf fails a value that is not one of the choices.
func (d decoder) oneOf(t *components.Text, choices []string) {
	if t.Value != "" && !slices.Contains(choices, t.Value) {
		d.form.Fail(t, "Choose one of the options.")
	}
}

// maxLength fails text of more than n characters.
func (d decoder) maxLength(t *components.Text, n int) {
	if utf8.RuneCountInString(t.Value) > n {
		d.form.Fail(t, "Use at most "+strconv.Itoa(n)+" characters.")
	}
}

// int reads a whole number in [min, max]; empty is 0.
func (d decoder) int(t *components.Text, min, max int, what string) int {
	if t.Value == "" {
		return 0
	}
	n, err := strconv.Atoi(t.Value)
	if err != nil || n < min || n > max {
		d.form.Fail(t, "Enter "+what+" between "+strconv.Itoa(min)+" and "+strconv.Itoa(max)+".")
		return 0
	}
	return n
}

// number reads a number in [min, max] with at most one decimal (RPE 6.5),
// a decimal comma taken as a point; empty is 0.
func (d decoder) number(t *components.Text, min, max float64, what string) float64 {
	v := strings.Replace(t.Value, ",", ".", 1)
	if v == "" {
		return 0
	}
	n, err := strconv.ParseFloat(v, 64)
	if err != nil || math.IsNaN(n) || n < min || n > max || math.Round(n*10) != n*10 {
		d.form.Fail(t, "Enter "+what+" from "+strconv.FormatFloat(min, 'f', -1, 64)+" to "+strconv.FormatFloat(max, 'f', -1, 64)+".")
		return 0
	}
	return n
}

// day reads a yyyy-mm-dd in the years the database takes.
func (d decoder) day(t *components.Text) time.Time {
	if t.Value == "" {
		return time.Time{}
	}
	day, err := time.Parse(time.DateOnly, t.Value)
	if err != nil || day.Year() < 2000 || day.Year() > 2100 {
		d.form.Fail(t, "Enter a date such as 2027-04-25.")
		return time.Time{}
	}
	return day
}

// email fails an address that cannot be one.
func (d decoder) email(t *components.Text) {
	v := t.Value
	if v == "" {
		return
	}
	at := strings.LastIndexByte(v, '@')
	if len(v) > 254 || at < 1 || at == len(v)-1 || strings.ContainsFunc(v, unicode.IsSpace) || strings.ContainsAny(v, "<>\"") || strings.Count(v, "@") != 1 {
		d.form.Fail(t, "Enter an e-mail address such as maya@example.com.")
	}
}

// zone keeps a time zone of the list, in the list's spelling.
func (d decoder) zone(t *components.Text) {
	if t.Value == "" {
		return
	}
	if tz, ok := timezone.Canonical(t.Value); ok {
		t.Value = tz
	} else {
		d.form.Fail(t, "Choose a time zone from the list, such as Europe/Berlin.")
	}
}

// tags reads a comma-separated list of tags (tagList).
func (d decoder) tags(t *components.Text) []string {
	tags, msg := tagList(t.Value)
	d.form.Fail(t, msg)
	return tags
}

// distance reads a distance in sys; example is what to type ("10 or
// 12.5").
func (d decoder) distance(t *components.Text, sys units.System, example string) int {
	m, err := sys.ParseDistance(t.Value)
	if err != nil {
		d.form.Fail(t, "Enter a distance such as "+example+".")
	}
	return m
}
