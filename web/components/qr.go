package components

import (
	"strconv"
	"strings"

	qrcode "github.com/skip2/go-qrcode"
)

// QR is a QR code drawn as one SVG path: it needs no image route, prints,
// and scales sharply to whatever size the page gives it.
type QR struct {
	Size int    // modules a side, the quiet zone included
	Path string // the dark modules, one square each
}

// NewQR encodes text at medium error correction (a phone camera reads it
// off a laptop screen at arm's length). Text too long for a QR code is an
// empty QR, which draws nothing.
func NewQR(text string) QR {
	code, err := qrcode.New(text, qrcode.Medium)
	if err != nil {
		return QR{}
	}
	bits := code.Bitmap() // with the 4-module quiet zone scanners need
	var b strings.Builder
	for y, row := range bits {
		for x, dark := range row {
			if dark {
				b.WriteString("M" + strconv.Itoa(x) + " " + strconv.Itoa(y) + "h1v1h-1z")
			}
		}
	}
	return QR{Size: len(bits), Path: b.String()}
}
