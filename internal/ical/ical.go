// Package ical writes iCalendar streams (RFC 5545): content lines ended
// by CRLF and folded at 75 octets without splitting a UTF-8 sequence,
// and TEXT values escaped. It writes only what Rebound's calendar feed
// needs; it does not parse.
package ical

import (
	"bufio"
	"io"
	"strings"
	"time"
	"unicode/utf8"
)

// MaxLine is the longest a physical line may be, in octets, not counting
// its CRLF (RFC 5545, section 3.1).
const MaxLine = 75

// Writer writes content lines to an underlying writer. The first error
// sticks: later calls do nothing and Flush returns it.
type Writer struct {
	w   *bufio.Writer
	err error
}

// NewWriter returns a Writer on w. Call Flush at the end.
func NewWriter(w io.Writer) *Writer {
	return &Writer{w: bufio.NewWriter(w)}
}

// Begin opens a component: BEGIN:VEVENT.
func (w *Writer) Begin(component string) { w.Prop("BEGIN", component) }

// End closes a component: END:VEVENT.
func (w *Writer) End(component string) { w.Prop("END", component) }

// Prop writes a property whose value is already in its iCalendar form
// (a date, a number, a URI). name may carry parameters the caller wrote
// ("DTSTART;VALUE=DATE"); neither is escaped (invalid UTF-8 becomes
// U+FFFD).
func (w *Writer) Prop(name, value string) {
	if w.err != nil {
		return
	}
	w.err = fold(w.w, strings.ToValidUTF8(name+":"+value, "\uFFFD"))
}

// Text writes a property of type TEXT, escaping its value.
func (w *Writer) Text(name, value string) { w.Prop(name, EscapeText(value)) }

// Date writes a DATE property of t's calendar day: NAME;VALUE=DATE:20261123.
func (w *Writer) Date(name string, t time.Time) { w.Prop(name+";VALUE=DATE", t.Format("20060102")) }

// DateTime writes a DATE-TIME property in UTC: NAME:20261123T101500Z.
func (w *Writer) DateTime(name string, t time.Time) { w.Prop(name, t.UTC().Format("20060102T150405Z")) }

// Flush writes what is buffered and returns the first error, if any.
func (w *Writer) Flush() error {
	if w.err != nil {
		return w.err
	}
	return w.w.Flush()
}

// EscapeText escapes a TEXT value (RFC 5545, section 3.3.11): backslash,
// semicolon and comma get a backslash, line breaks (LF, CRLF or a lone CR)
// become \n. Control characters that TEXT may not hold, other than tab,
// are dropped, and each run of invalid UTF-8 becomes one U+FFFD, so the result is always
// a valid value.
func EscapeText(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	var b strings.Builder
	b.Grow(len(s) + len(s)/8)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == '\\' || r == ';' || r == ',':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\r':
			if i < len(s) && s[i] == '\n' {
				i++
			}
			b.WriteString(`\n`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f:
			// CONTROL characters are not allowed in TEXT.
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// fold writes one content line as physical lines of at most MaxLine
// octets, each ended by CRLF; a continuation line starts with a space,
// which counts towards its length. Lines are cut between characters,
// never inside one, and never inside an escape sequence.
func fold(w *bufio.Writer, line string) error {
	limit := MaxLine
	for len(line) > limit {
		cut := limit
		for cut > limit-utf8.UTFMax && !utf8.RuneStart(line[cut]) {
			cut--
		}
		// Keep an escape (\\, \;, \n …) on one line: unfolding does not
		// need it, but some readers unescape line by line.
		slashes := 0
		for slashes < cut && line[cut-1-slashes] == '\\' {
			slashes++
		}
		if slashes%2 == 1 {
			cut--
		}
		if _, err := w.WriteString(line[:cut]); err != nil {
			return err
		}
		if _, err := w.WriteString("\r\n "); err != nil {
			return err
		}
		line = line[cut:]
		limit = MaxLine - 1
	}
	if _, err := w.WriteString(line); err != nil {
		return err
	}
	_, err := w.WriteString("\r\n")
	return err
}
