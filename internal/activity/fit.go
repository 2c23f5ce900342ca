package activity

import (
	"bytes"
	"errors"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/muktihari/fit/decoder"
	"github.com/muktihari/fit/kit/datetime"
	"github.com/muktihari/fit/profile/basetype"
	"github.com/muktihari/fit/profile/mesgdef"
	"github.com/muktihari/fit/profile/typedef"
	"github.com/muktihari/fit/profile/untyped/fieldnum"
	"github.com/muktihari/fit/profile/untyped/mesgnum"
	"github.com/muktihari/fit/proto"
)

var (
	errFITShort     = "This FIT file is cut short: it ends before its data does."
	errFITChecksum  = "This FIT file is damaged: its checksum does not match its contents."
	errFITDamaged   = "This FIT file is damaged and cannot be read."
	errFITNoSession = refuse("This FIT file has no session: the watch may not have finished saving it.")
)

// decodeFIT reads a FIT activity file, possibly several chained together, into
// one leg per session, transitions left out. The decoder only broadcasts
// messages and fitCollector keeps what Rebound uses, after fitBudget has
// checked that what it would keep is bounded.
func decodeFIT(data []byte) ([]leg, error) {
	records, err := checkFITBudget(data)
	if err != nil {
		return nil, err
	}
	c := &fitCollector{points: make([]point, 0, records)}
	dec := decoder.New(bytes.NewReader(data), decoder.WithMesgListener(c), decoder.WithBroadcastOnly())
	for seq := 0; dec.Next(); seq++ {
		if _, err := dec.Decode(); err != nil {
			if seq > 0 && errors.Is(err, decoder.ErrNotFITFile) {
				break // bytes after a complete file that are no FIT file: ignored
			}
			return nil, fitRefusal(err)
		}
	}
	return c.legs()
}

func fitRefusal(err error) *Refusal {
	switch {
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return &Refusal{Reason: errFITShort, Err: err}
	case errors.Is(err, decoder.ErrCRCChecksumMismatch):
		return &Refusal{Reason: errFITChecksum, Err: err}
	}
	return &Refusal{Reason: errFITDamaged, Err: err}
}

// fitCollector keeps, of the messages the decoder broadcasts, the file type,
// sessions, laps and records.
type fitCollector struct {
	fileType  typedef.File
	hasFileID bool
	sessions  []fitSession
	laps      []fitLap
	points    []point
	tooMany   bool
}

type fitSession struct {
	sport           typedef.Sport
	subSport        typedef.SubSport
	start, end      time.Time
	elapsed, timer  time.Duration
	dist, ascent    float64 // < 0: not in the file
	avgHR, maxHR    int
	avgPower, normP int
}

type fitLap struct {
	Lap
	end time.Time
}

func (c *fitCollector) OnMesg(m proto.Message) {
	switch m.Num {
	case mesgnum.FileId:
		if !c.hasFileID {
			c.hasFileID = true
			c.fileType = typedef.File(m.FieldValueByNum(fieldnum.FileIdType).Uint8())
		}
	case mesgnum.Session:
		s := mesgdef.NewSession(&m)
		c.sessions = append(c.sessions, fitSession{
			sport: s.Sport, subSport: s.SubSport,
			start: s.StartTime, end: s.Timestamp,
			elapsed: millis(s.TotalElapsedTime), timer: millis(s.TotalTimerTime),
			dist: centimetres(s.TotalDistance), ascent: metres16(s.TotalAscent),
			avgHR: bpm(s.AvgHeartRate), maxHR: bpm(s.MaxHeartRate),
			avgPower: watts(s.AvgPower), normP: watts(s.NormalizedPower),
		})
	case mesgnum.Lap:
		l := mesgdef.NewLap(&m)
		c.laps = append(c.laps, fitLap{end: l.Timestamp, Lap: Lap{
			Start: l.StartTime.UTC(), Elapsed: millis(l.TotalElapsedTime),
			DistanceM: max(0, centimetres(l.TotalDistance)),
			AvgHR:     bpm(l.AvgHeartRate), MaxHR: bpm(l.MaxHeartRate), AvgPower: watts(l.AvgPower),
		}})
	case mesgnum.Record:
		if len(c.points) >= maxPoints {
			c.tooMany = true
			return
		}
		if p, ok := fitPoint(&m); ok {
			c.points = append(c.points, p)
		}
	}
}

// fitPoint reads a record's fields straight from the message: the record
// struct of mesgdef is large, and an activity has thousands of records.
func fitPoint(m *proto.Message) (point, bool) {
	var p point
	var speed, altitude uint32 = basetype.Uint32Invalid, basetype.Uint32Invalid
	var ts uint32 = basetype.Uint32Invalid
	for i := range m.Fields {
		v := m.Fields[i].Value
		switch m.Fields[i].Num {
		case fieldnum.RecordTimestamp:
			ts = v.Uint32()
		case fieldnum.RecordHeartRate:
			if hr := v.Uint8(); hr != basetype.Uint8Invalid {
				p.hr = int(hr)
			}
		case fieldnum.RecordPower:
			if w := v.Uint16(); w != basetype.Uint16Invalid {
				p.power, p.has = int(w), p.has|hasPower
			}
		case fieldnum.RecordDistance:
			if d := v.Uint32(); d != basetype.Uint32Invalid {
				p.dist, p.has = float64(d)/100, p.has|hasDist
			}
		case fieldnum.RecordSpeed:
			if s := v.Uint16(); s != basetype.Uint16Invalid && speed == basetype.Uint32Invalid {
				speed = uint32(s)
			}
		case fieldnum.RecordEnhancedSpeed:
			if s := v.Uint32(); s != basetype.Uint32Invalid {
				speed = s
			}
		case fieldnum.RecordAltitude:
			if a := v.Uint16(); a != basetype.Uint16Invalid && altitude == basetype.Uint32Invalid {
				altitude = uint32(a)
			}
		case fieldnum.RecordEnhancedAltitude:
			if a := v.Uint32(); a != basetype.Uint32Invalid {
				altitude = a
			}
		}
	}
	if ts == basetype.Uint32Invalid {
		return point{}, false
	}
	p.t = datetime.ToTime(ts)
	if speed != basetype.Uint32Invalid {
		p.speed, p.has = float64(speed)/1000, p.has|hasSpeed
	}
	if altitude != basetype.Uint32Invalid {
		p.alt, p.has = float64(altitude)/5-500, p.has|hasAlt
	}
	return p, true
}

