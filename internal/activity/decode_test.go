package activity

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/muktihari/fit/profile/typedef"
)

// now is the present the tests decode against: after every fixture but the
// future one.
var now = time.Date(2025, 1, 15, 12, 0, 0, 0, time.UTC)

func decode(t testing.TB, name string, data []byte) []Activity {
	t.Helper()
	acts, err := Decode(name, data, WithNow(now))
	if err != nil {
		t.Fatalf("Decode(%s): %v", name, err)
	}
	return acts
}

type want struct {
	sport, subSport      string
	start                time.Time
	elapsed, moving      time.Duration
	distanceM, ascentM   float64
	avgHR, maxHR         int
	avgPower, normPower  int
	laps, stream         int
	hasSpeed, hasAltitde bool
}

// rideNP is the normalized power of rideFIT worked out by hand: 2,400 one-
// second values give 2,371 full 30 s windows; 1,142 of them average 150 W and
// 1,171 average 250 W; the 29 windows across each change of power hold k
// seconds of one level and 30−k of the other, averaging 150 + 100·k/30 W for
// k = 1…29, and the same set at the second change.
func rideNP() float64 {
	sum := 1142*math.Pow(150, 4) + 1171*math.Pow(250, 4)
	for k := 1.0; k <= 29; k++ {
		sum += 2 * math.Pow(150+100*k/30, 4)
	}
	return math.Pow(sum/2371, 0.25) // 216.99
}

func TestDecodeFixtures(t *testing.T) {
	min := func(m int) time.Duration { return time.Duration(m) * time.Minute }
	tests := []struct {
		file string
		want []want
	}{
		// 181 points 10 s apart; the 2 min stop does not move; distance
		// measured along the points; running power from <power>.
		{"run.gpx", []want{{sport: Run, start: runStart, elapsed: min(30), moving: min(28),
			distanceM: 5023.4, ascentM: 40, avgHR: 139, maxHR: 160, avgPower: 250, normPower: 250,
			laps: 0, stream: 181, hasSpeed: true, hasAltitde: true}}},
		// The watch's totals; no records during the stop, so 12 steps fewer.
		{"run.fit", []want{{sport: Run, subSport: "trail", start: runStart, elapsed: min(30), moving: min(28),
			distanceM: 5022.78, ascentM: 40, avgHR: 139, maxHR: 159,
			laps: 3, stream: 168, hasSpeed: true, hasAltitde: true}}},
		// No NP or ascent in the session: both from the records.
		{"ride.fit", []want{{sport: Bike, subSport: "road", start: rideStart, elapsed: min(40), moving: min(40),
			distanceM: 20992, ascentM: 50, avgHR: 143, maxHR: 155, avgPower: 200, normPower: int(math.Round(rideNP())),
			laps: 3, stream: 240, hasSpeed: true, hasAltitde: true}}},
		// Constant 180 W: NP is 180 by definition.
		{"ride.tcx", []want{{sport: Bike, start: tcxStart, elapsed: min(20), moving: min(20),
			distanceM: 10200, avgHR: 140, maxHR: 140, avgPower: 180, normPower: 180,
			laps: 2, stream: 121, hasSpeed: true, hasAltitde: true}}},
		// No positions, speed from the lengths' distance; the rest is a lap.
		{"pool_swim.fit", []want{{sport: Swim, subSport: "lap_swimming", start: swimStart,
			elapsed: 680 * time.Second, moving: 680 * time.Second, distanceM: 500, avgHR: 131, maxHR: 141,
			laps: 3, stream: 69, hasSpeed: true}}},
		// Five sessions, three legs: the transitions' minutes are in none.
		// Records every 5 s, two to a step.
		{"triathlon.fit", []want{
			{sport: Swim, subSport: "open_water", start: triStart, elapsed: min(10), moving: min(10),
				distanceM: 480, avgHR: 140, maxHR: 140, laps: 1, stream: 60, hasSpeed: true},
			{sport: Bike, subSport: "road", start: triStart.Add(min(11)), elapsed: min(20), moving: min(20),
				distanceM: 10800, avgHR: 155, maxHR: 155, laps: 1, stream: 120, hasSpeed: true},
			{sport: Run, subSport: "street", start: triStart.Add(min(32)), elapsed: min(10), moving: min(10),
				distanceM: 2400, avgHR: 165, maxHR: 165, laps: 1, stream: 60, hasSpeed: true},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			acts := decode(t, tt.file, fixture(t, tt.file))
			if len(acts) != len(tt.want) {
				t.Fatalf("got %d activities, want %d", len(acts), len(tt.want))
			}
			for i, w := range tt.want {
				checkActivity(t, acts[i], w)
			}
		})
	}
}

