package components

import (
	"net/url"
	"regexp"
	"strings"
)

// Segment is a piece of plain text: words, or a link to show as one.
type Segment struct {
	Text string
	URL  string // set when the text is a web address to link
}

// linkLike is anything that starts like a web address, up to a space or
// a character an address would have escaped.
var linkLike = regexp.MustCompile(`(?i)\bhttps?://[^\s<>"'` + "`" + `]+`)

// Linkify splits plain text into text and links. Only http and https
// addresses with a host become links (never javascript: or data:), and
// punctuation that ends a sentence is not taken into the address: a
// closing bracket only when the address has no opening one.
func Linkify(text string) []Segment {
	var out []Segment
	last := 0
	for _, m := range linkLike.FindAllStringIndex(text, -1) {
		start, end := m[0], trimLink(text[m[0]:m[1]])+m[0]
		u, err := url.Parse(text[start:end])
		if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") { // Parse lowercases the scheme
			continue
		}
		if start > last {
			out = append(out, Segment{Text: text[last:start]})
		}
		out = append(out, Segment{Text: text[start:end], URL: text[start:end]})
		last = end
	}
	if last < len(text) {
		out = append(out, Segment{Text: text[last:]})
	}
	return out
}

// trimLink returns the length of link without the punctuation after it.
func trimLink(link string) int {
	for len(link) > 0 {
		switch c := link[len(link)-1]; {
		case strings.IndexByte(".,;:!?*", c) >= 0:
			link = link[:len(link)-1]
		case c == ')' && strings.Count(link, "(") < strings.Count(link, ")"):
			link = link[:len(link)-1]
		default:
			return len(link)
		}
	}
	return 0
}