func millis(v uint32) time.Duration {
	if v == basetype.Uint32Invalid {
		return 0
	}
	return time.Duration(v) * time.Millisecond
}

func centimetres(v uint32) float64 {
	if v == basetype.Uint32Invalid {
		return -1
	}
	return float64(v) / 100
}

func metres16(v uint16) float64 {
	if v == basetype.Uint16Invalid {
		return -1
	}
	return float64(v)
}

func bpm(v uint8) int {
	if v == basetype.Uint8Invalid {
		return 0
	}
	return int(v)
}

func watts(v uint16) int {
	if v == basetype.Uint16Invalid {
		return 0
	}
	return int(v)
}

// legs splits what was collected into one leg per session. A file with one
// sport keeps every record and lap; in a multisport file each leg takes the
// records and laps that start within its session.
func (c *fitCollector) legs() ([]leg, error) {
	if c.tooMany {
		return nil, errTooManyPoints
	}
	if c.hasFileID && c.fileType != typedef.FileActivity {
		return nil, refuse("This FIT file holds %s, not a recorded workout.", fitFileType(c.fileType))
	}
	if len(c.sessions) == 0 {
		return nil, errFITNoSession
	}
	sessions := slices.DeleteFunc(slices.Clone(c.sessions), func(s fitSession) bool { return s.sport == typedef.SportTransition })
	if len(sessions) == 0 {
		return nil, refuse("This FIT file holds only a transition, no workout.")
	}
	slices.SortStableFunc(sessions, func(a, b fitSession) int {
		af, _, _ := a.span()
		bf, _, _ := b.span()
		return af.Compare(bf)
	})
	slices.SortStableFunc(c.points, byTime)
	var legs []leg
	for _, s := range sessions {
		l := newLeg("FIT")
		l.sport, l.subSport = fitSport(s.sport, s.subSport)
		l.start, l.elapsed, l.moving = s.start, s.elapsed, s.timer
		l.distanceM, l.ascentM = s.dist, s.ascent
		l.avgHR, l.maxHR, l.avgPower, l.np = s.avgHR, s.maxHR, s.avgPower, s.normP
		from, to, ok := s.span()
		for _, lap := range c.laps {
			if len(sessions) == 1 || ok && !lap.Start.Before(from) && lap.Start.Before(to) {
				l.laps = append(l.laps, lap.Lap)
			}
		}
		if len(sessions) == 1 || !ok {
			l.points = c.points
		} else {
			l.points = c.pointsIn(from, to)
		}
		if l.start.IsZero() && ok {
			l.start = from
		}
		legs = append(legs, l)
	}
	return legs, nil
}

// pointsIn are the records from from to to; one at to itself belongs to
// whatever session starts there, if one does.
func (c *fitCollector) pointsIn(from, to time.Time) []point {
	for _, s := range c.sessions {
		if f, _, ok := s.span(); ok && f.Equal(to) {
			to = to.Add(-time.Nanosecond)
			break
		}
	}
	at := func(p point, t time.Time) int { return p.t.Compare(t) }
	lo, _ := slices.BinarySearchFunc(c.points, from, at)
	hi, _ := slices.BinarySearchFunc(c.points, to.Add(time.Nanosecond), at)
	return c.points[lo:hi:hi]
}

// span is the time a session covers, from whichever of its start, end and
// elapsed time the file gives.
func (s fitSession) span() (from, to time.Time, ok bool) {
	switch {
	case !s.start.IsZero() && s.elapsed > 0:
		return s.start, s.start.Add(s.elapsed), true
	case !s.start.IsZero() && !s.end.IsZero():
		return s.start, s.end, true
	case !s.end.IsZero() && s.elapsed > 0:
		return s.end.Add(-s.elapsed), s.end, true
	}
	return time.Time{}, time.Time{}, false
}

// fitFileType words a FIT file type for a refusal: "a course", "settings".
func fitFileType(t typedef.File) string {
	switch t {
	case typedef.FileCourse:
		return "a course (a planned route)"
	case typedef.FileWorkout:
		return "a planned workout"
	case typedef.FileSettings, typedef.FileDevice:
		return "device settings"
	case typedef.FileMonitoringA, typedef.FileMonitoringB, typedef.FileMonitoringDaily:
		return "daily monitoring data"
	}
	name := t.String()
	if strings.Contains(name, "Invalid") {
		return "something else"
	}
	return "a " + strings.ReplaceAll(name, "_", " ") + " file"
}
