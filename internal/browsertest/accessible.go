package browsertest

import (
	"context"
	_ "embed"
	"encoding/json"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// accessibleJS lists what a page gets wrong of the basics: exactly one h1
// and no skipped heading level; a label for every form control; a name for
// every link and button; and text contrast of at least 4.5:1 (3:1 for
// large text), WCAG 2.1 AA, against the nearest opaque background.
const accessibleJS = `(() => {
  const problems = [];
  const visible = el => {
    const r = el.getBoundingClientRect(), s = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && s.visibility !== "hidden" && s.display !== "none" && !el.closest(".visually-hidden,[hidden]");
  };
  const headings = [...document.querySelectorAll("h1,h2,h3,h4,h5,h6")].filter(visible);
  if (headings.filter(h => h.tagName === "H1").length !== 1) problems.push("not exactly one h1");
  let level = 0;
  for (const h of headings) {
    const l = +h.tagName[1];
    if (level && l > level + 1) problems.push("heading level skipped before " + JSON.stringify(h.textContent.trim()));
    level = l;
  }
  for (const el of document.querySelectorAll("input:not([type=hidden]),select,textarea")) {
    const labelled = (el.id && document.querySelector("label[for='" + CSS.escape(el.id) + "']")) || el.closest("label") ||
      el.getAttribute("aria-label") || el.getAttribute("aria-labelledby");
    if (!labelled) problems.push("no label for " + (el.name || el.id || el.outerHTML.slice(0, 60)));
  }
  for (const el of document.querySelectorAll("a[href],button")) {
    if (visible(el) && !el.textContent.trim() && !el.getAttribute("aria-label") && !el.querySelector("[aria-label],img[alt]"))
      problems.push("no name for " + el.outerHTML.slice(0, 80));
  }
  const rgba = c => { const m = c.match(/rgba?\(([^)]+)\)/); if (!m) return null; const p = m[1].split(",").map(Number); return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1]; };
  // The background behind el: its own and its ancestors' painted over
  // one another, translucent ones too, down to the first opaque one.
  const background = el => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const c = rgba(getComputedStyle(e).backgroundColor);
      if (c && c[3] > 0) { layers.push(c); if (c[3] >= 1) break; }
    }
    let bg = [255, 255, 255];
    for (const c of layers.reverse()) bg = bg.map((v, i) => c[i] * c[3] + v * (1 - c[3]));
    return bg;
  };
  const luminance = c => { const f = v => (v /= 255) <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]); };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const seen = new Set();
  while (walker.nextNode()) {
    const el = walker.currentNode.parentElement;
    if (!el || seen.has(el) || !walker.currentNode.textContent.trim() || !visible(el)) continue;
    seen.add(el);
    const s = getComputedStyle(el), bg = background(el);
    let fg = rgba(s.color);
    fg = fg.slice(0, 3).map((v, i) => v * fg[3] + bg[i] * (1 - fg[3]));
    const a = luminance(fg), b = luminance(bg), ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    const size = parseFloat(s.fontSize), large = size >= 24 || (size >= 18.66 && +s.fontWeight >= 700);
    if (ratio < (large ? 3 : 4.5)) problems.push("contrast " + ratio.toFixed(2) + ":1 for " + JSON.stringify(walker.currentNode.textContent.trim().slice(0, 40)));
  }
  return JSON.stringify(problems);
})()`

// Accessible fails the test for each basic accessibility problem of the
// tab's page (headings, labels, names, contrast), naming the page; Axe
// checks the rest.
func Accessible(t testing.TB, ctx context.Context, name string) {
	t.Helper()
	out, err := chromedp.Run(ctx, chromedp.Evaluate[string](accessibleJS))
	if err != nil {
		t.Errorf("%s: accessibility check: %v", name, err)
		return
	}
	var problems []string
	if err := json.Unmarshal([]byte(out), &problems); err != nil {
		t.Errorf("%s: accessibility check: %v", name, err)
	}
	for _, p := range problems {
		t.Errorf("%s: %s", name, p)
	}
}

// axeSource is axe-core, a pinned copy kept with its licence so that the
// tests need no network (testdata/axe-core/README says which).
//
//go:embed testdata/axe-core/axe.min.js
var axeSource string

// Axe runs axe-core on the tab's page and returns its serious and critical
// violations, one per rule and element: "rule-id: help [target]". The page
// keeps its content security policy: a script evaluated through the
// DevTools protocol is not subject to it.
func Axe(ctx context.Context) ([]string, error) {
	out, err := chromedp.Run(ctx, chromedp.Evaluate[string](axeSource+`;
axe.run(document, {resultTypes: ["violations"]}).then(r => JSON.stringify(r.violations
  .filter(v => v.impact === "serious" || v.impact === "critical")
  .flatMap(v => v.nodes.map(n => v.id + ": " + v.help + " [" + n.target.join(" ") + "]"))))`,
		chromedp.EvalAwaitPromise))
	if err != nil {
		return nil, err
	}
	var violations []string
	err = json.Unmarshal([]byte(out), &violations)
	return violations, err
}

// ColorScheme makes the tab's pages see prefers-color-scheme as scheme,
// "light" or "dark".
func ColorScheme(ctx context.Context, scheme string) error {
	_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
		Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
	})
	return err
}