func checkActivity(t *testing.T, a Activity, w want) {
	t.Helper()
	got := want{a.Sport, a.SubSport, a.Start, a.Elapsed, a.Moving, math.Round(a.DistanceM*100) / 100, a.AscentM,
		a.AvgHR, a.MaxHR, a.AvgPower, a.NormPower, len(a.Laps), len(a.Stream), a.HasSpeed, a.HasAltitude}
	if math.Abs(got.distanceM-w.distanceM) < 0.1 {
		got.distanceM = w.distanceM
	}
	if got != w {
		t.Errorf("got  %+v\nwant %+v", got, w)
	}
	if a.Start.Location() != time.UTC {
		t.Errorf("start %v is not in UTC", a.Start)
	}
	checkStream(t, a)
}

// checkStream asserts the stream's conventions: steps of StreamStep from
// the start, in order, at most maxSamples, no NaN.
func checkStream(t *testing.T, a Activity) {
	t.Helper()
	if a.StreamStep < sampleStep || a.StreamStep%sampleStep != 0 {
		t.Errorf("stream step %v", a.StreamStep)
	}
	if len(a.Stream) > maxSamples {
		t.Errorf("%d samples", len(a.Stream))
	}
	for i, s := range a.Stream {
		if s.Offset%a.StreamStep != 0 || i > 0 && s.Offset <= a.Stream[i-1].Offset {
			t.Fatalf("sample %d at %v after %v, step %v", i, s.Offset, a.Stream[max(0, i-1)].Offset, a.StreamStep)
		}
		if math.IsNaN(s.SpeedMS) || math.IsNaN(s.AltitudeM) || math.IsInf(s.SpeedMS, 0) {
			t.Fatalf("sample %d: %+v", i, s)
		}
	}
}

func TestDecodeStreamValues(t *testing.T) {
	a := decode(t, "run.fit", fixture(t, "run.fit"))[0]
	// Step 0 holds seconds 0–9; the stop leaves a gap from 15:00 to 17:00.
	first := a.Stream[0]
	if first.Offset != 0 || first.HR != 120 || math.Abs(first.SpeedMS-runSpeedMean(0)) > 0.01 || first.AltitudeM != 100 {
		t.Errorf("first sample %+v", first)
	}
	for i := 1; i < len(a.Stream); i++ {
		if gap := a.Stream[i].Offset - a.Stream[i-1].Offset; gap != 10*time.Second {
			if a.Stream[i-1].Offset != runStopFrom-10*time.Second || a.Stream[i].Offset != runStopUntil {
				t.Errorf("gap of %v after %v", gap, a.Stream[i-1].Offset)
			}
		}
	}
	top := a.Stream[89] // 14:50–14:59, just below the top of the hill at 15:00
	if math.Abs(top.AltitudeM-139.8) > 0.05 || top.Power != 0 || top.HR != 139 {
		t.Errorf("top of the hill %+v", top)
	}
}

// runSpeedMean is the mean speed of the run's step of 10 s from from.
func runSpeedMean(from time.Duration) float64 {
	s := 0.0
	for i := range 10 {
		s += runSpeed(from + time.Duration(i)*time.Second)
	}
	return s / 10
}

