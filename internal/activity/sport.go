package activity

import (
	"strings"

	"github.com/muktihari/fit/profile/typedef"
)

// Rebound's sports.
const (
	Run      = "run"
	Bike     = "bike"
	Swim     = "swim"
	Strength = "strength"
	Other    = "other"
)

// fitSport maps a FIT sport and sub-sport to Rebound's sport, and the
// sub-sport to its profile name ("" for generic or unknown).
func fitSport(s typedef.Sport, sub typedef.SubSport) (sport, subSport string) {
	if sub != typedef.SubSportGeneric && sub != typedef.SubSportInvalid && sub != typedef.SubSportAll {
		if name := sub.String(); !strings.Contains(name, "Invalid") {
			subSport = name
		}
	}
	switch s {
	case typedef.SportRunning, typedef.SportWheelchairPushRun:
		return Run, subSport
	case typedef.SportCycling, typedef.SportEBiking:
		return Bike, subSport
	case typedef.SportSwimming:
		return Swim, subSport
	case typedef.SportTraining:
		if sub == typedef.SubSportStrengthTraining {
			return Strength, subSport
		}
	case typedef.SportFitnessEquipment:
		switch sub {
		case typedef.SubSportTreadmill, typedef.SubSportIndoorRunning:
			return Run, subSport
		case typedef.SubSportIndoorCycling, typedef.SubSportSpin:
			return Bike, subSport
		}
	}
	return Other, subSport
}

// textSport maps the sport an XML file names — a GPX track's type as Garmin
// Connect ("trail_running", "road_biking"), Strava ("Run", "VirtualRide",
// "WeightTraining") and others write it, or a TCX activity's Sport attribute
// ("Running", "Biking", "Other") — to Rebound's sport and a sub-sport.
func textSport(name string) (sport, subSport string) {
	n := strings.ToLower(strings.TrimSpace(name))
	n = strings.NewReplacer(" ", "_", "-", "_").Replace(n)
	switch n {
	case "1": // Strava's older GPX exports number the type: 1 ride, 9 run
		return Bike, ""
	case "9":
		return Run, ""
	}
	has := func(words ...string) bool {
		for _, w := range words {
			if strings.Contains(n, w) {
				return true
			}
		}
		return false
	}
	switch {
	case has("swim"):
		switch {
		case has("open_water", "openwater"):
			return Swim, "open_water"
		case has("lap", "pool"):
			return Swim, "lap_swimming"
		}
		return Swim, ""
	case has("run", "jog"):
		switch {
		case has("trail"):
			return Run, "trail"
		case has("treadmill", "indoor", "virtual"):
			return Run, "treadmill"
		}
		return Run, ""
	case has("bik", "cycl", "ride"):
		switch {
		case has("indoor", "virtual", "spin", "trainer"):
			return Bike, "indoor_cycling"
		case has("mountain", "mtb"):
			return Bike, "mountain"
		case has("gravel"):
			return Bike, "gravel_cycling"
		case has("road"):
			return Bike, "road"
		}
		return Bike, ""
	case has("strength", "weight"):
		return Strength, ""
	}
	return Other, ""
}
