package components

import (
	"strings"
	"testing"
)

func TestQRDrawsTheQuietZoneAndModules(t *testing.T) {
	q := NewQR("https://rebound.example/invite/" + strings.Repeat("A", 43))
	// A 21+4k module code plus 4 modules of quiet zone each side.
	if (q.Size-8-21)%4 != 0 || q.Size < 29 {
		t.Fatalf("size %d is not a QR code's", q.Size)
	}
	if !strings.HasPrefix(q.Path, "M4 4h1v1h-1z") {
		t.Errorf("the finder pattern does not start at the quiet zone's corner: %.40s", q.Path)
	}
	if empty := NewQR(strings.Repeat("x", 5000)); empty.Size != 0 || empty.Path != "" {
		t.Error("text too long for a QR code drew something")
	}
}
