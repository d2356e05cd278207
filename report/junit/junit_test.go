package junit

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"flag"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/tollgate-dev/tollgate/assess"
	"github.com/tollgate-dev/tollgate/controls"
	"github.com/tollgate-dev/tollgate/evidence"
	"github.com/tollgate-dev/tollgate/internal/jsontest"
	"github.com/tollgate-dev/tollgate/report/internal/fixture"
	"github.com/tollgate-dev/tollgate/report/internal/view"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

func render(t *testing.T, r *assess.Results) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, r, Options{}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestGolden(t *testing.T) {
	got := render(t, fixture.Results())
	if !bytes.Equal(got, render(t, fixture.Results())) {
		t.Fatal("two renders differ")
	}
	fixture.Golden(t, "junit.xml", got, *update)
}

func TestCounts(t *testing.T) {
	r := fixture.Results()
	var doc testsuites
	if err := xml.Unmarshal(render(t, r), &doc); err != nil {
		t.Fatal(err)
	}
	var want assess.Counts
	var tests, notAssessed int
	for _, cr := range r.Controls {
		for _, e := range cr.Evaluations {
			want.Add(e.Verdict)
			tests++
		}
		if len(cr.Evaluations) == 0 {
			notAssessed++ // one skipped case says nothing was applicable
			tests++
		}
	}
	if notAssessed == 0 {
		t.Fatal("the fixture has no control without applicable subjects")
	}
	checks := []struct {
		name      string
		got, want int
	}{
		{"suites", len(doc.Suites), len(r.Controls)},
		{"tests", doc.Tests, tests},
		{"failures", doc.Failures, want.Fail},
		{"errors", doc.Errors, want.Error},
		{"skipped", doc.Skipped, want.Waived + want.Manual + notAssessed},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %d, want %d", c.name, c.got, c.want)
		}
	}
	// Suite counts add up to the root's, and match their cases.
	var failures int
	for _, s := range doc.Suites {
		var f, e, sk int
		for _, c := range s.Cases {
			if c.Failure != nil {
				f++
			}
			if c.Error != nil {
				e++
			}
			if c.Skipped != nil {
				sk++
			}
		}
		if f != s.Failures || e != s.Errors || sk != s.Skipped || len(s.Cases) != s.Tests {
			t.Errorf("suite %s attributes disagree with its cases", s.Name)
		}
		failures += s.Failures
	}
	if failures != doc.Failures {
		t.Errorf("suite failures sum to %d, root says %d", failures, doc.Failures)
	}
}

func TestEveryCaseIsNamed(t *testing.T) {
	var doc testsuites
	if err := xml.Unmarshal(render(t, fixture.Results()), &doc); err != nil {
		t.Fatal(err)
	}
	manual := 0
	for _, s := range doc.Suites {
		for _, c := range s.Cases {
			if c.Name == "" {
				t.Errorf("suite %s has a test case without a name", s.Name)
			}
			if c.Name == "attestation" {
				manual++
			}
		}
	}
	if manual == 0 {
		t.Error("the fixture's manual controls have no attestation case")
	}
}

func TestReasonWithoutPath(t *testing.T) {
	got := body(assess.Evaluation{Message: "m", Reasons: []assess.Reason{{Detail: "line 1: syntax error"}}}, "")
	if want := "m\nline 1: syntax error"; got != want {
		t.Errorf("body = %q, want %q", got, want)
	}
}

// TestNoEmptySuites: a control with no applicable subject is a suite with
// one skipped case saying so, never an empty suite CI UIs show nothing for;
// and no time is claimed, since none is measured.
func TestNoEmptySuites(t *testing.T) {
	data := render(t, fixture.Results())
	var doc testsuites
	if err := xml.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	for _, s := range doc.Suites {
		if s.Tests == 0 || len(s.Cases) == 0 {
			t.Errorf("suite %s is empty", s.Name)
		}
	}
	if strings.Contains(string(data), `time="0"`) {
		t.Error(`junit.xml claims time="0"`)
	}
}

