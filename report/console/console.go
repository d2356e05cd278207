// Package console prints the summary of an assessment for a person at a
// terminal or a CI log: per framework, how many requirements are satisfied,
// not satisfied and not assessed; the failing controls with subject and
// file:line; the passes another subject earned (a server judged by the
// gateway in front of it), with their credit; waivers and attestations that expired; what could not be
// evaluated and why; where each report went; and the gate's verdict.
package console

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/tollgate-dev/tollgate/assess"
	"github.com/tollgate-dev/tollgate/controls"
	"github.com/tollgate-dev/tollgate/evidence"
	"github.com/tollgate-dev/tollgate/internal/words"
)

// Gate is the gate outcome the summary reports.
type Gate struct {
	Passed   bool     `json:"passed"`
	Reasons  []string `json:"reasons,omitempty"`
	Blocking int      `json:"blocking"`
	// Baselined counts the failures at or above FailOn that the baseline
	// already had, which do not block.
	Baselined int     `json:"baselined,omitempty"`
	Coverage  float64 `json:"coverage"`
	FailOn    string  `json:"fail_on"`
}

// File is one report written.
type File struct {
	Path        string `json:"path"`
	Description string `json:"description"`
}

// Options shape the summary.
type Options struct {
	// Color enables ANSI colours (only for terminals).
	Color bool
	// MaxFailures caps the failure lines printed (0 = 50); the counts are always complete.
	MaxFailures int
}

// Failure is one failing (or waived) control × subject pair.
type Failure struct {
	Control  string `json:"control"`
	Title    string `json:"title"`
	Severity string `json:"severity"`
	Subject  string `json:"subject"`
	Name     string `json:"name"`
	Location string `json:"location"`
	Message  string `json:"message"`
	Waived   bool   `json:"waived,omitempty"`
	// Baseline is "new" or "baseline" when the run has a baseline.
	Baseline string `json:"baseline,omitempty"`
	// file and line order failures by declaration (line 3 before line 11).
	file string
	line int
}

// FrameworkLine is one framework's requirement tally.
type FrameworkLine struct {
	ID           string `json:"id"`
	Title        string `json:"title"`
	Satisfied    int    `json:"satisfied"`
	NotSatisfied int    `json:"not_satisfied"`
	Waived       int    `json:"waived"`
	NotAssessed  int    `json:"not_assessed"`
	Manual       int    `json:"manual"`
	Error        int    `json:"error"`
}

// Summary is the machine-readable form of what the console shows.
type Summary struct {
	Tool      string `json:"tool"`
	Version   string `json:"version"`
	Timestamp string `json:"timestamp"`
	Servers   int    `json:"servers"`
	// Gateways, Workloads, Endpoints, Tools and Clients count the other
	// subjects judged: gateway configurations, Kubernetes workloads, probed
	// endpoints, tool definitions and clients' settings files.
	Gateways   int `json:"gateways"`
	Workloads  int `json:"workloads"`
	Endpoints  int `json:"endpoints"`
	Tools      int `json:"tools"`
	Clients    int `json:"clients"`
	Sources    int `json:"sources"`
	Unreadable int `json:"sources_not_fully_read"`
	// NotRead lists the sources counted in Unreadable: where, their status
	// and their first error.
	NotRead []NotRead `json:"sources_not_read"`
	// Unsupported counts files recognised as MCP-related (gateway,
	// Kubernetes) that no collector of this version reads.
	Unsupported int             `json:"sources_unsupported"`
	Counts      assess.Counts   `json:"counts"`
	Frameworks  []FrameworkLine `json:"frameworks"`
	Failures    []Failure       `json:"failures"`
	Waived      []Failure       `json:"waived"`
	// Credited are passes another subject earned, with the control's credit
	// (a server judged by the authentication of the gateway in front of it).
	Credited []Failure `json:"credited"`
	// Errors are the control × subject pairs that could not be evaluated.
	Errors []Failure `json:"errors"`
	Files  []File    `json:"files,omitempty"`
	// Expired are the waivers and attestations past their expiry, which no
	// longer apply: their failures fail again, their manual controls are
	// unattested.
	Expired []Expired `json:"expired"`
	// Baseline compares the run with its baseline, when it has one.
	Baseline *Baseline `json:"baseline,omitempty"`
	// History compares the run with the one before it in the history store.
	History *History `json:"history,omitempty"`
	// Policy is the organisation policy the run was given, when it was.
	Policy *Policy `json:"policy,omitempty"`
	Gate   Gate    `json:"gate"`
}

