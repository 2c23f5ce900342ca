package web

import (
	"encoding/binary"
	"errors"
	"time"

	"github.com/alexedwards/scs/v2"
)

// sessionCodec encodes sessions compactly: a session holds a few integers
// and strings, and decoding it with gob (scs's default) compiled gob's
// decoder again for every request, a tenth of a check-in's CPU. Values of
// other types, deadlines nanoseconds cannot hold, and sessions stored by
// gob before go through gob. A session that reads as neither (written by
// a later version, or damaged) is an empty one, a new visitor's, lasting
// lifetime: its browser is signed out, not stuck on an error page.
type sessionCodec struct{ lifetime time.Duration }

// sessionMagic starts a session in this encoding; a gob stream starts
// with the length of its first message, never 0.
var sessionMagic = []byte{0, 'R', 1}

var errSessionData = errors.New("session data: malformed")

func (sessionCodec) Encode(deadline time.Time, values map[string]any) ([]byte, error) {
	if !time.Unix(0, deadline.UnixNano()).Equal(deadline) { // beyond 1678–2262
		return scs.GobCodec{}.Encode(deadline, values)
	}
	b := append([]byte(nil), sessionMagic...)
	b = binary.AppendVarint(b, deadline.UnixNano())
	b = binary.AppendUvarint(b, uint64(len(values)))
	for k, v := range values {
		b = appendString(b, k)
		switch v := v.(type) {
		case int64:
			b = binary.AppendVarint(append(b, 'i'), v)
		case string:
			b = appendString(append(b, 's'), v)
		default:
			return scs.GobCodec{}.Encode(deadline, values)
		}
	}
	return b, nil
}

func (c sessionCodec) Decode(b []byte) (time.Time, map[string]any, error) {
	deadline, values, err := decodeSession(b)
	if err != nil {
		return time.Now().Add(c.lifetime), map[string]any{}, nil
	}
	return deadline, values, nil
}

func decodeSession(b []byte) (time.Time, map[string]any, error) {
	if len(b) < len(sessionMagic) || string(b[:len(sessionMagic)]) != string(sessionMagic) {
		return scs.GobCodec{}.Decode(b)
	}
	b = b[len(sessionMagic):]
	nanos, b, ok := varint(b)
	if !ok {
		return time.Time{}, nil, errSessionData
	}
	n, b, ok := uvarint(b)
	if !ok || n > uint64(len(b)) { // each value takes at least a byte
		return time.Time{}, nil, errSessionData
	}
	values := make(map[string]any, n)
	for range n {
		var k string
		if k, b, ok = str(b); !ok || len(b) == 0 {
			return time.Time{}, nil, errSessionData
		}
		kind := b[0]
		b = b[1:]
		switch kind {
		case 'i':
			var v int64
			if v, b, ok = varint(b); !ok {
				return time.Time{}, nil, errSessionData
			}
			values[k] = v
		case 's':
			var v string
			if v, b, ok = str(b); !ok {
				return time.Time{}, nil, errSessionData
			}
			values[k] = v
		default:
			return time.Time{}, nil, errSessionData
		}
	}
	if len(b) != 0 {
		return time.Time{}, nil, errSessionData
	}
	return time.Unix(0, nanos), values, nil
}

func appendString(b []byte, s string) []byte {
	return append(binary.AppendUvarint(b, uint64(len(s))), s...)
}

func varint(b []byte) (int64, []byte, bool) {
	v, n := binary.Varint(b)
	if n <= 0 {
		return 0, b, false
	}
	return v, b[n:], true
}

func uvarint(b []byte) (uint64, []byte, bool) {
	v, n := binary.Uvarint(b)
	if n <= 0 {
		return 0, b, false
	}
	return v, b[n:], true
}

func str(b []byte) (string, []byte, bool) {
	n, b, ok := uvarint(b)
	if !ok || n > uint64(len(b)) {
		return "", b, false
	}
	return string(b[:n]), b[n:], true
}
