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
	"unicode/utf8"

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
	Name string `xml:"name,attr"`
	// Where, when set, follows Name in parentheses in the case's name
	// (see fullName); writeCase writes it so without joining the two.
	Where     string   `xml:"-"`
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
	// text, when pieces is set, is the body in pieces, which writeCase
	// writes without joining them into Body.
	text   text
	pieces bool
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
	x := view.For(r)
	name := opts.Name
	if name == "" {
		name = "tollgate"
	}
	ts := r.Timestamp.UTC().Format("2006-01-02T15:04:05")
	var total testsuite
	for i := range r.Controls {
		if cr := &r.Controls[i]; cr.Control != nil {
			total.add(tally(suiteCases(cr)))
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
	for i := range r.Controls {
		cr := &r.Controls[i]
		if cr.Control == nil {
			continue
		}
		if err := writeSuite(enc, bw, x, cr, ts); err != nil {
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

// newSuite is the suite of one control: a case per evaluation. Write
// writes the same suite case by case (see writeSuite).
func newSuite(x *view.Index, cr *assess.ControlResult, ts string) testsuite {
	cases := suiteCases(cr)
	s := suiteHead(cr, ts)
	s.add(tally(cases))
	for i := range cases {
		tc := newCase(x, cr, &cases[i], new(problem))
		tc.Name, tc.Where = tc.fullName(), ""
		if p := tc.Failure; p != nil && p.pieces {
			p.Body, p.pieces = p.text.String(), false
		}
		s.Cases = append(s.Cases, tc)
	}
	return s
}

// fullName is the case's name: Name, with Where in parentheses when set.
func (tc *testcase) fullName() string {
	if tc.Where == "" {
		return tc.Name
	}
	return tc.Name + " (" + tc.Where + ")"
}

// suiteHead is the suite of one control without its cases.
func suiteHead(cr *assess.ControlResult, ts string) testsuite {
	c := cr.Control
	return testsuite{Name: c.ID + ": " + c.Title, Timestamp: ts, Properties: []property{
		{Name: "control", Value: c.ID}, {Name: "severity", Value: c.Severity},
		{Name: "family", Value: c.Family}, {Name: "status", Value: string(cr.Status)},
	}}
}

// suiteCases are the evaluations a control's suite has a case for: its
// evaluations, or, when nothing was applicable, one skipped case saying
// so, so that the control shows in CI instead of hiding in an empty suite.
func suiteCases(cr *assess.ControlResult) []assess.Evaluation {
	if len(cr.Evaluations) == 0 {
		return []assess.Evaluation{{ControlID: cr.Control.ID, Verdict: assess.VerdictNotApplicable}}
	}
	return cr.Evaluations
}

// tally counts the cases of evaluations as newCase renders them: a failure
// per fail, an error per error, skipped for waived, manual and
// not-applicable verdicts.
func tally(cases []assess.Evaluation) testsuite {
	var t testsuite
	for i := range cases {
		e := &cases[i]
		t.Tests++
		switch e.Verdict {
		case assess.VerdictFail:
			t.Failures++
		case assess.VerdictError:
			t.Errors++
		case assess.VerdictWaived, assess.VerdictManual, assess.VerdictNotApplicable:
			t.Skipped++
		}
	}
	return t
}

// add adds the counts of o to s.
func (s *testsuite) add(o testsuite) {
	s.Tests += o.Tests
	s.Failures += o.Failures
	s.Errors += o.Errors
	s.Skipped += o.Skipped
}

// suiteProperties is a suite's <properties> element.
type suiteProperties struct {
	XMLName    xml.Name   `xml:"properties"`
	Properties []property `xml:"property"`
}

// writeSuite writes newSuite(x, cr, ts) to enc, which writes to bw,
// encoding its cases one at a time instead of building them all first.
func writeSuite(enc *xml.Encoder, bw *bufio.Writer, x *view.Index, cr *assess.ControlResult, ts string) error {
	cases := suiteCases(cr)
	s := suiteHead(cr, ts)
	s.add(tally(cases))
	start := xml.StartElement{Name: xml.Name{Local: "testsuite"}, Attr: []xml.Attr{
		{Name: xml.Name{Local: "name"}, Value: s.Name},
		{Name: xml.Name{Local: "tests"}, Value: strconv.Itoa(s.Tests)},
		{Name: xml.Name{Local: "failures"}, Value: strconv.Itoa(s.Failures)},
		{Name: xml.Name{Local: "errors"}, Value: strconv.Itoa(s.Errors)},
		{Name: xml.Name{Local: "skipped"}, Value: strconv.Itoa(s.Skipped)},
	}}
	if s.Timestamp != "" {
		start.Attr = append(start.Attr, xml.Attr{Name: xml.Name{Local: "timestamp"}, Value: s.Timestamp})
	}
	if err := enc.EncodeToken(start); err != nil {
		return err
	}
	if err := enc.Encode(suiteProperties{Properties: s.Properties}); err != nil {
		return err
	}
	// The cases are written directly, after what enc holds, as enc would
	// write them.
	if err := enc.Flush(); err != nil {
		return err
	}
	var failure problem // every case's, each written before the next is made
	for i := range cases {
		tc := newCase(x, cr, &cases[i], &failure)
		writeCase(bw, &tc)
	}
	return enc.EncodeToken(start.End())
}

// writeCase writes a case to w exactly as an xml.Encoder indenting by two
// spaces writes it (with its full name) inside <testsuites><testsuite>
// after a complete element.
func writeCase(w *bufio.Writer, tc *testcase) {
	w.WriteString("\n    <testcase")
	w.WriteString(` name="`)
	writeEscaped(w, tc.Name)
	if tc.Where != "" {
		w.WriteString(" (")
		writeEscaped(w, tc.Where)
		w.WriteByte(')')
	}
	w.WriteByte('"')
	writeAttr(w, "classname", tc.Classname)
	if tc.File != "" {
		writeAttr(w, "file", tc.File)
	}
	if tc.Line != 0 {
		w.WriteString(` line="`)
		w.Write(strconv.AppendInt(w.AvailableBuffer(), int64(tc.Line), 10))
		w.WriteByte('"')
	}
	w.WriteByte('>')
	if tc.Failure != nil {
		writeProblem(w, "failure", tc.Failure)
	}
	if tc.Error != nil {
		writeProblem(w, "error", tc.Error)
	}
	if tc.Skipped != nil {
		w.WriteString("\n      <skipped")
		writeAttr(w, "message", tc.Skipped.Message)
		w.WriteString("></skipped>")
	}
	if tc.Failure != nil || tc.Error != nil || tc.Skipped != nil {
		w.WriteString("\n    ")
	}
	w.WriteString("</testcase>")
}

// writeProblem writes a case's failure or error element, named name.
func writeProblem(w *bufio.Writer, name string, p *problem) {
	w.WriteString("\n      <")
	w.WriteString(name)
	writeAttr(w, "message", p.Message)
	writeAttr(w, "type", p.Type)
	w.WriteByte('>')
	if p.pieces {
		p.text.writeEscaped(w)
	} else {
		writeEscaped(w, p.Body)
	}
	w.WriteString("</")
	w.WriteString(name)
	w.WriteByte('>')
}

// writeAttr writes an attribute as encoding/xml does, escaping its value
// as xml.EscapeText does.
func writeAttr(w *bufio.Writer, name, value string) {
	w.WriteByte(' ')
	w.WriteString(name)
	w.WriteString(`="`)
	writeEscaped(w, value)
	w.WriteByte('"')
}

// writeEscaped writes s escaped as xml.EscapeText escapes it: the five
// markup characters, tab, newline and carriage return as references, and
// a byte that is not UTF-8 or a character XML does not allow as U+FFFD.
func writeEscaped(w *bufio.Writer, s string) {
	start := plainPrefix(s)
	if start == len(s) {
		w.WriteString(s)
		return
	}
	last := 0
	for i := start; i < len(s); {
		r, width := utf8.DecodeRuneInString(s[i:])
		i += width
		var esc string
		switch r {
		case '"':
			esc = "&#34;"
		case '\'':
			esc = "&#39;"
		case '&':
			esc = "&amp;"
		case '<':
			esc = "&lt;"
		case '>':
			esc = "&gt;"
		case '\t':
			esc = "&#x9;"
		case '\n':
			esc = "&#xA;"
		case '\r':
			esc = "&#xD;"
		default:
			if xmlChar(r) && (r != utf8.RuneError || width > 1) {
				continue
			}
			esc = "\uFFFD"
		}
		w.WriteString(s[last : i-width])
		w.WriteString(esc)
		last = i
	}
	w.WriteString(s[last:])
}

// xmlChar reports whether XML allows r in a document.
func xmlChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D || r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}

// plainPrefix is the length of the longest prefix of s that XML escaping
// leaves as it is (printable ASCII but the five markup characters).
func plainPrefix(s string) int {
	for i := 0; i < len(s); i++ {
		if !plainByte[s[i]] {
			return i
		}
	}
	return len(s)
}

// plainByte holds the bytes XML escaping leaves as they are: printable
// ASCII but the five markup characters.
var plainByte = func() (t [256]bool) {
	for c := 0x20; c < 0x7f; c++ {
		t[c] = !strings.ContainsRune(`"'&<>`, rune(c))
	}
	return t
}()

// newCase renders one control × subject evaluation; a failure is made in
// *failure.
func newCase(x *view.Index, cr *assess.ControlResult, e *assess.Evaluation, failure *problem) testcase {
	c := cr.Control
	subject := x.Judged(e)
	meta, loc := subject.Meta(), subject.Location()
	tc := testcase{Name: meta.Name, Classname: c.ID, File: meta.Provenance.File, Line: meta.Provenance.Line}
	if loc != "" && loc != meta.Name {
		tc.Where = loc
	}
	if e.SubjectID == "" {
		// A manual control is judged once, by attestation, not per subject.
		tc.Name, tc.Where = "attestation", ""
	}
	msg := e.Message
	switch e.Verdict {
	case assess.VerdictFail:
		*failure = problem{Message: orDefault(msg, c.Title), Type: c.Severity,
			text: failureText(*e, c.Remediation, "Finding: ", e.FindingID(), baselineNote(x, e)), pieces: true}
		tc.Failure = failure
	case assess.VerdictError:
		tc.Error = &problem{Message: orDefault(msg, "the evaluation failed"), Type: "error", Body: body(*e, "")}
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
		tc.Name, tc.Where = "no applicable subject", ""
		msg := fmt.Sprintf("not assessed: no %s subject was applicable", c.Subject)
		if n := cr.Counts.NotApplicable; n > 0 {
			subjects, were := "subjects", "were"
			if n == 1 {
				subjects, were = "subject", "was"
			}
			msg += fmt.Sprintf(" (%d %s %s %s outside what the control checks)", n, c.Subject, subjects, were)
		}
		tc.Skipped = &skipped{Message: msg}
	}
	return tc
}

func body(e assess.Evaluation, remediation string) string {
	if remediation == "" {
		return view.ReasonLines(e.Message, "", e.Reasons)
	}
	return view.ReasonLines(e.Message, "", e.Reasons, "Remediation: ", remediation)
}

// failureBody is body(e, remediation) + "\n" + finding.
func failureBody(e assess.Evaluation, remediation, finding string) string {
	return failureText(e, remediation, finding).String()
}

// failureText is failureBody(e, remediation, finding) in pieces, the
// finding given in up to three.
func failureText(e assess.Evaluation, remediation string, finding ...string) text {
	t := text{head: e.Message, reasons: e.Reasons}
	switch {
	case remediation != "":
		n := copy(t.tail[:], []string{"Remediation: ", remediation, "\n"})
		copy(t.tail[n:], finding)
	case allEmpty(finding):
		t.trail = true
	default:
		copy(t.tail[:], finding)
		t.lead = e.Message == "" && len(e.Reasons) == 0 // body is empty
	}
	return t
}

// allEmpty reports whether every string of ss is empty.
func allEmpty(ss []string) bool {
	for _, s := range ss {
		if s != "" {
			return false
		}
	}
	return true
}

// text is a case's body in pieces: head, a line per reason (its
// view.ReasonText) and the concatenated tail, as view.ReasonLines joins
// them, after a new line when lead is set and before one when trail is.
type text struct {
	head        string
	reasons     []assess.Reason
	tail        [6]string
	lead, trail bool
}

// String joins t's pieces.
func (t text) String() string {
	var b strings.Builder
	t.write(b.WriteString)
	return b.String()
}

// writeEscaped writes String() escaped as writeEscaped escapes it. The
// pieces are escaped one at a time: where two of them meet, one side is
// ASCII (a new line, ": ", "Remediation: ", "Finding: ") or a string's
// start or end, and escaping decodes a byte that is not UTF-8 alone, so no
// character spans two pieces.
func (t *text) writeEscaped(w *bufio.Writer) {
	t.write(func(s string) (int, error) {
		writeEscaped(w, s)
		return len(s), nil
	})
}

// write hands t's pieces to out in order.
func (t *text) write(out func(string) (int, error)) {
	if t.lead {
		out("\n")
	}
	out(t.head)
	lines := len(t.head) // > 0 once a line is written
	for _, r := range t.reasons {
		if lines > 0 {
			out("\n")
		}
		lines++
		if r.Path != "" {
			out(r.Path)
			out(": ")
		}
		out(r.Detail)
	}
	last := 0
	for _, s := range t.tail {
		last += len(s)
	}
	if last > 0 {
		if lines > 0 {
			out("\n")
		}
		for _, s := range t.tail {
			out(s)
		}
	}
	if t.trail {
		out("\n")
	}
}

// baselineNote says, with a baseline, whether a failure is new.
func baselineNote(x *view.Index, e *assess.Evaluation) string {
	switch x.R.Baseline.State(*e) {
	case assess.BaselineNew:
		return " (new: not in the baseline)"
	case assess.BaselineUnchanged:
		return " (in the baseline)"
	}
	return ""
}

func orDefault(s, def string) string {
	if strings.TrimSpace(s) == "" {
		return def
	}
	return s
}