// Policy names the organisation policy of the run and what it holds.
type Policy struct {
	// Files are the policy's files as given, each with the first 12 hex
	// digits of its sha256.
	Files      []string `json:"files"`
	Approved   int      `json:"approved"`
	Denied     int      `json:"denied"`
	Required   int      `json:"required"`
	Exceptions int      `json:"exceptions"`
}

// Expired is a waiver or an attestation past its expiry.
type Expired struct {
	// Kind is "waiver" or "attestation".
	Kind    string `json:"kind"`
	ID      string `json:"id"`
	Control string `json:"control"`
	// Expires is the expiry date (YYYY-MM-DD, UTC).
	Expires string `json:"expires"`
	// Location is the file and line of its block.
	Location string `json:"location,omitempty"`
}

// History is the run's place in its history store.
type History struct {
	Store string `json:"store"`
	Scope string `json:"scope"`
	// Runs counts the runs of the history, this one included.
	Runs int `json:"runs"`
	// Previous is the previous run's assessment time ("" for the first run).
	Previous string `json:"previous"`
	New      int    `json:"new"`
	Fixed    int    `json:"fixed"`
}

// Baseline is the comparison of the run with its baseline.
type Baseline struct {
	Source    string `json:"source"`
	Timestamp string `json:"timestamp"`
	// New and Unchanged count the findings absent from the baseline and already in it.
	New       int `json:"new"`
	Unchanged int `json:"unchanged"`
	// Fixed are the baseline's findings that are gone.
	Fixed []Failure `json:"fixed"`
}

// NotRead is a source that was not fully read: a parse or schema error, a
// file too large or unreadable.
type NotRead struct {
	Location string `json:"location"`
	Status   string `json:"status"`
	// Message is the first error, with its line when known; "" when the
	// source records none.
	Message string `json:"message"`
}

