package activity

import (
	"encoding/xml"
	"io"
	"math"
	"time"
)

// decodeTCX reads a Garmin TrainingCenterDatabase v2 file: one leg per
// Activity, so a MultiSportSession gives its sports in order, and its
// Transition laps are dropped. Lap totals (TotalTimeSeconds is the timer
// time, DistanceMeters, heart rate, the ActivityExtension's AvgWatts) are
// the file's own; trackpoints give the stream, with speed and power from the
// ActivityExtension's TPX element. Distance is the trackpoints'
// DistanceMeters, or measured along their positions when there is none.
func decodeTCX(data []byte) ([]leg, error) {
	t := tcxReader{w: xmlWalker{d: newXMLDecoder(data)}}
	for {
		tok, err := t.w.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, xmlRefusal("TCX", err)
		}
		if t.w.within("Transition") {
			continue
		}
		if se, ok := tok.(xml.StartElement); ok {
			t.start(se)
			continue
		}
		if err := t.end(); err != nil {
			return nil, err
		}
	}
	if len(t.legs) == 0 {
		if t.courses {
			return nil, refuse("This TCX file holds a course (a planned route), not a recorded workout.")
		}
		return nil, refuse("This TCX file holds no activity.")
	}
	return t.legs, nil
}

type tcxReader struct {
	w       xmlWalker
	legs    []leg
	cur     *leg
	lap     Lap
	inLap   bool
	p       point
	inPt    bool
	courses bool

	lat, lon      float64
	hasLat, hasLn bool
	geo           geoDistance
	fileDist      bool // some trackpoint had DistanceMeters
}

func (t *tcxReader) start(se xml.StartElement) {
	switch se.Name.Local {
	case "Courses":
		t.courses = true
	case "Activity":
		l := newLeg("TCX")
		l.sport, l.subSport = textSport(attr(se, "Sport"))
		t.legs = append(t.legs, l)
		t.cur = &t.legs[len(t.legs)-1]
		t.geo = geoDistance{}
	case "Lap":
		if t.cur != nil {
			t.lap, t.inLap = Lap{}, true
			t.lap.Start, _ = parseTime(attr(se, "StartTime"))
		}
	case "Trackpoint":
		if t.cur != nil {
			t.p, t.inPt = point{}, true
			t.hasLat, t.hasLn = false, false
		}
	}
}

// end reads the element just ended.
func (t *tcxReader) end() error {
	w, v := &t.w, t.w.value()
	switch {
	case t.cur == nil:
	case w.at("Activity"):
		t.cur.elapsed = t.cur.span()
		if d := lapDistance(t.cur.laps); d > 0 {
			t.cur.distanceM = d // the device's, rather than from its first to its last trackpoint
		}
		t.cur = nil
	case w.at("Activity", "Id"):
		if ts, ok := parseTime(v); ok {
			t.cur.start = ts
		}
	case t.inPt:
		return t.trackpoint(v)
	case w.at("Lap") && t.inLap:
		t.inLap = false
		if t.cur.start.IsZero() {
			t.cur.start = t.lap.Start
		}
		t.cur.moving += t.lap.Elapsed
		t.cur.laps = append(t.cur.laps, t.lap)
	case t.inLap:
		t.lapField(v)
	}
	return nil
}

func (t *tcxReader) lapField(v string) {
	w := &t.w
	switch {
	case w.at("Lap", "TotalTimeSeconds"):
		if f, ok := parseFloat(v); ok && f > 0 && f < 1e7 {
			t.lap.Elapsed = time.Duration(f * float64(time.Second))
		}
	case w.at("Lap", "DistanceMeters"):
		if f, ok := parseFloat(v); ok && f >= 0 {
			t.lap.DistanceM = f
		}
	case w.at("AverageHeartRateBpm", "Value"):
		t.lap.AvgHR, _ = parseInt(v)
	case w.at("MaximumHeartRateBpm", "Value"):
		t.lap.MaxHR, _ = parseInt(v)
	case w.at("LX", "AvgWatts"):
		t.lap.AvgPower, _ = parseInt(v)
	}
}

func (t *tcxReader) trackpoint(v string) error {
	w, p := &t.w, &t.p
	switch {
	case w.at("Trackpoint"):
		t.inPt = false
		if p.t.IsZero() {
			return nil
		}
		if p.has&hasDist == 0 && !t.fileDist && t.hasLat && t.hasLn {
			p.dist, p.has = t.geo.add(t.lat, t.lon), p.has|hasDist
		}
		if len(t.cur.points) >= maxPoints {
			return errTooManyPoints
		}
		t.cur.points = append(t.cur.points, *p)
	case w.at("Trackpoint", "Time"):
		p.t, _ = parseTime(v)
	case w.at("Trackpoint", "AltitudeMeters"):
		if f, ok := parseFloat(v); ok {
			p.alt, p.has = f, p.has|hasAlt
		}
	case w.at("Trackpoint", "DistanceMeters"):
		if f, ok := parseFloat(v); ok && f >= 0 {
			p.dist, p.has, t.fileDist = f, p.has|hasDist, true
		}
	case w.at("HeartRateBpm", "Value"):
		if n, ok := parseInt(v); ok && n > 0 && n < 256 {
			p.hr = n
		}
	case w.at("TPX", "Speed"):
		if f, ok := parseFloat(v); ok && f >= 0 && f < 100 {
			p.speed, p.has = f, p.has|hasSpeed
		}
	case w.at("TPX", "Watts"):
		if n, ok := parseInt(v); ok && n < 5000 {
			p.power, p.has = n, p.has|hasPower
		}
	case w.at("Position", "LatitudeDegrees"):
		t.lat, t.hasLat = parseFloat(v)
		t.hasLat = t.hasLat && math.Abs(t.lat) <= 90
	case w.at("Position", "LongitudeDegrees"):
		t.lon, t.hasLn = parseFloat(v)
		t.hasLn = t.hasLn && math.Abs(t.lon) <= 180
	}
	return nil
}

// span is how long an activity lasted: to the end of its last lap or its
// last trackpoint, whichever is later (a lap's time is its timer time, so
// pauses can put trackpoints past it).
func (l *leg) span() time.Duration {
	var end time.Time
	for _, lap := range l.laps {
		if e := lap.Start.Add(lap.Elapsed); e.After(end) {
			end = e
		}
	}
	for _, p := range l.points {
		if p.t.After(end) {
			end = p.t
		}
	}
	if end.IsZero() || l.start.IsZero() {
		return 0
	}
	return end.Sub(l.start)
}

func lapDistance(laps []Lap) float64 {
	d := 0.0
	for _, l := range laps {
		d += l.DistanceM
	}
	return d
}

// geoDistance measures distance along successive positions.
type geoDistance struct {
	lat, lon, total float64
	started         bool
}

func (g *geoDistance) add(lat, lon float64) float64 {
	if g.started {
		g.total += haversine(g.lat, g.lon, lat, lon)
	}
	g.lat, g.lon, g.started = lat, lon, true
	return g.total
}
