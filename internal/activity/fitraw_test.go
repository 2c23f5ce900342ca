package activity

import (
	"encoding/binary"
	"testing"

	"github.com/muktihari/fit/kit/datetime"
	"github.com/muktihari/fit/kit/hash/crc16"
	"github.com/muktihari/fit/profile/untyped/mesgnum"
)

// rawFIT writes FIT bytes by hand, for files no encoder would make: a
// 14-byte header, the messages, and both CRCs.
type rawFIT struct{ body []byte }

// define writes a definition of local message 0 as global message num with
// fields of (number, size, base type), and devFields developer fields of one
// byte each.
func (r *rawFIT) define(num uint16, devFields int, fields ...[3]byte) {
	header := byte(0x40)
	if devFields > 0 {
		header |= 0x20
	}
	r.body = append(r.body, header, 0, 0, byte(num), byte(num>>8), byte(len(fields)))
	for _, f := range fields {
		r.body = append(r.body, f[:]...)
	}
	if devFields > 0 {
		r.body = append(r.body, byte(devFields))
		for i := range devFields {
			r.body = append(r.body, byte(i), 1, 0)
		}
	}
}

// data writes a message of local type 0.
func (r *rawFIT) data(values ...byte) { r.body = append(append(r.body, 0), values...) }

func (r *rawFIT) bytes() []byte {
	b := []byte{14, 0x20, 0x54, 0x08, 0, 0, 0, 0, '.', 'F', 'I', 'T', 0, 0}
	binary.LittleEndian.PutUint32(b[4:8], uint32(len(r.body)))
	b = append(append(b, r.body...), 0, 0) // the file CRC, filled in by fixFITCRC
	return fixFITCRC(b)
}

// fixFITCRC rewrites the header and file CRCs of a FIT file to match its
// bytes, so that a fuzzer's changes reach the decoding behind the checksum.
func fixFITCRC(b []byte) []byte {
	if len(b) < 14 || b[0] != 14 {
		return b
	}
	h := crc16.New()
	h.Write(b[:12])
	binary.LittleEndian.PutUint16(b[12:14], h.Sum16())
	end := 14 + int64(binary.LittleEndian.Uint32(b[4:8]))
	if end+2 > int64(len(b)) {
		return b
	}
	h.Reset()
	h.Write(b[14:end])
	binary.LittleEndian.PutUint16(b[end:end+2], h.Sum16())
	return b
}

func le32(v uint32) []byte { return binary.LittleEndian.AppendUint32(nil, v) }

func TestDecodeFITBudget(t *testing.T) {
	ts := datetime.ToUint32(runStart)
	timestamp := [3]byte{253, 4, 0x86}

	records := new(rawFIT)
	records.define(uint16(mesgnum.Record), 0, timestamp)
	for i := range maxPoints + 1 {
		records.data(le32(ts + uint32(i))...)
	}

	descs := new(rawFIT)
	descs.define(uint16(mesgnum.FieldDescription), 0, [3]byte{0, 1, 2}, [3]byte{1, 1, 2}, [3]byte{2, 1, 2})
	for i := range maxFITFieldDescs + 1 {
		descs.data(0, byte(i), 2)
	}

	// 200 field descriptions, then records with 255 developer fields each:
	// every value is looked up among all 200.
	lookups := new(rawFIT)
	lookups.define(uint16(mesgnum.FieldDescription), 0, [3]byte{0, 1, 2}, [3]byte{1, 1, 2}, [3]byte{2, 1, 2})
	for i := range 200 {
		lookups.data(0, byte(i), 2)
	}
	lookups.define(uint16(mesgnum.Record), 255, timestamp)
	dev := make([]byte, 255)
	for i := range maxFITDevLookups/(255*200) + 1 {
		lookups.data(append(le32(ts+uint32(i)), dev...)...)
	}

	for _, tt := range []struct {
		name   string
		data   []byte
		reason string
	}{
		{"500,001 records", records.bytes(), "This file has more than 500,000 readings, more than any workout Rebound reads."},
		{"1,001 field descriptions", descs.bytes(), "This FIT file holds far more than any workout does, so Rebound does not read it."},
		{"developer fields", lookups.bytes(), "This FIT file holds far more than any workout does, so Rebound does not read it."},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if len(tt.data) > int(DefaultLimits.MaxFileBytes) {
				t.Fatalf("%d bytes: over the file limit, so not a test of the budget", len(tt.data))
			}
			checkRefusal(t, "x.fit", tt.data, tt.reason)
		})
	}
}

// TestDecodeFITWithoutSession: records alone pass the budget and are
// refused for the missing session.
func TestDecodeFITWithoutSession(t *testing.T) {
	r := new(rawFIT)
	r.define(uint16(mesgnum.Record), 0, [3]byte{253, 4, 0x86}, [3]byte{3, 1, 2})
	for i := range 600 {
		r.data(append(le32(datetime.ToUint32(runStart)+uint32(i)), 140)...)
	}
	checkRefusal(t, "x.fit", r.bytes(), "This FIT file has no session: the watch may not have finished saving it.")
}
