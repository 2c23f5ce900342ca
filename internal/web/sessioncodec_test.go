package web

import (
	"reflect"
	"testing"
	"time"

	"github.com/alexedwards/scs/v2"
)

// Sessions round-trip through the codec: its own encoding for integers
// and strings, gob for anything else and for sessions gob stored before.
func TestSessionCodecRoundTrips(t *testing.T) {
	deadline := time.Date(2027, 3, 1, 12, 30, 0, 123, time.UTC)
	for _, values := range []map[string]any{
		{},
		{keyUser: int64(42), keyAuthAt: int64(1764000000123456789), keyKept: int64(-1)},
		{keyFlash: "Saved ✓ — «quoted»", keyUser: int64(0), "empty": ""},
		{"other": 3.5, keyUser: int64(7)}, // a float: gob
	} {
		b, err := sessionCodec{}.Encode(deadline, values)
		if err != nil {
			t.Fatal(err)
		}
		gotDeadline, got, err := sessionCodec{}.Decode(b)
		if err != nil || !gotDeadline.Equal(deadline) || !reflect.DeepEqual(got, values) {
			t.Errorf("%v: decoded %v %v, %v", values, gotDeadline, got, err)
		}
		old, err := scs.GobCodec{}.Encode(deadline, values)
		if err != nil {
			t.Fatal(err)
		}
		if gotDeadline, got, err := (sessionCodec{}).Decode(old); err != nil || !gotDeadline.Equal(deadline) || !reflect.DeepEqual(got, values) {
			t.Errorf("%v stored by gob: decoded %v %v, %v", values, gotDeadline, got, err)
		}
	}
}

// A session that cannot be read is a new visitor's: no values, the whole
// lifetime ahead.
func TestUnreadableSessionIsEmpty(t *testing.T) {
	c := sessionCodec{lifetime: time.Hour}
	for _, b := range [][]byte{{0, 'R', 1, 5}, {0, 'R', 2}, []byte("not gob"), nil} {
		deadline, values, err := c.Decode(b)
		if err != nil || len(values) != 0 || time.Until(deadline) < 59*time.Minute {
			t.Errorf("%q: %v %v %v, want an empty session of an hour", b, deadline, values, err)
		}
	}
}

// Whatever the bytes, decoding returns an error or values, never panics,
// and what decodes encodes back to the same values.
func FuzzSessionCodec(f *testing.F) {
	b, _ := sessionCodec{}.Encode(time.Now(), map[string]any{keyUser: int64(1), keyFlash: "hi"})
	f.Add(b)
	f.Add(append([]byte(nil), sessionMagic...))
	f.Add([]byte{0, 'R', 1, 2, 200, 1, 'a', 'i'})
	f.Fuzz(func(t *testing.T, b []byte) {
		deadline, values, err := decodeSession(b)
		if err != nil {
			return
		}
		again, err := sessionCodec{}.Encode(deadline, values)
		if err != nil {
			t.Fatal(err)
		}
		d2, v2, err := decodeSession(again)
		if err != nil || !d2.Equal(deadline) || !reflect.DeepEqual(v2, values) {
			t.Fatalf("%v %v re-decoded as %v %v, %v", deadline, values, d2, v2, err)
		}
	})
}