func TestDecodeRefusals(t *testing.T) {
	tests := []struct{ file, reason string }{
		{"truncated.fit", "This FIT file is cut short: it ends before its data does."},
		{"bad_crc.fit", "This FIT file is damaged: its checksum does not match its contents."},
		{"no_session.fit", "This FIT file has no session: the watch may not have finished saving it."},
		{"no_timestamps.gpx", "This GPX file has no timestamps, so Rebound cannot tell when the workout happened."},
		{"future.gpx", "The activity is dated 2087-01-01, in the future."},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			checkRefusal(t, tt.file, fixture(t, tt.file), tt.reason)
		})
	}
}

func checkRefusal(t *testing.T, name string, data []byte, reason string) {
	t.Helper()
	acts, err := Decode(name, data, WithNow(now))
	var r *Refusal
	if !errors.As(err, &r) {
		t.Fatalf("Decode(%s) = %d activities, %v; want a refusal", name, len(acts), err)
	}
	if r.Reason != reason {
		t.Errorf("Decode(%s) reason %q, want %q", name, r.Reason, reason)
	}
}

func TestDecodeRefusesInWords(t *testing.T) {
	gpx := func(times ...string) []byte {
		var b strings.Builder
		b.WriteString(`<gpx version="1.1"><trk><trkseg>`)
		for i, ts := range times {
			fmt.Fprintf(&b, `<trkpt lat="48.1%d" lon="11.5"><time>%s</time></trkpt>`, i, ts)
		}
		b.WriteString(`</trkseg></trk></gpx>`)
		return []byte(b.String())
	}
	course := newActivityFile(runStart)
	course.FileId.SetType(typedef.FileCourse)
	tests := []struct {
		name   string
		data   []byte
		reason string
	}{
		{"old.gpx", gpx("1999-12-31T10:00:00Z", "1999-12-31T11:00:00Z"),
			"The activity is dated before 2000: the device's clock was probably not set."},
		{"tomorrow.gpx", gpx("2025-01-16T11:00:00Z", "2025-01-16T12:00:00Z"), ""},
		{"day-after.gpx", gpx("2025-01-16T12:00:01Z", "2025-01-16T13:00:00Z"),
			"The activity is dated 2025-01-16, in the future."},
		{"one-point.gpx", gpx("2024-05-04T06:30:00Z"),
			"This GPX file's readings all fall at the same moment, so the workout lasts no time."},
		{"same-time.gpx", gpx("2024-05-04T06:30:00Z", "2024-05-04T06:30:00Z"),
			"This GPX file's readings all fall at the same moment, so the workout lasts no time."},
		{"route.gpx", []byte(`<gpx><rte><rtept lat="1" lon="2"/></rte></gpx>`),
			"This GPX file has no track points: it may be a route or a list of places rather than a recorded workout."},
		{"cut.gpx", gpx("2024-05-04T06:30:00Z", "2024-05-04T07:30:00Z")[:60],
			"This GPX file is cut short: it ends before its data does."},
		{"broken.tcx", []byte(`<TrainingCenterDatabase><Activities></Lap></TrainingCenterDatabase>`),
			"This TCX file is damaged: it is not well-formed XML."},
		{"course.tcx", []byte(`<TrainingCenterDatabase><Courses><Course><Name>Loop</Name></Course></Courses></TrainingCenterDatabase>`),
			"This TCX file holds a course (a planned route), not a recorded workout."},
		{"notime.tcx", []byte(`<TrainingCenterDatabase><Activities><Activity Sport="Running"><Lap><Track><Trackpoint><DistanceMeters>5</DistanceMeters></Trackpoint></Track></Lap></Activity></Activities></TrainingCenterDatabase>`),
			"This TCX file has no timestamps, so Rebound cannot tell when the workout happened."},
		{"course.fit", encodeFIT(course), "This FIT file holds a course (a planned route), not a recorded workout."},
		{"photo.fit", []byte("\xff\xd8\xff\xe0 not a FIT file at all"),
			"This file is named .fit but is not a FIT file, or is too damaged to tell."},
		{"notes.txt", []byte("went for a run"), "Rebound reads FIT, GPX and TCX files, and this is none of them."},
		{"empty.gpx", nil, "This file is empty."},
		{"feed.xml", []byte(`<?xml version="1.0"?><rss><channel/></rss>`),
			"This XML file is neither GPX nor TCX, so it holds no workout Rebound can read."},
		{"run.fit.gz", []byte{0x1f, 0x8b, 8, 0}, "This file is compressed: upload it as it is, and Rebound will unpack it."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.reason == "" {
				decode(t, tt.name, tt.data)
				return
			}
			checkRefusal(t, tt.name, tt.data, tt.reason)
		})
	}
}

