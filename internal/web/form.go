package web

import (
	"errors"
	"net/http"
	"strings"
	"unicode"
	"unicode/utf8"

	"rebound/internal/apperr"
	"rebound/web/components"
)

// parseForm reads the posted form into a components.Form, keeping only
// the named fields (others are ignored). It answers 413 or 400 itself and
// returns false when the body cannot be read.
func (s *Server) parseForm(w http.ResponseWriter, r *http.Request, fields ...string) (*components.Form, bool) {
	if err := r.ParseForm(); err != nil {
		if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
			s.renderPage(w, r, http.StatusRequestEntityTooLarge, "The form was too large to accept.")
			return nil, false
		}
		s.renderError(w, r, apperr.Wrap(apperr.Invalid, "The form could not be read. Please try again.", err))
		return nil, false
	}
	f := components.NewForm()
	for _, name := range fields {
		v := plainText(f, name, r.PostForm.Get(name))
		if strings.Contains(name, "password") {
			f.Values[name] = v // passwords are taken exactly as typed
		} else {
			f.Set(name, v)
		}
	}
	return f, true
}

// plainText returns v without what is not text (invalid UTF-8, control
// characters), failing field name when there was any, so that the user
// hears of it rather than the database refusing it.
func plainText(f *components.Form, name, v string) string {
	if utf8.ValidString(v) && !strings.ContainsFunc(v, isControl) {
		return v
	}
	f.Fail(name, "This contains characters that are not text.")
	return strings.Map(func(r rune) rune {
		if isControl(r) {
			return -1
		}
		return r
	}, strings.ToValidUTF8(v, ""))
}

// isControl reports a control character other than tab and line breaks,
// which only multi-line fields (notes) meaningfully hold.
func isControl(r rune) bool {
	return unicode.IsControl(r) && r != '\t' && r != '\n' && r != '\r'
}

// required fails each named field that is empty.
func required(f *components.Form, fields ...string) {
	for _, name := range fields {
		if f.Value(name) == "" {
			f.Fail(name, "Please fill this in.")
		}
	}
}

// checkName fails a name that is too long.
func checkName(f *components.Form, field string) {
	if utf8.RuneCountInString(f.Value(field)) > 200 {
		f.Fail(field, "Use at most 200 characters.")
	}
}

// checkEmail fails an address that cannot be one.
func checkEmail(f *components.Form, field string) {
	v := f.Value(field)
	if v == "" {
		return
	}
	at := strings.LastIndexByte(v, '@')
	if len(v) > 254 || at < 1 || at == len(v)-1 || strings.ContainsFunc(v, unicode.IsSpace) || strings.ContainsAny(v, "<>\"") || strings.Count(v, "@") != 1 {
		f.Fail(field, "Enter an e-mail address such as maya@example.com.")
	}
}