// TestStreamedIsTheDocument checks that the JUnit report, written a suite
// at a time, is byte for byte the encoding of the whole document.
func TestStreamedIsTheDocument(t *testing.T) {
	r := fixture.Results()
	x := view.New(r)
	ts := r.Timestamp.UTC().Format("2006-01-02T15:04:05")
	root := testsuites{Name: "tollgate"}
	for _, cr := range r.Controls {
		if cr.Control == nil {
			continue
		}
		s := newSuite(x, &cr, ts)
		root.Tests += s.Tests
		root.Failures += s.Failures
		root.Errors += s.Errors
		root.Skipped += s.Skipped
		root.Suites = append(root.Suites, s)
	}
	var want bytes.Buffer
	want.WriteString(xml.Header)
	enc := xml.NewEncoder(&want)
	enc.Indent("", "  ")
	if err := enc.Encode(root); err != nil {
		t.Fatal(err)
	}
	want.WriteByte('\n')
	var got bytes.Buffer
	if err := Write(&got, r, Options{}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got.Bytes(), want.Bytes()) {
		t.Errorf("streamed JUnit (%d bytes) differs from the encoded document (%d bytes)", got.Len(), want.Len())
	}
	if root.Failures == 0 || len(root.Suites) < 2 {
		t.Fatalf("the fixture has %d failures in %d suites; the comparison would prove little", root.Failures, len(root.Suites))
	}
}

// TestCaseIsEncoded checks that a case written directly is what the
// encoder writes for it (with its full name), for passes, failures,
// errors and skipped cases, and for values XML must escape.
func TestCaseIsEncoded(t *testing.T) {
	cases := []testcase{
		{Name: "github", Where: ".cursor/mcp.json:3", Classname: "MCP-AUTH-01", File: ".cursor/mcp.json", Line: 3},
		{Name: "plain", Classname: "C"},
		{Name: "R&D", Classname: "a<b", File: "x>y", Line: 1},
		{Name: `say "hi"`, Classname: "it's"},
		{Name: `a "quoted" 'name' & <tag>`, Where: "dir/<x>&'y'", Classname: "C", File: "dir/with space/f.json", Line: 12},
		{Name: "tab\tnew\nline\rcr", Classname: "C\x01ctl\x7fdel"},
		{Name: "déjà vu \u2028 \U0001F600", Where: "\xff", Classname: "bad \xff\xfe utf-8", File: "\uFFFD"},
	}
	problems := []*problem{
		{Message: "no auth", Type: "high", Body: "line one\nline <two> & \"three\"\r\tfour\x00\xff"},
		{Message: "", Type: "error", Body: ""},
	}
	for i, tc := range slices.Clone(cases) {
		p := problems[i%len(problems)]
		cases = append(cases,
			testcase{Name: tc.Name, Where: tc.Where, Classname: tc.Classname, File: tc.File, Line: tc.Line, Failure: p},
			testcase{Name: tc.Name, Classname: tc.Classname, Error: p},
			testcase{Name: tc.Name, Where: tc.Where, Classname: tc.Classname, Line: tc.Line, Skipped: &skipped{Message: tc.Name + "\n" + tc.Classname}},
			testcase{Name: tc.Name, Classname: tc.Classname, Failure: p, Error: problems[0], Skipped: &skipped{}})
	}
	for _, tc := range cases {
		prefix := func(enc *xml.Encoder) {
			for _, name := range []string{"testsuites", "testsuite"} {
				if err := enc.EncodeToken(xml.StartElement{Name: xml.Name{Local: name}}); err != nil {
					t.Fatal(err)
				}
			}
			if err := enc.Encode(suiteProperties{Properties: []property{{Name: "control", Value: "C"}}}); err != nil {
				t.Fatal(err)
			}
		}
		var want bytes.Buffer
		enc := xml.NewEncoder(&want)
		enc.Indent("", "  ")
		prefix(enc)
		full := tc
		full.Name, full.Where = tc.fullName(), ""
		if err := enc.Encode(full); err != nil {
			t.Fatal(err)
		}
		var got bytes.Buffer
		bw := bufio.NewWriter(&got)
		enc = xml.NewEncoder(bw)
		enc.Indent("", "  ")
		prefix(enc)
		writeCase(bw, &tc)
		if err := bw.Flush(); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got.Bytes(), want.Bytes()) {
			t.Errorf("case %q:\n got %q\nwant %q", tc.Name, got.Bytes(), want.Bytes())
		}
	}
}

