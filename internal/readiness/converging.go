package readiness

import (
	"slices"
	"strings"
)

// source is where a finding comes from, for the converging rule. Findings
// of one source are one sign however many they are: resting HR and HRV both
// read the autonomic nervous system, and a low wellness sum and an item at
// 1 are the same answers.
type source int

const (
	sourceNone      source = iota // illness, injury (rules of their own) and notes: never counted
	sourceAutonomic               // hrv, resting_hr
	sourceSleep                   // sleep
	sourceWellness                // wellness, item_low
	sourceLoad                    // load
	sourceRecovery                // missed_recovery
)

func sourceOf(code string) source {
	switch code {
	case CodeHRV, CodeRestingHR:
		return sourceAutonomic
	case CodeSleep:
		return sourceSleep
	case CodeWellness, CodeItemLow:
		return sourceWellness
	case CodeLoad:
		return sourceLoad
	case CodeMissedRecovery:
		return sourceRecovery
	}
	return sourceNone
}

// isSign reports whether r counts as a sign: an Amber or Red finding of a
// counted source.
func isSign(r Reason) bool { return r.Light != Green && sourceOf(r.Code) != sourceNone }

// signs are the sources of the signs among rs, each once.
func signs(rs []Reason) []source {
	var out []source
	for _, r := range rs {
		if s := sourceOf(r.Code); isSign(r) && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

// independentSignal reports whether rs holds a sign from a source other
// than the wellness answers: the second sign that makes wellness far below
// its usual Red (wellness).
func independentSignal(rs []Reason) bool {
	return slices.ContainsFunc(signs(rs), func(s source) bool { return s != sourceWellness })
}

// converging makes a day Red when Amber signs from independent sources
// agree: from 3 or more sources today, or from 2 or more today and 2 or
// more yesterday (yesterday judged again from the history, without its
// load ratio or recovery, which are not known here). No single marker
// tells fatigue that needs rest from an ordinary hard week, and signs that
// agree across sources, or persist, are what does (Meeusen et al. 2013;
// Halson 2014); two signs on one day are common after any hard session,
// three are not, and two that persist into a second morning are no longer
// one session's. The counts are this product's design. A day already Red
// needs no escalation. The reason names the signs.
func converging(today []Reason, yesterday func() ([]Reason, bool)) (Reason, bool) {
	if slices.ContainsFunc(today, func(r Reason) bool { return r.Light == Red }) {
		return Reason{}, false
	}
	switch now := signs(today); {
	case len(now) >= 3:
		return reason(Red, CodeConverging, "Several signs at once: "+signWords(today)), true
	case len(now) == 2:
		if before, ok := yesterday(); ok && len(signs(before)) >= 2 {
			return reason(Red, CodeConverging,
				"Signs two days running: "+signWords(today)+" today; "+signWords(before)+" yesterday"), true
		}
	}
	return Reason{}, false
}

// signWords names the signs among rs: "resting HR up, short sleep and
// motivation at 1".
func signWords(rs []Reason) string {
	var words []string
	for _, r := range rs {
		if !isSign(r) {
			continue
		}
		switch r.Code {
		case CodeRestingHR:
			words = append(words, "resting HR up")
		case CodeHRV:
			words = append(words, "HRV low")
		case CodeSleep:
			words = append(words, "short sleep")
		case CodeWellness:
			words = append(words, "wellness low")
		case CodeItemLow: // "Motivation: 1 of 5"
			item, _, _ := strings.Cut(r.Text, ":")
			words = append(words, strings.ToLower(item)+" at 1")
		case CodeLoad:
			words = append(words, "load rising fast")
		case CodeMissedRecovery:
			words = append(words, "recovery done too hard")
		}
	}
	if len(words) == 1 {
		return words[0]
	}
	return strings.Join(words[:len(words)-1], ", ") + " and " + words[len(words)-1]
}
