// Package zones owns the athlete's training zones: the heart-rate, run-pace
// and power ranges that follow from their thresholds, with a plain-words
// label for each. It is pure arithmetic; callers store the thresholds and
// render the zones.
//
// Zones are in whole units (bpm, watts, seconds per km) and contiguous: in
// order of value the first zone starts at 0, each next one starts 1 unit
// above the previous zone's High, and the last is open-ended (High = +Inf),
// so every measured value has a zone. A threshold that is not positive, or
// not humanly plausible, gives nil.
package zones

import (
	"math"
	"slices"
)

// Zone is one training zone, Low and High inclusive, in the units of the
// model that made it.
type Zone struct {
	Name  string // "Z1", "Z5a", …
	Label string // plain words: "Recovery", "Endurance", …
	Low   float64
	High  float64 // +Inf for the open-ended zone
}

// Upper limits of a plausible threshold. Beyond them the input is a typo, not
// an athlete, and the whole-unit arithmetic would no longer be exact.
const (
	maxBPM      = 300  // well above any exercising heart
	maxWatts    = 2000 // several times a world-class FTP
	maxSecPerKm = 3600 // 1 km/h: slower than walking
)

// percentOf is p % of x rounded to the nearest whole unit, halves up. Integer
// arithmetic keeps e.g. 85 % of 170 at exactly 144.5 → 145, where 0.85·170 in
// floating point could land on either side of the half.
func percentOf(p, x int) float64 {
	return float64((p*x + 50) / 100)
}

// ladder makes contiguous zones from the inclusive upper bounds of all but
// the last zone, given in increasing order. A bound that would leave a zone
// empty (only for absurdly small thresholds) is raised so each zone keeps at
// least one unit and the ladder still climbs.
func ladder(names, labels []string, highs []float64) []Zone {
	zones := make([]Zone, len(names))
	low := 0.0
	for i := range zones {
		high := math.Inf(1)
		if i < len(highs) {
			high = max(highs[i], low)
		}
		zones[i] = Zone{Name: names[i], Label: labels[i], Low: low, High: high}
		low = high + 1
	}
	return zones
}

// HeartRateFromThreshold is Joe Friel's seven heart-rate zones as
// percentages of lactate-threshold heart rate (Friel, The Triathlete's
// Training Bible, 2009; "A Quick Guide to Setting Zones", 2009), in bpm:
// Z1 below 85 %, Z2 85–89 %, Z3 90–94 %, Z4 95–99 %, Z5a 100–102 %,
// Z5b 103–106 %, Z5c above 106 %. Each zone's High is its top percentage
// rounded; Z1 ends 1 bpm below Z2's start. It is nil unless 0 < lthr ≤ 300.
func HeartRateFromThreshold(lthr int) []Zone {
	if lthr <= 0 || lthr > maxBPM {
		return nil
	}
	return ladder(
		[]string{"Z1", "Z2", "Z3", "Z4", "Z5a", "Z5b", "Z5c"},
		[]string{"Recovery", "Endurance", "Tempo", "Sub-threshold", "Threshold", "VO2max", "Anaerobic"},
		[]float64{
			percentOf(85, lthr) - 1,
			percentOf(89, lthr),
			percentOf(94, lthr),
			percentOf(99, lthr),
			percentOf(102, lthr),
			percentOf(106, lthr),
		},
	)
}

// HeartRateFromMax is the common five-zone model of 50–60, 60–70, 70–80,
// 80–90 and 90–100 % of maximum heart rate, popularised by Sally Edwards'
// Heart Zones training (Edwards, The Heart Rate Monitor Book, 1993), in bpm.
// Each zone's High is its top percentage rounded, so zone 2 ends at 70 %.
// Z1 reaches down to 0 and Z5 up past the maximum because an estimated
// maximum is often wrong and every beat still needs a zone. It is nil unless
// 0 < maxHR ≤ 300.
func HeartRateFromMax(maxHR int) []Zone {
	if maxHR <= 0 || maxHR > maxBPM {
		return nil
	}
	return ladder(
		[]string{"Z1", "Z2", "Z3", "Z4", "Z5"},
		[]string{"Recovery", "Endurance", "Tempo", "Threshold", "Maximum"},
		[]float64{
			percentOf(60, maxHR),
			percentOf(70, maxHR),
			percentOf(80, maxHR),
			percentOf(90, maxHR),
		},
	)
}

