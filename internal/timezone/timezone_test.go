package timezone

import (
	"slices"
	"testing"
	"time"
)

func TestZones(t *testing.T) {
	if !slices.IsSorted(Zones) || len(Zones) < 300 {
		t.Fatalf("%d zones, sorted %v", len(Zones), slices.IsSorted(Zones))
	}
	for _, z := range Zones {
		if !Valid(z) {
			t.Errorf("listed zone %q does not load", z)
		}
	}
	for _, bad := range []string{"", "Mars/Olympus_Mons", "europe/berlin", "Local", "../etc/passwd", "EST"} {
		if Valid(bad) {
			t.Errorf("Valid(%q) = true", bad)
		}
	}
	for _, good := range []string{"Europe/Berlin", "America/New_York", "UTC", "Australia/Sydney"} {
		if !Valid(good) {
			t.Errorf("Valid(%q) = false", good)
		}
	}
}

func TestLocation(t *testing.T) {
	berlin := Location("Europe/Berlin")
	if berlin.String() != "Europe/Berlin" || Location("Europe/Berlin") != berlin {
		t.Errorf("Europe/Berlin loaded as %v, or not once", berlin)
	}
	if Location("Mars/Olympus") != time.UTC || Location("") != time.UTC {
		t.Error("an unknown zone should be UTC")
	}
}

func TestCanonicalTakesTypedNames(t *testing.T) {
	for in, want := range map[string]string{"Europe/Berlin": "Europe/Berlin", " america/new york ": "America/New_York", "UTC": "UTC"} {
		if got, ok := Canonical(in); !ok || got != want {
			t.Errorf("Canonical(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	for _, in := range []string{"", "Berlin", "Mars/Olympus_Mons", "Europe/Berlin/x"} {
		if got, ok := Canonical(in); ok {
			t.Errorf("Canonical(%q) = %q, accepted", in, got)
		}
	}
}
