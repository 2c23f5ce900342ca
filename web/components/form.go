// Package components holds the pieces pages share: form fields with their
// errors, notices, and the readiness light.
package components

import "strings"

// Text is one field of a typed form (a struct per form, one Text per
// field): what the user typed, shown again as typed, and what is wrong
// with it.
type Text struct {
	Value string
	Error string
}

// Problems is what is wrong with a typed form as a whole. Forms embed
// it, and their fields fail through it, so that the form knows it failed
// without listing its fields.
type Problems struct {
	Problem string // about the form as a whole
	failed  int    // how many fields failed
}

// Fail records message on field t; the first error of a field stays, and
// an empty message records nothing.
func (p *Problems) Fail(t *Text, message string) {
	if message == "" || t.Error != "" {
		return
	}
	t.Error = message
	p.failed++
}

// Failed reports whether a field failed.
func (p Problems) Failed() bool { return p.failed > 0 }

// Valid reports whether no field failed and the form has no problem.
func (p Problems) Valid() bool { return p.failed == 0 && p.Problem == "" }

// Summary is a form as a whole, for the notice above it: any typed form,
// through the Problems it embeds.
type Summary interface {
	summary() (problem string, failed int)
}

func (p Problems) summary() (string, int) { return p.Problem, p.failed }

// Labelled is a field as the error summary lists it: its input's name
// (for the link), its label, and its text.
type Labelled struct {
	Name, Label string
	Text        Text
}

// Field describes one input.
type Field struct {
	Label        string
	Name         string
	Type         string // text, email, password, …
	Hint         string
	Autocomplete string
	Required     bool
	Autofocus    bool
	MaxLength    int
	Min, Max     string // number inputs
	InputMode    string // the phone keyboard: numeric, decimal
}

// Option is one choice of a select, radio group or checkbox group.
type Option struct {
	Value string
	Label string
}

// checked reports whether a multi-value field (checkboxes) holds v; forms
// keep such values joined by commas.
func (t Text) checked(v string) bool {
	for _, x := range strings.Split(t.Value, ",") {
		if x == v {
			return true
		}
	}
	return false
}

func (fl Field) id() string { return "f-" + fl.Name }

func (fl Field) describedBy(t Text) string {
	var ids []string
	if fl.Hint != "" {
		ids = append(ids, fl.id()+"-hint")
	}
	if t.Error != "" {
		ids = append(ids, fl.id()+"-error")
	}
	return strings.Join(ids, " ")
}

// value is what the input shows: never a password, which is not sent back.
func (fl Field) value(t Text) string {
	if fl.Type == "password" {
		return ""
	}
	return t.Value
}
