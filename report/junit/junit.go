// Package junit writes Tollgate results as JUnit XML for CI test reports: a
// test suite per control and a test case per control × subject. A failure
// is a <failure>, an evaluation error an <error>, and waived, manual and
// not-applicable pairs are <skipped> with the reason.
package junit

import (
	"bufio"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/tollgate-dev/tollgate/assess"
	"github.com/tollgate-dev/tollgate/report/internal/view"
)

// Options configure the JUnit report.
type Options struct {
	// Name is the name of the root <testsuites> element ("" = "tollgate").
	Name string
}

type testsuites struct {
	XMLName  xml.Name    `xml:"testsuites"`
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Errors   int         `xml:"errors,attr"`
	Skipped  int         `xml:"skipped,attr"`
	Suites   []testsuite `xml:"testsuite"`
}

type testsuite struct {
	Name       string     `xml:"name,attr"`
	Tests      int        `xml:"tests,attr"`
	Failures   int        `xml:"failures,attr"`
	Errors     int        `xml:"errors,attr"`
	Skipped    int        `xml:"skipped,attr"`
	Timestamp  string     `xml:"timestamp,attr,omitempty"`
	Properties []property `xml:"properties>property,omitempty"`
	Cases      []testcase `xml:"testcase"`
}

type property struct {
	Name  string `xml:"name,attr"`
	Value string `xml:"value,attr"`
}

type testcase struct {
	Name      string   `xml:"name,attr"`
	Classname string   `xml:"classname,attr"`
	File      string   `xml:"file,attr,omitempty"`
	Line      int      `xml:"line,attr,omitempty"`
	Failure   *problem `xml:"failure,omitempty"`
	Error     *problem `xml:"error,omitempty"`
	Skipped   *skipped `xml:"skipped,omitempty"`
}

type problem struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Body    string `xml:",chardata"`
}

type skipped struct {
	Message string `xml:"message,attr"`
}

// Write writes r as JUnit XML to w. Suites are built and encoded one at a
// time (the totals the root element carries are counted first), so the
// document is never held whole.
func Write(w io.Writer, r *assess.Results, opts Options) error {
	if r == nil {
		return fmt.Errorf("write JUnit: no results")
	}
	x := view.New(r)
	name := opts.Name
	if name == "" {
		name = "tollgate"
	}
	ts := r.Timestamp.UTC().Format("2006-01-02T15:04:05")
	var total testsuite
	for _, cr := range r.Controls {
		if cr.Control != nil {
			s := newSuite(x, cr, ts)
			total.Tests += s.Tests
			total.Failures += s.Failures
			total.Errors += s.Errors
			total.Skipped += s.Skipped
		}
	}
	bw := bufio.NewWriterSize(w, 256<<10)
	bw.WriteString(xml.Header)
	enc := xml.NewEncoder(bw)
	enc.Indent("", "  ")
	root := xml.StartElement{Name: xml.Name{Local: "testsuites"}, Attr: []xml.Attr{
		{Name: xml.Name{Local: "name"}, Value: name},
		{Name: xml.Name{Local: "tests"}, Value: strconv.Itoa(total.Tests)},
		{Name: xml.Name{Local: "failures"}, Value: strconv.Itoa(total.Failures)},
		{Name: xml.Name{Local: "errors"}, Value: strconv.Itoa(total.Errors)},
		{Name: xml.Name{Local: "skipped"}, Value: strconv.Itoa(total.Skipped)},
	}}
	if err := enc.EncodeToken(root); err != nil {
		return fmt.Errorf("write JUnit: %w", err)
	}
	for _, cr := range r.Controls {
		if cr.Control == nil {
			continue
		}
		if err := enc.Encode(newSuite(x, cr, ts)); err != nil {
			return fmt.Errorf("write JUnit: %w", err)
		}
	}
	if err := enc.EncodeToken(root.End()); err != nil {
		return fmt.Errorf("write JUnit: %w", err)
	}
	if err := enc.Flush(); err != nil {
		return fmt.Errorf("write JUnit: %w", err)
	}
	bw.WriteByte('\n')
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write JUnit: %w", err)
	}
	return nil
}

