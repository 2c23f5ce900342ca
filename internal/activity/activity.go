// Package activity reads workout files from watches and bike computers — FIT,
// GPX 1.1 and TCX — into Rebound's own summary of a workout: its sport, when
// it started, how long it took, distance, climbing, heart rate, power, laps
// and a small stream of samples for a chart. It also unpacks the zip exports
// of Garmin Connect and Strava (Expand), estimates a session-RPE load for a
// file that carries no RPE (EstimateLoad), and fingerprints the original
// bytes so that the same file is not imported twice (Hash).
//
// The package is pure: it touches no database, network or disk. Every reason
// a file is refused is a *Refusal, whose Reason is written for the athlete and
// can be shown next to the file's name.
package activity

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path"
	"runtime/debug"
	"strings"
	"time"
)

// Activity is one workout read from a file.
type Activity struct {
	Sport     string        // Rebound's vocabulary: "run", "bike", "swim", "strength" or "other"
	SubSport  string        // the file's own sub-sport in snake case ("trail", "treadmill", "indoor_cycling", "lap_swimming", "open_water", …), "" when none
	Start     time.Time     // in UTC
	Elapsed   time.Duration // from start to finish, pauses included
	Moving    time.Duration // the device's timer time when the file has one (FIT, TCX laps), else the time spent above 0.5 m/s, else (no speed at all) Elapsed
	DistanceM float64
	AscentM   float64
	AvgHR     int // bpm; 0: no heart rate
	MaxHR     int
	AvgPower  int // watts; 0: no power
	NormPower int // normalized power, watts (Coggan: 4th-power mean of the 30 s rolling mean); 0: none
	Laps      []Lap

	// Stream is the workout for a chart: one Sample per StreamStep (10 s, or
	// wider for workouts over about 4 h so that there are at most 1,500), each
	// the mean of the readings within it. Steps without any reading — the
	// watch was paused — have no Sample, so a pause shows as a jump in Offset.
	// Within a Sample, HR 0 means no reading; Power, SpeedMS and AltitudeM
	// are meaningful only when the matching Has flag is set (a step without an
	// altitude reading repeats the last one; without power or speed, 0).
	Stream      []Sample
	StreamStep  time.Duration
	HasHR       bool
	HasSpeed    bool
	HasPower    bool
	HasAltitude bool
}

// Lap is one lap (or, in a pool, one set) as the device split it.
type Lap struct {
	Start     time.Time // in UTC
	Elapsed   time.Duration
	DistanceM float64
	AvgHR     int // 0: none
	MaxHR     int
	AvgPower  int // 0: none
}

// Sample is one step of Activity.Stream; see there for what 0 means.
type Sample struct {
	Offset    time.Duration // from Activity.Start to the beginning of the step
	HR        int
	SpeedMS   float64
	Power     int
	AltitudeM float64
}

// Refusal says, in words for the athlete, why a file cannot be read. Err, when
// set, is the underlying error for the log; it is never shown.
type Refusal struct {
	Reason string
	Err    error
}

func (r *Refusal) Error() string { return r.Reason }
func (r *Refusal) Unwrap() error { return r.Err }

func refuse(format string, args ...any) *Refusal {
	return &Refusal{Reason: fmt.Sprintf(format, args...)}
}

// Option adjusts Decode.
type Option func(*options)

type options struct {
	now time.Time
}

// WithNow sets the present moment against which Decode refuses future dates
// (default: time.Now()).
func WithNow(now time.Time) Option {
	return func(o *options) { o.now = now }
}

// earliest is the first start Decode accepts: an earlier date is a device
// whose clock was never set, not a workout.
var earliest = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// futureSlack is how far past now a start may lie: a day covers any time zone
// and a device clock running somewhat fast.
const futureSlack = 24 * time.Hour