// Summarise builds the summary of results.
func Summarise(r *assess.Results, gate Gate, files []File) Summary {
	s := Summary{
		Tool: r.Tool, Version: r.Version, Timestamp: r.Timestamp.UTC().Format("2006-01-02T15:04:05Z07:00"),
		Counts: r.Counts, Files: files, Gate: gate,
		Frameworks: []FrameworkLine{}, Failures: []Failure{}, Waived: []Failure{}, Credited: []Failure{}, Errors: []Failure{}, Expired: []Expired{},
		NotRead: []NotRead{},
	}
	location := func(file string, line int) string {
		if file == "" || line == 0 {
			return file
		}
		return fmt.Sprintf("%s:%d", file, line)
	}
	if p := r.Policy; p != nil {
		s.Policy = &Policy{Files: []string{}, Approved: p.Approved, Denied: p.Denied, Required: p.Required, Exceptions: p.Exceptions}
		for _, f := range p.Files {
			s.Policy.Files = append(s.Policy.Files, fmt.Sprintf("%s (sha256 %.12s)", f.Path, f.SHA256))
		}
	}
	for _, w := range r.Waivers {
		if w.Status == assess.WaiverExpired {
			s.Expired = append(s.Expired, Expired{Kind: "waiver", ID: w.ID, Control: w.Control, Expires: w.Expires.UTC().Format(time.DateOnly), Location: location(w.File, w.Line)})
		}
	}
	for _, a := range r.Attestations {
		if a.Status == assess.AttestationExpired {
			s.Expired = append(s.Expired, Expired{Kind: "attestation", ID: a.ID, Control: a.Control, Expires: a.Expires.UTC().Format(time.DateOnly), Location: location(a.File, a.Line)})
		}
	}
	byID := make(map[string]evidence.Subject, len(r.Subjects))
	for _, subj := range r.Subjects {
		byID[subj.Metadata().ID] = subj
		switch v := subj.(type) {
		case *evidence.Server:
			if !v.Ignored {
				s.Servers++
			}
		case *evidence.Gateway:
			s.Gateways++
		case *evidence.Workload:
			s.Workloads++
		case *evidence.Endpoint:
			s.Endpoints++
		case *evidence.Tool:
			s.Tools++
		case *evidence.Client:
			s.Clients++
		case *evidence.Source:
			s.Sources++
			switch v.Status {
			case evidence.StatusOK:
			case evidence.StatusUnsupported:
				s.Unsupported++
			default:
				s.Unreadable++
				s.NotRead = append(s.NotRead, notRead(v))
			}
		}
	}
	for _, fr := range r.Frameworks {
		s.Frameworks = append(s.Frameworks, FrameworkLine{
			ID: fr.Framework.ID, Title: fr.Framework.Title,
			Satisfied: fr.Tally.Satisfied, NotSatisfied: fr.Tally.NotSatisfied, Waived: fr.Tally.Waived, NotAssessed: fr.Tally.NotAssessed,
			Manual: fr.Tally.Manual, Error: fr.Tally.Error,
		})
	}
	for _, cr := range r.Controls {
		for _, ev := range cr.Evaluations {
			switch ev.Verdict {
			case assess.VerdictFail, assess.VerdictWaived, assess.VerdictError:
			case assess.VerdictPass:
				if ev.Message == "" || cr.Control.Manual {
					continue
				}
			default:
				continue
			}
			f := Failure{Control: cr.Control.ID, Title: cr.Control.Title, Severity: cr.Control.Severity,
				Subject: ev.SubjectID, Message: ev.Message, Waived: ev.Verdict == assess.VerdictWaived,
				Baseline: r.Baseline.State(ev)}
			if subj, ok := byID[ev.SubjectID]; ok {
				m := subj.Metadata()
				f.Name, f.Location = m.Name, m.Provenance.Location()
				f.file, f.line = m.Provenance.File, m.Provenance.Line
			}
			switch ev.Verdict {
			case assess.VerdictWaived:
				s.Waived = append(s.Waived, f)
			case assess.VerdictError:
				s.Errors = append(s.Errors, f)
			case assess.VerdictPass:
				s.Credited = append(s.Credited, f)
			default:
				s.Failures = append(s.Failures, f)
			}
		}
	}
	sortFailures(s.Failures)
	sortFailures(s.Waived)
	sortFailures(s.Errors)
	sortFailures(s.Credited)
	s.Baseline = summariseBaseline(r.Baseline, append(s.Failures, s.Waived...))
	if h := r.History; h != nil {
		s.History = &History{Store: h.Store, Scope: h.Scope, Runs: len(h.Runs), New: h.New, Fixed: h.Fixed}
		if !h.Previous.IsZero() {
			s.History.Previous = h.Previous.UTC().Format("2006-01-02T15:04:05Z07:00")
		}
	}
	return s
}

// summariseBaseline counts the findings new since the baseline and lists
// the baseline's fixed ones, or returns nil without a baseline.
func summariseBaseline(b *assess.Baseline, findings []Failure) *Baseline {
	if b == nil {
		return nil
	}
	out := &Baseline{Source: b.Source, Timestamp: b.Timestamp.UTC().Format("2006-01-02T15:04:05Z07:00"), Fixed: []Failure{}}
	for _, f := range findings {
		if f.Baseline == assess.BaselineNew {
			out.New++
		} else {
			out.Unchanged++
		}
	}
	for _, f := range b.Fixed {
		out.Fixed = append(out.Fixed, Failure{Control: f.Control, Title: f.Title, Severity: f.Severity,
			Subject: f.Subject, Name: f.SubjectName, Location: f.Location, Waived: f.Verdict == string(assess.VerdictWaived)})
	}
	sortFailures(out.Fixed)
	return out
}

