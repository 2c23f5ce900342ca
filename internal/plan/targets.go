package plan

import (
	"strconv"

	"rebound/internal/training"
)

// CueAt is the athlete's own target at level z (a pace, power or
// heart-rate range) as the workout's text gives it: the main set's at its
// level, the easy parts' at zone 2; "" where the text gives none. Pages
// showing a workout's targets use it, so they state the text's numbers.
func CueAt(s training.Structure, z int) string {
	switch {
	case z == s.Zone && s.Cue != "":
		return s.Cue
	case z == zEndurance:
		return s.Easy
	}
	return ""
}

// weekOf names a week by its place in a phase or block: "Base week 3 of
// 16", "Taper week 1 of 2".
func weekOf(name string, n, of int) string {
	return title(name) + " week " + strconv.Itoa(n) + " of " + strconv.Itoa(of)
}
