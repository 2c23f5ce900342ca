// Package timezone lists the IANA time zones an athlete can live in, for
// the select on forms and for validating what a form sends.
package timezone

import (
	_ "embed"
	"slices"
	"strings"
	"sync"
	"time"
	_ "time/tzdata" // the zone rules ship in the binary: a distroless image has no /usr/share/zoneinfo
)

//go:embed zones.txt
var list string

// Zones are the canonical zone names, sorted.
var Zones = func() []string {
	var zs []string
	for _, line := range strings.Split(list, "\n") {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
			zs = append(zs, line)
		}
	}
	return zs
}()

// locations caches loaded zones: time.LoadLocation reads and parses a
// zone's rules on every call, and pages convert times for many athletes.
var locations sync.Map // zone name → *time.Location

// Location is the named zone, loaded once; UTC if it cannot be loaded.
func Location(name string) *time.Location {
	if loc, ok := locations.Load(name); ok {
		return loc.(*time.Location)
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return time.UTC
	}
	locations.Store(name, loc)
	return loc
}

// Valid reports whether name is one of Zones and Go can load its rules.
func Valid(name string) bool {
	if _, found := slices.BinarySearch(Zones, name); !found {
		return false
	}
	_, err := time.LoadLocation(name)
	return err == nil
}

// Canonical returns the zone of the list that name spells, as typed into a
// zone field: any case, spaces for underscores ("america/new york" is
// America/New_York).
func Canonical(name string) (string, bool) {
	name = strings.ReplaceAll(strings.TrimSpace(name), " ", "_")
	if Valid(name) {
		return name, true
	}
	for _, z := range Zones {
		if strings.EqualFold(z, name) {
			return z, Valid(z)
		}
	}
	return "", false
}
