// Package browsertest drives the installed Chromium, headless, for the
// browser tests. Without Chromium the tests are skipped with a message
// saying so; REBOUND_E2E=1 turns that skip into a failure, for CI.
package browsertest

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Browser is one headless Chromium process.
type Browser struct {
	ctx context.Context // the first tab; its browser lives as long as the test
}

// New starts Chromium for the test and stops it when the test ends.
func New(t testing.TB) *Browser {
	t.Helper()
	path := chromiumPath()
	if path == "" {
		if os.Getenv("REBOUND_E2E") == "1" {
			t.Fatal("browser test: Chromium not found, and REBOUND_E2E=1 requires it (apt-get install chromium, or set REBOUND_CHROMIUM)")
		}
		t.Skip("browser test skipped: Chromium not found (apt-get install chromium, or set REBOUND_CHROMIUM); REBOUND_E2E=1 makes this a failure")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.DisableGPU,
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-quic", true),
		chromedp.WindowSize(1280, 900),
	)
	if os.Geteuid() == 0 {
		opts = append(opts, chromedp.NoSandbox) // Chromium's sandbox refuses root
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(allocCtx)
	t.Cleanup(func() { cancel(); cancelAlloc() })
	// The first action starts the browser and ties it to the context it
	// gets, so it must be ctx itself, not a shorter-lived child.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("browser test: start Chromium: %v", err)
	}
	return &Browser{ctx: ctx}
}

// Tab opens a tab with its own cookies and storage (a fresh browser
// context, like a private window), width × height pixels, closed when the
// test ends. Everything done in it must finish within 90 seconds: a tab
// may wait while another tab of the same test works (a coach replying to
// an athlete), and on a loaded two-core machine a page with its
// accessibility check takes a few seconds.
func (b *Browser) Tab(t testing.TB, width, height int64) context.Context {
	t.Helper()
	ctx, cancel := chromedp.NewContext(b.ctx, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	ctx, cancelTimeout := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(cancelTimeout)
	opts := []chromedp.EmulateViewportOption{}
	if width < 600 {
		opts = append(opts, chromedp.EmulateMobile, chromedp.EmulateTouch, chromedp.EmulateScale(2))
	}
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, height, opts...)); err != nil {
		t.Fatalf("browser test: open tab: %v", err)
	}
	return ctx
}

var unsafeName = regexp.MustCompile(`[^A-Za-z0-9._-]+`)

// Screenshot saves a full-page PNG of the tab as NAME.png in the directory
// REBOUND_SCREENSHOTS names, when it is set, so people can look at every
// page the tests visit.
func Screenshot(t testing.TB, ctx context.Context, name string) {
	t.Helper()
	dir := os.Getenv("REBOUND_SCREENSHOTS")
	if dir == "" {
		return
	}
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Errorf("screenshot %s: %v", name, err)
		return
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Errorf("screenshot %s: %v", name, err)
		return
	}
	file := filepath.Join(dir, unsafeName.ReplaceAllString(strings.ToLower(name), "-")+".png")
	if err := os.WriteFile(file, png, 0o644); err != nil {
		t.Errorf("screenshot %s: %v", name, err)
	}
}

func chromiumPath() string {
	if p := os.Getenv("REBOUND_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}