// sortFailures orders by severity, then control, then file, line (as a
// number) and location.
func sortFailures(fs []Failure) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if ra, rb := controls.SeverityRank(a.Severity), controls.SeverityRank(b.Severity); ra != rb {
			return ra < rb
		}
		if a.Control != b.Control {
			return a.Control < b.Control
		}
		if a.file != b.file {
			return a.file < b.file
		}
		if a.line != b.line {
			return a.line < b.line
		}
		if a.Location != b.Location {
			return a.Location < b.Location
		}
		return a.Subject < b.Subject
	})
}

// errorGroup is one cause of evaluation errors: a subject and a message
// shared by the controls it left undecided.
type errorGroup struct {
	location, message string
	controls          int
}

// groupErrors folds errors with the same subject and message into one line:
// an unreadable file leaves every control of its kind undecided.
func groupErrors(errs []Failure) []errorGroup {
	var out []errorGroup
	index := map[[2]string]int{}
	for _, f := range errs {
		loc := f.Location
		if loc == "" {
			loc = f.Subject
		}
		k := [2]string{loc, f.Message}
		if i, ok := index[k]; ok {
			out[i].controls++
			continue
		}
		index[k] = len(out)
		out = append(out, errorGroup{location: loc, message: f.Message, controls: 1})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].location < out[j].location })
	return out
}

// WriteJSON writes the summary as indented JSON.
func WriteJSON(w io.Writer, s Summary) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		return fmt.Errorf("write summary: %w", err)
	}
	return nil
}