func TestDecodeTCXMultisport(t *testing.T) {
	lap := func(start string, secs, dist float64, hr int) string {
		return fmt.Sprintf(`<Lap StartTime="%s"><TotalTimeSeconds>%g</TotalTimeSeconds><DistanceMeters>%g</DistanceMeters>`+
			`<AverageHeartRateBpm><Value>%d</Value></AverageHeartRateBpm><Track>`+
			`<Trackpoint><Time>%s</Time><HeartRateBpm><Value>%d</Value></HeartRateBpm></Trackpoint></Track></Lap>`,
			start, secs, dist, hr, start, hr)
	}
	// As Garmin Training Center wrote multisport: leading spaces, as Strava's
	// exports have, and a Transition lap between the sports.
	doc := `   <?xml version="1.0" encoding="ISO-8859-1"?>
<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"><Activities>
<MultiSportSession><Id>2024-06-09T07:00:00Z</Id>
<FirstSport><Activity Sport="Biking"><Id>2024-06-09T07:00:00Z</Id>` + lap("2024-06-09T07:00:00Z", 1800, 15000, 150) + `</Activity></FirstSport>
<NextSport><Transition>` + lap("2024-06-09T07:30:00Z", 90, 100, 155) + `</Transition>
<Activity Sport="Running"><Id>2024-06-09T07:31:30Z</Id>` + lap("2024-06-09T07:31:30Z", 1200, 4000, 165) + "<Notes>Caf\xe9 after</Notes>" + `</Activity></NextSport>
</MultiSportSession></Activities></TrainingCenterDatabase>`
	acts := decode(t, "brick.tcx", []byte(doc))
	if len(acts) != 2 {
		t.Fatalf("got %d activities, want 2 (the transition dropped)", len(acts))
	}
	for i, w := range []want{
		{sport: Bike, start: time.Date(2024, 6, 9, 7, 0, 0, 0, time.UTC), elapsed: 30 * time.Minute, moving: 30 * time.Minute,
			distanceM: 15000, avgHR: 150, maxHR: 150, laps: 1, stream: 1},
		{sport: Run, start: time.Date(2024, 6, 9, 7, 31, 30, 0, time.UTC), elapsed: 20 * time.Minute, moving: 20 * time.Minute,
			distanceM: 4000, avgHR: 165, maxHR: 165, laps: 1, stream: 1},
	} {
		checkActivity(t, acts[i], w)
	}
}

