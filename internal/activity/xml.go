package activity

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// xmlRoot is the local name of an XML document's root element, or "" when
// data does not start as XML.
func xmlRoot(data []byte) string {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	// Strava's TCX exports start with a run of spaces before the declaration.
	data = bytes.TrimLeft(data, " \t\r\n")
	if len(data) == 0 || data[0] != '<' {
		return ""
	}
	d := newXMLDecoder(data)
	for range 64 { // a prolog of declaration, comments and a doctype is short
		tok, err := d.Token()
		if err != nil {
			return ""
		}
		if se, ok := tok.(xml.StartElement); ok {
			return se.Name.Local
		}
	}
	return ""
}

func newXMLDecoder(data []byte) *xml.Decoder {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	d := xml.NewDecoder(bytes.NewReader(bytes.TrimLeft(data, " \t\r\n")))
	d.CharsetReader = charsetReader
	return d
}

// charsetReader accepts the Latin-1 family besides UTF-8, which some older
// exporters declare; anything else is read as if it were UTF-8.
func charsetReader(label string, r io.Reader) (io.Reader, error) {
	switch strings.ToLower(label) {
	case "iso-8859-1", "iso8859-1", "latin1", "latin-1", "windows-1252", "cp1252":
		return &latin1Reader{r: bufio.NewReader(r)}, nil
	}
	return r, nil
}

// latin1Reader turns Latin-1 bytes into UTF-8.
type latin1Reader struct {
	r   *bufio.Reader
	buf []byte
}

func (l *latin1Reader) Read(p []byte) (int, error) {
	for len(l.buf) < len(p) {
		b, err := l.r.ReadByte()
		if err != nil {
			if len(l.buf) == 0 {
				return 0, err
			}
			break
		}
		l.buf = utf8.AppendRune(l.buf, rune(b))
	}
	n := copy(p, l.buf)
	l.buf = l.buf[n:]
	return n, nil
}

// xmlWalker walks the elements of a document, keeping the path of local
// names from the root to the current element and the text directly inside it.
type xmlWalker struct {
	d      *xml.Decoder
	path   []string
	text   []byte
	popped bool
}

// maxDepth stops a document nested deeper than any GPX or TCX; maxText is
// more than any number or timestamp needs.
const (
	maxDepth = 64
	maxText  = 256
)

var errTooDeep = errors.New("xml nested too deep")

// next returns the next start or end element. At an end element the path
// still ends with it and text holds what it contained, trimmed.
func (w *xmlWalker) next() (xml.Token, error) {
	if w.popped {
		w.path, w.popped = w.path[:len(w.path)-1], false
	}
	for {
		tok, err := w.d.Token()
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if len(w.path) >= maxDepth {
				return nil, errTooDeep
			}
			w.path = append(w.path, t.Name.Local)
			w.text = w.text[:0]
			return t, nil
		case xml.EndElement:
			w.popped = true
			return t, nil
		case xml.CharData:
			if len(w.text) < maxText {
				w.text = append(w.text, t[:min(len(t), maxText-len(w.text))]...)
			}
		}
	}
}

// value is the text of the element just ended.
func (w *xmlWalker) value() string { return strings.TrimSpace(string(w.text)) }

// at reports whether the path ends with names, the last being the current
// element.
func (w *xmlWalker) at(names ...string) bool {
	if len(names) > len(w.path) {
		return false
	}
	tail := w.path[len(w.path)-len(names):]
	for i := range names {
		if !strings.EqualFold(tail[i], names[i]) {
			return false
		}
	}
	return true
}

// within reports whether any element on the path is called name.
func (w *xmlWalker) within(name string) bool {
	for _, p := range w.path {
		if p == name {
			return true
		}
	}
	return false
}

func attr(se xml.StartElement, name string) string {
	for _, a := range se.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

func parseFloat(s string) (float64, bool) {
	f, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || f != f || f > 1e12 || f < -1e12 {
		return 0, false
	}
	return f, true
}

// parseInt reads a whole number, accepting a decimal one ("152.0") as some
// exporters write.
func parseInt(s string) (int, bool) {
	f, ok := parseFloat(s)
	if !ok || f < 0 || f > 1e6 {
		return 0, false
	}
	return int(f + 0.5), true
}

// parseTime reads an XML Schema dateTime; one without a zone is taken as UTC.
func parseTime(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t.UTC(), true
	}
	if t, err := time.Parse("2006-01-02T15:04:05.999999999", s); err == nil {
		return t, true
	}
	return time.Time{}, false
}

// xmlRefusal words an XML syntax error.
func xmlRefusal(format string, err error) *Refusal {
	var syn *xml.SyntaxError
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.As(err, &syn) && syn.Msg == "unexpected EOF" {
		return &Refusal{Reason: "This " + format + " file is cut short: it ends before its data does.", Err: err}
	}
	return &Refusal{Reason: "This " + format + " file is damaged: it is not well-formed XML.", Err: err}
}
