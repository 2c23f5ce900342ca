package ical

import (
	"bytes"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// unfold undoes folding (RFC 5545, section 3.1): it checks every physical
// line ends in CRLF and is at most MaxLine octets, and returns the
// content lines.
func unfold(t *testing.T, out string) []string {
	t.Helper()
	if !strings.HasSuffix(out, "\r\n") {
		t.Fatalf("output does not end in CRLF: %q", out)
	}
	var lines []string
	for _, phys := range strings.Split(strings.TrimSuffix(out, "\r\n"), "\r\n") {
		if len(phys) > MaxLine {
			t.Fatalf("line of %d octets: %q", len(phys), phys)
		}
		if strings.ContainsAny(phys, "\r\n") {
			t.Fatalf("bare CR or LF in line %q", phys)
		}
		if !utf8.ValidString(phys) {
			t.Fatalf("line is not valid UTF-8 on its own (a character was split): %q", phys)
		}
		if trailing := len(phys) - len(strings.TrimRight(phys, "\\")); trailing%2 == 1 {
			t.Fatalf("an escape sequence is split at the end of %q", phys)
		}
		if strings.HasPrefix(phys, " ") && len(lines) > 0 {
			lines[len(lines)-1] += phys[1:]
			continue
		}
		lines = append(lines, phys)
	}
	return lines
}

// unescape undoes EscapeText.
func unescape(t *testing.T, v string) string {
	t.Helper()
	var b strings.Builder
	for i := 0; i < len(v); i++ {
		c := v[i]
		switch c {
		case ';', ',':
			t.Fatalf("unescaped %q in TEXT value %q", c, v)
		case '\\':
			i++
			if i == len(v) {
				t.Fatalf("backslash at the end of %q", v)
			}
			switch v[i] {
			case '\\', ';', ',':
				b.WriteByte(v[i])
			case 'n', 'N':
				b.WriteByte('\n')
			default:
				t.Fatalf("bad escape \\%c in %q", v[i], v)
			}
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// normal is what a TEXT value is expected to come back as: line breaks
// as LF, no control characters but tab, valid UTF-8.
func normal(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	return strings.Map(func(r rune) rune {
		if (r < 0x20 && r != '\n' && r != '\t') || r == 0x7f {
			return -1
		}
		return r
	}, s)
}

func write(t *testing.T, name, value string) string {
	t.Helper()
	var buf bytes.Buffer
	w := NewWriter(&buf)
	w.Text(name, value)
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

func TestEscapeText(t *testing.T) {
	for in, want := range map[string]string{
		"plain":                    "plain",
		`a\b`:                      `a\\b`,
		"one; two, three":          `one\; two\, three`,
		"line\nnext":               `line\nnext`,
		"dos\r\nline":              `dos\nline`,
		"old\rmac":                 `old\nmac`,
		"tab\there":                "tab\there",
		"bell\a!":                  "bell!",
		"bad \xff\xfe bytes":       "bad \uFFFD bytes",
		"colon: fine":              "colon: fine",
		`"quotes" stay`:            `"quotes" stay`,
		"emoji 🏃‍♀️ and accents é": "emoji 🏃‍♀️ and accents é",
	} {
		if got := EscapeText(in); got != want {
			t.Errorf("EscapeText(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestFolding(t *testing.T) {
	for _, value := range []string{
		"",
		strings.Repeat("a", 67),  // SUMMARY: and 67 octets: exactly 75
		strings.Repeat("a", 68),  // one octet over
		strings.Repeat("é", 200), // two-octet characters
		strings.Repeat("🏃", 100), // four-octet characters
		strings.Repeat("x€🏃é", 50),
		strings.Repeat("a, b; c\\ d\n", 40),
	} {
		out := write(t, "SUMMARY", value)
		lines := unfold(t, out)
		if len(lines) != 1 || !strings.HasPrefix(lines[0], "SUMMARY:") {
			t.Fatalf("%q: content lines %q", value, lines)
		}
		if got := unescape(t, strings.TrimPrefix(lines[0], "SUMMARY:")); got != value {
			t.Errorf("round trip of %q gave %q", value, got)
		}
	}
	// Exactly 75 octets stay on one line; 76 fold.
	if out := write(t, "SUMMARY", strings.Repeat("a", 67)); strings.Count(out, "\r\n") != 1 {
		t.Errorf("a 75-octet line was folded: %q", out)
	}
	if out := write(t, "SUMMARY", strings.Repeat("a", 68)); strings.Count(out, "\r\n") != 2 {
		t.Errorf("a 76-octet line was not folded: %q", out)
	}
}

func TestCalendar(t *testing.T) {
	var buf bytes.Buffer
	w := NewWriter(&buf)
	w.Begin("VCALENDAR")
	w.Prop("VERSION", "2.0")
	w.Begin("VEVENT")
	w.Date("DTSTART", time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC))
	w.DateTime("DTSTAMP", time.Date(2026, 11, 23, 11, 15, 0, 0, time.FixedZone("CET", 3600)))
	w.End("VEVENT")
	w.End("VCALENDAR")
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	want := "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20261123\r\n" +
		"DTSTAMP:20261123T101500Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
	if buf.String() != want {
		t.Errorf("got\n%q\nwant\n%q", buf.String(), want)
	}
}

type failing struct{}

func (f *failing) Write(p []byte) (int, error) {
	return 0, bytes.ErrTooLarge
}

func TestWriterKeepsFirstError(t *testing.T) {
	w := NewWriter(&failing{})
	for range 1000 {
		w.Text("DESCRIPTION", strings.Repeat("long text ", 100))
	}
	if err := w.Flush(); err == nil {
		t.Fatal("no error from a failing writer")
	}
}

// Any text, written as a property, comes back from unfolding and
// unescaping as itself (normalised: LF line breaks, no control
// characters, valid UTF-8), in lines of at most 75 octets that are each
// valid UTF-8.
func FuzzText(f *testing.F) {
	for _, s := range []string{"", "a", "Tempo; 3 × 10 min, easy between\n\\done", strings.Repeat("🏃é,", 60),
		"x\r\ny\rz", "\xff\xfe", strings.Repeat("a", 74) + "é", "=HYPERLINK(\"x\")"} {
		f.Add("SUMMARY", s)
	}
	f.Fuzz(func(t *testing.T, name, value string) {
		if name == "" || strings.ContainsAny(name, ":;\r\n\\,\" ") || !utf8.ValidString(name) || len(name) > 40 {
			t.Skip() // names are ours, not users'
		}
		out := write(t, name, value)
		lines := unfold(t, out)
		if len(lines) != 1 {
			t.Fatalf("one property became %d content lines: %q", len(lines), out)
		}
		v, ok := strings.CutPrefix(lines[0], name+":")
		if !ok {
			t.Fatalf("line %q does not start with %q", lines[0], name+":")
		}
		if got, want := unescape(t, v), normal(value); got != want {
			t.Fatalf("round trip: got %q, want %q", got, want)
		}
	})
}
