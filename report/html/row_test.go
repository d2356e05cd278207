package html

import (
	"bytes"
	htmltemplate "html/template"
	"math/rand/v2"
	"net/url"
	"os"
	"strings"
	"testing"

	"github.com/tollgate-dev/tollgate/assess"
)

// TestFindingRowIsTheTemplate renders finding rows both with the template
// the page used for them (testdata/finding-row.html.tmpl) and with
// findingRowHTML, for values that html/template escapes in each of its
// contexts (text, attributes, URLs and URL parts), and requires the same
// bytes.
func TestFindingRowIsTheTemplate(t *testing.T) {
	var rows []findingRow
	for i, s := range tricky {
		rows = append(rows, findingRow{ID: s, Verdict: s, VerdictLabel: s, Severity: s, Subject: s, Kind: s,
			Location: s, Href: s, Message: s, Reasons: []string{s, "other", "env.A<&>: " + s}, Waiver: s, WaiverAnchor: s,
			Baseline: []string{"", "new", "unchanged", s}[i%4], FirstSeen: s, Search: s})
	}
	r := rand.New(rand.NewPCG(8, 9))
	for range 500 {
		row := findingRow{ID: pick(r), Verdict: pick(r), VerdictLabel: pick(r), Severity: pick(r), Subject: pick(r), Kind: pick(r),
			Location: pick(r), Href: pick(r), Message: pick(r), Waiver: pick(r), WaiverAnchor: pick(r), Baseline: pick(r),
			FirstSeen: pick(r), Search: pick(r)}
		for range r.IntN(3) {
			row.Reasons = append(row.Reasons, pick(r))
		}
		rows = append(rows, row)
	}
	sameAsTemplate(t, "testdata/finding-row.html.tmpl", rows, findingRowHTML)
	// The search text given as bytes and the reasons as the engine's, as
	// the report's rows give them.
	sameAsTemplate(t, "testdata/finding-row.html.tmpl", rows, func(r findingRow) htmltemplate.HTML {
		r.search, r.Search = append([]byte{}, r.Search...), "\x00ignored"
		r.reasons, r.Reasons = asReasons(r.Reasons), nil
		return findingRowHTML(r)
	})
}

// TestInventoryRowIsTheTemplate is TestFindingRowIsTheTemplate for the
// rows of the inventory.
func TestInventoryRowIsTheTemplate(t *testing.T) {
	rows := []inventoryRow{{}, {Failing: 3}, {Failing: -1}}
	r := rand.New(rand.NewPCG(10, 11))
	for range 500 {
		row := inventoryRow{Search: pick(r), Failing: r.IntN(3)}
		for range r.IntN(5) {
			row.Cells = append(row.Cells, pick(r))
		}
		rows = append(rows, row)
	}
	sameAsTemplate(t, "testdata/inventory-row.html.tmpl", rows, inventoryRowHTML)
	sameAsTemplate(t, "testdata/inventory-row.html.tmpl", rows, func(r inventoryRow) htmltemplate.HTML {
		r.search, r.Search = append([]byte{}, r.Search...), "\x00ignored"
		return inventoryRowHTML(r)
	})
}

// TestArtifactRowIsTheTemplate is TestFindingRowIsTheTemplate for the
// rows of the evidence table.
func TestArtifactRowIsTheTemplate(t *testing.T) {
	rows := []artifactView{{}, {Size: -1}}
	r := rand.New(rand.NewPCG(12, 13))
	for range 500 {
		rows = append(rows, artifactView{Path: pick(r), Href: pick(r), Format: pick(r), SHA256: pick(r),
			RedactedSHA256: pick(r), Size: r.Int64N(1 << 40)})
	}
	sameAsTemplate(t, "testdata/artifact-row.html.tmpl", rows, func(r artifactView) htmltemplate.HTML {
		var b bytes.Buffer
		writeArtifactRow(&b, r)
		return htmltemplate.HTML(b.String())
	})
}

// tricky are values html/template escapes in one of its contexts (text,
// attributes, URLs and URL parts), or that look like it might.
var tricky = []string{"", "plain", `a "quoted" 'value'`, "a+b<c>&d", "nul\x00byte", "not utf-8 \xff\xfe", "déjà 😀 \u2028",
	"`code` and `more`", "odd ` backtick", "javascript:alert(1)", "JavaScript:x", "HTTP://host/p?q=1#f", "mailto:a@b",
	"data:text/html,x", "evidence/artifacts/a b/c.json", "dir/with:colon", "%", "%4", "%41", "a%41b", "%zz",
	"!#$&*+,/:;=?@[]", "-._~", "tab\tnew\nline", "#frag", "?q"}

