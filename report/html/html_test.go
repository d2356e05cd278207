package html

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"flag"
	"strings"
	"testing"
	"time"

	xhtml "golang.org/x/net/html"

	"github.com/tollgate-dev/tollgate/assess"
	"github.com/tollgate-dev/tollgate/evidence"
	"github.com/tollgate-dev/tollgate/report/console"
	"github.com/tollgate-dev/tollgate/report/internal/fixture"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

func render(t *testing.T, r *assess.Results, opts Options) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, r, opts); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

var gate = &console.Gate{Passed: false, Reasons: []string{"3 unwaived failures at or above severity high"}, Blocking: 3, Coverage: 41.5, FailOn: "high"}

func TestGolden(t *testing.T) {
	opts := Options{Gate: gate, EvidenceBase: "evidence/"}
	got := render(t, fixture.Results(), opts)
	if !bytes.Equal(got, render(t, fixture.Results(), opts)) {
		t.Fatal("two renders differ")
	}
	fixture.Golden(t, "tollgate-report.html", got, *update)
}

// parse parses a rendered page.
func parse(t *testing.T, data []byte) *xhtml.Node {
	t.Helper()
	doc, err := xhtml.Parse(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// walk calls fn on every element.
func walk(n *xhtml.Node, fn func(*xhtml.Node)) {
	if n.Type == xhtml.ElementNode {
		fn(n)
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c, fn)
	}
}

func attr(n *xhtml.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

func text(n *xhtml.Node) string {
	var b strings.Builder
	var rec func(*xhtml.Node)
	rec = func(n *xhtml.Node) {
		if n.Type == xhtml.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			rec(c)
		}
	}
	rec(n)
	return b.String()
}

// hostile returns the fixture with markup planted in every text a
// collector or a policy file controls.
func hostile() (*assess.Results, []string) {
	r := fixture.Results()
	planted := []string{
		`<script>alert("name")</script>`,
		`"><img src=x onerror=alert(1)>`,
		`</style><script>alert("desc")</script>`,
		`javascript:alert(1)`,
		`]]><!-- -->`,
	}
	for i, s := range r.Subjects {
		m := s.Metadata()
		m.Name = planted[i%len(planted)] + m.Name
	}
	r.Subjects = append(r.Subjects, &evidence.Tool{
		Meta:        evidence.Meta{Kind: evidence.KindTool, ID: "tool:https://mcp.example.com/mcp#evil", Name: planted[0]},
		Server:      planted[1],
		Description: planted[2],
	})
	for i := range r.Controls {
		for j := range r.Controls[i].Evaluations {
			e := &r.Controls[i].Evaluations[j]
			if e.Verdict == assess.VerdictFail {
				e.Message = planted[2] + e.Message
				e.Reasons = append(e.Reasons, assess.Reason{Path: planted[1], Detail: planted[0]})
			}
		}
	}
	for i := range r.Waivers {
		r.Waivers[i].Justification = planted[0]
		r.Waivers[i].Owner = planted[3]
	}
	r.Artifacts = append(r.Artifacts, evidence.Artifact{Path: planted[1], BundlePath: "artifacts/" + planted[3] + "/a#b?.json", SHA256: fixture.Hash("x")})
	return r, planted
}

// TestMarkupRendersAsText plants markup in names, descriptions, messages,
// reasons, waivers and file paths: the page holds exactly one script (its
// own), no element or attribute comes from the data, and each planted text
// reads back as text.
func TestMarkupRendersAsText(t *testing.T) {
	r, planted := hostile()
	out := render(t, r, Options{Gate: gate, EvidenceBase: "evidence/"})
	for _, bad := range []string{`<script>alert`, `<img src=x`, `href="javascript:`} {
		if bytes.Contains(out, []byte(bad)) {
			t.Errorf("the page contains %q unescaped", bad)
		}
	}
	doc := parse(t, out)
	scripts, images := 0, 0
	walk(doc, func(n *xhtml.Node) {
		switch n.Data {
		case "script":
			scripts++
		case "img":
			images++
		}
		for _, a := range n.Attr {
			if strings.HasPrefix(a.Key, "on") {
				t.Errorf("<%s> has an event handler attribute %s=%q", n.Data, a.Key, a.Val)
			}
		}
	})
	if scripts != 1 || images != 0 {
		t.Errorf("page has %d scripts and %d images, want 1 and 0", scripts, images)
	}
	body := text(doc)
	for _, p := range planted[:3] {
		if !strings.Contains(body, p) {
			t.Errorf("planted text %q is not shown as text", p)
		}
	}
}

// TestSelfContained: nothing is fetched. Every link is a fragment, a data:
// URL or a relative link into the evidence bundle; the policy allows only
// the page's own style and script, by hash.
func TestSelfContained(t *testing.T) {
	r, _ := hostile()
	out := render(t, r, Options{EvidenceBase: "evidence/"})
	doc := parse(t, out)
	var csp, style, script string
	walk(doc, func(n *xhtml.Node) {
		switch n.Data {
		case "meta":
			if v, _ := attr(n, "http-equiv"); v == "Content-Security-Policy" {
				csp, _ = attr(n, "content")
			}
		case "style":
			style = text(n)
		case "script":
			script = text(n)
		case "link", "a":
			href, _ := attr(n, "href")
			if !strings.HasPrefix(href, "#") && !strings.HasPrefix(href, "evidence/") && href != "data:," {
				t.Errorf("<%s href=%q> leaves the page and its bundle", n.Data, href)
			}
		}
		for _, key := range []string{"src", "srcset", "action", "formaction", "xlink:href", "poster"} {
			if v, ok := attr(n, key); ok {
				t.Errorf("<%s %s=%q> would load something", n.Data, key, v)
			}
		}
	})
	for _, want := range []string{"default-src 'none'", "'" + sha(style) + "'", "'" + sha(script) + "'"} {
		if !strings.Contains(csp, want) {
			t.Errorf("Content-Security-Policy %q lacks %s", csp, want)
		}
	}
	if strings.Contains(style, "url(") || strings.Contains(style, "@import") {
		t.Error("the style sheet loads something")
	}
	if !strings.Contains(string(out), `href="evidence/artifacts/javascript:alert%281%29/a%23b%3F.json"`) {
		t.Error("a bundle path is not escaped segment by segment into a relative link")
	}
}

// TestFragmentLinksResolve: every in-page link of the report leads
// somewhere: a requirement's mapped control links to the control's
// findings only when the report has a findings section of it.
func TestFragmentLinksResolve(t *testing.T) {
	for name, r := range map[string]*assess.Results{"fixture": fixture.Results(), "hostile": func() *assess.Results { r, _ := hostile(); return r }()} {
		doc := parse(t, render(t, r, Options{Gate: gate, EvidenceBase: "evidence/"}))
		ids := map[string]bool{}
		var hrefs []string
		walk(doc, func(n *xhtml.Node) {
			if id, ok := attr(n, "id"); ok {
				ids[id] = true
			}
			if href, ok := attr(n, "href"); ok && len(href) > 1 && strings.HasPrefix(href, "#") {
				hrefs = append(hrefs, href)
			}
		})
		if len(hrefs) == 0 {
			t.Fatalf("%s: no in-page link", name)
		}
		for _, h := range hrefs {
			if !ids[h[1:]] {
				t.Errorf("%s: link %q leads to no element", name, h)
			}
		}
	}
}

func sha(s string) string {
	sum := sha256.Sum256([]byte(s))
	return "sha256-" + base64.StdEncoding.EncodeToString(sum[:])
}

// TestInventoryCoversEveryKind: each kind of subject gets a table, kinds
// the report has never heard of included, with the columns its subjects fill.
func TestInventoryCoversEveryKind(t *testing.T) {
	r := fixture.Results()
	r.Subjects = append(r.Subjects, &evidence.Endpoint{Meta: evidence.Meta{Kind: evidence.KindEndpoint, ID: "endpoint:https://mcp.example.com/mcp", Name: "mcp.example.com"}, URL: "https://mcp.example.com/mcp"},
		&strange{Meta: evidence.Meta{Kind: "registry-entry", ID: "registry-entry:acme/weather", Name: "acme/weather"}})
	doc := parse(t, render(t, r, Options{}))
	kinds := map[string]int{}
	var headers = map[string][]string{}
	walk(doc, func(n *xhtml.Node) {
		if n.Data != "section" {
			return
		}
		k, ok := attr(n, "data-kind")
		if !ok {
			return
		}
		walk(n, func(c *xhtml.Node) {
			switch {
			case c.Data == "tr" && hasClass(c, "subject"):
				kinds[k]++
			case c.Data == "th" && c.Parent != nil && c.Parent.Parent != nil && c.Parent.Parent.Data == "thead":
				headers[k] = append(headers[k], text(c))
			}
		})
	})
	want := map[string]int{}
	for _, s := range r.Subjects {
		want[string(s.Metadata().Kind)]++
	}
	for k, n := range want {
		if kinds[k] != n {
			t.Errorf("inventory lists %d subjects of kind %s, want %d", kinds[k], k, n)
		}
	}
	if h := strings.Join(headers["endpoint"], "|"); !strings.Contains(h, "Endpoint") || strings.Contains(h, "Transport") {
		t.Errorf("endpoint columns %q: want the endpoint and no empty transport column", h)
	}
}

type strange struct{ evidence.Meta }

func (s *strange) Metadata() *evidence.Meta { return &s.Meta }

func hasClass(n *xhtml.Node, class string) bool {
	v, _ := attr(n, "class")
	for _, c := range strings.Fields(v) {
		if c == class {
			return true
		}
	}
	return false
}

// TestTrendAndBaseline: with a history of several runs the page has a trend
// section with one point per run; with a baseline each finding is marked and
// the new-only filter is offered; without either, neither appears.
func TestTrendAndBaseline(t *testing.T) {
	plain := string(render(t, fixture.Results(), Options{}))
	for _, absent := range []string{`id="trend"`, `id="f-new"`, `id="baseline-note"`} {
		if strings.Contains(plain, absent) {
			t.Errorf("a run without history or baseline has %s", absent)
		}
	}
	r := fixture.Results()
	day := func(d int) time.Time { return fixture.Timestamp.AddDate(0, 0, d-3) }
	r.History = &assess.History{Store: "h.db", Scope: "acme", Previous: day(2), New: 2, Fixed: 1, Runs: []assess.HistoryRun{
		{AssessedAt: day(0), Failures: map[string]int{"high": 4, "critical": 1}, MetOfAssessed: map[string]float64{"gdpr": 40}},
		{AssessedAt: day(1), Failures: map[string]int{"high": 3}, MetOfAssessed: map[string]float64{"gdpr": 45.5}},
		{AssessedAt: day(3), Failures: map[string]int{"high": 2, "critical": 1}, MetOfAssessed: map[string]float64{"gdpr": 50}},
	}}
	known := map[string]bool{}
	x := 0
	for _, cr := range r.Controls {
		for _, e := range cr.Evaluations {
			if e.Verdict == assess.VerdictFail && x < 2 {
				known[e.Fingerprint()] = true
				x++
			}
		}
	}
	r.Baseline = &assess.Baseline{Source: "main/results.json", Timestamp: day(0), Known: known,
		Fixed: []assess.BaselineFinding{{ID: "TG-0000000001", Control: "MCP-SECRETS-01", Title: "gone", Severity: "high", SubjectName: "old"}}}
	doc := parse(t, render(t, r, Options{}))
	var trend *xhtml.Node
	marks := map[string]int{}
	walk(doc, func(n *xhtml.Node) {
		if id, _ := attr(n, "id"); id == "trend" {
			trend = n
		}
		if v, _ := attr(n, "data-verdict"); hasClass(n, "finding") && v != "error" {
			b, _ := attr(n, "data-baseline")
			marks[b]++
		}
	})
	if trend == nil {
		t.Fatal("no trend section with three runs of history")
	}
	points := 0
	walk(trend, func(n *xhtml.Node) {
		if n.Data == "polyline" {
			p, _ := attr(n, "points")
			points += len(strings.Fields(p))
		}
	})
	// Two severities and one framework, three runs each.
	if points != 9 {
		t.Errorf("trend charts have %d points, want 9", points)
	}
	if marks["baseline"] != 2 || marks["new"] == 0 || marks[""] != 0 {
		t.Errorf("baseline marks %v: want 2 in the baseline, the rest new", marks)
	}
	body := text(doc)
	for _, want := range []string{"Fixed since the baseline (1)", "2 new, 1 fixed", "Only new since the baseline"} {
		if !strings.Contains(body, want) {
			t.Errorf("page lacks %q", want)
		}
	}
}
