// Package importstest makes workout files for tests, as watches and bike
// computers write them: FIT with the same SDK Rebound reads them with,
// GPX and TCX as text, and zips of them. Each workout starts when the test
// says, so that it falls on a day the test planned.
package importstest

import (
	"archive/zip"
	"bytes"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/muktihari/fit/encoder"
	"github.com/muktihari/fit/profile/filedef"
	"github.com/muktihari/fit/profile/mesgdef"
	"github.com/muktihari/fit/profile/typedef"
)

// Workout is a steady workout: Minutes long from Start, at SpeedMS with
// heart rate HR (0: none) and power Power (0: none), a record every Step
// (default 1 s), in three laps.
type Workout struct {
	Sport   string // run, bike or swim
	Start   time.Time
	Minutes int
	HR      int
	Power   int
	SpeedMS float64
	Step    time.Duration
}

func (w Workout) step() time.Duration {
	if w.Step <= 0 {
		return time.Second
	}
	return w.Step
}

func (w Workout) length() time.Duration { return time.Duration(w.Minutes) * time.Minute }

func (w Workout) speed() float64 {
	if w.SpeedMS > 0 {
		return w.SpeedMS
	}
	switch w.Sport {
	case "bike":
		return 8
	case "swim":
		return 1
	}
	return 3
}

// hrAt rises gently through the workout, as a heart does.
func (w Workout) hrAt(off time.Duration) int {
	if w.HR == 0 {
		return 0
	}
	return w.HR - 8 + int(16*off.Seconds()/w.length().Seconds())
}

// powerAt wavers by a tenth around Power.
func (w Workout) powerAt(off time.Duration) int {
	if w.Power == 0 {
		return 0
	}
	return w.Power + int(float64(w.Power)/10*math.Sin(off.Seconds()/60))
}

func (w Workout) fitSport() (typedef.Sport, typedef.SubSport) {
	switch w.Sport {
	case "bike":
		return typedef.SportCycling, typedef.SubSportRoad
	case "swim":
		return typedef.SportSwimming, typedef.SubSportOpenWater
	}
	return typedef.SportRunning, typedef.SubSportGeneric
}

// FIT writes the workout as a watch's activity file.
func FIT(w Workout) []byte {
	a := filedef.NewActivity()
	a.FileId.SetType(typedef.FileActivity).SetTimeCreated(w.Start).
		SetManufacturer(typedef.ManufacturerGarmin).SetProduct(typedef.GarminProductFr965.Uint16()).SetSerialNumber(7654321)
	sport, sub := w.fitSport()
	n := w.length()
	hrSum, hrN, hrMax, powSum := 0, 0, 0, 0
	for off := time.Duration(0); off < n; off += w.step() {
		r := mesgdef.NewRecord(nil).SetTimestamp(w.Start.Add(off)).SetDistanceScaled(w.speed() * off.Seconds()).
			SetEnhancedSpeedScaled(w.speed()).SetEnhancedAltitudeScaled(100 + 10*math.Sin(off.Seconds()/300))
		if hr := w.hrAt(off); hr > 0 {
			r.SetHeartRate(uint8(hr))
			hrSum, hrN, hrMax = hrSum+hr, hrN+1, max(hrMax, hr)
		}
		if p := w.powerAt(off); p > 0 {
			r.SetPower(uint16(p))
			powSum += p
		}
		a.Records = append(a.Records, r)
	}
	third := n / 3
	for i := range 3 {
		from := third * time.Duration(i)
		to := from + third
		if i == 2 {
			to = n
		}
		lap := mesgdef.NewLap(nil).SetTimestamp(w.Start.Add(to)).SetStartTime(w.Start.Add(from)).
			SetTotalElapsedTimeScaled((to - from).Seconds()).SetTotalTimerTimeScaled((to - from).Seconds()).
			SetTotalDistanceScaled(w.speed() * (to - from).Seconds()).SetSport(sport)
		if w.HR > 0 {
			lap.SetAvgHeartRate(uint8(w.hrAt((from + to) / 2))).SetMaxHeartRate(uint8(w.hrAt(to)))
		}
		if w.Power > 0 {
			lap.SetAvgPower(uint16(w.Power))
		}
		a.Laps = append(a.Laps, lap)
	}
	s := mesgdef.NewSession(nil).SetTimestamp(w.Start.Add(n)).SetStartTime(w.Start).
		SetTotalElapsedTimeScaled(n.Seconds()).SetTotalTimerTimeScaled(n.Seconds()).
		SetTotalDistanceScaled(w.speed() * n.Seconds()).SetTotalAscent(20).SetSport(sport).SetSubSport(sub).SetNumLaps(3)
	if hrN > 0 {
		s.SetAvgHeartRate(uint8(int(math.Round(float64(hrSum) / float64(hrN))))).SetMaxHeartRate(uint8(hrMax))
	}
	if w.Power > 0 {
		s.SetAvgPower(uint16(powSum / len(a.Records)))
	}
	a.Sessions = append(a.Sessions, s)
	a.Activity = mesgdef.NewActivity(nil).SetTimestamp(w.Start.Add(n)).SetNumSessions(1)
	fit := a.ToFIT(nil)
	var buf bytes.Buffer
	if err := encoder.New(&buf).Encode(&fit); err != nil {
		panic(err)
	}
	return buf.Bytes()
}