// WriteText writes the summary for people.
func WriteText(w io.Writer, s Summary, opts Options) error {
	p := painter{on: opts.Color}
	judged := []string{words.Count(s.Servers, "server")}
	for _, k := range []struct {
		n    int
		noun string
	}{{s.Gateways, "gateway"}, {s.Workloads, "workload"}, {s.Endpoints, "endpoint"}, {s.Tools, "tool definition"}, {s.Clients, "client"}} {
		if k.n > 0 {
			judged = append(judged, words.Count(k.n, k.noun))
		}
	}
	fmt.Fprintf(w, "%s %s: %s in %s", p.bold("Tollgate"), s.Version, strings.Join(judged, ", "), words.Count(s.Sources, "file"))
	if s.Unreadable > 0 {
		fmt.Fprintf(w, " (%s)", p.yellow(fmt.Sprintf("%d not fully read", s.Unreadable)))
	}
	if s.Unsupported > 0 {
		fmt.Fprintf(w, " (%d recognised but not collected by this version)", s.Unsupported)
	}
	fmt.Fprintf(w, "; %d checks: %d pass, %d fail, %d waived, %d error, %d manual\n",
		s.Counts.Pass+s.Counts.Fail+s.Counts.Waived+s.Counts.Error+s.Counts.Manual,
		s.Counts.Pass, s.Counts.Fail, s.Counts.Waived, s.Counts.Error, s.Counts.Manual)
	if pol := s.Policy; pol != nil {
		fmt.Fprintf(w, "Organisation policy %s: %d approved, %d denied, %d required, %s\n",
			strings.Join(pol.Files, ", "), pol.Approved, pol.Denied, pol.Required, words.Count(pol.Exceptions, "exception"))
	}
	fmt.Fprintln(w)

	if len(s.Frameworks) > 0 {
		width := len("FRAMEWORK")
		for _, f := range s.Frameworks {
			width = max(width, len(f.ID))
		}
		fmt.Fprintln(w, "Framework requirements, judged for their MCP scope only (what the mapped MCP controls examine):")
		fmt.Fprintf(w, "%-*s  %9s  %13s  %6s  %12s  %6s  %5s\n", width, "FRAMEWORK", "SCOPE MET", "SCOPE NOT MET", "WAIVED", "NOT ASSESSED", "MANUAL", "ERROR")
		for _, f := range s.Frameworks {
			fmt.Fprintf(w, "%-*s  %9d  %13d  %6d  %12d  %6d  %5d\n", width, f.ID, f.Satisfied, f.NotSatisfied, f.Waived, f.NotAssessed, f.Manual, f.Error)
		}
		fmt.Fprintln(w)
	}

	writeChecks(w, p.bold("Failing checks"), s.Failures, opts, func(f Failure) string {
		mark := ""
		if f.Baseline == assess.BaselineNew {
			mark = "  " + p.bold("[new]")
		}
		return fmt.Sprintf("%s %-16s %s  %s%s", p.severity(f.Severity), f.Control, oneLine(f.Name), f.Location, mark)
	})
	if n := len(s.Waived); n > 0 {
		fmt.Fprintf(w, "Waived failures: %d\n\n", n)
	}
	writeChecks(w, p.bold("Passing on credit"), s.Credited, opts, func(f Failure) string {
		return fmt.Sprintf("%s %-16s %s  %s", p.green(fmt.Sprintf("%-8s", "PASS")), f.Control, oneLine(f.Name), f.Location)
	})
	if n := len(s.Expired); n > 0 {
		fmt.Fprintf(w, "%s (%d):\n", p.bold("Expired, no longer applied"), n)
		for _, e := range s.Expired {
			fmt.Fprintf(w, "  %s %s  %s  expired %s  %s\n", p.yellow(fmt.Sprintf("%-11s", e.Kind)), e.ID, e.Control, e.Expires, e.Location)
		}
		fmt.Fprintln(w)
	}
	if b := s.Baseline; b != nil {
		fmt.Fprintf(w, "%s %s (%s): %d new, %d already in it, %d fixed\n", p.bold("Baseline"), b.Source, b.Timestamp, b.New, b.Unchanged, len(b.Fixed))
		for i, f := range b.Fixed {
			if i == maxLines(opts) {
				fmt.Fprintf(w, "  … and %d more fixed (see results.json)\n", len(b.Fixed)-i)
				break
			}
			fmt.Fprintf(w, "  %s %-16s %s  %s\n", p.green(fmt.Sprintf("%-8s", "FIXED")), f.Control, oneLine(f.Name), f.Location)
		}
		fmt.Fprintln(w)
	}
	if n := len(s.NotRead); n > 0 {
		fmt.Fprintf(w, "%s (%d):\n", p.bold("Not fully read"), n)
		for i, nr := range s.NotRead {
			if i == maxLines(opts) {
				fmt.Fprintf(w, "  … and %d more (see MCP-CONFIG-01 in the reports)\n", n-i)
				break
			}
			fmt.Fprintf(w, "  %s  %s\n", p.yellow(nr.Location), nr.Status)
			if nr.Message != "" {
				fmt.Fprintf(w, "      %s\n", oneLine(nr.Message))
			}
		}
		fmt.Fprintln(w)
	}
	if n := len(s.Errors); n > 0 {
		fmt.Fprintf(w, "%s (%s):\n", p.bold("Could not evaluate"), words.Count(n, "check"))
		groups := groupErrors(s.Errors)
		for i, g := range groups {
			if i == maxLines(opts) {
				fmt.Fprintf(w, "  … and %d more (see the reports)\n", len(groups)-i)
				break
			}
			fmt.Fprintf(w, "  %s  (%s)\n", p.yellow(oneLine(g.location)), words.Count(g.controls, "control"))
			if g.message != "" {
				fmt.Fprintf(w, "      %s\n", oneLine(g.message))
			}
		}
		fmt.Fprintln(w)
	}
	if h := s.History; h != nil {
		fmt.Fprintf(w, "%s %s of %s (run %d): ", p.bold("History"), h.Scope, h.Store, h.Runs)
		if h.Previous == "" {
			fmt.Fprintln(w, "the first run recorded")
		} else {
			fmt.Fprintf(w, "%d new, %d fixed since %s\n", h.New, h.Fixed, h.Previous)
		}
		fmt.Fprintln(w)
	}
	if len(s.Files) > 0 {
		fmt.Fprintln(w, p.bold("Reports:"))
		for _, f := range s.Files {
			fmt.Fprintf(w, "  %s  (%s)\n", f.Path, f.Description)
		}
		fmt.Fprintln(w)
	}
	WriteGate(w, s.Gate, opts)
	return nil
}

