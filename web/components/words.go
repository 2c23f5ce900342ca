package components

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Words turns a stored value ("cross_training") into words ("Cross-training").
func Words(v string) string {
	if v == "" {
		return ""
	}
	if label, ok := labels[v]; ok {
		return label
	}
	v = strings.ReplaceAll(v, "_", " ")
	return strings.ToUpper(v[:1]) + v[1:]
}

var labels = map[string]string{
	"5k": "5K", "10k": "10K", "half": "Half marathon", "marathon": "Marathon", "ultra": "Ultra",
	"sprint_tri": "Sprint triathlon", "olympic_tri": "Olympic triathlon", "half_tri": "70.3 triathlon",
	"full_tri": "Full-distance triathlon", "custom": "Custom distance", "cross_training": "Cross-training",
}

// DaysTo says when day is, seen from today: "today", "tomorrow", "in 12
// days", "yesterday", "3 days ago".
func DaysTo(today, day time.Time) string {
	switch n := int(math.Round(day.Sub(today).Hours() / 24)); {
	case n == 0:
		return "today"
	case n == 1:
		return "tomorrow"
	case n > 0:
		return "in " + strconv.Itoa(n) + " days"
	case n == -1:
		return "yesterday"
	default:
		return strconv.Itoa(-n) + " days ago"
	}
}

// Plural is one for a count of 1, else many: "1 change", "2 changes".
func Plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// yourRe finds "your" as a word, either case.
var yourRe = regexp.MustCompile(`\b[Yy]our\b`)

// ThirdPerson turns words written to the athlete ("above your 28-day
// baseline") into words about them, for their coach ("above their 28-day
// baseline"). Readiness reasons and red-flag evidence are stored as the
// athlete reads them.
func ThirdPerson(s string) string {
	return yourRe.ReplaceAllStringFunc(s, func(w string) string {
		if w[0] == 'Y' {
			return "Their"
		}
		return "their"
	})
}