// newSuite is the suite of one control: a case per evaluation.
func newSuite(x *view.Index, cr assess.ControlResult, ts string) testsuite {
	c := cr.Control
	s := testsuite{Name: c.ID + ": " + c.Title, Timestamp: ts, Properties: []property{
		{Name: "control", Value: c.ID}, {Name: "severity", Value: c.Severity},
		{Name: "family", Value: c.Family}, {Name: "status", Value: string(cr.Status)},
	}}
	cases := cr.Evaluations
	if len(cases) == 0 {
		// Nothing was applicable: one skipped case says so, so the
		// control shows in CI instead of hiding in an empty suite.
		cases = []assess.Evaluation{{ControlID: c.ID, Verdict: assess.VerdictNotApplicable}}
	}
	for _, e := range cases {
		tc := newCase(x, cr, e)
		s.Tests++
		switch {
		case tc.Failure != nil:
			s.Failures++
		case tc.Error != nil:
			s.Errors++
		case tc.Skipped != nil:
			s.Skipped++
		}
		s.Cases = append(s.Cases, tc)
	}
	return s
}

// newCase renders one control × subject evaluation.
func newCase(x *view.Index, cr assess.ControlResult, e assess.Evaluation) testcase {
	c := cr.Control
	meta := x.Meta(e.SubjectID)
	name := meta.Name
	if loc := x.Location(e.SubjectID); loc != "" && loc != name {
		name += " (" + loc + ")"
	}
	if e.SubjectID == "" {
		// A manual control is judged once, by attestation, not per subject.
		name = "attestation"
	}
	tc := testcase{Name: name, Classname: c.ID, File: meta.Provenance.File, Line: meta.Provenance.Line}
	msg := e.Message
	switch e.Verdict {
	case assess.VerdictFail:
		tc.Failure = &problem{Message: orDefault(msg, c.Title), Type: c.Severity, Body: body(e, c.Remediation) + "\n" + findingLine(x, e)}
	case assess.VerdictError:
		tc.Error = &problem{Message: orDefault(msg, "the evaluation failed"), Type: "error", Body: body(e, "")}
	case assess.VerdictWaived:
		reason := "waived"
		if w := x.Waiver(e.Waiver); w != nil {
			reason = fmt.Sprintf("waived by %s until %s: %s", w.ID, w.Expires.UTC().Format("2006-01-02"), w.Justification)
		} else if e.Waiver != "" {
			reason = "waived by " + e.Waiver
		}
		tc.Skipped = &skipped{Message: reason}
	case assess.VerdictManual:
		tc.Skipped = &skipped{Message: "manual control: " + orDefault(msg, "needs a valid attestation")}
	case assess.VerdictNotApplicable:
		tc.Name = "no applicable subject"
		msg := fmt.Sprintf("not assessed: no %s subject was applicable", c.Subject)
		if n := cr.Counts.NotApplicable; n > 0 {
			msg += fmt.Sprintf(" (%d %s subjects were outside what the control checks)", n, c.Subject)
		}
		tc.Skipped = &skipped{Message: msg}
	}
	return tc
}

func body(e assess.Evaluation, remediation string) string {
	var lines []string
	if e.Message != "" {
		lines = append(lines, e.Message)
	}
	lines = append(lines, view.ReasonTexts(e.Reasons)...)
	if remediation != "" {
		lines = append(lines, "Remediation: "+remediation)
	}
	return strings.Join(lines, "\n")
}

// findingLine names the finding and, with a baseline, whether it is new.
func findingLine(x *view.Index, e assess.Evaluation) string {
	line := "Finding: " + e.FindingID()
	switch x.R.Baseline.State(e) {
	case assess.BaselineNew:
		line += " (new: not in the baseline)"
	case assess.BaselineUnchanged:
		line += " (in the baseline)"
	}
	return line
}

func orDefault(s, def string) string {
	if strings.TrimSpace(s) == "" {
		return def
	}
	return s
}
