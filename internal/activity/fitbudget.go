package activity

import (
	"bytes"
	"encoding/binary"
	"errors"

	"github.com/muktihari/fit/decoder"
	"github.com/muktihari/fit/profile/typedef"
	"github.com/muktihari/fit/profile/untyped/mesgnum"
	"github.com/muktihari/fit/proto"
)

// Bounds on what one FIT file may ask of the decoder. A real activity has a
// few sessions, at most a few hundred laps and a few dozen developer fields;
// the decoder keeps every field description and looks each developer value
// up among them, so their product bounds its work.
const (
	maxFITSessions   = 1_000
	maxFITLaps       = 20_000
	maxFITFieldDescs = 1_000
	maxFITDevLookups = 50_000_000
)

var errFITBudget = errors.New("fit file exceeds the decoding budget")

// checkFITBudget counts, with the library's raw decoder (which keeps nothing),
// the messages a file holds by kind, and refuses it before the full decode if
// keeping them would take more memory or time than any real activity needs.
// A file the raw decoder cannot read is left to the full decoder, which stops
// at the same place and words the refusal. It returns the number of records,
// so that their slice is made once at its size.
func checkFITBudget(data []byte) (records int, err error) {
	var (
		global                    [proto.LocalMesgNumMask + 1]typedef.MesgNum
		devFields                 [proto.LocalMesgNumMask + 1]int
		laps, sessions, fieldDesc int
		lookups                   int
		tooMany                   bool
	)
	_, err = decoder.NewRaw().Decode(bytes.NewReader(data), func(flag decoder.RawFlag, b []byte) error {
		switch flag {
		case decoder.RawFlagMesgDef:
			local := b[0] & proto.LocalMesgNumMask
			if b[2] == proto.LittleEndian {
				global[local] = typedef.MesgNum(binary.LittleEndian.Uint16(b[3:5]))
			} else {
				global[local] = typedef.MesgNum(binary.BigEndian.Uint16(b[3:5]))
			}
			devFields[local] = 0
			if n := 6 + 3*int(b[5]); b[0]&proto.DevDataMask != 0 && n < len(b) {
				devFields[local] = int(b[n])
			}
		case decoder.RawFlagMesgData:
			local := proto.LocalMesgNum(b[0])
			switch global[local] {
			case mesgnum.Record:
				records++
			case mesgnum.Lap:
				laps++
			case mesgnum.Session:
				sessions++
			case mesgnum.FieldDescription:
				fieldDesc++
			}
			lookups += devFields[local] * fieldDesc
			tooMany = records > maxPoints
			if tooMany || laps > maxFITLaps || sessions > maxFITSessions || fieldDesc > maxFITFieldDescs || lookups > maxFITDevLookups {
				return errFITBudget
			}
		}
		return nil
	})
	switch {
	case tooMany:
		return 0, errTooManyPoints
	case errors.Is(err, errFITBudget):
		return 0, &Refusal{Reason: "This FIT file holds far more than any workout does, so Rebound does not read it.", Err: err}
	}
	return records, nil
}
