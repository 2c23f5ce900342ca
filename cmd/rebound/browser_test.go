package main

import (
	"fmt"
	"testing"

	"github.com/chromedp/chromedp"

	"rebound/internal/browsertest"
	"rebound/internal/pgtest"
)

func TestBrowserHomePageRendersInTheLayout(t *testing.T) {
	browser := browsertest.New(t)
	a := serveApp(t, map[string]string{"DATABASE_URL": pgtest.DSN(t)})
	for _, width := range []int64{390, 1280} {
		t.Run(fmt.Sprint(width), func(t *testing.T) {
			tab := browser.Tab(t, width, 844)
			if err := chromedp.Do(tab, chromedp.Navigate(a.URL+"/")); err != nil {
				t.Fatal(err)
			}
			browsertest.Screenshot(t, tab, fmt.Sprintf("home-%d", width))
			h1, err := chromedp.Run(tab, chromedp.Text(chromedp.CSS("main h1")))
			if err != nil || h1 != "Recovery is where the gains are made." {
				t.Fatalf("h1 = %q, %v", h1, err)
			}
			// The stylesheet applied (the header carries the brand colour),
			// and nothing is wider than the screen.
			bg, err := chromedp.Run(tab, chromedp.Evaluate[string](`getComputedStyle(document.querySelector('.site-header')).backgroundColor`))
			if err != nil || bg != "rgb(15, 95, 90)" {
				t.Errorf("header background = %q, %v: the stylesheet did not load", bg, err)
			}
			overflow, err := chromedp.Run(tab, chromedp.Evaluate[int](`document.documentElement.scrollWidth - window.innerWidth`))
			if err != nil || overflow > 0 {
				t.Errorf("page is %d px wider than the %d px screen (%v)", overflow, width, err)
			}
			// The three how-it-works cards sit side by side only when there is room.
			cols, err := chromedp.Run(tab, chromedp.Evaluate[int](`getComputedStyle(document.querySelector('.grid.three')).gridTemplateColumns.split(' ').length`))
			want := 3
			if width < 768 {
				want = 1
			}
			if err != nil || cols != want {
				t.Errorf("how-it-works columns = %d, want %d (%v)", cols, want, err)
			}
		})
	}
}
