package html

import (
	htmltemplate "html/template"
	"math/rand/v2"
	"os"
	"strings"
	"testing"
)

// TestFindingRowIsTheTemplate renders finding rows both with the template
// the page used for them (testdata/finding-row.html.tmpl) and with
// findingRowHTML, for values that html/template escapes in each of its
// contexts (text, attributes, URLs and URL parts), and requires the same
// bytes.
func TestFindingRowIsTheTemplate(t *testing.T) {
	src, err := os.ReadFile("testdata/finding-row.html.tmpl")
	if err != nil {
		t.Fatal(err)
	}
	tmpl := htmltemplate.Must(htmltemplate.New("row").Funcs(htmltemplate.FuncMap{"spans": spans}).Parse(string(src)))
	tricky := []string{"", "plain", `a "quoted" 'value'`, "a+b<c>&d", "nul\x00byte", "not utf-8 \xff\xfe", "déjà 😀 \u2028",
		"`code` and `more`", "odd ` backtick", "javascript:alert(1)", "JavaScript:x", "HTTP://host/p?q=1#f", "mailto:a@b",
		"data:text/html,x", "evidence/artifacts/a b/c.json", "dir/with:colon", "%", "%4", "%41", "a%41b", "%zz",
		"!#$&*+,/:;=?@[]", "-._~", "tab\tnew\nline", "#frag", "?q"}
	var rows []findingRow
	for i, s := range tricky {
		rows = append(rows, findingRow{ID: s, Verdict: s, VerdictLabel: s, Severity: s, Subject: s, Kind: s,
			Location: s, Href: s, Message: s, Reasons: []string{s, "other"}, Waiver: s, WaiverAnchor: s,
			Baseline: []string{"", "new", "unchanged", s}[i%4], FirstSeen: s, Search: s})
	}
	r := rand.New(rand.NewPCG(8, 9))
	pick := func() string {
		var b strings.Builder
		for range r.IntN(4) {
			b.WriteString(tricky[r.IntN(len(tricky))])
		}
		return b.String()
	}
	for range 500 {
		row := findingRow{ID: pick(), Verdict: pick(), VerdictLabel: pick(), Severity: pick(), Subject: pick(), Kind: pick(),
			Location: pick(), Href: pick(), Message: pick(), Waiver: pick(), WaiverAnchor: pick(), Baseline: pick(),
			FirstSeen: pick(), Search: pick()}
		for range r.IntN(3) {
			row.Reasons = append(row.Reasons, pick())
		}
		rows = append(rows, row)
	}
	for i, row := range rows {
		var want strings.Builder
		if err := tmpl.Execute(&want, struct{ Rows []findingRow }{[]findingRow{row}}); err != nil {
			t.Fatal(err)
		}
		if got := string(findingRowHTML(row)); got != want.String() {
			t.Fatalf("row %d (%+v):\n got %q\nwant %q", i, row, got, want.String())
		}
	}
}
