// Package components holds the pieces pages share: form fields with their
// errors, notices, and the readiness light.
package components

import "strings"

// Form is what a user typed into a form and what is wrong with it. A form
// that fails validation is shown again from it, nothing lost, each error
// next to its field.
type Form struct {
	Values  map[string]string
	Errors  map[string]string
	Problem string // about the form as a whole
}

// NewForm returns an empty form.
func NewForm() *Form { return &Form{Values: map[string]string{}, Errors: map[string]string{}} }

// Value is the value of field name.
func (f *Form) Value(name string) string { return f.Values[name] }

// Error is the error of field name, or "".
func (f *Form) Error(name string) string { return f.Errors[name] }

// Fail records an error on field name; the first error of a field stays.
func (f *Form) Fail(name, message string) {
	if _, ok := f.Errors[name]; !ok {
		f.Errors[name] = message
	}
}

// Valid reports whether the form has no error.
func (f *Form) Valid() bool { return len(f.Errors) == 0 && f.Problem == "" }

// Set stores a trimmed value.
func (f *Form) Set(name, value string) { f.Values[name] = strings.TrimSpace(value) }

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

// Checked reports whether a multi-value field (checkboxes) holds v; the
// form keeps such values joined by commas.
func (f *Form) Checked(name, v string) bool {
	for _, x := range strings.Split(f.Value(name), ",") {
		if x == v {
			return true
		}
	}
	return false
}

func (fl Field) id() string { return "f-" + fl.Name }

func (fl Field) describedBy(f *Form) string {
	var ids []string
	if fl.Hint != "" {
		ids = append(ids, fl.id()+"-hint")
	}
	if f.Error(fl.Name) != "" {
		ids = append(ids, fl.id()+"-error")
	}
	return strings.Join(ids, " ")
}

// value is what the input shows: never a password, which is not sent back.
func (fl Field) value(f *Form) string {
	if fl.Type == "password" {
		return ""
	}
	return f.Value(fl.Name)
}
