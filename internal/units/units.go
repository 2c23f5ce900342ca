// Package units converts between what the database stores (metres,
// seconds) and what an athlete reads and types (km or mi, minutes,
// min:ss paces).
package units

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// System is how an athlete reads distances: "km" or "mi".
type System string

const (
	Metric   System = "km"
	Imperial System = "mi"
)

// metresPerMile is the international mile (1959).
const metresPerMile = 1609.344

// unitMetres is the length of one display unit.
func (s System) unitMetres() float64 {
	if s == Imperial {
		return metresPerMile
	}
	return 1000
}

// Label is the unit's short name.
func (s System) Label() string {
	if s == Imperial {
		return "mi"
	}
	return "km"
}

// Distance shows metres in the system's unit: "12.5 km", "7.77 mi".
// Below 10 units it keeps two decimals, else one; trailing zeros go.
func (s System) Distance(metres int) string {
	v := float64(metres) / s.unitMetres()
	prec := 1
	if v < 10 {
		prec = 2
	}
	str := strconv.FormatFloat(v, 'f', prec, 64)
	if strings.Contains(str, ".") {
		str = strings.TrimRight(strings.TrimRight(str, "0"), ".")
	}
	return str + " " + s.Label()
}

// ErrDistance explains a distance that cannot be read.
var ErrDistance = errors.New("enter a distance such as 10 or 10.5")

// ParseDistance reads a distance typed in the system's unit ("10.5",
// "10,5") and returns metres. Empty input is 0 and ok.
func (s System) ParseDistance(in string) (int, error) {
	in = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(in), s.Label()))
	if in == "" {
		return 0, nil
	}
	v, err := strconv.ParseFloat(strings.Replace(in, ",", ".", 1), 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
		return 0, ErrDistance
	}
	m := math.Round(v * s.unitMetres())
	if m > 1_000_000 {
		return 0, fmt.Errorf("a distance of at most %s", s.Distance(1_000_000))
	}
	return int(m), nil
}

// Pace shows seconds per kilometre as min:ss per the system's unit.
func (s System) Pace(secPerKm float64) string {
	sec := int(math.Round(secPerKm * s.unitMetres() / 1000))
	return fmt.Sprintf("%d:%02d /%s", sec/60, sec%60, s.Label())
}

// PaceRange shows a range of paces, faster end first, the unit once:
// "4:22–4:57 /km".
func (s System) PaceRange(fast, slow float64) string {
	f, _, _ := strings.Cut(s.Pace(fast), " ")
	return f + "–" + s.Pace(slow)
}

// PaceZone shows a zone of paces whose bounds are whole seconds per km,
// inclusive (package zones): a range, or at an open end "slower than"
// (or "faster than") the neighbouring zone's edge, which is outside it.
func (s System) PaceZone(fast, slow float64) string {
	switch {
	case math.IsInf(slow, 1):
		return "slower than " + s.Pace(fast-1)
	case fast <= 0:
		return "faster than " + s.Pace(slow+1)
	}
	return s.PaceRange(fast, slow)
}

// RPE shows a rating of perceived exertion (CR-10) as every page and
// workout text writes it: "RPE 6.5".
func RPE(rpe float64) string { return "RPE " + strconv.FormatFloat(rpe, 'f', -1, 64) }

// ErrPace explains a pace that cannot be read.
var ErrPace = errors.New("enter a pace as min:ss, such as 4:30")

// ParsePace reads "m:ss" per the system's unit and returns seconds per km.
func (s System) ParsePace(in string) (float64, error) {
	in = strings.TrimSpace(in)
	min, sec, ok := strings.Cut(in, ":")
	if !ok {
		return 0, ErrPace
	}
	m, err1 := strconv.Atoi(min)
	sv, err2 := strconv.Atoi(sec)
	if err1 != nil || err2 != nil || m < 0 || m > 59 || sv < 0 || sv > 59 || len(sec) != 2 {
		return 0, ErrPace
	}
	perUnit := float64(m*60 + sv)
	return perUnit * 1000 / s.unitMetres(), nil
}

// Duration shows seconds as "45 min", "1 h 30 min" or "2 h".
func Duration(seconds int) string {
	minutes := int(math.Round(float64(seconds) / 60))
	h, m := minutes/60, minutes%60
	switch {
	case h == 0:
		return fmt.Sprintf("%d min", m)
	case m == 0:
		return fmt.Sprintf("%d h", h)
	}
	return fmt.Sprintf("%d h %d min", h, m)
}

// ErrHours explains hours that cannot be read.
var ErrHours = errors.New("enter hours such as 7.5, 7:30 or 7h30")

// ParseHours reads a time in hours as people type it: "7.5", "7,5",
// "7:30", "7h30", "7 h 30 min", "7h". Minutes, when given, are two digits
// under 60 ("7:5" is refused: 7:05 or 7:50?). The hours are not bounded
// here; callers check their own range.
func ParseHours(in string) (float64, error) {
	s := strings.ToLower(strings.Join(strings.Fields(in), ""))
	if s == "" {
		return 0, ErrHours
	}
	hh, mm, clock := strings.Cut(s, ":")
	if !clock {
		hh, mm, clock = strings.Cut(s, "h")
		mm = strings.TrimSuffix(strings.TrimSuffix(mm, "min"), "m")
		if clock && mm == "" {
			mm = "00"
		}
	}
	if !clock {
		x, err := strconv.ParseFloat(strings.Replace(s, ",", ".", 1), 64)
		if err != nil || strings.ContainsAny(s, "eEinxp_+") || math.IsNaN(x) || math.IsInf(x, 0) || x < 0 {
			return 0, ErrHours
		}
		return x, nil
	}
	h, err1 := strconv.Atoi(hh)
	m, err2 := strconv.Atoi(mm)
	if err1 != nil || err2 != nil || len(mm) != 2 || strings.ContainsAny(hh+mm, "+-") || h > 1000 || m > 59 {
		return 0, ErrHours
	}
	return float64(h) + float64(m)/60, nil
}

// Clock shows hours as h:mm, the way people say them: 7.5 is "7:30".
func Clock(hours float64) string {
	minutes := int(math.Round(hours * 60))
	return fmt.Sprintf("%d:%02d", minutes/60, minutes%60)
}