// TestEscapedIsEscapeText compares writeEscaped with xml.EscapeText on
// random strings of what XML escapes or forbids.
func TestEscapedIsEscapeText(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for range 5000 {
		s := jsontest.String(r) + string(rune(r.IntN(0x11000))) + jsontest.String(r)
		var want bytes.Buffer
		if err := xml.EscapeText(&want, []byte(s)); err != nil {
			t.Fatal(err)
		}
		var got bytes.Buffer
		w := bufio.NewWriter(&got)
		writeEscaped(w, s)
		w.Flush()
		if got.String() != want.String() {
			t.Fatalf("writeEscaped(%q) = %q, want %q", s, got.String(), want.String())
		}
	}
}

// TestNotAssessedCountsInWords: the skipped case of a control nothing was
// applicable to counts the subjects outside it in singular or plural.
func TestNotAssessedCountsInWords(t *testing.T) {
	for _, tt := range []struct {
		n    int
		want string
	}{
		{1, "not assessed: no gateway subject was applicable (1 gateway subject was outside what the control checks)"},
		{2, "not assessed: no gateway subject was applicable (2 gateway subjects were outside what the control checks)"},
	} {
		cr := assess.ControlResult{Control: &controls.Control{ID: "MCP-GW-01", Title: "t", Subject: evidence.KindGateway},
			Counts: assess.Counts{NotApplicable: tt.n}}
		s := newSuite(view.New(&assess.Results{}), &cr, "2026-01-01T00:00:00")
		if len(s.Cases) != 1 || s.Cases[0].Skipped == nil || s.Cases[0].Skipped.Message != tt.want {
			t.Errorf("%d not applicable: cases %+v, want one skipped with %q", tt.n, s.Cases, tt.want)
		}
	}
}

// TestFailureBodyIsBodyAndFindingLine compares failureBody with its
// definition, empty parts included.
func TestFailureBodyIsBodyAndFindingLine(t *testing.T) {
	reasons := [][]assess.Reason{nil, {{Detail: "d"}}, {{Path: "env.T", Detail: "d"}, {Detail: ""}}}
	for _, msg := range []string{"", "m", "two\nlines"} {
		for _, rs := range reasons {
			for _, rem := range []string{"", "fix it"} {
				for _, finding := range []string{"Finding: TG-0123456789", ""} {
					e := assess.Evaluation{Message: msg, Reasons: rs}
					want := body(e, rem) + "\n" + finding
					if got := failureBody(e, rem, finding); got != want {
						t.Errorf("failureBody(%q, %v, %q, %q) = %q, want %q", msg, rs, rem, finding, got, want)
					}
				}
			}
		}
	}
}

// TestTextEscapedInPieces checks that a body escaped piece by piece is the
// whole body escaped, for pieces that start or end inside a character,
// hold bytes that are not UTF-8, or are empty.
func TestTextEscapedInPieces(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	piece := func() string {
		s := jsontest.String(r)
		switch r.IntN(4) {
		case 0:
			return ""
		case 1:
			return "\xe2\x82" + s + "\xf0\x9f"
		}
		return s
	}
	for range 3000 {
		e := assess.Evaluation{Message: piece()}
		for range r.IntN(3) {
			e.Reasons = append(e.Reasons, assess.Reason{Path: piece(), Detail: piece()})
		}
		rem := []string{"", piece()}[r.IntN(2)]
		tx := failureText(e, rem, "Finding: ", piece(), []string{"", " (in the baseline)"}[r.IntN(2)])
		var want, got bytes.Buffer
		w := bufio.NewWriter(&want)
		writeEscaped(w, tx.String())
		w.Flush()
		w = bufio.NewWriter(&got)
		tx.writeEscaped(w)
		w.Flush()
		if got.String() != want.String() {
			t.Fatalf("%+v escaped in pieces:\n got %q\nwant %q", tx, got.String(), want.String())
		}
	}
}