// writeChecks lists control × subject pairs under a title with their
// messages, at most maxLines of them; nothing when the list is empty.
func writeChecks(w io.Writer, title string, list []Failure, opts Options, head func(Failure) string) {
	n := len(list)
	if n == 0 {
		return
	}
	limit := maxLines(opts)
	fmt.Fprintf(w, "%s (%d):\n", title, n)
	for i, f := range list {
		if i == limit {
			fmt.Fprintf(w, "  … and %d more (see the reports)\n", n-limit)
			break
		}
		fmt.Fprintf(w, "  %s\n", head(f))
		if f.Message != "" {
			fmt.Fprintf(w, "      %s\n", oneLine(f.Message))
		}
	}
	fmt.Fprintln(w)
}

// WriteGate writes the one-line gate verdict.
func WriteGate(w io.Writer, g Gate, opts Options) {
	p := painter{on: opts.Color}
	if g.Passed {
		fmt.Fprintf(w, "Gate: %s (fail-on %s, coverage %.1f%%", p.green("PASSED"), g.FailOn, g.Coverage)
		if g.Baselined > 0 {
			fmt.Fprintf(w, "; %s at or above %s in the baseline", words.Count(g.Baselined, "failure"), g.FailOn)
		}
		fmt.Fprintln(w, ")")
		return
	}
	fmt.Fprintf(w, "Gate: %s: %s\n", p.red("FAILED"), strings.Join(g.Reasons, "; "))
}

func oneLine(s string) string {
	return strings.Join(strings.Fields(strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return ' '
		}
		return r
	}, s)), " ")
}

// painter adds ANSI colours when on.
type painter struct{ on bool }

func (p painter) wrap(code, s string) string {
	if !p.on {
		return s
	}
	return "\x1b[" + code + "m" + s + "\x1b[0m"
}
func (p painter) bold(s string) string   { return p.wrap("1", s) }
func (p painter) red(s string) string    { return p.wrap("31", s) }
func (p painter) green(s string) string  { return p.wrap("32", s) }
func (p painter) yellow(s string) string { return p.wrap("33", s) }

func (p painter) severity(s string) string {
	label := fmt.Sprintf("%-8s", strings.ToUpper(s))
	switch s {
	case "critical", "high":
		return p.red(label)
	case "medium":
		return p.yellow(label)
	}
	return label
}

// maxLines is how many failure (or error) lines are printed.
func maxLines(opts Options) int {
	if opts.MaxFailures <= 0 {
		return 50
	}
	return opts.MaxFailures
}

// notRead describes a source that was not fully read by its status and
// first error.
func notRead(src *evidence.Source) NotRead {
	nr := NotRead{Location: src.Provenance.Location(), Status: src.Status}
	if nr.Location == "" {
		nr.Location = src.Name
	}
	for _, d := range src.Diagnostics {
		if d.Severity == "error" {
			nr.Message = d.Message
			if d.Line > 0 {
				nr.Message = fmt.Sprintf("line %d: %s", d.Line, d.Message)
			}
			break
		}
	}
	return nr
}