// Zone2CeilingHR is the top of zone 2 in bpm: from lactate-threshold heart
// rate when known (Friel: 89 %), else from maximum heart rate (70 %), else 0.
// It is the High of zone 2 in HeartRateFromThreshold or HeartRateFromMax, so
// it always agrees with the zones the athlete sees; worked out as ladder
// works it out, without building the zones: the dashboard asks for hundreds
// of athletes at a time.
func Zone2CeilingHR(lthr, maxHR int) int {
	switch {
	case lthr > 0 && lthr <= maxBPM:
		return int(zone2High(percentOf(85, lthr)-1, percentOf(89, lthr)))
	case maxHR > 0 && maxHR <= maxBPM:
		return int(zone2High(percentOf(60, maxHR), percentOf(70, maxHR)))
	}
	return 0
}

// zone2High is the High of ladder's second zone, from the first two bounds.
func zone2High(high1, high2 float64) float64 {
	return max(high2, max(high1, 0)+1)
}

// RunPaceFromThreshold is Joe Friel's seven run-pace zones as percentages of
// threshold pace (Friel, "A Quick Guide to Setting Zones", 2009), in seconds
// per km, where a larger number is slower: Z1 slower than 129 %, Z2 114–129 %,
// Z3 106–113 %, Z4 99–105 %, Z5a 97–100 %, Z5b 90–96 %, Z5c faster than 90 %.
//
// The zones come in the usual order, Z1 (easiest) first, so their Low and
// High decrease down the list; Low is always the faster end. Bounds are whole
// seconds: each zone's slower end is its slowest percentage rounded and the
// next easier zone starts 1 s slower; Z5c ends 1 s faster than 90 %. Friel's
// Z4 and Z5a overlap at 99–100 %; threshold pace itself goes to Z5a, as
// threshold heart rate does. It is nil unless 0 < thresholdSecPerKm ≤ 3600.
func RunPaceFromThreshold(thresholdSecPerKm float64) []Zone {
	if !(thresholdSecPerKm > 0 && thresholdSecPerKm <= maxSecPerKm) {
		return nil
	}
	pct := func(p float64) float64 { return math.Round(p * thresholdSecPerKm / 100) }
	zones := ladder(
		[]string{"Z5c", "Z5b", "Z5a", "Z4", "Z3", "Z2", "Z1"},
		[]string{"Anaerobic", "VO2max", "Threshold", "Sub-threshold", "Tempo", "Endurance", "Recovery"},
		[]float64{pct(90) - 1, pct(96), pct(100), pct(105), pct(113), pct(129)},
	)
	slices.Reverse(zones)
	return zones
}

// PowerFromFTP is Andrew Coggan's seven power levels as percentages of
// functional threshold power (Allen & Coggan, Training and Racing with a Power
// Meter, 2010), in watts: Z1 up to 55 %, Z2 56–75 %, Z3 76–90 %, Z4 91–105 %,
// Z5 106–120 %, Z6 121–150 %, Z7 above 150 %. Each zone's High is its top
// percentage rounded. It is nil unless 0 < ftp ≤ 2000.
func PowerFromFTP(ftp int) []Zone {
	if ftp <= 0 || ftp > maxWatts {
		return nil
	}
	return ladder(
		[]string{"Z1", "Z2", "Z3", "Z4", "Z5", "Z6", "Z7"},
		[]string{"Recovery", "Endurance", "Tempo", "Threshold", "VO2max", "Anaerobic", "Neuromuscular"},
		[]float64{
			percentOf(55, ftp),
			percentOf(75, ftp),
			percentOf(90, ftp),
			percentOf(105, ftp),
			percentOf(120, ftp),
			percentOf(150, ftp),
		},
	)
}
