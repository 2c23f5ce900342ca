// Package imports turns the files of a watch or bike computer into logged
// workouts. An upload waits in the import queue in PostgreSQL (package
// store); a Worker takes its files one at a time, reads each with package
// activity (Read), and the store writes it in one transaction, matching
// each workout to the plan of its day by Match: the planned workout of the
// same sport still to do, the closest in planned time; with none, the file
// becomes a workout of its own.
package imports

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"math"
	"time"

	"rebound/internal/activity"
	"rebound/internal/store"
	"rebound/internal/timezone"
)

// maxLoad is the largest load a workout can carry: RPE 10 for 24 hours.
const maxLoad = 14400

// Read reads a file waiting in the import queue: its workouts with their
// day in the athlete's zone and their load estimated from the athlete's
// thresholds, the hash that spots it when uploaded again, and its bytes
// gzipped for keeping; or, in words, why it is refused. now is the
// present, against which a date in the future is refused.
func Read(p store.PendingImport, now time.Time) store.ImportResult {
	acts, err := activity.Decode(p.Name, p.Data, activity.WithNow(now))
	if err != nil {
		return store.ImportResult{Refused: reason(err)}
	}
	if len(acts) == 0 {
		return store.ImportResult{Refused: "The file holds no workout."}
	}
	loc := timezone.Location(p.Athlete.Timezone)
	res := store.ImportResult{Hash: activity.Hash(p.Data), Size: len(p.Data)}
	for _, a := range acts {
		if a.Elapsed > 7*24*time.Hour {
			return store.ImportResult{Refused: "The workout lasts more than a week: the file's times are wrong."}
		}
		if a.DistanceM > 1e6 {
			return store.ImportResult{Refused: "The workout covers more than 1,000 km: the file's distances are wrong."}
		}
		if a.Moving > 24*time.Hour {
			return store.ImportResult{Refused: "The workout lasts more than 24 hours of moving time; Rebound logs workouts of up to a day."}
		}
		res.Activities = append(res.Activities, convert(a, loc, p.Athlete))
	}
	gz, err := compress(p.Data)
	if err != nil {
		return store.ImportResult{Refused: "Rebound could not store this file."}
	}
	res.Gzipped = gz
	return res
}

// reason is a refusal's words for the report; any other error gets
// general ones.
func reason(err error) string {
	if r, ok := errors.AsType[*activity.Refusal](err); ok && r.Reason != "" {
		return r.Reason
	}
	return "Rebound could not read this file."
}

// convert is an activity as the store keeps it: seconds, whole bpm and
// watts, rounded readings, and its estimated load.
func convert(a activity.Activity, loc *time.Location, ath store.ImportAthlete) store.NewActivity {
	y, m, d := a.Start.In(loc).Date()
	plan := store.FileWorkoutPlan(a.Sport, a.SubSport)
	n := store.NewActivity{
		Sport: a.Sport, SubSport: a.SubSport, Start: a.Start.UTC(), Day: time.Date(y, m, d, 0, 0, 0, 0, time.UTC),
		ElapsedS: max(1, seconds(a.Elapsed)), MovingS: seconds(a.Moving),
		DistanceM: round(max(a.DistanceM, 0), 1), AscentM: round(max(a.AscentM, 0), 1),
		AvgHR: a.AvgHR, MaxHR: max(a.MaxHR, a.AvgHR), AvgPower: a.AvgPower, NormPower: a.NormPower,
		Title: plan.Title, Kind: plan.Kind,
	}
	n.MovingS = min(n.MovingS, n.ElapsedS)
	if n.AscentM > 30000 { // higher than Everest from the sea, three times: the altitude readings are noise
		n.AscentM = 0
	}
	if !plausibleHR(n.AvgHR) || !plausibleHR(n.MaxHR) {
		n.AvgHR, n.MaxHR = 0, 0
	}
	if n.AvgPower < 0 || n.AvgPower > 3000 || n.NormPower < 0 || n.NormPower > 3000 {
		n.AvgPower, n.NormPower = 0, 0
	}
	a.AvgHR, a.AvgPower, a.NormPower = n.AvgHR, n.AvgPower, n.NormPower
	load, _, method := activity.EstimateLoad(a, Thresholds(a.Sport, ath))
	if math.IsNaN(load) || load < 0 {
		load = 0
	}
	n.EstimatedLoad, n.LoadMethod = min(round(load, 1), maxLoad), method
	for _, l := range a.Laps {
		n.Laps = append(n.Laps, store.Lap{StartS: seconds(l.Start.Sub(a.Start)), ElapsedS: seconds(l.Elapsed),
			DistanceM: round(max(l.DistanceM, 0), 1), AvgHR: l.AvgHR, MaxHR: l.MaxHR, AvgPower: l.AvgPower})
	}
	n.Stream = stream(a)
	return n
}

// Thresholds are the athlete's reference points for a workout of the
// sport: an FTP is a cyclist's, so it counts for rides alone.
func Thresholds(sport string, a store.ImportAthlete) activity.Thresholds {
	t := activity.Thresholds{ThresholdHR: a.ThresholdHR, MaxHR: a.MaxHR, RestingHR: a.RestingHR}
	if sport == "bike" {
		t.FTP = a.FTP
	}
	return t
}

func plausibleHR(bpm int) bool { return bpm == 0 || (bpm >= 25 && bpm <= 250) }

// stream is the activity's samples as columns, with the columns the file
// has readings for.
func stream(a activity.Activity) store.Stream {
	s := store.Stream{StepS: max(1, seconds(a.StreamStep)), T: make([]int, len(a.Stream))}
	if a.HasHR {
		s.HR = make([]int, len(a.Stream))
	}
	if a.HasSpeed {
		s.Speed = make([]float64, len(a.Stream))
	}
	if a.HasPower {
		s.Power = make([]int, len(a.Stream))
	}
	if a.HasAltitude {
		s.Altitude = make([]float64, len(a.Stream))
	}
	for i, x := range a.Stream {
		s.T[i] = seconds(x.Offset)
		if s.HR != nil && plausibleHR(x.HR) {
			s.HR[i] = x.HR
		}
		if s.Speed != nil {
			s.Speed[i] = round(min(max(x.SpeedMS, 0), 100), 2)
		}
		if s.Power != nil {
			s.Power[i] = min(max(x.Power, 0), 3000)
		}
		if s.Altitude != nil {
			s.Altitude[i] = round(x.AltitudeM, 1)
		}
	}
	return s
}

func seconds(d time.Duration) int { return int(d.Round(time.Second) / time.Second) }

func round(v float64, places int) float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return 0
	}
	p := math.Pow(10, float64(places))
	return math.Round(v*p) / p
}

// compress gzips a file for keeping, at the fastest level: on an hour of
// FIT at one record a second the default level takes 3.4 ms, most of a
// file's reading, and the fastest 0.5 ms, for a file 0.5 % larger.
func compress(data []byte) ([]byte, error) {
	var b bytes.Buffer
	b.Grow(len(data) / 2)
	zw, err := gzip.NewWriterLevel(&b, gzip.BestSpeed)
	if err != nil {
		return nil, err
	}
	if _, err := zw.Write(data); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("gzip: %w", err)
	}
	return b.Bytes(), nil
}