// Decode reads one workout file. The format is told by the content — a FIT
// header, or an XML root element gpx or TrainingCenterDatabase — and the
// filename serves only to word a refusal. A multisport file gives one
// Activity per sport leg in order (a triathlon: swim, bike, run); transitions
// are dropped, so their time is in no leg, and so is a leg that cannot stand
// on its own (one without any duration, say) when other legs can.
// Compressed files are unpacked by Expand first.
//
// Every error is a *Refusal. Decode refuses a file larger than
// DefaultLimits.MaxFileBytes, damaged or cut short, without timestamps,
// without any data or duration, or dated before 2000 or more than a day after
// now.
func Decode(filename string, data []byte, opts ...Option) (acts []Activity, err error) {
	o := options{now: time.Now()}
	for _, opt := range opts {
		opt(&o)
	}
	defer func() {
		// Fuzzing finds no panic, here or in the FIT library; should a file
		// still find one, it is refused rather than taking the server down.
		if r := recover(); r != nil {
			acts, err = nil, &Refusal{Reason: "Rebound could not read this file.",
				Err: fmt.Errorf("activity: decoding %q panicked: %v\n%s", filename, r, debug.Stack())}
		}
	}()
	if int64(len(data)) > DefaultLimits.MaxFileBytes {
		return nil, refuse("This file is larger than %s, more than any workout needs.", mb(DefaultLimits.MaxFileBytes))
	}
	var legs []leg
	switch kind := sniff(data); kind {
	case kindFIT:
		legs, err = decodeFIT(data)
	case kindGPX:
		legs, err = decodeGPX(data)
	case kindTCX:
		legs, err = decodeTCX(data)
	default:
		return nil, notReadable(filename, data, kind)
	}
	if err != nil {
		return nil, err
	}
	var firstErr error
	for _, l := range legs {
		a, err := l.build()
		if err == nil {
			err = checkDate(a.Start, o.now)
		}
		if err != nil {
			firstErr = cmp.Or(firstErr, err)
			continue
		}
		acts = append(acts, a)
	}
	if len(acts) == 0 {
		return nil, firstErr
	}
	return acts, nil
}

func checkDate(start, now time.Time) error {
	if start.Before(earliest) {
		return refuse("The activity is dated before 2000: the device's clock was probably not set.")
	}
	if start.After(now.Add(futureSlack)) {
		return refuse("The activity is dated %s, in the future.", start.Format("2006-01-02"))
	}
	return nil
}

type kind int

const (
	kindUnknown kind = iota
	kindFIT
	kindGPX
	kindTCX
	kindOtherXML
	kindGzip
	kindZip
)

// sniff tells a file's format from its first bytes.
func sniff(data []byte) kind {
	if len(data) >= 12 && (data[0] == 12 || data[0] == 14) && string(data[8:12]) == ".FIT" {
		return kindFIT
	}
	if bytes.HasPrefix(data, []byte{0x1f, 0x8b}) {
		return kindGzip
	}
	if bytes.HasPrefix(data, []byte("PK\x03\x04")) || bytes.HasPrefix(data, []byte("PK\x05\x06")) {
		return kindZip
	}
	switch xmlRoot(data) {
	case "":
		return kindUnknown
	case "gpx":
		return kindGPX
	case "TrainingCenterDatabase":
		return kindTCX
	}
	return kindOtherXML
}

// notReadable words the refusal of a file that is none of the three formats,
// using its name's extension as a hint of what it was meant to be.
func notReadable(filename string, data []byte, k kind) *Refusal {
	switch k {
	case kindGzip, kindZip:
		return refuse("This file is compressed: upload it as it is, and Rebound will unpack it.")
	case kindOtherXML:
		return refuse("This XML file is neither GPX nor TCX, so it holds no workout Rebound can read.")
	}
	if len(data) == 0 {
		return refuse("This file is empty.")
	}
	switch ext := strings.ToLower(path.Ext(filename)); ext {
	case ".fit", ".gpx", ".tcx":
		return refuse("This file is named %s but is not a %s file, or is too damaged to tell.", ext, strings.ToUpper(ext[1:]))
	}
	return refuse("Rebound reads FIT, GPX and TCX files, and this is none of them.")
}

// Hash is the SHA-256 of a file's original bytes in hex, for spotting a file
// uploaded twice. Hash the Data that Expand returns, so that a file is the
// same whether it came gzip'd, zipped or bare.
func Hash(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// mb words a byte count for a refusal.
func mb(n int64) string {
	if n >= 1<<30 && n%(1<<30) == 0 {
		return fmt.Sprintf("%d GB", n>>30)
	}
	return fmt.Sprintf("%d MB", (n+(1<<20)-1)>>20)
}