// pick joins a few tricky values.
func pick(r *rand.Rand) string {
	var b strings.Builder
	for range r.IntN(4) {
		b.WriteString(tricky[r.IntN(len(tricky))])
	}
	return b.String()
}

// sameAsTemplate renders each row with the template in file, which ranges
// over .Rows, and with render, and requires the same bytes.
func sameAsTemplate[T any](t *testing.T, file string, rows []T, render func(T) htmltemplate.HTML) {
	t.Helper()
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := htmltemplate.Must(htmltemplate.New("row").Funcs(htmltemplate.FuncMap{"spans": spans}).Parse(string(src)))
	for i, row := range rows {
		var want strings.Builder
		if err := tmpl.Execute(&want, struct{ Rows []T }{[]T{row}}); err != nil {
			t.Fatal(err)
		}
		if got := string(render(row)); got != want.String() {
			t.Fatalf("row %d (%+v):\n got %q\nwant %q", i, row, got, want.String())
		}
	}
}

// TestSearchTextIsItsDefinition compares searchText with its definition
// (searchTextOf) on tricky values, random ASCII made of letters of both
// cases and every kind of white space, and random text that is not ASCII.
func TestSearchTextIsItsDefinition(t *testing.T) {
	r := rand.New(rand.NewPCG(31, 32))
	const ascii = "aZ09 \t\n\v\f\r-_.:/İ"
	word := func() string {
		var b strings.Builder
		for range r.IntN(12) {
			if r.IntN(20) == 0 {
				// Not ASCII: Unicode white space and case, bytes that are
				// not UTF-8, U+FFFD itself.
				b.WriteString([]string{"İ\u0085\u00a0é", "Σ\u3000ǅ", "\xff\xe2\x82", "\ufffd\u2028"}[r.IntN(4)])
				continue
			}
			b.WriteByte(ascii[r.IntN(17)])
		}
		return b.String()
	}
	cases := [][]string{nil, {}, {""}, {"", ""}, {" A ", " B "}, tricky}
	for range 3000 {
		parts := make([]string, r.IntN(5))
		for i := range parts {
			parts[i] = word()
		}
		cases = append(cases, parts)
	}
	for _, parts := range cases {
		if got, want := searchText(parts...), searchTextOf(parts); got != want {
			t.Fatalf("searchText(%q) = %q, want %q", parts, got, want)
		}
	}
}

// findingRowHTML is writeFindingRow's row, as the template function that
// wrote it once returned it.
func findingRowHTML(r findingRow) htmltemplate.HTML {
	var b bytes.Buffer
	writeFindingRow(&b, r)
	return htmltemplate.HTML(b.String())
}

// inventoryRowHTML is writeInventoryRow's row, as findingRowHTML is.
func inventoryRowHTML(r inventoryRow) htmltemplate.HTML {
	var b bytes.Buffer
	writeInventoryRow(&b, r)
	return htmltemplate.HTML(b.String())
}

// TestEscapePathOfPlainPaths checks that a path escapePath returns as it
// is would be the same escaped segment by segment.
func TestEscapePathOfPlainPaths(t *testing.T) {
	r := rand.New(rand.NewPCG(33, 34))
	const alphabet = "aZ09-._~/: #%?@+é\x00"
	for range 20000 {
		b := make([]byte, r.IntN(12))
		for i := range b {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
		segs := strings.Split(string(b), "/")
		for i, s := range segs {
			segs[i] = url.PathEscape(s)
		}
		if got, want := escapePath(string(b)), strings.Join(segs, "/"); got != want {
			t.Fatalf("escapePath(%q) = %q, want %q", b, got, want)
		}
	}
}

// asReasons are reasons whose view.ReasonText are the texts.
func asReasons(texts []string) []assess.Reason {
	var out []assess.Reason
	for _, s := range texts {
		if path, detail, ok := strings.Cut(s, ": "); ok && path != "" {
			out = append(out, assess.Reason{Path: path, Detail: detail})
		} else {
			out = append(out, assess.Reason{Detail: s})
		}
	}
	return out
}

// TestSearchBuilderInPieces checks that a part added in pieces is the
// part joined, as findingRowOf adds each reason's text.
func TestSearchBuilderInPieces(t *testing.T) {
	r := rand.New(rand.NewPCG(35, 36))
	for range 3000 {
		var parts []string
		b := searchBuilder{buf: []byte("keep")}
		b.start = len(b.buf)
		for range r.IntN(5) {
			p := pick(r)
			b.part(p)
			if r.IntN(2) == 0 {
				more := pick(r)
				b.add(": ")
				b.add(more)
				p += ": " + more
			}
			parts = append(parts, p)
		}
		if got, want := string(b.buf), "keep"+searchTextOf(parts); got != want {
			t.Fatalf("parts %q in pieces: %q, want %q", parts, got, want)
		}
	}
}