func TestDecodeGPXSports(t *testing.T) {
	tests := []struct{ typ, sport, sub string }{
		{"running", Run, ""}, {"trail_running", Run, "trail"}, {"treadmill_running", Run, "treadmill"},
		{"Run", Run, ""}, {"9", Run, ""}, {"cycling", Bike, ""}, {"road_biking", Bike, "road"},
		{"VirtualRide", Bike, "indoor_cycling"}, {"indoor_cycling", Bike, "indoor_cycling"}, {"1", Bike, ""},
		{"mountain_biking", Bike, "mountain"}, {"lap_swimming", Swim, "lap_swimming"},
		{"open_water_swimming", Swim, "open_water"}, {"Swim", Swim, ""}, {"strength_training", Strength, ""},
		{"WeightTraining", Strength, ""}, {"hiking", Other, ""}, {"", Other, ""},
	}
	for _, tt := range tests {
		doc := `<gpx><trk><type>` + tt.typ + `</type><trkseg>` +
			`<trkpt lat="48" lon="11"><time>2024-05-04T06:30:00Z</time></trkpt>` +
			`<trkpt lat="48.01" lon="11"><time>2024-05-04T07:30:00Z</time></trkpt></trkseg></trk></gpx>`
		a := decode(t, "x.gpx", []byte(doc))[0]
		if a.Sport != tt.sport || a.SubSport != tt.sub {
			t.Errorf("type %q: %q/%q, want %q/%q", tt.typ, a.Sport, a.SubSport, tt.sport, tt.sub)
		}
	}
}

func TestHash(t *testing.T) {
	if got := Hash([]byte("abc")); got != "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" {
		t.Errorf("Hash(abc) = %s", got)
	}
}

// A leg that cannot stand on its own is left out when others can.
func TestDecodeDropsAnEmptyLeg(t *testing.T) {
	doc := `<TrainingCenterDatabase><Activities>` +
		`<Activity Sport="Running"><Id>2024-06-09T07:00:00Z</Id><Lap StartTime="2024-06-09T07:00:00Z">` +
		`<TotalTimeSeconds>600</TotalTimeSeconds><DistanceMeters>2000</DistanceMeters></Lap></Activity>` +
		`<Activity Sport="Biking"></Activity>` +
		`</Activities></TrainingCenterDatabase>`
	acts := decode(t, "x.tcx", []byte(doc))
	if len(acts) != 1 || acts[0].Sport != Run || acts[0].Elapsed != 10*time.Minute || acts[0].DistanceM != 2000 {
		t.Errorf("got %+v", acts)
	}
	checkRefusal(t, "x.tcx", []byte(`<TrainingCenterDatabase><Activities><Activity Sport="Biking"></Activity></Activities></TrainingCenterDatabase>`),
		"This TCX file has no timestamps, so Rebound cannot tell when the workout happened.")
}

func TestFITSport(t *testing.T) {
	tests := []struct {
		sport      typedef.Sport
		sub        typedef.SubSport
		want, wsub string
	}{
		{typedef.SportRunning, typedef.SubSportTrail, Run, "trail"},
		{typedef.SportRunning, typedef.SubSportGeneric, Run, ""},
		{typedef.SportFitnessEquipment, typedef.SubSportTreadmill, Run, "treadmill"},
		{typedef.SportCycling, typedef.SubSportIndoorCycling, Bike, "indoor_cycling"},
		{typedef.SportFitnessEquipment, typedef.SubSportIndoorCycling, Bike, "indoor_cycling"},
		{typedef.SportEBiking, typedef.SubSportInvalid, Bike, ""},
		{typedef.SportSwimming, typedef.SubSportOpenWater, Swim, "open_water"},
		{typedef.SportTraining, typedef.SubSportStrengthTraining, Strength, "strength_training"},
		{typedef.SportTraining, typedef.SubSportYoga, Other, "yoga"},
		{typedef.SportFitnessEquipment, typedef.SubSportIndoorRowing, Other, "indoor_rowing"},
		{typedef.SportHiking, typedef.SubSportGeneric, Other, ""},
		{typedef.Sport(200), typedef.SubSport(200), Other, ""},
	}
	for _, tt := range tests {
		if s, sub := fitSport(tt.sport, tt.sub); s != tt.want || sub != tt.wsub {
			t.Errorf("%v/%v: %q/%q, want %q/%q", tt.sport, tt.sub, s, sub, tt.want, tt.wsub)
		}
	}
}
