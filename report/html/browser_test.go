package html_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/tollgate-dev/tollgate/assess"
	"github.com/tollgate-dev/tollgate/collectors"
	"github.com/tollgate-dev/tollgate/evidence"
	"github.com/tollgate-dev/tollgate/pipeline"
	"github.com/tollgate-dev/tollgate/report"
	"github.com/tollgate-dev/tollgate/report/console"
	"github.com/tollgate-dev/tollgate/report/reporttest"
)

// The browser tests open the HTML report in headless Chromium (Debian's
// chromium package; TOLLGATE_CHROMIUM names another binary) from a file://
// URL and check what a person sees: the counts of results.json, filters and
// search that work, no console error and no network request. A screenshot
// of each section is written under the test's temporary folder, or under
// TOLLGATE_SCREENSHOTS when set, to be looked at. Without Chromium the tests
// skip.

// chromium returns the browser to drive, or skips the test.
func chromium(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("TOLLGATE_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "headless-shell"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skip("Chromium is not installed (apt-get install chromium, or set TOLLGATE_CHROMIUM)")
	return ""
}

// browser is one headless Chromium tab and what it reported.
type browser struct {
	ctx      context.Context
	mu       sync.Mutex
	console  []string
	requests []string
}

// newBrowser starts Chromium with a fresh profile and no background
// networking, records console messages and requests, and stops it at the
// end of the test.
func newBrowser(t *testing.T) *browser {
	t.Helper()
	exe := chromium(t)
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(exe),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("no-default-browser-check", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	)
	ctx, cancel := chromedp.NewContext(alloc)
	t.Cleanup(func() {
		cancel()
		cancelAlloc()
	})
	b := &browser{ctx: ctx}
	if err := chromedp.Listen(ctx, b.record); err != nil {
		t.Fatalf("start Chromium (%s): %v", exe, err)
	}
	if _, err := chromedp.Call(ctx, log.Enable, cdp.Empty{}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
		t.Fatal(err)
	}
	return b
}

func (b *browser) record(ev any) {
	b.mu.Lock()
	defer b.mu.Unlock()
	switch e := ev.(type) {
	case *runtime.EventConsoleAPICalled:
		if e.Type == "error" || e.Type == "warning" || e.Type == "assert" {
			var parts []string
			for _, a := range e.Args {
				parts = append(parts, string(a.Value)+a.Description)
			}
			b.console = append(b.console, fmt.Sprintf("console.%s: %s", e.Type, strings.Join(parts, " ")))
		}
	case *runtime.EventExceptionThrown:
		b.console = append(b.console, "exception: "+e.ExceptionDetails.Text+exceptionText(e.ExceptionDetails))
	case *log.EventEntryAdded:
		if e.Entry.Level == "error" || e.Entry.Level == "warning" {
			b.console = append(b.console, fmt.Sprintf("%s %s: %s", e.Entry.Source, e.Entry.Level, e.Entry.Text))
		}
	case *network.EventRequestWillBeSent:
		b.requests = append(b.requests, e.Request.URL)
	}
}

func exceptionText(d *runtime.ExceptionDetails) string {
	if d.Exception != nil {
		return " " + d.Exception.Description
	}
	return ""
}

// open loads the page and waits until it is ready.
func (b *browser) open(t *testing.T, path string) {
	t.Helper()
	u := url.URL{Scheme: "file", Path: filepath.ToSlash(path)}
	if err := chromedp.Do(b.timeout(t), chromedp.Navigate(u.String()), chromedp.WaitReady(chromedp.CSS("footer"))); err != nil {
		t.Fatalf("open %s: %v", u.String(), err)
	}
}

// timeout bounds one step.
func (b *browser) timeout(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(b.ctx, 30*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// eval evaluates a JavaScript expression in the page.
func eval[T any](t *testing.T, b *browser, expr string) T {
	t.Helper()
	v, err := chromedp.Run(b.timeout(t), chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("evaluate %s: %v", expr, err)
	}
	return v
}

// do runs actions, failing the test on an error.
func (b *browser) do(t *testing.T, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(b.timeout(t), steps...); err != nil {
		t.Fatal(err)
	}
}

// checkQuiet fails the test on any console error or warning, and on any
// request that is not the page itself or a file of its folder.
func (b *browser) checkQuiet(t *testing.T, dir string) {
	t.Helper()
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, m := range b.console {
		t.Errorf("console: %s", m)
	}
	prefix := (&url.URL{Scheme: "file", Path: filepath.ToSlash(dir) + "/"}).String()
	for _, r := range b.requests {
		if !strings.HasPrefix(r, prefix) && !strings.HasPrefix(r, "data:") {
			t.Errorf("the page requested %s", r)
		}
	}
}

// screenshotDir is where section screenshots go.
func screenshotDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("TOLLGATE_SCREENSHOTS")
	if dir == "" {
		return t.TempDir()
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// screenshot writes a PNG of the element with the given id.
func (b *browser) screenshot(t *testing.T, dir, name, id string) {
	t.Helper()
	png, err := chromedp.Run(b.timeout(t), chromedp.Screenshot(chromedp.ID(id)))
	if err != nil {
		t.Fatalf("screenshot of #%s: %v", id, err)
	}
	if err := os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644); err != nil {
		t.Fatal(err)
	}
}

// resultsDoc is the part of results.json the browser test compares with.
type resultsDoc struct {
	Summary struct {
		Subjects, Failures, Waived, Errors int
	} `json:"summary"`
	Frameworks []struct {
		ID    string         `json:"id"`
		Tally map[string]int `json:"tally"`
	} `json:"frameworks"`
	Findings []resultsFinding `json:"findings"`
	Errors   []resultsFinding `json:"errors"`
	Subjects []struct {
		Kind string `json:"kind"`
	} `json:"subjects"`
	Baseline *struct {
		New int `json:"new"`
	} `json:"baseline"`
}

type resultsFinding struct {
	ID, Control, Severity, Verdict, SubjectKind string
}

func (f *resultsFinding) UnmarshalJSON(data []byte) error {
	var raw struct {
		ID, Control, Severity, Verdict string
		SubjectKind                    string `json:"subject_kind"`
	}
	if err := json.Unmarshal(data, &raw); err != nil {
		return err
	}
	*f = resultsFinding{raw.ID, raw.Control, raw.Severity, raw.Verdict, raw.SubjectKind}
	return nil
}

// assessExample assesses examples/acme as the CLI does, with a history of
// three runs and a baseline holding two of its failures, and writes every
// output into a new folder.
func assessExample(t *testing.T) (string, *resultsDoc) {
	t.Helper()
	ctx := context.Background()
	now := time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC)
	acme := filepath.Join("..", "..", "examples", "acme")
	bundle, err := pipeline.Collect(ctx, collectors.Request{Paths: []string{acme}, Now: now, Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	r, err := pipeline.Evaluate(ctx, bundle, pipeline.EvaluateOptions{
		Waivers: []string{filepath.Join(acme, "policy", "waivers.hcl")}, Attestations: []string{filepath.Join(acme, "policy", "attestations.hcl")},
		Now: now, Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	addHistory(r, now)
	return writeOutputs(t, r, bundle)
}

// addHistory gives r a history of three runs and a baseline that had two
// of its failures.
func addHistory(r *assess.Results, now time.Time) {
	known := map[string]bool{}
	for _, cr := range r.Controls {
		for _, e := range cr.Evaluations {
			if e.Verdict == assess.VerdictFail && len(known) < 2 {
				known[e.Fingerprint()] = true
			}
		}
	}
	r.Baseline = &assess.Baseline{Source: "main/results.json", Timestamp: now.AddDate(0, 0, -7), Known: known}
	runs := []assess.HistoryRun{
		{AssessedAt: now.AddDate(0, 0, -14), Failures: map[string]int{"critical": 5, "high": 9, "medium": 14, "low": 11}},
		{AssessedAt: now.AddDate(0, 0, -7), Failures: map[string]int{"critical": 4, "high": 8, "medium": 12, "low": 11}},
		{AssessedAt: now, Failures: map[string]int{}},
	}
	for i := range runs {
		runs[i].Satisfied = map[string]float64{}
		runs[i].MetOfAssessed = map[string]float64{}
		for _, fw := range r.Frameworks {
			pct := float64(fw.Tally.Satisfied) * 100 / float64(max(1, fw.Tally.Total()))
			runs[i].Satisfied[fw.Framework.ID] = pct * float64(i+2) / 4
			met := float64(fw.Tally.Satisfied) * 100 / float64(max(1, fw.Tally.Assessed()))
			runs[i].MetOfAssessed[fw.Framework.ID] = met * float64(i+2) / 4
		}
	}
	for _, cr := range r.Controls {
		runs[2].Failures[cr.Control.Severity] += cr.Counts.Fail
	}
	r.History = &assess.History{Store: "history.db", Scope: "acme", Previous: runs[1].AssessedAt, New: 3, Fixed: 4, Runs: runs}
}

func writeOutputs(t *testing.T, r *assess.Results, bundle *evidence.Bundle) (string, *resultsDoc) {
	t.Helper()
	dir := t.TempDir()
	gate := pipeline.Gate{FailOn: "high"}
	v := gate.Judge(r)
	var opts report.Options
	opts.HTML.Gate = &console.Gate{Passed: v.Passed, Reasons: v.Reasons, Blocking: v.Blocking, Coverage: v.Coverage, FailOn: gate.FailOn}
	if _, err := report.WriteOutputs(dir, r, bundle, []string{"json", "html"}, opts); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(dir, "results.json"))
	if err != nil {
		t.Fatal(err)
	}
	reporttest.ValidateResults(t, data)
	var doc resultsDoc
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	return dir, &doc
}

// visibleRows counts the finding rows not hidden by the filters.
const visibleRows = `document.querySelectorAll("tr.finding:not([hidden])").length`

// TestReportInBrowser opens the example's report and checks it as a person
// uses it.
func TestReportInBrowser(t *testing.T) {
	b := newBrowser(t)
	dir, doc := assessExample(t)
	if doc.Summary.Failures == 0 || doc.Summary.Waived == 0 || doc.Baseline == nil {
		t.Fatal("the example has no failures, waivers or baseline; the test would prove nothing")
	}
	page := filepath.Join(dir, "tollgate-report.html")
	b.open(t, page)
	shots := screenshotDir(t)
	for _, id := range []string{"gate", "overview", "frameworks", "trend", "findings", "inventory", "policy", "evidence"} {
		b.screenshot(t, shots, id, id)
	}
	t.Logf("screenshots in %s", shots)

	t.Run("counts match results.json", func(t *testing.T) {
		cards := eval[map[string]int](t, b, `Object.fromEntries([...document.querySelectorAll("[data-count]")].map(e => [e.dataset.count, +e.textContent]))`)
		want := map[string]int{"failures": doc.Summary.Failures, "waived": doc.Summary.Waived, "errors": doc.Summary.Errors, "subjects": doc.Summary.Subjects}
		for k, n := range want {
			if cards[k] != n {
				t.Errorf("card %s shows %d, results.json %d", k, cards[k], n)
			}
		}
		if got, want := eval[int](t, b, visibleRows), len(doc.Findings)+len(doc.Errors); got != want {
			t.Errorf("%d finding rows visible, results.json has %d findings and errors", got, want)
		}
		if got := eval[int](t, b, `document.querySelectorAll("tr.subject").length`); got != len(doc.Subjects) {
			t.Errorf("inventory lists %d subjects, results.json %d", got, len(doc.Subjects))
		}
		tallies := eval[map[string]map[string]int](t, b, `Object.fromEntries([...document.querySelectorAll("article[data-framework]")].map(a =>
			[a.dataset.framework, Object.fromEntries([...a.querySelectorAll("td[data-status]")].map(td => [td.dataset.status.replace("-", "_"), +td.textContent]))]))`)
		for _, fw := range doc.Frameworks {
			for status, n := range fw.Tally {
				if tallies[fw.ID][status] != n {
					t.Errorf("%s %s shows %d, results.json %d", fw.ID, status, tallies[fw.ID][status], n)
				}
			}
		}
		if got := eval[int](t, b, `document.querySelectorAll("#trend polyline").length`); got == 0 {
			t.Error("no trend chart with three runs of history")
		}
	})

	t.Run("filters and search", func(t *testing.T) {
		count := func(pred func(resultsFinding) bool) int {
			n := 0
			for _, f := range append(append([]resultsFinding{}, doc.Findings...), doc.Errors...) {
				if pred(f) {
					n++
				}
			}
			return n
		}
		first := doc.Findings[0]
		steps := []struct {
			name   string
			action chromedp.Action[chromedp.Void]
			want   int
		}{
			{"severity " + first.Severity, chromedp.SetValue(chromedp.ID("f-severity"), first.Severity), count(func(f resultsFinding) bool { return f.Severity == first.Severity })},
			{"status waived", chromedp.SetValue(chromedp.ID("f-verdict"), "waived"), count(func(f resultsFinding) bool { return f.Verdict == "waived" })},
			{"subject kind " + first.SubjectKind, chromedp.SetValue(chromedp.ID("f-kind"), first.SubjectKind), count(func(f resultsFinding) bool { return f.SubjectKind == first.SubjectKind })},
			{"new since the baseline", chromedp.Click(chromedp.ID("f-new")), doc.Baseline.New},
			{"search " + first.Control, chromedp.SendKeys(chromedp.ID("f-search"), strings.ToLower(first.Control)), count(func(f resultsFinding) bool { return f.Control == first.Control })},
		}
		for _, s := range steps {
			b.do(t, chromedp.Click(chromedp.ID("f-reset")), s.action,
				chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
					_, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`["f-severity","f-verdict","f-kind"].forEach(id => document.getElementById(id).dispatchEvent(new Event("change"))) || true`))
					return err
				}))
			if got := eval[int](t, b, visibleRows); got != s.want {
				t.Errorf("%s: %d rows shown, want %d", s.name, got, s.want)
			}
			wantText := fmt.Sprintf("Showing %d of %d findings", s.want, len(doc.Findings)+len(doc.Errors))
			if got := eval[string](t, b, `document.getElementById("finding-count").textContent`); got != wantText {
				t.Errorf("%s: count says %q, want %q", s.name, got, wantText)
			}
			if s.want > 0 {
				if hidden := eval[int](t, b, `[...document.querySelectorAll("article.control:not([hidden])")].filter(a => !a.querySelector("tr.finding:not([hidden])")).length`); hidden != 0 {
					t.Errorf("%s: %d control groups shown without a visible finding", s.name, hidden)
				}
			}
		}
		b.do(t, chromedp.Click(chromedp.ID("f-reset")), chromedp.SendKeys(chromedp.ID("f-search"), "no-such-thing-anywhere"))
		if eval[bool](t, b, `document.getElementById("finding-empty").hidden`) {
			t.Error("a search matching nothing does not say so")
		}
		b.do(t, chromedp.Click(chromedp.ID("f-reset")))
		if got := eval[int](t, b, visibleRows); got != len(doc.Findings)+len(doc.Errors) {
			t.Errorf("after clearing the filters %d rows are shown", got)
		}
		kinds := map[string]bool{}
		for _, s := range doc.Subjects {
			kinds[s.Kind] = true
		}
		b.do(t, chromedp.SendKeys(chromedp.ID("i-search"), "cursor"))
		shown := eval[int](t, b, `document.querySelectorAll("tr.subject:not([hidden])").length`)
		if shown == 0 || shown == len(doc.Subjects) {
			t.Errorf("inventory search for cursor shows %d of %d subjects", shown, len(doc.Subjects))
		}
		if got := eval[int](t, b, `document.querySelectorAll("section.kind").length`); got != len(kinds) {
			t.Errorf("inventory has %d kind sections, results.json %d kinds", got, len(kinds))
		}
	})

	t.Run("accessible", func(t *testing.T) {
		if got := eval[string](t, b, `document.documentElement.lang`); got != "en" {
			t.Errorf("lang = %q", got)
		}
		for _, sel := range []string{"header", "nav", "main", "footer", "h1"} {
			if n := eval[int](t, b, fmt.Sprintf(`document.querySelectorAll(%q).length`, sel)); n < 1 {
				t.Errorf("no %s", sel)
			}
		}
		unlabelled := eval[[]string](t, b, `[...document.querySelectorAll("input, select, button")].filter(e =>
			!(e.labels && e.labels.length) && !e.getAttribute("aria-label") && !e.textContent.trim()).map(e => e.outerHTML)`)
		for _, u := range unlabelled {
			t.Errorf("control without a label: %s", u)
		}
		// Headings do not skip levels.
		skips := eval[[]string](t, b, `(() => { let last = 0, out = []; for (const h of document.querySelectorAll("h1,h2,h3,h4,h5,h6")) {
			const l = +h.tagName[1]; if (l > last + 1) out.push(h.tagName + " " + h.textContent); last = l; } return out; })()`)
		for _, s := range skips {
			t.Errorf("heading skips a level: %s", s)
		}
		// On a fresh page the keyboard reaches the skip link first, then the
		// navigation.
		b.open(t, page)
		b.do(t, chromedp.KeyEvent("\t"))
		if got := eval[string](t, b, `document.activeElement.className`); got != "skip" {
			t.Errorf("first Tab focuses %q, want the skip link", got)
		}
		b.do(t, chromedp.KeyEvent("\t"))
		if got := eval[string](t, b, `document.activeElement.getAttribute("href")`); got != "#overview" {
			t.Errorf("second Tab focuses %q, want the first section link", got)
		}
		// Text on the severity badges and status labels is legible: a contrast
		// ratio of at least 4.5 against its background.
		low := eval[[]string](t, b, contrastCheck)
		for _, l := range low {
			t.Errorf("low contrast: %s", l)
		}
	})

	t.Run("printable", func(t *testing.T) {
		if _, err := chromedp.Call(b.timeout(t), emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
			t.Fatal(err)
		}
		if got := eval[string](t, b, `getComputedStyle(document.getElementById("finding-filters")).display`); got != "none" {
			t.Errorf("filters print (display %q)", got)
		}
		b.screenshot(t, shots, "print-overview", "overview")
		if _, err := chromedp.Call(b.timeout(t), emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{}); err != nil {
			t.Fatal(err)
		}
		pdf, err := chromedp.Run(b.timeout(t), chromedp.PrintToPDF(chromedp.PDFPrintBackground()))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(string(pdf), "%PDF") || len(pdf) < 10000 {
			t.Errorf("printing gave %d bytes", len(pdf))
		}
		if err := os.WriteFile(filepath.Join(shots, "report.pdf"), pdf, 0o644); err != nil {
			t.Fatal(err)
		}
	})

	b.checkQuiet(t, dir)
}

// contrastCheck lists the badges, tags and status labels whose text has a
// contrast ratio below 4.5 with their background (WCAG AA).
const contrastCheck = `(() => {
  const rgb = s => s.match(/[\d.]+/g).slice(0, 3).map(Number);
  const lum = c => { const [r, g, b] = c.map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const out = [];
  for (const el of document.querySelectorAll(".badge, .tag, .status, .gate, .card-n, .verdict")) {
    const cs = getComputedStyle(el);
    let bg = null;
    for (let e = el; e; e = e.parentElement) {
      const c = getComputedStyle(e).backgroundColor;
      if (c && !c.startsWith("rgba(0, 0, 0, 0)") && c !== "transparent") { bg = c; break; }
    }
    bg = bg || "rgb(255, 255, 255)";
    const a = lum(rgb(cs.color)), b = lum(rgb(bg));
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    if (ratio < 4.5) out.push(el.className + " '" + el.textContent.trim().slice(0, 30) + "' " + ratio.toFixed(2));
  }
  return [...new Set(out)];
})()`

// TestHostileNamesInBrowser collects a repository whose server names and
// tool descriptions are markup, opens its report, and checks that no
// planted script ran and each planted text is shown as text.
func TestHostileNamesInBrowser(t *testing.T) {
	b := newBrowser(t)
	repo := t.TempDir()
	planted := []string{
		`<script>window.__pwned = 1</script>`,
		`<img src=x onerror="window.__pwned = 2">`,
		`</td></tr></table><script>window.__pwned = 3</script>`,
	}
	servers := map[string]any{
		planted[0]: map[string]any{"command": "npx", "args": []string{"-y", "some-server@latest"}},
		planted[1]: map[string]any{"url": "http://mcp.example.com/mcp"},
	}
	cfg, _ := json.Marshal(map[string]any{"mcpServers": servers})
	tools, _ := json.Marshal(map[string]any{"tools": []map[string]any{{
		"name": "fetch", "description": planted[2] + " Fetches a URL.",
		"inputSchema": map[string]any{"type": "object", "properties": map[string]any{"url": map[string]any{"type": "string"}}},
	}}})
	for name, data := range map[string][]byte{".cursor/mcp.json": cfg, "tools.json": tools} {
		p := filepath.Join(repo, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ctx := context.Background()
	now := time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC)
	bundle, err := pipeline.Collect(ctx, collectors.Request{Paths: []string{repo}, Now: now, Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	r, err := pipeline.Evaluate(ctx, bundle, pipeline.EvaluateOptions{Now: now, Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	dir, doc := writeOutputs(t, r, bundle)
	if doc.Summary.Failures == 0 {
		t.Fatal("the planted servers fail nothing; the test would prove nothing")
	}
	b.open(t, filepath.Join(dir, "tollgate-report.html"))
	b.screenshot(t, screenshotDir(t), "hostile-inventory", "inventory")
	if got := eval[string](t, b, `String(window.__pwned)`); got != "undefined" {
		t.Errorf("a planted script ran: window.__pwned = %s", got)
	}
	if n := eval[int](t, b, `document.scripts.length`); n != 1 {
		t.Errorf("the page has %d scripts, want its own only", n)
	}
	if n := eval[int](t, b, `document.images.length`); n != 0 {
		t.Errorf("the page has %d images", n)
	}
	body := eval[string](t, b, `document.body.innerText`)
	for _, p := range planted {
		if !strings.Contains(body, p) {
			t.Errorf("planted text %q is not shown as text", p)
		}
	}
	b.checkQuiet(t, dir)
}