// GPX writes the workout as Garmin Connect and Strava export a track, with
// heart rate in the TrackPointExtension, heading due north.
func GPX(w Workout) []byte {
	var b strings.Builder
	kind := map[string]string{"run": "running", "bike": "cycling", "swim": "swimming"}[w.Sport]
	fmt.Fprintf(&b, `<?xml version="1.0" encoding="UTF-8"?>
<gpx creator="Rebound tests" version="1.1" xmlns="http://www.topografix.com/GPX/1/1" xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">
 <metadata><time>%s</time></metadata>
 <trk><name>Test workout</name><type>%s</type><trkseg>
`, w.Start.UTC().Format(time.RFC3339), kind)
	for off := time.Duration(0); off <= w.length(); off += w.step() {
		lat := 48.137 + w.speed()*off.Seconds()/111195
		fmt.Fprintf(&b, `  <trkpt lat="%.7f" lon="11.5750000"><ele>100.0</ele><time>%s</time>`, lat, w.Start.Add(off).UTC().Format(time.RFC3339))
		if hr := w.hrAt(off); hr > 0 {
			fmt.Fprintf(&b, `<extensions><gpxtpx:TrackPointExtension><gpxtpx:hr>%d</gpxtpx:hr></gpxtpx:TrackPointExtension></extensions>`, hr)
		}
		b.WriteString("</trkpt>\n")
	}
	b.WriteString(" </trkseg></trk>\n</gpx>\n")
	return []byte(b.String())
}

// Triathlon is a sprint triathlon as a multisport watch records it: a
// session per leg — 10 min of swimming, a transition, 20 min on the bike,
// a transition, 10 min of running — with a record every 5 s.
func Triathlon(start time.Time) []byte {
	legs := []struct {
		sport    typedef.Sport
		sub      typedef.SubSport
		length   time.Duration
		speedMS  float64
		hr       int
		distance float64
	}{
		{typedef.SportSwimming, typedef.SubSportOpenWater, 600 * time.Second, 0.8, 140, 480},
		{typedef.SportTransition, typedef.SubSportSwimToBikeTransition, 60 * time.Second, 1, 150, 60},
		{typedef.SportCycling, typedef.SubSportRoad, 1200 * time.Second, 9, 155, 10800},
		{typedef.SportTransition, typedef.SubSportBikeToRunTransition, 60 * time.Second, 1, 155, 60},
		{typedef.SportRunning, typedef.SubSportStreet, 600 * time.Second, 4, 165, 2400},
	}
	a := filedef.NewActivity()
	a.FileId.SetType(typedef.FileActivity).SetTimeCreated(start).
		SetManufacturer(typedef.ManufacturerGarmin).SetProduct(typedef.GarminProductFr965.Uint16()).SetSerialNumber(7654321)
	from, dist := start, 0.0
	for _, l := range legs {
		for off := time.Duration(0); off < l.length; off += 5 * time.Second {
			a.Records = append(a.Records, mesgdef.NewRecord(nil).SetTimestamp(from.Add(off)).
				SetDistanceScaled(dist+l.speedMS*off.Seconds()).SetEnhancedSpeedScaled(l.speedMS).SetHeartRate(uint8(l.hr)))
		}
		to := from.Add(l.length)
		a.Laps = append(a.Laps, mesgdef.NewLap(nil).SetTimestamp(to).SetStartTime(from).
			SetTotalElapsedTimeScaled(l.length.Seconds()).SetTotalTimerTimeScaled(l.length.Seconds()).
			SetTotalDistanceScaled(l.distance).SetAvgHeartRate(uint8(l.hr)).SetMaxHeartRate(uint8(l.hr)).
			SetSport(l.sport).SetSubSport(l.sub))
		a.Sessions = append(a.Sessions, mesgdef.NewSession(nil).SetTimestamp(to).SetStartTime(from).
			SetTotalElapsedTimeScaled(l.length.Seconds()).SetTotalTimerTimeScaled(l.length.Seconds()).
			SetTotalDistanceScaled(l.distance).SetAvgHeartRate(uint8(l.hr)).SetMaxHeartRate(uint8(l.hr)).
			SetSport(l.sport).SetSubSport(l.sub).SetNumLaps(1))
		from, dist = to, dist+l.distance
	}
	a.Activity = mesgdef.NewActivity(nil).SetTimestamp(from).SetNumSessions(uint16(len(legs))).SetType(typedef.ActivityAutoMultiSport)
	fit := a.ToFIT(nil)
	var buf bytes.Buffer
	if err := encoder.New(&buf).Encode(&fit); err != nil {
		panic(err)
	}
	return buf.Bytes()
}

// File is one member of a zip.
type File struct {
	Name string
	Data []byte
}

// Zip packs the files, in order, as a bulk export does.
func Zip(files ...File) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range files {
		w, err := zw.Create(f.Name)
		if err != nil {
			panic(err)
		}
		if _, err := w.Write(f.Data); err != nil {
			panic(err)
		}
	}
	if err := zw.Close(); err != nil {
		panic(err)
	}
	return buf.Bytes()
}

// Bomb is a zip of one member that inflates to size bytes of zeros while
// taking a few kilobytes: what Expand must stop at its limit.
func Bomb(name string, size int64) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.Create(name)
	if err != nil {
		panic(err)
	}
	zeros := make([]byte, 1<<20)
	for left := size; left > 0; left -= int64(len(zeros)) {
		if _, err := w.Write(zeros[:min(int64(len(zeros)), left)]); err != nil {
			panic(err)
		}
	}
	if err := zw.Close(); err != nil {
		panic(err)
	}
	return buf.Bytes()
}
