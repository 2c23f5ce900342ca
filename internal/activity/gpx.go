package activity

import (
	"encoding/xml"
	"io"
	"math"
	"strings"
)

// decodeGPX reads the track points of a GPX 1.0 or 1.1 file as one leg:
// GPX has no laps and no sessions, so several tracks are one workout. Heart
// rate and cadence come from Garmin's TrackPointExtension (v1 or v2), power
// from a <power> extension (Strava, Wahoo) or Garmin's PowerExtension
// <PowerInWatts>; names are matched without their namespace prefix.
// Distance is measured along the points, segment by segment.
func decodeGPX(data []byte) ([]leg, error) {
	w := xmlWalker{d: newXMLDecoder(data)}
	l := newLeg("GPX")
	var (
		p            point
		lat, lon     float64
		hasPos, inPt bool
		geo          geoDistance
		untimed      int
		trkType      string
	)
	for {
		tok, err := w.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, xmlRefusal("GPX", err)
		}
		if se, ok := tok.(xml.StartElement); ok {
			switch se.Name.Local {
			case "trkseg":
				geo.started = false
			case "trkpt":
				p, inPt = point{}, true
				var okLat, okLon bool
				lat, okLat = parseFloat(attr(se, "lat"))
				lon, okLon = parseFloat(attr(se, "lon"))
				hasPos = okLat && okLon && math.Abs(lat) <= 90 && math.Abs(lon) <= 180
			}
			continue
		}
		v := w.value()
		switch {
		case w.at("trkpt") && inPt:
			inPt = false
			if p.t.IsZero() {
				untimed++
				continue
			}
			if hasPos {
				p.dist, p.has = geo.add(lat, lon), p.has|hasDist
			}
			if len(l.points) >= maxPoints {
				return nil, errTooManyPoints
			}
			l.points = append(l.points, p)
		case inPt:
			readGPXField(&w, v, &p)
		case w.at("trk", "type") && trkType == "":
			trkType = v
		}
	}
	if len(l.points) == 0 {
		if untimed > 0 {
			return nil, refuse("This GPX file has no timestamps, so Rebound cannot tell when the workout happened.")
		}
		return nil, refuse("This GPX file has no track points: it may be a route or a list of places rather than a recorded workout.")
	}
	l.sport, l.subSport = textSport(trkType)
	return []leg{l}, nil
}

// readGPXField reads the element just ended inside a track point.
func readGPXField(w *xmlWalker, v string, p *point) {
	switch strings.ToLower(w.path[len(w.path)-1]) {
	case "time":
		if w.at("trkpt", "time") {
			p.t, _ = parseTime(v)
		}
	case "ele":
		if f, ok := parseFloat(v); ok && w.at("trkpt", "ele") {
			p.alt, p.has = f, p.has|hasAlt
		}
	case "hr", "heartrate":
		if n, ok := parseInt(v); ok && n > 0 && n < 256 {
			p.hr = n
		}
	case "power", "powerinwatts", "watts":
		if n, ok := parseInt(v); ok && n < 5000 {
			p.power, p.has = n, p.has|hasPower
		}
	case "speed":
		if f, ok := parseFloat(v); ok && f >= 0 && f < 100 {
			p.speed, p.has = f, p.has|hasSpeed
		}
	}
}

// earthRadius is the mean radius of the Earth (IUGG), in metres.
const earthRadius = 6371008.8

// haversine is the great-circle distance between two points in degrees.
func haversine(lat1, lon1, lat2, lon2 float64) float64 {
	const rad = math.Pi / 180
	dLat, dLon := (lat2-lat1)*rad, (lon2-lon1)*rad
	h := math.Sin(dLat/2)*math.Sin(dLat/2) + math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Sin(dLon/2)*math.Sin(dLon/2)
	return 2 * earthRadius * math.Asin(math.Sqrt(min(1, h)))
}
